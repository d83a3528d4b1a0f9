//! `questions`: the questionnaire as data (ids, types, choices, when each is asked).

use super::ListFormat;
use crate::knowledge::{
    Choice, KnowledgeBase, Question, QuestionKind, Section, condition_json, condition_words,
};
use crate::output::{JsonLayout, json};
use serde::Serialize;
use std::fmt::{self, Write};

/// One question as `questions --format json` lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuestionView<'a> {
    pub id: &'a str,
    pub section: Section,
    pub text: &'a str,
    pub help: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Read by an emergency or urgent rule, so asked of everyone.
    pub warning_sign: bool,
    /// The condition for asking it, as JSON; null when it is always asked.
    pub ask_when: Option<serde_json::Value>,
    /// What the answer may be: choices, or a number range.
    #[serde(flatten)]
    pub answer: AnswerView<'a>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum AnswerView<'a> {
    YesNo {},
    Choices {
        choices: &'a [Choice],
    },
    Number {
        min: i64,
        max: i64,
        unit: Option<&'a str>,
    },
}

impl<'a> QuestionView<'a> {
    fn new(kb: &KnowledgeBase, q: &'a Question, warning_sign: bool) -> QuestionView<'a> {
        let answer = match &q.kind {
            QuestionKind::YesNo => AnswerView::YesNo {},
            QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
                AnswerView::Choices { choices }
            }
            QuestionKind::Number { min, max, unit } => AnswerView::Number {
                min: *min,
                max: *max,
                unit: unit.as_deref(),
            },
        };
        QuestionView {
            id: &q.id,
            section: q.section,
            text: &q.text,
            help: &q.help,
            kind: q.kind.name(),
            warning_sign,
            ask_when: q.ask_when.as_ref().map(|c| condition_json(kb, c)),
            answer,
        }
    }
}

/// The questionnaire in `format`.
pub fn render_questions(kb: &KnowledgeBase, format: ListFormat) -> serde_json::Result<String> {
    let warning = kb.warning_sign_questions();
    match format {
        ListFormat::Json => {
            let questions: Vec<QuestionView> = kb
                .questions
                .iter()
                .zip(warning)
                .map(|(q, warning_sign)| QuestionView::new(kb, q, warning_sign))
                .collect();
            json(
                &serde_json::json!({ "questions": questions }),
                JsonLayout::Pretty,
            )
        }
        ListFormat::Text => {
            let mut out = String::new();
            for (i, (q, warning_sign)) in kb.questions.iter().zip(warning).enumerate() {
                // Writing to a String cannot fail.
                let _ = write_question(&mut out, kb, i + 1, q, warning_sign);
            }
            Ok(out)
        }
    }
}

/// " 26. id [kind, warning sign]", the text, the choices and when it is asked.
fn write_question(
    out: &mut impl Write,
    kb: &KnowledgeBase,
    number: usize,
    q: &Question,
    warning_sign: bool,
) -> fmt::Result {
    let kind = match &q.kind {
        QuestionKind::YesNo => "yes/no".to_owned(),
        QuestionKind::Single(_) => "one choice".to_owned(),
        QuestionKind::Multiple(_) => "any number of choices".to_owned(),
        QuestionKind::Number { min, max, .. } => format!("whole number {min} to {max}"),
    };
    let flag = if warning_sign { ", warning sign" } else { "" };
    writeln!(out, "{number:>2}. {} [{kind}{flag}]\n    {}", q.id, q.text)?;
    for c in q.kind.choices() {
        writeln!(out, "      - {}: {}", c.id, c.label)?;
    }
    if let Some(when) = &q.ask_when {
        writeln!(out, "    asked when {}", condition_words(kb, when))?;
    }
    Ok(())
}
