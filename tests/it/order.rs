//! The same answers give the same result whatever the order of rules in the files.
#![allow(clippy::ptr_arg)] // the permutations share one signature; one of them must grow and shrink the list

use backcare::engine::parse_answers;
use backcare::knowledge::KnowledgeBase;
use backcare::report;
use serde_json::Value;

#[test]
fn results_do_not_depend_on_rule_order() {
    let reference = KnowledgeBase::embedded().expect("load");
    let orders: [fn(&mut Vec<Value>); 3] = [reverse, rotate_a_third, odd_positions_first];
    let answer_sets = super::support::all_scenario_answers();
    for order in &orders {
        let kb = super::support::permuted_rules(*order);
        for answers in &answer_sets {
            let a = parse_answers(&reference, answers).expect("valid answers");
            let b = parse_answers(&kb, answers).expect("valid answers");
            assert_eq!(
                report::build(&reference, &a.answers, &a.ignored),
                report::build(&kb, &b.answers, &b.ignored),
                "answers {answers}"
            );
        }
    }
}

fn reverse(list: &mut Vec<Value>) {
    list.reverse();
}

fn rotate_a_third(list: &mut Vec<Value>) {
    let third = list.len() / 3;
    list.rotate_left(third);
}

/// Odd positions first, then even: a shuffle that moves every neighbour apart.
fn odd_positions_first(list: &mut Vec<Value>) {
    let (odd, even): (Vec<_>, Vec<_>) = list.drain(..).enumerate().partition(|(i, _)| i % 2 == 1);
    list.extend(odd.into_iter().chain(even).map(|(_, v)| v));
}
