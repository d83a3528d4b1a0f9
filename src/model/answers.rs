//! A person's answers, one slot per question, and writing them back as JSON.
//!
//! Reading them from JSON, with every check, is `engine::read_answers`.

use super::kb::KnowledgeBase;
use serde_json::Value;

/// One answer; choices are indices into the question's choice list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A yes/no answer: `true` is yes.
    Bool(bool),
    /// A single-choice answer: the index of the choice picked.
    Choice(u8),
    /// A multiple-choice answer: bit `i` set when choice `i` was picked.
    Choices(u64),
    /// A number answer, within the question's `min..=max`.
    Number(i64),
}

/// Answers indexed by question position; `None` where a question was not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    slots: Vec<Option<Answer>>,
}

impl Answers {
    /// No answers yet, for a knowledge base of `questions` questions.
    pub fn empty(questions: usize) -> Answers {
        Answers {
            slots: vec![None; questions],
        }
    }

    /// Answers built by hand (tests, tools). Each answer must fit its question's kind, and a
    /// choice index must be below its question's choice count; `engine::parse_answers` checks
    /// this for answers read from JSON.
    pub fn from_slots(slots: Vec<Option<Answer>>) -> Answers {
        Answers { slots }
    }

    /// The answer to question `question`; `None` when unanswered or out of range.
    pub fn get(&self, question: usize) -> Option<Answer> {
        self.slots.get(question).copied().flatten()
    }

    /// Sets one slot. Panics when `question` is not a question position (a caller bug); the
    /// answer must fit the question, as for [`Answers::from_slots`].
    pub fn set(&mut self, question: usize, answer: Option<Answer>) {
        self.slots[question] = answer;
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
/// An answer in a person's words: "yes", "no", a choice's label, the labels ticked (or "none of
/// these"), a number with its unit.
pub fn answer_words(kb: &KnowledgeBase, question: usize, answer: Answer) -> String {
    let kind = &kb.questions[question].kind;
    let label = |i: u8| {
        kind.choices()
            .get(usize::from(i))
            .map_or(String::new(), |c| c.label.clone())
    };
    match answer {
        Answer::Bool(true) => "yes".to_owned(),
        Answer::Bool(false) => "no".to_owned(),
        Answer::Choice(c) => label(c),
        // Name what was not ticked: "none of these" alone documents nothing.
        Answer::Choices(0) => format!(
            "none of these ({})",
            kind.choices()
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Answer::Choices(mask) => (0..=u8::MAX)
            .take(kind.choices().len())
            .filter(|c| mask & (1 << c) != 0)
            .map(label)
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Number(n) => match kind {
            super::QuestionKind::Number {
                unit: Some(unit), ..
            } => format!("{n} {unit}"),
            _ => n.to_string(),
        },
    }
}

/// Whether an answer to a warning sign says "no": `false`, the choice `no`, or nothing ticked.
pub fn is_negative(kb: &KnowledgeBase, question: usize, answer: Answer) -> bool {
    match answer {
        Answer::Bool(b) => !b,
        Answer::Choices(mask) => mask == 0,
        Answer::Choice(c) => kb.questions[question]
            .kind
            .choices()
            .get(usize::from(c))
            .is_some_and(|choice| choice.id == "no"),
        Answer::Number(_) => false,
    }
}

/// One answer as it is written in an answers file: `true`, a choice id, a list of choice ids or
/// a number.
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
            (0..=u8::MAX)
                .take(choices.len())
                .filter(|c| mask & (1 << c) != 0)
                .map(|c| Value::String(choice_id(c)))
                .collect(),
        ),
        Answer::Number(n) => Value::from(n),
    }
}
