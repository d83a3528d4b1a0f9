//! The safety floor as the engine's proofs see it: answer patterns with the lowest urgency they
//! may produce, and limits on the routine shown (`rules/safety-floor.json`, compiled by
//! `knowledge::floor` and proved on every load).

use super::condition::Cond;
use super::tag::Tag;
use super::urgency::Urgency;

/// Every floor of a knowledge base, compiled.
#[derive(Debug, Clone, Default)]
pub struct SafetyFloor {
    /// Minimum urgencies, each proved on load.
    pub urgency: Vec<UrgencyFloor>,
    /// Limits on the routine shown, each proved on load.
    pub routines: Vec<RoutineFloor>,
}

/// Whenever `when` is definitely true, the urgency is at least `at_least`.
#[derive(Debug, Clone)]
pub struct UrgencyFloor {
    /// The floor's id, named when a proof fails.
    pub id: String,
    /// The answer pattern the floor covers.
    pub when: Cond,
    /// The lowest urgency allowed whenever `when` holds.
    pub at_least: Urgency,
    /// The guideline the floor rests on.
    pub source: String,
}

/// Whenever `when` is definitely true, the routine shown respects `limit`.
#[derive(Debug, Clone)]
pub struct RoutineFloor {
    /// The floor's id, named when a proof fails.
    pub id: String,
    /// The answer pattern the floor covers.
    pub when: Cond,
    /// What the routine shown may not do whenever `when` holds.
    pub limit: RoutineLimit,
    /// The guideline the floor rests on.
    pub source: String,
}

/// What a routine floor forbids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoutineLimit {
    /// No stretch carrying any of these tags is shown.
    Exclude(Vec<Tag>),
    /// No routine is shown at all.
    NoRoutine,
}
