//! stretches.json: the stretch catalogue, doses, and leave-out rules.

use super::{Compiler, ids};
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::{RawDose, RawStretch};
use crate::model::{Dose, LeaveOut, Measure, RuleFileKind, Stretch, Tag};
use crate::suggest::unknown_id;
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn dose(&mut self, file: RuleFileKind, path: &JsonPath, raw: &RawDose) -> Dose {
        let measures = [
            raw.hold_seconds.map(Measure::HoldSeconds),
            raw.breaths.map(Measure::Breaths),
            raw.reps.map(Measure::Reps),
        ];
        let given: Vec<Measure> = measures.into_iter().flatten().collect();
        let measure = match given.as_slice() {
            [one] => *one,
            [] => {
                self.fault(
                    file,
                    path,
                    "a dose needs one of `hold_seconds`, `breaths` or `reps`",
                );
                Measure::HoldSeconds(1)
            }
            _ => {
                self.fault(
                    file,
                    path,
                    "a dose has one measure: `hold_seconds`, `breaths` or `reps`, not several",
                );
                given[0]
            }
        };
        let amount = match measure {
            Measure::HoldSeconds(n) | Measure::Breaths(n) | Measure::Reps(n) => n,
        };
        if !(1..=600).contains(&amount) {
            self.fault(file, path, format!("{amount} is outside 1 to 600"));
        }
        let rounds = raw.rounds.unwrap_or(1);
        if !(1..=20).contains(&rounds) {
            self.fault(
                file,
                &path.key("rounds"),
                format!("{rounds} rounds is outside 1 to 20"),
            );
        }
        Dose {
            measure,
            each_side: raw.each_side,
            rounds,
        }
    }

    pub(super) fn stretches(&mut self, raw: &[RawStretch]) -> Vec<Stretch> {
        let list = JsonPath::default().key("stretches");
        let mut index = HashMap::new();
        for (i, s) in raw.iter().enumerate() {
            self.register(
                RuleFileKind::Stretches,
                &list.index(i),
                "stretch",
                &s.id,
                i,
                &mut index,
            );
        }
        self.stretch_index = index;
        let mut stretches = Vec::new();
        for (i, s) in raw.iter().enumerate() {
            let path = list.index(i);
            for (field, text) in [
                ("name", &s.name),
                ("targets", &s.targets),
                ("position", &s.position),
            ] {
                self.require_text(RuleFileKind::Stretches, &path.key(field), text);
            }
            if s.steps.is_empty() {
                self.fault(
                    RuleFileKind::Stretches,
                    &path.key("steps"),
                    "a stretch needs at least one instruction step",
                );
            }
            for (j, step) in s.steps.iter().enumerate() {
                self.require_text(RuleFileKind::Stretches, &path.key("steps").index(j), step);
            }
            for (j, caution) in s.cautions.iter().enumerate() {
                let at = path.key("cautions").index(j);
                self.require_text(RuleFileKind::Stretches, &at, caution);
            }
            if !(1..=10).contains(&s.intensity) {
                self.fault(
                    RuleFileKind::Stretches,
                    &path.key("intensity"),
                    "intensity is on a scale of 1 to 10",
                );
            }
            self.tags(&path.key("tags"), &s.tags);
            let dose = self.dose(RuleFileKind::Stretches, &path.key("dose"), &s.dose);
            let mut leave_out = Vec::new();
            for (j, l) in s.leave_out.iter().enumerate() {
                let lpath = path.key("leave_out").index(j);
                self.require_text(RuleFileKind::Stretches, &lpath.key("because"), &l.because);
                let instead = l.instead.as_deref().and_then(|alt| {
                    if alt == s.id {
                        self.fault(
                            RuleFileKind::Stretches,
                            &lpath.key("instead"),
                            "a stretch cannot be its own alternative",
                        );
                        return None;
                    }
                    let found = self.stretch_index.get(alt).copied();
                    if found.is_none() {
                        let message = unknown_id("stretch", alt, ids(&self.stretch_index));
                        self.fault(RuleFileKind::Stretches, &lpath.key("instead"), message);
                    }
                    found
                });
                if let Some(when) =
                    self.condition(RuleFileKind::Stretches, &lpath.key("when"), &l.when)
                {
                    leave_out.push(LeaveOut {
                        when,
                        because: l.because.clone(),
                        instead,
                    });
                }
            }
            stretches.push(Stretch {
                id: s.id.clone(),
                name: s.name.clone(),
                targets: s.targets.clone(),
                position: s.position.clone(),
                family: s.family,
                tags: s.tags.clone(),
                steps: s.steps.clone(),
                dose,
                intensity: s.intensity,
                cautions: s.cautions.clone(),
                leave_out,
            });
        }
        stretches
    }

    /// Every stretch says at least its position; a tag listed twice is a slip.
    fn tags(&mut self, path: &JsonPath, tags: &[Tag]) {
        if tags.is_empty() {
            self.fault(
                RuleFileKind::Stretches,
                path,
                "a stretch needs at least one tag, its position (for example `standing`)",
            );
        }
        for (i, tag) in tags.iter().enumerate() {
            if tags[..i].contains(tag) {
                self.fault(
                    RuleFileKind::Stretches,
                    &path.index(i),
                    format!("tag `{tag}` is listed twice"),
                );
            }
        }
    }
}
