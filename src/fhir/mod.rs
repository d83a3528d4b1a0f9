//! FHIR R4: the questionnaire as a `Questionnaire`, answers as a `QuestionnaireResponse` (both
//! ways), and a result as a `Bundle` holding the response, a `GuidanceResponse` for the triage
//! and a `CarePlan` for the routine.
//!
//! Layer 3, beside `report`: it uses the model, the engine (to decide and to check answers with
//! exactly the checks and messages of an answers file) and nothing above. The resource types are
//! hand-written in [`types`], with only the elements backcare uses.

mod bundle;
mod questionnaire;
mod response;
pub mod types;

pub use bundle::{result_bundle, stopped_early};
pub use questionnaire::{enable_when_expression, questionnaire};
pub use response::{is_fhir, questionnaire_response, read_any_answers, read_response};

/// Where backcare's canonical URLs start.
pub const BASE: &str = "http://backcare.example.org/fhir";
/// The questionnaire's stable canonical URL; a response names it in `questionnaire`.
pub const QUESTIONNAIRE_URL: &str = "http://backcare.example.org/fhir/Questionnaire/backcare";
/// The code system of the answer choices: a choice's code is its id.
pub const CHOICE_SYSTEM: &str = "http://backcare.example.org/fhir/CodeSystem/choice";
/// The code of the "none of these" option of a multiple-choice question (an empty list in an
/// answers file). Not a possible choice id: ids are lower-case letters, digits and `_`.
pub const NONE_OF_THESE: &str = "none-of-these";
/// The code system of the urgency levels: `emergency` ... `self_care`.
pub const URGENCY_SYSTEM: &str = "http://backcare.example.org/fhir/CodeSystem/urgency";
/// The code system of the triage rules, by id.
pub const RULE_SYSTEM: &str = "http://backcare.example.org/fhir/CodeSystem/triage-rule";
/// The code system of the stretches and routines, by id.
pub const STRETCH_SYSTEM: &str = "http://backcare.example.org/fhir/CodeSystem/stretch";
/// The code system of the routines, by id.
pub const ROUTINE_SYSTEM: &str = "http://backcare.example.org/fhir/CodeSystem/routine";
/// LOINC.
pub const LOINC: &str = "http://loinc.org";

/// The `linkId` of a section's group item: not a possible question id (it has a `-`).
pub fn section_link_id(section: crate::model::Section) -> String {
    format!("section-{}", section.name())
}

/// The `linkId` of a question's help (display) item.
pub fn help_link_id(question: &str) -> String {
    format!("{question}-help")
}

/// The questionnaire's version: the knowledge base's fingerprint, so a response says exactly
/// which rules it answered.
pub fn version(kb: &crate::model::KnowledgeBase) -> String {
    if kb.origin.fingerprint.is_empty() {
        "unversioned".to_owned()
    } else {
        kb.origin.fingerprint.clone()
    }
}
