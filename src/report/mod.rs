//! The result a person or a program reads: built once from the decision, rendered as JSON,
//! text or Markdown. Rendering never decides anything.

mod markdown;
mod text;
pub(crate) mod wrap;

pub use markdown::render_markdown;
pub use text::{Style, render_text};

use crate::Urgency;
use crate::engine::{
    Answers, Decision, Evidence, RoutineChoice, decide, explain_rule, resolve_steps,
};
use crate::knowledge::{KnowledgeBase, Routine};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub urgency: Urgency,
    pub headline: String,
    /// What to do now and by when.
    pub action: String,
    /// Every triage rule that fired, most urgent first, with the answers that made it fire.
    pub reasons: Vec<Reason>,
    /// The rule that set the urgency (null at self_care, where none fired).
    pub decided_by: Option<String>,
    pub routine: Option<RoutineReport>,
    /// Why there is no routine, when there is none.
    pub no_routine: Option<String>,
    /// Tips chosen for this person (desk set-up, heat, staying active...).
    pub advice: Vec<String>,
    /// When to come back or get help.
    pub safety_net: Vec<String>,
    /// Answers given to questions the flow would not have asked, and so ignored.
    pub ignored_answers: Vec<String>,
    pub disclaimer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub rule: String,
    pub level: Urgency,
    pub message: String,
    pub action: String,
    pub source: String,
    pub answers: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutineReport {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub how_often: String,
    /// Why this routine was chosen.
    pub why: String,
    pub total_seconds: u32,
    pub steps: Vec<StepReport>,
    pub left_out: Vec<LeftOutReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    pub stretch: String,
    pub name: String,
    pub position: String,
    pub dose: String,
    /// The same dose as data: measure, each side or not, rounds.
    pub timing: crate::knowledge::Dose,
    pub seconds: u32,
    pub intensity: u8,
    pub instructions: Vec<String>,
    pub cautions: Vec<String>,
    /// The stretch this one stands in for, when it is an alternative.
    pub replaces: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeftOutReport {
    pub stretch: String,
    pub name: String,
    pub because: String,
    pub replaced_by: Option<String>,
    pub replaced_by_name: Option<String>,
}

/// Decides and explains one answer set.
pub fn build(kb: &KnowledgeBase, answers: &Answers, ignored: &[String]) -> Report {
    let decision = decide(kb, answers);
    from_decision(kb, answers, &decision, ignored)
}

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
            (Some(routine_report(kb, routine, &kb.routines[routine].select[selection].because, answers)), None)
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
        disclaimer: kb.disclaimer.clone(),
    }
}

fn routine_report(
    kb: &KnowledgeBase,
    routine: usize,
    why: &str,
    answers: &Answers,
) -> RoutineReport {
    let (steps, left_out) = resolve_steps(kb, routine, answers);
    let r: &Routine = &kb.routines[routine];
    let steps: Vec<StepReport> = steps
        .iter()
        .map(|step| {
            let s = &kb.stretches[step.stretch];
            StepReport {
                stretch: s.id.clone(),
                name: s.name.clone(),
                position: s.position.clone(),
                dose: step.dose.describe(),
                timing: step.dose,
                seconds: step.dose.total_seconds(),
                intensity: s.intensity,
                instructions: s.steps.clone(),
                cautions: s.cautions.clone(),
                replaces: step
                    .replaces
                    .as_ref()
                    .map(|(orig, _)| kb.stretches[*orig].id.clone()),
            }
        })
        .collect();
    RoutineReport {
        id: r.id.clone(),
        name: r.name.clone(),
        purpose: r.purpose.clone(),
        how_often: r.how_often.clone(),
        why: why.to_owned(),
        total_seconds: steps.iter().map(|s| s.seconds).sum(),
        steps,
        left_out: left_out
            .into_iter()
            .map(|l| LeftOutReport {
                stretch: kb.stretches[l.stretch].id.clone(),
                name: kb.stretches[l.stretch].name.clone(),
                because: l.because,
                replaced_by: l.replaced_by.map(|i| kb.stretches[i].id.clone()),
                replaced_by_name: l.replaced_by.map(|i| kb.stretches[i].name.clone()),
            })
            .collect(),
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
