//! The player's state: where in the routine we are, paused or not, what was done or skipped.
//! Pure: time and keys come in, nothing goes out but the state.

use super::plan::{Plan, Segment};
use std::time::Duration;

/// What a key press asks of the player.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Space: pause or resume.
    Pause,
    /// n or Right: skip ahead to the next step.
    Skip,
    /// b or Left: back to the previous step (or the start of this one).
    Back,
    /// Enter: move on from a breath or repetition step sooner.
    Next,
    /// q or Esc: stop, with the summary.
    Quit,
    /// Not a key: the terminal was resized or the process resumed after Ctrl-Z, so the screen
    /// must be drawn again. Changes nothing in the session.
    Redraw,
}

/// Where a routine being played stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Every segment of the plan, in playing order.
    pub segments: Vec<Segment>,
    /// Index into `segments`; equal to its length when finished.
    pub current: usize,
    /// Routine time left in the current segment.
    pub remaining: Duration,
    /// Paused with space; the countdown stands still.
    pub paused: bool,
    /// Stopped with q.
    pub quit: bool,
    /// Per step: finished, skipped, or neither (not reached).
    pub outcome: Vec<StepOutcome>,
}

/// What became of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepOutcome {
    /// Not got to yet (or stopped before).
    NotReached,
    /// Played to the end.
    Done,
    /// Skipped with n.
    Skipped,
}

impl Session {
    /// At the start of `plan`'s first segment, running.
    pub fn new(plan: &Plan) -> Session {
        let segments = plan.segments();
        let remaining = segments.first().map_or(Duration::ZERO, |s| {
            Duration::from_secs(u64::from(s.seconds))
        });
        Session {
            segments,
            current: 0,
            remaining,
            paused: false,
            quit: false,
            outcome: vec![StepOutcome::NotReached; plan.steps.len()],
        }
    }

    /// Whether every segment is behind (or the person quit).
    pub fn finished(&self) -> bool {
        self.quit || self.current >= self.segments.len()
    }

    /// The segment playing now; `None` once every segment is behind.
    pub fn segment(&self) -> Option<&Segment> {
        self.segments.get(self.current)
    }

    /// Lets routine time pass; returns true when the segment changed.
    pub fn advance(&mut self, elapsed: Duration) -> bool {
        if self.paused || self.finished() {
            return false;
        }
        if elapsed < self.remaining {
            self.remaining -= elapsed;
            return false;
        }
        self.next_segment(StepOutcome::Done);
        true
    }

    /// Handles a key; returns true when the segment changed.
    pub fn press(&mut self, key: Key) -> bool {
        if self.finished() {
            return false;
        }
        match key {
            Key::Pause => {
                self.paused = !self.paused;
                false
            }
            Key::Quit => {
                self.quit = true;
                true
            }
            Key::Next if self.segment().is_some_and(|s| s.paced) => {
                self.next_segment(StepOutcome::Done);
                true
            }
            Key::Next | Key::Redraw => false,
            Key::Skip => {
                let step = self.segments[self.current].step;
                self.outcome[step] = StepOutcome::Skipped;
                while self.segment().is_some_and(|s| s.step == step) {
                    self.current += 1;
                }
                self.start_segment();
                true
            }
            Key::Back => {
                let step = self.segments[self.current].step;
                let first_of_step = self
                    .segments
                    .iter()
                    .position(|s| s.step == step)
                    .unwrap_or(0);
                // Within a step's first moments, back means the previous step; later it restarts this one.
                let target_step = if self.current == first_of_step && step > 0 {
                    step - 1
                } else {
                    step
                };
                self.current = self
                    .segments
                    .iter()
                    .position(|s| s.step == target_step)
                    .unwrap_or(0);
                for outcome in &mut self.outcome[target_step..] {
                    *outcome = StepOutcome::NotReached;
                }
                self.start_segment();
                true
            }
        }
    }

    fn next_segment(&mut self, outcome: StepOutcome) {
        let step = self.segments[self.current].step;
        self.current += 1;
        // A step is done when its last segment ends (unless it was skipped part-way).
        if self.segment().is_none_or(|s| s.step != step)
            && self.outcome[step] != StepOutcome::Skipped
        {
            self.outcome[step] = outcome;
        }
        self.start_segment();
    }

    fn start_segment(&mut self) {
        self.paused = false;
        self.remaining = self.segment().map_or(Duration::ZERO, |s| {
            Duration::from_secs(u64::from(s.seconds))
        });
    }

    /// How many steps ended with `outcome`.
    pub fn count(&self, outcome: StepOutcome) -> usize {
        self.outcome.iter().filter(|o| **o == outcome).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::player::plan::Side;

    /// A routine of the fixture knowledge base: `sitting` (6 breaths, then 20 s each side for
    /// two rounds) or `general` (30 s each side, then two 6-breath steps).
    fn plan(id: &str) -> Plan {
        let kb = crate::fixtures::kb();
        Plan::from_routine(&kb, kb.routine_index(id).unwrap())
    }

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn one_sided_stretches_go_left_then_right_for_every_round() {
        let p = plan("sitting");
        let lunge: Vec<(Option<Side>, u32, u32)> = p
            .segments()
            .iter()
            .filter(|s| s.step == 1)
            .map(|s| (s.side, s.round, s.seconds))
            .collect();
        assert_eq!(
            lunge,
            vec![
                (Some(Side::Left), 1, 20),
                (Some(Side::Right), 1, 20),
                (Some(Side::Left), 2, 20),
                (Some(Side::Right), 2, 20),
            ]
        );
    }

    #[test]
    fn time_runs_the_whole_routine_to_done() {
        let p = plan("general");
        let mut s = Session::new(&p);
        let mut changes = 0;
        for _ in 0..p.total_seconds() + 5 {
            changes += usize::from(s.advance(SECOND));
        }
        assert!(s.finished());
        assert_eq!(changes, s.segments.len());
        assert_eq!(s.count(StepOutcome::Done), 3);
    }

    #[test]
    fn pause_stops_the_clock_until_resumed() {
        let mut s = Session::new(&plan("general"));
        s.advance(3 * SECOND);
        let left = s.remaining;
        s.press(Key::Pause);
        s.advance(30 * SECOND);
        assert_eq!(s.remaining, left);
        assert_eq!(s.current, 0);
        s.press(Key::Pause);
        s.advance(SECOND);
        assert_eq!(Some(s.remaining), left.checked_sub(SECOND));
    }

    #[test]
    fn skip_moves_to_the_next_step_and_records_it() {
        // general starts with the lunge on each side; then 6 breaths (30 s).
        let mut s = Session::new(&plan("general"));
        s.press(Key::Skip);
        assert_eq!(s.segment().map(|g| g.step), Some(1));
        assert_eq!(s.outcome[0], StepOutcome::Skipped);
        assert_eq!(s.remaining, Duration::from_secs(30));
    }

    #[test]
    fn back_restarts_a_step_then_goes_to_the_one_before() {
        let mut s = Session::new(&plan("general"));
        s.advance(31 * SECOND); // lunge left done, now right
        s.advance(30 * SECOND); // lunge right done: step 0 is done
        assert_eq!(s.outcome[0], StepOutcome::Done);
        s.advance(5 * SECOND);
        s.press(Key::Back); // first segment of step 1: back to step 0
        assert_eq!(
            s.segment().map(|g| (g.step, g.side)),
            Some((0, Some(Side::Left)))
        );
        assert_eq!(s.outcome[0], StepOutcome::NotReached);
        s.advance(31 * SECOND); // now on step 0, right side
        s.press(Key::Back); // part-way through step 0: restart it
        assert_eq!(s.current, 0);
    }

    #[test]
    fn enter_moves_on_only_from_paced_steps() {
        let mut s = Session::new(&plan("general"));
        assert!(!s.press(Key::Next)); // a timed hold: Enter does nothing
        let mut s = Session::new(&plan("sitting")); // starts with cat-cow breaths
        assert!(s.press(Key::Next));
        assert_eq!(s.outcome[0], StepOutcome::Done);
    }

    #[test]
    fn quit_finishes_with_what_was_done() {
        let mut s = Session::new(&plan("general"));
        s.press(Key::Skip);
        s.press(Key::Next);
        s.press(Key::Quit);
        assert!(s.finished());
        assert_eq!(
            (
                s.count(StepOutcome::Skipped),
                s.count(StepOutcome::Done),
                s.count(StepOutcome::NotReached)
            ),
            (1, 1, 1)
        );
    }
}
