//! What the journal keeps: one row per check or check-in, per routine played, and per change
//! of level. These are the rows of the SQLite tables and the lines of `journal export`.

use crate::Urgency;
use jiff::Timestamp;
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

/// One check or check-in and what it came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// When it was answered (UTC).
    pub at: Timestamp,
    /// Check or check-in.
    pub kind: CheckKind,
    /// Every answer the engine decided on, as an `--answers` object keyed by question id. For a
    /// check-in these are the merged answers (the last check's, with today's over them).
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

/// One row of any table, as a line of `journal export --format jsonl` (tagged by `table`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "table", rename_all = "snake_case")]
pub enum Entry {
    /// A row of `checks`.
    Check(CheckRecord),
    /// A row of `sessions`.
    Session(SessionRecord),
    /// A row of `level_changes`.
    LevelChange(LevelChange),
}
