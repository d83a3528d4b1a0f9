//! The questionnaire on a real terminal, with inquire. Prompts go to stderr, so the report on
//! stdout can be redirected.

use super::{Ending, Position, Prompter, Reply};
use crate::Urgency;
use crate::engine::Answer;
use crate::exit::{BadInput, Interrupted, bad_input};
use crate::knowledge::{KnowledgeBase, Question, QuestionKind};
use crate::report::wrap::wrap;
use crate::report::{self, Report};
use anyhow::Result;
use inquire::error::InquireError;
use inquire::ui::{RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{Confirm, CustomType, MultiSelect, Select};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

pub struct TerminalPrompter {
    pub color: bool,
}

fn reply<T>(
    result: Result<T, InquireError>,
    answer: impl FnOnce(T) -> Answer,
) -> Result<Reply, Interrupted> {
    match result {
        Ok(value) => Ok(Reply::Answer(answer(value))),
        Err(InquireError::OperationCanceled) => Ok(Reply::Back),
        // Ctrl-C, a closed terminal or any other prompt failure ends the questionnaire; nothing
        // has been written, so stopping is always safe.
        Err(_) => Err(Interrupted),
    }
}

impl Prompter for TerminalPrompter {
    fn ask(
        &mut self,
        q: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        let message = format!(
            "[{} of about {}] {}",
            position.number, position.about, q.text
        );
        let help = |keys: &str| format!("{}  ({keys}; Esc goes back)", q.help);
        match &q.kind {
            QuestionKind::YesNo => {
                let help_text = help("type y or n, then Enter");
                let mut prompt = Confirm::new(&message).with_help_message(&help_text);
                // No default on a first asking: every warning sign needs an explicit answer.
                if let Some(Answer::Bool(b)) = previous {
                    prompt = prompt.with_default(b);
                }
                reply(prompt.prompt(), Answer::Bool)
            }
            QuestionKind::Single(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
                let start = match previous {
                    Some(Answer::Choice(c)) => usize::from(c),
                    _ => 0,
                };
                let help_text = help("arrows to move, Enter to choose");
                let prompt = Select::new(&message, labels)
                    .with_starting_cursor(start)
                    .with_help_message(&help_text);
                reply(prompt.raw_prompt(), |choice| {
                    Answer::Choice(choice.index as u8)
                })
            }
            QuestionKind::Multiple(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
                let ticked: Vec<usize> = match previous {
                    Some(Answer::Choices(mask)) => (0..choices.len())
                        .filter(|c| mask & (1 << c) != 0)
                        .collect(),
                    _ => Vec::new(),
                };
                let help_text = help("Space ticks, Enter when done, none ticked means none");
                let prompt = MultiSelect::new(&message, labels)
                    .with_default(&ticked)
                    .with_help_message(&help_text);
                reply(prompt.raw_prompt(), |picked| {
                    Answer::Choices(picked.iter().fold(0u64, |mask, c| mask | (1 << c.index)))
                })
            }
            QuestionKind::Number { min, max, unit } => {
                let (min, max) = (*min, *max);
                let start = match previous {
                    Some(Answer::Number(n)) => n.to_string(),
                    _ => String::new(),
                };
                let unit = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                let help_text = help(&format!(
                    "a whole number from {min} to {max}{unit}, then Enter"
                ));
                let prompt = CustomType::<i64>::new(&message)
                    .with_starting_input(&start)
                    .with_error_message("Please type a whole number, like 42")
                    .with_validator(move |n: &i64| {
                        Ok(if (min..=max).contains(n) {
                            Validation::Valid
                        } else {
                            Validation::Invalid(
                                format!("Please enter a number from {min} to {max}").into(),
                            )
                        })
                    })
                    .with_help_message(&help_text);
                reply(prompt.prompt(), Answer::Number)
            }
        }
    }

    fn section(&mut self, title: &str) {
        if self.color {
            eprintln!("\n\x1b[1m{title}\x1b[0m");
        } else {
            eprintln!("\n{title}");
        }
    }
}

/// Asks the questionnaire on the terminal and returns the report. Without a terminal it is bad
/// input: a script should use `--answers`.
pub fn interactive(kb: &KnowledgeBase, save: Option<&Path>, color: bool) -> Result<Report> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return bad_input(
            "no terminal to ask the questions on; answer them in a file instead: \
             `backcare check --answers answers.json` (`backcare questions` lists the ids)",
        );
    }
    // Check the save path before asking anything, so nobody answers 28 questions for nothing.
    let save = save.map(check_save_path).transpose()?;
    let mut config = if color {
        RenderConfig::default_colored()
    } else {
        RenderConfig::empty()
    };
    // inquire marks an abandoned prompt "<canceled>"; here Esc means going back, so say that.
    config.canceled_prompt_indicator = Styled::new("(went back)");
    inquire::set_global_render_config(config);
    let width = crate::app::style(color).width;
    eprint!(
        "{}",
        wrap(
            "backcare asks about your back pain, then tells you how soon to see someone or suggests \
             stretches that fit. It takes about five minutes. Esc goes back a question; Ctrl-C quits.",
            width,
            "",
            ""
        )
    );
    let mut prompter = TerminalPrompter { color };
    let (flow, ending) = super::run(kb, &mut prompter)?;
    if let Some(path) = &save {
        match save_answers(kb, flow.answers(), path) {
            Ok(()) => eprintln!("\nYour answers are saved in {}.", path.display()),
            Err(e) => eprintln!(
                "\nbackcare: warning: could not save your answers to {}: {e}",
                path.display()
            ),
        }
    }
    eprintln!();
    let mut report = report::build(kb, flow.answers(), &[]);
    if ending == Ending::Emergency {
        // Stopped early: the emergency advice and why, nothing else.
        report.reasons.retain(|r| r.level == Urgency::Emergency);
    }
    Ok(report)
}

fn check_save_path(path: &Path) -> Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if path.is_dir() {
        return bad_input(format!(
            "--save-answers {}: is a directory; give a file name",
            path.display()
        ));
    }
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
pub fn save_answers(
    kb: &KnowledgeBase,
    answers: &crate::engine::Answers,
    path: &Path,
) -> io::Result<()> {
    let mut text = serde_json::to_string_pretty(&answers.to_json(kb)).map_err(io::Error::other)?;
    text.push('\n');
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "answers".to_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, text)
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}

/// After the report: when a routine was recommended and a person is at a terminal, offer to
/// start it.
pub fn offer_routine(kb: &KnowledgeBase, report: &Report) -> Result<()> {
    let Some(routine) = &report.routine else {
        return Ok(());
    };
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Ok(());
    }
    let question = format!(
        "Start \"{}\" now, with timers? ({})",
        routine.name,
        report::minutes(routine.total_seconds)
    );
    match Confirm::new(&question)
        .with_default(false)
        .with_help_message("y to start, n or Enter to finish")
        .prompt()
    {
        Ok(true) => {
            let index = kb
                .routine_index(&routine.id)
                .ok_or_else(|| BadInput(format!("unknown routine {}", routine.id)))?;
            crate::player::play_resolved(kb, index, report, 1.0).map(|_| ())
        }
        Ok(false) | Err(InquireError::OperationCanceled) => Ok(()),
        Err(_) => Err(Interrupted.into()),
    }
}
