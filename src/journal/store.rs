//! The journal file: one SQLite database, private to the person (0600 in a 0700 folder), in
//! write-ahead-log mode with a busy timeout so two terminals can use it at once. Every write is
//! one transaction; reading is one query per table.
//!
//! A file that is not a journal, is damaged or comes from a newer backcare is refused with a
//! one-line [`JournalError`] and never written to: the header is read before SQLite is given
//! the file ([`header`]), and the schema is checked before anything is migrated ([`schema`]).

mod error;
mod header;
mod rows;
mod schema;

pub use error::JournalError;

use crate::journal::{CheckRecord, Entry, LevelChange, SessionRecord};
use error::Fault;
use header::{Found, beside};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The newest schema version this backcare writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = schema::LATEST;

/// How long a write waits for another terminal's transaction to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open journal.
#[derive(Debug)]
pub struct Journal {
    conn: Connection,
    path: PathBuf,
    new: bool,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Imported {
    /// Rows added.
    pub added: usize,
    /// Rows left out because an identical row was already there.
    pub skipped: usize,
}

impl Journal {
    /// Opens the journal at `path`, creating it (and its folders, 0700) when there is none, and
    /// brings it to the newest schema. A journal from a newer backcare is refused.
    pub fn open(path: &Path) -> Result<Journal, JournalError> {
        let new = create(path)?;
        let found = if new {
            Found::Empty
        } else {
            header::inspect(path)?
        };
        if !new && !matches!(found, Found::Nothing) {
            keep_private(path);
        }
        Journal::connect(path, found, new)
    }

    /// Opens the journal at `path` if there is one: `Ok(None)` when there is no file, so that
    /// commands that only read never create one.
    pub fn open_existing(path: &Path) -> Result<Option<Journal>, JournalError> {
        match header::inspect(path)? {
            Found::Nothing => Ok(None),
            found => Journal::connect(path, found, false).map(Some),
        }
    }

    fn connect(path: &Path, found: Found, new: bool) -> Result<Journal, JournalError> {
        match found {
            // Deleted between the look and now: say so rather than let SQLite make a new one.
            Found::Nothing => {
                return Err(JournalError::Io {
                    path: path.to_path_buf(),
                    doing: "open the journal".to_owned(),
                    source: io::ErrorKind::NotFound.into(),
                });
            }
            // An unmarked database (0) may still be an empty one; the schema check decides.
            Found::Database { application_id, .. }
                if application_id != header::APPLICATION_ID && application_id != 0 =>
            {
                return Err(JournalError::NotAJournal {
                    path: path.to_path_buf(),
                    why: "an SQLite database of another program".to_owned(),
                });
            }
            // Refused before SQLite opens it, so not even a -wal file appears beside it.
            // (schema::prepare checks again what SQLite reads, log included.)
            Found::Database { user_version, .. }
                if user_version > SCHEMA_VERSION && i32::try_from(user_version).is_ok() =>
            {
                return Err(JournalError::TooNew {
                    path: path.to_path_buf(),
                    found: user_version,
                    known: SCHEMA_VERSION,
                });
            }
            _ => {}
        }
        let sqlite = |e| JournalError::from_sqlite(path, e);
        // Without SQLITE_OPEN_CREATE (the file exists by now) and without URI names, so a path
        // spelled like "file:x?mode=memory" is a file name like any other.
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        // SQLite quietly falls back to read-only for a file it may not write.
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(sqlite)? {
            return Err(JournalError::Io {
                path: path.to_path_buf(),
                doing: "write the journal".to_owned(),
                source: io::ErrorKind::PermissionDenied.into(),
            });
        }
        schema::prepare(&mut conn, path, BUSY_TIMEOUT)?;
        Ok(Journal {
            conn,
            path: path.to_path_buf(),
            new,
        })
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This open created the file (for the first-time notice).
    pub fn is_new(&self) -> bool {
        self.new
    }

    /// Records a check or check-in and, when it moved the routine's level, the change: both or
    /// neither.
    pub fn add_check(
        &mut self,
        check: &CheckRecord,
        change: Option<&LevelChange>,
    ) -> Result<(), JournalError> {
        self.write(|conn| {
            rows::put_check(conn, check, false)?;
            if let Some(change) = change {
                rows::put_level_change(conn, change, false)?;
            }
            Ok(())
        })
    }

    /// Records a routine played.
    pub fn add_session(&mut self, session: &SessionRecord) -> Result<(), JournalError> {
        self.write(|conn| rows::put_session(conn, session, false).map(drop))
    }

    /// Every check and check-in, oldest first (by time, then as recorded).
    pub fn checks(&self) -> Result<Vec<CheckRecord>, JournalError> {
        rows::checks(&self.conn).map_err(|f| f.at(&self.path))
    }

    /// Every check and check-in, oldest first, with the answers only of the last full check and
    /// of the last row (the others are `Value::Null`): what a check-in, `progress` and `routine
    /// play` read, without parsing years of answers.
    pub fn checks_with_recent_answers(&self) -> Result<Vec<CheckRecord>, JournalError> {
        rows::checks_with_recent_answers(&self.conn).map_err(|f| f.at(&self.path))
    }

    /// Every session, oldest first.
    pub fn sessions(&self) -> Result<Vec<SessionRecord>, JournalError> {
        rows::sessions(&self.conn).map_err(|f| f.at(&self.path))
    }

    /// Every change of level, oldest first.
    pub fn level_changes(&self) -> Result<Vec<LevelChange>, JournalError> {
        rows::level_changes(&self.conn).map_err(|f| f.at(&self.path))
    }

    /// Every row of every table, oldest first. At the same moment a check comes before the
    /// level change it decided, and both before a session.
    pub fn entries(&self) -> Result<Vec<Entry>, JournalError> {
        // One read transaction, so the three queries see the same journal even while another
        // terminal writes; deferred, so reading takes no write lock.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)
            .map_err(|e| JournalError::from_sqlite(&self.path, e))?;
        let mut all: Vec<Entry> = self.checks()?.into_iter().map(Entry::Check).collect();
        all.extend(self.level_changes()?.into_iter().map(Entry::LevelChange));
        all.extend(self.sessions()?.into_iter().map(Entry::Session));
        drop(tx);
        // Each table is already in order; a stable sort keeps that and the tie order above.
        all.sort_by_key(Entry::at);
        Ok(all)
    }

    /// Adds `entries` in one transaction (all or none). A row identical to one already there,
    /// or to an earlier one of `entries`, is skipped, so importing the same file twice adds
    /// nothing.
    pub fn import(&mut self, entries: &[Entry]) -> Result<Imported, JournalError> {
        self.write(|conn| {
            let mut done = Imported::default();
            for entry in entries {
                let added = match entry {
                    Entry::Check(c) => rows::put_check(conn, c, true)?,
                    Entry::Session(s) => rows::put_session(conn, s, true)?,
                    Entry::LevelChange(l) => rows::put_level_change(conn, l, true)?,
                };
                if added {
                    done.added += 1;
                } else {
                    done.skipped += 1;
                }
            }
            Ok(done)
        })
    }

    /// The file's schema version: [`SCHEMA_VERSION`] once open.
    pub fn schema_version(&self) -> Result<u32, JournalError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| JournalError::from_sqlite(&self.path, e))
    }

    /// Runs `work` in one write transaction (taken at its start: see [`schema::prepare`]).
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Connection) -> Result<T, Fault>,
    ) -> Result<T, JournalError> {
        let path = &self.path;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| JournalError::from_sqlite(path, e))?;
        // Dropping the transaction on an error rolls it back.
        let value = work(&tx).map_err(|f| f.at(path))?;
        tx.commit()
            .map_err(|e| JournalError::from_sqlite(path, e))?;
        Ok(value)
    }
}

/// Makes the journal's folders (0700) and an empty file (0600) unless one is there; true when
/// this call made the file. SQLite gives its `-wal` and `-shm` files the journal's own mode.
fn create(path: &Path) -> Result<bool, JournalError> {
    let io_error = |doing: String, source| JournalError::Io {
        path: path.to_path_buf(),
        doing,
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(dir)
            .map_err(|e| io_error(format!("create the folder {}", dir.display()), e))?;
    }
    let mut options = fs::OpenOptions::new();
    // Exclusive: of two runs starting at once, one makes the file and the other opens it.
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io_error("create the journal".to_owned(), e)),
    }
}

/// A journal found readable by others (an empty file made with the usual 0644, a copy) is made
/// private before anything is written to it: these are health records. SQLite gives its side
/// files the database's mode, so they follow. Best effort: a file that is not ours to change
/// keeps its mode, and the journal still works.
fn keep_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path) {
            let mode = meta.permissions().mode();
            if meta.is_file() && mode & 0o077 != 0 {
                let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700 | 0o600));
            }
        }
    }
}

/// Deletes the journal at `path` with SQLite's files beside it; false when there was nothing
/// to delete. Only a backcare journal (or an empty file) is deleted: a mistyped `--journal`
/// must not cost anyone another file.
pub fn forget(path: &Path) -> Result<bool, JournalError> {
    let ours = match header::inspect(path) {
        Ok(Found::Nothing | Found::Empty) => true,
        Ok(Found::Database { application_id, .. }) => application_id == header::APPLICATION_ID,
        // A damaged journal is still the person's to delete, if its header says it is one.
        Err(JournalError::Damaged { .. }) => header::marked_as_journal(path),
        Err(JournalError::NotAJournal { path, why }) => {
            return Err(JournalError::NotAJournal {
                path,
                why: format!("{why}, so it was not deleted"),
            });
        }
        Err(other) => return Err(other),
    };
    if !ours {
        return Err(JournalError::NotAJournal {
            path: path.to_path_buf(),
            why: "an SQLite database of another program, so it was not deleted".to_owned(),
        });
    }
    // Through a symbolic link, SQLite keeps the data and its side files at the link's target.
    let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    // The log first: a stale -wal left beside a new journal at the same path would be replayed
    // into it.
    let mut removed = false;
    for file in [
        beside(&real, "-wal"),
        beside(&real, "-journal"),
        beside(&real, "-shm"),
        real.clone(),
        path.to_path_buf(),
    ] {
        match fs::remove_file(&file) {
            Ok(()) => removed = true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(JournalError::Io {
                    path: path.to_path_buf(),
                    doing: format!("delete {}", file.display()),
                    source: e,
                });
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Urgency;
    use crate::journal::CheckKind;
    use jiff::Timestamp;

    fn check(at: &str) -> CheckRecord {
        CheckRecord {
            at: at.parse().expect("time"),
            kind: CheckKind::Check,
            answers: serde_json::json!({"age": 40, "fever": false}),
            urgency: Urgency::SelfCare,
            routine: Some("desk_reset".to_owned()),
            level: Some(1),
            pain: Some(4),
            trend: None,
            sessions_reported: None,
            flare_up: false,
            stopped_early: false,
            rules: "abc123".to_owned(),
        }
    }

    #[test]
    fn times_are_stored_at_one_width_so_text_order_is_time_order() {
        let whole: Timestamp = "2025-03-01T07:12:45Z".parse().expect("time");
        let half: Timestamp = "2025-03-01T07:12:45.5Z".parse().expect("time");
        assert_eq!(rows::stamp(whole), "2025-03-01T07:12:45.000000000Z");
        assert!(rows::stamp(whole) < rows::stamp(half));
    }

    #[test]
    fn a_refused_record_writes_nothing_and_names_the_field() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut journal = Journal::open(&dir.path().join("j.sqlite3")).expect("open");
        let good = check("2025-03-01T07:00:00Z");
        let mut bad = check("2025-03-02T07:00:00Z");
        bad.pain = Some(11);
        let change = LevelChange {
            at: bad.at,
            routine: "desk_reset".to_owned(),
            from: 1,
            to: 0,
            rule: "r".to_owned(),
            reason: "why".to_owned(),
        };
        journal.add_check(&good, None).expect("kept");
        let err = journal.add_check(&bad, None).expect_err("refused");
        assert!(err.to_string().contains("pain: 11"), "{err}");
        // The check is fine but its level change is not: neither is kept.
        let err = journal
            .add_check(&check("2025-03-03T07:00:00Z"), Some(&change))
            .expect_err("refused");
        assert!(err.to_string().contains("levels start at 1"), "{err}");
        assert_eq!(journal.checks().expect("read"), vec![good]);
        assert!(journal.level_changes().expect("read").is_empty());
    }
}
