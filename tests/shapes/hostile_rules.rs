//! Rule directories that a careless or hostile editor could write, built from a copy of the
//! shipped rules. Shared by the hostile-input tests (`tests/it/hostile.rs`) and the load
//! benchmark (`benches/hostile.rs`), so both measure the same shapes.

use serde_json::{Value, json};
use std::path::Path;

/// The three shapes the reliability review found slow or fatal, sized as it ran them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// Named conditions `d0 = all[d1, d1]`, `d1 = all[d2, d2]`, ...: `levels` deep, so the
    /// last test is reached 2^levels ways (the review's abort at 30 levels).
    Diamond { levels: usize },
    /// `c0 = ref c1`, `c1 = ref c2`, ...: one long chain read by a triage rule.
    Chain { links: usize },
    /// `count` extra questions, each with an empty help text: one fault each.
    Faults { count: usize },
}

impl Shape {
    pub(crate) fn name(self) -> String {
        match self {
            Shape::Diamond { levels } => format!("diamond of {levels} levels"),
            Shape::Chain { links } => format!("chain of {links} references"),
            Shape::Faults { count } => format!("{count} faults"),
        }
    }
}

fn edit(dir: &Path, file: &str, change: impl FnOnce(&mut Value)) {
    let path = dir.join(file);
    let mut value: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
    change(&mut value);
    // Compact, as a generator would write it: the chain stays under the 8 MiB limit.
    std::fs::write(&path, serde_json::to_string(&value).expect("encode")).expect("write");
}

fn push(list: &mut Value, item: Value) {
    if let Some(items) = list.as_array_mut() {
        items.push(item);
    }
}

/// Writes `shape` into `dir`, which holds a copy of the shipped rules.
pub(crate) fn write(dir: &Path, shape: Shape) {
    match shape {
        Shape::Diamond { levels } => edit(dir, "conditions.json", |v| {
            for i in 0..levels {
                let when = if i + 1 < levels {
                    json!({"all": [{"ref": format!("d{}", i + 1)}, {"ref": format!("d{}", i + 1)}]})
                } else {
                    json!({"question": "fever", "is": true})
                };
                push(
                    &mut v["conditions"],
                    json!({"id": format!("d{i}"), "description": "diamond", "when": when}),
                );
            }
        }),
        Shape::Chain { links } => {
            edit(dir, "conditions.json", |v| {
                for i in 0..links {
                    let when = if i + 1 < links {
                        json!({"ref": format!("c{}", i + 1)})
                    } else {
                        json!({"question": "fever", "is": true})
                    };
                    push(
                        &mut v["conditions"],
                        json!({"id": format!("c{i}"), "description": "d", "when": when}),
                    );
                }
            });
            edit(dir, "triage.json", |v| {
                push(
                    &mut v["rules"],
                    json!({"id": "chain_rule", "level": "appointment", "when": {"ref": "c0"},
                           "reason": "r", "action": "a", "source": "s"}),
                );
            });
        }
        Shape::Faults { count } => edit(dir, "questions.json", |v| {
            for i in 0..count {
                push(
                    &mut v["questions"],
                    json!({"id": format!("q{i}"), "section": "limits", "text": "t", "help": "",
                           "type": "yes_no"}),
                );
            }
        }),
    }
}
