//! conditions.json: named conditions, and the check that they never refer to each other in a
//! circle.

use super::Compiler;
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::RawNamedCondition;
use crate::model::{Cond, NamedCondition, RuleFileKind};
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn named_conditions(&mut self, raw: &[RawNamedCondition]) {
        let list = JsonPath::default().key("conditions");
        let mut index = HashMap::new();
        for (i, n) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(
                RuleFileKind::Conditions,
                &path,
                "named condition",
                &n.id,
                i,
                &mut index,
            );
            self.require_text(
                RuleFileKind::Conditions,
                &path.key("description"),
                &n.description,
            );
            self.named.push(NamedCondition {
                id: n.id.clone(),
                description: n.description.clone(),
                // Filled in below, once every name can be referred to.
                when: Cond::All(Vec::new()),
            });
        }
        self.named_index = index;
        for (i, n) in raw.iter().enumerate() {
            let body = self.condition(
                RuleFileKind::Conditions,
                &list.index(i).key("when"),
                &n.when,
            );
            if let Some(body) = body {
                self.named[i].when = body;
            }
        }
        if self.faults.is_empty() {
            self.reject_cycles();
        }
        if self.faults.is_empty() {
            self.reject_oversized_conditions();
        }
    }

    /// Named conditions may use each other, but never in a circle.
    pub(super) fn reject_cycles(&mut self) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let edges = reference_graph(&self.named);
        let mut marks = vec![Mark::New; edges.len()];
        for start in 0..edges.len() {
            if marks[start] != Mark::New {
                continue;
            }
            // Iterative depth-first search; `stack` holds (node, next edge to follow).
            let mut stack = vec![(start, 0usize)];
            marks[start] = Mark::Open;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&target) = edges[node].get(*next) {
                    *next += 1;
                    match marks[target] {
                        Mark::New => {
                            marks[target] = Mark::Open;
                            stack.push((target, 0));
                        }
                        Mark::Open => {
                            let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                            let mut names: Vec<&str> = stack[from..]
                                .iter()
                                .map(|(n, _)| self.named[*n].id.as_str())
                                .collect();
                            names.push(&self.named[target].id);
                            let message = format!(
                                "named conditions refer to each other in a cycle: {}",
                                names.join(" -> ")
                            );
                            let path = JsonPath::default()
                                .key("conditions")
                                .index(target)
                                .key("when");
                            self.fault(RuleFileKind::Conditions, &path, message);
                            return;
                        }
                        Mark::Done => {}
                    }
                } else {
                    marks[node] = Mark::Done;
                    stack.pop();
                }
            }
        }
    }
}

/// For each named condition, the named conditions its body refers to (the graph that must have
/// no cycles, and that `limits` walks in dependency order).
pub(super) fn reference_graph(named: &[NamedCondition]) -> Vec<Vec<usize>> {
    fn refs(cond: &Cond, out: &mut Vec<usize>) {
        match cond {
            Cond::All(c) | Cond::Any(c) => c.iter().for_each(|c| refs(c, out)),
            Cond::Not(c) => refs(c, out),
            Cond::Named(i) => out.push(*i),
            Cond::Leaf(_) => {}
        }
    }
    named
        .iter()
        .map(|n| {
            let mut out = Vec::new();
            refs(&n.when, &mut out);
            out
        })
        .collect()
}
