//! What the player and `routine list`/`show` print.

use super::Summary;
use super::plan::{Plan, Side};
use super::session::Session;
use crate::knowledge::{KnowledgeBase, condition_words};
use crate::report::wrap::wrap;
use crate::report::{Format as ReportFormat, ListFormat};
use crate::report::{Style, minutes};
use serde_json::json;
use std::fmt::Write;

/// The lines shown when a segment starts: the step's name and cues the first time, a switch cue
/// for the second side, the round on later rounds.
pub fn segment_header(
    plan: &Plan,
    session: &Session,
    previous: Option<usize>,
    width: usize,
) -> String {
    let Some(seg) = session.segment() else {
        return String::new();
    };
    let step = &plan.steps[seg.step];
    let mut out = String::from("\r\n");
    let new_step = previous.is_none_or(|p| session.segments[p].step != seg.step);
    let side = match seg.side {
        Some(Side::Left) => ", left side",
        Some(Side::Right) => ", right side",
        None => "",
    };
    let round = if step.dose.rounds > 1 {
        format!(", round {} of {}", seg.round, step.dose.rounds)
    } else {
        String::new()
    };
    if new_step {
        let _ = write!(
            out,
            "Step {} of {}: {}{side}{round}\r\n",
            seg.step + 1,
            plan.steps.len(),
            step.name
        );
        for cue in &step.cues {
            // Raw mode needs \r\n line ends.
            out.push_str(&wrap(cue, width, "  ", "    ").replace('\n', "\r\n"));
        }
    } else if seg.side == Some(Side::Right) {
        let _ = write!(out, "Now the right side.{round}\r\n");
    } else {
        let _ = write!(out, "{}{side}{round}\r\n", step.name);
    }
    if seg.paced {
        let _ = write!(
            out,
            "  {} at an easy pace; Enter when you are done.\r\n",
            step.dose.describe()
        );
    }
    out
}

/// The countdown line, redrawn in place.
pub fn bar(session: &Session) -> String {
    let Some(seg) = session.segment() else {
        return String::new();
    };
    if session.paused {
        return "\r  Paused. Space to carry on.                         ".to_owned();
    }
    let total = f64::from(seg.seconds.max(1));
    let left = session.remaining.as_secs_f64();
    let width = 24;
    let filled = (((total - left) / total) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    let secs = session.remaining.as_secs() + u64::from(session.remaining.subsec_nanos() > 0);
    format!(
        "\r  [{}{}] {}:{:02} left   ",
        "#".repeat(filled),
        "-".repeat(width - filled),
        secs / 60,
        secs % 60
    )
}

pub fn summary_line(summary: &Summary) -> String {
    let secs = summary.elapsed.as_secs();
    let ending = if summary.quit {
        "Stopped early"
    } else {
        "Routine finished"
    };
    format!(
        "{ending}: {} of {} steps done, {} skipped, {}:{:02} taken. Well done for moving.",
        summary.done,
        summary.steps,
        summary.skipped,
        secs / 60,
        secs % 60
    )
}

/// The plan printed as a timetable, for when there is no terminal to play on.
pub fn timetable(plan: &Plan) -> String {
    let mut out = format!(
        "{}: {} steps, {}\n",
        plan.title,
        plan.steps.len(),
        minutes(plan.total_seconds())
    );
    let mut at = 0;
    for (i, step) in plan.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>2}:{:02}  {}. {}: {}",
            at / 60,
            at % 60,
            i + 1,
            step.name,
            step.dose.describe()
        );
        at += step.dose.total_seconds();
    }
    let _ = writeln!(out, "{:>2}:{:02}  done", at / 60, at % 60);
    out
}

/// `routine list`.
pub fn listing(kb: &KnowledgeBase, format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let list: Vec<_> = kb
                .routines
                .iter()
                .map(|r| {
                    json!({ "id": r.id, "name": r.name, "purpose": r.purpose, "total_seconds": r.total_seconds(), "steps": r.steps.len() })
                })
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json!({ "routines": list })).unwrap_or_default()
            )
        }
        ListFormat::Text => {
            let mut out = String::new();
            for r in &kb.routines {
                let _ = writeln!(
                    out,
                    "{:<20} {} ({})\n{:<20} {}",
                    r.id,
                    r.name,
                    minutes(r.total_seconds()),
                    "",
                    r.purpose
                );
            }
            out
        }
    }
}

/// `routine show ID`.
pub fn show(kb: &KnowledgeBase, routine: usize, format: ReportFormat, style: Style) -> String {
    let r = &kb.routines[routine];
    let steps: Vec<_> = r
        .steps
        .iter()
        .map(|step| {
            let s = &kb.stretches[step.stretch];
            let leave_out: Vec<_> = s
                .leave_out
                .iter()
                .map(|l| {
                    json!({
                        "when": condition_words(kb, &l.when),
                        "because": l.because,
                        "instead": l.instead.map(|i| kb.stretches[i].id.clone()),
                    })
                })
                .collect();
            json!({
                "stretch": s.id,
                "name": s.name,
                "dose": step.dose.describe(),
                "timing": step.dose,
                "seconds": step.dose.total_seconds(),
                "position": s.position,
                "targets": s.targets,
                "intensity": s.intensity,
                "instructions": s.steps,
                "cautions": s.cautions,
                "leave_out": leave_out,
            })
        })
        .collect();
    let value = json!({ "id": r.id, "name": r.name, "purpose": r.purpose, "how_often": r.how_often, "total_seconds": r.total_seconds(), "steps": steps });
    if format == ReportFormat::Json {
        return format!(
            "{}\n",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    }
    let md = format == ReportFormat::Markdown;
    let mut out = if md {
        format!(
            "# {} ({})\n\n{}\n\nHow often: {}.\n\n",
            r.name,
            minutes(r.total_seconds()),
            r.purpose,
            r.how_often
        )
    } else {
        let title = format!("{} ({})", r.name, minutes(r.total_seconds()));
        format!(
            "{}\n{}\nHow often: {}.\n",
            style.bold(&title),
            r.purpose,
            r.how_often
        )
    };
    for (i, step) in r.steps.iter().enumerate() {
        let s = &kb.stretches[step.stretch];
        let bullet = if md { "   -" } else { "     -" };
        let _ = write!(
            out,
            "\n{}{}. {}: {}\n",
            if md { "" } else { "  " },
            i + 1,
            s.name,
            step.dose.describe()
        );
        let _ = writeln!(out, "{bullet} Start: {}.", s.position);
        let _ = writeln!(out, "{bullet} Works: {}", s.targets);
        for line in &s.steps {
            let _ = writeln!(out, "{bullet} {line}");
        }
        for caution in &s.cautions {
            let _ = writeln!(out, "{bullet} Take care: {caution}");
        }
        for l in &s.leave_out {
            let instead = l
                .instead
                .map(|i| format!("; instead: {}", kb.stretches[i].name))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{bullet} Left out when {}: {}{instead}",
                condition_words(kb, &l.when),
                l.because
            );
        }
    }
    out
}
