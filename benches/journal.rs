//! The journal's three targets (design.md, Performance): `progress` over ten years of daily use
//! (3,650 check-ins with full answers, 7,300 sessions) under 50 ms start to exit; `checkin` from
//! start to its first prompt under 30 ms; a recorded session adding under 5 ms. Prints a Markdown
//! table for the README. Run with `cargo bench --bench journal`.

use backcare::Urgency;
use backcare::journal::store::Journal;
use backcare::journal::{CheckKind, CheckRecord, Entry, SessionRecord};
use jiff::{SignedDuration, Timestamp};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DAY: i64 = 86_400;
const RUNS: usize = 15;

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("journal.sqlite3");
    let started = Instant::now();
    let now = ten_years(&path);
    eprintln!("wrote ten years of journal in {:.1?}", started.elapsed());
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_backcare"));

    println!("| what | median | best | target |\n|---|---|---|---|");
    let runs = time_runs(|| {
        let status = Command::new(&bin)
            .args(["progress"])
            .env("BACKCARE_JOURNAL", &path)
            .env("BACKCARE_NOW", now.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success(), "progress failed");
    });
    row(
        "`progress`, ten years (3,650 check-ins, 7,300 sessions), start to exit",
        &runs,
        "50 ms",
    );
    let runs = time_runs(|| {
        let status = Command::new(&bin)
            .args(["progress", "--format", "json"])
            .env("BACKCARE_JOURNAL", &path)
            .env("BACKCARE_NOW", now.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success(), "progress failed");
    });
    row("`progress --format json`, the same journal", &runs, "50 ms");

    let runs = sample(|| first_prompt(&bin, &path, now, &["checkin"]));
    row(
        "`checkin` start to its first prompt (pseudo-terminal), same journal",
        &runs,
        "30 ms",
    );
    let runs = sample(|| first_prompt(&bin, &path, now, &["--no-journal", "check"]));
    row(
        "for scale: `check --no-journal` to its first prompt, same method",
        &runs,
        "",
    );

    let mut journal = Journal::open(&path).expect("opens");
    let mut at = now;
    let runs = time_runs(|| {
        at = at
            .checked_add(SignedDuration::from_secs(60))
            .expect("in range");
        journal.add_session(&session(at, 1)).expect("recorded");
    });
    row(
        "recording one session (one transaction, synced), same journal",
        &runs,
        "5 ms",
    );
    drop(journal);
    let runs = time_runs(|| {
        at = at
            .checked_add(SignedDuration::from_secs(60))
            .expect("in range");
        let mut journal = Journal::open(&path).expect("opens");
        journal.add_session(&session(at, 1)).expect("recorded");
    });
    row(
        "opening the journal and recording one session",
        &runs,
        "5 ms",
    );
}

/// [`RUNS`] durations that `measure` reports itself, after one warm-up, fastest first.
fn sample(mut measure: impl FnMut() -> Duration) -> Vec<Duration> {
    measure();
    let mut times: Vec<Duration> = (0..RUNS).map(|_| measure()).collect();
    times.sort();
    times
}

/// Times `run` [`RUNS`] times after one warm-up, fastest first.
fn time_runs(mut run: impl FnMut()) -> Vec<Duration> {
    run();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn row(what: &str, sorted: &[Duration], target: &str) {
    let target = if target.is_empty() {
        String::new()
    } else {
        format!("under {target}")
    };
    println!(
        "| {what} | {:.1} ms | {:.1} ms | {target} |",
        ms(sorted[sorted.len() / 2]),
        ms(sorted[0])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The time from `args` starting on a pseudo-terminal (its `exec`) to its first question being
/// drawn. The clock starts once the spawn returns, which is after the `exec`: expectrl's child
/// closes every possible file descriptor before it, which can take 100 ms and is not backcare's
/// time. The output is read as it comes (`expect` polls with pauses that would swamp it).
fn first_prompt(bin: &Path, journal: &Path, now: Timestamp, args: &[&str]) -> Duration {
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .env("BACKCARE_JOURNAL", journal)
        .env("BACKCARE_NOW", now.to_string())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color");
    let mut session = expectrl::Session::spawn(cmd).expect("spawn on a pseudo-terminal");
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(11).any(|w| w == b"[1 of about") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no first question"
        );
        match session.try_read(&mut buf) {
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::hint::spin_loop(),
            Err(e) => panic!("reading the terminal: {e}"),
        }
    }
    let took = started.elapsed();
    let _ = session.get_process_mut().kill(expectrl::Signal::SIGKILL);
    // Wait for it to be gone, so the next run does not meet its locks on the way out.
    let _ = session.get_process().wait();
    took
}

/// Ten years of one check-in and two sessions a day, ending at the returned time.
fn ten_years(path: &Path) -> Timestamp {
    let start = Timestamp::from_second(1_480_000_000).expect("in range");
    let answers = serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/scenarios/01_self_care_everyday.json"),
        )
        .expect("a scenario"),
    )
    .expect("JSON")["answers"]
        .clone();
    let mut entries = Vec::with_capacity(3 * 3650);
    for day in 0..3650 {
        let at = start
            .checked_add(SignedDuration::from_secs(day * DAY))
            .expect("in range");
        entries.push(Entry::Check(CheckRecord {
            at,
            kind: if day == 0 {
                CheckKind::Check
            } else {
                CheckKind::Checkin
            },
            answers: answers.clone(),
            urgency: Urgency::SelfCare,
            routine: Some("general".to_owned()),
            level: Some(1),
            pain: Some(u8::try_from(day % 7).expect("small")),
            trend: Some("same".to_owned()),
            sessions_reported: Some(0),
            flare_up: false,
            stopped_early: false,
            rules: "0".repeat(16),
        }));
        for hour in [8, 18] {
            entries.push(Entry::Session(session(
                at.checked_add(SignedDuration::from_secs(hour * 3600))
                    .expect("in range"),
                1,
            )));
        }
    }
    let mut journal = Journal::open(path).expect("a new journal");
    journal.import(&entries).expect("imported");
    start
        .checked_add(SignedDuration::from_secs(3650 * DAY))
        .expect("in range")
}

fn session(at: Timestamp, level: u32) -> SessionRecord {
    SessionRecord {
        at,
        routine: "general".to_owned(),
        level,
        steps: 5,
        done: 5,
        skipped: 0,
        seconds: 330,
        quit: false,
        pain_before: Some(4),
        pain_after: Some(3),
        rules: "0".repeat(16),
    }
}
