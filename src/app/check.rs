//! `check`: answers from a file, or the questionnaire on the terminal; then the report and, for
//! a person at a terminal, the offer to play the recommended routine.

use super::save::SaveTarget;
use super::session::offer;
use super::{Config, emit, recording, render};
use crate::cli::{CheckArgs, CheckFormat, SaveFormat};
use crate::exit::{BadInput, bad_input};
use anyhow::{Context, Result};
use backcare::Urgency;
use backcare::engine::{Answers, ParsedAnswers, RoutineChoice, decide};
use backcare::journal::checkin::check_record;
use backcare::knowledge::KnowledgeBase;
use backcare::output::{JsonLayout, json};
use backcare::questionnaire::{self, Ending, PlainPrompter, Prompter, TerminalPrompter};
use backcare::report::{self, wrap::wrap};
use backcare::{fhir, input};
use std::io;
use std::path::Path;
use std::process::ExitCode;

const INTRO: &str = "backcare asks about your back pain, then tells you how soon to see someone \
    or suggests stretches that fit. It takes about five minutes. Esc goes back a question; \
    Ctrl-C quits.";

/// `check`: from `--answers`, or by asking on the terminal.
pub(crate) fn run(config: &Config, args: &CheckArgs) -> Result<ExitCode> {
    let kb = config.knowledge()?;
    match &args.answers {
        Some(path) => {
            if args.save_answers.is_some() {
                return bad_input(
                    "--save-answers saves answers given interactively; it cannot be used with --answers",
                );
            }
            let parsed = from_file(&kb, path)?;
            let report = report::build(&kb, &parsed.answers, &parsed.ignored);
            if let Some(format) = args.format.report() {
                emit(&render(&report, format, config.stdout_style())?)?;
            } else {
                let stopped = fhir::stopped_early(&kb, &parsed.answers);
                let bundle = fhir::result_bundle(&kb, &parsed.answers, stopped);
                emit(&json(&bundle, JsonLayout::Pretty)?)?;
            }
            print_sheet(&kb, &report, args.print.as_deref())?;
        }
        None => interactive(config, &kb, args)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The answers of an `--answers` file (or `-`): an answers object or a FHIR
/// `QuestionnaireResponse`, warning about answers the flow would not ask.
fn from_file(kb: &KnowledgeBase, path: &Path) -> Result<ParsedAnswers> {
    let name = input::display_name(path);
    let text = input::read_text(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
    let parsed = fhir::read_any_answers(kb, &text).map_err(|e| BadInput(format!("{name}: {e}")))?;
    if !parsed.ignored.is_empty() {
        anstream::eprintln!(
            "backcare: warning: {name}: ignored answers to questions the flow would not ask: {}",
            parsed.ignored.join(", ")
        );
    }
    Ok(parsed)
}

/// The questionnaire on the terminal, the report, then the offer to play the routine. Without a
/// terminal it is bad input: a script should use `--answers`.
fn interactive(config: &Config, kb: &KnowledgeBase, args: &CheckArgs) -> Result<()> {
    // Check the save path before asking anything, so nobody answers 30 questions for nothing.
    let save = args
        .save_answers
        .as_deref()
        .map(SaveTarget::check)
        .transpose()
        .map_err(BadInput)?;
    if !config.terminal.can_prompt() {
        return bad_input(
            "no terminal to ask the questions on; answer them in a file instead: \
             `backcare check --answers answers.json` (`backcare questions` lists the ids)",
        );
    }

    let style = config.stderr_style();
    let intro = if config.terminal.dumb {
        // The plain prompter goes back with `<`, not Esc.
        INTRO.replace("Esc goes back", "Typing < goes back")
    } else {
        INTRO.to_owned()
    };
    anstream::eprint!("{}", wrap(&intro, style.width, "", ""));
    let mut journal = recording::open(config);
    let mut prompter = prompter(config);
    let (flow, ending) = questionnaire::run(kb, prompter.as_mut())?;
    // The report is shown even when saving failed; the failure then decides the exit code.
    let stopped = ending == Ending::Emergency;
    let saved =
        save.map(|target| save_answers(kb, flow.answers(), &target, args.save_format, stopped));
    anstream::eprintln!();
    let decision = decide(kb, flow.answers());
    let mut report = report::from_decision(kb, flow.answers(), &decision, &[]);
    if stopped {
        // Stopped early: the emergency advice and why, nothing else.
        report.reasons.retain(|r| r.level == Urgency::Emergency);
    }
    if let Some(format) = args.format.report() {
        emit(&render(&report, format, config.stdout_style())?)?;
    } else {
        let bundle = fhir::result_bundle(kb, flow.answers(), stopped);
        emit(&json(&bundle, JsonLayout::Pretty)?)?;
    }
    print_sheet(kb, &report, args.print.as_deref())?;
    let history = recording::history_or_empty(&mut journal);
    let record = check_record(
        kb,
        &history,
        recording::now(),
        flow.answers(),
        &decision,
        stopped,
    );
    recording::check(journal.as_mut(), &record, None);
    if let Some(Err(e)) = saved {
        return Err(e);
    }
    if let (CheckFormat::Text, RoutineChoice::Chosen { routine, .. }) =
        (args.format, decision.routine)
    {
        let level = record.level.unwrap_or(1);
        offer(
            config,
            kb,
            (routine, level),
            flow.answers(),
            prompter.as_mut(),
            journal.as_mut(),
        )?;
    }
    Ok(())
}

/// The prompter for this terminal: plain lines where the cursor cannot move (`TERM=dumb`), so
/// nothing is redrawn; the full prompts otherwise.
pub(crate) fn prompter(config: &Config) -> Box<dyn Prompter> {
    if config.terminal.dumb {
        Box::new(PlainPrompter::new(io::stdin().lock(), io::stderr()))
    } else {
        let stderr = &config.terminal.stderr;
        Box::new(
            TerminalPrompter::new(config.stderr_style(), config.terminal.small())
                .with_size(stderr.columns, stderr.rows),
        )
    }
}

/// `--print FILE`: the person's own routine (alternatives in, left-out stretches out) as a
/// printable sheet. Without a routine (a visit is needed first) nothing is written, and stderr
/// says why.
fn print_sheet(kb: &KnowledgeBase, report: &report::Report, path: Option<&Path>) -> Result<()> {
    let Some(path) = path else { return Ok(()) };
    let Some(view) = &report.routine else {
        anstream::eprintln!(
            "backcare: no sheet written to {}: there is no routine to print",
            path.display()
        );
        return Ok(());
    };
    let html = view.sheet_html(kb, &report.safety_net, &report.disclaimer);
    std::fs::write(path, html)
        .with_context(|| format!("could not write the sheet to {}", path.display()))?;
    anstream::eprintln!("Your printable sheet is in {}.", path.display());
    Ok(())
}

/// Writes the answers as an `--answers` file (plain, or a FHIR `QuestionnaireResponse`, `stopped`
/// when the questions ended at an emergency answer) and says where; a failure is an error naming
/// the path (exit 1), after the report has been shown.
fn save_answers(
    kb: &KnowledgeBase,
    answers: &Answers,
    target: &SaveTarget,
    format: SaveFormat,
    stopped: bool,
) -> Result<()> {
    let text = match format {
        SaveFormat::Plain => json(&answers.to_json(kb), JsonLayout::Pretty)?,
        SaveFormat::Fhir => json(
            &fhir::questionnaire_response(kb, answers, stopped),
            JsonLayout::Pretty,
        )?,
    };
    target
        .write(text.as_bytes())
        .with_context(|| format!("could not save your answers to {}", target.path().display()))?;
    anstream::eprintln!("\nYour answers are saved in {}.", target.path().display());
    Ok(())
}
