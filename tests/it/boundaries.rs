//! The edges of the library, checked on the source: the flows (questionnaire, player, batch)
//! and views (report) use only what is below them, and the binary's glue (clap, exit codes,
//! terminal queries) stays in the binary. A new upward `use` fails here rather than in review.

use super::support::repo;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Library modules and the crate modules they must not name (the layers above them).
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "input",
        &["output", "report", "questionnaire", "player", "batch"],
    ),
    (
        "output",
        &["input", "report", "questionnaire", "player", "batch"],
    ),
    (
        "interrupt",
        &["output", "report", "questionnaire", "player", "batch"],
    ),
    ("engine", &["report", "questionnaire", "player", "batch"]),
    ("knowledge", &["report", "questionnaire", "player", "batch"]),
    ("report", &["questionnaire", "player", "batch"]),
    ("questionnaire", &["player", "batch"]),
    ("player", &["questionnaire", "batch"]),
    ("batch", &["questionnaire", "player"]),
];

/// Words no library file may contain: the binary's glue and terminal queries.
const BINARY_ONLY: &[&str] = &[
    "clap::",
    "use clap",
    "ExitCode",
    "crate::app",
    "crate::cli",
    "crate::exit",
    "is_terminal()",
    "terminal_size",
    "terminal::size",
];

fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
        files.extend(rust_files(&entry.path()));
    }
    files.retain(|f| f.extension().is_some_and(|e| e == "rs"));
    files
}

/// The crate modules a source file names: `crate::a::..` and `crate::{a, b::c}`.
fn crate_modules(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let paths = match rest.strip_prefix('{') {
            Some(group) => &group[..group.find('}').unwrap_or(group.len())],
            None => rest,
        };
        for path in paths.split(',') {
            let name: String = path
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.insert(name);
            if !rest.starts_with('{') {
                break;
            }
        }
    }
    names
}

fn module_path(module: &str) -> PathBuf {
    let dir = repo().join("src").join(module);
    if dir.is_dir() {
        dir
    } else {
        repo().join("src").join(format!("{module}.rs"))
    }
}

#[test]
fn no_library_module_names_a_layer_above_it() {
    let mut upward = Vec::new();
    for (module, above) in FORBIDDEN {
        for file in rust_files(&module_path(module)) {
            let text = std::fs::read_to_string(&file).expect("read a source file");
            for name in crate_modules(&text) {
                if above.contains(&name.as_str()) {
                    upward.push(format!("{}: crate::{name}", file.display()));
                }
            }
        }
    }
    assert!(upward.is_empty(), "upward edges:\n{}", upward.join("\n"));
}

#[test]
fn the_library_leaves_clap_exit_codes_and_the_terminal_to_the_binary() {
    let binary = ["main.rs", "cli.rs", "exit.rs", "app"].map(|p| repo().join("src").join(p));
    let mut found = Vec::new();
    for file in rust_files(&repo().join("src")) {
        if binary.iter().any(|b| file.starts_with(b)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read a source file");
        for word in BINARY_ONLY {
            if text.contains(word) {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "binary-only code in the library:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_module_scanner_sees_grouped_imports() {
    let names = crate_modules("use crate::{batch, report::Style};\nuse crate::input::open;");
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["batch", "input", "report"]
    );
}
