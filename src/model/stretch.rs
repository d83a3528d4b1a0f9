//! The stretch catalogue: what each stretch is, how much of it to do, and when to leave it out.

use super::condition::Cond;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// The direction a stretch moves the spine or hip; recorded for authors and reports, not used
/// to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Bending the spine forward.
    Flexion,
    /// Arching the spine backward.
    Extension,
    /// Working the hips more than the spine.
    Hip,
    /// Keeping the spine in its resting curve.
    Neutral,
}

/// One stretch of the catalogue, with how to do it and when not to.
#[derive(Debug, Clone)]
pub struct Stretch {
    /// The name routine steps and answers refer to it by.
    pub id: String,
    /// The title shown to the person.
    pub name: String,
    /// What it stretches, in plain words.
    pub targets: String,
    /// The starting position, in plain words.
    pub position: String,
    /// Which way it moves the spine or hip.
    pub family: Family,
    /// What the stretch asks of the body; the safety floor excludes stretches by tag.
    pub tags: Vec<super::tag::Tag>,
    /// The instructions, one line per step, read in order.
    pub steps: Vec<String>,
    /// The dose when a routine does not set its own.
    pub dose: Dose,
    /// 1 to 10 (checked at load).
    pub intensity: u8,
    /// Warnings shown with the instructions.
    pub cautions: Vec<String>,
    /// When to leave it out, checked in order.
    pub leave_out: Vec<LeaveOut>,
}

/// How much of a stretch to do: one measure (a timed hold, breaths or repetitions), on each side
/// or not, repeated for a number of rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dose {
    /// What to count: a hold, breaths or repetitions.
    pub measure: Measure,
    /// Done once on each side (twice in all) rather than once.
    pub each_side: bool,
    /// How many times to repeat it; at least 1.
    pub rounds: u32,
}

/// What one round of a stretch counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Hold the position for this many seconds.
    HoldSeconds(u32),
    /// Take this many slow breaths in the position.
    Breaths(u32),
    /// Repeat the movement this many times.
    Reps(u32),
}

/// Seconds allowed for one breath or one repetition when estimating a routine's length.
pub const SECONDS_PER_BREATH: u32 = 5;
/// Seconds allowed for one repetition when estimating a routine's length.
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

    /// How many sides are worked: 2 when `each_side`, otherwise 1.
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
    /// The pattern in which the stretch is left out.
    pub when: Cond,
    /// Why, shown to the person.
    pub because: String,
    /// Index into `KnowledgeBase::stretches`; never the stretch itself (checked at load).
    pub instead: Option<usize>,
}
