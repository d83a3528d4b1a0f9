//! The same answers give the same result whatever the order of rules in the files.
#![allow(clippy::ptr_arg)] // the permutations share one signature; one of them must grow and shrink the list

use backcare::engine::parse_answers;
use backcare::knowledge::KnowledgeBase;
use backcare::knowledge::source::RuleFiles;
use backcare::report;
use serde_json::Value;

/// The shipped rules with every list that order could influence permuted by `permute`.
fn permuted(permute: fn(&mut Vec<Value>)) -> KnowledgeBase {
    let mut files = RuleFiles::embedded();
    for (file, key) in [
        (1, "conditions"),
        (2, "rules"),
        (3, "stretches"),
        (4, "routines"),
        (4, "withhold"),
    ] {
        let mut value: Value = serde_json::from_str(&files.files[file].text).expect("JSON");
        let list = value[key].as_array_mut().expect("a list");
        permute(list);
        files.files[file].text = serde_json::to_string_pretty(&value).expect("encode");
    }
    KnowledgeBase::from_files(&files).expect("permuted rules still load")
}

#[test]
fn results_do_not_depend_on_rule_order() {
    let reference = KnowledgeBase::embedded().expect("load");
    let orders: [fn(&mut Vec<Value>); 3] = [reverse, rotate_a_third, odd_positions_first];
    let scenarios = std::fs::read_dir(super::support::scenario_dir()).expect("scenarios");
    let answer_sets: Vec<String> = scenarios
        .map(|e| {
            let text = std::fs::read_to_string(e.expect("entry").path()).expect("read");
            serde_json::from_str::<Value>(&text).expect("JSON")["answers"].to_string()
        })
        .collect();
    for order in &orders {
        let kb = permuted(*order);
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
