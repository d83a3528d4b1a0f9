//! Compiling a leaf: one test on one question, checked against the question's kind. Which test
//! fits which kind is one table ([`TestKey::fits`]).

use super::{Compiler, ids};
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::RawCondition;
use crate::model::{Choice, Cond, Leaf, QuestionKind, RuleFileKind, Test};
use crate::suggest::unknown_id;

impl Compiler<'_> {
    /// Compiles a leaf: one test on one question, checked against the question's kind.
    #[allow(clippy::too_many_lines)] // One arm per (test, kind) pair that fits; reads as a table.
    pub(super) fn leaf(
        &mut self,
        file: RuleFileKind,
        path: &JsonPath,
        raw: &RawCondition,
    ) -> Option<Cond> {
        let id = raw.question.as_deref()?;
        let Some(&question) = self.question_index.get(id) else {
            let message = unknown_id("question", id, ids(&self.question_index));
            self.fault(file, &path.key("question"), message);
            return None;
        };
        let tests: Vec<TestKey> = TestKey::ALL
            .into_iter()
            .filter(|t| t.present(raw))
            .collect();
        let key = match tests.as_slice() {
            [one] => *one,
            [] => {
                self.fault(file, path, format!("a test on `{id}` needs one of: is, one_of, contains, at_least, at_most, between, answered"));
                return None;
            }
            [first, second, ..] => {
                self.fault(
                    file,
                    path,
                    format!(
                        "one test per object: `{}` and `{}` together; put them in `all`",
                        first.name(),
                        second.name()
                    ),
                );
                return None;
            }
        };
        let kind = self.questions[question].kind.clone();
        let here = path.key(key.name());
        if !key.fits(&kind) {
            let message = format!(
                "`{}` does not apply to `{id}`, a {} question; {}",
                key.name(),
                kind.name(),
                hint(&kind)
            );
            self.fault(file, &here, message);
            return None;
        }
        let test = match (key, &kind) {
            (TestKey::Answered, _) => Test::Answered(raw.answered?),
            (TestKey::Is, QuestionKind::YesNo) => {
                let Some(b) = raw.is.as_ref()?.as_bool() else {
                    let message = format!("`{id}` is a yes_no question; `is` takes true or false");
                    self.fault(file, &here, message);
                    return None;
                };
                Test::IsBool(b)
            }
            (TestKey::Is, QuestionKind::Single(choices)) => {
                let Some(choice) = raw.is.as_ref()?.as_str() else {
                    let message =
                        format!("`{id}` is a single-choice question; `is` takes a choice id");
                    self.fault(file, &here, message);
                    return None;
                };
                Test::IsChoice(self.choice(file, &here, id, choices, choice)?)
            }
            (TestKey::OneOf, QuestionKind::Single(choices)) => {
                let wanted = raw.one_of.as_ref()?;
                if wanted.is_empty() {
                    self.fault(file, &here, "`one_of` needs at least one choice");
                    return None;
                }
                let mut mask = 0u64;
                for (i, choice) in wanted.iter().enumerate() {
                    mask |= 1u64 << self.choice(file, &here.index(i), id, choices, choice)?;
                }
                Test::OneOf(mask)
            }
            (TestKey::Contains, QuestionKind::Multiple(choices)) => {
                Test::Contains(self.choice(file, &here, id, choices, raw.contains.as_deref()?)?)
            }
            (
                TestKey::AtLeast | TestKey::AtMost | TestKey::Between,
                QuestionKind::Number { min, max, .. },
            ) => {
                // Each number test is a range within the question's own range.
                let (lo, hi) = match key {
                    TestKey::AtLeast => (raw.at_least?, *max),
                    TestKey::AtMost => (*min, raw.at_most?),
                    _ => {
                        let [lo, hi] = raw.between?;
                        (lo, hi)
                    }
                };
                if lo > hi || hi < *min || lo > *max {
                    let message = format!("can never hold: `{id}` is answered from {min} to {max}");
                    self.fault(file, &here, message);
                    return None;
                }
                match key {
                    TestKey::AtLeast => Test::AtLeast(lo),
                    TestKey::AtMost => Test::AtMost(hi),
                    _ => Test::Between(lo, hi),
                }
            }
            // `fits` admitted only the pairs above.
            _ => return None,
        };
        Some(Cond::Leaf(Leaf { question, test }))
    }

    fn choice(
        &mut self,
        file: RuleFileKind,
        path: &JsonPath,
        question: &str,
        choices: &[Choice],
        id: &str,
    ) -> Option<u8> {
        if let Some(i) = choices.iter().position(|c| c.id == id) {
            u8::try_from(i).ok()
        } else {
            let message = unknown_id(
                &format!("choice of `{question}`"),
                id,
                choices.iter().map(|c| c.id.as_str()),
            );
            self.fault(file, path, message);
            None
        }
    }
}

pub(super) fn has_test(raw: &RawCondition) -> bool {
    TestKey::ALL.into_iter().any(|t| t.present(raw))
}

/// What to use instead, when a test does not fit a question's kind.
fn hint(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::YesNo => "use `is: true` or `is: false`",
        QuestionKind::Single(_) => "use `is` or `one_of` with choice ids",
        QuestionKind::Multiple(_) => "use `contains` with a choice id",
        QuestionKind::Number { .. } => "use `at_least`, `at_most` or `between`",
    }
}

/// The tests a leaf may carry, in the order an author's faults name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TestKey {
    Is,
    OneOf,
    Contains,
    AtLeast,
    AtMost,
    Between,
    Answered,
}

impl TestKey {
    const ALL: [TestKey; 7] = [
        TestKey::Is,
        TestKey::OneOf,
        TestKey::Contains,
        TestKey::AtLeast,
        TestKey::AtMost,
        TestKey::Between,
        TestKey::Answered,
    ];

    /// The key as written in the rules.
    fn name(self) -> &'static str {
        match self {
            TestKey::Is => "is",
            TestKey::OneOf => "one_of",
            TestKey::Contains => "contains",
            TestKey::AtLeast => "at_least",
            TestKey::AtMost => "at_most",
            TestKey::Between => "between",
            TestKey::Answered => "answered",
        }
    }

    fn present(self, raw: &RawCondition) -> bool {
        match self {
            TestKey::Is => raw.is.is_some(),
            TestKey::OneOf => raw.one_of.is_some(),
            TestKey::Contains => raw.contains.is_some(),
            TestKey::AtLeast => raw.at_least.is_some(),
            TestKey::AtMost => raw.at_most.is_some(),
            TestKey::Between => raw.between.is_some(),
            TestKey::Answered => raw.answered.is_some(),
        }
    }

    /// Which tests apply to which kinds of question.
    fn fits(self, kind: &QuestionKind) -> bool {
        matches!(
            (self, kind),
            (TestKey::Answered, _)
                | (TestKey::Is, QuestionKind::YesNo | QuestionKind::Single(_))
                | (TestKey::OneOf, QuestionKind::Single(_))
                | (TestKey::Contains, QuestionKind::Multiple(_))
                | (
                    TestKey::AtLeast | TestKey::AtMost | TestKey::Between,
                    QuestionKind::Number { .. }
                )
        )
    }
}
