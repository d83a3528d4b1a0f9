//! Exit codes and the errors that choose them.

use std::fmt;
use std::process::ExitCode;

/// Bad input (rules, answers, flags): exit 2 with this one-line cause.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// The person pressed Ctrl-C: exit 130, as a shell does for SIGINT.
#[derive(Debug)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

pub const SUCCESS: u8 = 0;
pub const FAILURE: u8 = 1;
pub const BAD_INPUT: u8 = 2;
pub const INTERRUPTED: u8 = 130;

/// The exit code for an error that ended a command.
pub fn code_for(error: &anyhow::Error) -> ExitCode {
    if error.downcast_ref::<Interrupted>().is_some() {
        ExitCode::from(INTERRUPTED)
    } else if error.downcast_ref::<BadInput>().is_some() {
        ExitCode::from(BAD_INPUT)
    } else {
        ExitCode::from(FAILURE)
    }
}

/// Shorthand for returning bad input.
pub fn bad_input<T>(message: impl Into<String>) -> anyhow::Result<T> {
    Err(BadInput(message.into()).into())
}
