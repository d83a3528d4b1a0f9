//! Reviewed snapshots of what a person and a program see.

use backcare::engine::parse_answers;
use backcare::knowledge::KnowledgeBase;
use backcare::report::{self, Style, render_markdown, render_text};

fn report_for(scenario: &str) -> report::Report {
    let kb = KnowledgeBase::embedded().expect("load");
    let answers = super::support::scenario_answers(scenario);
    let parsed = parse_answers(&kb, &answers).expect("valid answers");
    report::build(&kb, &parsed.answers, &parsed.ignored)
}

#[test]
fn text_report_pregnant_with_buttock_pain() {
    insta::assert_snapshot!(render_text(
        &report_for("36_pregnancy_buttock_pain.json"),
        Style::PLAIN
    ));
}

#[test]
fn text_report_emergency() {
    insta::assert_snapshot!(render_text(
        &report_for("10_cancer_with_numbness.json"),
        Style::PLAIN
    ));
}

#[test]
fn json_result_stiff_after_sitting_with_bad_knees() {
    insta::assert_json_snapshot!(report_for("42_stiff_after_sitting_bad_knees.json"));
}

#[test]
fn markdown_report_lasting_sciatica() {
    insta::assert_snapshot!(render_markdown(&report_for("30_lasting_sciatica.json")));
}

/// The standard output of a successful run of the binary.
fn stdout_of(args: &[&str]) -> String {
    let out = super::support::backcare()
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn rules_check_summary() {
    insta::assert_snapshot!(stdout_of(&["rules", "check"]));
}

#[test]
fn questions_text() {
    insta::assert_snapshot!(stdout_of(&["questions"]));
}

#[test]
fn questions_json() {
    insta::assert_snapshot!(stdout_of(&["questions", "--format", "json"]));
}

#[test]
fn routine_show_text() {
    insta::assert_snapshot!(stdout_of(&["routine", "show", "after_sitting"]));
}

#[test]
fn routine_show_markdown() {
    insta::assert_snapshot!(stdout_of(&[
        "routine",
        "show",
        "after_sitting",
        "--format",
        "markdown"
    ]));
}

#[test]
fn routine_show_json() {
    insta::assert_snapshot!(stdout_of(&[
        "routine",
        "show",
        "after_sitting",
        "--format",
        "json"
    ]));
}

#[test]
fn routine_list_text() {
    insta::assert_snapshot!(stdout_of(&["routine", "list"]));
}

#[test]
fn routine_list_json() {
    insta::assert_snapshot!(stdout_of(&["routine", "list", "--format", "json"]));
}

/// `check` through the binary, output redirected: the width is fixed, so the text is the same on
/// every machine.
fn check_stdout(scenario: &str, format: &str) -> String {
    let out = super::support::backcare()
        .args(["check", "--format", format, "--answers", "-"])
        .write_stdin(super::support::scenario_answers(scenario))
        .output()
        .expect("runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn check_text_through_the_binary() {
    insta::assert_snapshot!(check_stdout(
        "42_stiff_after_sitting_bad_knees.json",
        "text"
    ));
}

#[test]
fn check_json_through_the_binary() {
    insta::assert_snapshot!(check_stdout(
        "42_stiff_after_sitting_bad_knees.json",
        "json"
    ));
}
