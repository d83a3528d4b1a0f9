//! The binary's contract: commands, formats, exit codes and where output goes.

use super::support::{backcare, edit_rules, repo, rules_copy, scenario_answers};
use predicates::prelude::*;
use serde_json::Value;

fn json_result(scenario: &str) -> Value {
    let out = backcare()
        .args(["check", "--format", "json", "--answers", "-"])
        .write_stdin(scenario_answers(scenario))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// The fields the design promises, checked for shape; the clinical content is pinned by the
/// scenario files.
#[test]
fn json_result_has_the_contract_fields() {
    let v = json_result("01_self_care_everyday.json");
    assert_eq!(v["urgency"], "self_care");
    assert!(v["routine"]["id"].is_string(), "{v}");
    assert!(v["routine"]["name"].is_string(), "{v}");
    let steps = v["routine"]["steps"].as_array().expect("steps");
    assert!(!steps.is_empty() && steps.iter().all(|s| s["stretch"].is_string()));
    assert!(v["reasons"].as_array().expect("reasons").is_empty());
    assert!(!v["advice"].as_array().expect("advice").is_empty());
    assert!(!v["safety_net"].as_array().expect("safety net").is_empty());

    let v = json_result("03_cauda_equina_saddle.json");
    assert_eq!(v["urgency"], "emergency");
    assert_eq!(v["decided_by"], "cauda_equina");
    assert_eq!(v["routine"], Value::Null);
    let first = &v["reasons"][0];
    assert_eq!(first["rule"], "cauda_equina");
    assert_eq!(first["answers"][0]["question"], "saddle_numbness");
    assert_eq!(first["answers"][0]["answer"], true);
    assert!(first["message"].as_str().is_some_and(|m| !m.is_empty()));
}

/// The shipped questions, in order.
fn shipped_question_ids() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("rules/questions.json")).expect("read");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    v["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["id"].as_str().expect("an id").to_owned())
        .collect()
}

#[test]
fn answers_from_standard_input() {
    backcare()
        .args(["check", "--answers", "-"])
        .write_stdin(scenario_answers("03_cauda_equina_saddle.json"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(" EMERGENCY: GET HELP NOW \n"))
        .stdout(predicate::str::contains(
            "You answered \"yes\" to: Is there numbness",
        ));
}

#[test]
fn markdown_format() {
    backcare()
        .args(["check", "--format", "markdown", "--answers", "-"])
        .write_stdin(scenario_answers("45_extension_preference.json"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# You can look after this at home\n",
        ))
        .stdout(predicate::str::contains(
            "## Routine: Upright and lengthening",
        ));
}

#[test]
fn answers_to_unasked_questions_are_ignored_with_a_warning() {
    let mut answers: Value =
        serde_json::from_str(&scenario_answers("01_self_care_everyday.json")).expect("JSON");
    answers["morning_stiffness_time"] = "over_30_minutes".into();
    let out = backcare()
        .args(["check", "--format", "json", "--answers", "-"])
        .write_stdin(answers.to_string())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: standard input: ignored answers to questions the flow would not ask: morning_stiffness_time"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        v["ignored_answers"],
        serde_json::json!(["morning_stiffness_time"])
    );
}

#[test]
fn without_a_terminal_or_answers_it_says_to_use_answers() {
    backcare()
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--answers"));
}

#[test]
fn questions_as_json() {
    let out = backcare()
        .args(["questions", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let questions = v["questions"].as_array().expect("a list");
    assert_eq!(questions.len(), shipped_question_ids().len());
    let follow_up = questions
        .iter()
        .find(|q| q["id"] == "morning_stiffness_time")
        .expect("the follow-up");
    assert_eq!(
        follow_up["ask_when"],
        serde_json::json!({ "question": "morning_stiffness", "is": true })
    );
    assert_eq!(follow_up["warning_sign"], false);
    let saddle = questions
        .iter()
        .find(|q| q["id"] == "saddle_numbness")
        .expect("saddle");
    assert_eq!(saddle["warning_sign"], true);
    assert_eq!(saddle["ask_when"], Value::Null);
}

#[test]
fn questions_as_text() {
    let number = shipped_question_ids()
        .iter()
        .position(|id| id == "morning_stiffness_time")
        .expect("the follow-up")
        + 1;
    backcare()
        .arg("questions")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{number:>2}. morning_stiffness_time [one choice]"
        )))
        .stdout(predicate::str::contains(
            "asked when morning_stiffness is yes",
        ));
}

#[test]
fn rules_check_proves_the_invariants_of_the_shipped_rules() {
    backcare()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{} questions",
            shipped_question_ids().len()
        )))
        .stdout(predicate::str::contains("ok      floor "))
        .stdout(predicate::str::contains("reading: "))
        .stdout(predicate::str::contains("ok      invariant 1:"))
        .stdout(predicate::str::contains("ok      invariant 2:"))
        .stdout(predicate::str::contains("ok      invariant 3:"))
        .stdout(predicate::str::contains("ok      overlaps:"))
        .stdout(predicate::str::contains("ok      gaps:"))
        .stdout(predicate::str::contains("BROKEN").not());
    backcare()
        .args(["rules", "check"])
        .arg(repo().join("rules"))
        .assert()
        .success();
}

#[test]
fn rules_override_by_flag_and_environment() {
    let dir = rules_copy();
    edit_rules(dir.path(), "advice.json", |v| {
        v["levels"]["emergency"]["headline"] = "Changed headline".into();
    });
    let answers = scenario_answers("03_cauda_equina_saddle.json");
    backcare()
        .arg("--rules")
        .arg(dir.path())
        .args(["check", "--answers", "-"])
        .write_stdin(answers.clone())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(" CHANGED HEADLINE "));
    backcare()
        .env("BACKCARE_RULES", dir.path())
        .args(["check", "--answers", "-"])
        .write_stdin(answers)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(" CHANGED HEADLINE "));
}

#[test]
fn save_answers_needs_the_interactive_flow() {
    backcare()
        .args(["check", "--answers", "-", "--save-answers", "x.json"])
        .write_stdin(scenario_answers("01_self_care_everyday.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--save-answers saves answers given interactively",
        ));
}

#[test]
fn completions_and_man_page() {
    backcare()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_backcare()"));
    backcare()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH backcare"));
}

#[test]
fn version_and_help() {
    backcare()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("backcare "));
    backcare()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("routine"));
}

#[test]
fn colour_only_when_asked() {
    let answers = scenario_answers("03_cauda_equina_saddle.json");
    backcare()
        .args(["--color", "always", "check", "--answers", "-"])
        .write_stdin(answers.clone())
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b["));
    backcare()
        .args(["check", "--answers", "-"])
        .write_stdin(answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn routine_list_and_show() {
    backcare()
        .args(["routine", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "sciatica_relief      Buttock and leg pain relief (about 4 minutes)",
        ));
    let out = backcare()
        .args(["routine", "list", "--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let first = &v["routines"][0];
    assert_eq!(
        (first["id"].as_str(), first["total_seconds"].as_u64()),
        (Some("gentle_after_strain"), Some(140))
    );
    backcare()
        .args(["routine", "show", "after_sitting"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2. Standing psoas lunge at a wall: hold 30 s, each side, 3 rounds"))
        .stdout(predicate::str::contains("Left out when knee_trouble: a deep lunge loads the knees; instead: Standing hip-flexor stretch at a chair"));
    let out = backcare()
        .args(["routine", "show", "plank_day", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown routine `plank_day`"));
}

#[test]
fn routine_play_without_a_terminal_prints_the_timetable() {
    backcare()
        .args(["routine", "play", "morning_mobility"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(" Quick morning sequence: 3 steps, about 3 minutes\n 0:00  1. Cat-cow: 8 slow breaths\n 0:40  2. Knee to chest, one leg: hold 30 s, each side\n 1:40  3. Child's pose: hold 45 s\n 2:25  done\n".trim_start());
}

/// Colour follows the conventions other Rust tools follow (anstream): `--color` first, then
/// `NO_COLOR`, then `CLICOLOR_FORCE`; a pipe gets no colour by default.
#[test]
fn colour_follows_no_color_and_clicolor_force() {
    let answers = scenario_answers("03_cauda_equina_saddle.json");
    let coloured = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = backcare();
        for (key, value) in env {
            cmd.env(key, value);
        }
        let out = cmd
            .args(args)
            .args(["check", "--answers", "-"])
            .write_stdin(answers.clone())
            .output()
            .expect("runs");
        assert!(out.status.success());
        out.stdout.contains(&0x1b)
    };
    assert!(coloured(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!coloured(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &[]
    ));
    assert!(coloured(&[("NO_COLOR", "1")], &["--color", "always"]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]));
    assert!(!coloured(&[("TERM", "dumb")], &[]));
}

/// Redirected output is wrapped to 80 columns whatever the terminal or COLUMNS say, so a saved
/// report is the same on every machine.
#[test]
fn redirected_text_is_80_columns_wide() {
    let out = backcare()
        .env("COLUMNS", "200")
        .args(["check", "--answers", "-"])
        .write_stdin(scenario_answers("42_stiff_after_sitting_bad_knees.json"))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let widest = text.lines().map(|l| l.chars().count()).max();
    assert!(
        widest.is_some_and(|w| w <= 80 && w > 70),
        "{widest:?}\n{text}"
    );
}

/// The report a person sends a clinician documents the negatives: every warning sign asked with
/// its answer, the facts about the pain, and which rules produced it (issue: clinical pass, 7).
#[test]
fn the_report_documents_the_negatives_and_the_rules() {
    let kb = backcare::knowledge::KnowledgeBase::embedded().expect("shipped rules");
    let safety: Vec<&str> = kb
        .questions
        .iter()
        .filter(|q| q.section == backcare::model::Section::Safety)
        .map(|q| q.id.as_str())
        .collect();
    let v = json_result("01_self_care_everyday.json");
    let record = &v["record"];
    let asked: Vec<&str> = record["warning_signs"]
        .as_array()
        .expect("warning signs")
        .iter()
        .map(|w| w["question"].as_str().expect("id"))
        .collect();
    assert_eq!(asked, safety, "every warning sign, in order");
    assert_eq!(
        record["warning_signs_summary"],
        format!("Warning signs asked: {}, all answered no.", safety.len())
    );
    let pain: Vec<&str> = record["about_the_pain"]
        .as_array()
        .expect("pain")
        .iter()
        .map(|w| w["question"].as_str().expect("id"))
        .collect();
    for id in ["age", "duration", "pain_score", "trend"] {
        assert!(pain.contains(&id), "{id} missing from {pain:?}");
    }
    let fingerprint = record["knowledge_base"]["fingerprint"]
        .as_str()
        .expect("fingerprint");
    assert_eq!(fingerprint.len(), 16);
    assert!(fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(record["knowledge_base"]["source"], "embedded");

    // The same rules from a directory give the same fingerprint; an edit changes it.
    let copy = rules_copy();
    let from_dir = |dir: &std::path::Path| -> Value {
        let out = backcare()
            .arg("--rules")
            .arg(dir)
            .args(["check", "--answers", "-", "--format", "json"])
            .write_stdin(scenario_answers("01_self_care_everyday.json"))
            .output()
            .expect("runs");
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    assert_eq!(
        from_dir(copy.path())["record"]["knowledge_base"]["fingerprint"],
        fingerprint
    );
    edit_rules(copy.path(), "advice.json", |v| {
        v["disclaimer"] = Value::from("A different disclaimer.");
    });
    assert_ne!(
        from_dir(copy.path())["record"]["knowledge_base"]["fingerprint"],
        fingerprint
    );

    // Markdown shows the record; text shows question words, never ids.
    let md = backcare()
        .args(["check", "--answers", "-", "--format", "markdown"])
        .write_stdin(scenario_answers("03_cauda_equina_saddle.json"))
        .output()
        .expect("runs");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("## For your clinician"), "{md}");
    assert!(md.contains("| Warning sign asked | Answer |"), "{md}");
    assert!(md.contains("answered yes"), "{md}");
    let text = backcare()
        .args(["check", "--answers", "-"])
        .write_stdin(scenario_answers("03_cauda_equina_saddle.json"))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("You answered \"yes\" to: Is there numbness"),
        "{text}"
    );
    assert!(!text.contains("saddle_numbness"), "{text}");
    assert!(text.contains("Warning signs asked: "), "{text}");
}
