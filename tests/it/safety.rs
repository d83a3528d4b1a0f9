//! `rules check` proves the safety invariants, and breaks, by name and with an example answer
//! set, on a knowledge base made to violate each one.

use super::support::{backcare, edit_rules, rules_copy};
use serde_json::json;

/// Runs `rules check` on a copy of the shipped rules edited by `edit`; expects exit 2.
fn broken(file: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let dir = rules_copy();
    edit_rules(dir.path(), file, edit);
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn rule_index(id: &str) -> usize {
    let text =
        std::fs::read_to_string(super::support::repo().join("rules/triage.json")).expect("read");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .position(|r| r["id"] == id)
        .expect("rule exists")
}

#[test]
fn a_hidden_warning_sign_breaks_invariant_1() {
    let out = broken("questions.json", |v| {
        let fever = v["questions"]
            .as_array_mut()
            .expect("list")
            .iter_mut()
            .find(|q| q["id"] == "fever")
            .expect("fever");
        fever["ask_when"] = json!({ "question": "pain_score", "at_least": 3 });
    });
    assert!(out.contains("safety invariant broken (warning signs are asked of everyone): `fever` is read by urgent rule `fever_or_unwell`"), "{out}");
    assert!(
        out.contains("for example, after {\"pain_score\":0} it is never asked"),
        "{out}"
    );
}

#[test]
fn a_negated_warning_sign_breaks_invariant_2() {
    let i = rule_index("rapidly_worsening_nerves");
    let out = broken("triage.json", |v| {
        v["rules"][i]["when"] = json!({ "all": [
            { "question": "rapid_worsening", "is": true },
            { "not": { "question": "leg_weakness", "is": true } }
        ] });
    });
    assert!(out.contains("safety invariant broken (escalation is monotone): rule `rapidly_worsening_nerves` can stop firing when `leg_weakness`"), "{out}");
    assert!(out.contains("for example, with {\"leg_weakness\":false,\"rapid_worsening\":true} it fires, and answering yes to `leg_weakness` stops it"), "{out}");
}

#[test]
fn testing_a_warning_sign_for_no_breaks_invariant_2() {
    let i = rule_index("fever_or_unwell");
    let out = broken("triage.json", |v| {
        v["rules"][i]["when"] = json!({ "all": [{ "question": "fever", "is": true }, { "question": "major_trauma", "is": false }] });
    });
    assert!(
        out.contains("rule `fever_or_unwell` can stop firing when `major_trauma`"),
        "{out}"
    );
}

#[test]
fn two_routines_at_one_priority_that_can_both_match_are_an_overlap() {
    let out = broken("routines.json", |v| {
        let routines = v["routines"].as_array_mut().expect("list");
        let sciatica = routines
            .iter_mut()
            .find(|r| r["id"] == "sciatica_relief")
            .expect("sciatica");
        sciatica["select"][0]["priority"] = json!(90);
    });
    assert!(out.contains("BROKEN  overlaps: routines `gentle_after_strain` and `sciatica_relief` are both chosen at priority 90 by {"), "{out}");
    assert!(out.contains("ok      gaps"), "{out}");
}

#[test]
fn answers_with_no_routine_are_a_gap() {
    let out = broken("routines.json", |v| {
        let routines = v["routines"].as_array_mut().expect("list");
        let general = routines
            .iter_mut()
            .find(|r| r["id"] == "general")
            .expect("general");
        general["select"][0]["when"] = json!({ "question": "pain_score", "at_most": 2 });
    });
    assert!(
        out.contains("BROKEN  gaps: no routine is chosen for {"),
        "{out}"
    );
    assert!(out.contains("ok      overlaps"), "{out}");
}
