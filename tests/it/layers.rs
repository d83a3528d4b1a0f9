//! The library's layers walk one way. Each module may use only modules in lower layers (and, in
//! one named case, a sibling); the library never names the command line. This test reads the
//! source, so it fails the moment someone adds an upward `crate::` reference.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bottom to top. A module not listed here is itself a failure: place new modules on purpose.
const LAYERS: &[(&str, u8)] = &[
    ("input", 0),
    ("suggest", 0),
    ("output", 0),
    ("sanitize", 0),
    ("interrupt", 0),
    ("signals", 0),
    ("model", 1),
    ("engine", 2),
    ("knowledge", 2),
    ("report", 3),
    ("questionnaire", 4),
    ("player", 4),
    ("batch", 4),
    ("journal", 4),
    ("figure", 3),
    ("fhir", 3),
];

/// Same-layer edges that are allowed: the knowledge base may run the engine to prove things
/// about `decide` (the engine never reads the knowledge loader), and "did you mean" quotes the
/// unknown id safely. Reports draw the stretch figures; the figures never read a report. The
/// journal's check-in asks through the questionnaire's prompter and ends as it does; neither
/// reads the journal.
const SIBLING_EDGES: &[(&str, &str)] = &[
    ("knowledge", "engine"),
    ("suggest", "sanitize"),
    ("report", "figure"),
    ("journal", "questionnaire"),
];

/// Files of the binary crate (declared by `main.rs`, not by `lib.rs`): they may use anything.
fn is_binary_side(relative: &str) -> bool {
    relative == "main.rs"
        || relative == "cli.rs"
        || relative == "exit.rs"
        || relative.starts_with("app/")
        || relative == "app.rs"
}

/// Test-only modules sit outside the layering.
fn is_test_only(relative: &str) -> bool {
    relative == "fixtures.rs" || relative.starts_with("fixtures/")
}

fn layer_of(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The code of a file without its trailing `#[cfg(test)]` module: tests may reach anywhere.
fn non_test_code(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// Every crate module a piece of library code names through `crate::`, including each top-level
/// entry of a (possibly multi-line) `use crate::{a, b::{c, d}}` group.
fn crate_references(code: &str) -> Vec<String> {
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
            .collect()
    };
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // Split the group at commas of depth 0 and take each entry's first segment.
            let mut depth = 0usize;
            let mut entry_start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.push(ident(&group[entry_start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(ident(&group[entry_start..i]));
                        entry_start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(ident(after));
        }
        rest = after;
    }
    found.retain(|name| !name.is_empty());
    found
}

/// The faults of one library file, given the module it belongs to.
fn faults_in(module: &str, file: &str, code: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let Some(own) = layer_of(module) else {
        return vec![format!(
            "{file}: module `{module}` has no layer; add it to LAYERS in tests/it/layers.rs"
        )];
    };
    for used in crate_references(code) {
        if used == module {
            continue;
        }
        // Items re-exported at the crate root (`crate::Urgency`) start with a capital letter and
        // are not collected; lower-case names are modules.
        match layer_of(&used) {
            None => faults.push(format!(
                "{file}: uses `crate::{used}`, which is not a library module (the binary side?)"
            )),
            Some(l) if l > own => faults.push(format!(
                "{file}: `{module}` (layer {own}) uses `{used}` (layer {l}), a layer above it"
            )),
            Some(l) if l == own && !SIBLING_EDGES.contains(&(module, used.as_str())) => faults
                .push(format!(
                    "{file}: `{module}` uses its sibling `{used}`; only {SIBLING_EDGES:?} may"
                )),
            Some(_) => {}
        }
    }
    // The binary's glue: the command line, exit codes, and asking what the streams are (those
    // facts are captured once by the binary and passed down).
    for word in [
        "clap::",
        "use clap",
        "ExitCode",
        "is_terminal()",
        "terminal_size",
        "terminal::size",
    ] {
        if code.contains(word) {
            faults.push(format!(
                "{file}: names `{word}`; that belongs to the binary"
            ));
        }
    }
    faults
}

fn library_files(src: &Path) -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let relative = p
                .strip_prefix(src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            if relative == "lib.rs" || is_binary_side(&relative) || is_test_only(&relative) {
                None
            } else {
                Some((relative, p))
            }
        })
        .collect()
}

fn module_of(relative: &str) -> &str {
    let first = relative.split('/').next().unwrap_or(relative);
    first.strip_suffix(".rs").unwrap_or(first)
}

#[test]
fn library_modules_depend_only_downward() {
    let src = super::support::repo().join("src");
    let mut faults = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (relative, path) in library_files(&src) {
        let module = module_of(&relative).to_owned();
        *seen.entry(module.clone()).or_default() += 1;
        let text = std::fs::read_to_string(&path).expect("read a source file");
        faults.extend(faults_in(&module, &relative, non_test_code(&text)));
    }
    assert!(
        seen.contains_key("model") && seen.contains_key("engine"),
        "the layer walk found no model or engine files: {seen:?}"
    );
    assert!(faults.is_empty(), "layering broken:\n{}", faults.join("\n"));
}

#[test]
fn the_layer_check_catches_an_upward_edge_and_the_command_line() {
    let upward = faults_in("model", "model/kb.rs", "use crate::engine::decide;\n");
    assert_eq!(
        upward,
        ["model/kb.rs: `model` (layer 1) uses `engine` (layer 2), a layer above it"]
    );
    let sibling = faults_in(
        "engine",
        "engine/x.rs",
        "use crate::knowledge::KnowledgeBase;\n",
    );
    assert_eq!(sibling.len(), 1, "{sibling:?}");
    assert!(
        faults_in(
            "knowledge",
            "knowledge/x.rs",
            "use crate::engine::decide;\n"
        )
        .is_empty()
    );
    let grouped = faults_in(
        "report",
        "report/x.rs",
        "use crate::{model, player::Plan};\n",
    );
    assert_eq!(grouped.len(), 1, "{grouped:?}");
    let multi_line = "use crate::{\n    model::{Answers, Cond},\n    questionnaire::Flow,\n};\n";
    assert_eq!(faults_in("report", "report/x.rs", multi_line).len(), 1);
    let cli = faults_in("batch", "batch.rs", "use std::process::ExitCode;\n");
    assert_eq!(cli.len(), 1, "{cli:?}");
    let app = faults_in("player", "player/mod.rs", "crate::app::emit(x);\n");
    assert_eq!(app.len(), 1, "{app:?}");
    // Comments and test modules are not code that ships.
    assert!(faults_in("model", "model/kb.rs", "// see crate::engine\n").is_empty());
    assert_eq!(
        non_test_code("a\n#[cfg(test)]\nmod tests { use crate::app; }"),
        "a\n"
    );
}
