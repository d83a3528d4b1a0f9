//! The questionnaire as the engine sees it: questions, their kinds and choices, and sections.

use super::condition::Cond;
use serde::{Deserialize, Serialize};

/// Most choices one question may offer (answers to a multiple-choice question are a 64-bit mask).
pub const MAX_CHOICES: usize = 64;

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub section: Section,
    pub text: String,
    pub help: String,
    pub kind: QuestionKind,
    /// `None`: asked of everyone. Reads only questions before this one (checked at load).
    pub ask_when: Option<Cond>,
}

/// Where a question sits in the interview; used for headings and to check the clinician's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Pain,
    Safety,
    Pattern,
    Limits,
}

impl Section {
    /// The name an author writes in `questions.json`.
    pub fn name(self) -> &'static str {
        match self {
            Section::Pain => "pain",
            Section::Safety => "safety",
            Section::Pattern => "pattern",
            Section::Limits => "limits",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    YesNo,
    /// At least two and at most [`MAX_CHOICES`] choices (checked at load).
    Single(Vec<Choice>),
    /// At least two and at most [`MAX_CHOICES`] choices (checked at load).
    Multiple(Vec<Choice>),
    Number {
        min: i64,
        max: i64,
        unit: Option<String>,
    },
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Single(_) => "single",
            QuestionKind::Multiple(_) => "multiple",
            QuestionKind::Number { .. } => "number",
        }
    }

    pub fn choices(&self) -> &[Choice] {
        match self {
            QuestionKind::Single(c) | QuestionKind::Multiple(c) => c,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}
