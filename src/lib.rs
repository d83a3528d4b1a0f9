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

/// The layering above, checked: a lower layer's source never names a module above it.
#[cfg(test)]
mod layering {
    use std::path::Path;

    const UPPER: [&str; 7] = [
        "report",
        "questionnaire",
        "player",
        "batch",
        "app",
        "cli",
        "exit",
    ];

    /// The top-level modules a line of code names after `crate::`, grouped imports included.
    fn named_modules(code: &str) -> Vec<&str> {
        let ident = |s: &str| -> usize {
            s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(s.len())
        };
        let mut out = Vec::new();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for item in group.split(',') {
                    let item = item.trim();
                    out.push(&item[..ident(item)]);
                }
            } else {
                out.push(&rest[..ident(rest)]);
            }
        }
        out
    }

    /// `file:line: code` for every line of code under `dir` that names one of `modules`.
    fn upward_edges(dir: &Path, modules: &[&str], found: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                upward_edges(&path, modules, found);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            for (n, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                if named_modules(code).iter().any(|m| modules.contains(m)) {
                    found.push(format!("{}:{}: {code}", path.display(), n + 1));
                }
            }
        }
    }

    #[test]
    fn no_module_names_a_layer_above_it() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let model_may_not = [&["engine", "knowledge"][..], &UPPER[..]].concat();
        let engine_may_not = [&["knowledge"][..], &UPPER[..]].concat();
        upward_edges(&src.join("model"), &model_may_not, &mut found);
        upward_edges(&src.join("engine"), &engine_may_not, &mut found);
        upward_edges(&src.join("knowledge"), &UPPER, &mut found);
        assert!(found.is_empty(), "upward edges:\n{}", found.join("\n"));
    }

    #[test]
    fn grouped_and_full_paths_are_both_seen() {
        assert_eq!(
            named_modules("use crate::{engine::decide, model};"),
            ["engine", "model"]
        );
        assert_eq!(
            named_modules("x = crate::knowledge::fault::f();"),
            ["knowledge"]
        );
    }
}
