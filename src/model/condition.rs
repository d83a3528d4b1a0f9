//! Conditions with three-valued logic: `all`, `any`, `not`, named conditions and leaf tests.
//!
//! A test on a question nobody answered is `Unknown`, not `False`: a rule fires only when its
//! condition is definitely `True`, so a missing answer can never make a rule fire by accident,
//! and `not` of an unknown stays unknown.

use super::answers::{Answer, Answers};
use super::triage::NamedCondition;

/// Kleene's three-valued logic: a condition on an unanswered question is `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// Definitely does not hold.
    False,
    /// Depends on an answer not given yet.
    Unknown,
    /// Definitely holds.
    True,
}

impl Truth {
    /// `True` or `False`, never `Unknown`.
    pub fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
}

impl std::ops::Not for Truth {
    type Output = Truth;

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// A compiled condition: question and choice ids are already resolved to indices.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// True when every part is true (`all`); an empty list is true.
    All(Vec<Cond>),
    /// True when any part is true (`any`); an empty list is false.
    Any(Vec<Cond>),
    /// The negation (`not`); unknown stays unknown.
    Not(Box<Cond>),
    /// Index into the knowledge base's named conditions.
    Named(usize),
    /// One test on one question.
    Leaf(Leaf),
}

/// A test on one question's answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leaf {
    /// The question's position in [`KnowledgeBase::questions`](crate::model::KnowledgeBase).
    pub question: usize,
    /// What the answer must be.
    pub test: Test,
}

/// A test on one answer. Choices are indices into the question's choice list; sets of choices are
/// bit masks (a question offers at most 64 choices).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Test {
    /// A yes/no answer is this.
    IsBool(bool),
    /// A single-choice answer is this choice.
    IsChoice(u8),
    /// A single-choice answer is one of the choices in this mask.
    OneOf(u64),
    /// A multiple-choice answer includes this choice.
    Contains(u8),
    /// A number answer is at least this.
    AtLeast(i64),
    /// A number answer is at most this.
    AtMost(i64),
    /// A number answer is within these bounds, both included.
    Between(i64, i64),
    /// The question was answered (`true`) or was not (`false`); never `Unknown`.
    Answered(bool),
}

impl Test {
    /// The test applied to one answer, or `Unknown` when there is none.
    pub fn check(self, answer: Option<Answer>) -> Truth {
        if let Test::Answered(want) = self {
            return Truth::from_bool(answer.is_some() == want);
        }
        let Some(answer) = answer else {
            return Truth::Unknown;
        };
        let holds = match (self, answer) {
            (Test::IsBool(want), Answer::Bool(got)) => want == got,
            (Test::IsChoice(want), Answer::Choice(got)) => want == got,
            (Test::OneOf(mask), Answer::Choice(got)) => mask & bit(got) != 0,
            (Test::Contains(want), Answer::Choices(got)) => got & bit(want) != 0,
            (Test::AtLeast(min), Answer::Number(n)) => n >= min,
            (Test::AtMost(max), Answer::Number(n)) => n <= max,
            (Test::Between(lo, hi), Answer::Number(n)) => lo <= n && n <= hi,
            // Validation rules out a test of the wrong type for its question, and answers are
            // type-checked on the way in; if both were bypassed the test simply does not hold.
            _ => false,
        };
        Truth::from_bool(holds)
    }
}

/// The mask bit of choice `choice`. Choices are below 64 in a loaded knowledge base and in
/// checked answers; a larger index (possible only by building `Answers` by hand) matches nothing
/// rather than overflowing the shift.
fn bit(choice: u8) -> u64 {
    1u64.checked_shl(u32::from(choice)).unwrap_or(0)
}

impl Cond {
    /// Evaluates the condition; `named` holds the named conditions it may refer to.
    pub fn eval(&self, answers: &Answers, named: &[NamedCondition]) -> Truth {
        match self {
            Cond::All(children) => {
                let mut result = Truth::True;
                for child in children {
                    match child.eval(answers, named) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                result
            }
            Cond::Any(children) => {
                let mut result = Truth::False;
                for child in children {
                    match child.eval(answers, named) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                result
            }
            Cond::Not(inner) => !inner.eval(answers, named),
            Cond::Named(index) => named[*index].when.eval(answers, named),
            Cond::Leaf(leaf) => leaf.test.check(answers.get(leaf.question)),
        }
    }

    /// Calls `visit` on every leaf, following named conditions, with the number of `not`s above
    /// it (odd means the leaf counts against the condition).
    ///
    /// A named condition reached again under the same kind of negation (none, odd, even) is not
    /// walked again: shared references (`all[d1, d1]` down a chain) would otherwise make the walk
    /// exponential. Callers collect sets (questions read, tests on a question, negated leaves),
    /// so visiting a leaf once per kind of negation tells them everything.
    pub fn visit_leaves(
        &self,
        named: &[NamedCondition],
        negations: u32,
        visit: &mut impl FnMut(&Leaf, u32),
    ) {
        let mut seen = vec![0u8; named.len()];
        self.visit_leaves_once(named, negations, &mut seen, visit);
    }

    fn visit_leaves_once(
        &self,
        named: &[NamedCondition],
        negations: u32,
        seen: &mut [u8],
        visit: &mut impl FnMut(&Leaf, u32),
    ) {
        match self {
            Cond::All(children) | Cond::Any(children) => {
                for child in children {
                    child.visit_leaves_once(named, negations, seen, visit);
                }
            }
            Cond::Not(inner) => inner.visit_leaves_once(named, negations + 1, seen, visit),
            Cond::Named(index) => {
                let kind = match negations {
                    0 => 1,
                    n if n % 2 == 1 => 2,
                    _ => 4,
                };
                if let Some(mark) = seen.get_mut(*index) {
                    if *mark & kind != 0 {
                        return;
                    }
                    *mark |= kind;
                }
                if let Some(n) = named.get(*index) {
                    n.when.visit_leaves_once(named, negations, seen, visit);
                }
            }
            Cond::Leaf(leaf) => visit(leaf, negations),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(values: &[Option<Answer>]) -> Answers {
        Answers::from_slots(values.to_vec())
    }

    fn leaf(question: usize, test: Test) -> Cond {
        Cond::Leaf(Leaf { question, test })
    }

    #[test]
    fn each_test_on_its_answer_type() {
        let cases = [
            (Test::IsBool(true), Answer::Bool(true), Truth::True),
            (Test::IsBool(true), Answer::Bool(false), Truth::False),
            (Test::IsChoice(2), Answer::Choice(2), Truth::True),
            (Test::IsChoice(2), Answer::Choice(1), Truth::False),
            (Test::OneOf(0b101), Answer::Choice(2), Truth::True),
            (Test::OneOf(0b101), Answer::Choice(1), Truth::False),
            (Test::Contains(3), Answer::Choices(0b1000), Truth::True),
            (Test::Contains(3), Answer::Choices(0b0111), Truth::False),
            (Test::AtLeast(50), Answer::Number(50), Truth::True),
            (Test::AtLeast(50), Answer::Number(49), Truth::False),
            (Test::AtMost(15), Answer::Number(15), Truth::True),
            (Test::AtMost(15), Answer::Number(16), Truth::False),
            (Test::Between(16, 44), Answer::Number(44), Truth::True),
            (Test::Between(16, 44), Answer::Number(45), Truth::False),
            (Test::Answered(true), Answer::Bool(false), Truth::True),
            (Test::Answered(false), Answer::Bool(false), Truth::False),
        ];
        for (test, answer, want) in cases {
            assert_eq!(test.check(Some(answer)), want, "{test:?} on {answer:?}");
        }
    }

    #[test]
    fn an_unanswered_question_is_unknown_except_for_answered() {
        for test in [
            Test::IsBool(true),
            Test::IsChoice(0),
            Test::OneOf(1),
            Test::Contains(0),
            Test::AtLeast(1),
            Test::AtMost(1),
            Test::Between(1, 2),
        ] {
            assert_eq!(test.check(None), Truth::Unknown, "{test:?}");
        }
        assert_eq!(Test::Answered(true).check(None), Truth::False);
        assert_eq!(Test::Answered(false).check(None), Truth::True);
    }

    #[test]
    fn three_valued_all_any_not() {
        let yes = leaf(0, Test::IsBool(true));
        let no = leaf(1, Test::IsBool(true));
        let unknown = leaf(2, Test::IsBool(true));
        let a = answers(&[Some(Answer::Bool(true)), Some(Answer::Bool(false)), None]);
        let eval = |c: Cond| c.eval(&a, &[]);

        assert_eq!(
            eval(Cond::All(vec![yes.clone(), unknown.clone()])),
            Truth::Unknown
        );
        assert_eq!(
            eval(Cond::All(vec![no.clone(), unknown.clone()])),
            Truth::False
        );
        assert_eq!(eval(Cond::All(vec![yes.clone(), yes.clone()])), Truth::True);
        assert_eq!(
            eval(Cond::Any(vec![no.clone(), unknown.clone()])),
            Truth::Unknown
        );
        assert_eq!(
            eval(Cond::Any(vec![yes.clone(), unknown.clone()])),
            Truth::True
        );
        assert_eq!(eval(Cond::Any(vec![no.clone(), no.clone()])), Truth::False);
        assert_eq!(eval(Cond::Not(Box::new(unknown.clone()))), Truth::Unknown);
        assert_eq!(eval(Cond::Not(Box::new(no))), Truth::True);
        // The empty cases follow the usual identities: all of nothing holds, any of nothing fails.
        assert_eq!(eval(Cond::All(vec![])), Truth::True);
        assert_eq!(eval(Cond::Any(vec![])), Truth::False);
    }

    #[test]
    fn named_conditions_are_followed() {
        let named = vec![NamedCondition {
            id: "older".to_owned(),
            description: "d".to_owned(),
            when: leaf(0, Test::AtLeast(50)),
        }];
        let a = answers(&[Some(Answer::Number(60))]);
        assert_eq!(Cond::Named(0).eval(&a, &named), Truth::True);
        let mut seen = vec![];
        Cond::Not(Box::new(Cond::Named(0)))
            .visit_leaves(&named, 0, &mut |l, n| seen.push((l.question, n)));
        assert_eq!(seen, vec![(0, 1)]);
    }
}
