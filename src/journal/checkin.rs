//! `backcare checkin`: a return visit that is a fresh triage. The last full check's answers are
//! brought up to date for the time passed (how long the pain has lasted, age), the warning signs
//! and everything an emergency or urgent rule reads are asked again, and the merged answers go
//! through the same engine as `check`. Then the progression rules decide the routine's level.
//! No terminal here: questions go through a [`Prompter`], results come back as values.

use super::history::History;
use super::record::{CheckKind, CheckRecord, LevelChange};
use super::revisit::{Revisited, questions_to_ask_again, revisit};
use crate::engine::progression::{self, Facts, Progression};
use crate::engine::{Answer, Answers, Decision, RoutineChoice, decide, parse_answers};
use crate::interrupt::Interrupted;
use crate::knowledge::{KnowledgeBase, QuestionKind};
use crate::questionnaire::{Ending, Prompter};
use jiff::{SignedDuration, Timestamp};
use std::fmt;

/// Why a check-in cannot start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CannotStart {
    /// The journal holds no full check to start from.
    NoCheck,
    /// The last check stopped at an emergency answer: the person needs help, not a check-in.
    StoppedEarly,
    /// The last check's answers do not fit today's rules (they changed since); the reason.
    Outdated(String),
}

impl fmt::Display for CannotStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CannotStart::NoCheck => {
                f.write_str("the journal has no check to start from; run `backcare check` first")
            }
            CannotStart::StoppedEarly => f.write_str(
                "your last check ended at a warning sign that needs help now; if you have had \
                 that help, run `backcare check` again to start afresh",
            ),
            CannotStart::Outdated(why) => write!(
                f,
                "the rules changed since your last check ({why}); run `backcare check` again"
            ),
        }
    }
}

/// What the time since the last full check changes in its answers: the pain has lasted longer,
/// the person is older.
#[derive(Debug, Clone, Default)]
pub struct Elapsed {
    /// The "how long" question and, per choice, the fewest weeks it means (rising).
    pub duration: Option<(usize, Vec<u32>)>,
    /// The age question.
    pub age: Option<usize>,
}

impl Elapsed {
    /// Read from the knowledge base's progression file.
    pub fn from_kb(kb: &KnowledgeBase) -> Elapsed {
        let journal = &kb.progression.journal;
        Elapsed {
            duration: journal.duration.clone(),
            age: journal.age,
        }
    }

    /// The questions worked out rather than asked.
    fn computed(&self) -> Vec<usize> {
        self.duration
            .iter()
            .map(|(q, _)| *q)
            .chain(self.age)
            .collect()
    }

    /// `answers` as they stand `weeks` (and `years`) after they were given. The choice for how
    /// long is the one whose fewest weeks the answer's own fewest weeks plus the time passed
    /// reach: "under 6 weeks" six weeks later is "6 to 12 weeks". Counting from the fewest weeks
    /// an answer allows is the journal's own record; it never makes the pain younger.
    fn advance(&self, kb: &KnowledgeBase, answers: &mut Answers, weeks: u32, years: u32) {
        if let Some((q, bands)) = &self.duration {
            if let Some(Answer::Choice(c)) = answers.get(*q) {
                let then = bands.get(usize::from(c)).copied().unwrap_or(0);
                let now = then.saturating_add(weeks);
                let choice = bands.iter().rposition(|&from| from <= now).unwrap_or(0);
                answers.set(*q, Some(Answer::Choice(u8::try_from(choice).unwrap_or(c))));
            }
        }
        if let Some(q) = self.age {
            if let (Some(Answer::Number(age)), QuestionKind::Number { max, .. }) =
                (answers.get(q), &kb.questions[q].kind)
            {
                let older = age.saturating_add(i64::from(years)).min(*max);
                answers.set(q, Some(Answer::Number(older)));
            }
        }
    }
}

/// A finished check-in: what to show and what to record.
#[derive(Debug, Clone)]
pub struct CheckIn<'kb> {
    /// The merged answers the engine decided on.
    pub answers: Answers,
    /// The engine's decision on them.
    pub decision: Decision,
    /// Complete, or stopped at an emergency answer.
    pub ending: Ending,
    /// The progression rules' verdict, when a routine is recommended and was already the
    /// person's routine; `None` for a new routine (it starts at level 1) or none at all.
    pub progression: Option<Progression<'kb>>,
    /// The routine's level from now on, when one is recommended.
    pub level: Option<u32>,
    /// The row for the journal.
    pub record: CheckRecord,
    /// The level change to record with it, if any.
    pub change: Option<LevelChange>,
}

/// Days of sessions that count towards stepping up.
const RECENT_DAYS: i64 = 14;

/// Runs a check-in at `now` over `history` from `base` (what [`start`] gave), asking through
/// `prompter`.
pub fn checkin<'kb>(
    kb: &'kb KnowledgeBase,
    history: &History,
    now: Timestamp,
    base: &Answers,
    prompter: &mut dyn Prompter,
) -> Result<CheckIn<'kb>, Interrupted> {
    let again = questions_to_ask_again(kb, &Elapsed::from_kb(kb).computed());
    let visit = revisit(kb, base, &again, prompter)?;
    Ok(conclude(kb, history, now, visit))
}

/// The last full check's answers, read against today's rules and brought up to `now`.
pub fn start(
    kb: &KnowledgeBase,
    history: &History,
    now: Timestamp,
) -> Result<Answers, CannotStart> {
    let base = history.base().ok_or(CannotStart::NoCheck)?;
    // After an emergency, at a full check or at a check-in, the next step is help and then a
    // full check, never a short visit that would go back to stretching.
    let last = history.checks.last().unwrap_or(base);
    if base.stopped_early || last.stopped_early || last.urgency == crate::Urgency::Emergency {
        return Err(CannotStart::StoppedEarly);
    }
    let parsed = parse_answers(kb, &base.answers.to_string()).map_err(CannotStart::Outdated)?;
    let mut answers = parsed.answers;
    Elapsed::from_kb(kb).advance(
        kb,
        &mut answers,
        history.weeks_in_episode(now),
        history.years_in_episode(now),
    );
    Ok(answers)
}

/// Decides on the visit's answers and works out the level and the rows to record.
pub fn conclude<'kb>(
    kb: &'kb KnowledgeBase,
    history: &History,
    now: Timestamp,
    visit: Revisited,
) -> CheckIn<'kb> {
    let Revisited {
        answers,
        sessions_reported,
        ending,
    } = visit;
    let decision = decide(kb, &answers);
    let pain = pain(kb, &answers);
    let trend = trend(kb, &answers);
    let routine = match decision.routine {
        RoutineChoice::Chosen { routine, .. } if ending == Ending::Complete => Some(routine),
        _ => None,
    };
    let mut progression = None;
    let mut level = None;
    let mut change = None;
    if let Some(routine) = routine {
        let id = &kb.routines[routine].id;
        match history.current() {
            Some((current, at_level)) if current == id.as_str() => {
                let since = now
                    .checked_sub(SignedDuration::from_secs(RECENT_DAYS * 86_400))
                    .unwrap_or(now);
                let facts = Facts {
                    level: at_level,
                    sessions_14d: history
                        .sessions_since(since)
                        .saturating_add(sessions_reported),
                    pain_now: pain,
                    pain_rise: match (pain, history.last_pain()) {
                        (Some(now), Some(before)) => i32::from(now) - i32::from(before),
                        _ => 0,
                    },
                    worse_in_a_row: match worse_id(kb) {
                        Some(worse) if trend.as_deref() == Some(worse) => {
                            history.worse_in_a_row(worse).saturating_add(1)
                        }
                        _ => 0,
                    },
                    days_at_level: history.days_at_level(now),
                    warning_sign: progression::warning_sign(kb, &answers),
                    urgency: decision.urgency,
                };
                let verdict = progression::progress(kb, routine, &facts);
                if verdict.to != verdict.from {
                    change = Some(LevelChange {
                        at: now,
                        routine: id.clone(),
                        from: verdict.from,
                        to: verdict.to,
                        rule: verdict.rule.map(|r| r.id.clone()).unwrap_or_default(),
                        reason: verdict.rule.map(|r| r.reason.clone()).unwrap_or_default(),
                    });
                }
                level = Some(verdict.to);
                progression = Some(verdict);
            }
            _ => level = Some(1),
        }
    }
    let record = CheckRecord {
        at: now,
        kind: CheckKind::Checkin,
        answers: answers.to_json(kb),
        urgency: decision.urgency,
        routine: routine.map(|r| kb.routines[r].id.clone()),
        level,
        pain,
        trend,
        sessions_reported: Some(sessions_reported),
        flare_up: progression.as_ref().is_some_and(|p| p.flare_up),
        stopped_early: ending == Ending::Emergency,
        rules: kb.origin.fingerprint.clone(),
    };
    CheckIn {
        answers,
        decision,
        ending,
        progression,
        level,
        record,
        change,
    }
}

/// Pain now, from the question progression.json names for it.
fn pain(kb: &KnowledgeBase, answers: &Answers) -> Option<u8> {
    match answers.get(kb.progression.journal.pain?)? {
        Answer::Number(n) => u8::try_from(n).ok(),
        _ => None,
    }
}

/// The id of the trend answered (better, the same, worse), from the question progression.json
/// names for it.
fn trend(kb: &KnowledgeBase, answers: &Answers) -> Option<String> {
    let (q, _) = kb.progression.journal.trend?;
    match answers.get(q)? {
        Answer::Choice(c) => kb.questions[q]
            .kind
            .choices()
            .get(usize::from(c))
            .map(|choice| choice.id.clone()),
        _ => None,
    }
}

/// The id of the trend's "worse" choice.
fn worse_id(kb: &KnowledgeBase) -> Option<&str> {
    let (q, worse) = kb.progression.journal.trend?;
    kb.questions[q]
        .kind
        .choices()
        .get(usize::from(worse))
        .map(|c| c.id.as_str())
}

/// The row for a full `check`: it starts a new episode. The routine keeps its level when the
/// check recommends the routine the person already had; a different routine starts at level 1.
pub fn check_record(
    kb: &KnowledgeBase,
    history: &History,
    now: Timestamp,
    answers: &Answers,
    decision: &Decision,
    stopped_early: bool,
) -> CheckRecord {
    let routine = match decision.routine {
        RoutineChoice::Chosen { routine, .. } if !stopped_early => Some(&kb.routines[routine].id),
        _ => None,
    };
    CheckRecord {
        at: now,
        kind: CheckKind::Check,
        answers: answers.to_json(kb),
        urgency: decision.urgency,
        routine: routine.cloned(),
        level: routine.map(|id| history.level_of(id)),
        pain: pain(kb, answers),
        trend: trend(kb, answers),
        sessions_reported: None,
        flare_up: false,
        stopped_early,
        rules: kb.origin.fingerprint.clone(),
    }
}
