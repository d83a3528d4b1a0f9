//! `journal list | export | import | forget`.

use super::Config;
use crate::cli::JournalCommand;
use anyhow::{Result, bail};
use std::process::ExitCode;

/// Runs one `journal` action on the journal `config` names.
pub(crate) fn run(_config: &Config, _action: JournalCommand) -> Result<ExitCode> {
    bail!("the journal commands are being written")
}
