//! A routine laid out in time: one segment per side per round of every step.

use crate::knowledge::{Dose, KnowledgeBase, Measure};

/// One step as the player shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    pub name: String,
    /// A few lines to glance at: the starting position and the instructions.
    pub cues: Vec<String>,
    pub dose: Dose,
    /// The stretch's figure for the terminal, one string per line; empty when figures are off.
    pub figure: Vec<String>,
    /// Index into `KnowledgeBase::stretches`, to draw the figure from.
    pub stretch: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// A stretch of time with one instruction: hold, or breathe or repeat at a suggested pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub step: usize,
    pub side: Option<Side>,
    /// 1-based round of this step.
    pub round: u32,
    pub seconds: u32,
    /// True for breaths and repetitions: Enter moves on sooner.
    pub paced: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub title: String,
    pub steps: Vec<PlanStep>,
}

impl Plan {
    /// The routine as written (for `routine play`, where nothing is known about the person).
    pub fn from_routine(kb: &KnowledgeBase, routine: usize) -> Plan {
        let r = &kb.routines[routine];
        Plan::new(&r.name, r.steps.iter().map(|s| (s.stretch, s.dose)), kb)
    }

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

    pub fn total_seconds(&self) -> u32 {
        self.steps.iter().map(|s| s.dose.total_seconds()).sum()
    }
}
