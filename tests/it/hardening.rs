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

/// U17: an empty `BACKCARE_RULES` means "not set", not an error about a flag nobody typed.
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

/// U13: batch messages say what is wrong with the line, not the parser's inner position.
#[test]
fn u13_batch_lines_get_messages_about_the_line() {
    let input = "{\"age\": 4x}\n\u{feff}\nnot json\n{\n  \"age\": 40\n}\n{\"a\":1}\r{\"b\":2}\r\n";
    let out = backcare()
        .arg("batch")
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let errors: Vec<(u64, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["line"].as_u64().expect("line"),
                l["error"].as_str().expect("error"),
            )
        })
        .collect();
    // Line 2 holds only a byte-order mark: blank, skipped like an empty line.
    assert_eq!(
        errors.iter().map(|e| e.0).collect::<Vec<_>>(),
        [1, 3, 4, 5, 6, 7]
    );
    assert_eq!(errors[0].1, "expected `,` or `}` at column 10");
    assert!(
        errors[1].1.starts_with("is not a JSON object"),
        "{}",
        errors[1].1
    );
    assert!(
        errors[2].1.contains("one whole object per line"),
        "{}",
        errors[2].1
    );
    assert!(errors[5].1.contains("carriage returns"), "{}", errors[5].1);
}

/// `rules check DIR` on a copy of the rules changed by `edit`: exit 2 and the first fault line.
fn refused_rules(file: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let dir = rules_copy();
    super::support::edit_rules(dir.path(), file, edit);
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    stderr
}

/// U10: a control character in rule text never reaches the terminal: refused at load, located.
#[test]
fn u10_control_characters_in_rule_text_are_refused() {
    let stderr = refused_rules("routines.json", |v| {
        v["routines"][0]["name"] = serde_json::Value::from("Clear\u{1b}[2J screen");
    });
    assert!(stderr.contains("routines.json:"), "{stderr}");
    assert!(stderr.contains("control character U+001B"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let stderr = refused_rules("stretches.json", |v| {
        v["stretches"][0]["steps"][0] = serde_json::Value::from("right\u{202e}to left");
    });
    assert!(stderr.contains("control character U+202E"), "{stderr}");
    // An empty caution would print "Take care: " with nothing after it.
    let stderr = refused_rules("stretches.json", |v| {
        v["stretches"][0]["cautions"] = serde_json::json!([""]);
    });
    assert!(
        stderr.contains("cautions[0]: must not be empty"),
        "{stderr}"
    );
}

/// U10: ids typed on the command line or written as answer keys are echoed escaped.
#[test]
fn u10_echoed_ids_are_escaped() {
    let out = backcare()
        .args(["routine", "show", "after_sittin\u{1b}[2J"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("after_sittin\\u{1b}[2J"), "{stderr}");
    let out = backcare()
        .args(["check", "--answers", "-"])
        .write_stdin("{\"a\\u001b[2J\\nb\": true}")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
}

/// U11: a two-megabyte id in a rule file gives a short error line, quickly.
#[test]
fn u11_long_values_in_rule_errors_are_cut() {
    let long = "x".repeat(2 * 1024 * 1024);
    let stderr = refused_rules("routines.json", |v| {
        v["routines"][0]["steps"][0]["stretch"] = serde_json::Value::from(long.as_str());
    });
    assert!(stderr.len() < 1_000, "{} bytes", stderr.len());
    assert!(stderr.contains("(2097152 characters)"), "{stderr}");
}

/// U14: a rule file written as an array of values is refused, not read by position.
#[test]
fn u14_a_rule_file_must_be_an_object() {
    let dir = rules_copy();
    std::fs::write(dir.path().join("triage.json"), "[1, []]").expect("write");
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("triage.json:1:1: must hold one JSON object"),
        "{stderr}"
    );
}

/// U16: a routine cannot be so long that its length in seconds wraps around.
#[test]
fn u16_routines_have_a_bounded_number_of_steps() {
    let stderr = refused_rules("routines.json", |v| {
        let step = serde_json::json!({"stretch": "cat_cow", "dose": {"hold_seconds": 600, "each_side": true, "rounds": 20}});
        v["routines"][0]["steps"] = serde_json::Value::Array(vec![step; 51]);
    });
    assert!(
        stderr.contains("a routine has at most 50 steps (this one has 51)"),
        "{stderr}"
    );
}

/// D1, D2, U6: `--save-answers` refuses anything but an ordinary file (or a new name) before the
/// first question, and leaves what is there untouched.
#[cfg(unix)]
#[test]
fn d1_save_answers_never_replaces_links_pipes_devices_or_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let victim = dir.path().join("victim.json");
    std::fs::write(&victim, "{\"precious\": true}").expect("write");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs")
            .success()
    );
    let cases: [(&std::path::Path, &str); 5] = [
        (&link, "is a symbolic link"),
        (&fifo, "is not an ordinary file"),
        (std::path::Path::new("/dev/null"), "is not an ordinary file"),
        (dir.path(), "is a folder"),
        (&dir.path().join("missing/answers.json"), "does not exist"),
    ];
    for (path, expected) in cases {
        let out = backcare()
            .arg("check")
            .arg("--save-answers")
            .arg(path)
            .write_stdin("")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", path.display());
        assert!(stderr.contains(expected), "{}: {stderr}", path.display());
    }
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "{\"precious\": true}"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let trailing = format!("{}/new.json/", dir.path().display());
    backcare()
        .args(["check", "--save-answers", &trailing])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names a folder"));
}

/// U12: output that cannot be written is an error that names standard output, also for --help.
#[cfg(target_os = "linux")]
#[test]
fn u12_a_full_disk_on_standard_output_is_reported() {
    for args in [
        &["--help"][..],
        &["questions"][..],
        &["routine", "list"][..],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_backcare"))
            .args(args)
            .env_remove("BACKCARE_RULES")
            .stdout(full)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("could not write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

/// U17: a fallback routine given a priority above the others would hide them; refused.
#[test]
fn u17_a_fallback_above_other_routines_is_refused() {
    let stderr = refused_rules("routines.json", |v| {
        let routines = v["routines"].as_array_mut().expect("routines");
        for routine in routines.iter_mut() {
            for select in routine["select"].as_array_mut().expect("select") {
                if select.get("when").is_none() {
                    select["priority"] = serde_json::Value::from(1000);
                }
            }
        }
    });
    assert!(stderr.contains("can never be chosen"), "{stderr}");
    assert!(
        stderr.contains("matches everyone at priority 1000"),
        "{stderr}"
    );
}

/// U4: JSON has one number type; 42.0 and 1e2 are whole numbers, 42.5 is a decimal.
#[test]
fn u4_whole_numbers_written_as_decimals_are_read() {
    let base = super::support::scenario_answers("01_self_care_everyday.json");
    for (written, ok) in [("42.0", true), ("1e2", true), ("42.5", false)] {
        let answers = base.replacen("\"age\":35", &format!("\"age\":{written}"), 1);
        let out = backcare()
            .args(["check", "--answers", "-", "--format", "json"])
            .write_stdin(answers)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if ok {
            assert_eq!(out.status.code(), Some(0), "{written}: {stderr}");
        } else {
            assert_eq!(out.status.code(), Some(2), "{written}");
            assert!(
                stderr.contains("got 42.5 (a decimal; give a whole number)"),
                "{stderr}"
            );
        }
    }
}

/// U5: a list element that is not a choice id names the question and says what is expected.
#[test]
fn u5_a_bad_list_element_names_the_question() {
    let answers = super::support::scenario_answers("01_self_care_everyday.json").replacen(
        "\"worse_with\":[]",
        "\"worse_with\":[1]",
        1,
    );
    backcare()
        .args(["check", "--answers", "-"])
        .write_stdin(answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected a choice id of `worse_with` as a string",
        ));
}

/// U7: answers saved after the questionnaire stopped at an emergency replay to that emergency.
#[test]
fn u7_answers_saved_at_an_emergency_stop_replay() {
    let stopped = r#"{"age": 40, "duration": "under_6_weeks", "pain_score": 6, "pain_spread": "back_only",
        "upper_back_pain": false, "trend": "worse", "saddle_numbness": true}"#;
    backcare()
        .args(["check", "--answers", "-", "--format", "json"])
        .write_stdin(stopped)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"urgency\": \"emergency\""));
    // Without the emergency answer the same partial file is still an error naming a question.
    backcare()
        .args(["check", "--answers", "-"])
        .write_stdin(stopped.replace("\"saddle_numbness\": true", "\"saddle_numbness\": false"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no answer to `"));
}
