//! A routine as people and programs see it, in the catalogue (`routine show`) or chosen for one
//! person (inside a `check` report): one view model, one JSON shape, text and Markdown
//! renderers for each place, and `routine list`. The printable sheet is in [`sheet`].

mod sheet;

use super::wrap::wrap;
use super::{Format, ListFormat, Style, minutes};
use crate::engine::{Answers, resolve_steps};
use crate::figure::Figures;
use crate::knowledge::{Dose, KnowledgeBase, Stretch, condition_words};
use crate::output::{JsonLayout, json};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::fmt::{self, Write};

/// A routine as shown: in the catalogue (`routine show`) or chosen for one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutineView {
    /// The routine's id.
    pub id: String,
    /// Its title.
    pub name: String,
    /// What it is for.
    pub purpose: String,
    /// How often to do it, in plain words.
    pub how_often: String,
    /// Why this routine was chosen for this person; null in the catalogue.
    pub why: Option<String>,
    /// Every step's dose added up, in seconds.
    pub total_seconds: u32,
    /// The stretches, in order.
    pub steps: Vec<StepView>,
    /// Stretches left out for this person, and what took their place; empty in the catalogue.
    pub left_out: Vec<LeftOutView>,
}

/// One stretch of a routine, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    /// The stretch's id.
    pub stretch: String,
    /// Its title.
    pub name: String,
    /// The starting position.
    pub position: String,
    /// What the stretch works.
    pub targets: String,
    /// The dose in words: "hold 30 s, each side".
    pub dose: String,
    /// The same dose as data: measure, each side or not, rounds.
    pub timing: Dose,
    /// The dose in seconds, both sides and every round counted.
    pub seconds: u32,
    /// Effort from 1 to 10.
    pub intensity: u8,
    /// What to do, one line per step.
    pub instructions: Vec<String>,
    /// Warnings to read first.
    pub cautions: Vec<String>,
    /// The stretch this one stands in for, for this person; null in the catalogue.
    pub replaces: Option<String>,
    /// When a stretch is left out for anyone: listed in the catalogue; empty for one person,
    /// whose routine already has them applied (see [`RoutineView::left_out`]).
    pub leave_out: Vec<LeaveOutView>,
}

/// A catalogue rule: this stretch is left out when `when` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeaveOutView {
    /// The condition, in words.
    pub when: String,
    /// Why, shown to the person.
    pub because: String,
    /// The id of the stretch done instead, if any.
    pub instead: Option<String>,
    /// Its title.
    pub instead_name: Option<String>,
}

/// A stretch left out for this person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeftOutView {
    /// The id of the stretch left out.
    pub stretch: String,
    /// Its title.
    pub name: String,
    /// Why, shown to the person.
    pub because: String,
    /// The id of the stretch done instead, if any.
    pub replaced_by: Option<String>,
    /// Its title.
    pub replaced_by_name: Option<String>,
}

impl RoutineView {
    /// The routine as written, with the rules that would change it (`routine show`).
    pub fn catalogue(kb: &KnowledgeBase, routine: usize) -> RoutineView {
        let r = &kb.routines[routine];
        let steps: Vec<StepView> = r
            .steps
            .iter()
            .map(|step| {
                let s = &kb.stretches[step.stretch];
                let leave_out = s
                    .leave_out
                    .iter()
                    .map(|l| LeaveOutView {
                        when: condition_words(kb, &l.when),
                        because: l.because.clone(),
                        instead: l.instead.map(|i| kb.stretches[i].id.clone()),
                        instead_name: l.instead.map(|i| kb.stretches[i].name.clone()),
                    })
                    .collect();
                StepView {
                    leave_out,
                    ..StepView::new(s, step.dose, None)
                }
            })
            .collect();
        RoutineView::new(kb, routine, None, steps, Vec::new())
    }

    /// The routine as this person should do it: leave-out rules applied, alternatives in.
    pub fn for_person(
        kb: &KnowledgeBase,
        routine: usize,
        why: &str,
        answers: &Answers,
    ) -> RoutineView {
        let (steps, left_out) = resolve_steps(kb, routine, answers);
        let steps = steps
            .iter()
            .map(|step| {
                let replaces = step
                    .replaces
                    .as_ref()
                    .map(|(original, _)| kb.stretches[*original].id.clone());
                StepView::new(&kb.stretches[step.stretch], step.dose, replaces)
            })
            .collect();
        let left_out = left_out
            .into_iter()
            .map(|l| LeftOutView {
                stretch: kb.stretches[l.stretch].id.clone(),
                name: kb.stretches[l.stretch].name.clone(),
                because: l.because,
                replaced_by: l.replaced_by.map(|i| kb.stretches[i].id.clone()),
                replaced_by_name: l.replaced_by.map(|i| kb.stretches[i].name.clone()),
            })
            .collect();
        RoutineView::new(kb, routine, Some(why.to_owned()), steps, left_out)
    }

    fn new(
        kb: &KnowledgeBase,
        routine: usize,
        why: Option<String>,
        steps: Vec<StepView>,
        left_out: Vec<LeftOutView>,
    ) -> RoutineView {
        let r = &kb.routines[routine];
        RoutineView {
            id: r.id.clone(),
            name: r.name.clone(),
            purpose: r.purpose.clone(),
            how_often: r.how_often.clone(),
            why,
            total_seconds: steps.iter().map(|s| s.seconds).sum(),
            steps,
            left_out,
        }
    }

    /// `routine show` as text: every step with its figure (when `figures` is given), its
    /// instructions and the rules that change it.
    pub fn write_catalogue_text(
        &self,
        out: &mut impl Write,
        style: Style,
        figures: Option<Figures<'_>>,
    ) -> fmt::Result {
        let title = format!("{} ({})", self.name, minutes(self.total_seconds));
        writeln!(out, "{}", style.bold(&title))?;
        writeln!(out, "{}\nHow often: {}.", self.purpose, self.how_often)?;
        for (n, step) in self.steps.iter().enumerate() {
            writeln!(out, "\n  {}. {}: {}", n + 1, step.name, step.dose)?;
            for line in figures.map(|f| f.lines(&step.stretch)).unwrap_or_default() {
                writeln!(out, "     {line}")?;
            }
            step.write_catalogue_details(out, "     -")?;
        }
        Ok(())
    }

    /// `routine show --format markdown`, each step's figure in a code block when `figures` is
    /// given (a code block keeps the characters lined up on every Markdown viewer).
    pub fn write_catalogue_markdown(
        &self,
        out: &mut impl Write,
        figures: Option<Figures<'_>>,
    ) -> fmt::Result {
        write!(
            out,
            "# {} ({})\n\n{}\n\nHow often: {}.\n\n",
            self.name,
            minutes(self.total_seconds),
            self.purpose,
            self.how_often
        )?;
        for (n, step) in self.steps.iter().enumerate() {
            writeln!(out, "\n{}. {}: {}", n + 1, step.name, step.dose)?;
            let figure = figures.map(|f| f.lines(&step.stretch)).unwrap_or_default();
            if !figure.is_empty() {
                writeln!(out, "\n   ```text")?;
                for line in figure {
                    writeln!(out, "   {line}")?;
                }
                writeln!(out, "   ```\n")?;
            }
            step.write_catalogue_details(out, "   -")?;
        }
        Ok(())
    }

    /// The routine inside a text report: why it was chosen, the steps, what was left out.
    pub fn write_report_text(&self, out: &mut impl Write, style: Style) -> fmt::Result {
        let width = style.width;
        let title = format!(
            "Your routine: {} ({})",
            self.name,
            minutes(self.total_seconds)
        );
        writeln!(out, "\n{}", style.bold(&title))?;
        if let Some(why) = &self.why {
            out.write_str(&wrap(&format!("Chosen because {why}."), width, "  ", "  "))?;
        }
        let how_often = format!("How often: {}.", self.how_often);
        out.write_str(&wrap(&how_often, width, "  ", "  "))?;
        for (n, step) in self.steps.iter().enumerate() {
            writeln!(out)?;
            let title = format!("{}. {}: {}", n + 1, step.name, step.dose);
            out.write_str(&wrap(&title, width, "  ", "     "))?;
            let start = format!("Start: {}.", step.position);
            out.write_str(&wrap(&start, width, "     ", "     "))?;
            for line in &step.instructions {
                out.write_str(&wrap(line, width, "     - ", "       "))?;
            }
            for caution in &step.cautions {
                let caution = format!("Take care: {caution}");
                out.write_str(&wrap(&caution, width, "     ", "     "))?;
            }
        }
        if !self.left_out.is_empty() {
            writeln!(out)?;
        }
        for left in &self.left_out {
            out.write_str(&wrap(&left.sentence(), width, "  Note: ", "        "))?;
        }
        Ok(())
    }

    /// The routine inside a Markdown report.
    pub fn write_report_markdown(&self, out: &mut impl Write) -> fmt::Result {
        writeln!(
            out,
            "## Routine: {} ({})\n",
            self.name,
            minutes(self.total_seconds)
        )?;
        match &self.why {
            Some(why) => writeln!(out, "{} Chosen because {why}.\n", self.purpose)?,
            None => writeln!(out, "{}\n", self.purpose)?,
        }
        writeln!(out, "How often: {}.\n", self.how_often)?;
        for (n, step) in self.steps.iter().enumerate() {
            writeln!(
                out,
                "{}. **{}**: {}. Start: {}.",
                n + 1,
                step.name,
                step.dose,
                step.position
            )?;
            for line in &step.instructions {
                writeln!(out, "   - {line}")?;
            }
            for caution in &step.cautions {
                writeln!(out, "   - *Take care:* {caution}")?;
            }
        }
        out.write_char('\n')?;
        for left in &self.left_out {
            writeln!(out, "> {}", left.sentence())?;
        }
        if !self.left_out.is_empty() {
            out.write_char('\n')?;
        }
        Ok(())
    }
}

impl StepView {
    fn new(stretch: &Stretch, dose: Dose, replaces: Option<String>) -> StepView {
        StepView {
            stretch: stretch.id.clone(),
            name: stretch.name.clone(),
            position: stretch.position.clone(),
            targets: stretch.targets.clone(),
            dose: dose.describe(),
            timing: dose,
            seconds: dose.total_seconds(),
            intensity: stretch.intensity,
            instructions: stretch.steps.clone(),
            cautions: stretch.cautions.clone(),
            replaces,
            leave_out: Vec::new(),
        }
    }

    /// A catalogue step's bullet lines: start, what it works, instructions, cautions, rules.
    fn write_catalogue_details(&self, out: &mut impl Write, bullet: &str) -> fmt::Result {
        writeln!(out, "{bullet} Start: {}.", self.position)?;
        writeln!(out, "{bullet} Works: {}", self.targets)?;
        for line in &self.instructions {
            writeln!(out, "{bullet} {line}")?;
        }
        for caution in &self.cautions {
            writeln!(out, "{bullet} Take care: {caution}")?;
        }
        for rule in &self.leave_out {
            let instead = rule
                .instead_name
                .as_ref()
                .map(|name| format!("; instead: {name}"))
                .unwrap_or_default();
            writeln!(
                out,
                "{bullet} Left out when {}: {}{instead}",
                rule.when, rule.because
            )?;
        }
        Ok(())
    }
}

impl LeftOutView {
    /// "X is swapped for Y because ..." or "X is left out because ...".
    fn sentence(&self) -> String {
        match &self.replaced_by_name {
            Some(alt) => format!(
                "{} is swapped for {alt} because {}.",
                self.name, self.because
            ),
            None => format!("{} is left out because {}.", self.name, self.because),
        }
    }
}

/// `routine show ID` in `format`, with a figure per step in text and Markdown when `figures` is
/// given.
pub fn render_routine(
    view: &RoutineView,
    format: Format,
    style: Style,
    figures: Option<Figures<'_>>,
) -> serde_json::Result<String> {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = match format {
        Format::Json => return json(view, JsonLayout::Pretty),
        Format::Text => view.write_catalogue_text(&mut out, style, figures),
        Format::Markdown => view.write_catalogue_markdown(&mut out, figures),
    };
    Ok(out)
}

/// `routine list`: each routine's id, name, purpose and length.
pub fn render_routine_list(kb: &KnowledgeBase, format: ListFormat) -> serde_json::Result<String> {
    match format {
        ListFormat::Json => {
            let list: Vec<_> = kb
                .routines
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id,
                        "name": r.name,
                        "purpose": r.purpose,
                        "total_seconds": r.total_seconds(),
                        "steps": r.steps.len(),
                    })
                })
                .collect();
            json(&json!({ "routines": list }), JsonLayout::Pretty)
        }
        ListFormat::Text => {
            let mut out = String::new();
            // Writing to a String cannot fail.
            for r in &kb.routines {
                let length = minutes(r.total_seconds());
                let _ = writeln!(out, "{:<20} {} ({length})", r.id, r.name);
                let _ = writeln!(out, "{:<20} {}", "", r.purpose);
            }
            let _ = writeln!(
                out,
                "\nPictures: `backcare routine show ID` draws each step; \
                 `backcare routine print ID > sheet.html` makes a one-page sheet to print."
            );
            Ok(out)
        }
    }
}
