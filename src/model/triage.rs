//! Named conditions and triage rules: what raises the urgency, and why.

use super::Urgency;
use super::condition::Cond;

/// A condition written once in `conditions.json` and used by name (`ref`) elsewhere.
#[derive(Debug, Clone)]
pub struct NamedCondition {
    /// The name other conditions use in `ref`.
    pub id: String,
    /// What the condition means, in words, for authors.
    pub description: String,
    /// The compiled body: what `Cond::Named(i)` evaluates. Never refers back to itself, directly
    /// or through other named conditions (cycles are rejected at load).
    pub when: Cond,
}

/// A rule that raises the urgency to `level` when its condition holds.
#[derive(Debug, Clone)]
pub struct TriageRule {
    /// The id reports and tests refer to it by.
    pub id: String,
    /// Never `self_care` (checked at load): that is what remains when no rule fires.
    pub level: Urgency,
    /// When the rule fires; only a definite `True` counts.
    pub when: Cond,
    /// Why it matters, shown to the person.
    pub reason: String,
    /// What to do, shown to the person.
    pub action: String,
    /// The guideline fact the rule rests on.
    pub source: String,
}
