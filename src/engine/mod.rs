//! The rule engine: from answers to an urgency, the rules behind it, a routine and advice.
//!
//! Pure functions of the knowledge base ([`crate::model`]) and the answers; nothing here prints
//! or prompts, and nothing here loads or checks rules (that is `knowledge`, which sits beside
//! this module and may use it, never the reverse). [`decide()`] is the fast path: it evaluates
//! the condition trees directly and allocates nothing (a flat compiled form measured no faster
//! on the shipped rules, so there is one evaluator). [`explain_rule`] builds the evidence on
//! request; [`parse_answers`] reads answers from JSON; [`progress`] moves a routine's level at a
//! check-in and [`steps_at_level`] gives its steps there.

mod decide;
mod explain;
pub mod progression;
mod read_answers;
mod steps;

pub use decide::{Decision, LeftOut, ResolvedStep, RoutineChoice, decide, resolve_steps};
pub use explain::{Evidence, explain_rule};
pub use progression::{
    Facts, Progression, deciding_rule, level, level_summary, levels, progress, steps_at_level,
    warning_sign,
};
pub use read_answers::{
    ParsedAnswers, answered_twice, complete_answers, parse_answers, read_answer, unknown_question,
};
pub use steps::surviving_steps;

// Temporary re-exports of what moved to `model`, so callers that import these from `engine`
// keep compiling; new code imports `crate::model`.
pub use crate::model::{Answer, Answers, Cond, RuleSet, Truth, answers, condition};
