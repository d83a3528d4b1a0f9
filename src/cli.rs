//! The command line. Each argument's doc comment is its help text.

// The doc comments are printed by `--help`, where backticks around NO_COLOR would show.
#![allow(clippy::doc_markdown)]

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Back-pain triage and guided stretch routines.
///
/// Answer a short questionnaire about your back pain; backcare tells you how urgently to see a
/// professional or recommends a stretch routine that fits your pattern, and can guide you through
/// it with timers. With no command it runs `backcare check`.
#[derive(Debug, Parser)]
#[command(
    name = "backcare",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = EXIT_CODES
)]
pub(crate) struct Cli {
    /// Directory holding the rule files to use instead of the built-in ones [env: BACKCARE_RULES]
    // The variable is read by the app, not by clap, so that an empty one means "not set" instead
    // of an error about a flag the person never typed.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// The journal file to record checks and sessions in [env: BACKCARE_JOURNAL]
    /// [default: the data directory, on Linux $XDG_DATA_HOME/backcare/journal.sqlite3]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        conflicts_with = "no_journal"
    )]
    pub journal: Option<PathBuf>,

    /// Record nothing and read no journal for this run.
    #[arg(long, global = true)]
    pub no_journal: bool,

    /// When to colour the output (NO_COLOR in the environment means never, unless `always`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// With no command: the flags of `check`, so `backcare --save-answers FILE` works.
    #[command(flatten)]
    pub check: CheckArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The exit codes, in `--help` and the man page (README says the same).
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    batch rejected at least one line; the answers could not be saved; output failed
  2    bad input (rules, answers, flags, or no terminal to ask on): one line says what and where
  101  internal error (a bug in backcare)
  128+N  ended by signal N (130 for Ctrl-C), with the terminal restored";

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Answer the questionnaire and get a triage result and routine (the default command).
    Check(CheckArgs),
    /// Screen many answer sets: JSON Lines in, one compact JSON result per line out.
    Batch(BatchArgs),
    /// Print the questionnaire: ids, types, choices and when each question is asked.
    Questions {
        /// Output format (fhir: an R4 Questionnaire).
        #[arg(long, value_enum, default_value_t = QuestionsFormat::Text)]
        format: QuestionsFormat,
    },
    /// List, show, play or print the stretch routines.
    Routine {
        #[command(subcommand)]
        action: RoutineCommand,
    },
    /// The stretches one by one: their pictures.
    Stretch {
        #[command(subcommand)]
        action: StretchCommand,
    },
    /// Work with the knowledge base.
    Rules {
        #[command(subcommand)]
        action: RulesCommand,
    },
    /// A short return visit: pain now, how it is going, and the warning signs asked again.
    Checkin,
    /// Your pain and sessions over the weeks, the routine's level and what changed.
    Progress {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Look after the journal: list, export, import or forget it.
    Journal {
        #[command(subcommand)]
        action: JournalCommand,
    },
    /// Write a calendar file (iCalendar) with your routine's schedule and the next check-in.
    Remind {
        /// The .ics file to write (- for standard output).
        #[arg(long, value_name = "FILE")]
        ics: PathBuf,
        /// The time of day for the routine, 24-hour HH:MM.
        #[arg(long, default_value = "08:00", value_name = "HH:MM")]
        at: String,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Default, Args)]
pub(crate) struct CheckArgs {
    /// Read answers from a JSON file (or - for standard input) instead of asking.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Output format of the result (fhir: an R4 Bundle of QuestionnaireResponse,
    /// GuidanceResponse and CarePlan).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Save the answers given interactively to FILE, for a later `--answers` run.
    #[arg(long, value_name = "FILE")]
    pub save_answers: Option<PathBuf>,

    /// Also write your routine as a printable one-page sheet (HTML) to FILE.
    #[arg(long, value_name = "FILE")]
    pub print: Option<PathBuf>,

    /// How --save-answers writes them (fhir: an R4 QuestionnaireResponse).
    #[arg(long, value_enum, default_value_t = SaveFormat::Plain, requires = "save_answers")]
    pub save_format: SaveFormat,
}

impl CheckArgs {
    /// No flag given: what a command other than `check` must see at the top level.
    pub(crate) fn is_default(&self) -> bool {
        self.answers.is_none()
            && self.save_answers.is_none()
            && self.print.is_none()
            && self.format == CheckFormat::Text
            && self.save_format == SaveFormat::Plain
    }
}

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// JSON Lines file of answer sets, one per line (default: standard input).
    #[arg(value_name = "FILE", default_value = "-")]
    pub input: PathBuf,

    /// Write only the urgency and routine id of each result.
    #[arg(long)]
    pub brief: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RoutineCommand {
    /// List the routines with their purpose and length.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Show one routine's steps, doses, instructions and cautions, with a figure per step.
    Show {
        /// The routine id, as `routine list` shows it.
        id: String,
        /// Output format (svg: every step's figure, one after another).
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Leave the figures out of the text and Markdown.
        #[arg(long)]
        no_figures: bool,
    },
    /// Write a printable one-page sheet (HTML): figures, doses, a 14-day tick grid, when to stop.
    Print {
        /// The routine id, as `routine list` shows it.
        id: String,
    },
    /// Guide you through a routine with a countdown for every hold.
    Play {
        /// The routine id, as `routine list` shows it.
        id: String,
        /// Run time faster by this factor (60 turns a minute into a second), for demos and tests.
        #[arg(long, default_value_t = 1.0, value_name = "FACTOR", value_parser = parse_speed,
              allow_negative_numbers = true)]
        speed: f64,
        /// Leave the figure out of each step.
        #[arg(long)]
        no_figures: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum JournalCommand {
    /// Every check, check-in and session, newest last.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Every row of the journal, to standard output.
    Export {
        /// csv for a spreadsheet; jsonl (one JSON object per line) for `journal import`.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
    },
    /// Add the rows of a `journal export --format jsonl` file (rows already there are skipped).
    Import {
        /// The JSON Lines file (- for standard input).
        file: PathBuf,
    },
    /// Delete the journal file, after asking.
    Forget {
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
}

/// The formats of `journal export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// Comma-separated values, one row per line, with a header.
    Csv,
    /// JSON Lines: one row per line, as `journal import` reads.
    Jsonl,
}

#[derive(Debug, Subcommand)]
pub(crate) enum StretchCommand {
    /// Draw a stretch: start and end figures with an arrow for the movement.
    Figure {
        /// The stretch id, as `routine show ID --format json` shows it.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FigureFormat::Svg)]
        format: FigureFormat,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum ShowFormat {
    /// Plain text for reading, wrapped to the terminal, with a figure per step.
    #[default]
    Text,
    /// JSON for programs.
    Json,
    /// Markdown, to save or send to a clinician.
    Markdown,
    /// SVG line art of every step.
    Svg,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum FigureFormat {
    /// SVG line art.
    #[default]
    Svg,
    /// Characters for the terminal (braille, or ASCII where the terminal may not show it).
    Text,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// Check a knowledge base and print what was proved about it.
    Check {
        /// Directory of rule files (default: --rules, or the built-in rules).
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour a stream when it is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say not.
    Auto,
    /// Always colour, even into a file or pipe.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Plain text for reading, wrapped to the terminal.
    #[default]
    Text,
    /// JSON for programs.
    Json,
    /// Markdown, to save or send to a clinician.
    Markdown,
}

/// The formats of `check`'s result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// Plain text for reading, wrapped to the terminal.
    #[default]
    Text,
    /// JSON for programs.
    Json,
    /// Markdown, to save or send to a clinician.
    Markdown,
    /// A FHIR R4 Bundle: QuestionnaireResponse, GuidanceResponse and CarePlan.
    Fhir,
}

/// The formats of `questions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum QuestionsFormat {
    /// Plain text for reading.
    Text,
    /// JSON for programs.
    Json,
    /// A FHIR R4 Questionnaire.
    Fhir,
}

/// How `--save-answers` writes the answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum SaveFormat {
    /// A JSON object keyed by question id, as `--answers` reads.
    #[default]
    Plain,
    /// A FHIR R4 QuestionnaireResponse (which `--answers` reads too).
    Fhir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Plain text for reading.
    Text,
    /// JSON for programs.
    Json,
}

fn parse_speed(text: &str) -> Result<f64, String> {
    let speed: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if speed.is_finite() && (0.01..=1000.0).contains(&speed) {
        Ok(speed)
    } else {
        Err("must be between 0.01 and 1000".to_owned())
    }
}
