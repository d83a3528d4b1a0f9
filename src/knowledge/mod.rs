//! Loading the knowledge base: finding the rule files, checking and compiling them, and proving
//! the safety invariants before anything uses them.
//!
//! `rules/*.json` is parsed (`raw`), checked and compiled (`compile`) into a
//! [`KnowledgeBase`] whose conditions refer to questions and choices by index, so the engine never
//! looks a string up while it evaluates. [`source`] finds the files (embedded or on disk),
//! `locate` pins faults to a line and column, and [`analysis`] proves the safety invariants
//! over every answer class (within the budgets it states); [`floor`] proves the clinician's safety
//! floor of `rules/safety-floor.json`, `progression_proof` the promises of
//! `rules/progression.json` over every class of facts, and [`readability`] grades the words a
//! person reads.
//!
//! The compiled types live in [`crate::model`]; this module builds them and may use `engine` to
//! reason about decisions, but `engine` never uses this module.

pub mod analysis;
mod compile;
mod explore;
pub mod fault;
pub mod floor;
mod floor_proof;
mod invariants;
mod locate;
mod progression_proof;
pub(crate) mod raw;
pub mod readability;
pub mod source;
#[cfg(test)]
pub(crate) mod testing;

pub use fault::{Fault, Faults};
pub use source::RuleFiles;

// Temporary re-exports of what moved to `model`, so callers that import these from `knowledge`
// keep compiling; new code imports `crate::model`.
pub use crate::model::KnowledgeBase;
pub use crate::model::{
    AdviceLine, Choice, Dose, Family, LeaveOut, Level, Levels, MAX_CHOICES, MAX_RULES, Measure,
    NamedCondition, Question, QuestionKind, Routine, SECONDS_PER_BREATH, SECONDS_PER_REP, Section,
    Selection, Step, Stretch, Tag, TooFewSteps, TriageRule, Withhold, condition_json,
    condition_words, test_words,
};

impl KnowledgeBase {
    /// The knowledge base compiled into the binary from `rules/`.
    pub fn embedded() -> Result<KnowledgeBase, Faults> {
        KnowledgeBase::from_files(&RuleFiles::embedded())
    }

    /// Checks and compiles a set of rule files, reporting every fault found.
    pub fn from_files(files: &RuleFiles) -> Result<KnowledgeBase, Faults> {
        compile::compile(files)
    }
}
