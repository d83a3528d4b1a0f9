//! Routines: `routine list`, `routine show`, and `routine play`, which guides a person through a
//! routine with a countdown for every hold.
//!
//! [`session::Session`] is the pure state; [`run`] drives it with time and keys from a
//! [`PlayerIo`], which is the terminal in real use and a fake clock in tests.

pub mod plan;
pub mod session;
mod terminal;
mod view;

pub use plan::{Plan, Segment, Side};
pub use session::{Key, Session, StepOutcome};
pub use terminal::TerminalIo;
pub use view::{listing, show};

use crate::exit::Interrupted;
use crate::knowledge::KnowledgeBase;
use crate::report::{Report, minutes};
use anyhow::Result;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::time::Duration;

/// Routine time before the first step, to get into position.
pub const LEAD_IN_SECONDS: u64 = 5;

/// Time and keys, and somewhere to draw.
pub trait PlayerIo {
    /// Waits up to `timeout` for a key press.
    fn key(&mut self, timeout: Duration) -> Result<Option<Key>, Interrupted>;
    /// Monotonic time since some fixed start.
    fn now(&self) -> Duration;
    fn write(&mut self, text: &str);
    /// Columns to wrap cue lines to.
    fn width(&self) -> usize {
        80
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub done: usize,
    pub skipped: usize,
    pub steps: usize,
    pub quit: bool,
    /// Real time from the first step to the end.
    pub elapsed: Duration,
}

/// `routine play ID`: the routine as written.
pub fn play(kb: &KnowledgeBase, routine: usize, speed: f64) -> Result<ExitCode> {
    play_plan(&Plan::from_routine(kb, routine), speed)
}

/// Plays the routine as resolved for one person (alternatives in, left-out stretches out).
pub fn play_resolved(
    kb: &KnowledgeBase,
    routine: usize,
    report: &Report,
    speed: f64,
) -> Result<ExitCode> {
    let Some(resolved) = &report.routine else {
        return play(kb, routine, speed);
    };
    let steps = resolved
        .steps
        .iter()
        .filter_map(|s| kb.stretch_index(&s.stretch).map(|i| (i, s.timing)));
    play_plan(&Plan::new(&resolved.name, steps, kb), speed)
}

fn play_plan(plan: &Plan, speed: f64) -> Result<ExitCode> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        crate::app::emit(&view::timetable(plan))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut io = TerminalIo::start()?;
    let summary = run(plan, &mut io, speed);
    drop(io); // restores the terminal before anything else is printed
    let summary = summary?;
    eprintln!("{}", view::summary_line(&summary));
    Ok(ExitCode::SUCCESS)
}

/// Plays `plan`: a lead-in, then every segment with its countdown, reacting to keys.
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
            Some(_) => break,
            None => {}
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
        let bar = view::bar(&session);
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
        if let Some(key) = io.key(wait)? {
            session.press(key);
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

    fn play_with(id: &str, keys: &[(u64, Key)]) -> (Summary, String) {
        let kb = KnowledgeBase::embedded().unwrap();
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
        let (summary, out) = play_with("sciatica_relief", &[]);
        assert_eq!(
            (summary.done, summary.skipped, summary.steps, summary.quit),
            (4, 0, 4, false)
        );
        // 60 + 60 + 60 s of holds and 8 breaths at 5 s: 220 s, to within one tick.
        assert!(
            summary.elapsed.as_secs().abs_diff(220) <= 1,
            "{:?}",
            summary.elapsed
        );
        let kb = crate::knowledge::KnowledgeBase::embedded().unwrap();
        let first = &kb.routines[kb.routine_index("sciatica_relief").unwrap()].steps[0];
        let name = &kb.stretches[first.stretch].name;
        assert!(
            out.contains(&format!("Step 1 of 4: {name}, left side")),
            "{out}"
        );
        assert!(out.contains("Now the right side."), "{out}");
        assert!(out.contains("Step 4 of 4: Cat-cow"), "{out}");
    }

    #[test]
    fn pause_adds_the_paused_time() {
        let (summary, out) = play_with("sciatica_relief", &[(10, Key::Pause), (40, Key::Pause)]);
        assert_eq!(summary.done, 4);
        assert!(
            summary.elapsed.as_secs().abs_diff(250) <= 1,
            "{:?}",
            summary.elapsed
        );
        assert!(out.contains("Paused"), "{out}");
    }

    #[test]
    fn skip_and_quit_are_counted() {
        let (summary, _) = play_with("sciatica_relief", &[(6, Key::Skip), (20, Key::Quit)]);
        assert_eq!((summary.done, summary.skipped, summary.quit), (0, 1, true));
    }

    #[test]
    fn rounds_repeat_the_step() {
        let (summary, out) = play_with("after_sitting", &[]);
        assert_eq!(summary.done, 4);
        assert!(
            out.contains("Standing psoas lunge at a wall, left side, round 3 of 3"),
            "{out}"
        );
    }
}
