//! A routine laid out in time: one segment per side per round of every step.

use crate::knowledge::{Dose, KnowledgeBase, Measure};

/// One step as the player shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    /// The stretch's name.
    pub name: String,
    /// A few lines to glance at: the starting position and the instructions.
    pub cues: Vec<String>,
    /// How much to do.
    pub dose: Dose,
    /// The stretch's figure for the terminal, one string per line; empty when figures are off.
    pub figure: Vec<String>,
    /// Index into `KnowledgeBase::stretches`, to draw the figure from.
    pub stretch: usize,
}

/// Which side a segment works, for stretches done on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The left side, always done first.
    Left,
    /// The right side.
    Right,
}

/// A stretch of time with one instruction: hold, or breathe or repeat at a suggested pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Position in [`Plan::steps`].
    pub step: usize,
    /// `None` for a stretch not done on each side.
    pub side: Option<Side>,
    /// 1-based round of this step.
    pub round: u32,
    /// How long it lasts, in routine seconds.
    pub seconds: u32,
    /// True for breaths and repetitions: Enter moves on sooner.
    pub paced: bool,
}

/// A routine ready to play: its title and steps, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The routine's name.
    pub title: String,
    /// The steps, in order.
    pub steps: Vec<PlanStep>,
}

impl Plan {
    /// The routine as written (for `routine play`, where nothing is known about the person).
    pub fn from_routine(kb: &KnowledgeBase, routine: usize) -> Plan {
        let r = &kb.routines[routine];
        Plan::new(&r.name, r.steps.iter().map(|s| (s.stretch, s.dose)), kb)
    }

    /// A plan titled `title` of `(stretch, dose)` steps, taking names and cues from `kb`.
    pub fn new(
        title: &str,
        steps: impl IntoIterator<Item = (usize, Dose)>,
        kb: &KnowledgeBase,
    ) -> Plan {
        let steps = steps
            .into_iter()
            .map(|(stretch, dose)| {
                let s = &kb.stretches[stretch];
                let mut cues = vec![format!("Start: {}.", s.position)];
                cues.extend(s.steps.iter().cloned());
                PlanStep {
                    name: s.name.clone(),
                    cues,
                    dose,
                    figure: Vec::new(),
                    stretch,
                }
            })
            .collect();
        Plan {
            title: title.to_owned(),
            steps,
        }
    }

    /// The segments in playing order: for each step, each round, each side.
    pub fn segments(&self) -> Vec<Segment> {
        let mut out = Vec::new();
        for (step, s) in self.steps.iter().enumerate() {
            let sides: &[Option<Side>] = if s.dose.each_side {
                &[Some(Side::Left), Some(Side::Right)]
            } else {
                &[None]
            };
            for round in 1..=s.dose.rounds {
                for &side in sides {
                    out.push(Segment {
                        step,
                        side,
                        round,
                        seconds: s.dose.seconds_per_side(),
                        paced: !matches!(s.dose.measure, Measure::HoldSeconds(_)),
                    });
                }
            }
        }
        out
    }

    /// The whole routine, in seconds of routine time.
    pub fn total_seconds(&self) -> u32 {
        self.steps.iter().map(|s| s.dose.total_seconds()).sum()
    }
}
