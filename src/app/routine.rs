//! `routine list | show ID | play ID`.

use super::{Config, emit};
use crate::cli::RoutineCommand;
use crate::exit::bad_input;
use anyhow::Result;
use backcare::knowledge::{KnowledgeBase, fault::unknown_id};
use backcare::player::{self, Played};
use backcare::report::{self, RoutineView};
use std::process::ExitCode;

/// `routine list`, `routine show ID` or `routine play ID`.
pub(crate) fn run(config: &Config, action: RoutineCommand) -> Result<ExitCode> {
    let kb = config.knowledge()?;
    match action {
        RoutineCommand::List { format } => {
            emit(&report::render_routine_list(&kb, format.into())?)?;
        }
        RoutineCommand::Show { id, format } => {
            let view = RoutineView::catalogue(&kb, find(&kb, &id)?);
            emit(&report::render_routine(
                &view,
                format.into(),
                config.stdout_style(),
            )?)?;
        }
        RoutineCommand::Play { id, speed } => {
            let routine = find(&kb, &id)?;
            show_played(player::play(&kb, routine, &config.stage(speed))?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The routine's index, or bad input naming the closest id.
fn find(kb: &KnowledgeBase, id: &str) -> Result<usize> {
    if let Some(routine) = kb.routine_index(id) {
        Ok(routine)
    } else {
        let message = unknown_id("routine", id, kb.routines.iter().map(|r| r.id.as_str()));
        bad_input(format!("{message} (`backcare routine list` shows them)"))
    }
}

/// What is left to say after playing: the timetable (no terminal) or the summary line.
pub(crate) fn show_played(played: Played) -> Result<()> {
    match played {
        Played::Timetable(text) => emit(&text),
        Played::Finished(summary) => {
            anstream::eprintln!("{}", player::summary_line(&summary));
            Ok(())
        }
    }
}
