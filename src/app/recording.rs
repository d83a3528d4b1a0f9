//! Recording in the journal from `check`, `checkin` and `routine play`, and reading it back for
//! `progress` and `remind`. A journal that cannot be opened never stops triage: the command goes
//! on and says, in one line naming the path, that the journal was skipped.

use super::Config;
use anyhow::Result;
use backcare::journal::history::History;
use backcare::journal::store::{Journal, JournalError};
use backcare::journal::{CheckRecord, LevelChange, SessionRecord};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `BACKCARE_NOW=2026-11-22T09:00:00Z`, for tests of the binary only (like
/// `BACKCARE_FAKE_CLOCK`): the journal's "now", so a test can walk through twelve weeks in a
/// moment. Unset, empty or unreadable means the system clock.
pub(crate) fn now() -> Timestamp {
    std::env::var("BACKCARE_NOW")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(Timestamp::now)
}

/// The local time zone for dates shown to the person (TZ, else the system's).
pub(crate) fn time_zone() -> TimeZone {
    TimeZone::system()
}

/// The journal to record in: `None` with `--no-journal`, or when it cannot be opened (then a
/// warning names the path and nothing is written). The first time, one line says where it
/// lives and how to turn it off.
pub(crate) fn open(config: &Config) -> Option<Journal> {
    let path = config.journal.as_deref()?;
    match Journal::open(path) {
        Ok(journal) => {
            if journal.is_new() {
                anstream::eprintln!(
                    "backcare: keeping a journal of your checks and sessions in {} \
                     (--no-journal turns it off for a run; `backcare journal forget` deletes it)",
                    path.display()
                );
            }
            Some(journal)
        }
        Err(e) => {
            skipped(&e);
            None
        }
    }
}

/// The journal for reading only: `Ok(None)` when there is none yet (nothing is created).
pub(crate) fn open_existing(config: &Config) -> Result<Option<Journal>, JournalError> {
    match config.journal.as_deref() {
        Some(path) => Journal::open_existing(path),
        None => Ok(None),
    }
}

/// Every row, oldest first (answers only where a check-in or a played routine reads them).
pub(crate) fn history(journal: &Journal) -> Result<History, JournalError> {
    Ok(History {
        checks: journal.checks_with_recent_answers()?,
        sessions: journal.sessions()?,
        changes: journal.level_changes()?,
    })
}

/// The history of the journal to record in, or an empty one when it cannot be read (said once).
pub(crate) fn history_or_empty(journal: &mut Option<Journal>) -> History {
    let Some(j) = journal.as_ref() else {
        return History::default();
    };
    match history(j) {
        Ok(history) => history,
        Err(e) => {
            skipped(&e);
            *journal = None;
            History::default()
        }
    }
}

/// Writes a check or check-in (and its level change); a failure is a warning, not an error: the
/// result has been shown and stays valid.
pub(crate) fn check(
    journal: Option<&mut Journal>,
    record: &CheckRecord,
    change: Option<&LevelChange>,
) {
    if let Some(j) = journal {
        if let Err(e) = j.add_check(record, change) {
            not_recorded(&e);
        }
    }
}

/// Writes a played routine.
pub(crate) fn session(journal: Option<&mut Journal>, record: &SessionRecord) {
    if let Some(j) = journal {
        if let Err(e) = j.add_session(record) {
            not_recorded(&e);
        }
    }
}

fn skipped(e: &JournalError) {
    anstream::eprintln!(
        "backcare: warning: journal skipped, nothing will be recorded: {}",
        backcare::sanitize::message_line(&e.to_string())
    );
}

fn not_recorded(e: &JournalError) {
    anstream::eprintln!(
        "backcare: warning: not recorded in the journal: {}",
        backcare::sanitize::message_line(&e.to_string())
    );
}
