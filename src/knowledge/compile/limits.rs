//! Bounds on how far conditions unfold through named references, checked right after the cycle
//! check and before anything evaluates or analyses a condition.
//!
//! A named condition may use others, and those may share references: `d0 = all[d1, d1]`,
//! `d1 = all[d2, d2]`, ... is 30 lines of JSON that unfold into a billion tests. Evaluation and
//! every proof walk conditions as trees, so such a file would take exponential time and memory
//! (a real abort at 30 levels). A chain of 140,000 references is linear in size but makes every
//! walk deep and every proof quadratic. Both are refused here with a located fault, after one
//! linear pass over the reference graph, so loading stays quick whatever the file holds. Real
//! rules are far inside the limits (the shipped ones nest 3 deep and unfold to under 30 tests).

use super::Compiler;
use crate::knowledge::locate::JsonPath;
use crate::model::{Cond, KnowledgeBase, NamedCondition, Place, RuleFileKind};

/// Most levels of named conditions inside one another.
pub(crate) const MAX_REFERENCE_DEPTH: u32 = 32;
/// Most tests one condition may unfold into once every named condition is written out.
pub(crate) const MAX_UNFOLDED_TESTS: u64 = 10_000;

/// How big a condition is once unfolded, and how deep its references go.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    tests: u64,
    depth: u32,
}

/// The size of `cond`, given the sizes of the named conditions it may refer to. Recursion here
/// follows only the condition's own JSON nesting (at most 128 levels, serde's limit), never the
/// references.
fn size_of(cond: &Cond, named: &[Size]) -> Size {
    match cond {
        Cond::Leaf(_) => Size { tests: 1, depth: 0 },
        Cond::Not(inner) => size_of(inner, named),
        Cond::All(items) | Cond::Any(items) => items.iter().fold(Size::default(), |acc, item| {
            let s = size_of(item, named);
            Size {
                tests: acc.tests.saturating_add(s.tests),
                depth: acc.depth.max(s.depth),
            }
        }),
        Cond::Named(i) => {
            let s = named.get(*i).copied().unwrap_or_default();
            Size {
                tests: s.tests,
                depth: s.depth.saturating_add(1),
            }
        }
    }
}

/// The named conditions in an order where each comes after every condition it refers to
/// (the graph has no cycles by now). Iterative, so a long chain cannot overflow the stack.
fn dependency_order(named: &[NamedCondition]) -> Vec<usize> {
    let edges = super::named::reference_graph(named);
    let mut placed = vec![false; named.len()];
    let mut on_stack = vec![false; named.len()];
    let mut order = Vec::with_capacity(named.len());
    for start in 0..named.len() {
        if placed[start] {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        on_stack[start] = true;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&target) = edges[node].get(*next) {
                *next += 1;
                if !placed[target] && !on_stack[target] {
                    on_stack[target] = true;
                    stack.push((target, 0));
                }
            } else {
                stack.pop();
                on_stack[node] = false;
                placed[node] = true;
                order.push(node);
            }
        }
    }
    order
}

impl Compiler<'_> {
    /// Refuses named conditions that nest too deeply or unfold into too many tests: the first
    /// in file order of each kind, since every condition above it in a chain breaks the same
    /// limit and saying so thousands of times would help nobody.
    pub(super) fn reject_oversized_conditions(&mut self) {
        let mut sizes = vec![Size::default(); self.named.len()];
        for i in dependency_order(&self.named) {
            sizes[i] = size_of(&self.named[i].when, &sizes);
        }
        let at = |i: usize| JsonPath::default().key("conditions").index(i).key("when");
        if let Some(i) = sizes.iter().position(|s| s.depth > MAX_REFERENCE_DEPTH) {
            let message = format!(
                "named condition `{}` refers to named conditions more than {MAX_REFERENCE_DEPTH} levels deep; \
                 write the chain out flatter",
                self.named[i].id
            );
            self.fault(RuleFileKind::Conditions, &at(i), message);
        }
        if let Some(i) = sizes.iter().position(|s| s.tests > MAX_UNFOLDED_TESTS) {
            let message = format!(
                "named condition `{}` unfolds into more than {MAX_UNFOLDED_TESTS} tests through the \
                 named conditions it uses (shared references multiply); simplify it",
                self.named[i].id
            );
            self.fault(RuleFileKind::Conditions, &at(i), message);
        }
    }
}

/// Conditions outside conditions.json (triage rules, leave-outs, selections, ask-whens...) that
/// unfold into too many tests: each may use a named condition many times over. Run on the
/// assembled knowledge base, whose named conditions are already within bounds.
pub(super) fn oversized_sites(kb: &KnowledgeBase) -> Vec<(RuleFileKind, JsonPath, String)> {
    let mut sizes = vec![Size::default(); kb.named.len()];
    for i in dependency_order(&kb.named) {
        sizes[i] = size_of(&kb.named[i].when, &sizes);
    }
    kb.condition_sites()
        .filter(|site| !matches!(site.place, Place::Named(_)))
        .filter(|site| size_of(site.cond, &sizes).tests > MAX_UNFOLDED_TESTS)
        .map(|site| {
            (
                site.place.file(),
                JsonPath::of(site.place),
                format!(
                    "this condition unfolds into more than {MAX_UNFOLDED_TESTS} tests through the \
                     named conditions it uses (shared references multiply); simplify it"
                ),
            )
        })
        .collect()
}
