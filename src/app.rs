//! Runs one command: the glue between the command line, the engine and the terminal.

use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, ListFormat, ReportFormat, RoutineCommand, RulesCommand,
};
use crate::engine::parse_answers;
use crate::exit::{BadInput, bad_input};
use crate::input;
use crate::knowledge::{KnowledgeBase, QuestionKind, RuleFiles, condition_json, condition_words};
use crate::report::{self, Report, Style};
use anyhow::Result;
use clap::CommandFactory;
use serde_json::json;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let color = use_color(cli.color);
    let command = cli.command.unwrap_or(Command::Check(CheckArgs::default()));
    match command {
        Command::Check(args) => check(&load(cli.rules.as_deref())?, &args, color),
        Command::Batch(args) => {
            crate::batch::run(&load(cli.rules.as_deref())?, &args.input, args.brief)
        }
        Command::Questions { format } => questions(&load(cli.rules.as_deref())?, format),
        Command::Routine { action } => routine(&load(cli.rules.as_deref())?, action, color),
        Command::Rules {
            action: RulesCommand::Check { dir },
        } => rules_check(dir.as_deref().or(cli.rules.as_deref())),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "backcare", &mut out);
            emit(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            emit(&String::from_utf8_lossy(&out))
        }
    }
}

/// The knowledge base from `dir`, or the built-in one. A broken one is bad input, summarised in
/// one line; `rules check` lists every fault.
pub fn load(dir: Option<&Path>) -> Result<KnowledgeBase> {
    let loaded = match dir {
        Some(dir) => RuleFiles::from_dir(dir).and_then(|files| KnowledgeBase::from_files(&files)),
        None => KnowledgeBase::embedded(),
    };
    loaded.map_err(|faults| {
        let first = &faults.0[0];
        let more = match (faults.0.len(), dir) {
            (1, _) => String::new(),
            (n, Some(d)) => format!(
                " (and {} more; run `backcare rules check {}` to see all)",
                n - 1,
                d.display()
            ),
            (n, None) => format!(" (and {} more)", n - 1),
        };
        BadInput(format!("{first}{more}")).into()
    })
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

pub fn style(color: bool) -> Style {
    // Asking a non-terminal for its size makes crossterm spawn `tput`, which costs milliseconds.
    let width = if io::stdout().is_terminal() || io::stderr().is_terminal() {
        crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).saturating_sub(2))
    } else {
        80
    };
    Style { color, width }
}

/// Writes to standard output; a closed pipe (`backcare questions | head`) is not an error.
pub fn emit(text: &str) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn check(kb: &KnowledgeBase, args: &CheckArgs, color: bool) -> Result<ExitCode> {
    let report = match &args.answers {
        Some(path) => {
            if args.save_answers.is_some() {
                return bad_input(
                    "--save-answers saves answers given interactively; it cannot be used with --answers",
                );
            }
            let name = if path.as_os_str() == "-" {
                "standard input".to_owned()
            } else {
                path.display().to_string()
            };
            let text = input::read_text(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
            let parsed = parse_answers(kb, &text).map_err(|e| BadInput(format!("{name}: {e}")))?;
            if !parsed.ignored.is_empty() {
                eprintln!(
                    "backcare: warning: {name}: ignored answers to questions the flow would not ask: {}",
                    parsed.ignored.join(", ")
                );
            }
            report::build(kb, &parsed.answers, &parsed.ignored)
        }
        None => crate::questionnaire::interactive(kb, args.save_answers.as_deref(), color)?,
    };
    emit(&render(&report, args.format, color))?;
    if args.answers.is_none() && args.format == ReportFormat::Text {
        crate::questionnaire::offer_routine(kb, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn render(report: &Report, format: ReportFormat, color: bool) -> String {
    match format {
        ReportFormat::Text => report::render_text(report, style(color)),
        ReportFormat::Json => to_json_line(report, true),
        ReportFormat::Markdown => report::render_markdown(report),
    }
}

fn to_json_line(value: &impl serde::Serialize, pretty: bool) -> String {
    let mut text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .unwrap_or_else(|e| format!("{{\"error\": \"cannot encode the result: {e}\"}}"));
    text.push('\n');
    text
}

fn questions(kb: &KnowledgeBase, format: ListFormat) -> Result<ExitCode> {
    let warning = kb.warning_sign_questions();
    match format {
        ListFormat::Json => {
            let list: Vec<_> = kb
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let mut item = json!({
                        "id": q.id,
                        "section": q.section,
                        "text": q.text,
                        "help": q.help,
                        "type": q.kind.name(),
                        "warning_sign": warning[i],
                        "ask_when": q.ask_when.as_ref().map(|c| condition_json(kb, c)),
                    });
                    match &q.kind {
                        QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
                            item["choices"] = json!(choices)
                        }
                        QuestionKind::Number { min, max, unit } => {
                            item["min"] = json!(min);
                            item["max"] = json!(max);
                            item["unit"] = json!(unit);
                        }
                        QuestionKind::YesNo => {}
                    }
                    item
                })
                .collect();
            emit(&to_json_line(&json!({ "questions": list }), true))
        }
        ListFormat::Text => {
            let mut out = String::new();
            for (i, q) in kb.questions.iter().enumerate() {
                let kind = match &q.kind {
                    QuestionKind::YesNo => "yes/no".to_owned(),
                    QuestionKind::Single(_) => "one choice".to_owned(),
                    QuestionKind::Multiple(_) => "any number of choices".to_owned(),
                    QuestionKind::Number { min, max, .. } => format!("whole number {min} to {max}"),
                };
                let flag = if warning[i] { ", warning sign" } else { "" };
                out.push_str(&format!(
                    "{:>2}. {} [{kind}{flag}]\n    {}\n",
                    i + 1,
                    q.id,
                    q.text
                ));
                for c in q.kind.choices() {
                    out.push_str(&format!("      - {}: {}\n", c.id, c.label));
                }
                if let Some(when) = &q.ask_when {
                    out.push_str(&format!("    asked when {}\n", condition_words(kb, when)));
                }
            }
            emit(&out)
        }
    }
}

fn routine(kb: &KnowledgeBase, action: RoutineCommand, color: bool) -> Result<ExitCode> {
    match action {
        RoutineCommand::List { format } => emit(&crate::player::listing(kb, format)),
        RoutineCommand::Show { id, format } => {
            let Some(index) = kb.routine_index(&id) else {
                return unknown_routine(kb, &id);
            };
            emit(&crate::player::show(kb, index, format, style(color)))
        }
        RoutineCommand::Play { id, speed } => {
            let Some(index) = kb.routine_index(&id) else {
                return unknown_routine(kb, &id);
            };
            crate::player::play(kb, index, speed)
        }
    }
}

fn unknown_routine(kb: &KnowledgeBase, id: &str) -> Result<ExitCode> {
    let message = crate::knowledge::fault::unknown_id(
        "routine",
        id,
        kb.routines.iter().map(|r| r.id.as_str()),
    );
    bad_input(format!("{message} (`backcare routine list` shows them)"))
}

fn rules_check(dir: Option<&Path>) -> Result<ExitCode> {
    let files = match dir {
        Some(d) => RuleFiles::from_dir(d),
        None => Ok(RuleFiles::embedded()),
    };
    match files.and_then(|f| KnowledgeBase::from_files(&f).map(|kb| (f, kb))) {
        Ok((files, kb)) => {
            let (text, all_ok) = crate::knowledge::analysis::summary(&kb, &files.origin);
            emit(&text)?;
            if all_ok {
                Ok(ExitCode::SUCCESS)
            } else {
                bad_input("some checks are broken; see above")
            }
        }
        Err(faults) => {
            for fault in &faults.0 {
                eprintln!("{fault}");
            }
            let n = faults.0.len();
            bad_input(format!(
                "{n} fault{} found; these rules were not loaded",
                if n == 1 { "" } else { "s" }
            ))
        }
    }
}

/// A last line of defence: a bug must not print a stack trace at a person in pain. The terminal
/// is put back first, in case the player or a prompt had it in raw mode.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let _ = crossterm::terminal::disable_raw_mode();
        let _ = crossterm::execute!(io::stderr(), crossterm::cursor::Show);
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "backcare: internal error{place}; please report it. Your answers were not saved."
        );
    }));
}
