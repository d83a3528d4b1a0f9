//! The compiled knowledge and the data the engine works on: questions, conditions, rules,
//! stretches, routines, advice, progression levels, answers and the urgency ladder.
//!
//! Pure data with the small amount of logic that belongs to it (evaluating a condition, walking
//! its leaves, describing it in words). Building a [`KnowledgeBase`] from `rules/` is
//! `knowledge`'s job; deciding from answers is `engine`'s. This module uses nothing else in the
//! crate, so both can depend on it without depending on each other.

mod advice;
pub mod answers;
pub mod condition;
mod describe;
#[cfg(test)]
pub(crate) mod fixtures;
mod floor;
mod kb;
pub mod pose;
mod progression;
mod question;
mod routine;
mod rule_set;
mod site;
mod stretch;
mod tag;
mod triage;
mod urgency;

pub use advice::{AdviceLine, Level, Levels};
pub use answers::{Answer, Answers, answer_json, answer_words, is_negative};
pub use condition::{Cond, Leaf, Test, Truth};
pub use describe::{condition_json, condition_words, test_words};
pub use floor::{RoutineFloor, RoutineLimit, SafetyFloor, UrgencyFloor};
pub(crate) use kb::KbParts;
pub use kb::{KnowledgeBase, Origin};
pub use pose::{Pose, Side};
pub use progression::{
    Fact, FactCond, FactKind, FactLeaf, FactTest, FlarePlan, JournalQuestions, MAX_LEVELS, Move,
    ProgressionRule, ProgressionRules, RoutineLevel, urgency_of_rank, urgency_rank,
};
pub use question::{Choice, MAX_CHOICES, Question, QuestionKind, Section};
pub use routine::{Routine, Selection, Step, TooFewSteps, Withhold};
pub use rule_set::{MAX_RULES, RuleSet};
pub use site::{Place, RuleFileKind, Site};
pub use stretch::{Dose, Family, LeaveOut, Measure, SECONDS_PER_BREATH, SECONDS_PER_REP, Stretch};
pub use tag::Tag;
pub use triage::{NamedCondition, TriageRule};
pub use urgency::Urgency;
