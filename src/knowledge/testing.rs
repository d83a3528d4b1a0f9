//! A small knowledge base for unit tests of the proofs, with any file replaceable.

use super::source::{FILE_NAMES, RuleFile, RuleFiles};
use super::{Faults, KnowledgeBase};
use crate::model::{Cond, Leaf, Test};

pub(crate) const QUESTIONS: usize = 0;
pub(crate) const CONDITIONS: usize = 1;
pub(crate) const TRIAGE: usize = 2;
pub(crate) const STRETCHES: usize = 3;
pub(crate) const ROUTINES: usize = 4;
pub(crate) const PROGRESSION: usize = 8;

// Question positions in `Mini`: age, a, b, c (the follow-up asked when a is yes), limits (x, y).
pub(crate) const AGE: usize = 0;
pub(crate) const A: usize = 1;
pub(crate) const B: usize = 2;
pub(crate) const C: usize = 3;
pub(crate) const LIMITS: usize = 4;

/// A test on one question of `Mini`.
pub(crate) fn leaf(question: usize, test: Test) -> Cond {
    Cond::Leaf(Leaf { question, test })
}

/// "question is yes".
pub(crate) fn yes(question: usize) -> Cond {
    leaf(question, Test::IsBool(true))
}

/// One standing figure for every frame of both stretches.
const STANDING: &str = r#"{"head": [45, 70], "neck": [45, 63], "shoulder_left": [45, 61], "shoulder_right": [45, 61], "elbow_left": [45, 48], "elbow_right": [45, 48], "hand_left": [45, 36], "hand_right": [45, 36], "hip_left": [45, 38], "hip_right": [45, 38], "knee_left": [45, 20], "knee_right": [45, 20], "ankle_left": [45, 2], "ankle_right": [45, 2], "foot_left": [51, 0], "foot_right": [51, 0]}"#;

const POSES: &str = r#"{"version": 1, "poses": [
  {"stretch": "flat", "near": "right", "props": [{"kind": "floor"}], "frames": [{"name": "start", "joints": STANDING}, {"name": "end", "joints": STANDING}]},
  {"stretch": "stand", "near": "right", "props": [{"kind": "floor"}], "frames": [{"name": "start", "joints": STANDING}, {"name": "end", "joints": STANDING}]}]}"#;

/// routines.json with one routine, `r`, of one step (`stand`), chosen for everyone: the
/// smallest routine to give levels to.
pub(crate) const ONE_STEP_ROUTINE: &str = r#"{"version": 1, "routines": [
    {"id": "r", "name": "R", "purpose": "p", "how_often": "daily", "steps": [{"stretch": "stand"}],
     "select": [{"priority": 0, "because": "always"}]}]}"#;

/// Mini's progression file with `levels` (the JSON list) in place of its own. Its rules keep
/// the level on a warning sign or urgency `soon` and above (`held`), step down in a flare-up
/// (pain up by 2, or worse twice in a row: `flare`), step up after 6 sessions in 14 days with
/// pain at most 4 and 7 days at the level (`well`), and otherwise stay (`otherwise`).
pub(crate) fn progression_with(levels: &str) -> String {
    PROGRESSION_TEXT
        .replace("LEVELS", levels)
        .replace("RULES", MINI_RULES)
}

/// Mini's progression file with `rules` (the JSON list) in place of its own.
pub(crate) fn progression_rules(rules: &str) -> String {
    PROGRESSION_TEXT
        .replace("LEVELS", MINI_LEVELS)
        .replace("RULES", rules)
}

/// Mini's progression file with `flare_up` (a JSON condition) in place of its own.
pub(crate) fn progression_flare(flare_up: &str) -> String {
    progression_with(MINI_LEVELS).replace(MINI_FLARE, flare_up)
}

const MINI_LEVELS: &str = r#"[{"routine": "r", "levels": [{"summary": "Holds ten seconds longer.", "hold_seconds_add": 10}]}]"#;

const MINI_FLARE: &str =
    r#"{"any": [{"fact": "pain_rise", "at_least": 2}, {"fact": "worse_in_a_row", "at_least": 2}]}"#;

const MINI_RULES: &str = r#"[
    {"id": "held", "when": {"any": [{"fact": "warning_sign", "is": true}, {"fact": "urgency", "at_least": "soon"}]}, "move": "stay", "reason": "r", "source": "s"},
    {"id": "flare", "when": {"fact": "flare_up", "is": true}, "move": "down", "reason": "r", "source": "s"},
    {"id": "well", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"fact": "pain_now", "at_most": 4}, {"fact": "days_at_level", "at_least": 7}]}, "move": "up", "reason": "r", "source": "s"},
    {"id": "otherwise", "move": "stay", "reason": "r", "source": "s"}]"#;

const PROGRESSION_TEXT: &str = r#"{"version": 1, "checkin_every_days": 7, "level_1_summary": "The routine as written.",
  "flare_up": {"any": [{"fact": "pain_rise", "at_least": 2}, {"fact": "worse_in_a_row", "at_least": 2}]},
  "flare_up_plan": {"do": ["Keep moving gently."], "get_help": ["See a GP if it does not settle."]},
  "levels": LEVELS,
  "rules": RULES}"#;

/// Questions `age` (number 0 to 100), `a` and `b` (yes/no warning signs), `c` (a follow-up asked
/// when `a` is yes) and `limits` (multiple choice); `a` is an emergency; one routine of two
/// stretches, one left out when `limits` includes `x`, with a second level.
pub(crate) struct Mini {
    texts: [String; 9],
}

impl Mini {
    pub(crate) fn new() -> Mini {
        let level = r#"{"headline": "h", "action": "a"}"#;
        Mini {
            texts: [
                r#"{"version": 1, "questions": [
                    {"id": "age", "section": "pain", "text": "Age?", "help": "h", "type": "number", "min": 0, "max": 100},
                    {"id": "a", "section": "safety", "text": "A?", "help": "h", "type": "yes_no"},
                    {"id": "b", "section": "safety", "text": "B?", "help": "h", "type": "yes_no"},
                    {"id": "c", "section": "safety", "text": "C?", "help": "h", "type": "yes_no", "ask_when": {"question": "a", "is": true}},
                    {"id": "limits", "section": "limits", "text": "L?", "help": "h", "type": "multiple",
                     "choices": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}]}]}"#
                    .to_owned(),
                r#"{"version": 1, "conditions": []}"#.to_owned(),
                r#"{"version": 1, "rules": [
                    {"id": "a_rule", "level": "emergency", "when": {"question": "a", "is": true}, "reason": "r", "action": "x", "source": "s"},
                    {"id": "b_rule", "level": "soon", "when": {"question": "b", "is": true}, "reason": "r", "action": "x", "source": "s"}]}"#
                    .to_owned(),
                r#"{"version": 1, "stretches": [
                    {"id": "flat", "name": "n", "targets": "t", "position": "p", "family": "hip", "tags": ["lying_on_back"], "steps": ["s"],
                     "dose": {"hold_seconds": 30}, "intensity": 5, "leave_out": [{"when": {"question": "limits", "contains": "x"}, "because": "b"}]},
                    {"id": "stand", "name": "n", "targets": "t", "position": "p", "family": "hip", "tags": ["standing"], "steps": ["s"],
                     "dose": {"hold_seconds": 30}, "intensity": 5}]}"#
                    .to_owned(),
                r#"{"version": 1, "routines": [
                    {"id": "r", "name": "R", "purpose": "p", "how_often": "daily", "steps": [{"stretch": "flat"}, {"stretch": "stand"}],
                     "select": [{"priority": 0, "because": "always"}]}]}"#
                    .to_owned(),
                format!(
                    r#"{{"version": 1, "levels": {{"emergency": {level}, "urgent": {level}, "soon": {level}, "appointment": {level}, "self_care": {level}}},
                    "tips": [], "safety_net": [], "disclaimer": "d"}}"#
                ),
                r#"{"version": 1, "urgency": [
                    {"id": "a_is_emergency", "when": {"question": "a", "is": true}, "at_least": "emergency", "source": "s"}],
                    "routines": [
                    {"id": "x_not_flat", "when": {"question": "limits", "contains": "x"}, "exclude": ["lying_on_back"], "source": "s"}]}"#
                    .to_owned(),
                POSES.replace("STANDING", STANDING),
                progression_with(MINI_LEVELS),
            ],
        }
    }

    /// The same with file `file` (an index into `FILE_NAMES`) replaced.
    pub(crate) fn with(mut self, file: usize, text: &str) -> Mini {
        self.texts[file] = text.to_owned();
        self
    }

    pub(crate) fn files(&self) -> RuleFiles {
        RuleFiles {
            origin: "test".to_owned(),
            files: std::array::from_fn(|i| RuleFile {
                name: FILE_NAMES[i].to_owned(),
                text: self.texts[i].clone(),
            }),
        }
    }

    pub(crate) fn load(&self) -> Result<KnowledgeBase, Faults> {
        KnowledgeBase::from_files(&self.files())
    }

    /// The faults of a knowledge base that must not load, as one string.
    pub(crate) fn refused(&self) -> String {
        match self.load() {
            Ok(_) => panic!("expected these rules to be refused"),
            Err(faults) => faults.to_string(),
        }
    }
}
