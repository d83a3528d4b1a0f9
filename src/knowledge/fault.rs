//! Faults found in a knowledge base, each pinned to a file, a line and column, and a JSON path.

use std::fmt;

// Kept here for callers that still import them from `knowledge::fault`.
pub use crate::suggest::{closest_id, unknown_id};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub file: String,
    /// 1-based; 0 when the fault concerns the file as a whole (missing, unreadable).
    pub line: usize,
    pub column: usize,
    /// Where in the document, like `rules[3].when.all[0].question`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, ": at {}", short_path(&self.path))?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A JSON path cut to its start and end when it is long (deeply nested input), so the message
/// stays one readable line.
fn short_path(path: &str) -> std::borrow::Cow<'_, str> {
    const KEEP: usize = 40;
    if path.len() <= 2 * KEEP + 3 || !path.is_ascii() {
        return path.into();
    }
    format!("{}...{}", &path[..KEEP], &path[path.len() - KEEP..]).into()
}

/// Every fault found, in file order; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faults(pub Vec<Fault>);

impl fmt::Display for Faults {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, fault) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{fault}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Faults {}
