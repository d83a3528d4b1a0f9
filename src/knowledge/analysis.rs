//! Proofs about a knowledge base, by reasoning over every possible answer rather than sampling.
//!
//! Each condition reads a handful of questions. Their answers fall into few classes that matter:
//! unanswered, each choice (or each subset of the choices tested), and for numbers the ranges
//! between the thresholds the rules use. Enumerating those classes decides exactly whether a
//! condition can ever be true, and finds an example answer set when it can.

use super::locate::JsonPath;
use crate::model::{
    Answer, Answers, Cond, KnowledgeBase, Leaf, Place, QuestionKind, RuleFileKind, Test, Truth,
};
use std::fmt::Write as _;

/// Most answer combinations examined for one condition before giving up on it.
const MAX_COMBINATIONS: u64 = 1 << 20;

/// A fault found by analysis: the file, where in it, and what.
pub type LoadFault = (RuleFileKind, JsonPath, String);

/// The safety invariants and reachability, checked on every load.
pub fn load_faults(kb: &KnowledgeBase) -> Vec<LoadFault> {
    let mut faults = Vec::new();
    faults.extend(super::invariants::load_faults(kb));
    escalation_is_monotone(kb, &mut faults);
    every_condition_can_hold(kb, &mut faults);
    faults.extend(super::floor_proof::proof_faults(kb));
    faults.extend(super::progression_proof::proof_faults(kb));
    faults
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
            .visit_leaves(&kb.named, 0, &mut |leaf, negations| {
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
            let example = monotone_counterexample(kb, rule, &question).map(|a| format!("; for example, with {a} it fires, and answering yes to `{question}` stops it")).unwrap_or_default();
            faults.push((
                RuleFileKind::Triage,
                JsonPath::of(Place::Triage(i)),
                format!(
                    "safety invariant broken (escalation is monotone): rule `{}` can stop firing when `{question}`, a warning sign, is answered yes; test warning signs only for `is: true`, outside any `not`{example}",
                    rule.id
                ),
            ));
        }
    }
}

/// Answers under which `rule` fires with `question` answered no, and stops firing once it is yes.
fn monotone_counterexample(
    kb: &KnowledgeBase,
    rule: &crate::model::TriageRule,
    question: &str,
) -> Option<String> {
    let q = kb.question_index(question)?;
    let off = Cond::Leaf(Leaf {
        question: q,
        test: Test::IsBool(false),
    });
    let mut answers = find_answers(kb, &Cond::All(vec![rule.when.clone(), off]))
        .ok()
        .flatten()?;
    answers.set(q, Some(Answer::Bool(true)));
    (rule.when.eval(&answers, &kb.named) != Truth::True).then(|| {
        answers.set(q, Some(Answer::Bool(false)));
        answers.to_json(kb).to_string()
    })
}

/// Reachability: every condition written anywhere in the rules can be true for some answers.
fn every_condition_can_hold(kb: &KnowledgeBase, faults: &mut Vec<LoadFault>) {
    for site in kb.condition_sites() {
        let message = match find_answers(kb, site.cond) {
            Ok(Some(_)) => continue,
            Ok(None) => format!("{} can never be true, whatever the answers", site.label(kb)),
            Err(count) => format!(
                "{} reads too many questions to analyse ({count} answer combinations); split it into named conditions",
                site.label(kb)
            ),
        };
        faults.push((site.place.file(), JsonPath::of(site.place), message));
    }
}

/// An answer set, consistent with the questionnaire's ask-when conditions, under which `cond` is
/// definitely true; `Ok(None)` when there is none; `Err(count)` when there are too many answer
/// combinations to examine.
pub fn find_answers(kb: &KnowledgeBase, cond: &Cond) -> Result<Option<Answers>, u64> {
    // The questions involved: those the condition reads, and those their ask-whens read.
    let mut involved = vec![false; kb.questions.len()];
    cond.visit_leaves(&kb.named, 0, &mut |leaf, _| involved[leaf.question] = true);
    for i in (0..kb.questions.len()).rev() {
        if involved[i] {
            if let Some(when) = &kb.questions[i].ask_when {
                when.visit_leaves(&kb.named, 0, &mut |leaf, _| involved[leaf.question] = true);
            }
        }
    }
    let questions: Vec<usize> = (0..kb.questions.len()).filter(|&i| involved[i]).collect();
    let domains = questions
        .iter()
        .map(|&q| domain(kb, cond, q))
        .collect::<Result<Vec<Vec<Option<Answer>>>, u64>>()?;
    let count = domains
        .iter()
        .try_fold(1u64, |acc, d| acc.checked_mul(d.len() as u64))
        .unwrap_or(u64::MAX);
    if count > MAX_COMBINATIONS {
        return search(kb, cond).ok_or(count);
    }

    let mut answers = Answers::empty(kb.questions.len());
    let mut odometer = vec![0usize; domains.len()];
    loop {
        for (slot, (&q, d)) in questions.iter().zip(&domains).enumerate() {
            answers.set(q, d[odometer[slot]]);
        }
        if consistent(kb, &answers, &questions) && cond.eval(&answers, &kb.named) == Truth::True {
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

/// Most partial answer sets the search visits before giving up.
const SEARCH_BUDGET: u64 = 2_000_000;

/// A witness among complete answer sets (every asked question answered), found by depth-first
/// search in questionnaire order. Questions not yet assigned count as unknown, and Kleene logic
/// never turns false into true as unknowns are filled in, so a branch whose condition is already
/// false is cut. `None` when the budget runs out before an answer is certain, or when the
/// condition tests whether questions were answered (that is not monotone in this sense).
#[allow(clippy::option_option)] // Outer `None`: gave up; inner `None`: proved there is none.
fn search(kb: &KnowledgeBase, cond: &Cond) -> Option<Option<Answers>> {
    let mut uses_answered = false;
    cond.visit_leaves(&kb.named, 0, &mut |leaf, _| {
        uses_answered |= matches!(leaf.test, Test::Answered(_));
    });
    if uses_answered {
        return None;
    }
    let domains = (0..kb.questions.len())
        .map(|q| domain(kb, cond, q).map(|d| d.into_iter().flatten().collect()))
        .collect::<Result<Vec<Vec<Answer>>, u64>>()
        .ok()?;
    let mut answers = Answers::empty(kb.questions.len());
    let mut budget = SEARCH_BUDGET;
    match descend(kb, cond, &domains, 0, &mut answers, &mut budget) {
        Some(true) => Some(Some(answers)),
        Some(false) => Some(None),
        None => None,
    }
}

/// Tries every value of question `q` and onwards; `Some(true)` leaves the witness in `answers`.
fn descend(
    kb: &KnowledgeBase,
    cond: &Cond,
    domains: &[Vec<Answer>],
    q: usize,
    answers: &mut Answers,
    budget: &mut u64,
) -> Option<bool> {
    *budget = budget.checked_sub(1)?;
    match cond.eval(answers, &kb.named) {
        Truth::False => return Some(false),
        Truth::True => {
            // Any completion keeps it true; fill in the rest so the example is a complete set.
            for (rest, values) in domains.iter().enumerate().skip(q) {
                let value = if kb.is_asked(rest, answers) {
                    values.first().copied()
                } else {
                    None
                };
                answers.set(rest, value);
            }
            return Some(true);
        }
        Truth::Unknown if q == kb.questions.len() => return Some(false),
        Truth::Unknown => {}
    }
    if !kb.is_asked(q, answers) {
        return descend(kb, cond, domains, q + 1, answers, budget);
    }
    for &value in &domains[q] {
        answers.set(q, Some(value));
        if descend(kb, cond, domains, q + 1, answers, budget)? {
            return Some(true);
        }
    }
    answers.set(q, None);
    Some(false)
}

/// True when every answered question among `questions` would actually have been asked.
fn consistent(kb: &KnowledgeBase, answers: &Answers, questions: &[usize]) -> bool {
    questions.iter().all(|&q| {
        answers.get(q).is_none()
            || kb.questions[q]
                .ask_when
                .as_ref()
                .is_none_or(|when| when.eval(answers, &kb.named) == Truth::True)
    })
}

/// One representative answer of each class that the tests on question `q` can tell apart, or
/// `Err(count)` when there are too many classes to enumerate.
fn domain(kb: &KnowledgeBase, cond: &Cond, q: usize) -> Result<Vec<Option<Answer>>, u64> {
    let mut tests = Vec::new();
    let mut collect = |c: &Cond| {
        c.visit_leaves(&kb.named, 0, &mut |leaf, _| {
            if leaf.question == q {
                tests.push(leaf.test);
            }
        });
    };
    collect(cond);
    for question in &kb.questions {
        if let Some(when) = &question.ask_when {
            collect(when);
        }
    }
    answer_classes(kb, q, &tests)
}

/// Most distinct choices of one multiple-choice question that tests may read before the classes
/// (every subset of them, 2^n) are too many to enumerate.
pub const MAX_TESTED_CHOICES: usize = 16;

/// One representative answer (or none) of each class of answers to question `q` that `tests`
/// cannot tell apart. `Err(count)` when a multiple-choice question has more tested choices than
/// [`MAX_TESTED_CHOICES`]: leaving some out would make every proof built on the classes unsound,
/// so the caller must report "too many to analyse", never "ok".
pub(super) fn answer_classes(
    kb: &KnowledgeBase,
    q: usize,
    tests: &[Test],
) -> Result<Vec<Option<Answer>>, u64> {
    let mut values = vec![None];
    match &kb.questions[q].kind {
        QuestionKind::YesNo => values.extend([Some(Answer::Bool(false)), Some(Answer::Bool(true))]),
        QuestionKind::Single(choices) => {
            // Choice positions are below 64 (`MAX_CHOICES`, checked at load), so they fit a byte.
            let byte = |c: usize| u8::try_from(c).unwrap_or(u8::MAX);
            values.extend((0..choices.len()).map(|c| Some(Answer::Choice(byte(c)))));
        }
        QuestionKind::Multiple(_) => {
            let mut tested: Vec<u8> = tests
                .iter()
                .filter_map(|t| {
                    if let Test::Contains(c) = t {
                        Some(*c)
                    } else {
                        None
                    }
                })
                .collect();
            tested.sort_unstable();
            tested.dedup();
            if tested.len() > MAX_TESTED_CHOICES {
                let bits = u32::try_from(tested.len()).unwrap_or(u32::MAX);
                return Err(1u64.checked_shl(bits).unwrap_or(u64::MAX));
            }
            // Choices no test reads cannot change any outcome: every subset of the tested ones.
            for subset in 0u64..(1u64 << tested.len()) {
                let mask = tested
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| subset & (1 << bit) != 0)
                    .fold(0u64, |m, (_, c)| m | (1u64 << c));
                values.push(Some(Answer::Choices(mask)));
            }
        }
        QuestionKind::Number { min, max, .. } => {
            // Saturating: a threshold at the very end of i64 must not wrap (or panic) into a
            // point on the other side of the range.
            let mut points = vec![*min, *max];
            for t in tests {
                match *t {
                    Test::AtLeast(n) => points.extend([n.saturating_sub(1), n]),
                    Test::AtMost(n) => points.extend([n, n.saturating_add(1)]),
                    Test::Between(lo, hi) => {
                        points.extend([lo.saturating_sub(1), lo, hi, hi.saturating_add(1)]);
                    }
                    _ => {}
                }
            }
            points.retain(|p| (*min..=*max).contains(p));
            points.sort_unstable();
            points.dedup();
            values.extend(points.into_iter().map(|n| Some(Answer::Number(n))));
        }
    }
    Ok(values)
}

/// One finding of `rules check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked, as `rules check` labels it.
    pub name: &'static str,
    /// `Ok(what was proved)` or `Err(what is broken, with an example answer set)`.
    pub outcome: Result<String, String>,
}

/// Coverage checks that do not stop a knowledge base from loading (the engine stays safe and
/// deterministic) but that an author should fix: routines left ambiguous or missing.
pub fn routine_checks(kb: &KnowledgeBase) -> Vec<Check> {
    vec![
        Check {
            name: "overlaps",
            outcome: overlaps(kb),
        },
        Check {
            name: "gaps",
            outcome: gaps(kb),
        },
    ]
}

/// Two selection rules at the same priority that can both match leave the choice to the ids.
fn overlaps(kb: &KnowledgeBase) -> Result<String, String> {
    let selections: Vec<(usize, &crate::model::Selection)> = kb
        .routines
        .iter()
        .enumerate()
        .flat_map(|(r, routine)| routine.select.iter().map(move |s| (r, s)))
        .collect();
    let always = Cond::All(Vec::new());
    let mut pairs = 0;
    for (i, (ra, a)) in selections.iter().enumerate() {
        for (rb, b) in &selections[i + 1..] {
            if a.priority != b.priority || ra == rb {
                continue;
            }
            pairs += 1;
            let both = Cond::All(vec![
                a.when.clone().unwrap_or(always.clone()),
                b.when.clone().unwrap_or(always.clone()),
            ]);
            match find_answers(kb, &both) {
                Ok(Some(example)) => {
                    return Err(format!(
                        "routines `{}` and `{}` are both chosen at priority {} by {}; give one a higher priority",
                        kb.routines[*ra].id,
                        kb.routines[*rb].id,
                        a.priority,
                        example.to_json(kb)
                    ));
                }
                Ok(None) => {}
                Err(n) => {
                    return Err(format!(
                        "could not decide whether `{}` and `{}` overlap ({n} answer combinations)",
                        kb.routines[*ra].id, kb.routines[*rb].id
                    ));
                }
            }
        }
    }
    Ok(format!(
        "no two selection rules at the same priority can match together ({pairs} same-priority pairs examined)"
    ))
}

/// An answer set at `self_care` or `appointment` for which no routine is chosen and none withheld.
fn gaps(kb: &KnowledgeBase) -> Result<String, String> {
    if let Some(fallback) = kb
        .routines
        .iter()
        .find(|r| r.select.iter().any(|s| s.when.is_none()))
    {
        return Ok(format!(
            "every answer set that allows a routine gets one: `{}` matches everyone",
            fallback.id
        ));
    }
    let mut none_of = Vec::new();
    for routine in &kb.routines {
        none_of.extend(
            routine
                .select
                .iter()
                .filter_map(|s| s.when.clone())
                .map(|c| Cond::Not(Box::new(c))),
        );
    }
    none_of.extend(
        kb.withhold
            .iter()
            .map(|w| Cond::Not(Box::new(w.when.clone()))),
    );
    none_of.extend(
        kb.triage
            .iter()
            .filter(|r| !r.level.allows_routine())
            .map(|r| Cond::Not(Box::new(r.when.clone()))),
    );
    match find_answers(kb, &Cond::All(none_of)) {
        Ok(None) => Ok(
            "every answer set that allows a routine gets one (checked over every answer class)"
                .to_owned(),
        ),
        Ok(Some(example)) => Err(format!(
            "no routine is chosen for {}; add a selection rule or a fallback routine",
            example.to_json(kb)
        )),
        Err(n) => Err(format!(
            "could not prove that every answer set gets a routine ({n} answer combinations); add a fallback routine with no `when`"
        )),
    }
}

/// What `rules check` prints for a knowledge base that loaded, and whether every check passed.
pub fn summary(kb: &KnowledgeBase, origin: &str) -> (String, bool) {
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
    let conditions = kb.condition_sites().count();
    let mut out = format!(
        "rules: {origin} (format version {})\n",
        super::compile::FORMAT_VERSION
    );
    let _ = writeln!(
        out,
        "  {} questions, {} named conditions, {} triage rules ({}), {} stretches, {} routines, {} withhold rules, {} tips, {} safety-net lines, {} progression rules",
        kb.questions.len(),
        kb.named.len(),
        kb.triage.len(),
        by_level.join(", "),
        kb.stretches.len(),
        kb.routines.len(),
        kb.withhold.len(),
        kb.tips.len(),
        kb.safety_net.len(),
        kb.progression.rules.len()
    );
    out.push_str("verified:\n");
    let mut checks = vec![
        Check { name: "structure", outcome: Ok("every id is unique, every reference resolves, every test fits its question's type".to_owned()) },
        Check { name: "reachability", outcome: Ok(format!("every one of {conditions} conditions can be true for some answers (checked over every answer class)")) },
        Check { name: "invariant 1", outcome: Ok(invariant_1_words(kb, warning_count)) },
        Check { name: "invariant 2", outcome: Ok("escalation is monotone: no triage rule, and no ask_when of a question triage reads, tests a warning sign for `no`, under `not`, or for being answered".to_owned()) },
        Check { name: "invariant 3", outcome: Ok("no routine above `appointment` (the engine consults routines only at self_care and appointment)".to_owned()) },
    ];
    checks.extend(routine_checks(kb));

    let mut all_ok = true;
    for check in &checks {
        match &check.outcome {
            Ok(what) => {
                let _ = writeln!(out, "  ok      {}: {what}", check.name);
            }
            Err(why) => {
                all_ok = false;
                let _ = writeln!(out, "  BROKEN  {}: {why}", check.name);
            }
        }
    }
    // Floors are proved on every load; a knowledge base that reached this point holds them all.
    for (name, proved) in super::floor::proved_lines(kb)
        .into_iter()
        .chain(super::progression_proof::proved_lines(kb))
    {
        let _ = writeln!(out, "  ok      {name}: {proved}");
    }
    // Reading level is a screen for authors, enforced by a test, not a reason to refuse rules.
    let (plain, reading) = super::readability::summary_line(kb);
    let label = if plain { "ok" } else { "NOTE" };
    let _ = writeln!(out, "  {label:<7} reading: {reading}");
    (out, all_ok)
}

/// What invariant 1 proved, in words.
fn invariant_1_words(kb: &KnowledgeBase, warning_count: usize) -> String {
    match super::invariants::hidden_warning_sign_pairs(kb) {
        0 => format!(
            "the {warning_count} questions that emergency or urgent rules read are asked of everyone"
        ),
        pairs => format!(
            "the {warning_count} questions that emergency or urgent rules read are asked of everyone, or hidden only where the rule could not fire ({pairs} hidden question and rule pairs, proved over every answer class)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::testing::{CONDITIONS, Mini, QUESTIONS};

    /// `Mini` with a `wide` number question spanning all of i64, and `many` with `choices`
    /// choices; `conditions` named conditions.
    fn with_edges(choices: usize, conditions: &str) -> Mini {
        let choice_list: Vec<String> = (0..choices)
            .map(|i| format!(r#"{{"id": "c{i}", "label": "l"}}"#))
            .collect();
        let questions = format!(
            r#"{{"version": 1, "questions": [
            {{"id": "age", "section": "pain", "text": "Age?", "help": "h", "type": "number", "min": 0, "max": 100}},
            {{"id": "a", "section": "safety", "text": "A?", "help": "h", "type": "yes_no"}},
            {{"id": "b", "section": "safety", "text": "B?", "help": "h", "type": "yes_no"}},
            {{"id": "c", "section": "safety", "text": "C?", "help": "h", "type": "yes_no", "ask_when": {{"question": "a", "is": true}}}},
            {{"id": "limits", "section": "limits", "text": "L?", "help": "h", "type": "multiple",
             "choices": [{{"id": "x", "label": "X"}}, {{"id": "y", "label": "Y"}}]}},
            {{"id": "wide", "section": "limits", "text": "W?", "help": "h", "type": "number", "min": -9223372036854775808, "max": 9223372036854775807}},
            {{"id": "many", "section": "limits", "text": "M?", "help": "h", "type": "multiple", "choices": [{}]}}]}}"#,
            choice_list.join(", ")
        );
        Mini::new()
            .with(QUESTIONS, &questions)
            .with(CONDITIONS, conditions)
    }

    const WIDE: usize = 5;
    const MANY: usize = 6;

    #[test]
    fn thresholds_at_the_ends_of_i64_neither_wrap_nor_panic() {
        let kb = with_edges(
            2,
            r#"{"version": 1, "conditions": [
            {"id": "lowest", "description": "d", "when": {"question": "wide", "at_least": -9223372036854775808}},
            {"id": "highest", "description": "d", "when": {"question": "wide", "at_most": 9223372036854775807}},
            {"id": "everything", "description": "d", "when": {"question": "wide", "between": [-9223372036854775808, 9223372036854775807]}}]}"#,
        )
        .load()
        .unwrap_or_else(|f| panic!("{f}"));
        let tests = [
            Test::AtLeast(i64::MIN),
            Test::AtMost(i64::MAX),
            Test::Between(i64::MIN, i64::MAX),
        ];
        for test in tests {
            assert_eq!(
                answer_classes(&kb, WIDE, &[test]),
                Ok(vec![
                    None,
                    Some(Answer::Number(i64::MIN)),
                    Some(Answer::Number(i64::MAX))
                ]),
                "{test:?}"
            );
        }
        // One step inside the ends, the neighbours are classes of their own.
        assert_eq!(
            answer_classes(
                &kb,
                WIDE,
                &[Test::AtLeast(i64::MIN + 1), Test::AtMost(i64::MAX - 1)]
            ),
            Ok(vec![
                None,
                Some(Answer::Number(i64::MIN)),
                Some(Answer::Number(i64::MIN + 1)),
                Some(Answer::Number(i64::MAX - 1)),
                Some(Answer::Number(i64::MAX))
            ])
        );
    }

    #[test]
    fn more_tested_choices_than_can_be_enumerated_is_an_error_not_a_cap() {
        let kb = with_edges(20, r#"{"version": 1, "conditions": []}"#)
            .load()
            .unwrap_or_else(|f| panic!("{f}"));
        let contains = |n: u8| -> Vec<Test> { (0..n).map(Test::Contains).collect() };
        let sixteen = answer_classes(&kb, MANY, &contains(16)).map(|v| v.len());
        assert_eq!(sixteen, Ok(1 + (1 << 16)));
        let seventeen = answer_classes(&kb, MANY, &contains(17)).map(|v| v.len());
        assert_eq!(seventeen, Err(1 << 17));
    }

    #[test]
    fn a_condition_on_17_choices_is_too_many_to_analyse_not_impossible() {
        let all: Vec<String> = (0..17)
            .map(|i| format!(r#"{{"question": "many", "contains": "c{i}"}}"#))
            .collect();
        let text = with_edges(
            17,
            &format!(
                r#"{{"version": 1, "conditions": [{{"id": "all_ticked", "description": "d", "when": {{"all": [{}]}}}}]}}"#,
                all.join(", ")
            ),
        )
        .refused();
        assert!(
            text.contains("named condition `all_ticked` reads too many questions to analyse (131072 answer combinations)"),
            "{text}"
        );
        assert!(!text.contains("can never be true"), "{text}");
    }
}
