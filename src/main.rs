//! The `backcare` binary: parse the command line, run, map the outcome to an exit code.
//!
//! The glue lives here, in the binary crate, so the library cannot call back into it: `cli` (the
//! clap definitions), `app` (one function per command, on a resolved `Config`) and `exit` (exit
//! codes, error messages, the panic hook).

mod app;
mod cli;
mod exit;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    exit::install_panic_hook();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return exit::command_line(&error),
    };
    app::run(cli).unwrap_or_else(|error| exit::report(&error))
}
