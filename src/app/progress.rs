//! `progress` and `remind`: the journal read back, as a chart for the person or JSON for a
//! script, and as a calendar of the routine and the next check-in.

use super::save::SaveTarget;
use super::{Config, emit, recording, routine::glyphs};
use crate::cli::ListFormat;
use crate::exit::{BadInput, bad_input};
use anyhow::{Context, Result};
use backcare::engine::{parse_answers, progression};
use backcare::journal::calendar::{Reminders, ics as ics_text};
use backcare::journal::history::History;
use backcare::journal::progress::{Progress, RoutineNow, long_date};
use backcare::journal::store::Journal;
use backcare::knowledge::KnowledgeBase;
use backcare::output::{JsonLayout, json};
use std::num::NonZeroU32;
use std::path::Path;
use std::process::ExitCode;

/// `progress [--format text|json]`.
pub(crate) fn progress(config: &Config, format: ListFormat) -> Result<ExitCode> {
    let kb = config.knowledge()?;
    let Some(journal) = existing(config)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let history = recording::history(&journal).map_err(|e| BadInput(e.to_string()))?;
    let tz = recording::time_zone();
    let view = Progress::new(
        &kb,
        &history,
        recording::now(),
        &tz,
        routine_now(&kb, &history),
        kb.progression.checkin_every_days,
    );
    match format {
        ListFormat::Json => emit(&json(&view, JsonLayout::Pretty)?)?,
        ListFormat::Text => {
            let stdout = &config.terminal.stdout;
            let chart = stdout.is_terminal.then(|| glyphs(&config.terminal));
            emit(&view.text(config.stdout_style(), chart, &tz))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The journal to read, or `None` after saying there is none yet (which is not an error: a
/// first `check` makes one). With `--no-journal` there is nothing to read, which is bad input.
fn existing(config: &Config) -> Result<Option<Journal>> {
    let Some(path) = config.journal.as_deref() else {
        return bad_input(
            "--no-journal turns the journal off, so there is nothing to read; run it without --no-journal",
        );
    };
    match recording::open_existing(config) {
        Ok(Some(journal)) => Ok(Some(journal)),
        Ok(None) => {
            anstream::eprintln!(
                "backcare: no journal at {} yet; `backcare check` starts one",
                path.display()
            );
            Ok(None)
        }
        Err(e) => bad_input(e.to_string()),
    }
}

/// The routine the journal's last check recommends, as today's rules know it.
fn routine_now(kb: &KnowledgeBase, history: &History) -> Option<RoutineNow> {
    let (id, level) = history.current()?;
    let routine = kb.routine_index(id)?;
    let levels = progression::levels(kb, routine);
    let level = level.min(levels);
    Some(RoutineNow {
        id: id.to_owned(),
        name: kb.routines[routine].name.clone(),
        level,
        levels,
        summary: progression::level_summary(kb, routine, level)
            .unwrap_or_default()
            .to_owned(),
    })
}

/// `remind --ics FILE [--at HH:MM]`: the person's routine every day at `at`, and the check-ins
/// from the next one due, as an iCalendar file any calendar app imports.
pub(crate) fn remind(config: &Config, ics: &Path, at: &str) -> Result<ExitCode> {
    let time = time_of_day(at).map_err(BadInput)?;
    let target = (ics.as_os_str() != "-")
        .then(|| SaveTarget::check(ics).map_err(|e| BadInput(e.replace("--save-answers", "--ics"))))
        .transpose()?;
    let kb = config.knowledge()?;
    let Some(journal) = existing(config)? else {
        return bad_input("there is no routine to remind you of yet; run `backcare check` first");
    };
    let history = recording::history(&journal).map_err(|e| BadInput(e.to_string()))?;
    let Some(last) = history.checks.last() else {
        return bad_input("the journal has no check yet; run `backcare check` first");
    };
    let Some(routine) = last.routine.as_deref().and_then(|id| kb.routine_index(id)) else {
        return bad_input(
            "your last check recommended no routine, so there is nothing to remind you of; \
             follow its advice first",
        );
    };
    let level = last
        .level
        .unwrap_or(1)
        .min(progression::levels(&kb, routine));
    let steps = match parse_answers(&kb, &last.answers.to_string()) {
        Ok(parsed) => progression::steps_at_level(&kb, routine, level, &parsed.answers).0,
        Err(why) => {
            return bad_input(format!(
                "the rules changed since your last check ({why}); run `backcare check` again"
            ));
        }
    };
    let now = recording::now();
    let tz = recording::time_zone();
    let today = now.to_zoned(tz.clone()).date();
    let every = kb.progression.checkin_every_days;
    let checkin = history
        .next_checkin(every)
        .map_or(today, |due| due.to_zoned(tz.clone()).date())
        .max(today);
    let seconds: u32 = steps.iter().map(|s| s.dose.total_seconds()).sum();
    let r = &kb.routines[routine];
    let reminders = Reminders {
        routine: r.id.clone(),
        name: format!("{} (level {level})", r.name),
        minutes: seconds.div_ceil(60).max(1),
        how_often: r.how_often.clone(),
        steps: steps
            .iter()
            .map(|s| kb.stretches[s.stretch].name.clone())
            .collect(),
        start: today,
        time,
        every_days: NonZeroU32::MIN,
        checkin,
        checkin_every_days: NonZeroU32::new(every),
        dtstamp: now,
        // The report's safety net, every line: a calendar entry is read on its own, weeks later.
        safety: kb
            .safety_net
            .iter()
            .map(|line| line.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    };
    let text = ics_text(&reminders);
    match target {
        None => emit(&text)?,
        Some(target) => {
            target
                .write(text.as_bytes())
                .with_context(|| format!("could not write {}", ics.display()))?;
            anstream::eprintln!(
                "Your calendar is in {}: \"{}\" every day at {at}, and a check-in from {}. \
                 Import it into your calendar app.",
                ics.display(),
                r.name,
                long_date(checkin)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `HH:MM` on the 24-hour clock.
fn time_of_day(text: &str) -> Result<jiff::civil::Time, String> {
    let bad =
        || format!("--at {text}: give a time of day as HH:MM on the 24-hour clock, like 07:30");
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let hour: i8 = h.parse().map_err(|_| bad())?;
    let minute: i8 = m.parse().map_err(|_| bad())?;
    jiff::civil::Time::new(hour, minute, 0, 0).map_err(|_| bad())
}
