//! `routine list | show ID | play ID | print ID`, and `stretch figure ID`.

use super::session::{ToPlay, play_and_record};
use super::{Config, emit, recording};
use crate::cli::{FigureFormat, RoutineCommand, ShowFormat, StretchCommand};
use crate::exit::bad_input;
use anyhow::Result;
use backcare::engine::{parse_answers, progression};
use backcare::figure::raster::CELLS_WIDE;
use backcare::figure::{Figures, Glyphs, figure_svg, routine_svg, terminal_figure};
use backcare::knowledge::{KnowledgeBase, fault::unknown_id};
use backcare::output::{Stream, Terminal};
use backcare::player::{self, Played};
use backcare::questionnaire::Prompter;
use backcare::report::{self, RoutineView};
use std::ffi::OsString;
use std::process::ExitCode;

/// Columns a terminal figure takes, with its indent: two frames, the arrow between, a margin.
const FIGURE_COLUMNS: usize = 2 * CELLS_WIDE + 5 + 6;

/// `routine list`, `routine show ID`, `routine play ID` or `routine print ID`.
pub(crate) fn run(config: &Config, action: RoutineCommand) -> Result<ExitCode> {
    let kb = config.knowledge()?;
    match action {
        RoutineCommand::List { format } => {
            emit(&report::render_routine_list(&kb, format.into())?)?;
        }
        RoutineCommand::Show {
            id,
            format,
            no_figures,
        } => {
            let routine = find(&kb, &id)?;
            let view = RoutineView::catalogue(&kb, routine);
            let format = match format {
                ShowFormat::Svg => return show_svg(&kb, &view),
                ShowFormat::Text => report::Format::Text,
                ShowFormat::Json => report::Format::Json,
                ShowFormat::Markdown => report::Format::Markdown,
            };
            let figures = (!no_figures && fits(&config.terminal.stdout)).then(|| Figures {
                kb: &kb,
                glyphs: glyphs(&config.terminal),
            });
            emit(&report::render_routine(
                &view,
                format,
                config.stdout_style(),
                figures,
            )?)?;
        }
        RoutineCommand::Play {
            id,
            speed,
            no_figures,
        } => {
            let routine = find(&kb, &id)?;
            let figures = !no_figures && fits(&config.terminal.stderr);
            play(config, &kb, routine, speed, figures)?;
        }
        RoutineCommand::Print { id } => {
            let routine = find(&kb, &id)?;
            emit(&RoutineView::catalogue_sheet(&kb, routine))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `routine play ID`: when the journal's last check recommended this routine, it is played as
/// resolved for the person at their level; otherwise as written. Recorded in the journal.
fn play(
    config: &Config,
    kb: &KnowledgeBase,
    routine: usize,
    speed: f64,
    figures: bool,
) -> Result<()> {
    let mut journal = recording::open(config);
    let history = recording::history_or_empty(&mut journal);
    if let Some(last) = history
        .checks
        .last()
        .filter(|c| !c.urgency.allows_routine())
    {
        anstream::eprintln!(
            "backcare: your last check said: {}. Follow that advice first; stop if anything hurts \
             more or a warning sign comes back.",
            kb.levels.get(last.urgency).headline.trim_end_matches('.')
        );
    }
    let personal = history.checks.last().filter(|last| {
        !last.stopped_early && last.routine.as_deref() == Some(kb.routines[routine].id.as_str())
    });
    // The answers the last check decided on, read against today's rules; if they no longer fit,
    // the routine as written is the safe thing to play.
    let answers = personal.and_then(|last| parse_answers(kb, &last.answers.to_string()).ok());
    let level = personal.and_then(|last| last.level).unwrap_or(1);
    let resolved =
        answers.map(|parsed| progression::steps_at_level(kb, routine, level, &parsed.answers).0);
    let mut prompter =
        (config.terminal.can_prompt() && journal.is_some()).then(|| super::check::prompter(config));
    play_and_record(
        config,
        kb,
        &ToPlay {
            routine,
            level: if resolved.is_some() { level } else { 1 },
            steps: resolved.as_deref(),
            speed,
        },
        prompter.as_mut().map(|p| p.as_mut() as &mut dyn Prompter),
        journal.as_mut(),
        figures,
    )
}

/// `stretch figure ID`: the stretch's start and end, as SVG or as terminal characters.
pub(crate) fn stretch(config: &Config, action: StretchCommand) -> Result<ExitCode> {
    let kb = config.knowledge()?;
    let StretchCommand::Figure { id, format } = action;
    let Some(stretch) = kb.stretch_index(&id) else {
        let message = unknown_id("stretch", &id, kb.stretches.iter().map(|s| s.id.as_str()));
        return bad_input(format!(
            "{message} (`backcare routine show ID --format json` lists a routine's stretches)"
        ));
    };
    let Some(pose) = kb.pose(stretch) else {
        return bad_input(format!("stretch `{id}` has no figure in these rules"));
    };
    match format {
        FigureFormat::Svg => emit(&figure_svg(pose, &kb.stretches[stretch].name, Some(480)))?,
        FigureFormat::Text => {
            let mut text = terminal_figure(pose, glyphs(&config.terminal)).join("\n");
            text.push('\n');
            emit(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every step's figure in one SVG, titled with the routine's name.
fn show_svg(kb: &KnowledgeBase, view: &RoutineView) -> Result<ExitCode> {
    let steps: Vec<_> = view
        .steps
        .iter()
        .filter_map(|step| {
            let pose = kb.stretch_index(&step.stretch).and_then(|i| kb.pose(i))?;
            Some((format!("{}: {}", step.name, step.dose), pose))
        })
        .collect();
    emit(&routine_svg(&view.name, &steps))?;
    Ok(ExitCode::SUCCESS)
}

/// Whether a figure (start, arrow, end: 45 columns) fits the stream without wrapping; a
/// redirected stream always has room.
fn fits(stream: &Stream) -> bool {
    !(stream.is_terminal
        && stream
            .columns
            .is_some_and(|c| usize::from(c) < FIGURE_COLUMNS))
}

/// Braille where the terminal shows Unicode; ASCII for `TERM=dumb` or a locale that is not
/// UTF-8. Asked of the environment once, here, and passed down as data.
pub(crate) fn glyphs(terminal: &Terminal) -> Glyphs {
    let var = |name: &str| std::env::var_os(name);
    glyphs_for(terminal.dumb, [var("LC_ALL"), var("LC_CTYPE"), var("LANG")])
}

/// The POSIX order: the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set and not empty names
/// the character set; none at all means the C locale, which is ASCII.
fn glyphs_for(dumb: bool, locale: [Option<OsString>; 3]) -> Glyphs {
    let utf8 = locale
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())
        .is_some_and(|v| {
            let v = v.to_string_lossy().to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        });
    if utf8 && !dumb {
        Glyphs::Braille
    } else {
        Glyphs::Ascii
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &str) -> OsString {
        OsString::from(v)
    }

    #[test]
    fn figures_are_left_out_of_a_terminal_too_narrow_for_them() {
        let terminal = |columns| Stream {
            is_terminal: true,
            columns: Some(columns),
            rows: Some(24),
            color: false,
        };
        assert!(fits(&terminal(80)));
        assert!(fits(&terminal(51)));
        assert!(!fits(&terminal(50)));
        assert!(fits(&Stream::REDIRECTED));
    }

    #[test]
    fn the_locale_and_term_choose_the_glyphs() {
        assert_eq!(
            glyphs_for(false, [None, None, Some(os("en_GB.UTF-8"))]),
            Glyphs::Braille
        );
        assert_eq!(
            glyphs_for(false, [None, None, Some(os("C.utf8"))]),
            Glyphs::Braille
        );
        // LC_ALL wins over LANG, and an empty one is skipped.
        assert_eq!(
            glyphs_for(false, [Some(os("C")), None, Some(os("en_GB.UTF-8"))]),
            Glyphs::Ascii
        );
        assert_eq!(
            glyphs_for(false, [Some(os("")), None, Some(os("de_DE.UTF-8"))]),
            Glyphs::Braille
        );
        assert_eq!(glyphs_for(false, [None, None, None]), Glyphs::Ascii);
        assert_eq!(
            glyphs_for(false, [None, Some(os("en_US.ISO-8859-1")), None]),
            Glyphs::Ascii
        );
        // TERM=dumb is ASCII whatever the locale.
        assert_eq!(
            glyphs_for(true, [None, None, Some(os("en_GB.UTF-8"))]),
            Glyphs::Ascii
        );
    }
}
