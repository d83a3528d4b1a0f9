//! Named conditions and triage rules: what raises the urgency, and why.

use super::Urgency;
use super::condition::Cond;

/// A condition written once in `conditions.json` and used by name (`ref`) elsewhere.
#[derive(Debug, Clone)]
pub struct NamedCondition {
    pub id: String,
    pub description: String,
    /// The compiled body: what `Cond::Named(i)` evaluates. Never refers back to itself, directly
    /// or through other named conditions (cycles are rejected at load).
    pub when: Cond,
}

#[derive(Debug, Clone)]
pub struct TriageRule {
    pub id: String,
    /// Never `self_care` (checked at load): that is what remains when no rule fires.
    pub level: Urgency,
    pub when: Cond,
    pub reason: String,
    pub action: String,
    pub source: String,
}
