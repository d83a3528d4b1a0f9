//! Reading a person's answers from JSON, checking each against its question.

use crate::model::{Answer, Answers, Choice, KnowledgeBase, QuestionKind, Truth};
use crate::sanitize::quote as clip;
use crate::suggest::closest_id;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Answers read from a file, and the ids of answered questions the flow would not have asked.
#[derive(Debug, Clone)]
pub struct ParsedAnswers {
    /// One slot per question.
    pub answers: Answers,
    /// Ids of answered questions the flow would not have asked; their answers were dropped.
    pub ignored: Vec<String>,
}

/// Reads an answers object, checking each answer against its question. A missing answer to a
/// question that would be asked and that triage rules read is an error: a silent default could
/// hide a warning sign. The error is one sentence, naming the question.
///
/// Answers go straight from the JSON text into their slots (no intermediate JSON values), since
/// reading is most of the cost of screening a batch.
pub fn parse_answers(kb: &KnowledgeBase, text: &str) -> Result<ParsedAnswers, String> {
    if text.trim().is_empty() {
        return Err(
            "is empty; write a JSON object of answers keyed by question id, like {\"age\": 42}"
                .to_owned(),
        );
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let answers = AnswersSeed { kb }
        .deserialize(&mut de)
        .and_then(|a| de.end().map(|()| a))
        .map_err(|e| {
            let message = e.to_string();
            if message.contains("recursion limit") {
                "nested too deeply; an answers file is a flat object of question ids".to_owned()
            } else {
                message
            }
        })?;
    complete_answers(kb, answers)
}

/// The checks that follow reading, whatever the format the answers came in (an answers object,
/// a FHIR `QuestionnaireResponse`): answers to questions the flow would not ask are dropped and
/// named, and a missing answer to a question the triage rules read is an error naming it, unless
/// the answers already mean an emergency.
pub fn complete_answers(kb: &KnowledgeBase, mut answers: Answers) -> Result<ParsedAnswers, String> {
    let ignored: Vec<String> = answers
        .drop_unasked(kb)
        .into_iter()
        .map(|q| kb.questions[q].id.clone())
        .collect();
    // Answers that already make an emergency rule fire need nothing more: no other answer can
    // lower an emergency, and a file saved after the questionnaire stopped early replays as it.
    if crate::engine::decide(kb, &answers).urgency == crate::Urgency::Emergency {
        return Ok(ParsedAnswers { answers, ignored });
    }
    let mut missing = missing_answers(kb, &answers).into_iter();
    if let Some(first) = missing.next() {
        let rest: Vec<&str> = missing.map(|q| kb.questions[q].id.as_str()).collect();
        let more = if rest.is_empty() {
            String::new()
        } else {
            format!(" (and {} more: {})", rest.len(), rest.join(", "))
        };
        return Err(format!(
            "no answer to `{}`{more}; the triage rules read it, so it must be answered (see `backcare questions`)",
            kb.questions[first].id
        ));
    }
    Ok(ParsedAnswers { answers, ignored })
}

/// The questions that must be answered and are not, in questionnaire order: those the triage
/// rules read that the flow would ask, or might ask. A follow-up whose condition is unknown
/// because its gate question was left out counts as needed, and so does the gate, so that
/// leaving out the gate can never silently drop a follow-up the rules read.
fn missing_answers(kb: &KnowledgeBase, answers: &Answers) -> Vec<usize> {
    let needed = kb.triage_questions();
    let mut missing = vec![false; kb.questions.len()];
    for q in 0..kb.questions.len() {
        if !needed[q] || answers.get(q).is_some() {
            continue;
        }
        let Some(when) = &kb.questions[q].ask_when else {
            missing[q] = true;
            continue;
        };
        match when.eval(answers, &kb.named) {
            Truth::True => missing[q] = true,
            Truth::False => {}
            Truth::Unknown => {
                missing[q] = true;
                when.visit_leaves(&kb.named, 0, &mut |leaf, _| {
                    if answers.get(leaf.question).is_none() {
                        missing[leaf.question] = true;
                    }
                });
            }
        }
    }
    (0..kb.questions.len()).filter(|&q| missing[q]).collect()
}

/// "unknown question `x`; did you mean `y`?": the message for an id no question has.
pub fn unknown_question(kb: &KnowledgeBase, id: &str) -> String {
    let ids = kb.questions.iter().map(|q| q.id.as_str());
    let id = clip(id);
    match closest_id(&id, ids) {
        Some(near) => format!("unknown question `{id}`; did you mean `{near}`?"),
        None => format!("unknown question `{id}`; `backcare questions` lists them"),
    }
}

/// The message for a question answered more than once.
pub fn answered_twice(id: &str) -> String {
    format!("question `{}` is answered twice; keep one answer", clip(id))
}

/// Reads one answer given as a JSON value (`true`, a choice id, a list of choice ids, a number)
/// for question `question`, with the same checks and messages as an answers file: type, choices
/// (with "did you mean"), range. The message starts "question `id`: ".
pub fn read_answer(
    kb: &KnowledgeBase,
    question: usize,
    value: &serde_json::Value,
) -> Result<Answer, String> {
    AnswerSeed { kb, question }
        .deserialize(value)
        .map_err(|e| e.to_string())
}

/// Reads the answers object into slots, one question at a time.
struct AnswersSeed<'kb> {
    kb: &'kb KnowledgeBase,
}

impl<'de> DeserializeSeed<'de> for AnswersSeed<'_> {
    type Value = Answers;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Answers, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AnswersSeed<'_> {
    type Value = Answers;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("one JSON object keyed by question id, like {\"age\": 42}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
        let kb = self.kb;
        let mut answers = Answers::empty(kb.questions.len());
        while let Some(Key(id)) = map.next_key::<Key<'de>>()? {
            let Some(q) = kb.question_index(&id) else {
                return Err(de::Error::custom(unknown_question(kb, &id)));
            };
            if answers.get(q).is_some() {
                return Err(de::Error::custom(answered_twice(&id)));
            }
            let answer = map.next_value_seed(AnswerSeed { kb, question: q })?;
            answers.set(q, Some(answer));
        }
        Ok(answers)
    }
}

/// A key, borrowed from the text when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a question id")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// One element of a multiple-choice answer: a choice id, as a string.
struct ChoiceId<'q> {
    question: &'q str,
}

impl<'de> DeserializeSeed<'de> for ChoiceId<'_> {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ChoiceId<'_> {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a choice id of `{}` as a string, like \"sitting\"",
            self.question
        )
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }
}

/// Reads one answer, checked against its question's type, choices and range.
struct AnswerSeed<'kb> {
    kb: &'kb KnowledgeBase,
    question: usize,
}

impl AnswerSeed<'_> {
    fn fail<E: de::Error>(&self, why: impl fmt::Display) -> E {
        E::custom(format!(
            "question `{}`: {why}",
            self.kb.questions[self.question].id
        ))
    }

    fn kind(&self) -> &QuestionKind {
        &self.kb.questions[self.question].kind
    }

    fn expected(&self) -> String {
        match self.kind() {
            QuestionKind::YesNo => "expected true or false".to_owned(),
            QuestionKind::Single(choices) => {
                format!("expected a choice id (one of {})", list_ids(choices))
            }
            QuestionKind::Multiple(choices) => format!(
                "expected a list of choice ids, like [\"{}\"]",
                choices[0].id
            ),
            QuestionKind::Number { min, max, .. } => {
                format!("expected a whole number from {min} to {max}")
            }
        }
    }

    fn number<E: de::Error>(&self, n: Option<i64>, shown: &dyn fmt::Display) -> Result<Answer, E> {
        match (self.kind(), n) {
            (QuestionKind::Number { min, max, .. }, Some(n)) if (*min..=*max).contains(&n) => {
                Ok(Answer::Number(n))
            }
            _ => Err(self.fail(format!("{}, got {shown}", self.expected()))),
        }
    }
}

impl<'de> DeserializeSeed<'de> for AnswerSeed<'_> {
    type Value = Answer;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Answer, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnswerSeed<'_> {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.expected())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Answer, E> {
        match self.kind() {
            QuestionKind::YesNo => Ok(Answer::Bool(v)),
            _ => Err(self.fail(format!("{}, got {v}", self.expected()))),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Answer, E> {
        self.number(Some(v), &v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
        self.number(i64::try_from(v).ok(), &v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Answer, E> {
        // JSON has one number type: 42.0 and 1e2 are whole numbers written another way.
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            #[allow(clippy::cast_possible_truncation)] // whole and well inside i64
            return self.number(Some(v as i64), &v);
        }
        Err(self.fail(format!(
            "{}, got {v} (a decimal; give a whole number)",
            self.expected()
        )))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
        match self.kind() {
            QuestionKind::Single(choices) => choice(choices, v)
                .map(Answer::Choice)
                .map_err(|why| self.fail(why)),
            _ => Err(self.fail(format!("{}, got \"{}\"", self.expected(), clip(v)))),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
        let QuestionKind::Multiple(choices) = self.kind() else {
            return Err(self.fail(format!("{}, got a list", self.expected())));
        };
        let mut mask = 0u64;
        let question = self.kb.questions[self.question].id.as_str();
        while let Some(Key(id)) = seq.next_element_seed(ChoiceId { question })? {
            let bit = 1u64 << choice(choices, &id).map_err(|why| self.fail(why))?;
            if mask & bit != 0 {
                return Err(self.fail(format!("\"{}\" is listed twice", clip(&id))));
            }
            mask |= bit;
        }
        Ok(Answer::Choices(mask))
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Answer, A::Error> {
        Err(self.fail(format!("{}, got an object", self.expected())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answer, E> {
        Err(self.fail(format!(
            "{}, got null; leave the question out instead",
            self.expected()
        )))
    }
}

fn choice(choices: &[Choice], id: &str) -> Result<u8, String> {
    if let Some(i) = choices.iter().position(|c| c.id == id) {
        // Choice positions are below 64 (`MAX_CHOICES`, checked at load), so they fit a byte.
        Ok(u8::try_from(i).unwrap_or(u8::MAX))
    } else {
        let id = clip(id);
        Err(
            match closest_id(&id, choices.iter().map(|c| c.id.as_str())) {
                Some(near) => format!("`{id}` is not one of its choices; did you mean `{near}`?"),
                None => format!("`{id}` is not one of its choices ({})", list_ids(choices)),
            },
        )
    }
}

fn list_ids(choices: &[Choice]) -> String {
    choices
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
