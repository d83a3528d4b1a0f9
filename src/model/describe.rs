//! Compiled conditions turned back into the author's JSON, or into words.

use super::condition::{Cond, Leaf, Test};
use super::kb::KnowledgeBase;
use serde_json::{Value, json};

/// The condition in the `rules/` format, with ids restored.
pub fn condition_json(kb: &KnowledgeBase, cond: &Cond) -> Value {
    match cond {
        Cond::All(c) => {
            json!({ "all": c.iter().map(|c| condition_json(kb, c)).collect::<Vec<_>>() })
        }
        Cond::Any(c) => {
            json!({ "any": c.iter().map(|c| condition_json(kb, c)).collect::<Vec<_>>() })
        }
        Cond::Not(c) => json!({ "not": condition_json(kb, c) }),
        Cond::Named(i) => json!({ "ref": kb.named[*i].id }),
        Cond::Leaf(leaf) => {
            let q = &kb.questions[leaf.question];
            // A loaded knowledge base has no out-of-range choice; "?" rather than a panic if a
            // hand-built one does.
            let choice = |i: u8| {
                q.kind
                    .choices()
                    .get(usize::from(i))
                    .map_or("?", |c| c.id.as_str())
            };
            let (key, value) = match leaf.test {
                Test::IsBool(b) => ("is", json!(b)),
                Test::IsChoice(c) => ("is", json!(choice(c))),
                Test::OneOf(mask) => (
                    "one_of",
                    json!(
                        (0..64u8)
                            .filter(|c| mask & (1 << c) != 0)
                            .map(choice)
                            .collect::<Vec<_>>()
                    ),
                ),
                Test::Contains(c) => ("contains", json!(choice(c))),
                Test::AtLeast(n) => ("at_least", json!(n)),
                Test::AtMost(n) => ("at_most", json!(n)),
                Test::Between(lo, hi) => ("between", json!([lo, hi])),
                Test::Answered(b) => ("answered", json!(b)),
            };
            json!({ "question": q.id, key: value })
        }
    }
}

/// The condition in words: "`morning_stiffness` is yes", "all of (...)".
pub fn condition_words(kb: &KnowledgeBase, cond: &Cond) -> String {
    let list = |c: &[Cond], joiner: &str| {
        c.iter()
            .map(|c| condition_words(kb, c))
            .collect::<Vec<_>>()
            .join(joiner)
    };
    match cond {
        Cond::All(c) | Cond::Any(c) if c.len() == 1 => condition_words(kb, &c[0]),
        Cond::All(c) => format!("({})", list(c, " and ")),
        Cond::Any(c) => format!("({})", list(c, " or ")),
        Cond::Not(c) => format!("not {}", condition_words(kb, c)),
        Cond::Named(i) => kb.named[*i].id.clone(),
        Cond::Leaf(leaf) => format!(
            "{} {}",
            kb.questions[leaf.question].id,
            test_words(kb, leaf)
        ),
    }
}

/// A test in words, without the question: "is yes", "includes sitting", "is at least 50".
pub fn test_words(kb: &KnowledgeBase, leaf: &Leaf) -> String {
    let q = &kb.questions[leaf.question];
    let choice = |i: u8| {
        q.kind
            .choices()
            .get(usize::from(i))
            .map_or("?", |c| c.id.as_str())
    };
    match leaf.test {
        Test::IsBool(b) => format!("is {}", if b { "yes" } else { "no" }),
        Test::IsChoice(c) => format!("is {}", choice(c)),
        Test::OneOf(mask) => {
            let ids: Vec<&str> = (0..64u8)
                .filter(|c| mask & (1 << c) != 0)
                .map(choice)
                .collect();
            format!("is one of {}", ids.join(", "))
        }
        Test::Contains(c) => format!("includes {}", choice(c)),
        Test::AtLeast(n) => format!("is at least {n}"),
        Test::AtMost(n) => format!("is at most {n}"),
        Test::Between(lo, hi) => format!("is between {lo} and {hi}"),
        Test::Answered(true) => "is answered".to_owned(),
        Test::Answered(false) => "is not answered".to_owned(),
    }
}
