//! backcare: back-pain triage and guided stretch routines.
//!
//! The flow is `questionnaire -> engine -> report -> player`. The [`knowledge`] base and the
//! [`engine`] are pure (no terminal I/O) so they can be embedded; [`questionnaire`] and
//! [`player`] talk to a person through small traits that tests replace.
//!
//! Layers, bottom to top; each module uses only the layers below it (checked by
//! `tests/it/layers.rs`, which fails on an upward reference):
//!
//! - L0 [`input`], [`suggest`], [`output`], [`sanitize`], [`interrupt`], [`signals`]: reading
//!   text, "did you mean", where output goes, safe quoting, Ctrl-C, the terminal on signals.
//! - L1 [`model`]: the compiled knowledge base, conditions, answers, the urgency ladder.
//! - L2 [`engine`] (decide, explain, read answers) and [`knowledge`] (load, compile, prove):
//!   siblings on `model`; `knowledge` may use `engine`, `engine` never uses `knowledge`.
//! - L3 [`report`]: one view model per output, rendered as text, Markdown or JSON; [`fhir`]:
//!   the questionnaire, answers and results as FHIR R4 resources.
//! - L3 [`figure`]: the stretch pictures from `rules/poses.json`, as SVG, braille or ASCII.
//! - L4 [`questionnaire`], [`player`], [`batch`]: the flows and their I/O seams; [`journal`]:
//!   the SQLite journal, the check-in (which asks through the questionnaire's prompter) and
//!   progress.
//! - L5 the binary (`src/main.rs`, `src/app/`, `src/cli.rs`, `src/exit.rs`): the command line,
//!   exit codes and the terminal facts. The library never names clap or an exit code.
//!
//! ```
//! use backcare::{knowledge::KnowledgeBase, engine::parse_answers, report};
//! let kb = KnowledgeBase::embedded().expect("the built-in rules are valid");
//! let parsed = parse_answers(&kb, r#"{"age": 40, "fever": false}"#);
//! // Missing answers to questions the triage rules read are an error, never a silent default.
//! assert!(parsed.is_err());
//! // Unless the answers already mean an emergency: nothing can lower that.
//! let parsed = parse_answers(&kb, r#"{"age": 40, "saddle_numbness": true}"#).expect("replayable");
//! assert_eq!(backcare::engine::decide(&kb, &parsed.answers).urgency, backcare::Urgency::Emergency);
//! ```

#![forbid(unsafe_code)]

pub mod batch;
pub mod engine;
pub mod fhir;
pub mod figure;
#[cfg(test)]
mod fixtures;
pub mod input;
pub mod interrupt;
pub mod journal;
pub mod knowledge;
pub mod model;
pub mod output;
pub mod player;
pub mod questionnaire;
pub mod report;
pub mod sanitize;
pub mod signals;
pub mod suggest;

pub use model::Urgency;
