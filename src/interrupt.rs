//! The person stopped a prompt or the player (Ctrl-C, or the terminal went away).

use std::fmt;

/// The person pressed Ctrl-C, or the terminal stopped answering. The binary exits 130, as a
/// shell does for SIGINT, and prints nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}
