//! Why a condition held: the answers that made it true, next to what the rule expected.

use crate::model::{
    Answers, Cond, KnowledgeBase, Leaf, Truth, answer_json, answer_words, test_words,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One answer that made a rule fire, next to what the rule expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The question's id.
    pub question: String,
    /// The question as the person read it.
    pub question_text: String,
    /// The answer given (null when the question was not answered).
    pub answer: Value,
    /// The answer in the person's words: "yes", a choice's label, "not answered".
    pub answer_text: String,
    /// What the rule looked for, in words: "is yes", "is at least 50", or "not: is `below_knee`"
    /// when the leaf counted by failing (under a `not`).
    pub expected: String,
}

/// The answers that make `cond` true (it must be true for these answers).
pub fn explain_rule(kb: &KnowledgeBase, cond: &Cond, answers: &Answers) -> Vec<Evidence> {
    let mut out = Vec::new();
    deciding_leaves(kb, cond, answers, true, &mut out);
    out.dedup();
    out
}

/// Collects the leaves that give `cond` the value `want`.
fn deciding_leaves(
    kb: &KnowledgeBase,
    cond: &Cond,
    answers: &Answers,
    want: bool,
    out: &mut Vec<Evidence>,
) {
    let value = |c: &Cond| c.eval(answers, &kb.named);
    let target = Truth::from_bool(want);
    match cond {
        // An `all` that holds needs every child; an `any` that fails needs every child too.
        Cond::All(children) if want => children
            .iter()
            .for_each(|c| deciding_leaves(kb, c, answers, true, out)),
        Cond::Any(children) if !want => children
            .iter()
            .for_each(|c| deciding_leaves(kb, c, answers, false, out)),
        // Otherwise the children that decided it are enough.
        Cond::All(children) | Cond::Any(children) => {
            for c in children.iter().filter(|c| value(c) == target) {
                deciding_leaves(kb, c, answers, want, out);
            }
        }
        Cond::Not(inner) => deciding_leaves(kb, inner, answers, !want, out),
        Cond::Named(i) => deciding_leaves(kb, &kb.named[*i].when, answers, want, out),
        Cond::Leaf(leaf) => out.push(evidence(kb, leaf, answers, want)),
    }
}

fn evidence(kb: &KnowledgeBase, leaf: &Leaf, answers: &Answers, held: bool) -> Evidence {
    let q = &kb.questions[leaf.question];
    let test = test_words(kb, leaf);
    let expected = if held { test } else { format!("not: {test}") };
    let given = answers.get(leaf.question);
    Evidence {
        question: q.id.clone(),
        question_text: q.text.clone(),
        answer: given.map_or(Value::Null, |a| answer_json(kb, leaf.question, a)),
        answer_text: given.map_or_else(
            || "not answered".to_owned(),
            |a| answer_words(kb, leaf.question, a),
        ),
        expected,
    }
}
