//! The rule engine: from answers to an urgency, the rules behind it, a routine and advice.
//!
//! Pure functions of the knowledge base and the answers; nothing here prints or prompts.
//! [`decide`] is the fast path (no allocation); [`explain`] builds the evidence on request.

pub mod answers;
pub mod condition;
mod decide;
mod explain;
mod rule_set;

pub use answers::{parse_answers, Answer, Answers, ParsedAnswers};
pub use condition::{Cond, Truth};
pub use decide::{decide, resolve_steps, Decision, LeftOut, ResolvedStep, RoutineChoice};
pub use explain::{explain_rule, Evidence};
pub use rule_set::RuleSet;
