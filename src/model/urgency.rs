//! The urgency ladder: how soon the person should see a professional.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Ordered from least to most urgent, so `max` picks the most cautious level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Look after it at home; no rule fired.
    SelfCare,
    /// Book an appointment with a professional.
    Appointment,
    /// See a doctor within a few days.
    Soon,
    /// Speak to a doctor today.
    Urgent,
    /// Get help now.
    Emergency,
}

impl Urgency {
    /// Every level, most urgent first (the order a reader expects).
    pub const LADDER: [Urgency; 5] = [
        Urgency::Emergency,
        Urgency::Urgent,
        Urgency::Soon,
        Urgency::Appointment,
        Urgency::SelfCare,
    ];

    /// The id as written in the rule files and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::SelfCare => "self_care",
            Urgency::Appointment => "appointment",
            Urgency::Soon => "soon",
            Urgency::Urgent => "urgent",
            Urgency::Emergency => "emergency",
        }
    }

    /// A routine is safe to offer only while waiting for, or instead of, a routine visit.
    pub fn allows_routine(self) -> bool {
        self <= Urgency::Appointment
    }

    /// Levels whose questions must be asked of everyone (safety invariant 1).
    pub fn is_escalation(self) -> bool {
        self >= Urgency::Urgent
    }

    /// One step less cautious, if there is one (used by the mutation check).
    pub fn one_lower(self) -> Option<Urgency> {
        match self {
            Urgency::SelfCare => None,
            Urgency::Appointment => Some(Urgency::SelfCare),
            Urgency::Soon => Some(Urgency::Appointment),
            Urgency::Urgent => Some(Urgency::Soon),
            Urgency::Emergency => Some(Urgency::Urgent),
        }
    }
}

impl fmt::Display for Urgency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
