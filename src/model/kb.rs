//! The compiled knowledge base: every part of `rules/`, with ids resolved to indices.

use super::advice::{AdviceLine, Levels};
use super::answers::Answers;
use super::condition::Truth;
use super::floor::SafetyFloor;
use super::pose::Pose;
use super::progression::ProgressionRules;
use super::question::Question;
use super::routine::{Routine, TooFewSteps, Withhold};
use super::site::{Place, Site};
use super::stretch::Stretch;
use super::triage::{NamedCondition, TriageRule};
use std::collections::HashMap;

/// The knowledge base the engine evaluates, built by `KnowledgeBase::assemble` from parts that
/// `knowledge` has checked.
///
/// Invariants (checked when the rules load, relied on without checks afterwards): ids are unique
/// within each list; every index in a condition, step or leave-out points into the right list;
/// every choice index is below its question's choice count; named conditions have no cycles; an
/// ask-when reads only earlier questions. The lists are `pub` for reading: changing one after
/// assembly would leave the id indices and the derived data stale, so treat them as read-only.
#[derive(Debug)]
pub struct KnowledgeBase {
    /// In questionnaire order; a condition's question index points here.
    pub questions: Vec<Question>,
    /// What `Cond::Named(i)` refers to.
    pub named: Vec<NamedCondition>,
    /// In file order; the engine breaks ties by content, so results never depend on that order.
    pub triage: Vec<TriageRule>,
    /// The stretch catalogue; a routine step's stretch index points here.
    pub stretches: Vec<Stretch>,
    /// The routines a decision may choose from.
    pub routines: Vec<Routine>,
    /// Patterns in which no routine is offered at all.
    pub withhold: Vec<Withhold>,
    /// When set, a routine left with fewer stretches than this is not shown.
    pub too_few_steps: Option<TooFewSteps>,
    /// Headline and action per urgency level.
    pub levels: Levels,
    /// Self-care tips, each shown when its condition holds.
    pub tips: Vec<AdviceLine>,
    /// When to get help after all, shown with every result.
    pub safety_net: Vec<AdviceLine>,
    /// Shown with every result: this is not a diagnosis.
    pub disclaimer: String,
    /// What must hold for every answer set (`rules/safety-floor.json`), proved on every load.
    pub floor: SafetyFloor,
    /// The stick-figure poses (`rules/poses.json`), in stretch order: `poses[i].stretch == i`
    /// when loaded from rule files, which must draw every stretch. Use [`KnowledgeBase::pose`].
    pub poses: Vec<Pose>,
    /// The levels of each routine and the rules that move a person between them
    /// (`rules/progression.json`), proved on every load.
    pub progression: ProgressionRules,
    /// Where the rules came from (`embedded` or a directory) and a short fingerprint of their
    /// text, so a report can say exactly which knowledge base produced it.
    pub origin: Origin,
    /// Per question: read by some triage rule (worked out once, at assembly).
    triage_read: Vec<bool>,
    question_index: HashMap<String, usize>,
    stretch_index: HashMap<String, usize>,
    routine_index: HashMap<String, usize>,
}

/// The checked parts of a knowledge base, before the indices and derived data are built.
#[derive(Debug)]
pub(crate) struct KbParts {
    pub(crate) questions: Vec<Question>,
    pub(crate) named: Vec<NamedCondition>,
    pub(crate) triage: Vec<TriageRule>,
    pub(crate) stretches: Vec<Stretch>,
    pub(crate) routines: Vec<Routine>,
    pub(crate) withhold: Vec<Withhold>,
    pub(crate) too_few_steps: Option<TooFewSteps>,
    pub(crate) levels: Levels,
    pub(crate) tips: Vec<AdviceLine>,
    pub(crate) safety_net: Vec<AdviceLine>,
    pub(crate) disclaimer: String,
    pub(crate) floor: SafetyFloor,
    pub(crate) poses: Vec<Pose>,
    pub(crate) progression: ProgressionRules,
    pub(crate) origin: Origin,
}

/// Which rule files a knowledge base was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// `embedded`, or the directory given with `--rules`.
    pub source: String,
    /// 16 hex digits of a 64-bit FNV-1a hash over every rule file's name and text: the same
    /// files give the same fingerprint on every machine. It identifies a version for an audit
    /// trail; it is not a defence against a forger.
    pub fingerprint: String,
}

impl KnowledgeBase {
    /// Builds the id indices and the data derived from the rules. The parts must satisfy the
    /// invariants above; `knowledge` checks them before calling this, which is why it is not
    /// public: outside the crate, a knowledge base comes only from checked rule files.
    pub(crate) fn assemble(parts: KbParts) -> KnowledgeBase {
        fn index<T>(items: &[T], id: impl Fn(&T) -> &String) -> HashMap<String, usize> {
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (id(item).clone(), i))
                .collect()
        }
        let mut kb = KnowledgeBase {
            question_index: index(&parts.questions, |q| &q.id),
            stretch_index: index(&parts.stretches, |s| &s.id),
            routine_index: index(&parts.routines, |r| &r.id),
            triage_read: Vec::new(),
            questions: parts.questions,
            named: parts.named,
            triage: parts.triage,
            stretches: parts.stretches,
            routines: parts.routines,
            withhold: parts.withhold,
            too_few_steps: parts.too_few_steps,
            levels: parts.levels,
            tips: parts.tips,
            safety_net: parts.safety_net,
            disclaimer: parts.disclaimer,
            floor: parts.floor,
            poses: parts.poses,
            progression: parts.progression,
            origin: parts.origin,
        };
        kb.triage_read = kb.questions_read(
            kb.condition_sites()
                .filter(|s| matches!(s.place, Place::Triage(_))),
        );
        kb
    }

    /// The position of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.question_index.get(id).copied()
    }

    /// The position of the stretch with this id.
    pub fn stretch_index(&self, id: &str) -> Option<usize> {
        self.stretch_index.get(id).copied()
    }

    /// The pictures of stretch `i`, when the knowledge base has them (rule files always do).
    pub fn pose(&self, stretch: usize) -> Option<&Pose> {
        self.poses.iter().find(|p| p.stretch == stretch)
    }

    /// The position of the routine with this id.
    pub fn routine_index(&self, id: &str) -> Option<usize> {
        self.routine_index.get(id).copied()
    }

    /// Whether the flow asks question `i`, given the answers to the questions before it: it is
    /// asked when it has no ask-when condition or that condition is definitely true.
    pub fn is_asked(&self, i: usize, answers: &Answers) -> bool {
        self.questions[i]
            .ask_when
            .as_ref()
            .is_none_or(|when| when.eval(answers, &self.named) == Truth::True)
    }

    /// The questions that any emergency or urgent rule reads, directly or through named
    /// conditions: the warning signs, which must be asked of everyone.
    pub fn warning_sign_questions(&self) -> Vec<bool> {
        self.questions_read(self.condition_sites().filter(|s| match s.place {
            Place::Triage(i) => self.triage[i].level.is_escalation(),
            _ => false,
        }))
    }

    /// The questions that any triage rule reads: an `--answers` file must answer these whenever
    /// the flow would ask them.
    pub fn triage_questions(&self) -> &[bool] {
        &self.triage_read
    }

    /// Per question: read by one of `sites`, directly or through named conditions.
    fn questions_read<'a>(&'a self, sites: impl Iterator<Item = Site<'a>>) -> Vec<bool> {
        let mut read = vec![false; self.questions.len()];
        for site in sites {
            site.cond.visit_leaves(&self.named, 0, &mut |leaf, _| {
                read[leaf.question] = true;
            });
        }
        read
    }
}
