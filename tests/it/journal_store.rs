//! The journal's SQLite file: privacy, WAL and two writers, every field kept, export and import,
//! files that are not (or no longer, or not yet) journals left untouched, migration of the
//! fixture databases of every schema version, a kill mid-write, and the `journal` commands.

use crate::support::{backcare, repo};
use backcare::Urgency;
use backcare::journal::export::{from_jsonl, to_jsonl};
use backcare::journal::store::{self, Journal, JournalError, SCHEMA_VERSION};
use backcare::journal::{CheckKind, CheckRecord, Entry, LevelChange, SessionRecord};
use jiff::Timestamp;
use predicates::prelude::*;
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn at(text: &str) -> Timestamp {
    text.parse().expect("an RFC 3339 time")
}

/// The `n`th morning from 2024-01-01, at 07:30 and `n` nanoseconds (nanoseconds must survive).
fn morning(n: i64) -> Timestamp {
    at("2024-01-01T07:30:00Z")
        .checked_add(jiff::SignedDuration::from_hours(24 * n) + jiff::SignedDuration::from_nanos(n))
        .expect("in range")
}

fn check(n: i64) -> CheckRecord {
    CheckRecord {
        at: morning(n),
        kind: if n % 7 == 0 {
            CheckKind::Check
        } else {
            CheckKind::Checkin
        },
        answers: serde_json::json!({
            "age": 40 + n % 30,
            "fever": false,
            "where": ["low_back", "buttock"],
            "note": format!("day {n}, \"quoted\", with commas"),
        }),
        urgency: if n % 11 == 0 {
            Urgency::Appointment
        } else {
            Urgency::SelfCare
        },
        routine: (n % 5 != 0).then(|| "desk_reset".to_owned()),
        level: (n % 5 != 0).then_some(1 + u32::try_from(n % 3).expect("small")),
        pain: (n % 4 != 0).then_some(u8::try_from(n % 11).expect("small")),
        trend: (n % 7 != 0).then(|| {
            ["better", "same", "worse"][usize::try_from(n % 3).expect("small")].to_owned()
        }),
        sessions_reported: (n % 7 != 0).then_some(u32::try_from(n % 4).expect("small")),
        flare_up: n % 13 == 0,
        stopped_early: n % 17 == 0,
        rules: format!("rules{:04}", n % 3),
    }
}

fn session(n: i64) -> SessionRecord {
    SessionRecord {
        at: morning(n)
            .checked_add(jiff::SignedDuration::from_hours(10))
            .expect("in range"),
        routine: if n % 2 == 0 {
            "desk_reset"
        } else {
            "gentle_extension"
        }
        .to_owned(),
        level: 1 + u32::try_from(n % 3).expect("small"),
        steps: 6,
        done: 6 - u32::try_from(n % 3).expect("small"),
        skipped: u32::try_from(n % 2).expect("small"),
        seconds: 300 + u64::try_from(n).expect("positive"),
        quit: n % 9 == 0,
        pain_before: (n % 3 != 0).then_some(5),
        pain_after: (n % 3 == 1).then_some(3),
        rules: "rules0001".to_owned(),
    }
}

fn change(n: i64) -> LevelChange {
    LevelChange {
        at: morning(n),
        routine: "desk_reset".to_owned(),
        from: 1,
        to: 2,
        rule: "steady_two_weeks".to_owned(),
        reason: format!("Pain steady or better for two weeks; day {n}"),
    }
}

/// A journal with `days` of checks (every third with a level change) and two sessions a day.
fn filled(path: &Path, days: i64) -> Vec<Entry> {
    let mut journal = Journal::open(path).expect("open");
    for n in 0..days {
        let c = change(n);
        journal
            .add_check(&check(n), (n % 3 == 2).then_some(&c))
            .expect("check");
        journal.add_session(&session(n)).expect("session");
        let mut evening = session(n);
        evening.at = evening
            .at
            .checked_add(jiff::SignedDuration::from_hours(8))
            .expect("in range");
        journal.add_session(&evening).expect("session");
    }
    journal.entries().expect("read")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn integrity(path: &Path) -> String {
    let conn = Connection::open(path).expect("open with SQLite");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check runs")
}

#[test]
fn a_new_journal_is_private_in_wal_mode_at_the_newest_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("data/backcare/journal.sqlite3");
    let journal = Journal::open(&path).expect("open");
    assert!(journal.is_new());
    assert_eq!(journal.path(), path);
    assert_eq!(journal.schema_version().expect("version"), SCHEMA_VERSION);
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("folder")), 0o700);
        assert_eq!(mode(&dir.path().join("data")), 0o700);
    }
    let other = Connection::open(&path).expect("open");
    let journal_mode: String = other
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(journal_mode, "wal");
    drop(other);
    drop(journal);
    let again = Journal::open(&path).expect("reopen");
    assert!(!again.is_new());
    assert!(again.entries().expect("read").is_empty());
}

#[test]
fn reading_commands_create_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("not/yet/journal.sqlite3");
    assert!(
        Journal::open_existing(&path)
            .expect("no file is fine")
            .is_none()
    );
    assert!(!dir.path().join("not").exists());
}

#[test]
fn every_field_of_every_row_reads_back_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    let entries = filled(&path, 30);
    assert_eq!(entries.len(), 30 + 10 + 60);
    let journal = Journal::open(&path).expect("reopen");
    let checks: Vec<CheckRecord> = (0..30).map(check).collect();
    assert_eq!(journal.checks().expect("checks"), checks);
    let changes: Vec<LevelChange> = (0..30).filter(|n| n % 3 == 2).map(change).collect();
    assert_eq!(journal.level_changes().expect("changes"), changes);
    let sessions = journal.sessions().expect("sessions");
    assert_eq!(sessions.len(), 60);
    assert_eq!(sessions[0], session(0));
    // Oldest first across tables; a check before the level change it decided.
    assert!(entries.windows(2).all(|w| w[0].at() <= w[1].at()));
    assert!(matches!(
        (&entries[6], &entries[7]),
        (Entry::Check(c), Entry::LevelChange(l)) if c.at == l.at
    ));
}

#[test]
fn the_history_read_keeps_only_the_answers_a_check_in_needs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    filled(&path, 30);
    let journal = Journal::open(&path).expect("reopen");
    let full = journal.checks().expect("checks");
    let light = journal.checks_with_recent_answers().expect("checks");
    assert_eq!(light.len(), full.len());
    // Day 28 is the last full check (every seventh day), day 29 the last row.
    for (n, (l, f)) in light.iter().zip(&full).enumerate() {
        if n == 28 || n == 29 {
            assert_eq!(l, f, "row {n} keeps its answers");
        } else {
            assert_eq!(l.answers, serde_json::Value::Null, "row {n}");
            let mut without = f.clone();
            without.answers = serde_json::Value::Null;
            assert_eq!(l, &without, "row {n}: every other field as written");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_journal_readable_by_others_is_made_private_when_opened() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    fs::write(&path, "").expect("an empty file");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut journal = Journal::open(&path).expect("an empty file becomes the journal");
    journal.add_session(&session(0)).expect("recorded");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&beside(&path, "-wal")) & 0o077, 0);
}

#[test]
fn rows_at_the_same_moment_keep_the_order_they_were_written_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut journal = Journal::open(&dir.path().join("j.sqlite3")).expect("open");
    let mut first = check(1);
    let mut second = check(2);
    second.at = first.at;
    first.pain = Some(9);
    journal.add_check(&first, None).expect("first");
    journal.add_check(&second, None).expect("second");
    journal
        .add_check(&check(0), None)
        .expect("older, written last");
    assert_eq!(
        journal.checks().expect("read"),
        vec![check(0), first, second]
    );
}

#[test]
fn two_connections_write_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    // Open in the same order as two terminals would: both connections live at once.
    let mut one = Journal::open(&path).expect("first terminal");
    let mut two = Journal::open(&path).expect("second terminal");
    one.add_session(&session(1)).expect("one writes");
    two.add_session(&session(2)).expect("two writes");
    assert_eq!(one.sessions().expect("read").len(), 2);
    drop((one, two));

    // And four runs starting on a journal that does not exist yet, writing as fast as they can:
    // one creates it, the others wait for its lock (the busy timeout) instead of failing.
    let fresh = dir.path().join("fresh/j.sqlite3");
    let start = std::sync::Arc::new(std::sync::Barrier::new(4));
    let writers: Vec<_> = (0..4_i64)
        .map(|w| {
            let (fresh, start) = (fresh.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let mut journal = Journal::open(&fresh).expect("open at the same time");
                for n in 0..25 {
                    journal.add_session(&session(w * 100 + n)).expect("write");
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("a writer finished");
    }
    let journal = Journal::open(&fresh).expect("open");
    assert_eq!(journal.sessions().expect("read").len(), 100);
    assert_eq!(integrity(&fresh), "ok");
}

#[test]
fn four_processes_starting_on_a_new_journal_all_write() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new/j.sqlite3");
    let files: Vec<PathBuf> = (0..4_i64)
        .map(|p| {
            let file = dir.path().join(format!("part{p}.jsonl"));
            let rows: Vec<Entry> = (0..50)
                .map(|n| Entry::Session(session(p * 100 + n)))
                .collect();
            fs::write(&file, to_jsonl(&rows)).expect("write");
            file
        })
        .collect();
    // All started before any is waited for.
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("backcare"))
                .arg("--journal")
                .arg(&path)
                .args(["journal", "import"])
                .arg(file)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("started")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("ran");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(count_rows(&path), 200);
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn export_then_import_restores_the_same_rows_and_twice_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let entries = filled(&dir.path().join("old.sqlite3"), 40);
    let text = to_jsonl(&entries);
    let read = from_jsonl(&text).expect("reads its own export");
    assert_eq!(read, entries);

    let mut fresh = Journal::open(&dir.path().join("new.sqlite3")).expect("open");
    let done = fresh.import(&read).expect("import");
    assert_eq!((done.added, done.skipped), (entries.len(), 0));
    assert_eq!(fresh.entries().expect("read"), entries);
    let again = fresh.import(&read).expect("import again");
    assert_eq!((again.added, again.skipped), (0, entries.len()));
    assert_eq!(fresh.entries().expect("read"), entries);
}

#[test]
fn an_import_with_a_bad_row_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut journal = Journal::open(&dir.path().join("j.sqlite3")).expect("open");
    let mut bad = session(3);
    bad.pain_after = Some(11);
    let rows = vec![
        Entry::Session(session(1)),
        Entry::Session(session(2)),
        Entry::Session(bad),
    ];
    let err = journal.import(&rows).expect_err("refused");
    assert!(err.to_string().contains("pain_after: 11"), "{err}");
    assert!(journal.sessions().expect("read").is_empty());
}

/// Bytes that look like nothing in particular, the same every run.
fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_be_bytes()[0]
        })
        .collect()
}

/// Opening `path` fails with a one-line message naming it and `expected`, and the file is
/// byte-for-byte as it was, with nothing created beside it.
fn refused_untouched(path: &Path, expected: &str) -> JournalError {
    let before = fs::read(path).expect("read");
    let err = Journal::open(path).expect_err("refused");
    let message = err.to_string();
    assert!(!message.contains('\n'), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(expected), "{message}");
    assert!(message.contains("--journal PATH"), "{message}");
    let err_existing = Journal::open_existing(path).expect_err("refused too");
    assert_eq!(err_existing.to_string(), message);
    assert_eq!(
        fs::read(path).expect("read"),
        before,
        "{} changed",
        path.display()
    );
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!beside(path, suffix).exists(), "{suffix} created");
    }
    err
}

#[test]
fn files_that_are_not_journals_are_refused_and_left_as_they_were() {
    let dir = tempfile::tempdir().expect("temp dir");

    let random = dir.path().join("random.sqlite3");
    fs::write(&random, noise(8192)).expect("write");
    refused_untouched(&random, "not a backcare journal (file is not a database)");

    let text = dir.path().join("notes.txt");
    fs::write(&text, "Monday: back stiff, walked 20 minutes.\n".repeat(10)).expect("write");
    refused_untouched(&text, "not a backcare journal (file is not a database)");

    // A real journal cut in half, as by a copy that did not finish.
    let cut = dir.path().join("cut.sqlite3");
    filled(&cut, 200);
    assert!(
        !beside(&cut, "-wal").exists(),
        "closed cleanly, checkpointed"
    );
    let whole = fs::read(&cut).expect("read");
    fs::write(&cut, &whole[..whole.len() / 2]).expect("truncate");
    let err = refused_untouched(&cut, "the journal is damaged (it is cut short");
    assert!(matches!(err, JournalError::Damaged { .. }));

    // Another program's database: never given backcare's tables.
    let other = dir.path().join("places.sqlite");
    let conn = Connection::open(&other).expect("create");
    conn.execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');")
        .expect("fill");
    drop(conn);
    refused_untouched(
        &other,
        "not a backcare journal (an SQLite database of another program)",
    );

    let folder = dir.path().join("folder.sqlite3");
    fs::create_dir(&folder).expect("mkdir");
    let err = Journal::open(&folder).expect_err("a folder");
    assert!(err.to_string().contains("it is a folder"), "{err}");
}

#[test]
fn a_damaged_page_is_reported_when_read_and_the_file_is_not_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    filled(&path, 200);
    let mut bytes = fs::read(&path).expect("read");
    // Overwrite the last page (table data, not the schema) with garbage.
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let last = bytes.len() - page;
    bytes[last..].copy_from_slice(&noise(page));
    fs::write(&path, &bytes).expect("write");

    let outcome = Journal::open(&path).and_then(|j| j.entries());
    let err = outcome.expect_err("the damage is found");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

#[test]
fn a_journal_from_a_newer_backcare_is_refused_not_downgraded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    filled(&path, 3);
    let conn = Connection::open(&path).expect("open");
    conn.pragma_update(None, "user_version", 99)
        .expect("from the future");
    drop(conn);
    let err = refused_untouched(
        &path,
        &format!(
            "was written by a newer backcare (schema 99, this one knows {SCHEMA_VERSION}); \
             update backcare, or use --journal PATH for a new journal"
        ),
    );
    assert!(matches!(err, JournalError::TooNew { found: 99, .. }));
}

#[cfg(unix)]
#[test]
fn an_unreadable_journal_names_the_path_and_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    filled(&path, 1);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&path).is_ok() {
        // Running as root (as CI does), where permissions stop nothing: ask as an ordinary user
        // instead, through util-linux's setpriv. The folders on the way are opened up for it, so
        // what it meets is the file's own mode.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
        let out = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_backcare"))
            .arg("--journal")
            .arg(&path)
            .arg("progress")
            .env_remove("BACKCARE_RULES")
            .output()
            .expect("setpriv (util-linux) runs the check as an ordinary user");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("ermission denied"), "{stderr}");
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        return;
    }
    let err = Journal::open(&path).expect_err("unreadable");
    let message = err.to_string();
    assert!(
        message.contains("permission denied") || message.contains("Permission denied"),
        "{message}"
    );
    assert!(message.contains("--journal PATH"), "{message}");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod back");
}

#[test]
fn forget_deletes_the_journal_and_its_side_files_and_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    filled(&path, 3);
    // Kept open, so the -wal and -shm files are there.
    let journal = Journal::open(&path).expect("open");
    let mut busy = Journal::open(&path).expect("open");
    busy.add_session(&session(99)).expect("write");
    assert!(beside(&path, "-wal").exists() && beside(&path, "-shm").exists());
    assert!(store::forget(&path).expect("forget"));
    for file in [path.clone(), beside(&path, "-wal"), beside(&path, "-shm")] {
        assert!(!file.exists(), "{} left", file.display());
    }
    drop((journal, busy));
    assert!(!store::forget(&path).expect("nothing there"));

    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "not a journal").expect("write");
    let err = store::forget(&notes).expect_err("refused");
    assert!(err.to_string().contains("not deleted"), "{err}");
    assert!(notes.exists());

    // Another program's database, whole or cut short, stays; a cut-short journal goes.
    let other = dir.path().join("places.sqlite");
    let conn = Connection::open(&other).expect("create");
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (zeroblob(20000));")
        .expect("fill");
    drop(conn);
    let whole = fs::read(&other).expect("read");
    for bytes in [&whole[..], &whole[..whole.len() / 2]] {
        fs::write(&other, bytes).expect("write");
        let err = store::forget(&other).expect_err("refused");
        assert!(
            err.to_string()
                .contains("another program, so it was not deleted"),
            "{err}"
        );
        assert!(other.exists());
    }
    filled(&path, 100);
    let journal = fs::read(&path).expect("read");
    fs::write(&path, &journal[..journal.len() / 2]).expect("cut");
    assert!(matches!(
        Journal::open(&path),
        Err(JournalError::Damaged { .. })
    ));
    assert!(store::forget(&path).expect("a damaged journal is deleted"));
    assert!(!path.exists());
}

// ---- Fixture databases of every schema version ---------------------------------------------

fn fixture(version: u32) -> PathBuf {
    repo().join(format!("tests/fixtures/journal/v{version}.sqlite3"))
}

/// The migrations as files, in order: what the fixture generator builds each version from.
fn migration_files() -> Vec<PathBuf> {
    let mut files: Vec<(u32, PathBuf)> = fs::read_dir(repo().join("src/journal/migrations"))
        .expect("the migrations folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let number = name
                .split('-')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a migration file starts with its version: 3-what.sql");
            (number, p)
        })
        .collect();
    files.sort();
    for (i, (number, _)) in files.iter().enumerate() {
        assert_eq!(
            *number as usize,
            i + 1,
            "migrations are numbered 1, 2, 3..."
        );
    }
    files.into_iter().map(|(_, p)| p).collect()
}

type Rows = (Vec<CheckRecord>, Vec<SessionRecord>, Vec<LevelChange>);

/// What each fixture holds, as this backcare reads it after migrating.
fn fixture_rows(version: u32) -> Rows {
    match version {
        1 => fixture_v1(),
        2 => fixture_v2(),
        _ => panic!("add the rows of schema {version} to fixture_rows and build_fixture"),
    }
}

/// Before progression: no levels on checks, sessions at level 1, no ratings.
fn fixture_v1() -> Rows {
    let first = CheckRecord {
        at: at("2024-01-05T07:30:00Z"),
        kind: CheckKind::Check,
        answers: serde_json::json!({"age": 52, "fever": false, "where": ["low_back"]}),
        urgency: Urgency::SelfCare,
        routine: Some("desk_reset".to_owned()),
        level: None,
        pain: Some(6),
        trend: None,
        sessions_reported: None,
        flare_up: false,
        stopped_early: false,
        rules: "3f2a9c".to_owned(),
    };
    let emergency = CheckRecord {
        at: at("2024-01-09T21:05:12.25Z"),
        kind: CheckKind::Check,
        answers: serde_json::json!({"age": 52, "saddle_numbness": true}),
        urgency: Urgency::Emergency,
        routine: None,
        pain: None,
        stopped_early: true,
        ..first.clone()
    };
    let played = SessionRecord {
        at: at("2024-01-05T07:45:00Z"),
        routine: "desk_reset".to_owned(),
        level: 1,
        steps: 6,
        done: 6,
        skipped: 0,
        seconds: 540,
        quit: false,
        pain_before: None,
        pain_after: None,
        rules: "3f2a9c".to_owned(),
    };
    let quit = SessionRecord {
        at: at("2024-01-06T18:00:00Z"),
        done: 2,
        skipped: 1,
        seconds: 130,
        quit: true,
        ..played.clone()
    };
    (vec![first, emergency], vec![played, quit], vec![])
}

/// The same first rows with a level, then check-ins, a rated session and two level changes.
fn fixture_v2() -> Rows {
    let (mut checks, mut sessions, _) = fixture_v1();
    checks[0].level = Some(1);
    let checkin = CheckRecord {
        at: at("2024-01-19T07:30:00Z"),
        kind: CheckKind::Checkin,
        level: Some(2),
        pain: Some(3),
        trend: Some("better".to_owned()),
        sessions_reported: Some(4),
        ..checks[0].clone()
    };
    let flare = CheckRecord {
        at: at("2024-01-26T07:30:00Z"),
        level: Some(1),
        pain: Some(7),
        trend: Some("worse".to_owned()),
        sessions_reported: Some(0),
        flare_up: true,
        ..checkin.clone()
    };
    let rated = SessionRecord {
        at: at("2024-01-20T07:45:00Z"),
        level: 2,
        pain_before: Some(4),
        pain_after: Some(2),
        ..sessions[0].clone()
    };
    let up = LevelChange {
        at: checkin.at,
        routine: "desk_reset".to_owned(),
        from: 1,
        to: 2,
        rule: "steady_two_weeks".to_owned(),
        reason: "Pain steady or better for two weeks".to_owned(),
    };
    let down = LevelChange {
        at: flare.at,
        from: 2,
        to: 1,
        rule: "flare_up".to_owned(),
        reason: "A flare-up: back to the gentler level".to_owned(),
        ..up.clone()
    };
    checks.extend([checkin, flare]);
    sessions.push(rated);
    (checks, sessions, vec![up, down])
}

/// Writes the fixture of `version` as a backcare of that version would have: its migrations
/// and plain INSERTs of the columns it had, in WAL mode, closed cleanly.
fn build_fixture(version: u32, path: &Path) {
    let mut conn = Connection::open(path).expect("create the fixture");
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
        .expect("wal");
    let tx = conn.transaction().expect("transaction");
    for file in &migration_files()[..version as usize] {
        tx.execute_batch(&fs::read_to_string(file).expect("read migration"))
            .expect("migration applies");
    }
    tx.pragma_update(None, "user_version", version)
        .expect("version");
    let rows = match version {
        1 => "
            INSERT INTO checks (at, kind, answers, urgency, routine, pain, trend, stopped_early, rules) VALUES
              ('2024-01-05T07:30:00.000000000Z', 'check', '{\"age\":52,\"fever\":false,\"where\":[\"low_back\"]}', 'self_care', 'desk_reset', 6, NULL, 0, '3f2a9c'),
              ('2024-01-09T21:05:12.250000000Z', 'check', '{\"age\":52,\"saddle_numbness\":true}', 'emergency', NULL, NULL, NULL, 1, '3f2a9c');
            INSERT INTO sessions (at, routine, steps, done, skipped, seconds, quit, rules) VALUES
              ('2024-01-05T07:45:00.000000000Z', 'desk_reset', 6, 6, 0, 540, 0, '3f2a9c'),
              ('2024-01-06T18:00:00.000000000Z', 'desk_reset', 6, 2, 1, 130, 1, '3f2a9c');",
        2 => "
            INSERT INTO checks (at, kind, answers, urgency, routine, pain, trend, stopped_early, rules, level, sessions_reported, flare_up) VALUES
              ('2024-01-05T07:30:00.000000000Z', 'check', '{\"age\":52,\"fever\":false,\"where\":[\"low_back\"]}', 'self_care', 'desk_reset', 6, NULL, 0, '3f2a9c', 1, NULL, 0),
              ('2024-01-09T21:05:12.250000000Z', 'check', '{\"age\":52,\"saddle_numbness\":true}', 'emergency', NULL, NULL, NULL, 1, '3f2a9c', NULL, NULL, 0),
              ('2024-01-19T07:30:00.000000000Z', 'checkin', '{\"age\":52,\"fever\":false,\"where\":[\"low_back\"]}', 'self_care', 'desk_reset', 3, 'better', 0, '3f2a9c', 2, 4, 0),
              ('2024-01-26T07:30:00.000000000Z', 'checkin', '{\"age\":52,\"fever\":false,\"where\":[\"low_back\"]}', 'self_care', 'desk_reset', 7, 'worse', 0, '3f2a9c', 1, 0, 1);
            INSERT INTO sessions (at, routine, steps, done, skipped, seconds, quit, rules, level, pain_before, pain_after) VALUES
              ('2024-01-05T07:45:00.000000000Z', 'desk_reset', 6, 6, 0, 540, 0, '3f2a9c', 1, NULL, NULL),
              ('2024-01-06T18:00:00.000000000Z', 'desk_reset', 6, 2, 1, 130, 1, '3f2a9c', 1, NULL, NULL),
              ('2024-01-20T07:45:00.000000000Z', 'desk_reset', 6, 6, 0, 540, 0, '3f2a9c', 2, 4, 2);
            INSERT INTO level_changes (at, routine, from_level, to_level, rule, reason) VALUES
              ('2024-01-19T07:30:00.000000000Z', 'desk_reset', 1, 2, 'steady_two_weeks', 'Pain steady or better for two weeks'),
              ('2024-01-26T07:30:00.000000000Z', 'desk_reset', 2, 1, 'flare_up', 'A flare-up: back to the gentler level');",
        _ => panic!("add the rows of schema {version} to fixture_rows and build_fixture"),
    };
    tx.execute_batch(rows).expect("rows");
    tx.commit().expect("commit");
    // Closing checkpoints the log into the file and removes it: one self-contained file.
    conn.close().expect("close");
    assert!(!beside(path, "-wal").exists());
}

/// Makes the fixture of each schema version that is missing; existing ones are never rewritten
/// (they stand for what an older backcare wrote). Run after adding a schema version:
/// `cargo test --test it journal_store::make_fixtures -- --ignored`
#[test]
#[ignore = "writes tests/fixtures/journal/; run on purpose after adding a schema version"]
fn make_fixtures() {
    for version in 1..=SCHEMA_VERSION {
        let path = fixture(version);
        if !path.exists() {
            fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
            build_fixture(version, &path);
            eprintln!("wrote {}", path.display());
        }
    }
}

#[test]
fn every_schema_version_has_a_migration_file_and_a_fixture() {
    assert_eq!(migration_files().len(), SCHEMA_VERSION as usize);
    for version in 1..=SCHEMA_VERSION {
        assert!(
            fixture(version).exists(),
            "no fixture for schema {version}: run \
             `cargo test --test it journal_store::make_fixtures -- --ignored` and commit it"
        );
    }
}

#[test]
fn fixtures_of_every_schema_version_migrate_and_read_back() {
    for version in 1..=SCHEMA_VERSION {
        let dir = tempfile::tempdir().expect("temp dir");
        // A copy: the fixture itself is never opened by the code under test.
        let copy = dir.path().join("journal.sqlite3");
        fs::copy(fixture(version), &copy).expect("copy the fixture");
        let before: u32 = Connection::open(&copy)
            .expect("open")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(before, version);

        let journal = Journal::open(&copy).expect("the old journal opens");
        assert!(!journal.is_new());
        assert_eq!(journal.schema_version().expect("version"), SCHEMA_VERSION);
        let (checks, sessions, changes) = fixture_rows(version);
        assert_eq!(
            journal.checks().expect("checks"),
            checks,
            "schema {version}"
        );
        assert_eq!(
            journal.sessions().expect("sessions"),
            sessions,
            "schema {version}"
        );
        assert_eq!(
            journal.level_changes().expect("changes"),
            changes,
            "schema {version}"
        );
        drop(journal);
        assert_eq!(integrity(&copy), "ok");

        // And the migrated journal takes new rows of every kind.
        let mut journal = Journal::open(&copy).expect("reopen");
        journal
            .add_check(&check(1), Some(&change(1)))
            .expect("write");
        journal.add_session(&session(1)).expect("write");
    }
}

#[test]
fn a_fixture_copy_migrated_twice_at_once_is_migrated_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("journal.sqlite3");
    fs::copy(fixture(1), &copy).expect("copy");
    let start = std::sync::Arc::new(std::sync::Barrier::new(3));
    let openers: Vec<_> = (0..3)
        .map(|_| {
            let (copy, start) = (copy.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                Journal::open(&copy).map(|j| j.checks().map(|c| c.len()))
            })
        })
        .collect();
    for opener in openers {
        let read = opener
            .join()
            .expect("joined")
            .expect("opens")
            .expect("reads");
        assert_eq!(read, 2);
    }
}

// ---- Killed mid-write -----------------------------------------------------------------------

fn count_rows(path: &Path) -> usize {
    Journal::open(path)
        .expect("open")
        .entries()
        .expect("read")
        .len()
}

#[cfg(unix)]
#[test]
fn a_kill_mid_import_loses_nothing_committed_and_adds_all_or_nothing() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;

    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().join("base.sqlite3");
    let committed = filled(&base, 10);
    // A big import: its transaction outgrows SQLite's page cache, so rows reach the log on disk
    // before the commit, and a kill can land between the two.
    let big = dir.path().join("big.jsonl");
    let rows: Vec<Entry> = (1_000..13_000)
        .flat_map(|n| [Entry::Check(check(n)), Entry::Session(session(n))])
        .collect();
    fs::write(&big, to_jsonl(&rows)).expect("write the import");
    let all = committed.len() + rows.len();

    let attempt = dir.path().join("attempt.sqlite3");
    let run = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = fs::remove_file(beside(&attempt, suffix));
        }
        fs::copy(&base, &attempt).expect("copy");
        std::process::Command::new(assert_cmd::cargo::cargo_bin("backcare"))
            .arg("--journal")
            .arg(&attempt)
            .args(["journal", "import"])
            .arg(&big)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the import")
    };

    // How long a whole import takes here, so the kills can be aimed inside it.
    let started = Instant::now();
    let status = run().wait().expect("finished");
    let whole = started.elapsed();
    assert!(status.success());
    assert_eq!(count_rows(&attempt), all);

    // Aim between a kill that came before any writing and one that came after the commit.
    let (mut early, mut late) = (Duration::ZERO, whole);
    let mut seen = Vec::new();
    for _ in 0..40 {
        let delay = (early + late) / 2;
        let mut child = run();
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("reaped");
        let killed = status.signal() == Some(libc::SIGKILL);
        // Uncommitted pages in the log, measured before anything opens the file again.
        let log = fs::metadata(beside(&attempt, "-wal")).map_or(0, |m| m.len());

        assert_eq!(integrity(&attempt), "ok", "after a kill at {delay:?}");
        let entries = Journal::open(&attempt)
            .expect("opens")
            .entries()
            .expect("reads");
        assert!(
            entries.len() == committed.len() || entries.len() == all,
            "all or nothing, found {} rows after a kill at {delay:?}",
            entries.len()
        );
        assert_eq!(
            entries.iter().filter(|e| committed.contains(e)).count(),
            committed.len(),
            "every row committed before is still there"
        );
        let outcome = match (killed, entries.len() == all, log > 0) {
            (false, _, _) | (true, true, _) => {
                late = delay;
                "finished"
            }
            (true, false, false) => {
                early = delay;
                "before writing"
            }
            (true, false, true) => "mid-write",
        };
        seen.push(format!("{delay:?}: {outcome}"));
        if outcome == "mid-write" {
            eprintln!("kills: {seen:?}");
            // The journal goes on working: the same import, run to the end, adds every row.
            assert!(run().wait().expect("finished").success());
            assert_eq!(count_rows(&attempt), all);
            return;
        }
    }
    panic!("no kill landed mid-write: {seen:?}");
}

// ---- The `journal` commands -------------------------------------------------------------------

fn journal_cmd(path: &Path) -> assert_cmd::Command {
    let mut cmd = backcare();
    cmd.env("TZ", "UTC")
        .env_remove("BACKCARE_JOURNAL")
        .arg("--journal")
        .arg(path)
        .arg("journal");
    cmd
}

#[test]
fn list_and_export_say_so_when_there_is_no_journal_and_create_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    journal_cmd(&path)
        .arg("list")
        .assert()
        .success()
        .stdout("")
        .stderr(
            predicate::str::contains("no journal at").and(predicate::str::contains("j.sqlite3")),
        );
    journal_cmd(&path)
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
    journal_cmd(&path)
        .args(["export", "--format", "csv"])
        .assert()
        .success()
        .stdout("");
    assert!(!path.exists());
}

#[test]
fn import_then_list_export_and_import_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    let source = dir.path().join("old.sqlite3");
    let entries = filled(&source, 3);
    let file = dir.path().join("export.jsonl");
    fs::write(&file, to_jsonl(&entries)).expect("write");

    journal_cmd(&path)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("10 rows added, 0 already there"));
    journal_cmd(&path)
        .arg("import")
        .arg("-")
        .write_stdin(to_jsonl(&entries))
        .assert()
        .success()
        .stderr(predicate::str::contains("0 rows added, 10 already there"));

    let listed = journal_cmd(&path).arg("list").assert().success();
    let text = String::from_utf8(listed.get_output().stdout.clone()).expect("UTF-8");
    assert_eq!(
        text,
        "\
2024-01-01 07:30  check     appointment, flare-up, stopped at an emergency answer
2024-01-01 17:30  session   desk_reset level 1, 6 of 6 steps, 5 min, stopped early
2024-01-02 01:30  session   desk_reset level 1, 6 of 6 steps, 5 min, stopped early
2024-01-02 07:30  check-in  self_care, desk_reset level 2, pain 1/10, same, 1 session reported
2024-01-02 17:30  session   gentle_extension level 2, 5 of 6 steps, 1 skipped, 6 min, pain 5 -> 3
2024-01-03 01:30  session   gentle_extension level 2, 5 of 6 steps, 1 skipped, 6 min, pain 5 -> 3
2024-01-03 07:30  check-in  self_care, desk_reset level 3, pain 2/10, worse, 2 sessions reported
2024-01-03 07:30  level     desk_reset level 1 -> 2 (steady_two_weeks): Pain steady or better for two weeks; day 2
2024-01-03 17:30  session   desk_reset level 3, 4 of 6 steps, 6 min, pain before 5
2024-01-04 01:30  session   desk_reset level 3, 4 of 6 steps, 6 min, pain before 5
"
    );

    let json = journal_cmd(&path)
        .args(["list", "--format", "json"])
        .assert()
        .success();
    let listed: Vec<Entry> = serde_json::from_slice(&json.get_output().stdout).expect("JSON rows");
    assert_eq!(listed, entries);

    let exported = journal_cmd(&path).arg("export").assert().success();
    let text = String::from_utf8(exported.get_output().stdout.clone()).expect("UTF-8");
    assert_eq!(from_jsonl(&text).expect("re-importable"), entries);

    let csv = journal_cmd(&path)
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8(csv.get_output().stdout.clone()).expect("UTF-8");
    assert!(csv.starts_with("table,at,kind,urgency,"), "{csv}");
    assert_eq!(csv.matches("\r\n").count(), 11, "a header and ten rows");
}

#[test]
fn a_bad_import_line_is_bad_input_and_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    let file = dir.path().join("bad.jsonl");
    let good = to_jsonl(&[Entry::Session(session(1))]);
    fs::write(
        &file,
        format!("{good}{}", good.replace("\"steps\":6", "\"steps\":-6")),
    )
    .expect("write");
    journal_cmd(&path)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl: line 2: steps:"));
    assert!(!path.exists(), "a bad file creates no journal");
}

#[test]
fn forget_asks_or_needs_yes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    filled(&path, 1);
    journal_cmd(&path)
        .arg("forget")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add --yes"));
    assert!(path.exists());
    journal_cmd(&path)
        .args(["forget", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Deleted the journal at"));
    assert!(!path.exists());
    journal_cmd(&path)
        .args(["forget", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to delete"));
}

#[test]
fn the_journal_commands_need_the_journal_on() {
    for action in [
        &["list"][..],
        &["export"],
        &["import", "-"],
        &["forget", "--yes"],
    ] {
        backcare()
            .env_remove("BACKCARE_JOURNAL")
            .args(["--no-journal", "journal"])
            .args(action)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--no-journal"));
    }
}

#[test]
fn a_broken_journal_is_bad_input_naming_it_and_stays_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    fs::write(&path, noise(4096)).expect("write");
    for action in [&["list"][..], &["export"], &["import", "-"]] {
        journal_cmd(&path)
            .args(action)
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("not a backcare journal")
                    .and(predicate::str::contains(path.display().to_string())),
            );
    }
    assert_eq!(fs::read(&path).expect("read"), noise(4096));

    let future = dir.path().join("future.sqlite3");
    filled(&future, 1);
    Connection::open(&future)
        .expect("open")
        .pragma_update(None, "user_version", 7)
        .expect("set");
    journal_cmd(&future)
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "written by a newer backcare (schema 7",
        ));
}

#[test]
fn the_environment_names_the_journal_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("from-env.sqlite3");
    filled(&path, 1);
    backcare()
        .env("TZ", "UTC")
        .env("BACKCARE_JOURNAL", &path)
        .args(["journal", "list", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"table\": \"checks\""));
}

/// `journal forget` on a pseudo-terminal: the question, then the typed answer.
#[cfg(unix)]
fn forget_on_a_terminal(term: &str, keys: &str) -> (bool, String) {
    use expectrl::{Eof, Session, WaitStatus};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("j.sqlite3");
    filled(&path, 1);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_backcare"));
    cmd.arg("--journal")
        .arg(&path)
        .args(["journal", "forget"])
        .env("TERM", term)
        .env("NO_COLOR", "1")
        .env_remove("BACKCARE_JOURNAL");
    let mut session = Session::spawn(cmd).expect("spawn on a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
        .expect("It cannot be undone.")
        .expect("the question is asked");
    session.send(keys).expect("type");
    let rest = session
        .expect(Eof)
        .map(|c| {
            // With the Eof needle, the output is the match itself, not what came before it.
            let mut bytes = c.before().to_vec();
            c.matches().for_each(|m| bytes.extend_from_slice(m));
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .unwrap_or_default();
    let status = session.get_process().wait().expect("wait");
    assert!(
        matches!(status, WaitStatus::Exited(_, 0)),
        "{status:?}: {rest}"
    );
    (path.exists(), rest)
}

#[cfg(unix)]
#[test]
fn forget_on_a_terminal_deletes_only_after_a_yes() {
    let (kept, said) = forget_on_a_terminal("xterm-256color", "n\r");
    assert!(kept, "{said}");
    let (kept, said) = forget_on_a_terminal("xterm-256color", "y\r");
    assert!(!kept, "{said}");
    assert!(said.contains("Deleted the journal at"), "{said}");
    // A terminal that cannot redraw gets a plain line to type on.
    let (kept, said) = forget_on_a_terminal("dumb", "\r");
    assert!(kept, "{said}");
    let (kept, said) = forget_on_a_terminal("dumb", "y\r");
    assert!(!kept, "{said}");
}
