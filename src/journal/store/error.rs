//! What can go wrong with the journal file, each said in one line that names the path, what is
//! wrong and what to do about it.

use rusqlite::ErrorCode;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Why the journal could not be opened, read or written.
#[derive(Debug)]
#[non_exhaustive]
pub enum JournalError {
    /// The file is not an SQLite database, or is another program's.
    NotAJournal {
        /// The journal's path.
        path: PathBuf,
        /// What the file is instead.
        why: String,
    },
    /// The file is a journal, but damaged (cut short, or pages SQLite reports as corrupt).
    Damaged {
        /// The journal's path.
        path: PathBuf,
        /// What is damaged.
        detail: String,
    },
    /// Written by a newer backcare: its schema is one this backcare does not know.
    TooNew {
        /// The journal's path.
        path: PathBuf,
        /// The file's schema version.
        found: u32,
        /// The newest schema this backcare knows.
        known: u32,
    },
    /// A row holds a value this backcare cannot read (edited by hand, say).
    BadRow {
        /// The journal's path.
        path: PathBuf,
        /// The table.
        table: &'static str,
        /// The row's `id`.
        id: i64,
        /// Which column, and what is wrong with it.
        detail: String,
    },
    /// A record that cannot be kept as it is (a rating above 10...); nothing was written.
    Refused {
        /// The journal's path.
        path: PathBuf,
        /// Which field, and what is wrong with it.
        detail: String,
    },
    /// The file or its folder could not be read, created or removed.
    Io {
        /// The journal's path.
        path: PathBuf,
        /// What was being done ("create the folder /x", "read the file").
        doing: String,
        /// The operating system's error.
        source: io::Error,
    },
    /// SQLite failed for another reason (disk full, locked for too long, read-only...).
    Sqlite {
        /// The journal's path.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
}

impl JournalError {
    /// The journal's path.
    pub fn path(&self) -> &Path {
        match self {
            JournalError::NotAJournal { path, .. }
            | JournalError::Damaged { path, .. }
            | JournalError::TooNew { path, .. }
            | JournalError::BadRow { path, .. }
            | JournalError::Refused { path, .. }
            | JournalError::Io { path, .. }
            | JournalError::Sqlite { path, .. } => path,
        }
    }

    /// Something about the file or the input is wrong, which the person can fix (exit 2), as
    /// opposed to the machine failing a correct request (a full disk, a lock held too long).
    pub fn is_bad_input(&self) -> bool {
        match self {
            JournalError::Sqlite { source, .. } => matches!(
                source.sqlite_error_code(),
                Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
            ),
            _ => true,
        }
    }

    /// Sorts SQLite's error: a file that is not a database, or is damaged, is said so.
    pub(super) fn from_sqlite(path: &Path, source: rusqlite::Error) -> JournalError {
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => JournalError::NotAJournal {
                path,
                why: "file is not a database".to_owned(),
            },
            Some(ErrorCode::DatabaseCorrupt) => JournalError::Damaged {
                path,
                detail: "SQLite reports a damaged page".to_owned(),
            },
            _ => JournalError::Sqlite { path, source },
        }
    }
}

impl fmt::Display for JournalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.path().display();
        match self {
            JournalError::NotAJournal { why, .. } => write!(
                f,
                "{shown}: not a backcare journal ({why}); move it away or use --journal PATH"
            ),
            JournalError::Damaged { detail, .. } => write!(
                f,
                "{shown}: the journal is damaged ({detail}); move it aside to keep it (the \
                 sqlite3 shell's .recover may save its rows) and backcare starts a new one, or \
                 use --journal PATH"
            ),
            JournalError::TooNew { found, known, .. } => write!(
                f,
                "{shown} was written by a newer backcare (schema {found}, this one knows \
                 {known}); update backcare, or use --journal PATH for a new journal"
            ),
            JournalError::BadRow {
                table, id, detail, ..
            } => write!(
                f,
                "{shown}: row {id} of {table} cannot be read ({detail}); correct or delete it \
                 with the sqlite3 shell, or use --journal PATH"
            ),
            JournalError::Refused { detail, .. } => {
                write!(
                    f,
                    "{shown}: cannot keep this row ({detail}); nothing was written"
                )
            }
            JournalError::Io { doing, source, .. } => {
                let fix = if source.kind() == io::ErrorKind::PermissionDenied {
                    "check that it and its folder are yours and writable, or use --journal PATH"
                } else {
                    "or use --journal PATH"
                };
                write!(f, "{shown}: cannot {doing} ({source}); {fix}")
            }
            JournalError::Sqlite { source, .. } => match source.sqlite_error_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => write!(
                    f,
                    "{shown}: the journal stayed locked by another program for over 5 seconds; \
                     close other backcare runs and try again"
                ),
                Some(ErrorCode::DiskFull) => write!(
                    f,
                    "{shown}: the disk is full, nothing was written; free some space and try again"
                ),
                Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => write!(
                    f,
                    "{shown}: the journal cannot be written (read-only); check that it and its \
                     folder are yours and writable, or use --journal PATH"
                ),
                Some(ErrorCode::CannotOpen) => write!(
                    f,
                    "{shown}: the journal or its -wal file beside it cannot be opened; check \
                     that its folder is yours and writable, or use --journal PATH"
                ),
                _ => write!(
                    f,
                    "{shown}: the journal cannot be used ({source}); try again, or use \
                     --journal PATH"
                ),
            },
        }
    }
}

impl std::error::Error for JournalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            JournalError::Io { source, .. } => Some(source),
            JournalError::Sqlite { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A failure inside the store before the path is put on it.
#[derive(Debug)]
pub(super) enum Fault {
    Sqlite(rusqlite::Error),
    Row {
        table: &'static str,
        id: i64,
        detail: String,
    },
    Refused(String),
}

impl Fault {
    pub(super) fn at(self, path: &Path) -> JournalError {
        match self {
            Fault::Sqlite(e) => JournalError::from_sqlite(path, e),
            Fault::Row { table, id, detail } => JournalError::BadRow {
                path: path.to_path_buf(),
                table,
                id,
                detail,
            },
            Fault::Refused(detail) => JournalError::Refused {
                path: path.to_path_buf(),
                detail,
            },
        }
    }
}

impl From<rusqlite::Error> for Fault {
    fn from(e: rusqlite::Error) -> Fault {
        Fault::Sqlite(e)
    }
}
