//! Hand-written serde types for the few FHIR R4 resources backcare writes, with only the elements
//! it uses. Field names are FHIR's (camelCase); absent optional elements are left out, as FHIR
//! JSON requires (no `null`, no empty arrays).

use serde::Serialize;

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

/// A `Coding`: a code in a code system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coding {
    /// The code system's canonical URL.
    pub system: String,
    /// The code.
    pub code: String,
    /// The code's meaning for a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// A `CodeableConcept`: codings and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeableConcept {
    /// The codes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// The concept in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An SDC `Expression` (in `FHIRPath`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expression {
    /// Always `text/fhirpath` here.
    pub language: String,
    /// The expression.
    pub expression: String,
}

/// An `Extension` with one of the value types backcare uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// What the extension means.
    pub url: String,
    /// An integer value (`minValue`, `maxValue`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// A boolean value (`optionExclusive`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// A concept (the item control).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    /// An expression (`enableWhenExpression`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_expression: Option<Expression>,
}

impl Extension {
    /// An extension with no value yet.
    pub fn new(url: &str) -> Extension {
        Extension {
            url: url.to_owned(),
            value_integer: None,
            value_boolean: None,
            value_codeable_concept: None,
            value_expression: None,
        }
    }
}

/// A `Reference` by URL or by description only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The `fullUrl` of the resource referred to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What it is, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// An `Annotation` with text only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// The note.
    pub text: String,
}

/// The R4 `Questionnaire`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `Questionnaire`.
    pub resource_type: &'static str,
    /// A logical id.
    pub id: String,
    /// The stable canonical URL responses point back to.
    pub url: String,
    /// The knowledge base's version.
    pub version: String,
    /// A computer-friendly name.
    pub name: String,
    /// A name for people.
    pub title: String,
    /// `active`.
    pub status: &'static str,
    /// What the questionnaire is for.
    pub description: String,
    /// The sections, as `group` items.
    pub item: Vec<QuestionnaireItem>,
}

/// One `Questionnaire.item`: a group, a question or a display (help) item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    /// Extensions: range limits, item control, enable-when expression, exclusive option.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The question id, or the section's or help item's own id.
    pub link_id: String,
    /// A standard code for the question (LOINC for the pain score).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// The question or heading as shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `group`, `display`, `boolean`, `choice` or `integer`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// When the item is enabled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// `all` or `any`, when there are several `enableWhen`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<&'static str>,
    /// Must be answered (when enabled).
    #[serde(skip_serializing_if = "is_false")]
    pub required: bool,
    /// Takes several answers (multiple choice).
    #[serde(skip_serializing_if = "is_false")]
    pub repeats: bool,
    /// The choices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// Child items: the questions of a group, the help of a question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

impl QuestionnaireItem {
    /// An item with nothing but its id and type.
    pub fn new(link_id: &str, kind: &'static str) -> QuestionnaireItem {
        QuestionnaireItem {
            extension: Vec::new(),
            link_id: link_id.to_owned(),
            code: Vec::new(),
            text: None,
            kind,
            enable_when: Vec::new(),
            enable_behavior: None,
            required: false,
            repeats: false,
            answer_option: Vec::new(),
            item: Vec::new(),
        }
    }
}

/// One `Questionnaire.item.enableWhen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnableWhen {
    /// The `linkId` of the question it tests; always an earlier question.
    pub question: String,
    /// `exists`, `=`, `!=`, `>=` or `<=`.
    pub operator: &'static str,
    /// The answer compared with.
    #[serde(flatten)]
    pub answer: EnableAnswer,
}

/// The `answer[x]` of an `enableWhen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EnableAnswer {
    /// `answerBoolean` (also for `exists`).
    #[serde(rename = "answerBoolean")]
    Boolean(bool),
    /// `answerInteger`.
    #[serde(rename = "answerInteger")]
    Integer(i64),
    /// `answerCoding`.
    #[serde(rename = "answerCoding")]
    Coding(Coding),
}

/// One `Questionnaire.item.answerOption`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    /// `optionExclusive` on "none of these".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The choice.
    pub value_coding: Coding,
}

/// The R4 `QuestionnaireResponse`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `QuestionnaireResponse`.
    pub resource_type: &'static str,
    /// The questionnaire answered: `url|version`.
    pub questionnaire: String,
    /// `completed`, or `stopped` after an emergency answer ended the questions early.
    pub status: &'static str,
    /// The answers, grouped by section as in the questionnaire.
    pub item: Vec<ResponseItem>,
}

/// One `QuestionnaireResponse.item`: a section group or an answered question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    /// The questionnaire item's `linkId`.
    pub link_id: String,
    /// The question or heading as shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The answers (several for multiple choice).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<ResponseAnswer>,
    /// A group's answered questions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// One `QuestionnaireResponse.item.answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ResponseAnswer {
    /// `valueBoolean`.
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    /// `valueInteger`.
    #[serde(rename = "valueInteger")]
    Integer(i64),
    /// `valueCoding`.
    #[serde(rename = "valueCoding")]
    Coding(Coding),
}

/// The R4 `Bundle` of type `collection`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Always `Bundle`.
    pub resource_type: &'static str,
    /// Always `collection`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The resources.
    pub entry: Vec<BundleEntry>,
}

/// One `Bundle.entry`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// A `urn:uuid:` other entries refer to it by.
    pub full_url: String,
    /// The resource.
    pub resource: Resource,
}

/// A resource in the result bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Resource {
    /// The answers.
    QuestionnaireResponse(QuestionnaireResponse),
    /// The triage.
    GuidanceResponse(GuidanceResponse),
    /// The routine.
    CarePlan(CarePlan),
}

/// The R4 `GuidanceResponse`: the triage result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GuidanceResponse {
    /// Always `GuidanceResponse`.
    pub resource_type: &'static str,
    /// The knowledge that produced it (the triage rules, by version).
    pub module_uri: String,
    /// `success`.
    pub status: &'static str,
    /// The urgency, coded, with the headline as text.
    pub reason_code: Vec<CodeableConcept>,
    /// The action to take, then each fired rule with its reason, action and guideline source.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    /// The routine's `CarePlan`, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Reference>,
}

/// The R4 `CarePlan`: the stretch routine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CarePlan {
    /// Always `CarePlan`.
    pub resource_type: &'static str,
    /// `active`.
    pub status: &'static str,
    /// `proposal`: a recommendation.
    pub intent: &'static str,
    /// The routine's id, coded.
    pub category: Vec<CodeableConcept>,
    /// The routine's name.
    pub title: String,
    /// Its purpose and why it was chosen.
    pub description: String,
    /// Required by FHIR; the person is not identified, so a description only.
    pub subject: Reference,
    /// One per stretch, in order.
    pub activity: Vec<CarePlanActivity>,
    /// Stretches left out or swapped, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

/// One `CarePlan.activity`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarePlanActivity {
    /// What to do.
    pub detail: ActivityDetail,
}

/// One `CarePlan.activity.detail`: a stretch, its dose and how often.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityDetail {
    /// The stretch, coded by id, with its name.
    pub code: CodeableConcept,
    /// `not-started`.
    pub status: &'static str,
    /// How often, in words.
    pub scheduled_string: String,
    /// The dose, in words.
    pub description: String,
}
