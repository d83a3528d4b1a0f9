//! Helpers shared by the integration tests.

use assert_cmd::Command;
use backcare::knowledge::source::{FILE_NAMES, RuleFiles};
use std::path::{Path, PathBuf};

/// The built binary, with colour, the locale and the rules override cleared so the environment of the
/// machine running the tests cannot change what they see.
pub(crate) fn backcare() -> Command {
    let mut cmd = Command::cargo_bin("backcare").expect("the backcare binary is built");
    cmd.env_remove("BACKCARE_RULES")
        .env_remove("BACKCARE_FAKE_CLOCK")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        // The locale picks braille or ASCII figures: the C locale, the same everywhere.
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("LANG")
        .env("COLUMNS", "80")
        // Never the journal of the person running the tests.
        .env("BACKCARE_JOURNAL", scratch_journal())
        .env_remove("BACKCARE_NOW");
    cmd
}

/// A journal shared by the tests that do not look at it: in a temporary directory of this test
/// process, removed when it ends (two runs at once cannot meet there).
pub(crate) fn scratch_journal() -> PathBuf {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"))
        .path()
        .join("journal.sqlite3")
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn scenario_dir() -> PathBuf {
    repo().join("tests/scenarios")
}

/// A copy of the shipped rules in a temporary directory, to be edited by a test.
pub(crate) fn rules_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for name in FILE_NAMES {
        std::fs::copy(repo().join("rules").join(name), dir.path().join(name))
            .expect("copy a rule file");
    }
    dir
}

/// Rewrites one rule file as JSON, through `edit`.
pub(crate) fn edit_rules(dir: &Path, file: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join(file);
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("valid JSON");
    edit(&mut value);
    std::fs::write(&path, serde_json::to_string_pretty(&value).expect("encode")).expect("write");
}

/// A scenario's answers, as a JSON string.
pub(crate) fn scenario_answers(name: &str) -> String {
    let text = std::fs::read_to_string(scenario_dir().join(name)).expect("scenario exists");
    let value: serde_json::Value = serde_json::from_str(&text).expect("scenario is JSON");
    value["answers"].to_string()
}

/// The scenario files, in file-name order.
pub(crate) fn scenario_paths() -> Vec<PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(scenario_dir())
        .expect("tests/scenarios exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
}

/// Every scenario's answers as a JSON string, in file-name order.
pub(crate) fn all_scenario_answers() -> Vec<String> {
    scenario_paths()
        .iter()
        .map(|p| {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("JSON");
            value["answers"].to_string()
        })
        .collect()
}

/// The shipped rules with every list whose order could matter rearranged by `permute`.
pub(crate) fn permuted_rules(
    permute: fn(&mut Vec<serde_json::Value>),
) -> backcare::knowledge::KnowledgeBase {
    let mut files = RuleFiles::embedded();
    for (file, key) in [
        (1, "conditions"),
        (2, "rules"),
        (3, "stretches"),
        (4, "routines"),
        (4, "withhold"),
    ] {
        let mut value: serde_json::Value =
            serde_json::from_str(&files.files[file].text).expect("JSON");
        permute(value[key].as_array_mut().expect("a list"));
        files.files[file].text = value.to_string();
    }
    backcare::knowledge::KnowledgeBase::from_files(&files).expect("rearranged rules still load")
}

/// A report with the knowledge base's origin and fingerprint blanked: two copies of the rules
/// in another order are different files (so a different fingerprint) that must decide the same.
pub(crate) fn without_origin(mut report: backcare::report::Report) -> backcare::report::Report {
    report.record.knowledge_base.source.clear();
    report.record.knowledge_base.fingerprint.clear();
    report
}
