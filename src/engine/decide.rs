//! The decision: urgency, routine, tips and safety net for one answer set.

use super::steps::{applicable_leave_out, surviving_steps};
use crate::model::{AdviceLine, Answers, Cond, Dose, KnowledgeBase, RuleSet, Truth, Urgency};
use std::cmp::Reverse;

/// The outcome for one answer set, as positions into the knowledge base; `report` puts it into
/// words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// The highest level of any fired triage rule; `SelfCare` when none fired.
    pub urgency: Urgency,
    /// Triage rules whose condition is definitely true.
    pub fired: RuleSet,
    /// The fired rule that set the level: the highest level, ties broken by id.
    pub decided_by: Option<usize>,
    /// Which routine, if any, and why.
    pub routine: RoutineChoice,
    /// Tips whose condition holds (positions in `kb.tips`).
    pub tips: RuleSet,
    /// Safety-net lines whose condition holds (positions in `kb.safety_net`).
    pub safety_net: RuleSet,
}

/// What the decision says about a routine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutineChoice {
    /// The urgency is above `appointment`: the person needs a professional, not a routine.
    NotAtThisLevel,
    /// A withhold rule holds (position in `kb.withhold`).
    Withheld(usize),
    /// The chosen routine and the selection rule that chose it.
    Chosen {
        /// Position in `kb.routines`.
        routine: usize,
        /// Position in that routine's `select`.
        selection: usize,
    },
    /// No selection rule matched.
    NoneMatched,
    /// The chosen routine keeps fewer stretches than `too_few_steps` asks, once leave-outs apply.
    TooFewSteps {
        /// Position in `kb.routines`.
        routine: usize,
        /// Position in that routine's `select`.
        selection: usize,
    },
}

/// Decides the outcome for one answer set. Deterministic whatever the order of rules in the
/// files: every tie is broken by content (ids, then texts), never by position.
pub fn decide(kb: &KnowledgeBase, answers: &Answers) -> Decision {
    let holds = |cond: &Cond| cond.eval(answers, &kb.named) == Truth::True;

    let mut fired = RuleSet::default();
    let mut urgency = Urgency::SelfCare;
    let mut decided_by: Option<usize> = None;
    for (i, rule) in kb.triage.iter().enumerate() {
        if !holds(&rule.when) {
            continue;
        }
        fired.insert(i);
        let better = match decided_by {
            None => true,
            Some(d) => {
                let current = &kb.triage[d];
                rule.level > current.level || (rule.level == current.level && rule.id < current.id)
            }
        };
        if better {
            decided_by = Some(i);
            urgency = rule.level;
        }
    }

    let routine = if !urgency.allows_routine() {
        RoutineChoice::NotAtThisLevel
    } else if let Some(w) = first_by_id(
        kb.withhold
            .iter()
            .enumerate()
            .filter(|(_, w)| holds(&w.when)),
        |w| &w.id,
    ) {
        RoutineChoice::Withheld(w)
    } else {
        // Highest priority wins; ties go to the routine whose id sorts first, then, within one
        // routine, to the selection rule whose `because` sorts first. The key is all content,
        // so the order of rules in the files never changes the choice (two rules equal in all
        // three parts would explain it in the same words).
        let mut best: Option<(SelectionKey, usize, usize)> = None;
        for (r, routine) in kb.routines.iter().enumerate() {
            for (s, select) in routine.select.iter().enumerate() {
                if !select.when.as_ref().is_none_or(holds) {
                    continue;
                }
                let key = (
                    Reverse(select.priority),
                    routine.id.as_str(),
                    select.because.as_str(),
                );
                if best.as_ref().is_none_or(|(best_key, _, _)| key < *best_key) {
                    best = Some((key, r, s));
                }
            }
        }
        match best {
            Some((_, routine, selection)) => match &kb.too_few_steps {
                Some(t) if surviving_steps(kb, routine, answers) < t.min_steps => {
                    RoutineChoice::TooFewSteps { routine, selection }
                }
                _ => RoutineChoice::Chosen { routine, selection },
            },
            None => RoutineChoice::NoneMatched,
        }
    };

    let select_lines = |lines: &[AdviceLine]| {
        let mut set = RuleSet::default();
        for (i, line) in lines.iter().enumerate() {
            if line.when.as_ref().is_none_or(holds) {
                set.insert(i);
            }
        }
        set
    };
    Decision {
        urgency,
        fired,
        decided_by,
        routine,
        tips: select_lines(&kb.tips),
        safety_net: select_lines(&kb.safety_net),
    }
}

/// How matching selection rules compete, smallest first: priority (highest first), routine id,
/// then the rule's `because`.
type SelectionKey<'a> = (Reverse<i32>, &'a str, &'a str);

fn first_by_id<'a, T: 'a>(
    items: impl Iterator<Item = (usize, &'a T)>,
    id: impl Fn(&T) -> &String,
) -> Option<usize> {
    items.min_by(|a, b| id(a.1).cmp(id(b.1))).map(|(i, _)| i)
}

/// One step of the routine as this person should do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedStep {
    /// Position in `kb.stretches`.
    pub stretch: usize,
    /// The routine's dose for it.
    pub dose: Dose,
    /// When this stretch stands in for the routine's own: which one, and why.
    pub replaces: Option<(usize, String)>,
}

/// A stretch of the routine left out for this person, and what (if anything) took its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Position in `kb.stretches`.
    pub stretch: usize,
    /// The leave-out rule's reason, shown to the person.
    pub because: String,
    /// The stretch done instead (position in `kb.stretches`), when the rule names one.
    pub replaced_by: Option<usize>,
}

/// The routine's steps with leave-out rules applied. A leave-out rule applies unless it is
/// definitely false: when we do not know whether a stretch is safe for someone, we leave it out.
///
/// When several leave-out rules of one stretch apply, one without an alternative wins (dropping
/// the stretch is the more cautious outcome), then the one whose `because` sorts first, then the
/// one whose alternative's id sorts first: a key made of content, so the order of the rules in
/// the file never changes which reason the person reads.
pub fn resolve_steps(
    kb: &KnowledgeBase,
    routine: usize,
    answers: &Answers,
) -> (Vec<ResolvedStep>, Vec<LeftOut>) {
    let excluded_because = |stretch: usize| applicable_leave_out(kb, stretch, answers);
    let mut steps = Vec::new();
    let mut left_out = Vec::new();
    for step in &kb.routines[routine].steps {
        let Some(rule) = excluded_because(step.stretch) else {
            steps.push(ResolvedStep {
                stretch: step.stretch,
                dose: step.dose,
                replaces: None,
            });
            continue;
        };
        // The alternative is used only if it is itself safe for this person.
        let replacement = rule.instead.filter(|&alt| excluded_because(alt).is_none());
        left_out.push(LeftOut {
            stretch: step.stretch,
            because: rule.because.clone(),
            replaced_by: replacement,
        });
        if let Some(alt) = replacement {
            // Keep the routine's timing where the alternative is measured the same way.
            let alt_dose = kb.stretches[alt].dose;
            let dose = if std::mem::discriminant(&alt_dose.measure)
                == std::mem::discriminant(&step.dose.measure)
            {
                step.dose
            } else {
                alt_dose
            };
            steps.push(ResolvedStep {
                stretch: alt,
                dose,
                replaces: Some((step.stretch, rule.because.clone())),
            });
        }
    }
    // An alternative can stand in for two steps of one routine; do it once.
    let mut seen = Vec::new();
    steps.retain(|s| {
        let first = !seen.contains(&s.stretch);
        seen.push(s.stretch);
        first
    });
    (steps, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::{mini, mini_with_too_few_steps};
    use crate::model::{Answer, Measure};

    fn answers(values: [Option<bool>; 3]) -> Answers {
        Answers::from_slots(values.iter().map(|v| v.map(Answer::Bool)).collect())
    }

    #[test]
    fn the_highest_fired_level_decides_and_ties_go_to_the_first_id() {
        let kb = mini();
        let d = decide(&kb, &answers([Some(false), Some(true), Some(true)]));
        assert_eq!(d.urgency, Urgency::Soon);
        assert_eq!(
            d.decided_by.map(|i| kb.triage[i].id.as_str()),
            Some("a_soon")
        );
        assert_eq!(d.fired.iter().count(), 3);
        let d = decide(&kb, &answers([Some(true), Some(true), Some(true)]));
        assert_eq!(
            (d.urgency, d.routine),
            (Urgency::Urgent, RoutineChoice::NotAtThisLevel)
        );
    }

    #[test]
    fn nothing_fired_is_self_care_and_unknown_never_fires() {
        let kb = mini();
        let d = decide(&kb, &answers([None, None, None]));
        assert_eq!((d.urgency, d.decided_by), (Urgency::SelfCare, None));
    }

    #[test]
    fn the_highest_priority_matching_routine_is_chosen() {
        let kb = mini();
        let special = kb.routine_index("special").unwrap();
        let fallback = kb.routine_index("fallback").unwrap();
        assert_eq!(
            decide(&kb, &answers([Some(false), Some(false), Some(false)])).routine,
            RoutineChoice::Chosen {
                routine: special,
                // Both selection rules match at one priority: the one whose `because` sorts
                // first wins, not the first in the file.
                selection: 1
            }
        );
        assert_eq!(
            decide(&kb, &answers([Some(false), Some(false), None])).routine,
            RoutineChoice::Chosen {
                routine: fallback,
                selection: 0
            }
        );
    }

    #[test]
    fn a_left_out_stretch_is_replaced_by_its_alternative_keeping_the_routine_dose() {
        let kb = mini();
        let special = kb.routine_index("special").unwrap();
        let (steps, left_out) = resolve_steps(
            &kb,
            special,
            &answers([Some(false), Some(false), Some(true)]),
        );
        assert_eq!(steps.len(), 2);
        assert_eq!(kb.stretches[steps[0].stretch].id, "alt");
        assert_eq!(steps[0].dose.measure, Measure::HoldSeconds(20));
        assert_eq!(left_out.len(), 1);
        assert_eq!(
            (
                left_out[0].because.as_str(),
                left_out[0].replaced_by.map(|i| kb.stretches[i].id.as_str())
            ),
            ("c says so", Some("alt"))
        );
    }

    #[test]
    fn a_stretch_is_dropped_when_it_has_no_alternative_and_left_out_when_in_doubt() {
        let kb = mini();
        let special = kb.routine_index("special").unwrap();
        // b is yes: `other` has no alternative, so it is dropped.
        let (steps, left_out) = resolve_steps(
            &kb,
            special,
            &answers([Some(false), Some(true), Some(false)]),
        );
        assert_eq!(
            steps
                .iter()
                .map(|s| kb.stretches[s.stretch].id.as_str())
                .collect::<Vec<_>>(),
            ["main"]
        );
        assert_eq!(left_out[0].replaced_by, None);
        // Both leave-out rules of `other` apply: the reason that sorts first is given, not the
        // first in the file.
        assert_eq!(left_out[0].because, "b says so");
        // b unanswered: we do not know `other` is safe, so it is left out too.
        let (steps, _) = resolve_steps(&kb, special, &answers([Some(false), None, Some(false)]));
        assert_eq!(
            steps
                .iter()
                .map(|s| kb.stretches[s.stretch].id.as_str())
                .collect::<Vec<_>>(),
            ["main"]
        );
    }

    #[test]
    fn a_routine_left_with_too_few_stretches_is_not_shown() {
        let kb = mini_with_too_few_steps(2, "too little is left to be worth doing");
        let special = kb.routine_index("special").unwrap();
        // Nothing left out: two stretches, shown.
        let d = decide(&kb, &answers([Some(false), Some(false), Some(false)]));
        assert_eq!(
            d.routine,
            RoutineChoice::Chosen {
                routine: special,
                selection: 1
            }
        );
        // b unanswered: `other` may be unsafe, so it is dropped; one stretch is left.
        let few = answers([Some(false), None, Some(false)]);
        assert_eq!(surviving_steps(&kb, special, &few), 1);
        assert_eq!(
            decide(&kb, &few).routine,
            RoutineChoice::TooFewSteps {
                routine: special,
                selection: 1
            }
        );
        // c is yes: `main` is replaced by `alt`, which counts; still two.
        let replaced = answers([Some(false), Some(false), Some(true)]);
        assert_eq!(surviving_steps(&kb, special, &replaced), 2);
        assert!(matches!(
            decide(&kb, &replaced).routine,
            RoutineChoice::Chosen { .. }
        ));
        let report = crate::report::build(&kb, &few, &[]);
        assert_eq!(report.routine, None);
        assert_eq!(
            report.no_routine.as_deref(),
            Some("No routine for now: too little is left to be worth doing.")
        );
    }
}
