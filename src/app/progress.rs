//! `progress` and `remind`: the journal read back, as a chart for the person or JSON for a
//! script, and as a calendar of the routine and the next check-in.

use super::{Config, emit, recording, routine::glyphs};
use crate::cli::ListFormat;
use crate::exit::{BadInput, bad_input};
use anyhow::{Context, Result};
use backcare::engine::progression;
use backcare::journal::history::History;
use backcare::journal::progress::{Progress, RoutineNow};
use backcare::journal::store::Journal;
use backcare::knowledge::KnowledgeBase;
use backcare::output::{JsonLayout, json};
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
        return bad_input("--no-journal turns the journal off, so there is nothing to read; run it without --no-journal");
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
        summary: progression::level_summary(kb, routine, level).to_owned(),
    })
}

/// Writes `text` to `path`, or to standard output for `-`.
pub(crate) fn write_out(path: &std::path::Path, text: &str) -> Result<()> {
    if path.as_os_str() == "-" {
        return emit(text);
    }
    std::fs::write(path, text).with_context(|| format!("could not write {}", path.display()))
}
