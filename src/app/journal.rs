//! `journal list | export | import | forget`: the journal's rows for a person or a program, out
//! and back in, and deleting it. Rows go to standard output; what happened, to standard error.

use super::{Config, emit};
use crate::cli::{ExportFormat, JournalCommand, ListFormat};
use crate::exit::{BadInput, bad_input};
use anyhow::Result;
use backcare::journal::export::{from_jsonl, to_csv, to_jsonl};
use backcare::journal::store::{self, Journal, JournalError};
use backcare::journal::{CheckKind, Entry};
use backcare::output::{JsonLayout, json};
use backcare::questionnaire::{Prompter, TerminalPrompter};
use backcare::{input, sanitize};
use jiff::tz::TimeZone;
use std::io::{self, BufRead, Read};
use std::path::Path;
use std::process::ExitCode;

/// The largest file `journal import` reads. Ten years of daily use export to about 6 MB; the
/// limit only stops a wrong file (a disk image, a video) from being read into memory.
const IMPORT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Runs one `journal` action on the journal `config` names.
pub(crate) fn run(config: &Config, action: JournalCommand) -> Result<ExitCode> {
    let Some(path) = config.journal.as_deref() else {
        return bad_input(
            "--no-journal turns the journal off, and the journal commands need it; run them \
             without --no-journal (where there is no home folder, give --journal PATH)",
        );
    };
    match action {
        JournalCommand::List { format } => list(path, format)?,
        JournalCommand::Export { format } => export(path, format)?,
        JournalCommand::Import { file } => import(path, &file)?,
        JournalCommand::Forget { yes } => forget(config, path, yes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A journal error as the exit code wants it: the file or the input at fault is bad input
/// (exit 2); the machine failing a correct request (a full disk) is a failure (exit 1).
fn failed(error: &JournalError) -> anyhow::Error {
    if error.is_bad_input() {
        BadInput(error.to_string()).into()
    } else {
        anyhow::Error::msg(error.to_string())
    }
}

/// The rows, or `None` (and a line saying so) when there is no journal yet.
fn rows(path: &Path) -> Result<Option<Vec<Entry>>> {
    let Some(journal) = Journal::open_existing(path).map_err(|e| failed(&e))? else {
        anstream::eprintln!(
            "backcare: there is no journal at {} yet; `backcare check` starts one",
            path.display()
        );
        return Ok(None);
    };
    Ok(Some(journal.entries().map_err(|e| failed(&e))?))
}

fn list(path: &Path, format: ListFormat) -> Result<()> {
    let entries = rows(path)?;
    match format {
        ListFormat::Json => emit(&json(&entries.unwrap_or_default(), JsonLayout::Pretty)?),
        ListFormat::Text => {
            let zone = TimeZone::system();
            let mut out = String::new();
            for entry in entries.unwrap_or_default() {
                out.push_str(&sanitize::for_terminal(&list_line(&entry, &zone)));
                out.push('\n');
            }
            emit(&out)
        }
    }
}

/// One row as a line: local date and time, kind, then what it came to.
fn list_line(entry: &Entry, zone: &TimeZone) -> String {
    let when = entry.at().to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M");
    let (kind, mut parts) = match entry {
        Entry::Check(c) => {
            let mut parts = vec![c.urgency.as_str().to_owned()];
            if let Some(routine) = &c.routine {
                parts.push(match c.level {
                    Some(level) => format!("{routine} level {level}"),
                    None => routine.clone(),
                });
            }
            parts.extend(c.pain.map(|p| format!("pain {p}/10")));
            parts.extend(c.trend.clone());
            parts.extend(c.sessions_reported.map(|n| match n {
                1 => "1 session reported".to_owned(),
                n => format!("{n} sessions reported"),
            }));
            if c.flare_up {
                parts.push("flare-up".to_owned());
            }
            if c.stopped_early {
                parts.push("stopped at an emergency answer".to_owned());
            }
            let kind = match c.kind {
                CheckKind::Check => "check",
                CheckKind::Checkin => "check-in",
            };
            (kind, parts)
        }
        Entry::Session(s) => {
            let mut parts = vec![
                format!("{} level {}", s.routine, s.level),
                format!("{} of {} steps", s.done, s.steps),
            ];
            if s.skipped > 0 {
                parts.push(format!("{} skipped", s.skipped));
            }
            parts.push(format!("{} min", s.seconds.div_ceil(60)));
            match (s.pain_before, s.pain_after) {
                (Some(before), Some(after)) => parts.push(format!("pain {before} -> {after}")),
                (Some(before), None) => parts.push(format!("pain before {before}")),
                (None, Some(after)) => parts.push(format!("pain after {after}")),
                (None, None) => {}
            }
            if s.quit {
                parts.push("stopped early".to_owned());
            }
            ("session", parts)
        }
        Entry::LevelChange(l) => (
            "level",
            vec![format!(
                "{} level {} -> {} ({}): {}",
                l.routine, l.from, l.to, l.rule, l.reason
            )],
        ),
    };
    parts.retain(|p| !p.is_empty());
    format!("{when}  {kind:<8}  {}", parts.join(", "))
}

fn export(path: &Path, format: ExportFormat) -> Result<()> {
    let Some(entries) = rows(path)? else {
        return Ok(());
    };
    emit(&match format {
        ExportFormat::Csv => to_csv(&entries),
        ExportFormat::Jsonl => to_jsonl(&entries),
    })
}

/// Reads the whole file first, so that a bad line adds nothing and creates no journal.
fn import(path: &Path, file: &Path) -> Result<()> {
    let name = input::display_name(file);
    let text = read_import(file).map_err(|e| BadInput(format!("{name}: {e}")))?;
    let entries = from_jsonl(&text).map_err(|e| BadInput(format!("{name}: {e}")))?;
    let mut journal = Journal::open(path).map_err(|e| failed(&e))?;
    let done = journal.import(&entries).map_err(|e| failed(&e))?;
    anstream::eprintln!(
        "Imported {name} into {}: {} {} added, {} already there and skipped.",
        path.display(),
        done.added,
        if done.added == 1 { "row" } else { "rows" },
        done.skipped
    );
    Ok(())
}

fn read_import(file: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if file.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(IMPORT_MAX_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        if file.is_dir() {
            return Err("is a directory, not a file".to_owned());
        }
        std::fs::File::open(file).and_then(|f| f.take(IMPORT_MAX_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| input::describe_io(&e))?;
    if bytes.len() as u64 > IMPORT_MAX_BYTES {
        return Err(format!(
            "is larger than {} MiB, far more than a journal export; check the file",
            IMPORT_MAX_BYTES / 1024 / 1024
        ));
    }
    input::decode(bytes)
}

fn forget(config: &Config, path: &Path, yes: bool) -> Result<()> {
    let shown = path.display();
    if std::fs::symlink_metadata(path).is_err() {
        anstream::eprintln!("There is no journal at {shown}; nothing to delete.");
        return Ok(());
    }
    if !yes {
        if !config.terminal.can_prompt() {
            return bad_input(format!(
                "{shown}: `journal forget` asks before deleting, and there is no terminal to ask \
                 on; add --yes to delete the journal without asking"
            ));
        }
        let question = format!("Delete the journal at {shown}? It cannot be undone.");
        if !confirm(config, &question)? {
            anstream::eprintln!("Nothing deleted.");
            return Ok(());
        }
    }
    // Through a symbolic link the data lives at the link's target, which is deleted too: say so.
    let target = std::fs::canonicalize(path)
        .ok()
        .filter(|real| path.is_symlink() && real.as_path() != path);
    if store::forget(path).map_err(|e| failed(&e))? {
        match target {
            Some(real) => anstream::eprintln!(
                "Deleted the journal at {shown} (the link and the file it pointed to, {}).",
                real.display()
            ),
            None => anstream::eprintln!("Deleted the journal at {shown}."),
        }
    } else {
        anstream::eprintln!("There is no journal at {shown}; nothing to delete.");
    }
    Ok(())
}

/// A yes from the person, no by default: the questionnaire's own yes/no prompt, or a typed line
/// on a terminal that cannot redraw (`TERM=dumb`).
fn confirm(config: &Config, question: &str) -> Result<bool> {
    if config.terminal.dumb {
        anstream::eprint!("{question} [y/N] ");
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        return Ok(matches!(line.trim(), "y" | "Y" | "yes" | "Yes" | "YES"));
    }
    let mut prompter = TerminalPrompter::new(config.stderr_style(), config.terminal.small());
    Ok(prompter.offer(question, "y deletes it; n, Enter or Esc keeps it")?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use backcare::Urgency;
    use backcare::journal::{CheckRecord, LevelChange, SessionRecord};

    #[test]
    fn each_kind_of_row_is_one_line_in_local_time() {
        let zone = TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC);
        let paris = zone != TimeZone::UTC;
        let check = Entry::Check(CheckRecord {
            at: "2025-03-01T07:12:45Z".parse().expect("time"),
            kind: CheckKind::Checkin,
            answers: serde_json::json!({}),
            urgency: Urgency::SelfCare,
            routine: Some("desk_reset".to_owned()),
            level: Some(2),
            pain: Some(4),
            trend: Some("better".to_owned()),
            sessions_reported: Some(3),
            flare_up: true,
            stopped_early: false,
            rules: "f00d".to_owned(),
        });
        let line = list_line(&check, &zone);
        assert!(
            line.ends_with(
                "  check-in  self_care, desk_reset level 2, pain 4/10, better, \
                 3 sessions reported, flare-up"
            ),
            "{line}"
        );
        if paris {
            assert!(line.starts_with("2025-03-01 08:12  "), "{line}");
        }
        let session = Entry::Session(SessionRecord {
            at: "2025-03-01T18:00:00Z".parse().expect("time"),
            routine: "desk_reset".to_owned(),
            level: 1,
            steps: 6,
            done: 4,
            skipped: 1,
            seconds: 541,
            quit: true,
            pain_before: Some(5),
            pain_after: Some(3),
            rules: "f00d".to_owned(),
        });
        assert!(
            list_line(&session, &TimeZone::UTC).ends_with(
                "18:00  session   desk_reset level 1, 4 of 6 steps, 1 skipped, 10 min, \
                 pain 5 -> 3, stopped early"
            ),
            "{}",
            list_line(&session, &TimeZone::UTC)
        );
        let change = Entry::LevelChange(LevelChange {
            at: "2025-03-08T07:00:00Z".parse().expect("time"),
            routine: "desk_reset".to_owned(),
            from: 1,
            to: 2,
            rule: "steady".to_owned(),
            reason: "Two steady weeks".to_owned(),
        });
        assert_eq!(
            list_line(&change, &TimeZone::UTC),
            "2025-03-08 07:00  level     desk_reset level 1 -> 2 (steady): Two steady weeks"
        );
    }
}
