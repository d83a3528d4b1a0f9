//! `backcare batch`: JSON Lines of answer sets in, one compact JSON result per line out.
//!
//! Streams line by line with one reused buffer, so memory stays flat however long the input.

use crate::engine::{RoutineChoice, decide, parse_answers};
use crate::exit::BadInput;
use crate::input::MAX_LINE_BYTES;
use crate::knowledge::KnowledgeBase;
use crate::report;
use anyhow::Result;
use serde_json::json;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Runs a batch from `path` (`-` for standard input) to standard output. Exit 0 when every line
/// gave a result, 1 when any line was rejected, 2 when the input cannot be read.
pub fn run(kb: &KnowledgeBase, path: &Path, brief: bool) -> Result<ExitCode> {
    let name = if path.as_os_str() == "-" {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        if path.is_dir() {
            return Err(BadInput(format!("{name}: is a directory, not a file")).into());
        }
        Box::new(
            File::open(path)
                .map_err(|e| BadInput(format!("{name}: {}", crate::input::describe_io(&e))))?,
        )
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let summary = screen(kb, BufReader::new(reader), &mut out, brief);
    let flushed = out.flush();
    match summary {
        Err(BatchError::Read(e)) => Err(BadInput(format!("{name}: {e}")).into()),
        Err(BatchError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(BatchError::Write(e)) => Err(e.into()),
        Ok(_)
            if flushed
                .as_ref()
                .is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        Ok(summary) => {
            flushed?;
            Ok(if summary.rejected == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(crate::exit::FAILURE)
            })
        }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub lines: u64,
    pub rejected: u64,
}

#[derive(Debug)]
pub enum BatchError {
    Read(String),
    Write(io::Error),
}

/// Screens every line of `input`, writing one result line per input line. Blank lines are
/// skipped (they carry no answer set) but still counted, so line numbers match an editor's.
pub fn screen(
    kb: &KnowledgeBase,
    mut input: impl BufRead,
    out: &mut impl Write,
    brief: bool,
) -> Result<Summary, BatchError> {
    let mut summary = Summary::default();
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        let read = (&mut input)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buffer)
            .map_err(|e| BatchError::Read(crate::input::describe_io(&e)))?;
        if read == 0 {
            return Ok(summary);
        }
        summary.lines += 1;
        let line_no = summary.lines;
        let result = if buffer.len() > MAX_LINE_BYTES && buffer.last() != Some(&b'\n') {
            // Skip the rest of an over-long line without holding it in memory.
            skip_line(&mut input).map_err(|e| BatchError::Read(crate::input::describe_io(&e)))?;
            Err(format!("line is longer than {} bytes", MAX_LINE_BYTES))
        } else {
            match std::str::from_utf8(&buffer) {
                Err(e) => Err(format!(
                    "not valid UTF-8 (bad byte at offset {})",
                    e.valid_up_to()
                )),
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => parse_answers(kb, text.trim_start_matches('\u{feff}')),
            }
        };
        let line = match result {
            Ok(parsed) => {
                if brief {
                    let d = decide(kb, &parsed.answers);
                    let routine = match d.routine {
                        RoutineChoice::Chosen { routine, .. } => {
                            Some(kb.routines[routine].id.as_str())
                        }
                        _ => None,
                    };
                    serde_json::to_string(&json!({ "urgency": d.urgency, "routine": routine }))
                } else {
                    serde_json::to_string(&report::build(kb, &parsed.answers, &parsed.ignored))
                }
            }
            Err(error) => {
                summary.rejected += 1;
                serde_json::to_string(&json!({ "line": line_no, "error": error }))
            }
        };
        let line = line.map_err(|e| BatchError::Write(io::Error::other(e)))?;
        out.write_all(line.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .map_err(BatchError::Write)?;
    }
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                input.consume(n);
            }
        }
    }
}
