//! Conditions over facts, as progression.json writes them: `all`, `any`, `not`, or one test on
//! one fact (`is`, `at_least`, `at_most`, and `known` for the pain, the one fact that may be
//! unknown). Values are checked against the fact: a whole number in its range, `true`/`false`,
//! or an urgency level by name.

use super::Compiler;
use crate::knowledge::locate::JsonPath;
use crate::model::{
    Fact, FactCond, FactKind, FactLeaf, FactTest, RuleFileKind, Urgency, urgency_rank,
};
use crate::suggest::unknown_id;
use serde::Deserialize;
use serde_json::Value;

const FILE: RuleFileKind = RuleFileKind::Progression;

/// One condition node over facts, parsed loosely so that the compiler can say what is wrong in
/// the author's terms.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFactCondition {
    #[serde(default)]
    all: Option<Vec<RawFactCondition>>,
    #[serde(default)]
    any: Option<Vec<RawFactCondition>>,
    #[serde(default)]
    not: Option<Box<RawFactCondition>>,
    #[serde(default)]
    fact: Option<String>,
    #[serde(default)]
    is: Option<Value>,
    #[serde(default)]
    at_least: Option<Value>,
    #[serde(default)]
    at_most: Option<Value>,
    #[serde(default)]
    known: Option<bool>,
}

impl RawFactCondition {
    /// The tests written on this node, by key.
    fn tests(&self) -> Vec<(&'static str, Option<&Value>)> {
        let mut tests = Vec::new();
        for (key, value) in [
            ("is", self.is.as_ref()),
            ("at_least", self.at_least.as_ref()),
            ("at_most", self.at_most.as_ref()),
        ] {
            if value.is_some() {
                tests.push((key, value));
            }
        }
        if self.known.is_some() {
            tests.push(("known", None));
        }
        tests
    }
}

impl Compiler<'_> {
    /// Compiles a condition over facts, reporting every fault in the author's terms.
    pub(super) fn fact_condition(
        &mut self,
        path: &JsonPath,
        raw: &RawFactCondition,
    ) -> Option<FactCond> {
        let operators: Vec<&str> = [
            ("all", raw.all.is_some()),
            ("any", raw.any.is_some()),
            ("not", raw.not.is_some()),
            ("fact", raw.fact.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        let has_test = !raw.tests().is_empty();
        match operators.as_slice() {
            [] if has_test => {
                self.fault(FILE, path, "a test needs a `fact` to test");
                None
            }
            [] => {
                self.fault(
                    FILE,
                    path,
                    "an empty condition; use `all`, `any`, `not`, or a `fact` with a test",
                );
                None
            }
            [_, _, ..] => {
                let list = operators
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(" and ");
                self.fault(
                    FILE,
                    path,
                    format!("one condition object holds {list}; put them in separate objects inside `all` or `any`"),
                );
                None
            }
            ["fact"] => self.fact_leaf(path, raw),
            [op] if has_test => {
                self.fault(
                    FILE,
                    path,
                    format!("`{op}` cannot carry a test; tests go with `fact`"),
                );
                None
            }
            ["not"] => {
                let inner = raw.not.as_deref()?;
                self.fact_condition(&path.key("not"), inner)
                    .map(|c| FactCond::Not(Box::new(c)))
            }
            [op] => {
                let (key, children) = match (&raw.all, &raw.any) {
                    (Some(all), _) => ("all", all),
                    (_, Some(any)) => ("any", any),
                    _ => return None,
                };
                if children.is_empty() {
                    self.fault(
                        FILE,
                        &path.key(key),
                        format!("`{op}` needs at least one condition"),
                    );
                    return None;
                }
                let parts: Option<Vec<FactCond>> = children
                    .iter()
                    .enumerate()
                    .map(|(i, c)| self.fact_condition(&path.key(key).index(i), c))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .collect();
                parts.map(|p| {
                    if key == "all" {
                        FactCond::All(p)
                    } else {
                        FactCond::Any(p)
                    }
                })
            }
        }
    }

    /// One test on one fact, checked against the fact's kind and range.
    fn fact_leaf(&mut self, path: &JsonPath, raw: &RawFactCondition) -> Option<FactCond> {
        let name = raw.fact.as_deref()?;
        let Some(fact) = Fact::from_id(name) else {
            let message = unknown_id("fact", name, Fact::ALL.map(Fact::id));
            self.fault(FILE, &path.key("fact"), message);
            return None;
        };
        let (key, value) = match raw.tests().as_slice() {
            [one] => *one,
            [] => {
                self.fault(
                    FILE,
                    path,
                    format!("a test on `{name}` needs one of: is, at_least, at_most, known"),
                );
                return None;
            }
            [(first, _), (second, _), ..] => {
                self.fault(
                    FILE,
                    path,
                    format!(
                        "one test per object: `{first}` and `{second}` together; put them in `all`"
                    ),
                );
                return None;
            }
        };
        let here = path.key(key);
        let test = match (key, value) {
            ("known", _) if fact != Fact::PainNow => {
                self.fault(
                    FILE,
                    &here,
                    format!("`known` applies only to `pain_now`, the one fact that may be unknown; `{name}` is always known"),
                );
                return None;
            }
            ("known", _) => FactTest::Known(raw.known.unwrap_or(true)),
            (_, Some(value)) => {
                let n = self.fact_value(&here, fact, key, value)?;
                match key {
                    "is" => FactTest::Is(n),
                    "at_least" => FactTest::AtLeast(n),
                    _ => FactTest::AtMost(n),
                }
            }
            (_, None) => return None,
        };
        Some(FactCond::Leaf(FactLeaf { fact, test }))
    }

    /// A test's value as the number the tests compare, or a fault saying what fits.
    fn fact_value(&mut self, here: &JsonPath, fact: Fact, key: &str, value: &Value) -> Option<i64> {
        let name = fact.id();
        match fact.kind() {
            FactKind::YesNo => {
                if key != "is" {
                    self.fault(
                        FILE,
                        here,
                        format!("`{key}` does not apply to `{name}`, a yes/no fact; write `is: true` or `is: false`"),
                    );
                    return None;
                }
                let Some(b) = value.as_bool() else {
                    self.fault(
                        FILE,
                        here,
                        format!("`{name}` is yes or no: write `is: true` or `is: false`"),
                    );
                    return None;
                };
                Some(i64::from(b))
            }
            FactKind::Urgency => {
                let level = value
                    .as_str()
                    .and_then(|s| Urgency::LADDER.into_iter().find(|u| u.as_str() == s));
                if let Some(level) = level {
                    return Some(urgency_rank(level));
                }
                let message = match value.as_str() {
                    Some(s) => unknown_id("urgency level", s, Urgency::LADDER.map(Urgency::as_str)),
                    None => {
                        "an urgency level is written as its name, like \"appointment\"".to_owned()
                    }
                };
                self.fault(FILE, here, message);
                None
            }
            FactKind::Number => {
                let (lo, hi) = fact.range();
                match value.as_i64() {
                    Some(n) if (lo..=hi).contains(&n) => Some(n),
                    Some(n) => {
                        self.fault(
                            FILE,
                            here,
                            format!("`{name}` is {lo} to {hi}; {n} is outside"),
                        );
                        None
                    }
                    None => {
                        let text = value.to_string();
                        let shown = crate::sanitize::quote(&text);
                        self.fault(
                            FILE,
                            here,
                            format!("`{name}` is a whole number; `{shown}` is not"),
                        );
                        None
                    }
                }
            }
        }
    }
}
