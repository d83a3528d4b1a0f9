//! `check`: answers from a file, or the questionnaire on the terminal; then the report and, for
//! a person at a terminal, the offer to play the recommended routine.

use super::{Config, emit, render, routine::show_played};
use crate::cli::{CheckArgs, ReportFormat};
use crate::exit::{BadInput, bad_input};
use anyhow::Result;
use backcare::Urgency;
use backcare::engine::{Answers, Decision, RoutineChoice, decide, parse_answers, resolve_steps};
use backcare::knowledge::KnowledgeBase;
use backcare::questionnaire::{self, Ending, TerminalPrompter};
use backcare::report::{self, Report, minutes, wrap::wrap};
use backcare::{input, player};
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const INTRO: &str = "backcare asks about your back pain, then tells you how soon to see someone \
    or suggests stretches that fit. It takes about five minutes. Esc goes back a question; \
    Ctrl-C quits.";

/// `check`: from `--answers`, or by asking on the terminal.
pub fn run(config: &Config, args: &CheckArgs) -> Result<ExitCode> {
    let kb = config.knowledge()?;
    match &args.answers {
        Some(path) => {
            if args.save_answers.is_some() {
                return bad_input(
                    "--save-answers saves answers given interactively; it cannot be used with --answers",
                );
            }
            let report = from_file(&kb, path)?;
            emit(&render(&report, args.format.into(), config.stdout_style())?)?;
        }
        None => interactive(config, &kb, args)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The report for an `--answers` file (or `-`), warning about answers the flow would not ask.
fn from_file(kb: &KnowledgeBase, path: &Path) -> Result<Report> {
    let name = input::display_name(path);
    let text = input::read_text(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
    let parsed = parse_answers(kb, &text).map_err(|e| BadInput(format!("{name}: {e}")))?;
    if !parsed.ignored.is_empty() {
        anstream::eprintln!(
            "backcare: warning: {name}: ignored answers to questions the flow would not ask: {}",
            parsed.ignored.join(", ")
        );
    }
    Ok(report::build(kb, &parsed.answers, &parsed.ignored))
}

/// The questionnaire on the terminal, the report, then the offer to play the routine. Without a
/// terminal it is bad input: a script should use `--answers`.
fn interactive(config: &Config, kb: &KnowledgeBase, args: &CheckArgs) -> Result<()> {
    if !config.terminal.can_prompt() {
        return bad_input(
            "no terminal to ask the questions on; answer them in a file instead: \
             `backcare check --answers answers.json` (`backcare questions` lists the ids)",
        );
    }
    // Check the save path before asking anything, so nobody answers 28 questions for nothing.
    let save = args
        .save_answers
        .as_deref()
        .map(check_save_path)
        .transpose()?;
    let style = config.stderr_style();
    anstream::eprint!("{}", wrap(INTRO, style.width, "", ""));
    let mut prompter = TerminalPrompter::new(style);
    let (flow, ending) = questionnaire::run(kb, &mut prompter)?;
    if let Some(path) = &save {
        match save_answers(kb, flow.answers(), path) {
            Ok(()) => anstream::eprintln!("\nYour answers are saved in {}.", path.display()),
            Err(e) => anstream::eprintln!(
                "\nbackcare: warning: could not save your answers to {}: {e}",
                path.display()
            ),
        }
    }
    anstream::eprintln!();
    let decision = decide(kb, flow.answers());
    let mut report = report::from_decision(kb, flow.answers(), &decision, &[]);
    if ending == Ending::Emergency {
        // Stopped early: the emergency advice and why, nothing else.
        report.reasons.retain(|r| r.level == Urgency::Emergency);
    }
    emit(&render(&report, args.format.into(), config.stdout_style())?)?;
    if args.format == ReportFormat::Text {
        offer_routine(config, kb, &decision, flow.answers(), &mut prompter)?;
    }
    Ok(())
}

/// After the report: when a routine was recommended, offer to play it as resolved for this
/// person (alternatives in, left-out stretches out).
fn offer_routine(
    config: &Config,
    kb: &KnowledgeBase,
    decision: &Decision,
    answers: &Answers,
    prompter: &mut TerminalPrompter,
) -> Result<()> {
    let RoutineChoice::Chosen { routine, .. } = decision.routine else {
        return Ok(());
    };
    let (steps, _) = resolve_steps(kb, routine, answers);
    let seconds = steps.iter().map(|s| s.dose.total_seconds()).sum();
    let question = format!(
        "Start \"{}\" now, with timers? ({})",
        kb.routines[routine].name,
        minutes(seconds)
    );
    if prompter.offer(&question, "y to start, n or Enter to finish")? {
        show_played(player::play_resolved(
            kb,
            routine,
            &steps,
            &config.stage(1.0),
        )?)?;
    }
    Ok(())
}

/// The folder a file is written into: its parent, or the current folder for a bare name.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn check_save_path(path: &Path) -> Result<PathBuf> {
    if path.is_dir() {
        return bad_input(format!(
            "--save-answers {}: is a directory; give a file name",
            path.display()
        ));
    }
    let dir = folder_of(path);
    if !dir.is_dir() {
        return bad_input(format!(
            "--save-answers {}: the folder {} does not exist",
            path.display(),
            dir.display()
        ));
    }
    Ok(path.to_path_buf())
}

/// Writes the answers as an `--answers` file: to a temporary file beside it, then renamed over
/// it, so a crash or a full disk never leaves half a file.
fn save_answers(kb: &KnowledgeBase, answers: &Answers, path: &Path) -> io::Result<()> {
    let text = backcare::output::json(&answers.to_json(kb), backcare::output::JsonLayout::Pretty)
        .map_err(io::Error::other)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "answers".to_owned());
    let temp = folder_of(path).join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, text)
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}
