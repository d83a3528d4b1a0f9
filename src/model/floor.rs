//! The safety floor as the engine's proofs see it: answer patterns with the lowest urgency they
//! may produce, and limits on the routine shown (`rules/safety-floor.json`, compiled by
//! `knowledge::floor` and proved on every load).

use super::condition::Cond;
use super::tag::Tag;
use super::urgency::Urgency;

/// Every floor of a knowledge base, compiled.
#[derive(Debug, Clone, Default)]
pub struct SafetyFloor {
    pub urgency: Vec<UrgencyFloor>,
    pub routines: Vec<RoutineFloor>,
}

/// Whenever `when` is definitely true, the urgency is at least `at_least`.
#[derive(Debug, Clone)]
pub struct UrgencyFloor {
    pub id: String,
    pub when: Cond,
    pub at_least: Urgency,
    pub source: String,
}

/// Whenever `when` is definitely true, the routine shown respects `limit`.
#[derive(Debug, Clone)]
pub struct RoutineFloor {
    pub id: String,
    pub when: Cond,
    pub limit: RoutineLimit,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoutineLimit {
    /// No stretch carrying any of these tags is shown.
    Exclude(Vec<Tag>),
    /// No routine is shown at all.
    NoRoutine,
}
