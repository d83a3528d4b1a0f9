//! Exit codes, the errors that choose them, and the last words of a failed run.

use backcare::interrupt::Interrupted;
use std::any::Any;
use std::fmt;
use std::io;
use std::process::ExitCode;

/// Bad input (rules, answers, flags): exit 2 with this one-line cause.
#[derive(Debug)]
pub(crate) struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// `batch` rejected a line, or a command failed for another reason (a write error).
pub(crate) const FAILURE: u8 = 1;
/// Bad input: rules, answers or flags.
pub(crate) const BAD_INPUT: u8 = 2;
/// Ctrl-C, as a shell reports SIGINT (128 + 2).
pub(crate) const INTERRUPTED: u8 = 130;
/// A bug: the panic hook's code, as Rust's own for a panic.
pub(crate) const INTERNAL_ERROR: i32 = 101;

/// Prints why a command failed (nothing for Ctrl-C, which the person chose) and gives the exit
/// code.
pub(crate) fn report(error: &anyhow::Error) -> ExitCode {
    if error.downcast_ref::<Interrupted>().is_some() {
        // Start a fresh line, so the shell prompt does not land inside a half-drawn prompt or
        // countdown, and say that this was a stop rather than a failure.
        anstream::eprintln!("\nbackcare: stopped.");
        return ExitCode::from(INTERRUPTED);
    }
    // Every line escaped and cut: messages quote ids and text from files and the command line.
    let text = format!("{error:#}");
    let mut lines = text.lines();
    if let Some(first) = lines.next() {
        anstream::eprintln!("backcare: {}", backcare::sanitize::message_line(first));
    }
    for line in lines {
        anstream::eprintln!("{}", backcare::sanitize::message_line(line));
    }
    if error.downcast_ref::<BadInput>().is_some() {
        ExitCode::from(BAD_INPUT)
    } else {
        ExitCode::from(FAILURE)
    }
}

/// `--help`, `--version` (exit 0 once printed) or a usage error (exit 2). Printing `--help` to a
/// full disk or a closed pipe is a failure to say so, not a silent success.
pub(crate) fn command_line(error: &clap::Error) -> ExitCode {
    // clap's own code: 0 for --help and --version, 2 for a usage error.
    let asked = error.exit_code() == 0;
    let printed = error
        .print()
        .and_then(|()| io::Write::flush(&mut io::stdout()));
    match (asked, printed) {
        (true, Ok(())) => ExitCode::SUCCESS,
        (true, Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (true, Err(e)) => {
            anstream::eprintln!("backcare: could not write to standard output: {e}");
            ExitCode::from(FAILURE)
        }
        (false, _) => ExitCode::from(BAD_INPUT),
    }
}

/// Shorthand for returning bad input.
pub(crate) fn bad_input<T>(message: impl Into<String>) -> anyhow::Result<T> {
    Err(BadInput(message.into()).into())
}

/// A last line of defence: a bug must not print a stack trace at a person in pain. The terminal
/// is put back first, in case the player or a prompt had it in raw mode; then the panic's message
/// and place, and exit 101.
pub(crate) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let _ = crossterm::terminal::disable_raw_mode();
        let _ = crossterm::execute!(io::stderr(), crossterm::cursor::Show);
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = panic_message(info.payload());
        eprintln!("backcare: internal error{place}: {message}; please report it.");
        std::process::exit(INTERNAL_ERROR);
    }));
}

/// The text a panic was raised with: `panic!("...")` gives a `&str` or a `String`.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_message_is_found_in_either_payload() {
        assert_eq!(panic_message(&"index out of bounds"), "index out of bounds");
        assert_eq!(panic_message(&String::from("formatted 7")), "formatted 7");
        assert_eq!(panic_message(&7_u8), "no message");
    }

    #[test]
    fn interrupted_is_130_and_bad_input_is_2() {
        assert_eq!(report(&Interrupted.into()), ExitCode::from(INTERRUPTED));
        assert_eq!(
            report(&BadInput("x".to_owned()).into()),
            ExitCode::from(BAD_INPUT)
        );
        assert_eq!(
            report(&anyhow::anyhow!("disk full")),
            ExitCode::from(FAILURE)
        );
    }
}
