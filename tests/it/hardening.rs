//! Reproductions from the reliability review (shared/review-reliability.md), one test each,
//! named by the finding's id. Each failed before its fix.

use super::support::{backcare, rules_copy};
use predicates::prelude::*;

/// U17: the flags of `check` work without naming it, as `backcare` alone runs `check`.
#[test]
fn u17_check_flags_work_without_the_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answers.json");
    backcare()
        .arg("--save-answers")
        .arg(&path)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no terminal to ask the questions on",
        ));
    backcare()
        .args(["--answers", "-", "--format", "json"])
        .write_stdin(super::support::scenario_answers(
            "01_self_care_everyday.json",
        ))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"urgency\": \"self_care\""));
}

/// U17: an empty BACKCARE_RULES means "not set", not an error about a flag nobody typed.
#[test]
fn u17_an_empty_rules_variable_is_ignored() {
    backcare()
        .env("BACKCARE_RULES", "")
        .arg("questions")
        .assert()
        .success();
    // A set one is still used, and still checked.
    backcare()
        .env("BACKCARE_RULES", "/nonexistent/rules")
        .arg("questions")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent/rules: is not a directory",
        ));
    let copy = rules_copy();
    backcare()
        .env("BACKCARE_RULES", copy.path())
        .args(["rules", "check"])
        .assert()
        .success();
}

/// U17: a negative speed gets the range message, not clap's "unexpected argument".
#[test]
fn u17_a_negative_speed_is_out_of_range() {
    backcare()
        .args(["routine", "play", "general", "--speed", "-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be between 0.01 and 1000"));
}

/// U12, U17: `--help` and the man page give the exit codes, as the README does.
#[test]
fn u12_help_and_man_page_list_the_exit_codes() {
    for args in [&["--help"][..], &["man"][..]] {
        backcare()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Exit codes"))
            .stdout(predicate::str::contains("130"))
            .stdout(predicate::str::contains("101"));
    }
    backcare()
        .arg("man")
        .assert()
        .stdout(predicate::str::contains("save\\-answers"));
}
