//! Conditions compiled into one flat array for the engine's hot path.
//!
//! Every condition of the knowledge base is laid out in prefix order in a single `Vec`: a node is
//! followed by its children, and an `all` or `any` knows where its subtree ends, so a decided
//! `all`/`any` skips the rest without walking it. Named conditions are laid out once and called.
//! The tree form ([`Cond`]) stays for analysis and explanations, which are not on the hot path.

use super::advice::AdviceLine;
use super::answers::Answers;
use super::condition::{Cond, Leaf, Truth};
use super::kb::KnowledgeBase;
use super::triage::NamedCondition;

#[derive(Debug, Clone, Copy)]
enum Op {
    All {
        end: u32,
    },
    Any {
        end: u32,
    },
    Not,
    /// A named condition, by its index in `Program::named`.
    Call {
        named: u32,
    },
    Leaf(Leaf),
}

/// Where a condition starts in the program.
pub type Entry = u32;

#[derive(Debug, Clone, Default)]
pub struct Program {
    ops: Vec<Op>,
    named: Vec<Entry>,
}

impl Program {
    /// Lays out the named conditions; their bodies can then be called from any condition added.
    pub fn new(named: &[NamedCondition]) -> Program {
        let mut program = Program::default();
        program.named = named.iter().map(|n| program.add(&n.when)).collect();
        program
    }

    /// Adds a condition, returning where it starts.
    pub fn add(&mut self, cond: &Cond) -> Entry {
        let entry = self.ops.len() as Entry;
        self.emit(cond);
        entry
    }

    fn emit(&mut self, cond: &Cond) {
        match cond {
            Cond::All(children) | Cond::Any(children) => {
                let at = self.ops.len();
                self.ops.push(Op::Not); // placeholder until the subtree's end is known
                for child in children {
                    self.emit(child);
                }
                let end = self.ops.len() as u32;
                self.ops[at] = if matches!(cond, Cond::All(_)) {
                    Op::All { end }
                } else {
                    Op::Any { end }
                };
            }
            Cond::Not(inner) => {
                self.ops.push(Op::Not);
                self.emit(inner);
            }
            Cond::Named(i) => self.ops.push(Op::Call { named: *i as u32 }),
            Cond::Leaf(leaf) => self.ops.push(Op::Leaf(*leaf)),
        }
    }

    /// True when the condition at `entry` is definitely true.
    pub fn holds(&self, entry: Entry, answers: &Answers) -> bool {
        self.eval(entry as usize, answers).0 == Truth::True
    }

    /// The condition's value and the position just past it.
    fn eval(&self, at: usize, answers: &Answers) -> (Truth, usize) {
        match self.ops[at] {
            Op::Leaf(leaf) => (leaf.test.check(answers.get(leaf.question)), at + 1),
            Op::Call { named } => (
                self.eval(self.named[named as usize] as usize, answers).0,
                at + 1,
            ),
            Op::Not => {
                let (truth, next) = self.eval(at + 1, answers);
                (!truth, next)
            }
            Op::All { end } => self.fold(at + 1, end as usize, answers, Truth::False),
            Op::Any { end } => self.fold(at + 1, end as usize, answers, Truth::True),
        }
    }

    /// Three-valued `all` (decisive value false) or `any` (decisive value true) of the children
    /// between `start` and `end`.
    fn fold(&self, start: usize, end: usize, answers: &Answers, decisive: Truth) -> (Truth, usize) {
        let mut result = !decisive;
        let mut at = start;
        while at < end {
            let (truth, next) = self.eval(at, answers);
            if truth == decisive {
                return (decisive, end);
            }
            if truth == Truth::Unknown {
                result = Truth::Unknown;
            }
            at = next;
        }
        (result, end)
    }
}

/// Where each condition the engine evaluates on every answer set starts in the flat program,
/// parallel to the knowledge base's lists.
#[derive(Debug, Clone, Default)]
pub struct CompiledRules {
    pub program: Program,
    pub triage: Vec<Entry>,
    pub withhold: Vec<Entry>,
    /// Per routine, per selection rule; `None` matches everyone.
    pub select: Vec<Vec<Option<Entry>>>,
    pub tips: Vec<Option<Entry>>,
    pub safety_net: Vec<Option<Entry>>,
}

impl CompiledRules {
    pub fn build(kb: &KnowledgeBase) -> CompiledRules {
        let mut program = Program::new(&kb.named);
        let triage = kb.triage.iter().map(|r| program.add(&r.when)).collect();
        let withhold = kb.withhold.iter().map(|w| program.add(&w.when)).collect();
        let select = kb
            .routines
            .iter()
            .map(|r| {
                r.select
                    .iter()
                    .map(|s| s.when.as_ref().map(|c| program.add(c)))
                    .collect()
            })
            .collect();
        let mut lines = |lines: &[AdviceLine]| -> Vec<Option<Entry>> {
            lines
                .iter()
                .map(|l| l.when.as_ref().map(|c| program.add(c)))
                .collect()
        };
        let tips = lines(&kb.tips);
        let safety_net = lines(&kb.safety_net);
        CompiledRules {
            program,
            triage,
            withhold,
            select,
            tips,
            safety_net,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, QuestionKind, Test};
    use proptest::prelude::*;

    #[test]
    fn flat_and_tree_agree_on_a_hand_made_condition() {
        let leaf = |q, b| {
            Cond::Leaf(Leaf {
                question: q,
                test: Test::IsBool(b),
            })
        };
        let named = vec![NamedCondition {
            id: "n".to_owned(),
            description: "d".to_owned(),
            when: Cond::Any(vec![leaf(0, true), leaf(1, true)]),
        }];
        let cond = Cond::All(vec![
            Cond::Named(0),
            Cond::Not(Box::new(leaf(2, true))),
            Cond::Any(vec![]),
        ]);
        let mut program = Program::new(&named);
        let entry = program.add(&cond);
        for a in [None, Some(false), Some(true)] {
            for b in [None, Some(false), Some(true)] {
                for c in [None, Some(false), Some(true)] {
                    let answers = Answers::from_slots(
                        [a, b, c].iter().map(|v| v.map(Answer::Bool)).collect(),
                    );
                    assert_eq!(
                        program.eval(entry as usize, &answers).0,
                        cond.eval(&answers, &named),
                        "{a:?} {b:?} {c:?}"
                    );
                }
            }
        }
    }

    proptest! {
        /// Every condition of the shipped rules gives the same value both ways, on any answers.
        #[test]
        fn flat_and_tree_agree_on_the_shipped_rules(raw in prop::collection::vec((any::<bool>(), any::<u64>()), 28)) {
            let kb = KnowledgeBase::embedded().unwrap();
            let mut answers = Answers::empty(kb.questions.len());
            for (i, q) in kb.questions.iter().enumerate() {
                let (present, r) = raw[i % raw.len()];
                if !present {
                    continue;
                }
                answers.set(i, Some(match &q.kind {
                    QuestionKind::YesNo => Answer::Bool(r % 2 == 0),
                    QuestionKind::Single(c) => Answer::Choice((r % c.len() as u64) as u8),
                    QuestionKind::Multiple(c) => Answer::Choices(r & ((1 << c.len()) - 1)),
                    QuestionKind::Number { min, max, .. } => Answer::Number(min + (r % (max - min + 1) as u64) as i64),
                }));
            }
            let mut program = Program::new(&kb.named);
            for rule in &kb.triage {
                let entry = program.add(&rule.when);
                prop_assert_eq!(program.eval(entry as usize, &answers).0, rule.when.eval(&answers, &kb.named), "rule {}", rule.id);
            }
        }
    }
}
