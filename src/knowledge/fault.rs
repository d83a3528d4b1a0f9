//! Faults found in a knowledge base, each pinned to a file, a line and column, and a JSON path.

use std::fmt;

// Kept here for callers that still import them from `knowledge::fault`.
pub use crate::suggest::{closest_id, unknown_id};

/// One fault in a rule file, located for the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// How the file is named: `rules/triage.json` or the path given.
    pub file: String,
    /// 1-based; 0 when the fault concerns the file as a whole (missing, unreadable).
    pub line: usize,
    /// 1-based; 0 when `line` is.
    pub column: usize,
    /// Where in the document, like `rules[3].when.all[0].question`; empty for the whole file.
    pub path: String,
    /// What is wrong and, where it can tell, how to fix it.
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

/// Every fault found, in file order; never empty. Past a limit, faults are counted rather than
/// listed (`unlisted`): locating each one costs a walk of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faults {
    list: Vec<Fault>,
    unlisted: usize,
}

impl Faults {
    /// One fault.
    pub fn new(first: Fault) -> Faults {
        Faults {
            list: vec![first],
            unlisted: 0,
        }
    }

    /// The faults, or `None` when there are none (nothing went wrong).
    pub fn from_vec(faults: Vec<Fault>) -> Option<Faults> {
        (!faults.is_empty()).then_some(Faults {
            list: faults,
            unlisted: 0,
        })
    }

    /// These faults, and `more` found after them that were not located.
    #[must_use]
    pub fn with_unlisted(mut self, more: usize) -> Faults {
        self.unlisted += more;
        self
    }

    /// The first fault in file order: the one to show when there is room for one.
    pub fn first(&self) -> &Fault {
        // Never empty: both constructors hold at least one fault.
        &self.list[0]
    }

    /// The faults listed, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Fault> {
        self.list.iter()
    }

    /// Every fault found, listed or not.
    pub fn total(&self) -> usize {
        self.list.len() + self.unlisted
    }

    /// Faults found but not listed.
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }
}

impl fmt::Display for Faults {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, fault) in self.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{fault}")?;
        }
        if self.unlisted > 0 {
            write!(
                f,
                "\n(and {} more faults not listed; fix these first)",
                self.unlisted
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Faults {}
