//! The report as a person reads it in a terminal: urgency first, then what to do, why, the
//! routine, tips and the safety net.

use super::wrap::wrap;
use super::{Report, minutes};
use crate::Urgency;
use crate::output::Stream;
use anstyle::AnsiColor;
use std::fmt::Write;

/// How to draw for one stream: with colour or not, and how wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
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

pub fn render_text(report: &Report, style: Style) -> String {
    let width = style.width;
    let mut out = String::new();
    let headline = format!(" {} ", report.headline.to_uppercase());
    let _ = writeln!(
        out,
        "{}",
        style.paint(urgency_style(report.urgency), &headline)
    );
    out.push_str(&wrap(&report.action, width, "", ""));

    if !report.reasons.is_empty() {
        let _ = writeln!(out, "\n{}", style.bold("Why"));
        for reason in &report.reasons {
            out.push_str(&wrap(&reason.message, width, "  * ", "    "));
            // Lower-level actions ("book an appointment") would contradict the headline.
            if reason.level == report.urgency && reason.action != report.action {
                out.push_str(&wrap(
                    &format!("What to do: {}", reason.action),
                    width,
                    "    ",
                    "    ",
                ));
            }
            let answers: Vec<String> = reason
                .answers
                .iter()
                .map(|e| format!("{} = {}", e.question, display_answer(&e.answer)))
                .collect();
            if !answers.is_empty() {
                out.push_str(&wrap(
                    &format!("Your answers: {}", answers.join("; ")),
                    width,
                    "    ",
                    "    ",
                ));
            }
        }
    }

    if let Some(routine) = &report.routine {
        let title = format!(
            "Your routine: {} ({})",
            routine.name,
            minutes(routine.total_seconds)
        );
        let _ = writeln!(out, "\n{}", style.bold(&title));
        out.push_str(&wrap(
            &format!("Chosen because {}.", routine.why),
            width,
            "  ",
            "  ",
        ));
        out.push_str(&wrap(
            &format!("How often: {}.", routine.how_often),
            width,
            "  ",
            "  ",
        ));
        for (n, step) in routine.steps.iter().enumerate() {
            let _ = writeln!(out);
            let title = format!("{}. {}: {}", n + 1, step.name, step.dose);
            out.push_str(&wrap(&title, width, "  ", "     "));
            out.push_str(&wrap(
                &format!("Start: {}.", step.position),
                width,
                "     ",
                "     ",
            ));
            for line in &step.instructions {
                out.push_str(&wrap(line, width, "     - ", "       "));
            }
            for caution in &step.cautions {
                out.push_str(&wrap(
                    &format!("Take care: {caution}"),
                    width,
                    "     ",
                    "     ",
                ));
            }
        }
        if !routine.left_out.is_empty() {
            let _ = writeln!(out);
        }
        for left in &routine.left_out {
            let text = match &left.replaced_by_name {
                Some(alt) => format!(
                    "{} is swapped for {} because {}.",
                    left.name, alt, left.because
                ),
                None => format!("{} is left out because {}.", left.name, left.because),
            };
            out.push_str(&wrap(&text, width, "  Note: ", "        "));
        }
    } else if let Some(why) = &report.no_routine {
        if report.urgency.allows_routine() {
            let _ = writeln!(out);
            out.push_str(&wrap(why, width, "", ""));
        }
    }

    if !report.advice.is_empty() {
        let _ = writeln!(out, "\n{}", style.bold("Tips"));
        for tip in &report.advice {
            out.push_str(&wrap(tip, width, "  * ", "    "));
        }
    }
    if !report.safety_net.is_empty() {
        let _ = writeln!(out, "\n{}", style.bold("Get help if things change"));
        for line in &report.safety_net {
            out.push_str(&wrap(line, width, "  * ", "    "));
        }
    }
    if !report.ignored_answers.is_empty() {
        let text = format!(
            "Ignored answers to questions that would not be asked: {}.",
            report.ignored_answers.join(", ")
        );
        let _ = writeln!(out);
        out.push_str(&wrap(&text, width, "", ""));
    }
    let _ = writeln!(out);
    out.push_str(&wrap(&report.disclaimer, width, "", ""));
    out
}

/// An answer as a person would say it: yes, no, a choice id, a list, a number.
pub(crate) fn display_answer(value: &serde_json::Value) -> String {
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
