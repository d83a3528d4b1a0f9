//! Routines: ordered steps over the stretch catalogue, the rules that select one, and the
//! patterns in which none is offered.

use super::condition::Cond;
use super::stretch::Dose;

/// A named sequence of stretches, and the rules that select it.
#[derive(Debug, Clone)]
pub struct Routine {
    /// The name `routine play` and answers refer to it by.
    pub id: String,
    /// The title shown to the person.
    pub name: String,
    /// What it is for, in a sentence.
    pub purpose: String,
    /// How often to do it, in plain words.
    pub how_often: String,
    /// At least one (checked at load).
    pub steps: Vec<Step>,
    /// At least one (checked at load), or the routine would never be chosen.
    pub select: Vec<Selection>,
}

impl Routine {
    /// Every step's dose added up, in seconds (each side and every round counted).
    pub fn total_seconds(&self) -> u32 {
        self.steps.iter().map(|s| s.dose.total_seconds()).sum()
    }
}

/// One stretch of a routine, at its dose.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// Index into `KnowledgeBase::stretches`.
    pub stretch: usize,
    /// The routine's dose, which may differ from the stretch's own.
    pub dose: Dose,
}

/// One reason to choose a routine.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Among matching selection rules, the highest priority wins.
    pub priority: i32,
    /// `None` matches everyone: the fallback routine.
    pub when: Option<Cond>,
    /// Why this routine fits, shown to the person.
    pub because: String,
}

/// A routine that keeps fewer than `min_steps` stretches once leave-outs (and their
/// alternatives) are applied is not shown; the person is told `because` instead.
#[derive(Debug, Clone)]
pub struct TooFewSteps {
    /// Fewest stretches a routine may keep.
    pub min_steps: usize,
    /// What the person is told instead of a routine.
    pub because: String,
}

/// A pattern in which no routine is offered at all, with the reason told to the person.
#[derive(Debug, Clone)]
pub struct Withhold {
    /// The id reports and tests refer to it by.
    pub id: String,
    /// The pattern in which no routine is offered.
    pub when: Cond,
    /// What the person is told instead.
    pub because: String,
}
