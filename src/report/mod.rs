//! What a person or a program reads: view models built once from the knowledge base and the
//! decision ([`Report`], [`RoutineView`], the questions), rendered as text, Markdown or JSON.
//! Rendering never decides anything, and never asks the terminal: [`Style`] says how to draw.

pub mod chart;
mod markdown;
mod questions;
mod routine;
mod text;
pub mod wrap;

pub use markdown::{MarkdownReport, render_markdown};
pub use questions::render_questions;
pub use routine::{
    LeaveOutView, LeftOutView, RoutineView, StepView, render_routine, render_routine_list,
};
pub use text::display_answer;
pub use text::{Style, TextReport, render_text};

use crate::Urgency;
use crate::engine::{Answers, Decision, Evidence, RoutineChoice, decide, explain_rule};
use crate::knowledge::KnowledgeBase;
use crate::model::{Section, answer_json, answer_words, is_negative};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// How a report or a routine is written out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// For a person at a terminal: wrapped, coloured when the stream allows.
    #[default]
    Text,
    /// Pretty-printed JSON, for programs.
    Json,
    /// Markdown, for saving or sending to a clinician.
    Markdown,
}

/// How a list (questions, routines) is written out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListFormat {
    /// Lines for a person.
    #[default]
    Text,
    /// A JSON array, for programs.
    Json,
}

/// The result for one answer set, in words: what `check` prints and `--format json` writes.
/// Its field names are the JSON output's, so renaming one changes the output format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// How soon to see a professional.
    pub urgency: Urgency,
    /// The level's headline from `advice.json`.
    pub headline: String,
    /// What to do now and by when.
    pub action: String,
    /// Every triage rule that fired, most urgent first, with the answers that made it fire.
    pub reasons: Vec<Reason>,
    /// The rule that set the urgency (null at `self_care`, where none fired).
    pub decided_by: Option<String>,
    /// The routine chosen for this person, with leave-outs applied; `None` above `appointment` or
    /// when none fits.
    pub routine: Option<RoutineView>,
    /// Why there is no routine, when there is none.
    pub no_routine: Option<String>,
    /// Tips chosen for this person (desk set-up, heat, staying active...).
    pub advice: Vec<String>,
    /// When to come back or get help.
    pub safety_net: Vec<String>,
    /// Answers given to questions the flow would not have asked, and so ignored.
    pub ignored_answers: Vec<String>,
    /// What a clinician reading the report needs besides the verdict.
    pub record: Record,
    /// This is not a diagnosis, shown with every result.
    pub disclaimer: String,
}

/// The facts about the pain, every warning sign asked with its answer (the negatives are
/// documented, not only the findings), and which knowledge base produced the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The answered questions of the first section: age, how long, how bad, where, the trend.
    pub about_the_pain: Vec<AnswerView>,
    /// Every warning sign that was asked, in questionnaire order.
    pub warning_signs: Vec<AnswerView>,
    /// "Warning signs asked: 22, all answered no." and the like.
    pub warning_signs_summary: String,
    /// Which rules produced the result.
    pub knowledge_base: KnowledgeBaseView,
}

/// One question and its answer, as data and in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerView {
    /// The question's id.
    pub question: String,
    /// The question as the person read it.
    pub text: String,
    /// The answer as written in an answers file.
    pub answer: serde_json::Value,
    /// The answer in the person's words.
    pub answer_text: String,
}

/// Which rules produced a result, for an audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeBaseView {
    /// `embedded` or the `--rules` directory.
    pub source: String,
    /// A fingerprint of the rule files' text (see `model::Origin`).
    pub fingerprint: String,
}

/// The clinician's record for these answers.
fn record(kb: &KnowledgeBase, answers: &Answers) -> Record {
    let view = |q: usize| {
        answers.get(q).map(|a| AnswerView {
            question: kb.questions[q].id.clone(),
            text: kb.questions[q].text.clone(),
            answer: answer_json(kb, q, a),
            answer_text: answer_words(kb, q, a),
        })
    };
    let in_section = |section: Section| {
        (0..kb.questions.len()).filter(move |&q| kb.questions[q].section == section)
    };
    let about_the_pain = in_section(Section::Pain).filter_map(view).collect();
    let warning_signs: Vec<AnswerView> = in_section(Section::Safety).filter_map(view).collect();
    let not_asked = in_section(Section::Safety)
        .filter(|&q| answers.get(q).is_none())
        .count();
    let positive = in_section(Section::Safety)
        .filter(|&q| answers.get(q).is_some_and(|a| !is_negative(kb, q, a)))
        .count();
    let asked = warning_signs.len();
    let mut summary = match positive {
        0 => format!("Warning signs asked: {asked}, all answered no."),
        n => format!(
            "Warning signs asked: {asked}; {} answered no, {n} answered yes.",
            asked - n
        ),
    };
    if not_asked > 0 {
        let _ = write!(
            summary,
            " Not asked: {not_asked} (the questions stop at the first emergency answer)."
        );
    }
    Record {
        about_the_pain,
        warning_signs,
        warning_signs_summary: summary,
        knowledge_base: KnowledgeBaseView {
            source: kb.origin.source.clone(),
            fingerprint: kb.origin.fingerprint.clone(),
        },
    }
}

/// A triage rule that fired, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule's id.
    pub rule: String,
    /// The urgency it raises to.
    pub level: Urgency,
    /// Why it matters, from the rule.
    pub message: String,
    /// What to do, from the rule.
    pub action: String,
    /// The guideline fact the rule rests on.
    pub source: String,
    /// The answers that made it fire.
    pub answers: Vec<Evidence>,
}

/// Decides and explains one answer set.
pub fn build(kb: &KnowledgeBase, answers: &Answers, ignored: &[String]) -> Report {
    let decision = decide(kb, answers);
    from_decision(kb, answers, &decision, ignored)
}

/// The report for a decision already made on `answers` (as [`build`] does, without deciding
/// again).
pub fn from_decision(
    kb: &KnowledgeBase,
    answers: &Answers,
    decision: &Decision,
    ignored: &[String],
) -> Report {
    let level = kb.levels.get(decision.urgency);
    let mut fired: Vec<usize> = decision.fired.iter().collect();
    fired.sort_by(|&a, &b| {
        kb.triage[b]
            .level
            .cmp(&kb.triage[a].level)
            .then_with(|| kb.triage[a].id.cmp(&kb.triage[b].id))
    });
    let reasons = fired
        .into_iter()
        .map(|i| {
            let rule = &kb.triage[i];
            Reason {
                rule: rule.id.clone(),
                level: rule.level,
                message: rule.reason.clone(),
                action: rule.action.clone(),
                source: rule.source.clone(),
                answers: explain_rule(kb, &rule.when, answers),
            }
        })
        .collect();

    let (routine, no_routine) = match decision.routine {
        RoutineChoice::Chosen { routine, selection } => {
            let why = &kb.routines[routine].select[selection].because;
            (Some(RoutineView::for_person(kb, routine, why, answers)), None)
        }
        RoutineChoice::Withheld(w) => (None, Some(format!("No routine for now: {}.", kb.withhold[w].because))),
        RoutineChoice::NotAtThisLevel => (
            None,
            Some("No routine: at this level of urgency, see a professional before doing any stretches.".to_owned()),
        ),
        RoutineChoice::NoneMatched => (None, Some("No routine in the knowledge base matches your answers.".to_owned())),
        RoutineChoice::TooFewSteps { .. } => (
            None,
            kb.too_few_steps.as_ref().map(|t| format!("No routine for now: {}.", t.because)),
        ),
    };

    // Self-care tips belong with a routine; at higher levels they would distract from the action.
    let advice = if decision.urgency.allows_routine() {
        decision
            .tips
            .iter()
            .map(|i| kb.tips[i].text.clone())
            .collect()
    } else {
        Vec::new()
    };
    // In an emergency the only message is to get help now.
    let safety_net = if decision.urgency == Urgency::Emergency {
        Vec::new()
    } else {
        decision
            .safety_net
            .iter()
            .map(|i| kb.safety_net[i].text.clone())
            .collect()
    };

    Report {
        urgency: decision.urgency,
        headline: level.headline.clone(),
        action: level.action.clone(),
        reasons,
        decided_by: decision.decided_by.map(|i| kb.triage[i].id.clone()),
        routine,
        no_routine,
        advice,
        safety_net,
        ignored_answers: ignored.to_vec(),
        record: record(kb, answers),
        disclaimer: kb.disclaimer.clone(),
    }
}

/// "about 6 minutes", rounded up, for people rather than programs.
pub fn minutes(seconds: u32) -> String {
    let m = seconds.div_ceil(60).max(1);
    if m == 1 {
        "about 1 minute".to_owned()
    } else {
        format!("about {m} minutes")
    }
}
