//! The JSON shapes of the files in `rules/`, exactly as an author writes them.
//!
//! Every struct denies unknown fields, so a misspelt key is an error instead of being silently
//! ignored. These types are only a parsing stage: `compile` turns them into the indexed
//! [`KnowledgeBase`](crate::model::KnowledgeBase) that the engine uses.

pub(crate) use crate::model::Section;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionsFile {
    pub(crate) version: u32,
    pub(crate) questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    pub(crate) id: String,
    pub(crate) section: Section,
    pub(crate) text: String,
    pub(crate) help: String,
    #[serde(rename = "type")]
    pub(crate) kind: RawQuestionType,
    #[serde(default)]
    pub(crate) choices: Option<Vec<RawChoice>>,
    #[serde(default)]
    pub(crate) min: Option<i64>,
    #[serde(default)]
    pub(crate) max: Option<i64>,
    #[serde(default)]
    pub(crate) unit: Option<String>,
    #[serde(default)]
    pub(crate) ask_when: Option<RawCondition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RawQuestionType {
    YesNo,
    Single,
    Multiple,
    Number,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChoice {
    pub(crate) id: String,
    pub(crate) label: String,
}

/// One condition node. Exactly one operator must be present; a leaf names its `question`.
/// Parsed loosely here so that `compile` can report what is wrong in the author's terms.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    #[serde(default)]
    pub(crate) all: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub(crate) any: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub(crate) not: Option<Box<RawCondition>>,
    /// A named condition from `conditions.json`.
    #[serde(default, rename = "ref")]
    pub(crate) reference: Option<String>,
    #[serde(default)]
    pub(crate) question: Option<String>,
    #[serde(default)]
    pub(crate) is: Option<Value>,
    #[serde(default)]
    pub(crate) one_of: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) contains: Option<String>,
    #[serde(default)]
    pub(crate) at_least: Option<i64>,
    #[serde(default)]
    pub(crate) at_most: Option<i64>,
    #[serde(default)]
    pub(crate) between: Option<[i64; 2]>,
    #[serde(default)]
    pub(crate) answered: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConditionsFile {
    pub(crate) version: u32,
    pub(crate) conditions: Vec<RawNamedCondition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNamedCondition {
    pub(crate) id: String,
    pub(crate) description: String,
    pub(crate) when: RawCondition,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TriageFile {
    pub(crate) version: u32,
    pub(crate) rules: Vec<RawTriageRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTriageRule {
    pub(crate) id: String,
    pub(crate) level: crate::Urgency,
    pub(crate) when: RawCondition,
    pub(crate) reason: String,
    pub(crate) action: String,
    /// The guideline fact the rule rests on.
    pub(crate) source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StretchesFile {
    pub(crate) version: u32,
    pub(crate) stretches: Vec<RawStretch>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStretch {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) targets: String,
    pub(crate) position: String,
    pub(crate) family: crate::model::Family,
    /// What the stretch asks of the body (position, movement), in a fixed vocabulary.
    pub(crate) tags: Vec<crate::model::Tag>,
    pub(crate) steps: Vec<String>,
    pub(crate) dose: RawDose,
    /// Effort on a 1 to 10 scale (checked when compiling); the shipped stretches ask for about 5.
    pub(crate) intensity: u8,
    #[serde(default)]
    pub(crate) cautions: Vec<String>,
    #[serde(default)]
    pub(crate) leave_out: Vec<RawLeaveOut>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDose {
    #[serde(default)]
    pub(crate) hold_seconds: Option<u32>,
    #[serde(default)]
    pub(crate) breaths: Option<u32>,
    #[serde(default)]
    pub(crate) reps: Option<u32>,
    #[serde(default)]
    pub(crate) each_side: bool,
    #[serde(default)]
    pub(crate) rounds: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLeaveOut {
    pub(crate) when: RawCondition,
    pub(crate) because: String,
    #[serde(default)]
    pub(crate) instead: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoutinesFile {
    pub(crate) version: u32,
    pub(crate) routines: Vec<RawRoutine>,
    #[serde(default)]
    pub(crate) withhold: Vec<RawWithhold>,
    /// Too short a routine once stretches are left out is no routine at all.
    #[serde(default)]
    pub(crate) too_few_steps: Option<RawTooFewSteps>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTooFewSteps {
    pub(crate) min_steps: u32,
    pub(crate) because: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRoutine {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) purpose: String,
    /// How often to do the routine, in plain words (for example "once or twice a day").
    pub(crate) how_often: String,
    pub(crate) steps: Vec<RawStep>,
    pub(crate) select: Vec<RawSelect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    pub(crate) stretch: String,
    #[serde(default)]
    pub(crate) dose: Option<RawDose>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSelect {
    pub(crate) priority: i32,
    #[serde(default)]
    pub(crate) when: Option<RawCondition>,
    pub(crate) because: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWithhold {
    pub(crate) id: String,
    pub(crate) when: RawCondition,
    pub(crate) because: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdviceFile {
    pub(crate) version: u32,
    pub(crate) levels: RawLevels,
    pub(crate) tips: Vec<RawAdviceLine>,
    pub(crate) safety_net: Vec<RawAdviceLine>,
    pub(crate) disclaimer: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLevels {
    pub(crate) emergency: RawLevel,
    pub(crate) urgent: RawLevel,
    pub(crate) soon: RawLevel,
    pub(crate) appointment: RawLevel,
    pub(crate) self_care: RawLevel,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLevel {
    pub(crate) headline: String,
    pub(crate) action: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAdviceLine {
    pub(crate) id: String,
    pub(crate) text: String,
    #[serde(default)]
    pub(crate) when: Option<RawCondition>,
}
