//! The JSON shapes of the files in `rules/`, exactly as an author writes them.
//!
//! Every struct denies unknown fields, so a misspelt key is an error instead of being silently
//! ignored. These types are only a parsing stage: `compile` turns them into the indexed
//! [`KnowledgeBase`](crate::model::KnowledgeBase) that the engine uses.

pub use crate::model::Section;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsFile {
    pub version: u32,
    pub questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub section: Section,
    pub text: String,
    pub help: String,
    #[serde(rename = "type")]
    pub kind: RawQuestionType,
    #[serde(default)]
    pub choices: Option<Vec<RawChoice>>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub ask_when: Option<RawCondition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawQuestionType {
    YesNo,
    Single,
    Multiple,
    Number,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: String,
    pub label: String,
}

/// One condition node. Exactly one operator must be present; a leaf names its `question`.
/// Parsed loosely here so that `compile` can report what is wrong in the author's terms.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    #[serde(default)]
    pub all: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub any: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub not: Option<Box<RawCondition>>,
    /// A named condition from `conditions.json`.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub is: Option<Value>,
    #[serde(default)]
    pub one_of: Option<Vec<String>>,
    #[serde(default)]
    pub contains: Option<String>,
    #[serde(default)]
    pub at_least: Option<i64>,
    #[serde(default)]
    pub at_most: Option<i64>,
    #[serde(default)]
    pub between: Option<[i64; 2]>,
    #[serde(default)]
    pub answered: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionsFile {
    pub version: u32,
    pub conditions: Vec<RawNamedCondition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNamedCondition {
    pub id: String,
    pub description: String,
    pub when: RawCondition,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageFile {
    pub version: u32,
    pub rules: Vec<RawTriageRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTriageRule {
    pub id: String,
    pub level: crate::Urgency,
    pub when: RawCondition,
    pub reason: String,
    pub action: String,
    /// The guideline fact the rule rests on.
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StretchesFile {
    pub version: u32,
    pub stretches: Vec<RawStretch>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStretch {
    pub id: String,
    pub name: String,
    pub targets: String,
    pub position: String,
    pub family: crate::model::Family,
    /// What the stretch asks of the body (position, movement), in a fixed vocabulary.
    pub tags: Vec<crate::model::Tag>,
    pub steps: Vec<String>,
    pub dose: RawDose,
    /// Effort on a 1 to 10 scale (checked when compiling); the shipped stretches ask for about 5.
    pub intensity: u8,
    #[serde(default)]
    pub cautions: Vec<String>,
    #[serde(default)]
    pub leave_out: Vec<RawLeaveOut>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDose {
    #[serde(default)]
    pub hold_seconds: Option<u32>,
    #[serde(default)]
    pub breaths: Option<u32>,
    #[serde(default)]
    pub reps: Option<u32>,
    #[serde(default)]
    pub each_side: bool,
    #[serde(default)]
    pub rounds: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLeaveOut {
    pub when: RawCondition,
    pub because: String,
    #[serde(default)]
    pub instead: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutinesFile {
    pub version: u32,
    pub routines: Vec<RawRoutine>,
    #[serde(default)]
    pub withhold: Vec<RawWithhold>,
    /// Too short a routine once stretches are left out is no routine at all.
    #[serde(default)]
    pub too_few_steps: Option<RawTooFewSteps>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTooFewSteps {
    pub min_steps: u32,
    pub because: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoutine {
    pub id: String,
    pub name: String,
    pub purpose: String,
    /// How often to do the routine, in plain words (for example "once or twice a day").
    pub how_often: String,
    pub steps: Vec<RawStep>,
    pub select: Vec<RawSelect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub stretch: String,
    #[serde(default)]
    pub dose: Option<RawDose>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSelect {
    pub priority: i32,
    #[serde(default)]
    pub when: Option<RawCondition>,
    pub because: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWithhold {
    pub id: String,
    pub when: RawCondition,
    pub because: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceFile {
    pub version: u32,
    pub levels: RawLevels,
    pub tips: Vec<RawAdviceLine>,
    pub safety_net: Vec<RawAdviceLine>,
    pub disclaimer: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevels {
    pub emergency: RawLevel,
    pub urgent: RawLevel,
    pub soon: RawLevel,
    pub appointment: RawLevel,
    pub self_care: RawLevel,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub headline: String,
    pub action: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdviceLine {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub when: Option<RawCondition>,
}
