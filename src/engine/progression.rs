//! Progression over the weeks: from the facts of a check-in to a move up, down or nowhere
//! (`rules/progression.json`), and a routine's steps at a level.
//!
//! Pure functions of the knowledge base and their inputs, like [`decide`](super::decide): the
//! journal gathers the facts (sessions, pain ratings, how long at this level) and records the
//! outcome; nothing here reads a clock or a file.

use super::decide::{LeftOut, ResolvedStep, resolve_steps};
use super::steps::applicable_leave_out;
use crate::model::{
    Answers, Fact, FlarePlan, KnowledgeBase, Move, ProgressionRule, RoutineLevel, Section, Step,
    Truth, Urgency, is_negative, urgency_rank,
};
use serde::Serialize;

/// What the journal knows at a check-in, as the progression rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// The routine's current level, from 1 (the routine as written).
    pub level: u32,
    /// Sessions done in the last 14 days.
    pub sessions_14d: u32,
    /// Pain now, 0 to 10, when the person gave a rating.
    pub pain_now: Option<u8>,
    /// Pain now minus the previous rating; 0 when either is unknown.
    pub pain_rise: i32,
    /// Check-ins in a row, this one included, that answered "worse".
    pub worse_in_a_row: u32,
    /// Days since the level last changed.
    pub days_at_level: u32,
    /// A warning sign answered with anything but its negative answer (see [`warning_sign`]).
    pub warning_sign: bool,
    /// The engine's urgency for the merged answers.
    pub urgency: Urgency,
}

impl Facts {
    /// The facts as the rules read them, within the ranges the load-time proofs cover: the
    /// level within `1..=top`, pain at most 10, and the rise what the journal defines it to be:
    /// 0 when the pain is unknown, otherwise between `pain - 10` and `pain` (the previous rating
    /// was 0 to 10 too). So the proofs, made over those ranges, hold for every input.
    #[must_use]
    pub fn normalized(&self, top: u32) -> Facts {
        let pain_now = self.pain_now.map(|p| p.min(10));
        let pain_rise = match pain_now {
            None => 0,
            Some(p) => {
                let p = i32::from(p);
                self.pain_rise.clamp(p - 10, p)
            }
        };
        Facts {
            level: self.level.clamp(1, top.max(1)),
            pain_now,
            pain_rise,
            ..*self
        }
    }

    /// The value of `fact` as the tests read it (yes/no as 1/0, the urgency as its place on
    /// the ladder); `None` for an unknown pain. `flare` is the value of `flare_up`.
    pub fn value(&self, fact: Fact, flare: Truth) -> Option<i64> {
        match fact {
            Fact::Level => Some(i64::from(self.level)),
            Fact::Sessions14d => Some(i64::from(self.sessions_14d)),
            Fact::PainNow => self.pain_now.map(i64::from),
            Fact::PainRise => Some(i64::from(self.pain_rise)),
            Fact::WorseInARow => Some(i64::from(self.worse_in_a_row)),
            Fact::DaysAtLevel => Some(i64::from(self.days_at_level)),
            Fact::WarningSign => Some(i64::from(self.warning_sign)),
            Fact::Urgency => Some(urgency_rank(self.urgency)),
            Fact::FlareUp => match flare {
                Truth::True => Some(1),
                Truth::False => Some(0),
                Truth::Unknown => None,
            },
        }
    }
}

/// The outcome of a check-in for one routine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progression<'kb> {
    /// The check-in counts as a flare-up (the file's `flare_up` condition is definitely true).
    pub flare_up: bool,
    /// The rule that decided: its id (recorded by the journal), its reason (shown), its
    /// source. Always `Some` for rules loaded from files, whose last rule matches everything;
    /// `None` only for a hand-built knowledge base without rules, which then keeps the level.
    pub rule: Option<&'kb ProgressionRule>,
    /// What the rule does to the level.
    pub direction: Move,
    /// The level before, within the routine's levels.
    pub from: u32,
    /// The level after: one up or down, never below 1 or above the routine's top level. Equal
    /// to `from` when the rule keeps the level, and also when it moves up at the top level or
    /// down at level 1: the level changed only when `to != from`.
    pub to: u32,
    /// In a flare-up: what to do for the next few days, and when to get help.
    pub plan: Option<&'kb FlarePlan>,
}

/// Whether the file's `flare_up` condition holds for these (normalized) facts.
fn flare_up(kb: &KnowledgeBase, facts: &Facts) -> Truth {
    // The flare-up condition may not read `flare_up` itself (checked at load); the value given
    // for it here is never read.
    kb.progression.flare_up.as_ref().map_or(Truth::False, |c| {
        c.eval(&|fact| facts.value(fact, Truth::Unknown))
    })
}

/// The progression rule that decides for these facts: the first whose condition is definitely
/// true (a rule with no condition always is); `None` when none is. Facts are taken as they
/// are; [`progress`] normalizes them first.
pub fn deciding_rule(kb: &KnowledgeBase, facts: &Facts) -> (Option<usize>, Truth) {
    let flare = flare_up(kb, facts);
    let value = |fact| facts.value(fact, flare);
    let rule = kb.progression.rules.iter().position(|r| {
        r.when
            .as_ref()
            .is_none_or(|w| w.eval(&value) == Truth::True)
    });
    (rule, flare)
}

/// Decides a check-in for routine `routine` (a position in `kb.routines`): the first
/// progression rule whose condition holds moves the level up, down, or keeps it.
pub fn progress<'kb>(kb: &'kb KnowledgeBase, routine: usize, facts: &Facts) -> Progression<'kb> {
    let top = levels(kb, routine);
    let facts = facts.normalized(top);
    let (rule, flare) = deciding_rule(kb, &facts);
    let rule = rule.and_then(|i| kb.progression.rules.get(i));
    let direction = rule.map_or(Move::Stay, |r| r.direction);
    let from = facts.level;
    let to = match direction {
        Move::Up => (from + 1).min(top),
        Move::Down => from.saturating_sub(1).max(1),
        Move::Stay => from,
    };
    let flare_up = flare == Truth::True;
    Progression {
        flare_up,
        rule,
        direction,
        from,
        to,
        plan: flare_up.then_some(&kb.progression.flare_up_plan),
    }
}

/// How many levels routine `routine` has, level 1 (the routine as written) included; 1 for a
/// routine without levels or a position that is not a routine.
pub fn levels(kb: &KnowledgeBase, routine: usize) -> u32 {
    let above = kb.progression.levels.get(routine).map_or(0, Vec::len);
    u32::try_from(above).map_or(u32::MAX, |n| n.saturating_add(1))
}

/// Level `level` of routine `routine`, when it is above the first and exists.
pub fn level(kb: &KnowledgeBase, routine: usize, level: u32) -> Option<&RoutineLevel> {
    let above = usize::try_from(level.checked_sub(2)?).ok()?;
    kb.progression.levels.get(routine)?.get(above)
}

/// What the person is told about a level: "Holds of 30 seconds, two rounds each". Level 1 is
/// the routine as written; `None` for a level the routine does not have.
pub fn level_summary(kb: &KnowledgeBase, routine: usize, at: u32) -> Option<&str> {
    if routine >= kb.routines.len() {
        return None;
    }
    match at {
        1 => Some(kb.progression.level_1_summary.as_str()),
        _ => level(kb, routine, at).map(|l| l.summary.as_str()),
    }
}

/// The routine's steps for this person at level `at` (held within the routine's levels):
/// the steps of [`resolve_steps`] (leave-outs and alternatives applied) at the level's doses,
/// then the level's added moves, which go through the same leave-out rules. A stretch already
/// in the routine, as a step or standing in for one, is not added twice.
pub fn steps_at_level(
    kb: &KnowledgeBase,
    routine: usize,
    at: u32,
    answers: &Answers,
) -> (Vec<ResolvedStep>, Vec<LeftOut>) {
    if routine >= kb.routines.len() {
        return (Vec::new(), Vec::new());
    }
    let (mut steps, mut left_out) = resolve_steps(kb, routine, answers);
    let Some(level) = level(kb, routine, at.clamp(1, levels(kb, routine))) else {
        return (steps, left_out);
    };
    for step in &mut steps {
        step.dose = level.apply(step.dose);
    }
    for added in &level.add {
        let (shown, left) = resolve_added(kb, added, answers);
        left_out.extend(left);
        if let Some(step) = shown.filter(|s| steps.iter().all(|t| t.stretch != s.stretch)) {
            steps.push(step);
        }
    }
    (steps, left_out)
}

/// One added move for this person, by the rule of [`resolve_steps`]: left out when one of its
/// leave-out rules may apply, replaced by the alternative when that is itself safe, which keeps
/// the move's dose where it is measured the same way.
fn resolve_added(
    kb: &KnowledgeBase,
    added: &Step,
    answers: &Answers,
) -> (Option<ResolvedStep>, Option<LeftOut>) {
    let Some(rule) = applicable_leave_out(kb, added.stretch, answers) else {
        let step = ResolvedStep {
            stretch: added.stretch,
            dose: added.dose,
            replaces: None,
        };
        return (Some(step), None);
    };
    let replacement = rule
        .instead
        .filter(|&alt| applicable_leave_out(kb, alt, answers).is_none());
    let left = LeftOut {
        stretch: added.stretch,
        because: rule.because.clone(),
        replaced_by: replacement,
    };
    let shown = replacement.map(|alt| {
        let own = kb.stretches[alt].dose;
        let same_measure =
            std::mem::discriminant(&own.measure) == std::mem::discriminant(&added.dose.measure);
        ResolvedStep {
            stretch: alt,
            dose: if same_measure { added.dose } else { own },
            replaces: Some((added.stretch, rule.because.clone())),
        }
    });
    (shown, Some(left))
}

/// Whether the answers hold a warning sign: a question of the warning-sign section answered
/// with anything but its negative answer, where that answer on its own (every other question
/// unanswered) is enough for a triage rule to send the person to a professional.
///
/// "On its own" keeps out the answers that only count in combination: fragile bones, diabetes
/// or a strain at the start are asked among the warning signs, but are a flag only together
/// with something else (the clinical notes: osteoporosis alone is not a flag). Counting them
/// would hold the people they describe at level 1 for good (fragile bones choose `bone_care`);
/// the combinations still stop progression, through the urgency they lead to.
pub fn warning_sign(kb: &KnowledgeBase, answers: &Answers) -> bool {
    let mut alone = Answers::empty(kb.questions.len());
    for (q, question) in kb.questions.iter().enumerate() {
        if question.section != Section::Safety {
            continue;
        }
        let Some(answer) = answers.get(q).filter(|&a| !is_negative(kb, q, a)) else {
            continue;
        };
        alone.set(q, Some(answer));
        let fires = kb
            .triage
            .iter()
            .any(|r| r.level > Urgency::SelfCare && r.when.eval(&alone, &kb.named) == Truth::True);
        alone.set(q, None);
        if fires {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::testing::{A, B, LIMITS, Mini};
    use crate::model::{Answer, Dose, Measure};

    fn well(level: u32) -> Facts {
        Facts {
            level,
            sessions_14d: 8,
            pain_now: Some(3),
            pain_rise: 0,
            worse_in_a_row: 0,
            days_at_level: 7,
            warning_sign: false,
            urgency: Urgency::SelfCare,
        }
    }

    fn kb() -> KnowledgeBase {
        Mini::new().load().unwrap_or_else(|f| panic!("{f}"))
    }

    #[test]
    fn doing_well_moves_up_and_the_top_holds() {
        let kb = kb();
        let p = progress(&kb, 0, &well(1));
        assert_eq!((p.direction, p.from, p.to), (Move::Up, 1, 2));
        assert_eq!(p.rule.map(|r| r.id.as_str()), Some("well"));
        assert!(!p.flare_up && p.plan.is_none());
        // Level 2 is the top of Mini's routine: "up" keeps it there.
        let p = progress(&kb, 0, &well(2));
        assert_eq!((p.direction, p.from, p.to), (Move::Up, 2, 2));
    }

    #[test]
    fn a_flare_up_moves_down_with_the_plan_and_level_1_stays_1() {
        let kb = kb();
        let flare = Facts {
            pain_now: Some(6),
            pain_rise: 3,
            ..well(2)
        };
        let p = progress(&kb, 0, &flare);
        assert_eq!((p.direction, p.from, p.to), (Move::Down, 2, 1));
        assert!(p.flare_up);
        assert_eq!(p.plan, Some(&kb.progression.flare_up_plan));
        let p = progress(&kb, 0, &Facts { level: 1, ..flare });
        assert_eq!((p.direction, p.to), (Move::Down, 1));
    }

    #[test]
    fn unknown_pain_never_moves_up_and_facts_are_held_in_range() {
        let kb = kb();
        let p = progress(
            &kb,
            0,
            &Facts {
                pain_now: None,
                pain_rise: 7,
                ..well(1)
            },
        );
        assert_eq!((p.direction, p.to), (Move::Stay, 1));
        assert!(!p.flare_up, "an unknown pain has no rise");
        // Level 0 and level 99 are read as the nearest level the routine has.
        assert_eq!(progress(&kb, 0, &well(0)).from, 1);
        assert_eq!(progress(&kb, 0, &well(99)).from, 2);
        // A routine that does not exist has one level and never panics.
        let p = progress(&kb, 7, &well(3));
        assert_eq!((p.from, p.to), (1, 1));
        let f = Facts {
            pain_now: Some(200),
            pain_rise: -50,
            ..well(1)
        }
        .normalized(3);
        assert_eq!((f.pain_now, f.pain_rise), (Some(10), 0));
    }

    #[test]
    fn a_warning_sign_or_urgency_keeps_the_level() {
        let kb = kb();
        for facts in [
            Facts {
                warning_sign: true,
                ..well(1)
            },
            Facts {
                urgency: Urgency::Soon,
                ..well(1)
            },
        ] {
            let p = progress(&kb, 0, &facts);
            assert_eq!((p.direction, p.to), (Move::Stay, 1), "{facts:?}");
            assert_eq!(p.rule.map(|r| r.id.as_str()), Some("held"));
        }
    }

    #[test]
    fn levels_and_summaries() {
        let kb = kb();
        assert_eq!(levels(&kb, 0), 2);
        assert_eq!(levels(&kb, 5), 1);
        assert_eq!(level_summary(&kb, 0, 1), Some("The routine as written."));
        assert_eq!(level_summary(&kb, 0, 2), Some("Holds ten seconds longer."));
        assert_eq!(level_summary(&kb, 0, 3), None);
        assert_eq!(level_summary(&kb, 0, 0), None);
        assert_eq!(level_summary(&kb, 9, 1), None);
    }

    fn answers(limits: u64) -> Answers {
        let mut a = Answers::empty(kb().questions.len());
        a.set(A, Some(Answer::Bool(false)));
        a.set(B, Some(Answer::Bool(false)));
        a.set(LIMITS, Some(Answer::Choices(limits)));
        a
    }

    #[test]
    fn steps_at_a_level_change_doses_and_added_moves_obey_leave_outs() {
        // Mini's routine `r` with one step, `stand`; level 2 holds 10 s longer and adds `flat`,
        // which is left out when `limits` includes `x`.
        let kb = Mini::new()
            .with(
                crate::knowledge::testing::ROUTINES,
                crate::knowledge::testing::ONE_STEP_ROUTINE,
            )
            .with(
                crate::knowledge::testing::PROGRESSION,
                &crate::knowledge::testing::progression_with(
                    r#"[{"routine": "r", "levels": [{"summary": "More.", "hold_seconds_add": 10, "add": [{"stretch": "flat", "dose": {"reps": 5}}]}]}]"#,
                ),
            )
            .load()
            .unwrap_or_else(|f| panic!("{f}"));
        let ids = |steps: &[ResolvedStep]| {
            steps
                .iter()
                .map(|s| (kb.stretches[s.stretch].id.clone(), s.dose.measure))
                .collect::<Vec<_>>()
        };
        let (steps, left) = steps_at_level(&kb, 0, 1, &answers(0));
        assert_eq!(
            ids(&steps),
            [("stand".to_owned(), Measure::HoldSeconds(30))]
        );
        assert!(left.is_empty());
        let (steps, left) = steps_at_level(&kb, 0, 2, &answers(0));
        assert_eq!(
            ids(&steps),
            [
                ("stand".to_owned(), Measure::HoldSeconds(40)),
                ("flat".to_owned(), Measure::Reps(5))
            ]
        );
        assert!(left.is_empty());
        // `x` ticked: the added move is left out, and the report can say why.
        let (steps, left) = steps_at_level(&kb, 0, 2, &answers(1));
        assert_eq!(
            ids(&steps),
            [("stand".to_owned(), Measure::HoldSeconds(40))]
        );
        assert_eq!(left.len(), 1);
        assert_eq!(kb.stretches[left[0].stretch].id, "flat");
        // Above the top, the top level; a routine that does not exist has no steps.
        assert_eq!(steps_at_level(&kb, 0, 9, &answers(0)).0.len(), 2);
        assert_eq!(steps_at_level(&kb, 4, 2, &answers(0)).0.len(), 0);
    }

    #[test]
    fn an_added_move_left_out_gives_way_to_its_alternative_once() {
        let kb = kb();
        let flat = kb.stretch_index("flat").unwrap_or_default();
        let stand = kb.stretch_index("stand").unwrap_or_default();
        let mut kb = kb;
        kb.stretches[flat].leave_out[0].instead = Some(stand);
        let added = Step {
            stretch: flat,
            dose: Dose {
                measure: Measure::Reps(5),
                each_side: false,
                rounds: 1,
            },
        };
        let (shown, left) = resolve_added(&kb, &added, &answers(1));
        // `stand` is timed, the added dose counts repetitions: its own dose is used.
        assert_eq!(
            shown.map(|s| (s.stretch, s.dose)),
            Some((stand, kb.stretches[stand].dose))
        );
        assert_eq!(left.map(|l| l.replaced_by), Some(Some(stand)));
    }

    #[test]
    fn a_warning_sign_is_an_answer_that_is_enough_on_its_own() {
        let kb = kb();
        // `a` yes is an emergency on its own, `b` yes is `soon` on its own.
        let mut a = answers(0);
        assert!(!warning_sign(&kb, &a));
        a.set(B, Some(Answer::Bool(true)));
        assert!(warning_sign(&kb, &a));
        a.set(B, Some(Answer::Bool(false)));
        a.set(A, Some(Answer::Bool(true)));
        assert!(warning_sign(&kb, &a));
        // Unanswered warning signs are not warning signs.
        assert!(!warning_sign(&kb, &Answers::empty(kb.questions.len())));
    }
}
