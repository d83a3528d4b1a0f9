//! The same answers give the same result whatever the order of rules in the files: the top-level
//! lists, the leave-out rules within each stretch and the selection rules within each routine.
#![allow(clippy::ptr_arg)] // the permutations share one signature; one of them must grow and shrink the list

use super::support::without_origin;
use backcare::engine::parse_answers;
use backcare::knowledge::KnowledgeBase;
use backcare::knowledge::source::RuleFiles;
use backcare::report;
use serde_json::Value;

const ORDERS: [fn(&mut Vec<Value>); 3] = [reverse, rotate_a_third, odd_positions_first];

#[test]
fn results_do_not_depend_on_rule_order() {
    let reference = KnowledgeBase::embedded().expect("load");
    let answer_sets = answer_sets();
    for order in ORDERS {
        for kb in [
            super::support::permuted_rules(order),
            permuted_within_rules(order),
        ] {
            for answers in &answer_sets {
                let a = parse_answers(&reference, answers).expect("valid answers");
                let b = parse_answers(&kb, answers).expect("valid answers");
                assert_eq!(
                    without_origin(report::build(&reference, &a.answers, &a.ignored)),
                    without_origin(report::build(&kb, &b.answers, &b.ignored)),
                    "answers {answers}"
                );
            }
        }
    }
}

/// The shipped rules with every list whose order could matter rearranged by `permute`: the
/// top-level lists, and the lists inside rules (leave-out rules of each stretch, selection rules
/// of each routine).
pub(crate) fn permuted_within_rules(permute: fn(&mut Vec<Value>)) -> KnowledgeBase {
    let mut files = RuleFiles::embedded();
    let nested: [(usize, &str, &[&str]); 5] = [
        (1, "conditions", &[]),
        (2, "rules", &[]),
        (3, "stretches", &["leave_out"]),
        (4, "routines", &["select"]),
        (4, "withhold", &[]),
    ];
    for (file, key, inner) in nested {
        let mut value: Value = serde_json::from_str(&files.files[file].text).expect("JSON");
        let list = value[key].as_array_mut().expect("a list");
        for item in list.iter_mut() {
            for inner_key in inner {
                if let Some(inner_list) = item.get_mut(*inner_key).and_then(Value::as_array_mut) {
                    permute(inner_list);
                }
            }
        }
        permute(list);
        files.files[file].text = value.to_string();
    }
    KnowledgeBase::from_files(&files).expect("rearranged rules still load")
}

/// Every scenario's answers, and each again with every combination of the `limits` choices and
/// every `worse_with` choice, so that several leave-out rules of one stretch apply together.
fn answer_sets() -> Vec<String> {
    let mut sets = super::support::all_scenario_answers();
    let limits = [
        "pregnant",
        "hip_replacement",
        "knee_trouble",
        "spinal_surgery",
    ];
    let worse_with = [
        "sitting",
        "bending_forward",
        "standing_or_walking",
        "arching_back",
    ];
    let scenarios = sets.clone();
    for answers in &scenarios {
        let base: Value = serde_json::from_str(answers).expect("JSON");
        for subset in 0..(1u32 << limits.len()) {
            let mut varied = base.clone();
            let chosen: Vec<&str> = (0..limits.len())
                .filter(|i| subset & (1 << i) != 0)
                .map(|i| limits[i])
                .collect();
            varied["limits"] = serde_json::json!(chosen);
            varied["worse_with"] = serde_json::json!(worse_with);
            sets.push(varied.to_string());
        }
    }
    sets
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
