//! A person's answers, one slot per question, and reading them from JSON.

use crate::knowledge::{KnowledgeBase, QuestionKind, fault::closest_id};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// One answer; choices are indices into the question's choice list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Bool(bool),
    Choice(u8),
    /// A multiple-choice answer: bit `i` set when choice `i` was picked.
    Choices(u64),
    Number(i64),
}

/// Answers indexed by question position; `None` where a question was not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    slots: Vec<Option<Answer>>,
}

impl Answers {
    pub fn empty(questions: usize) -> Answers {
        Answers {
            slots: vec![None; questions],
        }
    }

    pub fn from_slots(slots: Vec<Option<Answer>>) -> Answers {
        Answers { slots }
    }

    pub fn get(&self, question: usize) -> Option<Answer> {
        self.slots.get(question).copied().flatten()
    }

    pub fn set(&mut self, question: usize, answer: Option<Answer>) {
        self.slots[question] = answer;
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// Clears answers to questions the flow would not ask, walking the questionnaire in order as
    /// the interactive flow does, and returns the positions cleared.
    pub fn drop_unasked(&mut self, kb: &KnowledgeBase) -> Vec<usize> {
        let mut dropped = Vec::new();
        for i in 0..self.slots.len() {
            if self.slots[i].is_some() && !kb.is_asked(i, self) {
                self.slots[i] = None;
                dropped.push(i);
            }
        }
        dropped
    }

    /// The answers as a JSON object keyed by question id, in questionnaire order: the format that
    /// `--answers` reads.
    pub fn to_json(&self, kb: &KnowledgeBase) -> Value {
        let mut map = serde_json::Map::new();
        for (i, q) in kb.questions.iter().enumerate() {
            if let Some(answer) = self.get(i) {
                map.insert(q.id.clone(), answer_json(kb, i, answer));
            }
        }
        Value::Object(map)
    }
}

/// One answer as it is written in an answers file: `true`, `"choice_id"`, `["a", "b"]` or `42`.
pub fn answer_json(kb: &KnowledgeBase, question: usize, answer: Answer) -> Value {
    let choices = kb.questions[question].kind.choices();
    let choice_id = |i: u8| {
        choices
            .get(usize::from(i))
            .map_or(String::new(), |c| c.id.clone())
    };
    match answer {
        Answer::Bool(b) => Value::Bool(b),
        Answer::Choice(c) => Value::String(choice_id(c)),
        Answer::Choices(mask) => Value::Array(
            (0..choices.len() as u8)
                .filter(|c| mask & (1 << c) != 0)
                .map(|c| Value::String(choice_id(c)))
                .collect(),
        ),
        Answer::Number(n) => Value::from(n),
    }
}

/// Answers read from a file, and the ids of answered questions the flow would not have asked.
#[derive(Debug, Clone)]
pub struct ParsedAnswers {
    pub answers: Answers,
    pub ignored: Vec<String>,
}

/// Reads an answers object, checking each answer against its question. A missing answer to a
/// question that would be asked and that triage rules read is an error: a silent default could
/// hide a warning sign. The error is one sentence, naming the question.
pub fn parse_answers(kb: &KnowledgeBase, text: &str) -> Result<ParsedAnswers, String> {
    if text.trim().is_empty() {
        return Err(
            "is empty; write a JSON object of answers keyed by question id, like {\"age\": 42}"
                .to_owned(),
        );
    }
    let entries: Entries = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        if e.is_data() && message.starts_with("invalid type") {
            format!("answers must be one JSON object keyed by question id, like {{\"age\": 42}} ({message})")
        } else if message.contains("recursion limit") {
            "nested too deeply; an answers file is a flat object of question ids".to_owned()
        } else {
            message
        }
    })?;
    let mut answers = Answers::empty(kb.questions.len());
    for (id, value) in &entries.0 {
        let Some(q) = kb.question_index(id) else {
            let ids = kb.questions.iter().map(|q| q.id.as_str());
            return Err(match closest_id(id, ids) {
                Some(near) => format!("unknown question `{id}`; did you mean `{near}`?"),
                None => format!("unknown question `{id}`; `backcare questions` lists them"),
            });
        };
        if answers.get(q).is_some() {
            return Err(format!(
                "question `{id}` is answered twice; keep one answer"
            ));
        }
        answers.set(
            q,
            Some(read_answer(kb, q, value).map_err(|why| format!("question `{id}`: {why}"))?),
        );
    }
    let ignored: Vec<String> = answers
        .drop_unasked(kb)
        .into_iter()
        .map(|q| kb.questions[q].id.clone())
        .collect();
    let needed = kb.triage_questions();
    let missing: Vec<&str> = (0..kb.questions.len())
        .filter(|&q| needed[q] && answers.get(q).is_none() && kb.is_asked(q, &answers))
        .map(|q| kb.questions[q].id.as_str())
        .collect();
    if let Some(first) = missing.first() {
        let more = match missing.len() {
            1 => String::new(),
            n => format!(" (and {} more: {})", n - 1, missing[1..].join(", ")),
        };
        return Err(format!(
            "no answer to `{first}`{more}; the triage rules read it, so it must be answered (see `backcare questions`)"
        ));
    }
    Ok(ParsedAnswers { answers, ignored })
}

fn read_answer(kb: &KnowledgeBase, q: usize, value: &Value) -> Result<Answer, String> {
    let kind = &kb.questions[q].kind;
    let choice = |choices: &[crate::knowledge::Choice], v: &Value| -> Result<u8, String> {
        let Some(id) = v.as_str() else {
            return Err(format!(
                "expected a choice id (one of {}), got {}",
                list_ids(choices),
                short(v)
            ));
        };
        match choices.iter().position(|c| c.id == id) {
            Some(i) => Ok(i as u8),
            None => Err(
                match closest_id(id, choices.iter().map(|c| c.id.as_str())) {
                    Some(near) => {
                        format!("`{id}` is not one of its choices; did you mean `{near}`?")
                    }
                    None => format!("`{id}` is not one of its choices ({})", list_ids(choices)),
                },
            ),
        }
    };
    match kind {
        QuestionKind::YesNo => value
            .as_bool()
            .map(Answer::Bool)
            .ok_or_else(|| format!("expected true or false, got {}", short(value))),
        QuestionKind::Single(choices) => choice(choices, value).map(Answer::Choice),
        QuestionKind::Multiple(choices) => {
            let Some(items) = value.as_array() else {
                return Err(format!(
                    "expected a list of choice ids, like [\"{}\"], got {}",
                    choices[0].id,
                    short(value)
                ));
            };
            let mut mask = 0u64;
            for item in items {
                let bit = 1u64 << choice(choices, item)?;
                if mask & bit != 0 {
                    return Err(format!("{} is listed twice", short(item)));
                }
                mask |= bit;
            }
            Ok(Answer::Choices(mask))
        }
        QuestionKind::Number { min, max, .. } => {
            let out_of_range = || {
                format!(
                    "expected a whole number from {min} to {max}, got {}",
                    short(value)
                )
            };
            let n = value.as_i64().ok_or_else(out_of_range)?;
            if (*min..=*max).contains(&n) {
                Ok(Answer::Number(n))
            } else {
                Err(out_of_range())
            }
        }
    }
}

fn list_ids(choices: &[crate::knowledge::Choice]) -> String {
    choices
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value as it appears in an error message, cut short so one hostile value cannot flood it.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

/// The entries of a JSON object, keeping duplicates so they can be reported (serde_json's own map
/// would silently keep the last).
struct Entries(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object keyed by question id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}
