//! The schema's versions and how a file is brought to the newest. `PRAGMA user_version` holds the
//! version (the convention of `rusqlite_migration`); each migration is one SQL file in
//! `src/journal/migrations/`, applied in one transaction, and never edited once released: a
//! change is a new file. The fixture databases in `tests/fixtures/journal/` hold each version.

use super::JournalError;
use super::header::APPLICATION_ID;
use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use std::path::Path;
use std::time::{Duration, Instant};

/// Version 1: `checks` and `sessions`. Version 2: progression (levels, flare-ups, pain before
/// and after a session, `level_changes`).
const STEPS: &[M<'static>] = &[
    M::up(include_str!("../migrations/1-checks-and-sessions.sql")),
    M::up(include_str!("../migrations/2-progression.sql")),
];

const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// The newest schema version this backcare writes.
#[allow(clippy::cast_possible_truncation)] // two migrations
pub(super) const LATEST: u32 = STEPS.len() as u32;

/// Checks that the open file is a journal this backcare can use, turns on the write-ahead log
/// and migrates it to [`LATEST`]. Nothing is written before the checks pass, so a file from
/// the future or another program's database is left exactly as it was.
///
/// Two runs setting up one journal at once can find each other in SQLite's way: switching to
/// WAL takes an exclusive lock, and of two connections that both read and then want it, SQLite
/// fails one at once rather than let them wait on each other forever. Every step here can be
/// taken again, so the loser starts over until `patience` runs out.
pub(super) fn prepare(
    conn: &mut Connection,
    path: &Path,
    patience: Duration,
) -> Result<(), JournalError> {
    let deadline = Instant::now() + patience;
    loop {
        match prepare_once(conn, path) {
            Err(JournalError::Sqlite { source, .. })
                if matches!(
                    source.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            done => return done,
        }
    }
}

fn prepare_once(conn: &mut Connection, path: &Path) -> Result<(), JournalError> {
    let sqlite = |e| JournalError::from_sqlite(path, e);
    // In one read transaction, so that another run's migration cannot commit between the reads.
    let (version, application_id, objects) = {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred).map_err(sqlite)?;
        let identity: (i64, i64, i64) = (
            tx.pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(sqlite)?,
            tx.pragma_query_value(None, "application_id", |r| r.get(0))
                .map_err(sqlite)?,
            tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(sqlite)?,
        );
        tx.commit().map_err(sqlite)?;
        identity
    };
    let fresh = version == 0 && objects == 0;
    if application_id != i64::from(APPLICATION_ID) && !fresh {
        return Err(JournalError::NotAJournal {
            path: path.to_path_buf(),
            why: "an SQLite database of another program".to_owned(),
        });
    }
    match u32::try_from(version) {
        Ok(found) if found > LATEST => {
            return Err(JournalError::TooNew {
                path: path.to_path_buf(),
                found,
                known: LATEST,
            });
        }
        Ok(_) => {}
        Err(_) => {
            return Err(JournalError::Damaged {
                path: path.to_path_buf(),
                detail: format!("its schema version {version} is impossible"),
            });
        }
    }

    // WAL lets one terminal read while another writes, and a commit is one append to the log,
    // which a process killed half-way cannot tear. Only set when needed: switching takes a lock.
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .map_err(sqlite)?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .map_err(sqlite)?;
    }
    // In WAL mode NORMAL never corrupts and keeps every commit through a crash of the process;
    // only a power cut can lose the last commits (SQLite's recommended setting for WAL). It
    // spares an fsync per recorded session.
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sqlite)?;
    // Every transaction takes the write lock at its start, so two terminals queue behind the
    // busy timeout instead of one failing when it upgrades a read to a write.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);

    if u32::try_from(version) == Ok(LATEST) {
        return Ok(());
    }
    match MIGRATIONS.to_latest(conn) {
        Ok(()) => Ok(()),
        // Two runs opening an old (or new) journal at once both try to migrate; the second
        // finds the tables already there. That is success if the other one finished.
        Err(_) if current(conn) == Some(LATEST) => Ok(()),
        Err(rusqlite_migration::Error::RusqliteError { err, .. }) => Err(sqlite(err)),
        Err(other) => Err(JournalError::Damaged {
            path: path.to_path_buf(),
            detail: format!("it could not be brought to schema {LATEST}: {other}"),
        }),
    }
}

/// The schema version of the open file.
pub(super) fn current(conn: &Connection) -> Option<u32> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_apply_in_order_on_an_empty_database() {
        MIGRATIONS.validate().expect("every migration applies");
        let mut conn = Connection::open_in_memory().expect("memory");
        MIGRATIONS.to_version(&mut conn, 1).expect("version 1");
        assert_eq!(current(&conn), Some(1));
        let app: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .expect("id");
        assert_eq!(app, i64::from(APPLICATION_ID));
        MIGRATIONS.to_latest(&mut conn).expect("to the newest");
        assert_eq!(current(&conn), Some(LATEST));
    }
}
