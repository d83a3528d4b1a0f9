//! The knowledge base: questions, named conditions, triage rules, stretches, routines and advice.
//!
//! `rules/*.json` is parsed ([`raw`]), checked and compiled ([`compile`]) into a
//! [`KnowledgeBase`] whose conditions refer to questions and choices by index, so the engine never
//! looks a string up while it evaluates. [`source`] finds the files (embedded or on disk) and
//! [`analysis`] proves the safety invariants over every possible answer, [`floor`] the safety
//! floor of `rules/safety-floor.json`. [`readability`] grades the words a person reads.

pub mod analysis;
mod compile;
mod describe;
mod explore;
pub mod fault;
pub mod floor;
mod floor_proof;
mod invariants;
mod locate;
pub mod raw;
pub mod readability;
pub mod source;
mod tag;
#[cfg(test)]
pub(crate) mod testing;

pub use describe::{condition_json, condition_words, test_words};
pub use fault::{Fault, Faults};
pub use raw::Section;
pub use source::RuleFiles;
pub use tag::Tag;

use crate::Urgency;
use crate::engine::answers::Answers;
use crate::engine::condition::{Cond, Truth};
use crate::engine::program::{Entry, Program};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Most rules (triage rules, tips, safety-net lines) a knowledge base may hold, so that the
/// engine can record which fired in fixed-size bit sets without allocating.
pub const MAX_RULES: usize = 256;
/// Most choices one question may offer (answers to a multiple-choice question are a 64-bit mask).
pub const MAX_CHOICES: usize = 64;

#[derive(Debug)]
pub struct KnowledgeBase {
    pub questions: Vec<Question>,
    pub named: Vec<NamedCondition>,
    /// Compiled bodies of `named`, in the same order: what `Cond::Named(i)` evaluates.
    pub named_bodies: Vec<Cond>,
    /// In file order; the engine breaks ties by id, so results never depend on that order.
    pub triage: Vec<TriageRule>,
    pub stretches: Vec<Stretch>,
    pub routines: Vec<Routine>,
    pub withhold: Vec<Withhold>,
    /// When set, a routine left with fewer stretches than this is not shown.
    pub too_few_steps: Option<TooFewSteps>,
    pub levels: Levels,
    pub tips: Vec<AdviceLine>,
    pub safety_net: Vec<AdviceLine>,
    pub disclaimer: String,
    /// What must hold for every answer set (`rules/safety-floor.json`), proved on every load.
    pub floor: floor::SafetyFloor,
    /// Per question: read by some triage rule (worked out once, at load).
    triage_read: Vec<bool>,
    /// The conditions `decide` evaluates, compiled flat (see [`CompiledRules`]).
    pub compiled: CompiledRules,
    question_index: HashMap<String, usize>,
    stretch_index: HashMap<String, usize>,
    routine_index: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub section: Section,
    pub text: String,
    pub help: String,
    pub kind: QuestionKind,
    pub ask_when: Option<Cond>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    YesNo,
    Single(Vec<Choice>),
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

#[derive(Debug, Clone)]
pub struct NamedCondition {
    pub id: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct TriageRule {
    pub id: String,
    pub level: Urgency,
    pub when: Cond,
    pub reason: String,
    pub action: String,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Flexion,
    Extension,
    Hip,
    Neutral,
}

#[derive(Debug, Clone)]
pub struct Stretch {
    pub id: String,
    pub name: String,
    pub targets: String,
    pub position: String,
    pub family: Family,
    /// What the stretch asks of the body; the safety floor excludes stretches by tag.
    pub tags: Vec<Tag>,
    pub steps: Vec<String>,
    pub dose: Dose,
    pub intensity: u8,
    pub cautions: Vec<String>,
    pub leave_out: Vec<LeaveOut>,
}

/// How much of a stretch to do: one measure (a timed hold, breaths or repetitions), on each side
/// or not, repeated for a number of rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dose {
    pub measure: Measure,
    pub each_side: bool,
    pub rounds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    HoldSeconds(u32),
    Breaths(u32),
    Reps(u32),
}

/// Seconds allowed for one breath or one repetition when estimating a routine's length.
pub const SECONDS_PER_BREATH: u32 = 5;
pub const SECONDS_PER_REP: u32 = 4;

impl Dose {
    /// Seconds of work on one side in one round.
    pub fn seconds_per_side(&self) -> u32 {
        match self.measure {
            Measure::HoldSeconds(s) => s,
            Measure::Breaths(n) => n * SECONDS_PER_BREATH,
            Measure::Reps(n) => n * SECONDS_PER_REP,
        }
    }

    pub fn sides(&self) -> u32 {
        if self.each_side { 2 } else { 1 }
    }

    /// Estimated total seconds, ignoring the moments spent changing position.
    pub fn total_seconds(&self) -> u32 {
        self.seconds_per_side() * self.sides() * self.rounds
    }

    /// "hold 30 s, each side, 3 rounds" in plain words.
    pub fn describe(&self) -> String {
        let mut text = match self.measure {
            Measure::HoldSeconds(s) => format!("hold {s} s"),
            Measure::Breaths(n) => format!("{n} slow breaths"),
            Measure::Reps(n) => format!("{n} repetitions"),
        };
        if self.each_side {
            text.push_str(", each side");
        }
        if self.rounds > 1 {
            text.push_str(&format!(", {} rounds", self.rounds));
        }
        text
    }
}

#[derive(Debug, Clone)]
pub struct LeaveOut {
    pub when: Cond,
    pub because: String,
    pub instead: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Routine {
    pub id: String,
    pub name: String,
    pub purpose: String,
    /// How often to do it, in plain words.
    pub how_often: String,
    pub steps: Vec<Step>,
    pub select: Vec<Selection>,
}

impl Routine {
    pub fn total_seconds(&self) -> u32 {
        self.steps.iter().map(|s| s.dose.total_seconds()).sum()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub stretch: usize,
    pub dose: Dose,
}

#[derive(Debug, Clone)]
pub struct Selection {
    pub priority: i32,
    /// `None` matches everyone: the fallback routine.
    pub when: Option<Cond>,
    pub because: String,
}

/// A pattern in which no routine is offered at all, with the reason told to the person.
#[derive(Debug, Clone)]
pub struct Withhold {
    pub id: String,
    pub when: Cond,
    pub because: String,
}

/// A routine that keeps fewer than `min_steps` stretches once leave-outs (and their
/// alternatives) are applied is not shown; the person is told `because` instead.
#[derive(Debug, Clone)]
pub struct TooFewSteps {
    pub min_steps: usize,
    pub because: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub headline: String,
    pub action: String,
}

#[derive(Debug, Clone)]
pub struct Levels([Level; 5]);

impl Levels {
    pub fn new(levels: [Level; 5]) -> Levels {
        Levels(levels)
    }

    pub fn get(&self, urgency: Urgency) -> &Level {
        &self.0[urgency as usize]
    }
}

#[derive(Debug, Clone)]
pub struct AdviceLine {
    pub id: String,
    pub text: String,
    pub when: Option<Cond>,
}

/// Where each condition the engine evaluates on every answer set starts in the flat program,
/// parallel to the knowledge base's lists.
#[derive(Debug, Clone, Default)]
pub struct CompiledRules {
    pub program: Program,
    pub triage: Vec<Entry>,
    pub withhold: Vec<Entry>,
    /// Per routine, per selection rule; `None` matches everyone.
    pub select: Vec<Vec<Option<Entry>>>,
    pub tips: Vec<Option<Entry>>,
    pub safety_net: Vec<Option<Entry>>,
}

impl CompiledRules {
    fn build(kb: &KnowledgeBase) -> CompiledRules {
        let mut program = Program::new(&kb.named_bodies);
        let triage = kb.triage.iter().map(|r| program.add(&r.when)).collect();
        let withhold = kb.withhold.iter().map(|w| program.add(&w.when)).collect();
        let select = kb
            .routines
            .iter()
            .map(|r| {
                r.select
                    .iter()
                    .map(|s| s.when.as_ref().map(|c| program.add(c)))
                    .collect()
            })
            .collect();
        let mut lines = |lines: &[AdviceLine]| -> Vec<Option<Entry>> {
            lines
                .iter()
                .map(|l| l.when.as_ref().map(|c| program.add(c)))
                .collect()
        };
        let tips = lines(&kb.tips);
        let safety_net = lines(&kb.safety_net);
        CompiledRules {
            program,
            triage,
            withhold,
            select,
            tips,
            safety_net,
        }
    }
}

impl KnowledgeBase {
    /// Lays out the conditions `decide` evaluates; called once, after checking.
    pub(super) fn with_compiled_rules(mut self) -> KnowledgeBase {
        self.compiled = CompiledRules::build(&self);
        self
    }

    /// The knowledge base compiled into the binary from `rules/`.
    pub fn embedded() -> Result<KnowledgeBase, Faults> {
        KnowledgeBase::from_files(&RuleFiles::embedded())
    }

    pub fn from_files(files: &RuleFiles) -> Result<KnowledgeBase, Faults> {
        compile::compile(files)
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.question_index.get(id).copied()
    }

    pub fn stretch_index(&self, id: &str) -> Option<usize> {
        self.stretch_index.get(id).copied()
    }

    pub fn routine_index(&self, id: &str) -> Option<usize> {
        self.routine_index.get(id).copied()
    }

    /// Whether the flow asks question `i`, given the answers to the questions before it: it is
    /// asked when it has no ask-when condition or that condition is definitely true.
    pub fn is_asked(&self, i: usize, answers: &Answers) -> bool {
        self.questions[i]
            .ask_when
            .as_ref()
            .is_none_or(|when| when.eval(answers, &self.named_bodies) == Truth::True)
    }

    /// The questions that any emergency or urgent rule reads, directly or through named
    /// conditions: the warning signs, which must be asked of everyone.
    pub fn warning_sign_questions(&self) -> Vec<bool> {
        let mut read = vec![false; self.questions.len()];
        for rule in self.triage.iter().filter(|r| r.level.is_escalation()) {
            rule.when
                .visit_leaves(&self.named_bodies, 0, &mut |leaf, _| {
                    read[leaf.question] = true
                });
        }
        read
    }

    /// The questions that any triage rule reads: an `--answers` file must answer these whenever
    /// the flow would ask them.
    pub fn triage_questions(&self) -> &[bool] {
        &self.triage_read
    }
}
