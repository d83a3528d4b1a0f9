//! Routines: ordered steps over the stretch catalogue, the rules that select one, and the
//! patterns in which none is offered.

use super::condition::Cond;
use super::stretch::Dose;

#[derive(Debug, Clone)]
pub struct Routine {
    pub id: String,
    pub name: String,
    pub purpose: String,
    /// How often to do it, in plain words.
    pub how_often: String,
    /// At least one (checked at load).
    pub steps: Vec<Step>,
    /// At least one (checked at load), or the routine would never be chosen.
    pub select: Vec<Selection>,
}

impl Routine {
    pub fn total_seconds(&self) -> u32 {
        self.steps.iter().map(|s| s.dose.total_seconds()).sum()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// Index into `KnowledgeBase::stretches`.
    pub stretch: usize,
    pub dose: Dose,
}

#[derive(Debug, Clone)]
pub struct Selection {
    pub priority: i32,
    /// `None` matches everyone: the fallback routine.
    pub when: Option<Cond>,
    pub because: String,
}

/// A routine that keeps fewer than `min_steps` stretches once leave-outs (and their
/// alternatives) are applied is not shown; the person is told `because` instead.
#[derive(Debug, Clone)]
pub struct TooFewSteps {
    pub min_steps: usize,
    pub because: String,
}

/// A pattern in which no routine is offered at all, with the reason told to the person.
#[derive(Debug, Clone)]
pub struct Withhold {
    pub id: String,
    pub when: Cond,
    pub because: String,
}
