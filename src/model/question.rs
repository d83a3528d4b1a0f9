//! The questionnaire as the engine sees it: questions, their kinds and choices, and sections.

use super::condition::Cond;
use serde::{Deserialize, Serialize};

/// Most choices one question may offer (answers to a multiple-choice question are a 64-bit mask).
pub const MAX_CHOICES: usize = 64;

/// One question of the interview.
#[derive(Debug, Clone)]
pub struct Question {
    /// The key in an answers file and what conditions name.
    pub id: String,
    /// Where it sits in the interview.
    pub section: Section,
    /// The question as asked.
    pub text: String,
    /// A line of help under the question; may be empty.
    pub help: String,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// `None`: asked of everyone. Reads only questions before this one (checked at load).
    pub ask_when: Option<Cond>,
}

/// Where a question sits in the interview; used for headings and to check the clinician's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Where and how much it hurts.
    Pain,
    /// Warning signs (red flags); these decide the urgency.
    Safety,
    /// What makes it better or worse; this picks the routine.
    Pattern,
    /// What the person cannot do, so no stretch asks for it.
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

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    /// Yes or no.
    YesNo,
    /// At least two and at most [`MAX_CHOICES`] choices (checked at load).
    Single(Vec<Choice>),
    /// At least two and at most [`MAX_CHOICES`] choices (checked at load).
    Multiple(Vec<Choice>),
    /// A whole number within `min..=max`.
    Number {
        /// The smallest answer accepted.
        min: i64,
        /// The largest answer accepted.
        max: i64,
        /// The unit shown after the number, such as "years".
        unit: Option<String>,
    },
}

impl QuestionKind {
    /// The name an author writes as `type` in `questions.json`.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Single(_) => "single",
            QuestionKind::Multiple(_) => "multiple",
            QuestionKind::Number { .. } => "number",
        }
    }

    /// The choices offered; empty for yes/no and number questions.
    pub fn choices(&self) -> &[Choice] {
        match self {
            QuestionKind::Single(c) | QuestionKind::Multiple(c) => c,
            _ => &[],
        }
    }
}

/// One choice of a single- or multiple-choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// The value written in an answers file.
    pub id: String,
    /// The words shown to the person.
    pub label: String,
}
