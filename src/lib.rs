//! backcare: back-pain triage and guided stretch routines.
//!
//! The flow is `questionnaire -> engine -> report -> player`. The [`knowledge`] base and the
//! [`engine`] are pure (no terminal I/O) so they can be embedded; [`questionnaire`] and
//! [`player`] talk to a person through small traits that tests replace.
//!
//! Layers, bottom to top; each module uses only the layers below it:
//!
//! - L0 [`input`], [`suggest`]: reading text, "did you mean".
//! - L1 [`model`]: the compiled knowledge base, conditions, answers, the urgency ladder.
//! - L2 [`engine`] (decide, explain, read answers) and [`knowledge`] (load, compile, prove):
//!   siblings on `model`; `knowledge` may use `engine`, `engine` never uses `knowledge`.
//! - L3 [`report`]; L4 [`questionnaire`], [`player`], [`batch`]; L5 [`app`], [`cli`], [`exit`].
//!
//! ```
//! use backcare::{knowledge::KnowledgeBase, engine::parse_answers, report};
//! let kb = KnowledgeBase::embedded().expect("the built-in rules are valid");
//! let parsed = parse_answers(&kb, r#"{"age": 40, "saddle_numbness": true}"#);
//! // Missing answers to questions the triage rules read are an error, never a silent default.
//! assert!(parsed.is_err());
//! ```

#![forbid(unsafe_code)]

pub mod app;
pub mod batch;
pub mod cli;
pub mod engine;
pub mod exit;
pub mod input;
pub mod knowledge;
pub mod model;
pub mod player;
pub mod questionnaire;
pub mod report;
pub mod suggest;

pub use model::Urgency;
