//! Properties over random answer sets, complete and partial, on the shipped rules.

use backcare::Urgency;
use backcare::engine::{Answer, Answers, decide, parse_answers, resolve_steps, surviving_steps};
use backcare::knowledge::{KnowledgeBase, QuestionKind};
use backcare::report::{self, Report};
use proptest::prelude::*;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::embedded().expect("load"))
}

/// The shipped rules with every rule list reversed, and the lists inside rules too.
fn reversed_kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| super::order::permuted_within_rules(|list| list.reverse()))
}

/// One random value per question; `present` decides which are answered.
// Each value is reduced modulo a choice count (at most 64) or a number question's range, so the
// casts are exact.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]
fn answers_from(raw: &[(bool, u64)], complete: bool) -> Answers {
    let kb = kb();
    let mut answers = Answers::empty(kb.questions.len());
    for (i, q) in kb.questions.iter().enumerate() {
        let (present, r) = raw[i];
        if !(present || complete) {
            continue;
        }
        let answer = match &q.kind {
            QuestionKind::YesNo => Answer::Bool(r % 4 == 0), // warning signs are mostly absent
            QuestionKind::Single(c) => Answer::Choice((r % c.len() as u64) as u8),
            QuestionKind::Multiple(c) => Answer::Choices(r & ((1u64 << c.len()) - 1)),
            QuestionKind::Number { min, max, .. } => {
                Answer::Number(min + (r % (max - min + 1) as u64) as i64)
            }
        };
        answers.set(i, Some(answer));
    }
    if complete {
        answers.drop_unasked(kb);
    }
    answers
}

fn raw_answers() -> impl Strategy<Value = Vec<(bool, u64)>> {
    prop::collection::vec((any::<bool>(), any::<u64>()), kb().questions.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_answer_set_gets_a_result_and_no_routine_above_appointment(raw in raw_answers(), complete in any::<bool>()) {
        let answers = answers_from(&raw, complete);
        let report = report::build(kb(), &answers, &[]);
        prop_assert!(report.routine.is_none() || report.urgency <= Urgency::Appointment);
        prop_assert_eq!(report.urgency, decide(kb(), &answers).urgency);
        prop_assert_eq!(report.decided_by.is_none(), report.urgency == Urgency::SelfCare);
    }

    #[test]
    fn switching_a_warning_sign_on_never_lowers_the_urgency(raw in raw_answers(), complete in any::<bool>()) {
        let kb = kb();
        let answers = answers_from(&raw, complete);
        let before = decide(kb, &answers).urgency;
        let warning = kb.warning_sign_questions();
        for (q, question) in kb.questions.iter().enumerate() {
            if !warning[q] || question.kind != QuestionKind::YesNo || answers.get(q) == Some(Answer::Bool(true)) {
                continue;
            }
            let mut raised = answers.clone();
            raised.set(q, Some(Answer::Bool(true)));
            let after = decide(kb, &raised).urgency;
            prop_assert!(after >= before, "answering yes to {} lowered {:?} to {:?}", question.id, before, after);
        }
    }

    #[test]
    fn the_allocation_free_count_of_stretches_agrees_with_the_steps_shown(raw in raw_answers(), complete in any::<bool>()) {
        let kb = kb();
        let answers = answers_from(&raw, complete);
        for routine in 0..kb.routines.len() {
            prop_assert_eq!(surviving_steps(kb, routine, &answers), resolve_steps(kb, routine, &answers).0.len());
        }
    }

    #[test]
    fn the_result_does_not_depend_on_rule_order(raw in raw_answers(), complete in any::<bool>()) {
        let answers = answers_from(&raw, complete);
        // Question order is unchanged, so the same answer slots mean the same answers.
        prop_assert_eq!(
            super::support::without_origin(report::build(kb(), &answers, &[])),
            super::support::without_origin(report::build(reversed_kb(), &answers, &[]))
        );
    }

    #[test]
    fn answers_and_results_round_trip_through_json(raw in raw_answers()) {
        let kb = kb();
        let answers = answers_from(&raw, true);
        let text = answers.to_json(kb).to_string();
        let parsed = parse_answers(kb, &text).expect("a complete answer set reads back");
        prop_assert_eq!(&parsed.answers, &answers);
        prop_assert!(parsed.ignored.is_empty());
        let report = report::build(kb, &answers, &[]);
        let json = serde_json::to_string(&report).expect("encode");
        let back: Report = serde_json::from_str(&json).expect("decode");
        prop_assert_eq!(back, report);
    }
}
