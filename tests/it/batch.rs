//! `backcare batch`: order, bad lines, exit codes, empty input.

use super::support::{backcare, scenario_answers};
use serde_json::Value;

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn compact(scenario: &str) -> String {
    scenario_answers(scenario)
}

#[test]
fn results_come_out_in_input_order() {
    let input = [
        "03_cauda_equina_saddle.json",
        "01_self_care_everyday.json",
        "16_both_legs_only.json",
        "31_sciatica_like_recent.json",
    ]
    .map(compact)
    .join("\n");
    let out = backcare()
        .arg("batch")
        .write_stdin(input)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let results = lines(&out.stdout);
    let urgencies: Vec<&str> = results
        .iter()
        .map(|r| r["urgency"].as_str().expect("urgency"))
        .collect();
    assert_eq!(urgencies, ["emergency", "self_care", "urgent", "self_care"]);
    assert_eq!(results[3]["routine"]["id"], "sciatica_relief");
    assert_eq!(results[0]["reasons"][0]["rule"], "cauda_equina");
    // One compact line per result.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
}

#[test]
fn a_bad_line_is_reported_in_its_place_and_the_run_goes_on() {
    let good = compact("01_self_care_everyday.json");
    let input = format!(
        "{good}\n{{\"age\": \n\n{good}\n[1]\n{}\n",
        good.replace("\"age\":35", "\"age\":300")
    );
    let out = backcare()
        .args(["batch", "--brief"])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1 when any line was rejected"
    );
    let results = lines(&out.stdout);
    assert_eq!(results.len(), 5, "the blank line gives no result");
    assert_eq!(
        results[0],
        serde_json::json!({ "urgency": "self_care", "routine": "general" })
    );
    assert_eq!(results[1]["line"], 2);
    assert!(
        results[1]["error"]
            .as_str()
            .expect("error")
            .contains("one whole object per line")
    );
    assert_eq!(
        results[2],
        serde_json::json!({ "urgency": "self_care", "routine": "general" })
    );
    assert_eq!(results[3]["line"], 5);
    assert_eq!(results[4]["line"], 6);
    assert!(
        results[4]["error"]
            .as_str()
            .expect("error")
            .contains("question `age`: expected a whole number from 1 to 110, got 300")
    );
}

#[test]
fn invalid_utf8_and_over_long_lines_are_bad_lines() {
    let good = compact("01_self_care_everyday.json");
    let mut input = b"{\"age\": \"\xff\"}\n".to_vec();
    input.extend(vec![b' '; 1024 * 1024 + 10]);
    input.extend(b"\n");
    input.extend(good.as_bytes());
    let out = backcare()
        .args(["batch", "--brief"])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let results = lines(&out.stdout);
    assert_eq!(results.len(), 3);
    assert!(
        results[0]["error"]
            .as_str()
            .expect("error")
            .contains("not valid UTF-8")
    );
    assert!(
        results[1]["error"]
            .as_str()
            .expect("error")
            .contains("longer than")
    );
    assert_eq!(results[2]["urgency"], "self_care");
}

#[test]
fn empty_input_gives_empty_output() {
    backcare()
        .arg("batch")
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn unreadable_input_is_exit_2() {
    backcare()
        .args(["batch", "/no/such/file.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not exist"));
    let dir = tempfile::tempdir().expect("tempdir");
    backcare()
        .arg("batch")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is a directory"));
}

#[test]
fn reads_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("in.jsonl");
    std::fs::write(
        &path,
        format!("{}\n", compact("45_extension_preference.json")),
    )
    .expect("write");
    let out = backcare()
        .args(["batch", "--brief"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(
        lines(&out.stdout),
        [serde_json::json!({ "urgency": "self_care", "routine": "extension_bias" })]
    );
}
