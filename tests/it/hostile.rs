//! Hostile input: each case ends with a clear one-line error and exit 2, quickly, without reading
//! more than the limits allow.

use super::support::{backcare, rules_copy, scenario_answers};
use std::path::Path;
use std::time::Duration;

const HUNDRED_MB: u64 = 100 * 1024 * 1024;

/// Runs backcare with `args`, asserting exit 2 within ten seconds and a short stderr.
fn rejects(args: &[&str], stdin: &[u8]) -> String {
    let out = backcare()
        .args(args)
        .write_stdin(stdin.to_vec())
        .timeout(Duration::from_secs(10))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_ne!(out.status.code(), Some(101), "a panic: {stderr}");
    assert!(!stderr.contains("internal error"), "a panic: {stderr}");
    assert!(
        stderr.len() < 600,
        "the message stays short, got {} bytes",
        stderr.len()
    );
    stderr
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn a_100_mb_answers_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.json");
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(HUNDRED_MB))
        .expect("a sparse 100 MB file");
    let stderr = rejects(&["check", "--answers", path_str(&path)], b"");
    assert!(
        stderr.contains("huge.json: is larger than the 8 MiB limit"),
        "{stderr}"
    );
}

#[test]
fn a_100_mb_rules_file_is_refused() {
    let dir = rules_copy();
    std::fs::File::create(dir.path().join("stretches.json"))
        .and_then(|f| f.set_len(HUNDRED_MB))
        .expect("sparse file");
    let stderr = rejects(&["rules", "check", path_str(dir.path())], b"");
    assert!(
        stderr.contains("stretches.json: is larger than the 8 MiB limit"),
        "{stderr}"
    );
}

#[test]
fn rules_nested_10000_deep() {
    let dir = rules_copy();
    let deep = format!("{}{}", "{\"not\": ".repeat(10_000), "}".repeat(10_000));
    let text = std::fs::read_to_string(dir.path().join("triage.json"))
        .expect("read")
        .replacen(
            "\"ref\": \"cauda_equina_sign\"",
            &format!("\"all\": [{deep}]"),
            1,
        );
    std::fs::write(dir.path().join("triage.json"), text).expect("write");
    let stderr = rejects(&["rules", "check", path_str(dir.path())], b"");
    assert!(
        stderr.contains("triage.json:") && stderr.contains("nested too deeply"),
        "{stderr}"
    );
}

#[test]
fn very_long_strings_are_cut_short_in_messages() {
    let long = "x".repeat(5 * 1024 * 1024);
    let answers = scenario_answers("01_self_care_everyday.json").replacen(
        "\"age\":35",
        &format!("\"age\":\"{long}\""),
        1,
    );
    let stderr = rejects(&["check", "--answers", "-"], answers.as_bytes());
    assert!(
        stderr.contains("question `age`: expected a whole number from 1 to 110, got \"xxxx"),
        "{stderr}"
    );
    let answers = format!("{{\"{long}\": true}}");
    let stderr = rejects(&["check", "--answers", "-"], answers.as_bytes());
    assert!(
        stderr.contains("unknown question `xxxx") && stderr.contains("... (5242880 characters)`"),
        "{stderr}"
    );
}

#[test]
fn non_finite_and_huge_numbers() {
    let age = "question `age`: expected a whole number from 1 to 110, got";
    for (number, says) in [
        ("NaN", "expected value"),
        ("Infinity", "expected value"),
        ("-Infinity", "invalid number"),
        ("1e999", "number out of range"),
        ("-1e999", "number out of range"),
        ("18446744073709551616", age),
        ("-9223372036854775809", age),
    ] {
        let answers = scenario_answers("01_self_care_everyday.json").replacen(
            "\"age\":35",
            &format!("\"age\":{number}"),
            1,
        );
        let stderr = rejects(&["check", "--answers", "-"], answers.as_bytes());
        assert!(
            stderr.starts_with(&format!("backcare: standard input: {says}")),
            "{number}: {stderr}"
        );
    }
}

#[test]
fn duplicate_keys_in_rules() {
    let dir = rules_copy();
    let text = std::fs::read_to_string(dir.path().join("advice.json"))
        .expect("read")
        .replacen("\"version\": 1,", "\"version\": 1, \"version\": 1,", 1);
    std::fs::write(dir.path().join("advice.json"), text).expect("write");
    let stderr = rejects(&["rules", "check", path_str(dir.path())], b"");
    assert!(
        stderr.contains("advice.json:2:") && stderr.contains("duplicate field `version`"),
        "{stderr}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file() {
    // Opening /proc/self/mem succeeds but reading it from offset 0 fails, even for root, for
    // whom no permission bit makes a file unreadable.
    let stderr = rejects(&["check", "--answers", "/proc/self/mem"], b"");
    assert!(
        stderr.contains("/proc/self/mem: cannot be read"),
        "{stderr}"
    );
    let dir = rules_copy();
    std::fs::remove_file(dir.path().join("routines.json")).expect("remove");
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("routines.json"))
        .expect("symlink");
    let stderr = rejects(&["rules", "check", path_str(dir.path())], b"");
    assert!(stderr.contains("routines.json: cannot be read"), "{stderr}");
}

#[test]
fn a_directory_where_a_rules_file_should_be() {
    let dir = rules_copy();
    std::fs::remove_file(dir.path().join("conditions.json")).expect("remove");
    std::fs::create_dir(dir.path().join("conditions.json")).expect("mkdir");
    let stderr = rejects(&["rules", "check", path_str(dir.path())], b"");
    assert!(
        stderr.contains("conditions.json: is a directory, not a file"),
        "{stderr}"
    );
}

#[test]
fn a_100_mb_batch_line_is_skipped_in_bounded_memory() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_backcare"))
        .args(["batch", "--brief"])
        .env_remove("BACKCARE_RULES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Stream the line from a thread: no 100 MiB buffer in the test, none copied by a harness.
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        let chunk = vec![b'x'; 1024 * 1024];
        for _ in 0..100 {
            stdin.write_all(&chunk)?;
        }
        stdin.write_all(b"\n")?;
        stdin.write_all(scenario_answers("01_self_care_everyday.json").as_bytes())
    });
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_string(&mut stdout)
        .expect("read stdout");
    writer
        .join()
        .expect("the writer thread ends")
        .expect("backcare reads all its input");
    let status = child.wait().expect("exits");
    assert_eq!(status.code(), Some(1));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].contains("\"line\":1") && lines[0].contains("longer than"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "{\"urgency\":\"self_care\",\"routine\":\"general\"}"
    );
}

#[path = "../shapes/hostile_rules.rs"]
mod shapes;

/// `rules check` on a copy of the shipped rules edited into `shape`: refused, with `expected`
/// in the first fault, and quickly (the review saw an abort, 81 s and 35 s).
fn refuses_shape(shape: shapes::Shape, expected: &str) -> String {
    let dir = rules_copy();
    shapes::write(dir.path(), shape);
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{}: {stderr}", shape.name());
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.contains(expected), "{}: {first}", shape.name());
    stderr
}

#[test]
fn c1_shared_references_that_unfold_exponentially_are_refused() {
    let stderr = refuses_shape(
        shapes::Shape::Diamond { levels: 30 },
        "named condition `d0` unfolds into more than 10000 tests",
    );
    assert_eq!(
        stderr.lines().count(),
        2,
        "one fault and the summary: {stderr}"
    );
}

#[test]
fn h1_a_long_chain_of_references_is_refused_at_once() {
    refuses_shape(
        shapes::Shape::Chain { links: 20_000 },
        "named condition `c0` refers to named conditions more than 32 levels deep",
    );
}

#[test]
fn h2_forty_thousand_faults_are_counted_not_all_located() {
    let stderr = refuses_shape(shapes::Shape::Faults { count: 40_000 }, "questions.json:1:");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines.len() < 110, "{} lines", lines.len());
    assert!(
        stderr.contains("(and 39900 more faults not listed; fix these first)")
            && stderr.contains("40000 faults found"),
        "{}",
        lines[lines.len() - 2]
    );
}

#[test]
fn conditions_just_inside_the_limits_still_load() {
    let dir = rules_copy();
    // 13 levels of shared references unfold to 8,192 tests: within the 10,000 allowed.
    shapes::write(dir.path(), shapes::Shape::Diamond { levels: 13 });
    // A chain 30 deep, read by a triage rule, is within the 32 levels allowed.
    shapes::write(dir.path(), shapes::Shape::Chain { links: 30 });
    backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .success();
}

#[test]
fn a_rule_that_repeats_a_large_named_condition_is_refused() {
    let dir = rules_copy();
    // d0 unfolds into 1,024 tests: allowed on its own; a rule using it twenty times is not.
    shapes::write(dir.path(), shapes::Shape::Diamond { levels: 11 });
    super::support::edit_rules(dir.path(), "triage.json", |v| {
        let uses: Vec<serde_json::Value> =
            (0..20).map(|_| serde_json::json!({"ref": "d0"})).collect();
        if let Some(rules) = v["rules"].as_array_mut() {
            rules.push(serde_json::json!({"id": "repeats", "level": "appointment",
                "when": {"any": uses}, "reason": "r", "action": "a", "source": "s"}));
        }
    });
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("triage.json:")
            && stderr.contains("this condition unfolds into more than 10000 tests"),
        "{stderr}"
    );
}
