//! routines.json: routines, their steps and selection rules, and withhold rules.

use super::{Compiler, ids};
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::{RawRoutine, RawWithhold, RoutinesFile};
use crate::model::{Routine, RuleFileKind, Selection, Step, Stretch, TooFewSteps, Withhold};
use crate::suggest::unknown_id;
use std::collections::HashMap;

/// Most steps in one routine: far more than a person does in one go.
pub(crate) const MAX_STEPS: usize = 50;

impl Compiler<'_> {
    pub(super) fn routines(&mut self, raw: &[RawRoutine], stretches: &[Stretch]) -> Vec<Routine> {
        let list = JsonPath::default().key("routines");
        let mut index = HashMap::new();
        let mut routines = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(
                RuleFileKind::Routines,
                &path,
                "routine",
                &r.id,
                i,
                &mut index,
            );
            for (field, text) in [
                ("name", &r.name),
                ("purpose", &r.purpose),
                ("how_often", &r.how_often),
            ] {
                self.require_text(RuleFileKind::Routines, &path.key(field), text);
            }
            if r.steps.is_empty() {
                self.fault(
                    RuleFileKind::Routines,
                    &path.key("steps"),
                    "a routine needs at least one step",
                );
            }
            if r.steps.len() > MAX_STEPS {
                // Also keeps every length in seconds far inside `u32`: 50 steps of at most
                // 600 s, two sides and 20 rounds is 1.2 million seconds.
                self.fault(
                    RuleFileKind::Routines,
                    &path.key("steps"),
                    format!(
                        "a routine has at most {MAX_STEPS} steps (this one has {}); split it",
                        r.steps.len()
                    ),
                );
            }
            let mut steps = Vec::new();
            for (j, step) in r.steps.iter().enumerate() {
                let spath = path.key("steps").index(j);
                let Some(&stretch) = self.stretch_index.get(&step.stretch) else {
                    let message = unknown_id("stretch", &step.stretch, ids(&self.stretch_index));
                    self.fault(RuleFileKind::Routines, &spath.key("stretch"), message);
                    continue;
                };
                // A routine may set its own dose for a step; otherwise the stretch's default holds.
                let dose = match (&step.dose, stretches.get(stretch)) {
                    (Some(d), _) => self.dose(RuleFileKind::Routines, &spath.key("dose"), d),
                    (None, Some(s)) => s.dose,
                    (None, None) => continue,
                };
                steps.push(Step { stretch, dose });
            }
            if r.select.is_empty() {
                self.fault(
                    RuleFileKind::Routines,
                    &path.key("select"),
                    "a routine needs at least one selection rule, or it is never chosen",
                );
            }
            let mut select = Vec::new();
            for (j, s) in r.select.iter().enumerate() {
                let spath = path.key("select").index(j);
                self.require_text(RuleFileKind::Routines, &spath.key("because"), &s.because);
                let Ok(when) =
                    self.optional_condition(RuleFileKind::Routines, &spath, s.when.as_ref())
                else {
                    continue;
                };
                select.push(Selection {
                    priority: s.priority,
                    when,
                    because: s.because.clone(),
                });
            }
            routines.push(Routine {
                id: r.id.clone(),
                name: r.name.clone(),
                purpose: r.purpose.clone(),
                how_often: r.how_often.clone(),
                steps,
                select,
            });
        }
        self.routine_index = index;
        routines
    }

    /// The patterns in which no routine is offered.
    pub(super) fn withhold(&mut self, raw: &[RawWithhold]) -> Vec<Withhold> {
        let wlist = JsonPath::default().key("withhold");
        let mut windex = HashMap::new();
        let mut withhold = Vec::new();
        for (i, w) in raw.iter().enumerate() {
            let path = wlist.index(i);
            self.register(
                RuleFileKind::Routines,
                &path,
                "withhold rule",
                &w.id,
                i,
                &mut windex,
            );
            self.require_text(RuleFileKind::Routines, &path.key("because"), &w.because);
            if let Some(when) = self.condition(RuleFileKind::Routines, &path.key("when"), &w.when) {
                withhold.push(Withhold {
                    id: w.id.clone(),
                    when,
                    because: w.because.clone(),
                });
            }
        }
        withhold
    }

    /// A routine chosen for everyone (a selection with no `when`) at some priority hides every
    /// selection below that priority: those routines could never be chosen, which `rules check`
    /// must not call "ok".
    pub(super) fn shadowed_selections(&mut self, routines: &[Routine]) {
        let fallback = routines
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.select.iter().map(move |s| (i, s)))
            .filter(|(_, s)| s.when.is_none())
            .max_by_key(|(_, s)| s.priority);
        let Some((f, top)) = fallback else {
            return;
        };
        for (i, r) in routines.iter().enumerate() {
            for (j, s) in r.select.iter().enumerate() {
                if s.priority < top.priority {
                    let path = JsonPath::default()
                        .key("routines")
                        .index(i)
                        .key("select")
                        .index(j)
                        .key("priority");
                    self.fault(
                        RuleFileKind::Routines,
                        &path,
                        format!(
                            "can never be chosen: `{}` matches everyone at priority {}, above this rule's {}; \
                             lower the fallback's priority or raise this one",
                            routines[f].id, top.priority, s.priority
                        ),
                    );
                }
            }
        }
    }

    /// The optional floor on routine length: a routine left shorter than `min_steps` after the
    /// leave-outs is not shown.
    pub(super) fn too_few_steps(&mut self, raw: &RoutinesFile) -> Option<TooFewSteps> {
        let t = raw.too_few_steps.as_ref()?;
        let path = JsonPath::default().key("too_few_steps");
        self.require_text(RuleFileKind::Routines, &path.key("because"), &t.because);
        let longest = raw
            .routines
            .iter()
            .map(|r| r.steps.len())
            .max()
            .unwrap_or(0);
        let min_steps = usize::try_from(t.min_steps).unwrap_or(usize::MAX);
        if min_steps == 0 {
            self.fault(
                RuleFileKind::Routines,
                &path.key("min_steps"),
                "`min_steps` 0 never holds a routine back; use 1 or more",
            );
        } else if min_steps > longest {
            self.fault(
                RuleFileKind::Routines,
                &path.key("min_steps"),
                format!(
                    "`min_steps` {min_steps} is more than any routine has (the longest has {longest}), so no routine would ever be shown"
                ),
            );
        }
        Some(TooFewSteps {
            min_steps,
            because: t.because.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::knowledge::testing::Mini;

    #[test]
    fn too_few_steps_must_be_possible_to_meet() {
        for (extra, fault) in [
            (
                r#", "too_few_steps": {"min_steps": 0, "because": "b"}"#,
                "`min_steps` 0 never holds a routine back",
            ),
            (
                r#", "too_few_steps": {"min_steps": 3, "because": "b"}"#,
                "`min_steps` 3 is more than any routine has (the longest has 2)",
            ),
            (
                r#", "too_few_steps": {"min_steps": 1, "because": "b", "max": 2}"#,
                "unknown field `max`",
            ),
        ] {
            let routines = format!(
                r#"{{"version": 1, "routines": [
                {{"id": "r", "name": "R", "purpose": "p", "how_often": "daily", "steps": [{{"stretch": "flat"}}, {{"stretch": "stand"}}],
                 "select": [{{"priority": 0, "because": "always"}}]}}]{extra}}}"#
            );
            let message = Mini::new().with(4, &routines).refused();
            assert!(message.contains(fault), "{extra}: {message}");
        }
    }
}
