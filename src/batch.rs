//! `backcare batch`: JSON Lines of answer sets in, one compact JSON result per line out.
//!
//! Each line is an answers object or a FHIR `QuestionnaireResponse` on one line. Streams line by line with one reused buffer, so memory stays flat however long the input.

use crate::engine::{RoutineChoice, decide};
use crate::fhir::read_any_answers;
use crate::input::{MAX_LINE_BYTES, describe_io};
use crate::knowledge::KnowledgeBase;
use crate::output::{JsonLayout, json};
use crate::report;
use serde_json::json;
use std::io::{self, BufRead, Read, Write};

/// What a run saw: how many lines, how many of them rejected. The binary exits 1 when any line
/// was rejected (the run still went on to the end).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Lines read, blank ones included.
    pub lines: u64,
    /// Lines whose answers could not be read; each got an error line.
    pub rejected: u64,
}

/// Why a run stopped before the end of its input.
#[derive(Debug)]
pub enum BatchError {
    /// The input could not be read; a short sentence meant to follow its name.
    Read(String),
    /// The output could not be written (a closed pipe, a full disk).
    Write(io::Error),
}

/// Screens every line of `input`, writing one result line per input line. Blank lines are
/// skipped (they carry no answer set) but still counted, so line numbers match an editor's.
pub fn run(
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
            .map_err(|e| BatchError::Read(describe_io(&e)))?;
        if read == 0 {
            return Ok(summary);
        }
        summary.lines += 1;
        let line_no = summary.lines;
        let result = if buffer.len() > MAX_LINE_BYTES && buffer.last() != Some(&b'\n') {
            // Skip the rest of an over-long line without holding it in memory.
            skip_line(&mut input).map_err(|e| BatchError::Read(describe_io(&e)))?;
            Err(format!("line is longer than {MAX_LINE_BYTES} bytes"))
        } else {
            match std::str::from_utf8(&buffer) {
                Err(e) => Err(format!(
                    "not valid UTF-8 (bad byte at offset {})",
                    e.valid_up_to()
                )),
                Ok(text) => {
                    let text = text.trim_start_matches('\u{feff}');
                    if text.trim().is_empty() {
                        continue;
                    }
                    line_problem(text)
                        .map_or_else(|| read_any_answers(kb, text), Err)
                        .map_err(|e| within_line(&e))
                }
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
                    json(
                        &json!({ "urgency": d.urgency, "routine": routine }),
                        JsonLayout::Line,
                    )
                } else {
                    json(
                        &report::build(kb, &parsed.answers, &parsed.ignored),
                        JsonLayout::Line,
                    )
                }
            }
            Err(error) => {
                summary.rejected += 1;
                json(
                    &json!({ "line": line_no, "error": error }),
                    JsonLayout::Line,
                )
            }
        };
        let line = line.map_err(|e| BatchError::Write(io::Error::other(e)))?;
        out.write_all(line.as_bytes()).map_err(BatchError::Write)?;
    }
}

/// Problems with a line as a whole, worth a clearer message than the JSON parser would give.
fn line_problem(text: &str) -> Option<String> {
    let body = text.trim_end_matches(['\n', '\r']);
    if body.contains('\r') {
        return Some(
            "holds carriage returns without line feeds (old Mac line endings), so several answer \
             sets ran together; save the file with ordinary line endings"
                .to_owned(),
        );
    }
    let trimmed = body.trim();
    if trimmed == "{" || (trimmed.starts_with('{') && !trimmed.ends_with('}')) {
        return Some(
            "the answer set does not end on this line; batch reads JSON Lines, one whole \
             object per line (pretty-printed JSON spreads one object over many lines)"
                .to_owned(),
        );
    }
    if !trimmed.starts_with('{') {
        return Some(
            "is not a JSON object; each line holds one answer set, like {\"age\": 40, ...}"
                .to_owned(),
        );
    }
    None
}

/// A parser position inside one line: "at line 1 column 20" says nothing the line number does
/// not, so only the column stays.
fn within_line(message: &str) -> String {
    match message.rfind(" at line 1 column ") {
        Some(at) => format!("{} at column {}", &message[..at], &message[at + 18..]),
        None => message.to_owned(),
    }
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        if let Some(i) = chunk.iter().position(|b| *b == b'\n') {
            input.consume(i + 1);
            return Ok(());
        }
        let n = chunk.len();
        input.consume(n);
    }
}
