//! `batch`: the library screens the lines; this maps what happened to an exit code.

use crate::exit::{self, BadInput};
use anyhow::Result;
use backcare::knowledge::KnowledgeBase;
use backcare::{batch, input};
use std::io::{self, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// `batch`: exit 0 when every line gave a result, 1 when any line was rejected (the run still
/// went to the end), 2 when the input cannot be read.
pub(crate) fn run(kb: &KnowledgeBase, path: &Path, brief: bool) -> Result<ExitCode> {
    let name = input::display_name(path);
    let reader = input::open(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
    let mut out = BufWriter::new(io::stdout().lock());
    let summary = batch::run(kb, BufReader::new(reader), &mut out, brief);
    let flushed = out.flush();
    let broken_pipe = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    match summary {
        Err(batch::BatchError::Read(e)) => Err(BadInput(format!("{name}: {e}")).into()),
        // Whoever reads the results stopped reading (`| head`): nothing is wrong.
        Err(batch::BatchError::Write(e)) if broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        Err(batch::BatchError::Write(e)) => {
            Err(anyhow::Error::new(e).context("could not write to standard output"))
        }
        Ok(_) if flushed.as_ref().is_err_and(broken_pipe) => Ok(ExitCode::SUCCESS),
        Ok(summary) => {
            flushed
                .map_err(|e| anyhow::Error::new(e).context("could not write to standard output"))?;
            Ok(if summary.rejected == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(exit::FAILURE)
            })
        }
    }
}
