//! Proofs about a knowledge base, by reasoning over every possible answer rather than sampling.
//!
//! Each condition reads a handful of questions. Their answers fall into few classes that matter:
//! unanswered, each choice (or each subset of the choices tested), and for numbers the ranges
//! between the thresholds the rules use. Enumerating those classes decides exactly whether a
//! condition can ever be true, and finds an example answer set when it can.

use super::compile::{ADVICE, CONDITIONS, QUESTIONS, ROUTINES, STRETCHES, TRIAGE};
use super::locate::JsonPath;
use super::{KnowledgeBase, QuestionKind};
use crate::engine::answers::{Answer, Answers};
use crate::engine::condition::{Cond, Test, Truth};

/// Most answer combinations examined for one condition before giving up on it.
const MAX_COMBINATIONS: u64 = 1 << 20;

/// A fault found by analysis: the file (index into `FILE_NAMES`), where, and what.
pub type LoadFault = (usize, JsonPath, String);

/// The safety invariants and reachability, checked on every load.
pub fn load_faults(kb: &KnowledgeBase) -> Vec<LoadFault> {
    let mut faults = Vec::new();
    warning_signs_always_asked(kb, &mut faults);
    escalation_is_monotone(kb, &mut faults);
    every_condition_can_hold(kb, &mut faults);
    faults
}

/// Invariant 1: a question read by an emergency or urgent rule is asked of everyone.
fn warning_signs_always_asked(kb: &KnowledgeBase, faults: &mut Vec<LoadFault>) {
    for (i, q) in kb.questions.iter().enumerate() {
        if q.ask_when.is_none() {
            continue;
        }
        let reader = kb.triage.iter().find(|rule| {
            let mut reads = false;
            rule.when.visit_leaves(&kb.named_bodies, 0, &mut |leaf, _| {
                reads |= leaf.question == i
            });
            reads && rule.level.is_escalation()
        });
        if let Some(rule) = reader {
            faults.push((
                QUESTIONS,
                JsonPath::default().key("questions").index(i).key("ask_when"),
                format!(
                    "safety invariant broken (warning signs are asked of everyone): `{}` is read by {} rule `{}`, so it must not have an ask_when",
                    q.id, rule.level, rule.id
                ),
            ));
        }
    }
}

/// Invariant 2: answering yes to a warning sign never lowers the urgency. Urgency is the highest
/// level of any fired rule, so it is monotone exactly when no triage rule can stop firing because
/// a warning sign was switched on: no rule may test a warning-sign yes/no question for `false`,
/// under a `not`, or with `answered`.
fn escalation_is_monotone(kb: &KnowledgeBase, faults: &mut Vec<LoadFault>) {
    let warning = kb.warning_sign_questions();
    for (i, rule) in kb.triage.iter().enumerate() {
        let mut bad = None;
        rule.when
            .visit_leaves(&kb.named_bodies, 0, &mut |leaf, negations| {
                let q = &kb.questions[leaf.question];
                if !warning[leaf.question] || q.kind != QuestionKind::YesNo || bad.is_some() {
                    return;
                }
                let positive = match leaf.test {
                    Test::IsBool(want) => want == (negations % 2 == 0),
                    _ => false,
                };
                if !positive {
                    bad = Some(q.id.clone());
                }
            });
        if let Some(question) = bad {
            faults.push((
                TRIAGE,
                JsonPath::default().key("rules").index(i).key("when"),
                format!(
                    "safety invariant broken (escalation is monotone): rule `{}` can stop firing when `{question}`, a warning sign, is answered yes; test warning signs only for `is: true`, outside any `not`",
                    rule.id
                ),
            ));
        }
    }
}

fn every_condition_can_hold(kb: &KnowledgeBase, faults: &mut Vec<LoadFault>) {
    let mut check = |file: usize, path: JsonPath, what: String, cond: &Cond| {
        match witness(kb, cond) {
        Ok(Some(_)) => {}
        Ok(None) => faults.push((file, path, format!("{what} can never be true, whatever the answers"))),
        Err(count) => faults.push((
            file,
            path,
            format!("{what} reads too many questions to analyse ({count} answer combinations); split it into named conditions"),
        )),
    }
    };
    for (i, body) in kb.named_bodies.iter().enumerate() {
        let what = format!("named condition `{}`", kb.named[i].id);
        check(
            CONDITIONS,
            JsonPath::default().key("conditions").index(i).key("when"),
            what,
            body,
        );
    }
    for (i, q) in kb.questions.iter().enumerate() {
        if let Some(when) = &q.ask_when {
            let what = format!("the ask_when of `{}`", q.id);
            check(
                QUESTIONS,
                JsonPath::default()
                    .key("questions")
                    .index(i)
                    .key("ask_when"),
                what,
                when,
            );
        }
    }
    for (i, rule) in kb.triage.iter().enumerate() {
        let what = format!("triage rule `{}`", rule.id);
        check(
            TRIAGE,
            JsonPath::default().key("rules").index(i).key("when"),
            what,
            &rule.when,
        );
    }
    for (i, stretch) in kb.stretches.iter().enumerate() {
        for (j, leave) in stretch.leave_out.iter().enumerate() {
            let path = JsonPath::default()
                .key("stretches")
                .index(i)
                .key("leave_out")
                .index(j)
                .key("when");
            check(
                STRETCHES,
                path,
                format!("a leave-out rule of `{}`", stretch.id),
                &leave.when,
            );
        }
    }
    for (i, routine) in kb.routines.iter().enumerate() {
        for (j, select) in routine.select.iter().enumerate() {
            if let Some(when) = &select.when {
                let path = JsonPath::default()
                    .key("routines")
                    .index(i)
                    .key("select")
                    .index(j)
                    .key("when");
                check(
                    ROUTINES,
                    path,
                    format!("a selection rule of `{}`", routine.id),
                    when,
                );
            }
        }
    }
    for (i, w) in kb.withhold.iter().enumerate() {
        let path = JsonPath::default().key("withhold").index(i).key("when");
        check(ROUTINES, path, format!("withhold rule `{}`", w.id), &w.when);
    }
    for (key, lines) in [("tips", &kb.tips), ("safety_net", &kb.safety_net)] {
        for (i, line) in lines.iter().enumerate() {
            if let Some(when) = &line.when {
                let path = JsonPath::default().key(key).index(i).key("when");
                check(ADVICE, path, format!("advice line `{}`", line.id), when);
            }
        }
    }
}

/// An answer set, consistent with the questionnaire's ask-when conditions, under which `cond` is
/// definitely true; `Ok(None)` when there is none; `Err(count)` when there are too many answer
/// combinations to examine.
pub fn witness(kb: &KnowledgeBase, cond: &Cond) -> Result<Option<Answers>, u64> {
    // The questions involved: those the condition reads, and those their ask-whens read.
    let mut involved = vec![false; kb.questions.len()];
    cond.visit_leaves(&kb.named_bodies, 0, &mut |leaf, _| {
        involved[leaf.question] = true
    });
    for i in (0..kb.questions.len()).rev() {
        if involved[i] {
            if let Some(when) = &kb.questions[i].ask_when {
                when.visit_leaves(&kb.named_bodies, 0, &mut |leaf, _| {
                    involved[leaf.question] = true
                });
            }
        }
    }
    let questions: Vec<usize> = (0..kb.questions.len()).filter(|&i| involved[i]).collect();
    let domains: Vec<Vec<Option<Answer>>> =
        questions.iter().map(|&q| domain(kb, cond, q)).collect();
    let count = domains
        .iter()
        .try_fold(1u64, |acc, d| acc.checked_mul(d.len() as u64))
        .unwrap_or(u64::MAX);
    if count > MAX_COMBINATIONS {
        return Err(count);
    }

    let mut answers = Answers::empty(kb.questions.len());
    let mut odometer = vec![0usize; domains.len()];
    loop {
        for (slot, (&q, d)) in questions.iter().zip(&domains).enumerate() {
            answers.set(q, d[odometer[slot]]);
        }
        if consistent(kb, &answers, &questions)
            && cond.eval(&answers, &kb.named_bodies) == Truth::True
        {
            return Ok(Some(answers));
        }
        // Advance the odometer; done when it wraps around.
        let mut slot = 0;
        loop {
            if slot == odometer.len() {
                return Ok(None);
            }
            odometer[slot] += 1;
            if odometer[slot] < domains[slot].len() {
                break;
            }
            odometer[slot] = 0;
            slot += 1;
        }
    }
}

/// True when every answered question among `questions` would actually have been asked.
fn consistent(kb: &KnowledgeBase, answers: &Answers, questions: &[usize]) -> bool {
    questions.iter().all(|&q| {
        answers.get(q).is_none()
            || kb.questions[q]
                .ask_when
                .as_ref()
                .is_none_or(|when| when.eval(answers, &kb.named_bodies) == Truth::True)
    })
}

/// One representative answer of each class that the tests on question `q` can tell apart.
fn domain(kb: &KnowledgeBase, cond: &Cond, q: usize) -> Vec<Option<Answer>> {
    let mut tests = Vec::new();
    let mut collect = |c: &Cond| {
        c.visit_leaves(&kb.named_bodies, 0, &mut |leaf, _| {
            if leaf.question == q {
                tests.push(leaf.test);
            }
        })
    };
    collect(cond);
    for question in &kb.questions {
        if let Some(when) = &question.ask_when {
            collect(when);
        }
    }
    let mut values = vec![None];
    match &kb.questions[q].kind {
        QuestionKind::YesNo => values.extend([Some(Answer::Bool(false)), Some(Answer::Bool(true))]),
        QuestionKind::Single(choices) => {
            values.extend((0..choices.len()).map(|c| Some(Answer::Choice(c as u8))));
        }
        QuestionKind::Multiple(_) => {
            let tested: Vec<u8> = tests
                .iter()
                .filter_map(|t| {
                    if let Test::Contains(c) = t {
                        Some(*c)
                    } else {
                        None
                    }
                })
                .collect();
            let mut tested = tested;
            tested.sort_unstable();
            tested.dedup();
            // Choices no test reads cannot change any outcome: every subset of the tested ones.
            for subset in 0u64..(1u64 << tested.len().min(16)) {
                let mask = tested
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| subset & (1 << bit) != 0)
                    .fold(0u64, |m, (_, c)| m | (1u64 << c));
                values.push(Some(Answer::Choices(mask)));
            }
        }
        QuestionKind::Number { min, max, .. } => {
            let mut points = vec![*min, *max];
            for t in &tests {
                match *t {
                    Test::AtLeast(n) => points.extend([n - 1, n]),
                    Test::AtMost(n) => points.extend([n, n + 1]),
                    Test::Between(lo, hi) => points.extend([lo - 1, lo, hi, hi + 1]),
                    _ => {}
                }
            }
            points.retain(|p| (*min..=*max).contains(p));
            points.sort_unstable();
            points.dedup();
            values.extend(points.into_iter().map(|n| Some(Answer::Number(n))));
        }
    }
    values
}

/// What `rules check` prints for a knowledge base that loaded: what it holds and what was proved.
pub fn summary(kb: &KnowledgeBase, origin: &str) -> String {
    use crate::Urgency;
    let warning = kb.warning_sign_questions();
    let warning_count = warning.iter().filter(|w| **w).count();
    let by_level: Vec<String> = Urgency::LADDER
        .iter()
        .filter(|u| **u != Urgency::SelfCare)
        .map(|u| {
            format!(
                "{} {}",
                kb.triage.iter().filter(|r| r.level == *u).count(),
                u
            )
        })
        .collect();
    let conditions = kb.named.len()
        + kb.triage.len()
        + kb.questions.iter().filter(|q| q.ask_when.is_some()).count()
        + kb.stretches
            .iter()
            .map(|s| s.leave_out.len())
            .sum::<usize>()
        + kb.routines
            .iter()
            .map(|r| r.select.iter().filter(|s| s.when.is_some()).count())
            .sum::<usize>()
        + kb.withhold.len()
        + kb.tips
            .iter()
            .chain(&kb.safety_net)
            .filter(|l| l.when.is_some())
            .count();
    let mut out = format!(
        "rules: {origin} (format version {})\n",
        super::compile::FORMAT_VERSION
    );
    out.push_str(&format!(
        "  {} questions, {} named conditions, {} triage rules ({}), {} stretches, {} routines, {} withhold rules, {} tips, {} safety-net lines\n",
        kb.questions.len(),
        kb.named.len(),
        kb.triage.len(),
        by_level.join(", "),
        kb.stretches.len(),
        kb.routines.len(),
        kb.withhold.len(),
        kb.tips.len(),
        kb.safety_net.len()
    ));
    out.push_str("verified:\n");
    let lines = [
        "every id is unique, every reference resolves, every test fits its question's type".to_owned(),
        format!("every one of {conditions} conditions can be true for some answers (checked over every answer class)"),
        format!("invariant 1: the {warning_count} questions that emergency or urgent rules read are asked of everyone"),
        "invariant 2: escalation is monotone: no triage rule tests a warning sign for `no`, under `not`, or for being answered".to_owned(),
        "invariant 3: no routine above `appointment` (the engine offers routines only at self_care and appointment)".to_owned(),
    ];
    for line in lines {
        out.push_str(&format!("  ok  {line}\n"));
    }
    out
}
