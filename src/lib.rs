//! backcare: back-pain triage and guided stretch routines.
//!
//! The flow is `questionnaire -> engine -> report -> player`. The [`knowledge`] base and the
//! [`engine`] are pure (no terminal I/O) so they can be embedded; [`questionnaire`] and
//! [`player`] talk to a person through small traits that tests replace.
//!
//! ```
//! use backcare::{knowledge::KnowledgeBase, engine::parse_answers, report};
//! let kb = KnowledgeBase::embedded().expect("the built-in rules are valid");
//! let parsed = parse_answers(&kb, r#"{"age": 40, "saddle_numbness": true}"#);
//! // Missing answers to questions the triage rules read are an error, never a silent default.
//! assert!(parsed.is_err());
//! ```

#![forbid(unsafe_code)]

pub mod batch;
pub mod engine;
#[cfg(test)]
mod fixtures;
pub mod input;
pub mod interrupt;
pub mod knowledge;
pub mod output;
pub mod player;
pub mod questionnaire;
pub mod report;
pub mod sanitize;
pub mod signals;
mod urgency;

pub use urgency::Urgency;
