//! The report as Markdown, for saving or sending to a clinician.

use super::text::display_answer;
use super::{Report, minutes};
use std::fmt::Write;

pub fn render_markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", report.headline);
    let _ = writeln!(out, "**Urgency:** `{}`\n", report.urgency);
    let _ = writeln!(out, "{}\n", report.action);
    if !report.reasons.is_empty() {
        let _ = writeln!(out, "## Why\n");
        for reason in &report.reasons {
            let _ = writeln!(
                out,
                "- **{}** (`{}`, {}): {}",
                reason.rule, reason.level, reason.action, reason.message
            );
            for e in &reason.answers {
                let _ = writeln!(
                    out,
                    "  - `{}` = {} ({})",
                    e.question,
                    display_answer(&e.answer),
                    e.expected
                );
            }
            let _ = writeln!(out, "  - Source: {}", reason.source);
        }
        out.push('\n');
    }
    if let Some(routine) = &report.routine {
        let _ = writeln!(
            out,
            "## Routine: {} ({})\n",
            routine.name,
            minutes(routine.total_seconds)
        );
        let _ = writeln!(out, "{} Chosen because {}.\n", routine.purpose, routine.why);
        let _ = writeln!(out, "How often: {}.\n", routine.how_often);
        for (n, step) in routine.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}**: {}. Start: {}.",
                n + 1,
                step.name,
                step.dose,
                step.position
            );
            for line in &step.instructions {
                let _ = writeln!(out, "   - {line}");
            }
            for caution in &step.cautions {
                let _ = writeln!(out, "   - *Take care:* {caution}");
            }
        }
        out.push('\n');
        for left in &routine.left_out {
            match &left.replaced_by_name {
                Some(alt) => {
                    let _ = writeln!(
                        out,
                        "> {} is swapped for {alt} because {}.",
                        left.name, left.because
                    );
                }
                None => {
                    let _ = writeln!(out, "> {} is left out because {}.", left.name, left.because);
                }
            }
        }
        if !routine.left_out.is_empty() {
            out.push('\n');
        }
    } else if let Some(why) = &report.no_routine {
        let _ = writeln!(out, "{why}\n");
    }
    for (title, lines) in [
        ("Tips", &report.advice),
        ("Get help if things change", &report.safety_net),
    ] {
        if !lines.is_empty() {
            let _ = writeln!(out, "## {title}\n");
            for line in lines {
                let _ = writeln!(out, "- {line}");
            }
            out.push('\n');
        }
    }
    if !report.ignored_answers.is_empty() {
        let _ = writeln!(
            out,
            "Ignored answers to questions that would not be asked: {}.\n",
            report.ignored_answers.join(", ")
        );
    }
    let _ = writeln!(out, "*{}*", report.disclaimer);
    out
}
