//! Runs every scenario in `tests/scenarios/`: complete answer sets a clinician can read, with the
//! urgency, the rules that fire and the routine they expect.

use backcare::engine::parse_answers;
use backcare::knowledge::KnowledgeBase;
use backcare::report::{self, Report};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    title: String,
    why: String,
    expect: Expect,
    answers: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    urgency: backcare::Urgency,
    /// Exactly the triage rules that fire.
    rules: BTreeSet<String>,
    routine: Option<String>,
    /// When given: exactly the stretches of the routine as done, in order.
    #[serde(default)]
    stretches: Option<Vec<String>>,
    /// When given: exactly the stretches left out (or swapped), in order.
    #[serde(default)]
    left_out: Option<Vec<String>>,
    /// When given: no routine is shown, and the reason the person reads contains this text.
    #[serde(default)]
    no_routine: Option<String>,
}

fn load_all() -> Vec<(String, Scenario)> {
    super::support::scenario_paths()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read scenario");
            let name = p
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            let scenario = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, scenario)
        })
        .collect()
}

fn run(kb: &KnowledgeBase, scenario: &Scenario) -> Result<Report, String> {
    let parsed = parse_answers(kb, &scenario.answers.to_string())?;
    if !parsed.ignored.is_empty() {
        return Err(format!(
            "answers the flow would not ask: {:?}",
            parsed.ignored
        ));
    }
    Ok(report::build(kb, &parsed.answers, &parsed.ignored))
}

/// What a scenario's expectation compares, taken from a report.
fn actual(report: &Report) -> String {
    let rules: Vec<&str> = {
        let mut r: Vec<&str> = report.reasons.iter().map(|r| r.rule.as_str()).collect();
        r.sort_unstable();
        r
    };
    let routine = report.routine.as_ref();
    format!(
        "urgency {}, rules {:?}, routine {:?}, stretches {:?}, left out {:?}, no routine {:?}",
        report.urgency,
        rules,
        routine.map(|r| r.id.as_str()),
        routine.map(|r| r
            .steps
            .iter()
            .map(|s| s.stretch.as_str())
            .collect::<Vec<_>>()),
        routine.map(|r| r
            .left_out
            .iter()
            .map(|s| s.stretch.as_str())
            .collect::<Vec<_>>()),
        report.no_routine,
    )
}

fn matches(expect: &Expect, report: &Report) -> bool {
    let rules: BTreeSet<String> = report.reasons.iter().map(|r| r.rule.clone()).collect();
    let routine = report.routine.as_ref();
    let stretches = routine
        .map(|r| {
            r.steps
                .iter()
                .map(|s| s.stretch.clone())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let left_out = routine
        .map(|r| {
            r.left_out
                .iter()
                .map(|s| s.stretch.clone())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    expect.urgency == report.urgency
        && expect.rules == rules
        && expect.routine.as_deref() == routine.map(|r| r.id.as_str())
        && expect.stretches.as_ref().is_none_or(|s| *s == stretches)
        && expect.left_out.as_ref().is_none_or(|l| *l == left_out)
        && expect.no_routine.as_ref().is_none_or(|text| {
            routine.is_none()
                && report
                    .no_routine
                    .as_ref()
                    .is_some_and(|why| why.contains(text.as_str()))
        })
}

#[test]
fn every_scenario_gets_its_expected_outcome() {
    let kb = KnowledgeBase::embedded().expect("the shipped rules load");
    let scenarios = load_all();
    assert!(
        scenarios.len() >= 95,
        "the issue asks for at least 95 scenarios (56 and 35 more from the clinical review), found {}",
        scenarios.len()
    );
    let mut failures = Vec::new();
    for (name, scenario) in &scenarios {
        match run(&kb, scenario) {
            Err(e) => failures.push(format!(
                "{name} ({}): the answers were rejected: {e}",
                scenario.title
            )),
            Ok(report) if !matches(&scenario.expect, &report) => failures.push(format!(
                "{name} ({})\n  why: {}\n  answers: {}\n  expected: {:?}\n  actual:   {}",
                scenario.title,
                scenario.why,
                scenario.answers,
                scenario.expect,
                actual(&report)
            )),
            Ok(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n\n{}",
        failures.len(),
        scenarios.len(),
        failures.join("\n\n")
    );
}

/// Every triage rule fires, every routine is chosen and every stretch is done in at least one
/// scenario, so no part of the knowledge base goes untested.
#[test]
fn scenarios_cover_every_rule_routine_and_stretch() {
    let kb = KnowledgeBase::embedded().expect("the shipped rules load");
    let mut rules = BTreeSet::new();
    let mut routines = BTreeSet::new();
    let mut stretches = BTreeSet::new();
    let mut withheld = BTreeSet::new();
    for (_, scenario) in load_all() {
        let Ok(report) = run(&kb, &scenario) else {
            continue;
        };
        rules.extend(report.reasons.iter().map(|r| r.rule.clone()));
        if let Some(r) = &report.routine {
            routines.insert(r.id.clone());
            stretches.extend(r.steps.iter().map(|s| s.stretch.clone()));
        }
        if let Some(why) = &report.no_routine {
            withheld.insert(why.clone());
        }
    }
    let missing = |all: Vec<String>, seen: &BTreeSet<String>| -> Vec<String> {
        all.into_iter().filter(|id| !seen.contains(id)).collect()
    };
    assert_eq!(
        missing(kb.triage.iter().map(|r| r.id.clone()).collect(), &rules),
        Vec::<String>::new(),
        "triage rules no scenario fires"
    );
    assert_eq!(
        missing(
            kb.routines.iter().map(|r| r.id.clone()).collect(),
            &routines
        ),
        Vec::<String>::new(),
        "routines no scenario chooses"
    );
    assert_eq!(
        missing(
            kb.stretches.iter().map(|s| s.id.clone()).collect(),
            &stretches
        ),
        Vec::<String>::new(),
        "stretches no scenario uses"
    );
    for w in &kb.withhold {
        assert!(
            withheld.iter().any(|why| why.contains(&w.because)),
            "withhold rule `{}` is reached by no scenario",
            w.id
        );
    }
}
