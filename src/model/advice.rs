//! What the report says around the decision: a headline and action per urgency level, tips, and
//! the safety net.

use super::Urgency;
use super::condition::Cond;
use serde::Serialize;

/// What to tell a person at one urgency level.
#[derive(Debug, Clone, Serialize)]
pub struct Level {
    /// One line on how urgent it is, shown first.
    pub headline: String,
    /// What to do about it.
    pub action: String,
}

/// One [`Level`] per urgency, by name, so reordering `Urgency`'s variants cannot mix them up.
#[derive(Debug, Clone)]
pub struct Levels {
    /// The words for [`Urgency::Emergency`].
    pub emergency: Level,
    /// The words for [`Urgency::Urgent`].
    pub urgent: Level,
    /// The words for [`Urgency::Soon`].
    pub soon: Level,
    /// The words for [`Urgency::Appointment`].
    pub appointment: Level,
    /// The words for [`Urgency::SelfCare`].
    pub self_care: Level,
}

impl Levels {
    /// The words for `urgency`.
    pub fn get(&self, urgency: Urgency) -> &Level {
        match urgency {
            Urgency::Emergency => &self.emergency,
            Urgency::Urgent => &self.urgent,
            Urgency::Soon => &self.soon,
            Urgency::Appointment => &self.appointment,
            Urgency::SelfCare => &self.self_care,
        }
    }
}

/// A tip or a safety-net line, shown when its condition holds (or always, without one).
#[derive(Debug, Clone)]
pub struct AdviceLine {
    /// The id authors and tests refer to it by.
    pub id: String,
    /// The sentence shown.
    pub text: String,
    /// Shown only when this is definitely true; `None` means always.
    pub when: Option<Cond>,
}
