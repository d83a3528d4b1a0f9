//! The floor proofs checked against brute force: every complete answer set of a small
//! questionnaire, with every number in its range, run through the engine.

use super::*;
use crate::engine::Answer;
use crate::engine::condition::Test;
use crate::knowledge::Tag;
use crate::knowledge::explore::Budget;
use crate::knowledge::testing::{A, AGE, B, C, LIMITS, Mini, leaf, yes};

fn not(c: Cond) -> Cond {
    Cond::Not(Box::new(c))
}

/// Conditions over the small questionnaire, mixing follow-ups, numbers, `not` and `answered`.
fn pool() -> Vec<Cond> {
    vec![
        yes(A),
        Cond::All(vec![yes(A), leaf(AGE, Test::AtLeast(18))]),
        Cond::Any(vec![yes(A), yes(C)]),
        Cond::All(vec![yes(A), not(yes(C))]),
        yes(C),
        leaf(C, Test::Answered(false)),
        Cond::All(vec![yes(B), leaf(LIMITS, Test::Contains(1))]),
        Cond::Any(vec![leaf(AGE, Test::Between(10, 20)), yes(A)]),
        not(leaf(LIMITS, Test::Contains(1))),
        leaf(LIMITS, Test::Contains(0)),
        Cond::All(vec![
            leaf(LIMITS, Test::Contains(0)),
            leaf(AGE, Test::AtMost(64)),
        ]),
        Cond::Any(vec![leaf(LIMITS, Test::Contains(0)), not(yes(B))]),
    ]
}

/// Every complete answer set the flow can produce: `c` only after a yes to `a`.
fn every_answer_set() -> Vec<Answers> {
    let mut all = Vec::new();
    for age in 0..=100 {
        for a in [false, true] {
            for b in [false, true] {
                let cs: &[Option<bool>] = if a {
                    &[Some(false), Some(true)]
                } else {
                    &[None]
                };
                for &c in cs {
                    for limits in 0..4u64 {
                        all.push(Answers::from_slots(vec![
                            Some(Answer::Number(age)),
                            Some(Answer::Bool(a)),
                            Some(Answer::Bool(b)),
                            c.map(Answer::Bool),
                            Some(Answer::Choices(limits)),
                        ]));
                    }
                }
            }
        }
    }
    all
}

fn base() -> KnowledgeBase {
    Mini::new().load().unwrap_or_else(|f| panic!("{f}"))
}

fn truly(kb: &KnowledgeBase, cond: &Cond, answers: &Answers) -> bool {
    cond.eval(answers, &kb.named) == Truth::True
}

#[test]
fn the_urgency_proof_agrees_with_brute_force() {
    let sets = every_answer_set();
    let mut broken = 0;
    for rule in pool() {
        let mut kb = base();
        kb.triage[0].when = rule.clone();
        let kb = kb; // read-only from here on
        for when in pool() {
            let floor = UrgencyFloor {
                id: "f".to_owned(),
                when: when.clone(),
                at_least: Urgency::Emergency,
                source: String::new(),
            };
            let brute = sets
                .iter()
                .find(|s| truly(&kb, &when, s) && decide(&kb, s).urgency < Urgency::Emergency);
            let proof = prove_urgency(&kb, &floor, &mut Budget::new(TOTAL_BUDGET))
                .unwrap_or_else(|n| panic!("{n} classes"));
            match (&proof, brute) {
                (Outcome::Holds, None) => {}
                (Outcome::Counterexample(example), Some(_)) => {
                    broken += 1;
                    assert!(sets.contains(&example.full), "not a complete answer set");
                    assert!(truly(&kb, &when, &example.full));
                    assert!(decide(&kb, &example.full).urgency < Urgency::Emergency);
                }
                _ => {
                    panic!("rule {rule:?}, floor {when:?}: proof {proof:?}, brute force {brute:?}")
                }
            }
        }
    }
    // Both outcomes were exercised.
    assert!(broken > 10 && broken < 130, "{broken}");
}

/// A second routine, safe (standing only), chosen over the fallback when `when` holds; `None`
/// for no second routine.
fn with_safe_routine(kb: &mut KnowledgeBase, when: Option<Cond>) {
    let Some(when) = when else { return };
    let stand = kb.stretch_index("stand").unwrap_or_default();
    kb.routines.push(crate::knowledge::Routine {
        id: "safe".to_owned(),
        name: "Safe".to_owned(),
        purpose: "p".to_owned(),
        how_often: "daily".to_owned(),
        steps: vec![crate::knowledge::Step {
            stretch: stand,
            dose: kb.stretches[stand].dose,
        }],
        select: vec![crate::knowledge::Selection {
            priority: 5,
            when: Some(when),
            because: "b".to_owned(),
        }],
    });
}

#[test]
fn the_routine_proof_agrees_with_brute_force() {
    let sets = every_answer_set();
    let mut broken = 0;
    let safe_when = [
        None,
        Some(yes(B)),
        Some(leaf(LIMITS, Test::Contains(0))),
        Some(Cond::Any(vec![leaf(LIMITS, Test::Contains(0)), yes(C)])),
    ];
    for (leave, safe) in pool()
        .into_iter()
        .flat_map(|l| safe_when.iter().map(move |s| (l.clone(), s.clone())))
    {
        let mut kb = base();
        kb.stretches[0].leave_out[0].when = leave.clone();
        with_safe_routine(&mut kb, safe.clone());
        let kb = kb; // read-only from here on
        for when in pool() {
            for limit in [
                RoutineLimit::Exclude(vec![Tag::LyingOnBack]),
                RoutineLimit::NoRoutine,
            ] {
                let floor = RoutineFloor {
                    id: "f".to_owned(),
                    when: when.clone(),
                    limit,
                    source: String::new(),
                };
                let brute = sets
                    .iter()
                    .find(|s| truly(&kb, &when, s) && routine_breach(&kb, &floor, s).is_some());
                let proof = prove_routine(&kb, &floor, &mut Budget::new(TOTAL_BUDGET))
                    .unwrap_or_else(|n| panic!("{n} classes"));
                match (&proof, brute) {
                    (Outcome::Holds, None) => {}
                    (Outcome::Counterexample(example), Some(_)) => {
                        broken += 1;
                        assert!(sets.contains(&example.full));
                        assert!(truly(&kb, &when, &example.full));
                        assert!(routine_breach(&kb, &floor, &example.full).is_some());
                    }
                    _ => panic!(
                        "leave-out {leave:?}, safe routine {safe:?}, floor {when:?}: proof {proof:?}, brute force {brute:?}"
                    ),
                }
            }
        }
    }
    assert!(broken > 10, "{broken}");
}

#[test]
fn a_proof_that_runs_out_of_budget_is_a_fault_not_a_pass() {
    let kb = base();
    let floor = &kb.floor.urgency[0];
    let outcome = prove_urgency(&kb, floor, &mut Budget::new(1));
    assert_eq!(outcome, Ok(Outcome::TooMany));
    let message = verdict(&kb, "f", &floor.when, outcome, &mut Budget::new(10), |_| {
        String::new()
    });
    assert_eq!(
        message.as_deref(),
        Some(
            "too many answer combinations to prove floor `f`; it is not proved, so these rules are refused (simplify the conditions it depends on)"
        )
    );
}

#[test]
fn floors_are_checked_on_load() {
    // Demote the emergency: the floor on `a` breaks.
    let text = Mini::new()
        .with(
            crate::knowledge::testing::TRIAGE,
            r#"{"version": 1, "rules": [
            {"id": "a_rule", "level": "urgent", "when": {"question": "a", "is": true}, "reason": "r", "action": "x", "source": "s"}]}"#,
        )
        .refused();
    assert_eq!(
        text,
        "safety-floor.json:2:21: at urgency[0]: safety floor `a_is_emergency` broken: no triage rule at `emergency` or above fires for {\"a\":true}, whatever the other answers"
    );
    // Drop the leave-out: the routine floor breaks.
    let stretches = r#"{"version": 1, "stretches": [
        {"id": "flat", "name": "n", "targets": "t", "position": "p", "family": "hip", "tags": ["lying_on_back"], "steps": ["s"],
         "dose": {"hold_seconds": 30}, "intensity": 5},
        {"id": "stand", "name": "n", "targets": "t", "position": "p", "family": "hip", "tags": ["standing"], "steps": ["s"],
         "dose": {"hold_seconds": 30}, "intensity": 5}]}"#;
    let text = Mini::new()
        .with(crate::knowledge::testing::STRETCHES, stretches)
        .refused();
    assert!(
        text.starts_with("safety-floor.json:4:21: at routines[0]: safety floor `x_not_flat` broken: the routine `r` includes `flat` (tagged `lying_on_back`) for {"),
        "{text}"
    );
}
