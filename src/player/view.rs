//! What the player draws: step headers with cues, the countdown bar, the summary, and the
//! timetable printed when there is no terminal to play on.

use super::Summary;
use super::plan::{Plan, Side};
use super::session::Session;
use crate::report::minutes;
use crate::report::wrap::wrap;
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
