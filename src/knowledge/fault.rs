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
///
/// Build one with [`Faults::new`] or [`Faults::from_vec`] and read it with [`Faults::first`] and
/// [`Faults::iter`]. The field is still `pub` only because `app` reads it directly; once that
/// code uses the accessors it becomes private, making "never empty" a guarantee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faults(pub Vec<Fault>);

static BLANK: Fault = Fault {
    file: String::new(),
    line: 0,
    column: 0,
    path: String::new(),
    message: String::new(),
};

impl Faults {
    /// One fault.
    pub fn new(first: Fault) -> Faults {
        Faults(vec![first])
    }

    /// The faults, or `None` when there are none (nothing went wrong).
    pub fn from_vec(faults: Vec<Fault>) -> Option<Faults> {
        (!faults.is_empty()).then_some(Faults(faults))
    }

    /// The first fault in file order: the one to show when there is room for one.
    pub fn first(&self) -> &Fault {
        // Non-empty when built by `new` or `from_vec`; the blank fault stands in only for a
        // `Faults(vec![])` written by hand while the field is public.
        self.0.first().unwrap_or(&BLANK)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Fault> {
        self.0.iter()
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
        Ok(())
    }
}

impl std::error::Error for Faults {}
