//! What a stretch asks of the body, in a fixed vocabulary.
//!
//! Tags let the safety floor (`rules/safety-floor.json`) say "nothing done lying on the back"
//! without listing stretch ids, so a stretch added later is covered by the floor the day it is
//! written. The vocabulary is closed (an enum, not free text): a misspelt tag is a located fault
//! with a suggestion, never a tag that silently matches nothing.

use serde::{Deserialize, Serialize};

/// One thing a stretch asks of the body; its rule-file id is [`Tag::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// Lying on the back (supine): the position to avoid late in pregnancy.
    LyingOnBack,
    /// Lying face down (prone), including resting on the forearms.
    LyingFaceDown,
    /// Lying on one side.
    LyingOnSide,
    /// On hands and knees (all fours): weight through the wrists and knees.
    HandsAndKnees,
    /// Kneeling, or sitting back toward the heels: weight through bent knees.
    Kneeling,
    /// Sitting on a chair.
    Sitting,
    /// Standing, possibly holding a support.
    Standing,
    /// Getting down to and up from the floor, which some people cannot do safely.
    Floor,
    /// Rounding the spine forward under the body's weight or a pull (a risk with fragile bones).
    LoadedFlexion,
    /// Twisting the trunk toward the end of its range.
    EndRangeTwist,
    /// Bending the hip well past a right angle (a concern after a hip replacement).
    DeepHipFlexion,
    /// Crossing one leg over the other (a concern after a hip replacement).
    CrossingLeg,
    /// A lunge: one leg forward, the other back, with the weight low.
    Lunge,
    /// Arching the spine backward.
    SpineExtension,
}

impl Tag {
    /// The id as written in the rule files.
    pub fn id(self) -> &'static str {
        match self {
            Tag::LyingOnBack => "lying_on_back",
            Tag::LyingFaceDown => "lying_face_down",
            Tag::LyingOnSide => "lying_on_side",
            Tag::HandsAndKnees => "hands_and_knees",
            Tag::Kneeling => "kneeling",
            Tag::Sitting => "sitting",
            Tag::Standing => "standing",
            Tag::Floor => "floor",
            Tag::LoadedFlexion => "loaded_flexion",
            Tag::EndRangeTwist => "end_range_twist",
            Tag::DeepHipFlexion => "deep_hip_flexion",
            Tag::CrossingLeg => "crossing_leg",
            Tag::Lunge => "lunge",
            Tag::SpineExtension => "spine_extension",
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_the_serde_name() {
        for tag in [
            Tag::LyingOnBack,
            Tag::LyingFaceDown,
            Tag::LyingOnSide,
            Tag::HandsAndKnees,
            Tag::Kneeling,
            Tag::Sitting,
            Tag::Standing,
            Tag::Floor,
            Tag::LoadedFlexion,
            Tag::EndRangeTwist,
            Tag::DeepHipFlexion,
            Tag::CrossingLeg,
            Tag::Lunge,
            Tag::SpineExtension,
        ] {
            let json = serde_json::to_string(&tag).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", tag.id()));
        }
    }
}
