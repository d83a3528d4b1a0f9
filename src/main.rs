//! The `backcare` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    backcare::app::install_panic_hook();
    let cli = backcare::cli::Cli::parse();
    match backcare::app::run(cli) {
        Ok(code) => code,
        Err(error) => {
            if error
                .downcast_ref::<backcare::exit::Interrupted>()
                .is_none()
            {
                eprintln!("backcare: {error:#}");
            }
            backcare::exit::code_for(&error)
        }
    }
}
