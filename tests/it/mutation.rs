//! A mutation check of the test suite: lower each triage rule's level by one step, one at a time,
//! and confirm that the scenarios (or the safety floor, which refuses the mutant) notice every
//! time. A rule whose level could drop unnoticed would be a rule no test really pins down.

use backcare::engine::parse_answers;
use backcare::knowledge::KnowledgeBase;
use backcare::knowledge::source::RuleFiles;
use backcare::{Urgency, report};
use serde_json::Value;

/// What the scenarios pin for one answer set: the urgency, the rules that fired (with their
/// levels) and the routine.
type Outcome = (Urgency, Vec<(String, Urgency)>, Option<String>);

fn outcomes(kb: &KnowledgeBase, sets: &[String]) -> Vec<Outcome> {
    sets.iter()
        .map(|a| {
            let parsed = parse_answers(kb, a).expect("valid answers");
            let r = report::build(kb, &parsed.answers, &parsed.ignored);
            (
                r.urgency,
                r.reasons.into_iter().map(|x| (x.rule, x.level)).collect(),
                r.routine.map(|r| r.id),
            )
        })
        .collect()
}

#[test]
fn lowering_any_rule_one_level_is_caught_by_the_scenarios() {
    let original = RuleFiles::embedded();
    let kb = KnowledgeBase::from_files(&original).expect("load");
    let sets = super::support::all_scenario_answers();
    let expected = outcomes(&kb, &sets);
    let triage: Value = serde_json::from_str(&original.files[2].text).expect("JSON");
    let rules = triage["rules"].as_array().expect("rules");
    let mut survivors = Vec::new();
    let mut killed = 0;
    for (i, rule) in rules.iter().enumerate() {
        let level: Urgency = serde_json::from_value(rule["level"].clone()).expect("a level");
        let Some(lower) = level.one_lower() else {
            continue;
        };
        let mut mutated = triage.clone();
        if lower == Urgency::SelfCare {
            // A rule at self_care would change nothing (and is refused by validation), so the
            // equivalent mutant simply has no such rule.
            mutated["rules"].as_array_mut().expect("rules").remove(i);
        } else {
            mutated["rules"][i]["level"] = Value::String(lower.as_str().to_owned());
        }
        let mut files = original.clone();
        files.files[2].text = mutated.to_string();
        // The safety floor refuses some mutants outright: caught before any scenario runs.
        let mutant = match KnowledgeBase::from_files(&files) {
            Ok(mutant) => mutant,
            Err(faults) => {
                let text = faults.to_string();
                assert!(
                    text.contains("safety floor `"),
                    "refused, but not by a floor: {text}"
                );
                killed += 1;
                continue;
            }
        };
        if outcomes(&mutant, &sets) == expected {
            survivors.push(format!("{} ({level} -> {lower})", rule["id"]));
        } else {
            killed += 1;
        }
    }
    assert!(
        survivors.is_empty(),
        "no scenario notices these rules being lowered: {survivors:?}"
    );
    assert_eq!(killed, rules.len(), "every rule was mutated and caught");
}
