//! Bad input of every kind: each case must exit 2 with a one-line message that names the place
//! and the fault, and never panic.

use super::support::{backcare, edit_rules, rules_copy, scenario_answers};
use serde_json::json;
use std::path::Path;

/// The answers of a self-care scenario, edited.
fn answers_with(edit: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>)) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&scenario_answers("01_self_care_everyday.json")).expect("JSON");
    edit(value.as_object_mut().expect("an object"));
    value.to_string()
}

/// Runs `check --answers` on `bytes` written to a file; returns stderr after checking exit 2.
fn check_answers_bytes(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("answers.json");
    std::fs::write(&path, bytes).expect("write answers");
    run_expecting_2(
        &["check", "--answers", path.to_str().expect("utf-8 path")],
        None,
    )
}

fn run_expecting_2(args: &[&str], rules: Option<&Path>) -> String {
    let mut cmd = backcare();
    if let Some(dir) = rules {
        cmd.arg("--rules").arg(dir);
    }
    let output = cmd.args(args).write_stdin("").output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(2),
        "args {args:?}: expected exit 2, stderr: {stderr}"
    );
    assert_ne!(output.status.code(), Some(101), "a panic: {stderr}");
    assert!(!stderr.contains("internal error"), "a panic: {stderr}");
    assert!(
        output.stdout.is_empty(),
        "nothing on stdout for bad input, got {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
    stderr
}

/// A rules directory broken by `edit`, checked through `check --answers` (one-line summary).
fn broken_rules(file: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let dir = rules_copy();
    edit_rules(dir.path(), file, edit);
    let answers = dir.path().join("answers.json");
    std::fs::write(&answers, scenario_answers("01_self_care_everyday.json"))
        .expect("write answers");
    let stderr = run_expecting_2(
        &["check", "--answers", answers.to_str().expect("utf-8")],
        Some(dir.path()),
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

fn broken_rules_text(file: &str, text: &[u8]) -> String {
    let dir = rules_copy();
    std::fs::write(dir.path().join(file), text).expect("write");
    run_expecting_2(
        &["rules", "check", dir.path().to_str().expect("utf-8")],
        None,
    )
}

#[track_caller]
fn assert_says(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn answers_broken_json() {
    assert_says(
        &check_answers_bytes(b"{\"age\": 3"),
        &["answers.json", "EOF while parsing"],
    );
}

#[test]
fn answers_empty_file() {
    assert_says(&check_answers_bytes(b"  \n"), &["answers.json: is empty"]);
}

#[test]
fn answers_not_an_object() {
    assert_says(
        &check_answers_bytes(b"[1, 2]"),
        &["expected one JSON object keyed by question id"],
    );
}

#[test]
fn answers_wrong_type() {
    let text = answers_with(|a| {
        a.insert("age".into(), json!("forty"));
    });
    assert_says(
        &check_answers_bytes(text.as_bytes()),
        &["question `age`: expected a whole number from 1 to 110, got \"forty\""],
    );
}

#[test]
fn answers_unknown_question_suggests_the_nearest() {
    let text = answers_with(|a| {
        a.insert("sadle_numbness".into(), json!(false));
    });
    assert_says(
        &check_answers_bytes(text.as_bytes()),
        &["unknown question `sadle_numbness`; did you mean `saddle_numbness`?"],
    );
}

#[test]
fn answers_choice_not_offered() {
    let text = answers_with(|a| {
        a.insert("duration".into(), json!("under_6_week"));
    });
    assert_says(
        &check_answers_bytes(text.as_bytes()),
        &[
            "question `duration`: `under_6_week` is not one of its choices; did you mean `under_6_weeks`?",
        ],
    );
}

#[test]
fn answers_number_out_of_range() {
    let text = answers_with(|a| {
        a.insert("pain_score".into(), json!(11));
    });
    assert_says(
        &check_answers_bytes(text.as_bytes()),
        &["question `pain_score`: expected a whole number from 0 to 10, got 11"],
    );
}

#[test]
fn answers_huge_and_fractional_numbers() {
    let age = "question `age`: expected a whole number from 1 to 110, got";
    for (value, says) in [
        ("1e400", "number out of range".to_owned()),
        ("35.5", format!("{age} 35.5")),
        ("-0.0", format!("{age} -0")),
        (
            "99999999999999999999999",
            format!("{age} 100000000000000000000000"),
        ),
    ] {
        let text = answers_with(|a| {
            a.insert("age".into(), json!("PLACEHOLDER"));
        })
        .replace("\"PLACEHOLDER\"", value);
        assert_says(
            &check_answers_bytes(text.as_bytes()),
            &["answers.json: ", &says],
        );
    }
}

#[test]
fn answers_duplicate_key() {
    let text = answers_with(|_| {}).replacen('{', "{\"age\": 40, ", 1);
    assert_says(
        &check_answers_bytes(text.as_bytes()),
        &["question `age` is answered twice"],
    );
}

#[test]
fn answers_invalid_utf8() {
    assert_says(
        &check_answers_bytes(b"{\"age\": \"\xff\"}"),
        &["answers.json: is not valid UTF-8 (bad byte at offset 9)"],
    );
}

#[test]
fn answers_missing_file() {
    let stderr = run_expecting_2(&["check", "--answers", "/no/such/answers.json"], None);
    assert_says(&stderr, &["/no/such/answers.json: does not exist"]);
}

#[test]
fn answers_directory_instead_of_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stderr = run_expecting_2(
        &["check", "--answers", dir.path().to_str().expect("utf-8")],
        None,
    );
    assert_says(&stderr, &["is a directory, not a file"]);
}

#[test]
fn answers_missing_a_warning_sign() {
    let text = answers_with(|a| {
        a.remove("saddle_numbness");
    });
    assert_says(
        &check_answers_bytes(text.as_bytes()),
        &["no answer to `saddle_numbness`", "must be answered"],
    );
}

#[test]
fn answers_multiple_choice_not_a_list() {
    let text = answers_with(|a| {
        a.insert("limits".into(), json!("pregnant"));
    });
    assert_says(
        &check_answers_bytes(text.as_bytes()),
        &["question `limits`: expected a list of choice ids"],
    );
}

#[test]
fn answers_nested_ten_thousand_deep() {
    let text = format!("{{\"age\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
    assert_says(&check_answers_bytes(text.as_bytes()), &["answers.json"]);
}

#[test]
fn answers_byte_order_mark_is_accepted() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(scenario_answers("01_self_care_everyday.json").as_bytes());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bom.json");
    std::fs::write(&path, bytes).expect("write");
    backcare()
        .args(["check", "--answers"])
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn rules_broken_json_names_line_and_column() {
    let stderr = broken_rules_text(
        "triage.json",
        b"{\n  \"version\": 1,\n  \"rules\": [\n    {\"id\": \"x\",,}\n  ]\n}\n",
    );
    assert_says(
        &stderr,
        &["triage.json:4:16: at rules[0]: key must be a string"],
    );
}

#[test]
fn rules_unknown_field_suggests_the_nearest() {
    let stderr = broken_rules("triage.json", |v| {
        let rule = v["rules"][0].as_object_mut().expect("object");
        let reason = rule.remove("reason").expect("a reason");
        rule.insert("reasn".into(), reason);
    });
    assert_says(
        &stderr,
        &[
            "triage.json:",
            "rules[0]",
            "unknown field `reasn`",
            "did you mean `reason`?",
        ],
    );
}

#[test]
fn rules_unknown_question_in_a_condition() {
    let stderr = broken_rules("triage.json", |v| {
        v["rules"][1]["when"] = json!({ "question": "rapid_worsenin", "is": true });
    });
    assert_says(
        &stderr,
        &[
            "triage.json:",
            "at rules[1].when.question",
            "unknown question `rapid_worsenin`; did you mean `rapid_worsening`?",
        ],
    );
}

#[test]
fn rules_number_test_on_a_yes_no_question() {
    let stderr = broken_rules("triage.json", |v| {
        v["rules"][5]["when"] = json!({ "question": "fever", "at_least": 1 });
    });
    assert_says(
        &stderr,
        &[
            "rules[5].when.at_least",
            "`at_least` does not apply to `fever`, a yes_no question; use `is: true` or `is: false`",
        ],
    );
}

#[test]
fn rules_choice_the_question_does_not_offer() {
    let stderr = broken_rules("triage.json", |v| {
        v["rules"][16]["when"]["all"][0] = json!({ "question": "duration", "is": "6_to_12_week" });
    });
    assert_says(
        &stderr,
        &["unknown choice of `duration` `6_to_12_week`; did you mean `6_to_12_weeks`?"],
    );
}

#[test]
fn rules_cycle_among_named_conditions() {
    let stderr = broken_rules("conditions.json", |v| {
        v["conditions"][0]["when"] = json!({ "ref": "nerve_symptoms" });
        v["conditions"][1]["when"] =
            json!({ "any": [{ "ref": "cauda_equina_sign" }, { "question": "fever", "is": true }] });
    });
    assert_says(
        &stderr,
        &[
            "conditions.json:",
            "cycle: cauda_equina_sign -> nerve_symptoms -> cauda_equina_sign",
        ],
    );
}

#[test]
fn rules_duplicate_id() {
    let stderr = broken_rules("triage.json", |v| {
        v["rules"][1]["id"] = json!("cauda_equina");
    });
    assert_says(
        &stderr,
        &["rules[1].id", "duplicate triage rule id `cauda_equina`"],
    );
}

#[test]
fn rules_missing_file() {
    let dir = rules_copy();
    std::fs::remove_file(dir.path().join("advice.json")).expect("remove");
    let stderr = run_expecting_2(
        &["rules", "check", dir.path().to_str().expect("utf-8")],
        None,
    );
    assert_says(&stderr, &["advice.json: does not exist"]);
}

#[test]
fn rules_empty_file() {
    assert_says(
        &broken_rules_text("stretches.json", b""),
        &["stretches.json: is empty"],
    );
}

#[test]
fn rules_condition_nested_too_deeply() {
    let mut cond = json!({ "question": "fever", "is": true });
    for _ in 0..200 {
        cond = json!({ "all": [cond] });
    }
    let stderr = broken_rules("triage.json", |v| v["rules"][5]["when"] = cond);
    assert_says(&stderr, &["triage.json:", "nested too deeply"]);
}

#[test]
fn rules_condition_that_can_never_be_true() {
    let stderr = broken_rules(
        "triage.json",
        |v| v["rules"][6]["when"] = json!({ "all": [{ "question": "trend", "is": "better" }, { "question": "trend", "is": "worse" }] }),
    );
    assert_says(
        &stderr,
        &[
            "rules[6].when",
            "triage rule `new_leg_weakness` can never be true",
        ],
    );
}

#[test]
fn rules_unknown_stretch_in_a_routine() {
    let stderr = broken_rules("routines.json", |v| {
        v["routines"][0]["steps"][0]["stretch"] = json!("cat_cows");
    });
    assert_says(
        &stderr,
        &[
            "routines[0].steps[0].stretch",
            "unknown stretch `cat_cows`; did you mean `cat_cow`?",
        ],
    );
}

/// A fault found while compiling (not by serde) is located by `locate`: the exact line and column
/// of the offending value, so an editor can jump there.
#[test]
fn rules_compile_fault_names_line_and_column() {
    let dir = rules_copy();
    let path = dir.path().join("routines.json");
    let text = std::fs::read_to_string(&path).expect("read").replacen(
        "\"stretch\": \"cat_cow\"",
        "\"stretch\": \"cat_cows\"",
        1,
    );
    std::fs::write(&path, &text).expect("write");
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(n, l)| l.find("\"cat_cows\"").map(|c| (n + 1, c + 1)))
        .expect("the edit is in the file");
    let stderr = run_expecting_2(
        &["rules", "check", dir.path().to_str().expect("utf-8")],
        None,
    );
    let expected = format!(
        "routines.json:{line}:{column}: at routines[0].steps[0].stretch: unknown stretch `cat_cows`; did you mean `cat_cow`?"
    );
    assert!(
        stderr.lines().any(|l| l.ends_with(&expected)),
        "expected a line ending {expected:?} in:\n{stderr}"
    );
}

#[test]
fn rules_unsupported_version() {
    let stderr = broken_rules("advice.json", |v| v["version"] = json!(2));
    assert_says(
        &stderr,
        &[
            "advice.json:",
            ": at version: version 2 is not supported; this backcare reads version 1",
        ],
    );
}

#[test]
fn rules_directory_that_does_not_exist() {
    let stderr = run_expecting_2(
        &["check", "--answers", "-"],
        Some(Path::new("/no/such/rules")),
    );
    assert_says(&stderr, &["/no/such/rules: is not a directory"]);
}

#[test]
fn rules_invalid_utf8() {
    assert_says(
        &broken_rules_text(
            "questions.json",
            b"{\"version\": 1, \"questions\": [\"\xc3\x28\"]}",
        ),
        &["questions.json: is not valid UTF-8"],
    );
}

#[test]
fn rules_faults_are_all_reported_by_rules_check() {
    let dir = rules_copy();
    edit_rules(dir.path(), "triage.json", |v| {
        v["rules"][0]["when"] = json!({ "ref": "cauda_equina_sgn" });
        v["rules"][2]["level"] = json!("self_care");
    });
    edit_rules(dir.path(), "stretches.json", |v| {
        v["stretches"][0]["intensity"] = json!(11);
    });
    let stderr = run_expecting_2(
        &["rules", "check", dir.path().to_str().expect("utf-8")],
        None,
    );
    assert_says(
        &stderr,
        &[
            "unknown named condition `cauda_equina_sgn`; did you mean `cauda_equina_sign`?",
            "a triage rule escalates",
            "intensity is on a scale of 1 to 10",
            "3 faults found",
        ],
    );
}

#[test]
fn bad_flag_value() {
    let stderr = run_expecting_2(&["check", "--format", "yaml"], None);
    assert_says(&stderr, &["invalid value 'yaml'"]);
}
