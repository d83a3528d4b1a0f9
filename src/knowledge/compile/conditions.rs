//! Compiling one condition (`all`, `any`, `not`, `ref`, or a leaf), as every rule file writes
//! them; leaves are in `leaf`.

use super::leaf::has_test;
use super::{Compiler, ids};
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::RawCondition;
use crate::model::{Cond, RuleFileKind};
use crate::suggest::unknown_id;

impl Compiler<'_> {
    /// Compiles one condition, reporting what is wrong with it in the author's terms.
    pub(in crate::knowledge) fn condition(
        &mut self,
        file: RuleFileKind,
        path: &JsonPath,
        raw: &RawCondition,
    ) -> Option<Cond> {
        let operators: Vec<&str> = [
            ("all", raw.all.is_some()),
            ("any", raw.any.is_some()),
            ("not", raw.not.is_some()),
            ("ref", raw.reference.is_some()),
            ("question", raw.question.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        match operators.as_slice() {
            [] if has_test(raw) => {
                self.fault(file, path, "a test needs a `question` to test");
                None
            }
            [] => {
                self.fault(file, path, "an empty condition; use `all`, `any`, `not`, `ref`, or a `question` with a test");
                None
            }
            [_, _, ..] => {
                let list = operators
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(" and ");
                self.fault(file, path, format!("one condition object holds {list}; put them in separate objects inside `all` or `any`"));
                None
            }
            ["question"] => self.leaf(file, path, raw),
            [op] if has_test(raw) => {
                self.fault(
                    file,
                    path,
                    format!("`{op}` cannot carry a test; tests go with `question`"),
                );
                None
            }
            ["all" | "any"] => {
                let (key, children) = match (&raw.all, &raw.any) {
                    (Some(all), _) => ("all", all),
                    (_, Some(any)) => ("any", any),
                    _ => return None,
                };
                if children.is_empty() {
                    self.fault(
                        file,
                        &path.key(key),
                        format!("`{key}` needs at least one condition"),
                    );
                    return None;
                }
                let compiled: Vec<Option<Cond>> = children
                    .iter()
                    .enumerate()
                    .map(|(i, c)| self.condition(file, &path.key(key).index(i), c))
                    .collect();
                let compiled: Option<Vec<Cond>> = compiled.into_iter().collect();
                compiled.map(|c| {
                    if key == "all" {
                        Cond::All(c)
                    } else {
                        Cond::Any(c)
                    }
                })
            }
            ["not"] => {
                let inner = raw.not.as_deref()?;
                self.condition(file, &path.key("not"), inner)
                    .map(|c| Cond::Not(Box::new(c)))
            }
            ["ref"] => {
                let name = raw.reference.as_deref()?;
                if let Some(&i) = self.named_index.get(name) {
                    Some(Cond::Named(i))
                } else {
                    let message = unknown_id("named condition", name, ids(&self.named_index));
                    self.fault(file, &path.key("ref"), message);
                    None
                }
            }
            _ => None,
        }
    }

    /// An optional `when` at `path.when`: `Ok(None)` when absent, `Err(())` when present but
    /// faulty (the fault is already reported; the caller skips the item).
    pub(super) fn optional_condition(
        &mut self,
        file: RuleFileKind,
        path: &JsonPath,
        raw: Option<&RawCondition>,
    ) -> Result<Option<Cond>, ()> {
        match raw {
            None => Ok(None),
            Some(raw) => self
                .condition(file, &path.key("when"), raw)
                .map(Some)
                .ok_or(()),
        }
    }
}
