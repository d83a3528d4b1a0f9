//! Exhaustive search for a counterexample among the complete answer sets the questionnaire can
//! produce: every question the flow asks (given the earlier answers and its ask-when) answered
//! with one answer of each class, every question it does not ask left unanswered.
//!
//! The classes are those of [`super::analysis::answer_classes`]: answers the conditions cannot tell
//! apart lead to the same decision, so one of each stands for all. The search assigns questions
//! one at a time; a question not yet assigned is *pending*. For each condition a [`Goal`] can
//! ask which values it may still take over every completion ([`Partial::values`]), and cut a
//! whole branch as soon as a counterexample is impossible: the floor's `when` can no longer be
//! true, or a rule that rules it out is sure to fire. Note that an unanswered question makes a
//! test `Unknown` for good: a follow-up that was not asked never fires a rule. What is left is
//! checked on complete answer sets by the goal itself, with the real engine.
//!
//! A search that runs out of budget says so ([`Outcome::TooMany`]); callers report that as a
//! fault, never as a proof.

use super::analysis::answer_classes;
use super::{KnowledgeBase, QuestionKind};
use crate::engine::answers::{Answer, Answers};
use crate::engine::condition::{Cond, Test, Truth};

/// What a search is looking for.
pub(super) trait Goal {
    /// True when no completion of `partial` can be a counterexample.
    fn prune(&self, partial: &Partial) -> bool;
    /// True when the complete answer set `answers` is a counterexample.
    fn breaks(&self, answers: &Answers) -> bool;
    /// What one visit costs against the budget: the number of condition leaves `prune` reads
    /// (see [`size`]), so that a budget bounds time even for huge conditions.
    fn cost(&self) -> u64;
}

/// The number of leaves in `conds`, following named conditions: about the work of evaluating
/// them once.
pub(super) fn size<'c>(kb: &KnowledgeBase, conds: impl IntoIterator<Item = &'c Cond>) -> u64 {
    fn unfolded(cond: &Cond, kb: &KnowledgeBase) -> u64 {
        match cond {
            Cond::Leaf(_) => 1,
            Cond::Not(inner) => unfolded(inner, kb),
            Cond::All(items) | Cond::Any(items) => items
                .iter()
                .fold(0u64, |n, item| n.saturating_add(unfolded(item, kb))),
            Cond::Named(i) => kb.named.get(*i).map_or(0, |n| unfolded(&n.when, kb)),
        }
    }
    // Every test is counted as evaluation reads it, shared named conditions once per use: the
    // loader has already refused conditions that unfold into more than 10,000 tests, so this
    // count is both honest and quick.
    conds
        .into_iter()
        .fold(0u64, |n, cond| n.saturating_add(unfolded(cond, kb)))
        .max(1)
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// No complete answer set is a counterexample.
    Holds,
    /// A complete answer set that is.
    Counterexample(Example),
    /// The budget ran out first: nothing is proved.
    TooMany,
}

/// A counterexample: the complete answer set, and the answers to the questions the goal reads
/// (the rest could be anything the flow allows), to show to a person.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Example {
    pub full: Answers,
    pub shown: Answers,
}

/// Partial answer sets a search may still visit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    left: u64,
}

impl Budget {
    pub(super) fn new(left: u64) -> Budget {
        Budget { left }
    }

    /// Nothing left: a search would give up at once, so callers need not even set it up.
    pub(super) fn exhausted(self) -> bool {
        self.left == 0
    }

    /// At most `cap` of what is left, for one search; spent from this budget as it is used.
    pub(super) fn share(&mut self, cap: u64) -> Shared<'_> {
        let left = self.left.min(cap);
        Shared {
            parent: self,
            given: left,
            left,
        }
    }
}

/// A part of a [`Budget`] lent to one search.
pub(super) struct Shared<'a> {
    parent: &'a mut Budget,
    given: u64,
    left: u64,
}

impl Shared<'_> {
    fn spend(&mut self, cost: u64) -> bool {
        match self.left.checked_sub(cost) {
            Some(left) => {
                self.left = left;
                true
            }
            None => false,
        }
    }
}

impl Drop for Shared<'_> {
    fn drop(&mut self) {
        self.parent.left -= self.given - self.left;
    }
}

/// A partial answer set as a goal sees it.
pub(super) struct Partial<'a> {
    kb: &'a KnowledgeBase,
    answers: &'a Answers,
    assigned: &'a [bool],
}

/// The values a condition may still take as pending questions are filled in: a set of
/// [`Truth`] values, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Values(u8);

const FALSE: u8 = 1;
const UNKNOWN: u8 = 2;
const TRUE: u8 = 4;

impl Values {
    fn of(truth: Truth) -> Values {
        Values(match truth {
            Truth::False => FALSE,
            Truth::Unknown => UNKNOWN,
            Truth::True => TRUE,
        })
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    /// Some completion may make the condition true.
    pub(super) fn can_be_true(self) -> bool {
        self.has(TRUE)
    }

    /// Every completion makes it true.
    pub(super) fn surely_true(self) -> bool {
        self.0 == TRUE
    }

    /// Every completion leaves it not definitely false (true or unknown).
    pub(super) fn never_false(self) -> bool {
        !self.has(FALSE)
    }

    fn not(self) -> Values {
        let swapped = (self.0 & UNKNOWN) | ((self.0 & FALSE) << 2) | ((self.0 & TRUE) >> 2);
        Values(swapped)
    }

    /// Kleene `and` of any value of `self` with any value of `other` (the minimum).
    fn and(self, other: Values) -> Values {
        let mut out = 0;
        if self.has(FALSE) || other.has(FALSE) {
            out |= FALSE;
        }
        if (self.has(UNKNOWN) && (other.has(UNKNOWN) || other.has(TRUE)))
            || (other.has(UNKNOWN) && self.has(TRUE))
        {
            out |= UNKNOWN;
        }
        if self.has(TRUE) && other.has(TRUE) {
            out |= TRUE;
        }
        Values(out)
    }

    fn or(self, other: Values) -> Values {
        self.not().and(other.not()).not()
    }
}

impl Partial<'_> {
    /// The values `cond` may take over every completion of this partial answer set.
    ///
    /// Exact for a leaf; for `all`, `any` and `not` the children are combined as if they were
    /// independent, which can only add values. So "cannot be true" and "surely true" drawn from
    /// it hold of every completion: pruning on them is sound.
    pub(super) fn values(&self, cond: &Cond) -> Values {
        self.values_answering(cond, None)
    }

    /// As [`Partial::values`], with question `answered` taken as answered with some value
    /// (whatever the flow would do): what the condition could be for some answer to it.
    pub(super) fn values_answering(&self, cond: &Cond, answered: Option<usize>) -> Values {
        match cond {
            Cond::All(children) => children.iter().fold(Values(TRUE), |acc, c| {
                acc.and(self.values_answering(c, answered))
            }),
            Cond::Any(children) => children.iter().fold(Values(FALSE), |acc, c| {
                acc.or(self.values_answering(c, answered))
            }),
            Cond::Not(inner) => self.values_answering(inner, answered).not(),
            Cond::Named(i) => self.values_answering(&self.kb.named[*i].when, answered),
            Cond::Leaf(leaf) => {
                let q = leaf.question;
                if answered == Some(q) {
                    return with_an_answer(leaf.test);
                }
                if self.assigned[q] {
                    return Values::of(leaf.test.check(self.answers.get(q)));
                }
                // Pending: answered if asked, and unanswered if it may be skipped.
                let unanswered = Values::of(leaf.test.check(None));
                if self.kb.questions[q].ask_when.is_none() {
                    with_an_answer(leaf.test)
                } else {
                    Values(with_an_answer(leaf.test).0 | unanswered.0)
                }
            }
        }
    }
}

/// The values a test may take on some answer.
fn with_an_answer(test: Test) -> Values {
    match test {
        Test::Answered(want) => Values::of(Truth::from_bool(want)),
        _ => Values(FALSE | TRUE),
    }
}

/// The questions a search branches on, in order, with one answer per class for each.
pub(super) struct Space<'a> {
    kb: &'a KnowledgeBase,
    /// Every question comes after the questions its ask-when reads (they are earlier in the
    /// questionnaire), so whether it is asked is known when it is reached.
    order: Vec<usize>,
    /// Per question: one answer per class (an asked question is always answered).
    classes: Vec<Vec<Answer>>,
    /// A question that must not be asked in the answer sets sought: branches that ask it are cut.
    hidden: Option<usize>,
    /// The work of building the space, charged to the budget of its search.
    setup: u64,
}

impl<'a> Space<'a> {
    /// The questions read by `groups` of conditions (and, transitively, by the ask-whens that
    /// decide whether they are asked), the first group's first. Every condition the goal's
    /// `breaks` depends on must be in some group: questions outside the space are given any
    /// valid answer. `Err(count)` when a question has too many answer classes.
    pub(super) fn new(
        kb: &'a KnowledgeBase,
        groups: &[Vec<&Cond>],
        hidden: Option<usize>,
    ) -> Result<Space<'a>, u64> {
        let n = kb.questions.len();
        let mut placed = vec![false; n];
        let mut order = Vec::new();
        let mut tests: Vec<Vec<Test>> = vec![Vec::new(); n];
        let ask_whens = kb.questions.iter().filter_map(|q| q.ask_when.as_ref());
        let setup =
            size(kb, ask_whens.chain(groups.iter().flatten().copied())).saturating_add(n as u64);
        for question in &kb.questions {
            if let Some(when) = &question.ask_when {
                when.visit_leaves(&kb.named, 0, &mut |leaf, _| {
                    tests[leaf.question].push(leaf.test);
                });
            }
        }
        for (g, group) in groups.iter().enumerate() {
            let mut read = vec![false; n];
            if g == 0 {
                if let Some(h) = hidden {
                    read[h] = true;
                }
            }
            for cond in group {
                cond.visit_leaves(&kb.named, 0, &mut |leaf, _| {
                    read[leaf.question] = true;
                    tests[leaf.question].push(leaf.test);
                });
            }
            // Close over ask-whens, latest question first: a gate is always earlier.
            for q in (0..n).rev() {
                if read[q] {
                    if let Some(when) = &kb.questions[q].ask_when {
                        when.visit_leaves(&kb.named, 0, &mut |leaf, _| read[leaf.question] = true);
                    }
                }
            }
            for q in 0..n {
                if read[q] && !placed[q] {
                    placed[q] = true;
                    order.push(q);
                }
            }
        }
        let mut classes = vec![Vec::new(); n];
        for &q in &order {
            classes[q] = answer_classes(kb, q, &tests[q])?
                .into_iter()
                .flatten()
                .collect();
        }
        Ok(Space {
            kb,
            order,
            classes,
            hidden,
            setup,
        })
    }

    /// Looks for a counterexample to `goal`, visiting at most `cap` partial answer sets of
    /// `budget`.
    pub(super) fn search(&self, goal: &impl Goal, budget: &mut Budget, cap: u64) -> Outcome {
        let mut shared = budget.share(cap);
        if !shared.spend(self.setup) {
            return Outcome::TooMany;
        }
        let mut answers = Answers::empty(self.kb.questions.len());
        let mut assigned = vec![false; self.kb.questions.len()];
        match self.descend(goal, 0, &mut answers, &mut assigned, &mut shared) {
            Some(Some(full)) => Outcome::Counterexample(Example {
                shown: self.restrict(&full),
                full,
            }),
            Some(None) => Outcome::Holds,
            None => Outcome::TooMany,
        }
    }

    /// `None` when the budget ran out; `Some(Some(example))` when one was found.
    #[allow(clippy::option_option)] // Outer `None`: gave up; inner `None`: proved there is none.
    fn descend(
        &self,
        goal: &impl Goal,
        depth: usize,
        answers: &mut Answers,
        assigned: &mut Vec<bool>,
        budget: &mut Shared,
    ) -> Option<Option<Answers>> {
        if !budget.spend(goal.cost()) {
            return None;
        }
        let partial = Partial {
            kb: self.kb,
            answers,
            assigned,
        };
        if goal.prune(&partial) {
            return Some(None);
        }
        let Some(&q) = self.order.get(depth) else {
            let complete = self.complete(answers);
            return Some(goal.breaks(&complete).then_some(complete));
        };
        let asked = self.kb.is_asked(q, answers);
        assigned[q] = true;
        let mut found = Some(None);
        if !asked || self.hidden == Some(q) {
            if !asked {
                answers.set(q, None);
                found = self.descend(goal, depth + 1, answers, assigned, budget);
            }
        } else {
            for &value in &self.classes[q] {
                answers.set(q, Some(value));
                found = self.descend(goal, depth + 1, answers, assigned, budget);
                if !matches!(found, Some(None)) {
                    break;
                }
            }
        }
        if matches!(found, Some(None)) {
            answers.set(q, None);
            assigned[q] = false;
        }
        found
    }

    /// `answers` with every question outside the space answered as the flow allows: with a
    /// valid answer when asked, none otherwise. No condition the goal reads tests them.
    fn complete(&self, answers: &Answers) -> Answers {
        let mut complete = answers.clone();
        let mut inside = vec![false; self.kb.questions.len()];
        for &q in &self.order {
            inside[q] = true;
        }
        for (q, question) in self.kb.questions.iter().enumerate() {
            if inside[q] {
                continue;
            }
            let value = self
                .kb
                .is_asked(q, &complete)
                .then(|| any_answer(&question.kind));
            complete.set(q, value);
        }
        complete
    }

    /// `answers` with only the questions in the space answered: those a counterexample's
    /// answers to the others do not matter, so an example is shorter without them.
    fn restrict(&self, answers: &Answers) -> Answers {
        let mut only = Answers::empty(self.kb.questions.len());
        for &q in &self.order {
            only.set(q, answers.get(q));
        }
        only
    }

    /// One answer of each class for question `q` (none outside the space).
    pub(super) fn classes(&self, q: usize) -> &[Answer] {
        &self.classes[q]
    }
}

/// A valid answer to a question of this kind.
fn any_answer(kind: &QuestionKind) -> Answer {
    match kind {
        QuestionKind::YesNo => Answer::Bool(false),
        QuestionKind::Single(_) => Answer::Choice(0),
        QuestionKind::Multiple(_) => Answer::Choices(0),
        QuestionKind::Number { min, .. } => Answer::Number(*min),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Truth; 3] = [Truth::False, Truth::Unknown, Truth::True];

    fn kleene_and(a: Truth, b: Truth) -> Truth {
        match (a, b) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::True,
        }
    }

    /// Every set of truth values, as `Values`, with its members.
    fn sets() -> Vec<(Values, Vec<Truth>)> {
        (1u8..8)
            .map(|bits| {
                let members = ALL
                    .iter()
                    .copied()
                    .filter(|t| bits & Values::of(*t).0 != 0)
                    .collect();
                (Values(bits), members)
            })
            .collect()
    }

    fn of_members(members: impl Iterator<Item = Truth>) -> Values {
        Values(members.fold(0, |acc, t| acc | Values::of(t).0))
    }

    #[test]
    fn values_combine_exactly_as_kleene_logic_does_on_their_members() {
        for (a, am) in sets() {
            let not = of_members(am.iter().map(|t| !*t));
            assert_eq!(a.not(), not, "not {am:?}");
            for (b, bm) in sets() {
                let pairs = || am.iter().flat_map(|x| bm.iter().map(move |y| (*x, *y)));
                let and = of_members(pairs().map(|(x, y)| kleene_and(x, y)));
                let or = of_members(pairs().map(|(x, y)| !kleene_and(!x, !y)));
                assert_eq!(a.and(b), and, "{am:?} and {bm:?}");
                assert_eq!(a.or(b), or, "{am:?} or {bm:?}");
            }
        }
    }

    #[test]
    fn a_budget_lent_to_a_search_is_spent_from_the_whole() {
        let mut total = Budget::new(10);
        {
            let mut shared = total.share(4);
            assert!((0..4).all(|_| shared.spend(1)));
            assert!(!shared.spend(1), "capped at 4");
        }
        assert_eq!(total.left, 6);
        let mut shared = total.share(100);
        assert!(shared.spend(6));
        assert!(!shared.spend(1), "no more than the whole");
    }
}
