//! Runs one command: the glue between the command line, the library and the terminal.
//!
//! [`run`] resolves the command line and the environment into a [`Config`] once (as fd turns
//! its options into a `Config`), then hands it to the command. Only this layer writes to
//! standard output, chooses exit codes or asks the terminal what it is.

mod batch;
mod check;
mod checkin;
mod journal;
mod progress;
mod recording;
mod routine;
mod rules;
mod save;
mod session;
mod terminal;

use crate::cli::{
    CheckFormat, Cli, ColorChoice, Command, ListFormat, QuestionsFormat, ReportFormat, RulesCommand,
};
use anyhow::Result;
use backcare::knowledge::KnowledgeBase;
use backcare::output::{JsonLayout, Terminal, json};
use backcare::player::{Clock, Stage};
use backcare::report::{self, Report, Style};
use clap::CommandFactory;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command needs besides its own arguments, resolved once.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// `--rules` or `BACKCARE_RULES`; `None` means the built-in rules.
    pub rules: Option<PathBuf>,
    pub terminal: Terminal,
    pub clock: Clock,
    /// Where the journal lives, or `None` with `--no-journal` (or no home directory to put it in).
    pub journal: Option<PathBuf>,
}

impl Config {
    fn from_cli(cli: &Cli) -> Config {
        Config {
            rules: cli.rules.clone().or_else(|| {
                std::env::var_os("BACKCARE_RULES")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
            terminal: terminal::detect(cli.color),
            journal: journal_path(cli),
            clock: if fake_clock() {
                Clock::Stepping
            } else {
                Clock::Real
            },
        }
    }

    /// The knowledge base the command works on.
    fn knowledge(&self) -> Result<KnowledgeBase> {
        rules::load(self.rules.as_deref())
    }

    /// How to draw what goes to standard output.
    fn stdout_style(&self) -> Style {
        Style::for_stream(&self.terminal.stdout)
    }

    /// How to draw prompts and the player on standard error.
    fn stderr_style(&self) -> Style {
        Style::for_stream(&self.terminal.stderr)
    }

    /// Where the player plays: on standard error's terminal when keys can be read.
    fn stage(&self, speed: f64) -> Stage {
        Stage {
            // Counting down in place needs a terminal that can move the cursor.
            on_terminal: self.terminal.can_prompt() && !self.terminal.dumb,
            width: self.terminal.stderr.width(),
            columns: self
                .terminal
                .stderr
                .columns
                .map_or(backcare::output::REDIRECTED_WIDTH, usize::from),
            clock: self.clock,
            speed,
            figures: Some(routine::glyphs(&self.terminal)),
        }
    }
}

/// `--journal`, else `BACKCARE_JOURNAL` (empty means unset), else the platform's data directory;
/// `--no-journal` turns it off.
fn journal_path(cli: &Cli) -> Option<PathBuf> {
    if cli.no_journal {
        return None;
    }
    cli.journal
        .clone()
        .or_else(|| {
            std::env::var_os("BACKCARE_JOURNAL")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| {
            directories::ProjectDirs::from("", "", "backcare")
                .map(|dirs| dirs.data_dir().join("journal.sqlite3"))
        })
}

/// `BACKCARE_FAKE_CLOCK=1`, for tests of the binary only (like hyperfine's hidden
/// `--debug-mode`): the player's stepping clock, so a routine on a pseudo-terminal plays in a
/// moment whatever the machine's load. An environment variable rather than a hidden flag keeps it
/// out of `--help`, the man page and shell completions.
fn fake_clock() -> bool {
    std::env::var_os("BACKCARE_FAKE_CLOCK").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Runs the command `cli` asks for (`check` when none); the error, if any, is for
/// [`crate::exit::report`].
pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    let config = Config::from_cli(&cli);
    if config.terminal.can_prompt() {
        // A person is at the terminal: a signal from outside must leave it usable.
        backcare::signals::watch()?;
    }
    let command = match cli.command {
        None => Command::Check(cli.check),
        Some(command) if cli.check.is_default() => command,
        Some(_) => {
            return crate::exit::bad_input(
                "--answers, --format and --save-answers go after `check` (or with no command at all)",
            );
        }
    };
    match command {
        Command::Check(args) => check::run(&config, &args),
        Command::Batch(args) => batch::run(&config.knowledge()?, &args.input, args.brief),
        Command::Questions { format } => {
            let kb = config.knowledge()?;
            emit(&match format {
                QuestionsFormat::Text => report::render_questions(&kb, report::ListFormat::Text)?,
                QuestionsFormat::Json => report::render_questions(&kb, report::ListFormat::Json)?,
                QuestionsFormat::Fhir => {
                    json(&backcare::fhir::questionnaire(&kb), JsonLayout::Pretty)?
                }
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Routine { action } => routine::run(&config, action),
        Command::Stretch { action } => routine::stretch(&config, action),
        Command::Rules {
            action: RulesCommand::Check { dir },
        } => rules::check(dir.as_deref().or(config.rules.as_deref())),
        Command::Journal { action } => journal::run(&config, action),
        Command::Checkin => checkin::run(&config),
        Command::Progress { format } => progress::progress(&config, format),
        Command::Remind { ics, at } => progress::remind(&config, &ics, &at),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "backcare", &mut out);
            emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

impl From<ReportFormat> for report::Format {
    fn from(format: ReportFormat) -> report::Format {
        match format {
            ReportFormat::Text => report::Format::Text,
            ReportFormat::Json => report::Format::Json,
            ReportFormat::Markdown => report::Format::Markdown,
        }
    }
}

impl CheckFormat {
    /// The report format, or `None` for FHIR (a Bundle, not a report).
    fn report(self) -> Option<report::Format> {
        match self {
            CheckFormat::Text => Some(report::Format::Text),
            CheckFormat::Json => Some(report::Format::Json),
            CheckFormat::Markdown => Some(report::Format::Markdown),
            CheckFormat::Fhir => None,
        }
    }
}

impl From<ListFormat> for report::ListFormat {
    fn from(format: ListFormat) -> report::ListFormat {
        match format {
            ListFormat::Text => report::ListFormat::Text,
            ListFormat::Json => report::ListFormat::Json,
        }
    }
}

impl From<ColorChoice> for anstream::ColorChoice {
    fn from(choice: ColorChoice) -> anstream::ColorChoice {
        match choice {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        }
    }
}

/// Writes to standard output (colour stripped there unless it was chosen for it); a closed pipe
/// (`backcare questions | head`) is not an error.
pub(crate) fn emit(text: &str) -> Result<()> {
    let mut out = anstream::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("could not write to standard output"))
        }
        _ => Ok(()),
    }
}

/// A report in the chosen format.
pub(crate) fn render(report: &Report, format: report::Format, style: Style) -> Result<String> {
    Ok(match format {
        report::Format::Text => report::render_text(report, style),
        report::Format::Json => json(report, JsonLayout::Pretty)?,
        report::Format::Markdown => report::render_markdown(report),
    })
}
