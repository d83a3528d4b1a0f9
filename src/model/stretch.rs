//! The stretch catalogue: what each stretch is, how much of it to do, and when to leave it out.

use super::condition::Cond;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Flexion,
    Extension,
    Hip,
    Neutral,
}

#[derive(Debug, Clone)]
pub struct Stretch {
    pub id: String,
    pub name: String,
    pub targets: String,
    pub position: String,
    pub family: Family,
    /// What the stretch asks of the body; the safety floor excludes stretches by tag.
    pub tags: Vec<super::tag::Tag>,
    pub steps: Vec<String>,
    pub dose: Dose,
    /// 1 to 10 (checked at load).
    pub intensity: u8,
    pub cautions: Vec<String>,
    pub leave_out: Vec<LeaveOut>,
}

/// How much of a stretch to do: one measure (a timed hold, breaths or repetitions), on each side
/// or not, repeated for a number of rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dose {
    pub measure: Measure,
    pub each_side: bool,
    pub rounds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    HoldSeconds(u32),
    Breaths(u32),
    Reps(u32),
}

/// Seconds allowed for one breath or one repetition when estimating a routine's length.
pub const SECONDS_PER_BREATH: u32 = 5;
pub const SECONDS_PER_REP: u32 = 4;

impl Dose {
    /// Seconds of work on one side in one round.
    pub fn seconds_per_side(&self) -> u32 {
        match self.measure {
            Measure::HoldSeconds(s) => s,
            Measure::Breaths(n) => n * SECONDS_PER_BREATH,
            Measure::Reps(n) => n * SECONDS_PER_REP,
        }
    }

    pub fn sides(&self) -> u32 {
        if self.each_side { 2 } else { 1 }
    }

    /// Estimated total seconds, ignoring the moments spent changing position.
    pub fn total_seconds(&self) -> u32 {
        self.seconds_per_side() * self.sides() * self.rounds
    }

    /// "hold 30 s, each side, 3 rounds" in plain words.
    pub fn describe(&self) -> String {
        let mut text = match self.measure {
            Measure::HoldSeconds(s) => format!("hold {s} s"),
            Measure::Breaths(n) => format!("{n} slow breaths"),
            Measure::Reps(n) => format!("{n} repetitions"),
        };
        if self.each_side {
            text.push_str(", each side");
        }
        if self.rounds > 1 {
            let _ = write!(text, ", {} rounds", self.rounds);
        }
        text
    }
}

/// When a stretch must not be done, why, and what (if anything) to do instead.
#[derive(Debug, Clone)]
pub struct LeaveOut {
    pub when: Cond,
    pub because: String,
    /// Index into `KnowledgeBase::stretches`; never the stretch itself (checked at load).
    pub instead: Option<usize>,
}
