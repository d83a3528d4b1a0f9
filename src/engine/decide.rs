//! The decision: urgency, routine, tips and safety net for one answer set.

use super::{Answers, RuleSet, Truth};
use crate::Urgency;
use crate::knowledge::{Dose, KnowledgeBase};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub urgency: Urgency,
    /// Triage rules whose condition is definitely true.
    pub fired: RuleSet,
    /// The fired rule that set the level: the highest level, ties broken by id.
    pub decided_by: Option<usize>,
    pub routine: RoutineChoice,
    pub tips: RuleSet,
    pub safety_net: RuleSet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutineChoice {
    /// The urgency is above `appointment`: the person needs a professional, not a routine.
    NotAtThisLevel,
    /// A withhold rule holds (position in `kb.withhold`).
    Withheld(usize),
    /// The chosen routine and the selection rule that chose it.
    Chosen { routine: usize, selection: usize },
    /// No selection rule matched.
    NoneMatched,
}

/// Decides the outcome for one answer set. Deterministic whatever the order of rules in the
/// files: every tie is broken by id.
pub fn decide(kb: &KnowledgeBase, answers: &Answers) -> Decision {
    let holds = |cond: &crate::engine::Cond| cond.eval(answers, &kb.named_bodies) == Truth::True;

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
        let mut best: Option<(i32, &str, usize, usize)> = None;
        for (r, routine) in kb.routines.iter().enumerate() {
            for (s, select) in routine.select.iter().enumerate() {
                if !select.when.as_ref().is_none_or(holds) {
                    continue;
                }
                // Highest priority wins; ties go to the routine whose id sorts first.
                let candidate = (select.priority, routine.id.as_str(), r, s);
                let wins = best.is_none_or(|(p, id, _, bs)| {
                    candidate.0 > p
                        || (candidate.0 == p && (candidate.1 < id || (candidate.1 == id && s < bs)))
                });
                if wins {
                    best = Some(candidate);
                }
            }
        }
        match best {
            Some((_, _, routine, selection)) => RoutineChoice::Chosen { routine, selection },
            None => RoutineChoice::NoneMatched,
        }
    };

    let select_lines = |lines: &[crate::knowledge::AdviceLine]| {
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

fn first_by_id<'a, T: 'a>(
    items: impl Iterator<Item = (usize, &'a T)>,
    id: impl Fn(&T) -> &String,
) -> Option<usize> {
    items.min_by(|a, b| id(a.1).cmp(id(b.1))).map(|(i, _)| i)
}

/// One step of the routine as this person should do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedStep {
    pub stretch: usize,
    pub dose: Dose,
    /// When this stretch stands in for the routine's own: which one, and why.
    pub replaces: Option<(usize, String)>,
}

/// A stretch of the routine left out for this person, and what (if anything) took its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub stretch: usize,
    pub because: String,
    pub replaced_by: Option<usize>,
}

/// The routine's steps with leave-out rules applied. A leave-out rule applies unless it is
/// definitely false: when we do not know whether a stretch is safe for someone, we leave it out.
pub fn resolve_steps(
    kb: &KnowledgeBase,
    routine: usize,
    answers: &Answers,
) -> (Vec<ResolvedStep>, Vec<LeftOut>) {
    let excluded_because = |stretch: usize| {
        kb.stretches[stretch]
            .leave_out
            .iter()
            .find(|l| l.when.eval(answers, &kb.named_bodies) != Truth::False)
    };
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
