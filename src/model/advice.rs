//! What the report says around the decision: a headline and action per urgency level, tips, and
//! the safety net.

use super::Urgency;
use super::condition::Cond;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub headline: String,
    pub action: String,
}

/// One [`Level`] per urgency, by name, so reordering `Urgency`'s variants cannot mix them up.
#[derive(Debug, Clone)]
pub struct Levels {
    pub emergency: Level,
    pub urgent: Level,
    pub soon: Level,
    pub appointment: Level,
    pub self_care: Level,
}

impl Levels {
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
    pub id: String,
    pub text: String,
    pub when: Option<Cond>,
}
