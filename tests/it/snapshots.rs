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
