//! The rule engine: from answers to an urgency, the rules behind it, a routine and advice.
//!
//! Pure functions of the knowledge base and the answers; nothing here prints or prompts.
//! [`decide`] is the fast path (no allocation); [`explain`] builds the evidence on request.

pub mod answers;
pub mod condition;
mod decide;
mod explain;
pub mod program;
mod rule_set;
mod steps;

pub use answers::{Answer, Answers, ParsedAnswers, parse_answers};
pub use condition::{Cond, Truth};
pub use decide::{Decision, LeftOut, ResolvedStep, RoutineChoice, decide, resolve_steps};
pub use explain::{Evidence, explain_rule};
pub use rule_set::RuleSet;
pub use steps::surviving_steps;
