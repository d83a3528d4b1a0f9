//! What the journal keeps: one row per check or check-in, per routine played, and per change
//! of level. These are the rows of the SQLite tables and the lines of `journal export`.
//!
//! Unknown fields are refused when a line is read back (`journal import`): a line from a newer
//! backcare with a field this one does not know would otherwise lose it without a word.

use crate::Urgency;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// A full `check` or a short `checkin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The whole questionnaire: it starts an episode (the answers a check-in is merged over).
    Check,
    /// The short return visit: pain, trend, sessions and the warning signs asked again.
    Checkin,
}

impl CheckKind {
    /// The id as stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Check => "check",
            CheckKind::Checkin => "checkin",
        }
    }

    /// The kind an id names.
    pub fn from_id(id: &str) -> Option<CheckKind> {
        match id {
            "check" => Some(CheckKind::Check),
            "checkin" => Some(CheckKind::Checkin),
            _ => None,
        }
    }
}

/// One check or check-in and what it came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRecord {
    /// When it was answered (UTC).
    pub at: Timestamp,
    /// Check or check-in.
    pub kind: CheckKind,
    /// Every answer the engine decided on, as an `--answers` object keyed by question id. For a
    /// check-in these are the merged answers (the last check's, with today's over them).
    /// `Null` when read without them (`Journal::checks_with_recent_answers`).
    pub answers: serde_json::Value,
    /// The result.
    pub urgency: Urgency,
    /// The routine recommended, if any.
    pub routine: Option<String>,
    /// The routine's level after this check (1 is the routine as written).
    pub level: Option<u32>,
    /// Pain now, 0-10, when asked.
    pub pain: Option<u8>,
    /// `better`, `same` or `worse` since last time, when asked.
    pub trend: Option<String>,
    /// At a check-in: sessions done since the last one without backcare timing them.
    pub sessions_reported: Option<u32>,
    /// This check-in counted as a flare-up (pain up by 2 or more, or worse twice in a row).
    pub flare_up: bool,
    /// The questionnaire stopped early at an emergency answer.
    pub stopped_early: bool,
    /// The fingerprint of the rule files that decided it.
    pub rules: String,
}

/// One `routine play`, from the check's offer or on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionRecord {
    /// When the routine started (UTC).
    pub at: Timestamp,
    /// The routine's id.
    pub routine: String,
    /// The level played (1 is the routine as written).
    pub level: u32,
    /// Steps in the routine as played.
    pub steps: u32,
    /// Steps played to the end.
    pub done: u32,
    /// Steps skipped.
    pub skipped: u32,
    /// Seconds from the first step to the end.
    pub seconds: u64,
    /// Stopped early with q.
    pub quit: bool,
    /// Pain 0-10 before the session, when the person gave it.
    pub pain_before: Option<u8>,
    /// Pain 0-10 after the session, when the person gave it.
    pub pain_after: Option<u8>,
    /// The fingerprint of the rule files it was played from.
    pub rules: String,
}

/// A routine moved up or down a level, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelChange {
    /// When (the check-in that decided it, UTC).
    pub at: Timestamp,
    /// The routine's id.
    pub routine: String,
    /// The level before.
    pub from: u32,
    /// The level after.
    pub to: u32,
    /// The progression rule that decided it (its id in `rules/progression.json`).
    pub rule: String,
    /// Why, in the person's words.
    pub reason: String,
}

/// One row of any table, as a line of `journal export --format jsonl`, tagged by `table` with the
/// name of the SQLite table it is a row of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "table")]
pub enum Entry {
    /// A row of `checks`.
    #[serde(rename = "checks")]
    Check(CheckRecord),
    /// A row of `sessions`.
    #[serde(rename = "sessions")]
    Session(SessionRecord),
    /// A row of `level_changes`.
    #[serde(rename = "level_changes")]
    LevelChange(LevelChange),
}

impl Entry {
    /// When it happened.
    pub fn at(&self) -> Timestamp {
        match self {
            Entry::Check(c) => c.at,
            Entry::Session(s) => s.at,
            Entry::LevelChange(l) => l.at,
        }
    }

    /// The SQLite table the row belongs to (also its `table` in an export).
    pub fn table(&self) -> &'static str {
        match self {
            Entry::Check(_) => "checks",
            Entry::Session(_) => "sessions",
            Entry::LevelChange(_) => "level_changes",
        }
    }

    /// What makes the row impossible to keep, if anything (see [`CheckRecord::problem`]).
    pub fn problem(&self) -> Option<String> {
        match self {
            Entry::Check(c) => c.problem(),
            Entry::Session(s) => s.problem(),
            Entry::LevelChange(l) => l.problem(),
        }
    }
}

impl CheckRecord {
    /// What makes the row impossible to keep, if anything: the limits the tables hold too
    /// (ratings 0-10, levels from 1, answers an object, a year from 1 so the stored time keeps
    /// its fixed width, counts that fit the database's integers).
    pub fn problem(&self) -> Option<String> {
        if !self.answers.is_object() {
            return Some("answers: must be an object keyed by question id".to_owned());
        }
        year(self.at)
            .or_else(|| rating("pain", self.pain))
            .or_else(|| level("level", self.level))
    }
}

impl SessionRecord {
    /// What makes the row impossible to keep, if anything (see [`CheckRecord::problem`]).
    pub fn problem(&self) -> Option<String> {
        year(self.at)
            .or_else(|| rating("pain_before", self.pain_before))
            .or_else(|| rating("pain_after", self.pain_after))
            .or_else(|| level("level", Some(self.level)))
            .or_else(|| count("seconds", self.seconds))
    }
}

impl LevelChange {
    /// What makes the row impossible to keep, if anything (see [`CheckRecord::problem`]).
    pub fn problem(&self) -> Option<String> {
        year(self.at)
            .or_else(|| level("from", Some(self.from)))
            .or_else(|| level("to", Some(self.to)))
    }
}

/// Times are stored as text of one width (`0001` to `9999`), so that sorting the text sorts by
/// time; jiff reaches back to year -9999.
fn year(at: Timestamp) -> Option<String> {
    let year = at.to_zoned(TimeZone::UTC).year();
    (year < 1).then(|| format!("at: the year {year} is before year 1"))
}

fn rating(field: &str, value: Option<u8>) -> Option<String> {
    value
        .filter(|v| *v > 10)
        .map(|v| format!("{field}: {v} is not a rating from 0 to 10"))
}

fn level(field: &str, value: Option<u32>) -> Option<String> {
    value
        .filter(|v| *v < 1)
        .map(|_| format!("{field}: levels start at 1"))
}

/// SQLite keeps whole numbers as signed 64-bit.
fn count(field: &str, value: u64) -> Option<String> {
    i64::try_from(value)
        .is_err()
        .then(|| format!("{field}: {value} is too large"))
}
