//! The proof of the safety floor: for each floor, a search of every complete answer set the
//! questionnaire can produce (`knowledge::explore`) for one where the floor's `when` is true
//! and the engine's decision breaks it, at any level of the routine (progression.json). A floor
//! the search cannot settle within its budget is not proved, and counts as broken.

use super::explore::{Budget, Goal, Outcome, Partial, Space, size};
use super::locate::JsonPath;
use super::{KnowledgeBase, analysis, condition_words};
use crate::Urgency;
use crate::engine::condition::{Cond, Truth};
use crate::engine::{Answers, RoutineChoice, decide, levels, steps_at_level};
use crate::model::RuleFileKind;
use crate::model::{RoutineFloor, RoutineLimit, UrgencyFloor};

/// Most work one floor's proof may do, in condition leaves evaluated (a few nanoseconds each):
/// past it the floor is not proved, and the knowledge base is refused. The shipped floors need
/// well under 100,000 together.
const FLOOR_BUDGET: u64 = 20_000_000;
/// Most work all floors together may do, so that a file of many floors still loads (or is
/// refused) in bounded time.
const TOTAL_BUDGET: u64 = 100_000_000;

/// Proves every floor; one fault per floor that does not hold or could not be proved.
pub(super) fn proof_faults(kb: &KnowledgeBase) -> Vec<analysis::LoadFault> {
    let mut faults = Vec::new();
    let mut total = Budget::new(TOTAL_BUDGET);
    for (i, floor) in kb.floor.urgency.iter().enumerate() {
        let path = JsonPath::default().key("urgency").index(i);
        let outcome = prove_urgency(kb, floor, &mut total);
        if let Some(message) = verdict(kb, &floor.id, &floor.when, outcome, &mut total, |_| {
            format!("no triage rule at `{}` or above fires", floor.at_least)
        }) {
            faults.push((RuleFileKind::SafetyFloor, path, message));
        }
    }
    for (i, floor) in kb.floor.routines.iter().enumerate() {
        let path = JsonPath::default().key("routines").index(i);
        let outcome = prove_routine(kb, floor, &mut total);
        if let Some(message) = verdict(kb, &floor.id, &floor.when, outcome, &mut total, |example| {
            routine_breach(kb, floor, example).unwrap_or_default()
        }) {
            faults.push((RuleFileKind::SafetyFloor, path, message));
        }
    }
    faults
}

/// The fault message for one floor's outcome, or `None` when it was proved.
fn verdict(
    kb: &KnowledgeBase,
    id: &str,
    when: &Cond,
    outcome: Result<Outcome, u64>,
    total: &mut Budget,
    breach: impl Fn(&Answers) -> String,
) -> Option<String> {
    let too_many = || {
        Some(format!(
            "too many answer combinations to prove floor `{id}`; it is not proved, so these rules are refused (simplify the conditions it depends on)"
        ))
    };
    match outcome {
        // A floor whose `when` no complete answer set makes true holds, but protects nothing:
        // most likely a slip (a wrong choice id, an impossible age).
        Ok(Outcome::Holds) => match applies_somewhere(kb, when, total) {
            Ok(Outcome::Counterexample(_)) => None,
            Ok(Outcome::Holds) => Some(format!(
                "safety floor `{id}` protects nothing: its `when` ({}) can never be true, whatever the answers",
                condition_words(kb, when)
            )),
            Ok(Outcome::TooMany) | Err(_) => too_many(),
        },
        // The answers shown are those to the questions the proof branched on; the breach is
        // described in terms of them only, so it holds whatever the other answers are.
        Ok(Outcome::Counterexample(example)) => Some(format!(
            "safety floor `{id}` broken: {} for {}, whatever the other answers",
            breach(&example.full),
            example.shown.to_json(kb)
        )),
        Ok(Outcome::TooMany) | Err(_) => too_many(),
    }
}

/// A complete answer set that makes `when` true, found as a "counterexample" to its never
/// being true, within the same budget as the proofs.
fn applies_somewhere(kb: &KnowledgeBase, when: &Cond, total: &mut Budget) -> Result<Outcome, u64> {
    struct Applies<'a>(&'a KnowledgeBase, &'a Cond, u64);
    impl Goal for Applies<'_> {
        fn prune(&self, partial: &Partial) -> bool {
            !partial.values(self.1).can_be_true()
        }
        fn breaks(&self, answers: &Answers) -> bool {
            self.1.eval(answers, &self.0.named) == Truth::True
        }
        fn cost(&self) -> u64 {
            self.2
        }
    }
    if total.exhausted() {
        return Ok(Outcome::TooMany);
    }
    let space = Space::new(kb, &[vec![when]], None)?;
    let goal = Applies(kb, when, size(kb, [when]));
    Ok(space.search(&goal, total, FLOOR_BUDGET))
}

/// Whether some answer set makes `floor.when` true and yet no rule at or above its level fire.
fn prove_urgency(
    kb: &KnowledgeBase,
    floor: &UrgencyFloor,
    total: &mut Budget,
) -> Result<Outcome, u64> {
    let high: Vec<&Cond> = kb
        .triage
        .iter()
        .filter(|r| r.level >= floor.at_least)
        .map(|r| &r.when)
        .collect();
    let goal = UrgencyGoal {
        kb,
        when: &floor.when,
        high: &high,
        at_least: floor.at_least,
        cost: size(kb, high.iter().copied().chain([&floor.when])),
    };
    if total.exhausted() {
        return Ok(Outcome::TooMany);
    }
    let space = Space::new(kb, &[vec![&floor.when], high.clone()], None)?;
    Ok(space.search(&goal, total, FLOOR_BUDGET))
}

struct UrgencyGoal<'a> {
    kb: &'a KnowledgeBase,
    when: &'a Cond,
    high: &'a [&'a Cond],
    at_least: Urgency,
    cost: u64,
}

impl Goal for UrgencyGoal<'_> {
    fn prune(&self, partial: &Partial) -> bool {
        !partial.values(self.when).can_be_true()
            || self.high.iter().any(|c| partial.values(c).surely_true())
    }

    fn breaks(&self, answers: &Answers) -> bool {
        self.when.eval(answers, &self.kb.named) == Truth::True
            && decide(self.kb, answers).urgency < self.at_least
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

/// Whether some answer set makes `floor.when` true and yet the routine shown breaks the limit.
fn prove_routine(
    kb: &KnowledgeBase,
    floor: &RoutineFloor,
    total: &mut Budget,
) -> Result<Outcome, u64> {
    let blocking: Vec<&Cond> = kb
        .triage
        .iter()
        .filter(|r| !r.level.allows_routine())
        .map(|r| &r.when)
        .chain(kb.withhold.iter().map(|w| &w.when))
        .collect();
    // The stretches that could break the limit: tagged with an excluded tag, and in some routine
    // as a step, as a move a level adds, or as the alternative to one of those.
    let mut shown = vec![false; kb.stretches.len()];
    for stretch in (0..kb.routines.len()).flat_map(|r| routine_moves(kb, r)) {
        shown[stretch] = true;
        for leave in &kb.stretches[stretch].leave_out {
            if let Some(alt) = leave.instead {
                shown[alt] = true;
            }
        }
    }
    let offending: Vec<usize> = match &floor.limit {
        RoutineLimit::Exclude(tags) => (0..kb.stretches.len())
            .filter(|&s| shown[s] && kb.stretches[s].tags.iter().any(|t| tags.contains(t)))
            .collect(),
        RoutineLimit::NoRoutine => Vec::new(),
    };
    let guards: Vec<&Cond> = offending
        .iter()
        .flat_map(|&s| kb.stretches[s].leave_out.iter().map(|l| &l.when))
        .collect();
    // The routines that could break the limit if chosen.
    let risky: Vec<usize> = match &floor.limit {
        RoutineLimit::NoRoutine => (0..kb.routines.len()).collect(),
        RoutineLimit::Exclude(_) => (0..kb.routines.len())
            .filter(|&r| {
                routine_moves(kb, r).any(|stretch| {
                    offending.contains(&stretch)
                        || kb.stretches[stretch]
                            .leave_out
                            .iter()
                            .any(|l| l.instead.is_some_and(|alt| offending.contains(&alt)))
                })
            })
            .collect(),
    };
    let selections: Vec<&Cond> = kb
        .routines
        .iter()
        .flat_map(|r| r.select.iter().filter_map(|s| s.when.as_ref()))
        .collect();
    // Everything else the routine shown depends on: what is left out.
    let rest: Vec<&Cond> = kb
        .stretches
        .iter()
        .flat_map(|s| s.leave_out.iter().map(|l| &l.when))
        .collect();
    let goal = RoutineGoal {
        kb,
        floor,
        blocking: &blocking,
        offending: &offending,
        risky: &risky,
        cost: size(
            kb,
            blocking
                .iter()
                .chain(&guards)
                .chain(&selections)
                .copied()
                .chain([&floor.when]),
        ),
    };
    if total.exhausted() {
        return Ok(Outcome::TooMany);
    }
    let space = Space::new(
        kb,
        &[
            vec![&floor.when],
            guards,
            blocking.clone(),
            selections,
            rest,
        ],
        None,
    )?;
    Ok(space.search(&goal, total, FLOOR_BUDGET))
}

struct RoutineGoal<'a> {
    kb: &'a KnowledgeBase,
    floor: &'a RoutineFloor,
    /// Triage rules above `appointment` and withhold rules: when one holds, no routine is shown.
    blocking: &'a [&'a Cond],
    /// Stretches that would break an `exclude` floor if shown.
    offending: &'a [usize],
    /// Routines that could show one of them (for `no_routine`: every routine).
    risky: &'a [usize],
    cost: u64,
}

impl RoutineGoal<'_> {
    /// Routine `r` cannot be chosen in any completion: each of its selection rules either
    /// cannot hold, or is sure to be beaten by another routine's rule of higher priority.
    fn never_chosen(&self, partial: &Partial, r: usize) -> bool {
        let routines = &self.kb.routines;
        let surely = |when: &Option<Cond>| {
            when.as_ref()
                .is_none_or(|w| partial.values(w).surely_true())
        };
        routines[r].select.iter().all(|s| {
            let possible = s
                .when
                .as_ref()
                .is_none_or(|w| partial.values(w).can_be_true());
            let beaten = routines.iter().enumerate().any(|(other, routine)| {
                other != r
                    && routine
                        .select
                        .iter()
                        .any(|t| t.priority > s.priority && surely(&t.when))
            });
            !possible || beaten
        })
    }
}

impl Goal for RoutineGoal<'_> {
    fn prune(&self, partial: &Partial) -> bool {
        if !partial.values(&self.floor.when).can_be_true()
            || self
                .blocking
                .iter()
                .any(|c| partial.values(c).surely_true())
        {
            return true;
        }
        if self.risky.iter().all(|&r| self.never_chosen(partial, r)) {
            return true;
        }
        // An excluded stretch is shown only if none of its leave-outs applies, and one applies
        // unless it is definitely false.
        matches!(self.floor.limit, RoutineLimit::Exclude(_))
            && self.offending.iter().all(|&s| {
                self.kb.stretches[s]
                    .leave_out
                    .iter()
                    .any(|l| partial.values(&l.when).never_false())
            })
    }

    fn breaks(&self, answers: &Answers) -> bool {
        self.floor.when.eval(answers, &self.kb.named) == Truth::True
            && routine_breach(self.kb, self.floor, answers).is_some()
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

/// What the routine shown for `answers` does against the floor's limit, in words; `None` when
/// it respects it.
fn routine_breach(kb: &KnowledgeBase, floor: &RoutineFloor, answers: &Answers) -> Option<String> {
    let RoutineChoice::Chosen { routine, .. } = decide(kb, answers).routine else {
        return None;
    };
    let id = &kb.routines[routine].id;
    match &floor.limit {
        RoutineLimit::NoRoutine => Some(format!("the routine `{id}` is shown")),
        // Every level, as the person would do it: the routine's steps and the moves the level
        // adds, through the same leave-out rules.
        RoutineLimit::Exclude(tags) => (1..=levels(kb, routine)).find_map(|level| {
            let (steps, _) = steps_at_level(kb, routine, level, answers);
            let at = if level > 1 {
                format!(" at level {level}")
            } else {
                String::new()
            };
            steps.iter().find_map(|step| {
                let stretch = &kb.stretches[step.stretch];
                let tag = stretch.tags.iter().find(|t| tags.contains(t))?;
                Some(format!(
                    "the routine `{id}`{at} includes `{}` (tagged `{tag}`)",
                    stretch.id
                ))
            })
        }),
    }
}

/// The stretches routine `r` names: its steps and the moves its levels add.
fn routine_moves(kb: &KnowledgeBase, r: usize) -> impl Iterator<Item = usize> + '_ {
    let added = kb
        .progression
        .levels
        .get(r)
        .into_iter()
        .flatten()
        .flat_map(|level| level.add.iter().map(|step| step.stretch));
    kb.routines[r].steps.iter().map(|s| s.stretch).chain(added)
}

#[cfg(test)]
#[path = "floor_tests.rs"]
mod tests;
