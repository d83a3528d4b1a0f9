//! `cargo bench`: the figures in the README. Engine time per answer set (with and without the
//! explanation), loading the rules, `batch` throughput and peak memory end to end, and one
//! `check --answers` and one `routine print` from process start to exit.
//!
//! Plain timing loops rather than a benchmark framework: the numbers are averages over many
//! runs, printed as a Markdown table. Run with `cargo bench --bench engine`.

// Counts and nanoseconds are printed as approximate figures, and one long `main` reads as the
// table it prints.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::too_many_lines
)]

use backcare::engine::{Answers, decide, parse_answers};
use backcare::knowledge::KnowledgeBase;
use backcare::report;
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/peak.rs"]
mod peak;
use peak::peak_rss;

fn main() {
    if peak::run_as_child() {
        return;
    }

    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_backcare"));
    let kb = KnowledgeBase::embedded().expect("the shipped rules load");
    let lines = scenario_lines(&repo);
    let sets: Vec<Answers> = lines
        .iter()
        .map(|l| parse_answers(&kb, l).expect("valid").answers)
        .collect();

    println!("| what | result |\n|---|---|");
    let load = per_iteration(200, || {
        black_box(KnowledgeBase::embedded().expect("load"));
    });
    row(
        "load and check the built-in rules (parse, compile, prove)",
        &format_duration(load),
    );

    let n = 2_000_000;
    let no_explain = per_iteration(n / sets.len(), || {
        for a in &sets {
            black_box(decide(&kb, black_box(a)));
        }
    }) / sets.len() as u32;
    row(
        "engine, one answer set, decision only (urgency, routine, tips)",
        &format_duration(no_explain),
    );

    // The triage conditions alone, the part of `decide` that grows with the rules.
    let triage = per_iteration(n / sets.len(), || {
        for a in &sets {
            for rule in &kb.triage {
                black_box(rule.when.eval(black_box(a), &kb.named));
            }
        }
    }) / sets.len() as u32;
    row(
        &format!("all {} triage conditions, one answer set", kb.triage.len()),
        &format_duration(triage),
    );

    let explained = per_iteration(200_000 / sets.len(), || {
        for a in &sets {
            black_box(report::build(&kb, black_box(a), &[]));
        }
    }) / sets.len() as u32;
    row(
        "engine, one answer set, with full explanation and report",
        &format_duration(explained),
    );

    let parse = per_iteration(200_000 / sets.len(), || {
        for l in &lines {
            black_box(parse_answers(&kb, black_box(l)).expect("valid"));
        }
    }) / sets.len() as u32;
    row(
        "reading and checking one answer set from JSON",
        &format_duration(parse),
    );

    let dir = tempfile_dir();
    for count in [100_000usize, 1_000_000] {
        let input = dir.join(format!("batch-{count}.jsonl"));
        write_batch_file(&input, &lines, count);
        for brief in [true, false] {
            let mut args = vec!["batch".to_owned(), input.display().to_string()];
            if brief {
                args.push("--brief".to_owned());
            }
            let started = Instant::now();
            let status = Command::new(&bin)
                .args(&args)
                .stdout(Stdio::null())
                .status()
                .expect("batch runs");
            let elapsed = started.elapsed();
            assert!(status.success(), "batch failed");
            let rate = count as f64 / elapsed.as_secs_f64();
            let kind = if brief { "--brief" } else { "full results" };
            row(
                &format!("batch, {count} lines, {kind}"),
                &format!("{:.2} s, {:.0} sets/s", elapsed.as_secs_f64(), rate),
            );
            let peak = peak_rss(&bin, &args);
            row(
                &format!("batch, {count} lines, {kind}, peak memory"),
                &format!("{:.1} MiB", peak as f64 / 1024.0),
            );
        }
        let _ = std::fs::remove_file(&input);
    }

    let answers = dir.join("answers.json");
    std::fs::write(&answers, &lines[0]).expect("write answers");
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let started = Instant::now();
            let out = Command::new(&bin)
                .args(["check", "--answers"])
                .arg(&answers)
                .output()
                .expect("check runs");
            assert!(out.status.success());
            started.elapsed()
        })
        .collect();
    times.sort();
    row(
        "`check --answers`, process start to exit (median of 200)",
        &format_duration(times[times.len() / 2]),
    );
    // The printable sheet of the longest routine (six steps, six inline SVGs); the design asks
    // for under 20 ms.
    let mut print: Vec<Duration> = (0..200)
        .map(|_| {
            let started = Instant::now();
            let out = Command::new(&bin)
                .args(["routine", "print", "bone_care"])
                .output()
                .expect("routine print runs");
            assert!(out.status.success());
            started.elapsed()
        })
        .collect();
    print.sort();
    row(
        "`routine print bone_care`, process start to exit (median of 200)",
        &format_duration(print[print.len() / 2]),
    );
    let mut version: Vec<Duration> = (0..200)
        .map(|_| {
            let started = Instant::now();
            Command::new(&bin).arg("--version").output().expect("runs");
            started.elapsed()
        })
        .collect();
    version.sort();
    row(
        "for scale: `--version`, process start to exit (median of 200)",
        &format_duration(version[version.len() / 2]),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn row(what: &str, result: &str) {
    println!("| {what} | {result} |");
}

fn per_iteration(iterations: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm up
    let started = Instant::now();
    for _ in 0..iterations {
        f();
    }
    started.elapsed() / iterations.max(1) as u32
}

fn format_duration(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 10_000 {
        format!("{:.2} µs", ns as f64 / 1000.0)
    } else if ns < 10_000_000 {
        format!("{:.2} ms", ns as f64 / 1_000_000.0)
    } else {
        format!("{:.0} ms", ns as f64 / 1_000_000.0)
    }
}

/// Every scenario's answers, one compact JSON line each.
fn scenario_lines(repo: &Path) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(repo.join("tests/scenarios"))
        .expect("scenarios")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("JSON");
            value["answers"].to_string()
        })
        .collect()
}

fn write_batch_file(path: &Path, lines: &[String], count: usize) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    for i in 0..count {
        out.write_all(lines[i % lines.len()].as_bytes())
            .expect("write");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backcare-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
