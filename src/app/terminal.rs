//! The terminal facts of this run, captured once at start-up and passed down as data.

use crate::cli::ColorChoice;
use anstream::AutoStream;
use backcare::output::{Stream, Terminal};
use std::io::{self, IsTerminal};

/// Asks the operating system, once, what each stream is. Colour follows anstream's rules per
/// stream (`--color`, then `NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, `TERM=dumb`, a terminal),
/// as in other Rust command-line tools.
pub(crate) fn detect(choice: ColorChoice) -> Terminal {
    anstream::ColorChoice::from(choice).write_global();
    let stdout = io::stdout();
    let stderr = io::stderr();
    let stdout_size = terminal_size::terminal_size_of(&stdout);
    let stderr_size = terminal_size::terminal_size_of(&stderr);
    Terminal {
        stdin_is_terminal: io::stdin().is_terminal(),
        dumb: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        stdout: Stream {
            is_terminal: stdout.is_terminal(),
            columns: stdout_size.map(|(w, _)| w.0),
            rows: stdout_size.map(|(_, h)| h.0),
            color: AutoStream::choice(&stdout) != anstream::ColorChoice::Never,
        },
        stderr: Stream {
            is_terminal: stderr.is_terminal(),
            columns: stderr_size.map(|(w, _)| w.0),
            rows: stderr_size.map(|(_, h)| h.0),
            color: AutoStream::choice(&stderr) != anstream::ColorChoice::Never,
        },
    }
}
