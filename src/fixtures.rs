//! A small knowledge base for unit tests of mechanisms (the questionnaire flow, the player's
//! plan and session), so that editing `rules/` never breaks a test of how things work. Tests of
//! what the shipped rules decide live in `tests/` (scenarios, snapshots).
//!
//! Eight questions in the four sections, one follow-up asked only after a yes, an emergency and
//! an urgent warning sign, and two routines: `sitting` (paced breaths, then a two-round stretch
//! on each side) and `general` (the fallback, starting with a timed hold).

use crate::knowledge::KnowledgeBase;
use crate::knowledge::source::{FILE_NAMES, RuleFile, RuleFiles};

const QUESTIONS: &str = r#"{"version": 1, "questions": [
  {"id": "age", "section": "pain", "text": "Age?", "help": "h", "type": "number", "min": 1, "max": 110, "unit": "years"},
  {"id": "duration", "section": "pain", "text": "How long?", "help": "h", "type": "single",
   "choices": [{"id": "short", "label": "Short"}, {"id": "long", "label": "Long"}]},
  {"id": "numb", "section": "safety", "text": "Numb?", "help": "h", "type": "yes_no"},
  {"id": "fever", "section": "safety", "text": "Fever?", "help": "h", "type": "yes_no"},
  {"id": "worse_with", "section": "pattern", "text": "Worse with?", "help": "h", "type": "multiple",
   "choices": [{"id": "sitting", "label": "Sitting"}, {"id": "bending", "label": "Bending"}]},
  {"id": "stiff", "section": "pattern", "text": "Stiff?", "help": "h", "type": "yes_no"},
  {"id": "stiff_time", "section": "pattern", "text": "How long stiff?", "help": "h", "type": "single",
   "choices": [{"id": "short", "label": "Short"}, {"id": "long", "label": "Long"}],
   "ask_when": {"question": "stiff", "is": true}},
  {"id": "limits", "section": "limits", "text": "Limits?", "help": "h", "type": "multiple",
   "choices": [{"id": "knees", "label": "Bad knees"}, {"id": "wrists", "label": "Sore wrists"}]}]}"#;

const CONDITIONS: &str = r#"{"version": 1, "conditions": []}"#;

const TRIAGE: &str = r#"{"version": 1, "rules": [
  {"id": "numb", "level": "emergency", "when": {"question": "numb", "is": true}, "reason": "r", "action": "a", "source": "s"},
  {"id": "fever", "level": "urgent", "when": {"question": "fever", "is": true}, "reason": "r", "action": "a", "source": "s"},
  {"id": "lasting", "level": "appointment", "when": {"question": "duration", "is": "long"}, "reason": "r", "action": "a", "source": "s"}]}"#;

const STRETCHES: &str = r#"{"version": 1, "stretches": [
  {"id": "cat_cow", "name": "Cat-cow", "targets": "t", "position": "p", "family": "neutral", "tags": ["hands_and_knees"], "steps": ["s"],
   "dose": {"breaths": 6}, "intensity": 4,
   "leave_out": [{"when": {"question": "limits", "contains": "knees"}, "because": "it means kneeling", "instead": "seated_cat_cow"}]},
  {"id": "seated_cat_cow", "name": "Seated cat-cow", "targets": "t", "position": "p", "family": "neutral", "tags": ["sitting"], "steps": ["s"],
   "dose": {"breaths": 6}, "intensity": 3},
  {"id": "lunge", "name": "Lunge", "targets": "t", "position": "p", "family": "extension", "tags": ["standing", "lunge"], "steps": ["s"],
   "dose": {"hold_seconds": 30, "each_side": true}, "intensity": 5}]}"#;

const ROUTINES: &str = r#"{"version": 1, "routines": [
  {"id": "sitting", "name": "After sitting", "purpose": "p", "how_often": "daily",
   "steps": [{"stretch": "cat_cow"}, {"stretch": "lunge", "dose": {"hold_seconds": 20, "each_side": true, "rounds": 2}}],
   "select": [{"priority": 10, "when": {"question": "worse_with", "contains": "sitting"}, "because": "sitting"}]},
  {"id": "general", "name": "General", "purpose": "p", "how_often": "daily",
   "steps": [{"stretch": "lunge"}, {"stretch": "cat_cow"}, {"stretch": "seated_cat_cow"}],
   "select": [{"priority": 0, "because": "it suits everyone"}]}],
  "withhold": []}"#;

const ADVICE: &str = r#"{"version": 1, "levels": {
  "emergency": {"headline": "h", "action": "a"}, "urgent": {"headline": "h", "action": "a"},
  "soon": {"headline": "h", "action": "a"}, "appointment": {"headline": "h", "action": "a"},
  "self_care": {"headline": "h", "action": "a"}},
  "tips": [], "safety_net": [], "disclaimer": "d"}"#;

const SAFETY_FLOOR: &str = r#"{"version": 1, "urgency": [
  {"id": "numb_is_emergency", "when": {"question": "numb", "is": true}, "at_least": "emergency", "source": "s"}],
  "routines": [
  {"id": "knees_no_kneeling", "when": {"question": "limits", "contains": "knees"}, "exclude": ["hands_and_knees"], "source": "s"}]}"#;

/// One standing figure, used for every frame: the fixture tests mechanisms, not drawings.
const STANDING: &str = r#"{"head": [45, 70], "neck": [45, 63], "shoulder_left": [45, 61], "shoulder_right": [45, 61], "elbow_left": [45, 48], "elbow_right": [45, 48], "hand_left": [45, 36], "hand_right": [45, 36], "hip_left": [45, 38], "hip_right": [45, 38], "knee_left": [45, 20], "knee_right": [45, 20], "ankle_left": [45, 2], "ankle_right": [45, 2], "foot_left": [51, 0], "foot_right": [51, 0]}"#;

const POSES: &str = r#"{"version": 1, "poses": [
  {"stretch": "cat_cow", "near": "right", "props": [{"kind": "floor"}], "frames": [{"name": "start", "joints": STANDING}, {"name": "end", "joints": STANDING}]},
  {"stretch": "seated_cat_cow", "near": "right", "props": [{"kind": "floor"}], "frames": [{"name": "start", "joints": STANDING}, {"name": "end", "joints": STANDING}]},
  {"stretch": "lunge", "near": "right", "props": [{"kind": "floor"}], "frames": [{"name": "start", "joints": STANDING}, {"name": "end", "joints": STANDING}]}]}"#;

const PROGRESSION: &str = r#"{"version": 1, "checkin_every_days": 7,
    "journal": {"duration": {"question": "duration", "weeks": {"short": 0, "long": 6}}, "age": "age"}, "level_1_summary": "As written.",
  "flare_up": {"any": [{"fact": "pain_rise", "at_least": 2}, {"fact": "worse_in_a_row", "at_least": 2}]},
  "flare_up_plan": {"do": ["Keep moving."], "get_help": ["See a GP."]},
  "levels": [
    {"routine": "sitting", "levels": [{"summary": "Longer holds.", "hold_seconds_add": 10}]},
    {"routine": "general", "levels": [{"summary": "Longer holds.", "hold_seconds_add": 10}]}],
  "rules": [
    {"id": "held", "when": {"any": [{"fact": "warning_sign", "is": true}, {"fact": "urgency", "at_least": "soon"}]}, "move": "stay", "reason": "r", "source": "s"},
    {"id": "flare", "when": {"fact": "flare_up", "is": true}, "move": "down", "reason": "r", "source": "s"},
    {"id": "well", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"fact": "pain_now", "at_most": 4}]}, "move": "up", "reason": "r", "source": "s"},
    {"id": "otherwise", "move": "stay", "reason": "r", "source": "s"}]}"#;

/// The fixture's files, matched to the knowledge base's file names.
fn text_for(name: &str) -> String {
    let text = match name {
        "questions.json" => QUESTIONS,
        "conditions.json" => CONDITIONS,
        "triage.json" => TRIAGE,
        "stretches.json" => STRETCHES,
        "routines.json" => ROUTINES,
        "advice.json" => ADVICE,
        "safety-floor.json" => SAFETY_FLOOR,
        "poses.json" => POSES,
        "progression.json" => PROGRESSION,
        other => panic!("the test fixture has no {other}; add one to src/fixtures.rs"),
    };
    text.replace("STANDING", STANDING)
}

/// The fixture knowledge base, loaded and checked like any other.
pub(crate) fn kb() -> KnowledgeBase {
    let files = RuleFiles {
        origin: "fixture".to_owned(),
        files: std::array::from_fn(|i| RuleFile {
            name: FILE_NAMES[i].to_owned(),
            text: text_for(FILE_NAMES[i]),
        }),
    };
    KnowledgeBase::from_files(&files).unwrap_or_else(|faults| panic!("{faults}"))
}

#[test]
fn the_fixture_loads() {
    let kb = kb();
    assert_eq!(
        (kb.questions.len(), kb.routines.len(), kb.stretches.len()),
        (8, 2, 3)
    );
}
