//! Answers as an R4 `QuestionnaireResponse`, both ways. Reading one checks every answer with the
//! checks and messages of an answers file (`engine::read_answer`, `engine::complete_answers`),
//! located by the item's position and `linkId`.

use super::types::{Coding, QuestionnaireResponse, ResponseAnswer, ResponseItem};
use super::{CHOICE_SYSTEM, NONE_OF_THESE, QUESTIONNAIRE_URL};
use crate::engine::{
    ParsedAnswers, answered_twice, complete_answers, parse_answers, read_answer, unknown_question,
};
use crate::model::{Answer, Answers, KnowledgeBase, QuestionKind, Section, condition_words};
use crate::sanitize::quote as clip;
use serde_json::{Map, Value};

/// The answers as a `QuestionnaireResponse`: answered questions only, grouped by section as in the
/// questionnaire; `stopped` says the questions ended early at an emergency answer.
pub fn questionnaire_response(
    kb: &KnowledgeBase,
    answers: &Answers,
    stopped: bool,
) -> QuestionnaireResponse {
    let mut groups: Vec<ResponseItem> = Vec::new();
    let mut current: Option<Section> = None;
    for (i, q) in kb.questions.iter().enumerate() {
        let Some(answer) = answers.get(i) else {
            continue;
        };
        if current != Some(q.section) {
            current = Some(q.section);
            groups.push(ResponseItem {
                link_id: super::section_link_id(q.section),
                text: None,
                answer: Vec::new(),
                item: Vec::new(),
            });
        }
        let coding = |c: usize| {
            ResponseAnswer::Coding(Coding {
                system: CHOICE_SYSTEM.to_owned(),
                code: q.kind.choices()[c].id.clone(),
                display: Some(q.kind.choices()[c].label.clone()),
            })
        };
        let values = match answer {
            Answer::Bool(b) => vec![ResponseAnswer::Boolean(b)],
            Answer::Number(n) => vec![ResponseAnswer::Integer(n)],
            Answer::Choice(c) => vec![coding(usize::from(c))],
            Answer::Choices(0) => vec![ResponseAnswer::Coding(Coding {
                system: CHOICE_SYSTEM.to_owned(),
                code: NONE_OF_THESE.to_owned(),
                display: Some("None of these".to_owned()),
            })],
            Answer::Choices(mask) => (0..q.kind.choices().len())
                .filter(|c| mask & (1u64 << c) != 0)
                .map(coding)
                .collect(),
        };
        if let Some(group) = groups.last_mut() {
            group.item.push(ResponseItem {
                link_id: q.id.clone(),
                text: Some(q.text.clone()),
                answer: values,
                item: Vec::new(),
            });
        }
    }
    QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        questionnaire: format!("{QUESTIONNAIRE_URL}|{}", super::version(kb)),
        status: if stopped { "stopped" } else { "completed" },
        item: groups,
    }
}

/// Whether `text` looks like a FHIR resource (a JSON object with `resourceType`) rather than an
/// answers object. Cheap: a full parse happens only when the key appears at all.
pub fn is_fhir(text: &str) -> bool {
    text.contains("\"resourceType\"")
        && serde_json::from_str::<Map<String, Value>>(text)
            .is_ok_and(|object| object.contains_key("resourceType"))
}

/// Answers in either form: a `QuestionnaireResponse` (recognised by `resourceType`) or an answers
/// object keyed by question id.
pub fn read_any_answers(kb: &KnowledgeBase, text: &str) -> Result<ParsedAnswers, String> {
    if is_fhir(text) {
        read_response(kb, text)
    } else {
        parse_answers(kb, text)
    }
}

/// Reads a `QuestionnaireResponse` into answers, with the checks of an answers file: unknown
/// `linkId`s (with "did you mean"), answers of the wrong type, choices and ranges, questions
/// answered twice, answers to items that are not enabled, and missing answers the triage rules
/// need. Each message names the item by position and `linkId`.
pub fn read_response(kb: &KnowledgeBase, text: &str) -> Result<ParsedAnswers, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Object(resource) = &value else {
        return Err("is not a JSON object".to_owned());
    };
    match resource.get("resourceType") {
        Some(Value::String(t)) if t == "QuestionnaireResponse" => {}
        Some(Value::String(t)) => {
            return Err(format!(
                "is a FHIR {}, not a QuestionnaireResponse",
                clip(t)
            ));
        }
        _ => return Err("`resourceType` must be \"QuestionnaireResponse\"".to_owned()),
    }
    if let Some(q) = resource.get("questionnaire") {
        let canonical = q.as_str().unwrap_or_default();
        let url = canonical.split('|').next().unwrap_or_default();
        if url != QUESTIONNAIRE_URL {
            return Err(format!(
                "`questionnaire` is \"{}\"; backcare reads responses to {QUESTIONNAIRE_URL}",
                clip(canonical)
            ));
        }
    }
    if let Some(Value::String(status)) = resource.get("status") {
        if status == "entered-in-error" {
            return Err("has status `entered-in-error`; it holds no answers to use".to_owned());
        }
    }
    let mut reader = Reader {
        kb,
        answers: Answers::empty(kb.questions.len()),
        located: vec![String::new(); kb.questions.len()],
    };
    reader.items(resource.get("item"), "item")?;
    // An answer to an item whose enableWhen does not hold is not a valid response.
    for q in 0..kb.questions.len() {
        if reader.answers.get(q).is_some() && !kb.is_asked(q, &reader.answers) {
            let when = kb.questions[q]
                .ask_when
                .as_ref()
                .map_or(String::new(), |c| condition_words(kb, c));
            return Err(format!(
                "{}: answered, but the item is not enabled (it is asked only when {when})",
                reader.located[q]
            ));
        }
    }
    complete_answers(kb, reader.answers)
}

struct Reader<'kb> {
    kb: &'kb KnowledgeBase,
    answers: Answers,
    /// Per question: where its answer was, for later messages.
    located: Vec<String>,
}

impl Reader<'_> {
    /// Reads an `item` array at `path`.
    fn items(&mut self, items: Option<&Value>, path: &str) -> Result<(), String> {
        let Some(items) = items else {
            return Ok(());
        };
        let Value::Array(items) = items else {
            return Err(format!("{path}: must be a list of items"));
        };
        for (n, item) in items.iter().enumerate() {
            self.item(item, &format!("{path}[{n}]"))?;
        }
        Ok(())
    }

    fn item(&mut self, item: &Value, path: &str) -> Result<(), String> {
        let Value::Object(item) = item else {
            return Err(format!("{path}: must be an object with a `linkId`"));
        };
        let Some(Value::String(link_id)) = item.get("linkId") else {
            return Err(format!("{path}: has no `linkId`"));
        };
        let at = format!("{path} (linkId `{}`)", clip(link_id));
        let kb = self.kb;
        let section = [
            Section::Pain,
            Section::Safety,
            Section::Pattern,
            Section::Limits,
        ]
        .into_iter()
        .any(|s| super::section_link_id(s) == *link_id);
        if section {
            if item.get("answer").is_some() {
                return Err(format!("{at}: a section group takes no answer"));
            }
            return self.items(item.get("item"), &format!("{path}.item"));
        }
        let Some(q) = kb.question_index(link_id) else {
            return Err(format!("{at}: {}", unknown_question(kb, link_id)));
        };
        let answers = match item.get("answer") {
            None => &Vec::new(),
            Some(Value::Array(a)) => a,
            Some(_) => return Err(format!("{at}: `answer` must be a list")),
        };
        if !answers.is_empty() {
            if self.answers.get(q).is_some() {
                return Err(format!("{at}: {}", answered_twice(link_id)));
            }
            let plain = self.plain_value(q, answers, &format!("{path}.answer"), &at)?;
            let answer = read_answer(kb, q, &plain).map_err(|e| {
                let prefix = format!("question `{link_id}`: ");
                format!("{at}: {}", e.strip_prefix(&prefix).unwrap_or(&e))
            })?;
            self.answers.set(q, Some(answer));
            self.located[q].clone_from(&at);
        }
        // Follow-ups nested under the item or under an answer.
        for (n, answer) in answers.iter().enumerate() {
            self.items(answer.get("item"), &format!("{path}.answer[{n}].item"))?;
        }
        self.items(item.get("item"), &format!("{path}.item"))
    }

    /// The answers of one item as an answers-file value, after checking their FHIR types: one
    /// `valueBoolean`, one `valueCoding`, one `valueInteger`, or `valueCoding`s for a repeating
    /// choice ("none of these" alone meaning none).
    fn plain_value(
        &self,
        q: usize,
        answers: &[Value],
        path: &str,
        at: &str,
    ) -> Result<Value, String> {
        let kind = &self.kb.questions[q].kind;
        let (wanted, fhir_type) = match kind {
            QuestionKind::YesNo => ("valueBoolean", "boolean"),
            QuestionKind::Single(_) | QuestionKind::Multiple(_) => ("valueCoding", "choice"),
            QuestionKind::Number { .. } => ("valueInteger", "integer"),
        };
        let repeats = matches!(kind, QuestionKind::Multiple(_));
        if !repeats && answers.len() > 1 {
            return Err(format!(
                "{at}: has {} answers; a `{fhir_type}` item that does not repeat takes one",
                answers.len()
            ));
        }
        let mut values = Vec::new();
        for (n, answer) in answers.iter().enumerate() {
            let Value::Object(answer) = answer else {
                return Err(format!("{path}[{n}] ({at}): must be an object"));
            };
            let mut keys = answer.keys().filter(|k| k.starts_with("value"));
            let (Some(key), None) = (keys.next(), keys.next()) else {
                return Err(format!(
                    "{at}: answer {n} must hold exactly one value, `{wanted}`"
                ));
            };
            if key != wanted {
                return Err(format!(
                    "{at}: a `{fhir_type}` item takes `{wanted}`, got `{}`",
                    clip(key)
                ));
            }
            let value = &answer[key.as_str()];
            values.push(if wanted == "valueCoding" {
                coding_code(value).map_err(|why| format!("{at}: {why}"))?
            } else {
                value.clone()
            });
        }
        if !repeats {
            return Ok(values.pop().unwrap_or(Value::Null));
        }
        let none = values.iter().any(|v| v == NONE_OF_THESE);
        if none && values.len() > 1 {
            return Err(format!(
                "{at}: \"{NONE_OF_THESE}\" cannot be ticked together with other choices"
            ));
        }
        if none {
            values.clear();
        }
        Ok(Value::Array(values))
    }
}

/// The code of a `valueCoding` in backcare's choice system.
fn coding_code(value: &Value) -> Result<Value, String> {
    let Value::Object(coding) = value else {
        return Err("`valueCoding` must be an object with `system` and `code`".to_owned());
    };
    if let Some(system) = coding.get("system") {
        if system != CHOICE_SYSTEM {
            return Err(format!(
                "the coding's system is {}; backcare's choices are in {CHOICE_SYSTEM}",
                clip(&system.to_string())
            ));
        }
    }
    match coding.get("code") {
        Some(code @ Value::String(_)) => Ok(code.clone()),
        _ => Err("the `valueCoding` has no `code`".to_owned()),
    }
}
