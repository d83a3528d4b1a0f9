//! Safety invariants 1 and 2 where they meet the questionnaire's ask-whens.
//!
//! Invariant 1: a warning sign read by an `emergency` or `urgent` rule may be hidden by an
//! ask-when only where hiding it can never stop that rule firing. Asking it of everyone is the
//! simple way to meet this; a follow-up asked only after a "yes" (how fast is the weakness
//! getting worse?) meets it too, because the rule could not fire after a "no" anyway. Proved
//! over every complete answer set with `knowledge::explore`.
//!
//! Invariant 2 (escalation is monotone) also covers ask-whens: a follow-up that a triage rule
//! reads must not be hidden when a warning sign is switched on, or switching it on could make
//! that rule stop firing and lower the urgency (review finding W1).

use super::analysis::LoadFault;
use super::explore::{Budget, Goal, Outcome, Partial, Space, size};
use super::locate::JsonPath;
use super::{KnowledgeBase, QuestionKind, TriageRule};
use crate::engine::answers::{Answer, Answers, answer_json};
use crate::engine::condition::{Cond, Test, Truth};
use crate::model::RuleFileKind;

/// Most work the proof for one (question, rule) pair may do, in condition leaves evaluated.
const PAIR_BUDGET: u64 = 20_000_000;
/// Most for all pairs together, so that a hostile knowledge base is refused in bounded time.
const TOTAL_BUDGET: u64 = 100_000_000;

/// Both checks, as load faults.
pub(super) fn load_faults(kb: &KnowledgeBase) -> Vec<LoadFault> {
    let mut faults = Vec::new();
    warning_signs_hidden_only_when_harmless(kb, &mut faults);
    follow_ups_not_hidden_by_warning_signs(kb, &mut faults);
    faults
}

/// How many (question, rule) pairs invariant 1 had to prove because the question has an
/// ask-when: what `rules check` reports.
pub(crate) fn hidden_warning_sign_pairs(kb: &KnowledgeBase) -> usize {
    kb.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.ask_when.is_some())
        .map(|(i, _)| escalation_readers(kb, i).count())
        .sum()
}

fn escalation_readers(kb: &KnowledgeBase, question: usize) -> impl Iterator<Item = &TriageRule> {
    kb.triage
        .iter()
        .filter(move |rule| rule.level.is_escalation() && reads(kb, &rule.when, question))
}

fn reads(kb: &KnowledgeBase, cond: &Cond, question: usize) -> bool {
    let mut found = false;
    cond.visit_leaves(&kb.named, 0, &mut |leaf, _| {
        found |= leaf.question == question;
    });
    found
}

/// Invariant 1, generalised from "asked of everyone".
fn warning_signs_hidden_only_when_harmless(kb: &KnowledgeBase, faults: &mut Vec<LoadFault>) {
    let mut budget = Budget::new(TOTAL_BUDGET);
    for (i, q) in kb.questions.iter().enumerate() {
        let Some(ask_when) = &q.ask_when else {
            continue;
        };
        for rule in escalation_readers(kb, i) {
            let why = match hiding_can_stop(kb, i, ask_when, rule, &mut budget) {
                Ok(None) => continue,
                Ok(Some((example, value))) => format!(
                    "with {} it is not asked, and answering it {} would fire the rule",
                    example.to_json(kb),
                    answer_json(kb, i, value)
                ),
                Err(()) => "there are too many answer combinations to prove that hiding it never stops the rule firing".to_owned(),
            };
            faults.push((
                RuleFileKind::Questions,
                JsonPath::default().key("questions").index(i).key("ask_when"),
                format!(
                    "safety invariant broken (a warning sign is hidden only where its rule could not fire): `{}` is read by {} rule `{}`, but {why}; ask it of everyone, or only after an answer that rules the rule out",
                    q.id, rule.level, rule.id
                ),
            ));
            break;
        }
    }
}

/// An answer set in which question `q` is not asked, `rule` does not fire, and some answer to
/// `q` would make it fire; `Err` when the proof ran out of budget.
fn hiding_can_stop(
    kb: &KnowledgeBase,
    q: usize,
    ask_when: &Cond,
    rule: &TriageRule,
    budget: &mut Budget,
) -> Result<Option<(Answers, Answer)>, ()> {
    if budget.exhausted() {
        return Err(());
    }
    let space = Space::new(kb, &[vec![ask_when], vec![&rule.when]], Some(q)).map_err(|_| ())?;
    let goal = HiddenGoal {
        kb,
        question: q,
        rule: &rule.when,
        values: space.classes(q).to_vec(),
        cost: size(kb, [&rule.when]).saturating_mul(2),
    };
    match space.search(&goal, budget, PAIR_BUDGET) {
        Outcome::Holds => Ok(None),
        Outcome::TooMany => Err(()),
        Outcome::Counterexample(example) => {
            let value = goal.firing_value(&example.full).ok_or(())?;
            Ok(Some((example.shown, value)))
        }
    }
}

/// Looks for: question hidden, rule not firing, and an answer to the question that fires it.
struct HiddenGoal<'a> {
    kb: &'a KnowledgeBase,
    question: usize,
    rule: &'a Cond,
    values: Vec<Answer>,
    cost: u64,
}

impl HiddenGoal<'_> {
    fn firing_value(&self, answers: &Answers) -> Option<Answer> {
        let mut with = answers.clone();
        self.values.iter().copied().find(|&value| {
            with.set(self.question, Some(value));
            self.rule.eval(&with, &self.kb.named) == Truth::True
        })
    }
}

impl Goal for HiddenGoal<'_> {
    fn prune(&self, partial: &Partial) -> bool {
        // No answer to the question can make the rule fire; or it fires without one.
        !partial
            .values_answering(self.rule, Some(self.question))
            .can_be_true()
            || partial.values(self.rule).surely_true()
    }

    fn breaks(&self, answers: &Answers) -> bool {
        !self.kb.is_asked(self.question, answers)
            && self.rule.eval(answers, &self.kb.named) != Truth::True
            && self.firing_value(answers).is_some()
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

/// Invariant 2 for ask-whens: a question a triage rule reads, or any question that decides
/// whether it is asked, may test a warning sign only for `is: true` outside any `not`.
fn follow_ups_not_hidden_by_warning_signs(kb: &KnowledgeBase, faults: &mut Vec<LoadFault>) {
    let warning = kb.warning_sign_questions();
    let read = kb.triage_questions();
    for (i, q) in kb.questions.iter().enumerate() {
        if !read[i] || q.ask_when.is_none() {
            continue;
        }
        // The question's own gate and, transitively, the gates of the questions it depends on.
        let mut chain = vec![false; kb.questions.len()];
        chain[i] = true;
        for g in (0..=i).rev() {
            if let (true, Some(when)) = (chain[g], &kb.questions[g].ask_when) {
                when.visit_leaves(&kb.named, 0, &mut |leaf, _| chain[leaf.question] = true);
            }
        }
        let hiding = (0..=i).filter(|&g| chain[g]).find_map(|g| {
            let when = kb.questions[g].ask_when.as_ref()?;
            let mut bad = None;
            when.visit_leaves(&kb.named, 0, &mut |leaf, negations| {
                let sign = leaf.question;
                if bad.is_none()
                    && warning[sign]
                    && kb.questions[sign].kind == QuestionKind::YesNo
                    && leaf.test != Test::IsBool(negations % 2 == 0)
                {
                    bad = Some(sign);
                }
            });
            bad.map(|sign| (g, sign))
        });
        let Some((gate, sign)) = hiding else {
            continue;
        };
        let rule = kb
            .triage
            .iter()
            .find(|r| reads(kb, &r.when, i))
            .map_or(String::new(), |r| format!(" rule `{}`", r.id));
        let through = if gate == i {
            String::new()
        } else {
            format!(" (through the ask_when of `{}`)", kb.questions[gate].id)
        };
        faults.push((
            RuleFileKind::Questions,
            JsonPath::default()
                .key("questions")
                .index(gate)
                .key("ask_when"),
            format!(
                "safety invariant broken (escalation is monotone): `{}`, read by triage{rule}, is hidden{through} when `{}`, a warning sign, is answered yes, so answering yes could lower the urgency; in an ask_when test warning signs only for `is: true`, outside any `not`",
                q.id, kb.questions[sign].id
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::testing::{A, AGE, B, C, LIMITS, Mini, leaf, yes};

    /// Every complete answer set for `kb`, with `c` asked exactly when its ask-when holds.
    fn every_answer_set(kb: &KnowledgeBase) -> Vec<Answers> {
        let mut all = Vec::new();
        for age in [0, 17, 18, 50, 100] {
            for a in [false, true] {
                for b in [false, true] {
                    for limits in 0..4u64 {
                        let mut answers = Answers::from_slots(vec![
                            Some(Answer::Number(age)),
                            Some(Answer::Bool(a)),
                            Some(Answer::Bool(b)),
                            None,
                            Some(Answer::Choices(limits)),
                        ]);
                        if kb.is_asked(C, &answers) {
                            for c in [false, true] {
                                answers.set(C, Some(Answer::Bool(c)));
                                all.push(answers.clone());
                            }
                        } else {
                            all.push(answers);
                        }
                    }
                }
            }
        }
        all
    }

    #[test]
    fn hiding_a_warning_sign_is_judged_as_brute_force_does() {
        let gates = [
            yes(A),
            leaf(AGE, Test::AtLeast(18)),
            Cond::Any(vec![yes(A), leaf(LIMITS, Test::Contains(0))]),
            Cond::Not(Box::new(yes(B))),
        ];
        let rules = [
            yes(C),
            Cond::All(vec![yes(A), yes(C)]),
            Cond::Any(vec![yes(A), yes(C)]),
            Cond::All(vec![leaf(AGE, Test::AtLeast(18)), yes(C)]),
            Cond::All(vec![leaf(LIMITS, Test::Contains(0)), yes(C)]),
            Cond::Any(vec![yes(B), Cond::All(vec![yes(A), yes(C)])]),
            Cond::All(vec![yes(B), yes(C)]),
        ];
        let mut outcomes = [0, 0];
        for gate in &gates {
            for rule in &rules {
                let mut kb = Mini::new().load().unwrap_or_else(|f| panic!("{f}"));
                kb.questions[C].ask_when = Some(gate.clone());
                kb.triage[0].when = rule.clone();
                let kb = kb; // read-only from here on
                let fires = |answers: &Answers| rule.eval(answers, &kb.named) == Truth::True;
                let brute = every_answer_set(&kb).into_iter().find(|s| {
                    s.get(C).is_none()
                        && !fires(s)
                        && [false, true].iter().any(|&v| {
                            let mut with = s.clone();
                            with.set(C, Some(Answer::Bool(v)));
                            fires(&with)
                        })
                });
                let proof =
                    hiding_can_stop(&kb, C, gate, &kb.triage[0], &mut Budget::new(TOTAL_BUDGET));
                match (&proof, &brute) {
                    (Ok(None), None) => outcomes[0] += 1,
                    (Ok(Some((example, value))), Some(_)) => {
                        outcomes[1] += 1;
                        assert!(!kb.is_asked(C, example), "{gate:?} {rule:?}");
                        let mut with = example.clone();
                        with.set(C, Some(*value));
                        assert!(!fires(example) && fires(&with), "{gate:?} {rule:?}");
                    }
                    _ => panic!(
                        "gate {gate:?}, rule {rule:?}: proof {proof:?}, brute force {brute:?}"
                    ),
                }
            }
        }
        assert!(outcomes[0] > 3 && outcomes[1] > 3, "{outcomes:?}");
    }
}
