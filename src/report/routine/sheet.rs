//! The printable sheet: one page a physiotherapist would hand out, with the routine's figures,
//! doses, how often, the cautions, a 14-day tick grid and when to stop and get help.
//!
//! One self-contained HTML file: inline CSS and inline SVG, the system's own fonts, no script,
//! no link to anything. Black on white, so a black-and-white printer loses nothing. The page is
//! A4 with 12 mm margins and the content is sized to fit the smaller Letter page too; the
//! browser test (`tests/e2e/print-sheet.sh`) prints every shipped routine and checks for one page.

use super::{RoutineView, StepView};
use crate::figure::scene::bounds;
use crate::figure::{figure_svg, xml_escape};
use crate::model::KnowledgeBase;
use crate::report::minutes;
use std::fmt::Write;

/// Days in the tick grid: two weeks, the usual span before a review.
const DAYS: u32 = 14;
/// A figure wider than this (width over height) goes above its text, not beside it.
const WIDE: f64 = 2.4;
/// Up to this many steps, each gets a full-width row.
const FEW: usize = 4;
/// At most this many characters of cues per step, so six steps still fit one page (more room
/// when the steps are few).
const CUE_CHARS: usize = 150;
const CUE_CHARS_FEW: usize = 200;

const CSS: &str = "\
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  font-size: 8.3pt; line-height: 1.25; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { width: 186mm; }
header { border-bottom: 1.5pt solid #000; padding-bottom: 1.2mm; margin-bottom: 2mm; }
h1 { font-size: 15pt; margin: 0 0 1mm; line-height: 1.15; }
.purpose { margin: 0 0 1mm; }
.meta { display: flex; justify-content: space-between; gap: 4mm; font-size: 9pt; }
.meta b { font-weight: 700; }
.fill { display: inline-block; border-bottom: 0.6pt solid #000; width: 38mm; }
.changed { margin: 0 0 2mm; padding-left: 4mm; font-size: 7.8pt; }
.steps { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm; }
.step { border: 0.8pt solid #000; border-radius: 2mm; padding: 1.4mm 2mm; break-inside: avoid; }
.step.tall { display: grid; grid-template-columns: 36mm 1fr; gap: 2mm; align-items: start; }
.step h2 { font-size: 10pt; margin: 0 0 0.6mm; line-height: 1.2; }
.num { display: inline-block; min-width: 4.6mm; height: 4.6mm; border-radius: 50%; background: #000;
  color: #fff; text-align: center; font-size: 8pt; line-height: 4.6mm; margin-right: 1mm; }
.fig svg { display: block; max-width: 100%; height: auto; }
.step.tall .fig svg { max-height: 32mm; margin: 0 auto; }
.step.wide .fig svg { max-height: 16mm; width: auto; margin: 0 auto 0.5mm; }
.few { grid-template-columns: 1fr; }
.few .step, .few .step.tall { display: grid; grid-template-columns: 104mm 1fr; gap: 3mm; align-items: center; }
.few .step .fig svg, .few .step.tall .fig svg, .few .step.wide .fig svg { max-height: 36mm; max-width: 100%; width: auto; margin: 0 auto; }
.dose { font-weight: 700; margin: 0 0 0.6mm; }
.cues { margin: 0; padding-left: 3.6mm; }
.cues li { margin: 0; }
.care { margin: 0.8mm 0 0; font-style: italic; }
h3 { font-size: 9.5pt; margin: 2mm 0 0.8mm; }
table.grid { border-collapse: collapse; width: 100%; table-layout: fixed; }
.grid th, .grid td { border: 0.6pt solid #000; height: 4.8mm; padding: 0 1mm; font-size: 7.8pt; }
.grid th { font-weight: 700; text-align: center; }
.grid td.name, .grid th.name { width: 58mm; text-align: left; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.net { border: 1.5pt solid #000; padding: 1.2mm 2.5mm; margin-top: 2mm; font-size: 7.8pt; }
.net h3 { margin: 0 0 0.8mm; }
.net ul { margin: 0; padding-left: 4mm; }
.disclaimer { font-size: 7pt; margin: 1.2mm 0 0; }
";

impl RoutineView {
    /// The routine as written, with the knowledge base's standing safety net (the lines that
    /// hold for everyone), for `routine print`.
    pub fn catalogue_sheet(kb: &KnowledgeBase, routine: usize) -> String {
        let view = RoutineView::catalogue(kb, routine);
        let net: Vec<String> = kb
            .safety_net
            .iter()
            .filter(|line| line.when.is_none())
            .map(|line| line.text.clone())
            .collect();
        view.sheet_html(kb, &net, &kb.disclaimer)
    }

    /// This routine as one printable HTML page; `safety_net` and `disclaimer` are the lines the
    /// person's report carries (or the standing ones, for the catalogue).
    pub fn sheet_html(
        &self,
        kb: &KnowledgeBase,
        safety_net: &[String],
        disclaimer: &str,
    ) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let title = xml_escape(&self.name);
        // Up to four steps leave room for a row each, with bigger figures and more cues, unless
        // notes of what was changed for this person take that room.
        let few = self.steps.len() <= FEW && self.left_out.is_empty();
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main class=\"sheet\">\n<header>\n<h1>{title}</h1>\n<p class=\"purpose\">{}</p>\n<div class=\"meta\"><span><b>How often:</b> {}. <b>Takes:</b> {}.</span><span>Name: <span class=\"fill\"></span></span></div>\n</header>\n",
            xml_escape(&self.purpose),
            xml_escape(self.how_often.trim_end_matches('.')),
            minutes(self.total_seconds),
        );
        if !self.left_out.is_empty() {
            out.push_str("<ul class=\"changed\">\n");
            for left in &self.left_out {
                let _ = writeln!(out, "<li>{}</li>", xml_escape(&left.sentence()));
            }
            out.push_str("</ul>\n");
        }
        let _ = writeln!(
            out,
            "<section class=\"steps{}\">",
            if few { " few" } else { "" }
        );
        for (n, step) in self.steps.iter().enumerate() {
            write_step(&mut out, kb, n + 1, step, few);
        }
        out.push_str("</section>\n");
        self.write_grid(&mut out);
        if !safety_net.is_empty() {
            out.push_str("<section class=\"net\">\n<h3>Stop and get help</h3>\n<ul>\n");
            for line in safety_net {
                let _ = writeln!(out, "<li>{}</li>", xml_escape(line));
            }
            out.push_str("</ul>\n</section>\n");
        }
        let _ = write!(
            out,
            "<p class=\"disclaimer\">{}</p>\n</main>\n</body>\n</html>\n",
            xml_escape(disclaimer)
        );
        out
    }

    /// A row per step and a box per day to tick.
    fn write_grid(&self, out: &mut String) {
        out.push_str("<h3>Tick a box each day you do it</h3>\n<table class=\"grid\">\n<tr><th class=\"name\">Day</th>");
        for day in 1..=DAYS {
            let _ = write!(out, "<th>{day}</th>");
        }
        out.push_str("</tr>\n");
        for (n, step) in self.steps.iter().enumerate() {
            let _ = write!(
                out,
                "<tr><td class=\"name\">{}. {}</td>",
                n + 1,
                xml_escape(&step.name)
            );
            for _ in 1..=DAYS {
                out.push_str("<td></td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
}

/// One step's card: number and name, the figure, the dose, the key cues and the first caution.
fn write_step(out: &mut String, kb: &KnowledgeBase, n: usize, step: &StepView, few: bool) {
    let pose = kb.stretch_index(&step.stretch).and_then(|i| kb.pose(i));
    // With few steps every card is a row: figure left, text right.
    let wide = !few
        && pose.is_some_and(|p| {
            let b = bounds(p);
            let frames = if p.frames.len() > 1 { 2.0 } else { 1.0 };
            frames * b.width() / b.height().max(1.0) > WIDE
        });
    let name = xml_escape(&step.name);
    let _ = writeln!(
        out,
        "<article class=\"step {}\">",
        if wide { "wide" } else { "tall" }
    );
    let figure = pose.map(|p| {
        // The sheet shows start and end only; a middle frame would crowd the card.
        let mut shown = p.clone();
        if shown.frames.len() > 2 {
            shown.frames.remove(1);
        }
        figure_svg(&shown, &step.name, None)
    });
    let heading = format!("<h2><span class=\"num\">{n}</span>{name}</h2>\n");
    if wide {
        out.push_str(&heading);
    }
    if let Some(svg) = figure {
        let _ = writeln!(out, "<div class=\"fig\">{svg}</div>");
    }
    out.push_str("<div class=\"text\">\n");
    if !wide {
        out.push_str(&heading);
    }
    let _ = writeln!(
        out,
        "<p class=\"dose\">{}</p>",
        xml_escape(&capital(&step.dose))
    );
    out.push_str("<ul class=\"cues\">\n");
    let room = if few { CUE_CHARS_FEW } else { CUE_CHARS };
    for cue in key_cues(&step.instructions, room) {
        let _ = writeln!(out, "<li>{}</li>", xml_escape(cue));
    }
    out.push_str("</ul>\n");
    if let Some(caution) = step.cautions.first() {
        let _ = writeln!(
            out,
            "<p class=\"care\">Take care: {}</p>",
            xml_escape(caution)
        );
    }
    out.push_str("</div>\n</article>\n");
}

/// The one or two instructions that carry the movement: those after the setting-up line, as
/// many as fit in `room` characters.
fn key_cues(instructions: &[String], room: usize) -> Vec<&str> {
    let candidates = if instructions.len() > 2 {
        &instructions[1..]
    } else {
        instructions
    };
    let mut used = 0;
    let mut cues = Vec::new();
    for cue in candidates.iter().take(2) {
        if !cues.is_empty() && used + cue.len() > room {
            break;
        }
        used += cue.len();
        cues.push(cue.as_str());
    }
    cues
}

/// "hold 30 s" -> "Hold 30 s".
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
