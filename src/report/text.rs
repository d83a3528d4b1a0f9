//! The report as a person reads it in a terminal: urgency first, then what to do, why, the
//! routine, tips and the safety net.

use super::Report;
use super::wrap::wrap;
use crate::Urgency;
use crate::output::Stream;
use anstyle::AnsiColor;
use std::fmt;

/// How to draw for one stream: with colour or not, and how wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colour the urgency and headings.
    pub color: bool,
    /// Columns to wrap to.
    pub width: usize,
}

impl Style {
    /// No colour, 80 columns: what redirected output gets.
    pub const PLAIN: Style = Style {
        color: false,
        width: crate::output::REDIRECTED_WIDTH,
    };

    /// The style for text written to `stream`.
    pub fn for_stream(stream: &Stream) -> Style {
        Style {
            color: stream.color,
            width: stream.width(),
        }
    }

    fn paint(&self, ansi: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{ansi}{text}{ansi:#}")
        } else {
            text.to_owned()
        }
    }

    /// `text` in bold, when colouring.
    pub fn bold(&self, text: &str) -> String {
        self.paint(anstyle::Style::new().bold(), text)
    }
}

/// Red for act now, yellow for see someone, green for home care.
fn urgency_style(urgency: Urgency) -> anstyle::Style {
    let bold = anstyle::Style::new().bold();
    match urgency {
        Urgency::Emergency => bold
            .fg_color(Some(AnsiColor::BrightWhite.into()))
            .bg_color(Some(AnsiColor::Red.into())),
        Urgency::Urgent => bold.fg_color(Some(AnsiColor::Red.into())),
        Urgency::Soon | Urgency::Appointment => bold.fg_color(Some(AnsiColor::Yellow.into())),
        Urgency::SelfCare => bold.fg_color(Some(AnsiColor::Green.into())),
    }
}

/// The report as text: `TextReport { report, style }.to_string()`, or [`render_text`].
pub struct TextReport<'a> {
    /// What to render.
    pub report: &'a Report,
    /// How to render it.
    pub style: Style,
}

impl fmt::Display for TextReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.verdict(f)?;
        self.reasons(f)?;
        self.routine(f)?;
        self.advice(f)?;
        self.closing(f)
    }
}

impl TextReport<'_> {
    fn wrap(&self, f: &mut fmt::Formatter<'_>, text: &str, first: &str, rest: &str) -> fmt::Result {
        f.write_str(&wrap(text, self.style.width, first, rest))
    }

    /// The headline in the urgency's colour, then what to do.
    fn verdict(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.report;
        let headline = format!(" {} ", report.headline.to_uppercase());
        let urgency = urgency_style(report.urgency);
        writeln!(f, "{}", self.style.paint(urgency, &headline))?;
        self.wrap(f, &report.action, "", "")
    }

    /// Each rule that fired, with the answers that made it fire.
    fn reasons(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.report;
        if report.reasons.is_empty() {
            return Ok(());
        }
        writeln!(f, "\n{}", self.style.bold("Why"))?;
        for reason in &report.reasons {
            self.wrap(f, &reason.message, "  * ", "    ")?;
            // Lower-level actions ("book an appointment") would contradict the headline.
            if reason.level == report.urgency && reason.action != report.action {
                self.wrap(f, &format!("What to do: {}", reason.action), "    ", "    ")?;
            }
            for e in &reason.answers {
                let line = format!("You answered \"{}\" to: {}", e.answer_text, e.question_text);
                self.wrap(f, &line, "    - ", "      ")?;
            }
        }
        Ok(())
    }

    /// The routine, or why there is none when one could have been offered.
    fn routine(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.report;
        if let Some(routine) = &report.routine {
            routine.write_report_text(f, self.style)
        } else if let Some(why) = report
            .no_routine
            .as_ref()
            .filter(|_| report.urgency.allows_routine())
        {
            writeln!(f)?;
            self.wrap(f, why, "", "")
        } else {
            Ok(())
        }
    }

    /// Tips, then when to get help.
    fn advice(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (title, lines) in [
            ("Tips", &self.report.advice),
            ("Get help if things change", &self.report.safety_net),
        ] {
            if lines.is_empty() {
                continue;
            }
            writeln!(f, "\n{}", self.style.bold(title))?;
            for line in lines {
                self.wrap(f, line, "  * ", "    ")?;
            }
        }
        Ok(())
    }

    /// Ignored answers, if any, what was screened, which rules decided, and the disclaimer.
    fn closing(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.report;
        writeln!(f)?;
        self.wrap(f, &report.record.warning_signs_summary, "", "")?;
        let kb = &report.record.knowledge_base;
        self.wrap(
            f,
            &format!("Rules: {} (fingerprint {}).", kb.source, kb.fingerprint),
            "",
            "",
        )?;
        if !report.ignored_answers.is_empty() {
            let text = format!(
                "Ignored answers to questions that would not be asked: {}.",
                report.ignored_answers.join(", ")
            );
            writeln!(f)?;
            self.wrap(f, &text, "", "")?;
        }
        writeln!(f)?;
        self.wrap(f, &report.disclaimer, "", "")
    }
}

/// The report as a person reads it in a terminal, wrapped to `style.width`.
pub fn render_text(report: &Report, style: Style) -> String {
    TextReport { report, style }.to_string()
}

/// An answer as a person would say it: yes, no, a choice id, a list, a number.
pub fn display_answer(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Bool(true) => "yes".to_owned(),
        serde_json::Value::Bool(false) => "no".to_owned(),
        serde_json::Value::Null => "not answered".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) if items.is_empty() => "none".to_owned(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(display_answer)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}
