//! The report as Markdown, for saving or sending to a clinician.

use super::Report;
use super::text::display_answer;
use std::fmt;

/// The report as Markdown: `MarkdownReport(&report).to_string()`, or [`render_markdown`].
pub struct MarkdownReport<'a>(pub &'a Report);

impl fmt::Display for MarkdownReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.0;
        writeln!(f, "# {}\n", report.headline)?;
        writeln!(f, "**Urgency:** `{}`\n", report.urgency)?;
        writeln!(f, "{}\n", report.action)?;
        self.reasons(f)?;
        if let Some(routine) = &report.routine {
            routine.write_report_markdown(f)?;
        } else if let Some(why) = &report.no_routine {
            writeln!(f, "{why}\n")?;
        }
        for (title, lines) in [
            ("Tips", &report.advice),
            ("Get help if things change", &report.safety_net),
        ] {
            if !lines.is_empty() {
                writeln!(f, "## {title}\n")?;
                for line in lines {
                    writeln!(f, "- {line}")?;
                }
                writeln!(f)?;
            }
        }
        self.record(f)?;
        if !report.ignored_answers.is_empty() {
            writeln!(
                f,
                "Ignored answers to questions that would not be asked: {}.\n",
                report.ignored_answers.join(", ")
            )?;
        }
        writeln!(f, "*{}*", report.disclaimer)
    }
}

impl MarkdownReport<'_> {
    /// Each rule that fired: its level and action, the answers that made it fire, its source.
    fn reasons(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.0;
        if report.reasons.is_empty() {
            return Ok(());
        }
        writeln!(f, "## Why\n")?;
        for reason in &report.reasons {
            writeln!(
                f,
                "- **{}** (`{}`, {}): {}",
                reason.rule, reason.level, reason.action, reason.message
            )?;
            for e in &reason.answers {
                writeln!(
                    f,
                    "  - {} **{}** (`{}` = {}; the rule looks for: {})",
                    e.question_text,
                    e.answer_text,
                    e.question,
                    display_answer(&e.answer),
                    e.expected
                )?;
            }
            writeln!(f, "  - Source: {}", reason.source)?;
        }
        writeln!(f)
    }
}

impl MarkdownReport<'_> {
    /// For the clinician: the facts about the pain, every warning sign asked and its answer, and
    /// which rules produced the result.
    fn record(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let record = &self.0.record;
        writeln!(f, "## For your clinician\n")?;
        if !record.about_the_pain.is_empty() {
            writeln!(f, "About the pain:\n")?;
            for a in &record.about_the_pain {
                writeln!(f, "- {} **{}**", a.text, a.answer_text)?;
            }
            writeln!(f)?;
        }
        writeln!(f, "{}\n", record.warning_signs_summary)?;
        if !record.warning_signs.is_empty() {
            writeln!(f, "| Warning sign asked | Answer |\n|---|---|")?;
            for a in &record.warning_signs {
                writeln!(f, "| {} | {} |", a.text.replace('|', "/"), a.answer_text)?;
            }
            writeln!(f)?;
        }
        let kb = &record.knowledge_base;
        writeln!(
            f,
            "Rules: {}, fingerprint `{}`.\n",
            kb.source, kb.fingerprint
        )
    }
}

/// The report as Markdown, for a person to keep or hand to a clinician.
pub fn render_markdown(report: &Report) -> String {
    MarkdownReport(report).to_string()
}
