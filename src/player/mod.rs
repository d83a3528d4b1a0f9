//! `routine play`: guides a person through a routine with a countdown for every hold.
//!
//! [`session::Session`] is the pure state; [`run`] drives it with time and keys from a
//! [`PlayerIo`], which is the terminal in real use and a fake clock in tests. [`play`] returns
//! what happened ([`Played`]); printing it and choosing the exit code is the binary's job.

pub mod plan;
pub mod session;
mod terminal;
mod view;

pub use plan::{Plan, Segment, Side};
pub use session::{Key, Session, StepOutcome};
pub use terminal::TerminalIo;
pub use view::summary_line;

use crate::engine::ResolvedStep;
use crate::figure::{Glyphs, terminal_figure};
use crate::interrupt::Interrupted;
use crate::knowledge::KnowledgeBase;
use crate::report::minutes;
use anyhow::Result;
use std::time::Duration;

/// Routine time before the first step, to get into position.
pub const LEAD_IN_SECONDS: u64 = 5;

/// Time and keys, and somewhere to draw.
pub trait PlayerIo {
    /// Waits up to `timeout` for a key press.
    fn key(&mut self, timeout: Duration) -> Result<Option<Key>, Interrupted>;
    /// Monotonic time since some fixed start.
    fn now(&self) -> Duration;
    /// Draws `text` (which carries its own `\r\n` line ends).
    fn write(&mut self, text: &str);
    /// Columns to wrap cue lines to.
    fn width(&self) -> usize {
        crate::output::REDIRECTED_WIDTH
    }
    /// Columns of the line the countdown is redrawn on: it must never wrap, or every tick would
    /// add a line.
    fn columns(&self) -> usize {
        crate::output::REDIRECTED_WIDTH
    }
}

/// Which clock times the holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The wall clock.
    Real,
    /// For tests of the binary (hidden `--fake-clock`): every wait for a key lasts at most a few
    /// milliseconds but counts in full, so a routine runs many times faster and its timings
    /// do not depend on how busy the machine is. Keys still come from the terminal.
    Stepping,
}

/// Where and how to play, as the binary found things.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stage {
    /// Keys come from a terminal and the countdown can be drawn on one (standard error). Without
    /// one the routine is returned as a timetable instead.
    pub on_terminal: bool,
    /// Columns to wrap cues to.
    pub width: usize,
    /// Columns of the terminal, for the countdown line (may be far fewer than `width`).
    pub columns: usize,
    /// Which clock times the holds.
    pub clock: Clock,
    /// Routine seconds per real second (`--speed`).
    pub speed: f64,
    /// Draw each step's figure with these characters; `None` with `--no-figures`.
    pub figures: Option<Glyphs>,
}

/// How a routine was played.
#[derive(Debug, Clone, PartialEq)]
pub enum Played {
    /// No terminal to play on: the routine as a timetable, for standard output.
    Timetable(String),
    /// Played to the end or stopped with q; the terminal is restored.
    Finished(Summary),
}

/// What a played routine came to, for the closing line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Steps played to the end.
    pub done: usize,
    /// Steps skipped with n.
    pub skipped: usize,
    /// Steps in the routine.
    pub steps: usize,
    /// Stopped early with q.
    pub quit: bool,
    /// Time taken from the first step to the end, on the player's clock.
    pub elapsed: Duration,
}

/// `routine play ID`: the routine as written.
pub fn play(kb: &KnowledgeBase, routine: usize, stage: &Stage) -> Result<Played> {
    play_plan(
        &with_figures(Plan::from_routine(kb, routine), kb, stage),
        stage,
    )
}

/// The plan with each step's figure drawn, when the stage shows figures.
fn with_figures(mut plan: Plan, kb: &KnowledgeBase, stage: &Stage) -> Plan {
    if let Some(glyphs) = stage.figures {
        for step in &mut plan.steps {
            if let Some(pose) = kb.pose(step.stretch) {
                step.figure = terminal_figure(pose, glyphs);
            }
        }
    }
    plan
}

/// Plays the routine as resolved for one person ([`crate::engine::resolve_steps`]: alternatives
/// in, left-out stretches out).
pub fn play_resolved(
    kb: &KnowledgeBase,
    routine: usize,
    steps: &[ResolvedStep],
    stage: &Stage,
) -> Result<Played> {
    let plan = Plan::new(
        &kb.routines[routine].name,
        steps.iter().map(|s| (s.stretch, s.dose)),
        kb,
    );
    play_plan(&with_figures(plan, kb, stage), stage)
}

fn play_plan(plan: &Plan, stage: &Stage) -> Result<Played> {
    if !stage.on_terminal {
        return Ok(Played::Timetable(view::timetable(plan)));
    }
    let mut io = TerminalIo::start(stage.width, stage.columns, stage.clock)?;
    let summary = run(plan, &mut io, stage.speed);
    drop(io); // restores the terminal before anything else is printed
    Ok(Played::Finished(summary?))
}

/// Plays `plan`: a lead-in, then every segment with its countdown, reacting to keys.
#[allow(clippy::unchecked_time_subtraction)] // `PlayerIo::now` never goes back.
pub fn run(plan: &Plan, io: &mut dyn PlayerIo, speed: f64) -> Result<Summary, Interrupted> {
    io.write(&format!(
        "Get ready: {}, {} steps, {}.\r\nKeys: space pause, n skip, b back, Enter next (breaths and reps), q quit.\r\n",
        plan.title,
        plan.steps.len(),
        minutes(plan.total_seconds())
    ));
    let mut session = Session::new(plan);
    // The lead-in is a short wait that q can cut short.
    let lead_in_end = io.now() + real(Duration::from_secs(LEAD_IN_SECONDS), speed);
    io.write(&format!("Starting in {LEAD_IN_SECONDS} seconds...\r\n"));
    while io.now() < lead_in_end {
        match io.key(
            lead_in_end
                .saturating_sub(io.now())
                .min(Duration::from_millis(100)),
        )? {
            Some(Key::Quit) => session.quit = true,
            // A resize or a resume during the lead-in changes nothing: keep waiting.
            Some(Key::Redraw) | None => {}
            Some(_) => break,
        }
        if session.quit {
            break;
        }
    }

    let started = io.now();
    let mut last = started;
    let mut shown_segment = None;
    let mut last_bar = String::new();
    while !session.finished() {
        if shown_segment != Some(session.current) {
            io.write(&view::segment_header(
                plan,
                &session,
                shown_segment,
                io.width(),
            ));
            shown_segment = Some(session.current);
            last_bar.clear();
        }
        let bar = view::bar(&session, io.columns());
        if bar != last_bar {
            io.write(&bar);
            last_bar = bar;
        }
        let wait = if session.paused {
            Duration::from_millis(200)
        } else {
            real(session.remaining, speed)
        };
        let wait = wait.clamp(Duration::from_millis(1), Duration::from_millis(100));
        match io.key(wait)? {
            Some(Key::Redraw) => {
                // Draw the step again from its name, as if it had just started.
                shown_segment = None;
                last_bar.clear();
            }
            Some(key) => {
                session.press(key);
            }
            None => {}
        }
        let now = io.now();
        session.advance((now - last).mul_f64(speed));
        last = now;
    }
    io.write("\r\n");
    Ok(Summary {
        done: session.count(StepOutcome::Done),
        skipped: session.count(StepOutcome::Skipped),
        steps: plan.steps.len(),
        quit: session.quit,
        elapsed: last - started,
    })
}

/// Real time for `routine` time at `speed`.
fn real(routine: Duration, speed: f64) -> Duration {
    routine.div_f64(speed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A clock that jumps forward by each wait, and keys that arrive at set routine times.
    struct FakeIo {
        now: Duration,
        keys: VecDeque<(Duration, Key)>,
        out: String,
    }

    impl PlayerIo for FakeIo {
        fn key(&mut self, timeout: Duration) -> Result<Option<Key>, Interrupted> {
            if let Some(&(at, key)) = self.keys.front() {
                if at <= self.now + timeout {
                    self.now = self.now.max(at);
                    self.keys.pop_front();
                    return Ok(Some(key));
                }
            }
            self.now += timeout;
            Ok(None)
        }
        fn now(&self) -> Duration {
            self.now
        }
        fn write(&mut self, text: &str) {
            self.out.push_str(text);
        }
    }

    /// Plays a routine of the fixture knowledge base with keys pressed at set times (seconds
    /// from the start, lead-in included).
    fn play_with(id: &str, keys: &[(u64, Key)]) -> (Summary, String) {
        let kb = crate::fixtures::kb();
        let plan = Plan::from_routine(&kb, kb.routine_index(id).unwrap());
        let mut io = FakeIo {
            now: Duration::ZERO,
            keys: keys
                .iter()
                .map(|(s, k)| (Duration::from_secs(*s), *k))
                .collect(),
            out: String::new(),
        };
        let summary = run(&plan, &mut io, 1.0).unwrap();
        (summary, io.out)
    }

    #[test]
    fn hands_free_run_to_the_end() {
        let (summary, out) = play_with("general", &[]);
        assert_eq!(
            (summary.done, summary.skipped, summary.steps, summary.quit),
            (3, 0, 3, false)
        );
        // 30 s each side, then two steps of 6 breaths at 5 s: 120 s, to within one tick.
        assert!(
            summary.elapsed.as_secs().abs_diff(120) <= 1,
            "{:?}",
            summary.elapsed
        );
        assert!(out.contains("Step 1 of 3: Lunge, left side"), "{out}");
        assert!(out.contains("Now the right side."), "{out}");
        assert!(out.contains("Step 3 of 3: Seated cat-cow"), "{out}");
    }

    #[test]
    fn pause_adds_the_paused_time() {
        let (summary, out) = play_with("general", &[(10, Key::Pause), (40, Key::Pause)]);
        assert_eq!(summary.done, 3);
        assert!(
            summary.elapsed.as_secs().abs_diff(150) <= 1,
            "{:?}",
            summary.elapsed
        );
        assert!(out.contains("Paused"), "{out}");
    }

    #[test]
    fn skip_and_quit_are_counted() {
        let (summary, _) = play_with("general", &[(6, Key::Skip), (20, Key::Quit)]);
        assert_eq!((summary.done, summary.skipped, summary.quit), (0, 1, true));
    }

    #[test]
    fn rounds_repeat_the_step() {
        let (summary, out) = play_with("sitting", &[]);
        assert_eq!(summary.done, 2);
        assert!(out.contains("Lunge, left side, round 2 of 2"), "{out}");
    }
}
