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
pub(crate) fn segment_header(
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
        for line in &step.figure {
            let _ = write!(out, "  {line}\r\n");
        }
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

/// The countdown line, redrawn in place with `\r`. It is kept shorter than the terminal's
/// `columns` (a line that reached the last column would wrap, and every tick would then add a
/// line), and every form of it for one width has the same length, so a redraw always covers the
/// one before.
pub(crate) fn bar(session: &Session, columns: usize) -> String {
    let Some(seg) = session.segment() else {
        return String::new();
    };
    // One column spare: some terminals wrap as soon as the last column is written.
    let room = columns.saturating_sub(1).max(4);
    let line_len = room.min(41);
    let secs = session.remaining.as_secs() + u64::from(session.remaining.subsec_nanos() > 0);
    let time = format!("{}:{:02}", secs / 60, secs % 60);
    let text = if session.paused {
        ["  Paused. Space to carry on.", "  Paused (space)", "Paused"]
            .into_iter()
            .find(|t| t.len() <= line_len)
            .unwrap_or("||")
            .to_owned()
    } else {
        // "  [" + bar + "] " + "m:ss left": 14 columns besides the bar (more for long holds).
        let label = format!("{time} left");
        let bar_width = line_len.saturating_sub(5 + label.len()).min(24);
        if bar_width >= 4 {
            let total = f64::from(seg.seconds.max(1));
            let left = session.remaining.as_secs_f64();
            // `bar_width` is at most 24 and `filled` is clamped to 0..=bar_width: exact both ways.
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let filled = (((total - left) / total) * bar_width as f64)
                .round()
                .clamp(0.0, bar_width as f64) as usize;
            format!(
                "  [{}{}] {label}",
                "#".repeat(filled),
                "-".repeat(bar_width - filled)
            )
        } else if label.len() + 2 <= line_len {
            format!("  {label}")
        } else {
            time
        }
    };
    format!("\r{text:<line_len$}")
}

/// The closing line after playing: steps done and skipped, and the time taken.
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
pub(crate) fn timetable(plan: &Plan) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::player::Plan;

    fn session() -> Session {
        let kb = crate::fixtures::kb();
        let plan = Plan::from_routine(&kb, kb.routine_index("general").expect("fixture routine"));
        Session::new(&plan)
    }

    #[test]
    fn a_new_step_shows_its_figure_above_its_cues() {
        let kb = crate::fixtures::kb();
        let mut plan = Plan::from_routine(&kb, kb.routine_index("general").expect("fixture"));
        let s = Session::new(&plan);
        let without = segment_header(&plan, &s, None, 80);
        plan.steps[0].figure = vec!["/\\".to_owned(), "||".to_owned()];
        let with = segment_header(&plan, &s, None, 80);
        assert!(!without.contains("  ||\r\n"));
        let figure = with
            .find("  /\\\r\n  ||\r\n")
            .expect("the figure, line by line");
        let cues = with.find("Start:").expect("the cues");
        assert!(figure < cues, "{with:?}");
    }

    #[test]
    fn the_countdown_never_reaches_the_last_column() {
        let mut s = session();
        for columns in [1, 8, 12, 20, 30, 40, 41, 42, 80, 200] {
            for paused in [false, true] {
                s.paused = paused;
                let line = bar(&s, columns);
                let shown = line.trim_start_matches('\r').chars().count();
                assert!(
                    shown < columns.max(5),
                    "{columns} columns, paused {paused}: {line:?} is {shown} wide"
                );
            }
            // Running and paused lines are the same length, so one always covers the other.
            s.paused = false;
            let running = bar(&s, columns).chars().count();
            s.paused = true;
            assert_eq!(running, bar(&s, columns).chars().count(), "{columns}");
        }
    }

    #[test]
    fn the_countdown_shrinks_its_bar_before_its_time() {
        let s = session();
        let full = format!("\r  [{}] 0:30 left", "-".repeat(24));
        assert_eq!(bar(&s, 80), format!("{full}   "));
        assert_eq!(bar(&s, 40), format!("{full} "));
        assert_eq!(bar(&s, 20), "\r  [-----] 0:30 left");
        assert_eq!(bar(&s, 12), "\r  0:30 left");
        assert_eq!(bar(&s, 8), "\r0:30   ");
    }
}
