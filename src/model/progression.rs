//! Progression (`rules/progression.json`): the levels each routine steps through over the weeks,
//! the rules that move a person up, down or keep them where they are at a check-in, and what to
//! do in a flare-up.
//!
//! The rules read *facts* about the journal (sessions done, pain now and its change, how long at
//! this level, warning signs, the urgency of the merged answers), not answers to questions, so
//! they have their own small condition language: `all`, `any`, `not` and one test on one fact.
//! Every fact is a whole number to the tests (yes/no as 0/1, the urgency as its place on the
//! ladder), so one test type serves them all; the fact says how to read it back in words.
//! Only `pain_now` may be unknown (the person skipped the rating): a test on it is then
//! `Unknown` and, as everywhere in backcare, a rule fires only when its condition is definitely
//! true, so a rule that needs the pain to be low never fires without a rating.

use super::condition::Truth;
use super::routine::Step;
use super::stretch::{Dose, Measure};
use super::urgency::Urgency;
use std::fmt::Write as _;

/// Most levels a routine may have, level 1 (the routine as written) included: enough for months
/// of weekly steps, few enough that the proofs over every level stay quick.
pub const MAX_LEVELS: u32 = 10;

/// The compiled `progression.json`. Empty (no levels, no rules) in a knowledge base built by
/// hand; one loaded from rule files has an entry for every routine and a last rule with no
/// condition (checked at load).
#[derive(Debug, Clone, Default)]
pub struct ProgressionRules {
    /// Days from one check-in to the next.
    pub checkin_every_days: u32,
    /// What the person is told about level 1, the routine as written.
    pub level_1_summary: String,
    /// When a check-in counts as a flare-up; read by the rules as the fact `flare_up`. `None`
    /// only in a hand-built knowledge base: then nothing is a flare-up.
    pub flare_up: Option<FactCond>,
    /// What to do in a flare-up, and when to get help.
    pub flare_up_plan: FlarePlan,
    /// `levels[r]` holds levels 2, 3, ... of routine `r` (position in `KnowledgeBase::routines`);
    /// a routine without an entry has level 1 only.
    pub levels: Vec<Vec<RoutineLevel>>,
    /// In file order; the first whose condition is definitely true decides.
    pub rules: Vec<ProgressionRule>,
    /// Which questions the journal reads and brings up to date between checks.
    pub journal: JournalQuestions,
}

/// The questions a check-in reads for its facts, and those it works out from the calendar
/// instead of asking again. Each is `None` in a hand-built knowledge base, and the journal then
/// does without it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalQuestions {
    /// Pain now, 0 to 10 (a number question).
    pub pain: Option<usize>,
    /// Better, the same or worse (a single-choice question), and the position of its "worse"
    /// choice.
    pub trend: Option<(usize, u8)>,
    /// How long the pain has lasted (a single-choice question), with the fewest weeks each
    /// choice means, rising: a check-in moves the answer on as the weeks pass.
    pub duration: Option<(usize, Vec<u32>)>,
    /// Age in years (a number question): a check-in adds the years passed.
    pub age: Option<usize>,
}

/// What to do for the next few days of a flare-up, and when to get help.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlarePlan {
    /// Short sentences: what to do meanwhile.
    pub what_to_do: Vec<String>,
    /// Short sentences: when to see someone.
    pub get_help: Vec<String>,
}

/// One level above the first: the routine as written, with longer holds, more repetitions or
/// rounds, and moves added. Each level is written in full against the routine as written, not
/// against the level below, so a clinician reads one level without adding up the others.
#[derive(Debug, Clone)]
pub struct RoutineLevel {
    /// What the person is told: "Holds of 30 seconds, and bird-dog added".
    pub summary: String,
    /// Seconds added to every timed hold.
    pub hold_seconds_add: u32,
    /// Repetitions added to every step counted in repetitions.
    pub reps_add: u32,
    /// Rounds added to every step of the routine.
    pub rounds_add: u32,
    /// Moves added after the routine's own steps, each at its dose; they go through the same
    /// leave-out rules as the routine's steps.
    pub add: Vec<Step>,
}

impl RoutineLevel {
    /// A routine step's dose at this level: holds longer, repetitions and rounds more. Breaths
    /// stay as they are (they pace a movement, they are not its load). Saturating, so a
    /// hand-built level cannot overflow; loaded ones are checked to stay within the dose limits.
    pub fn apply(&self, dose: Dose) -> Dose {
        let measure = match dose.measure {
            Measure::HoldSeconds(s) => {
                Measure::HoldSeconds(s.saturating_add(self.hold_seconds_add))
            }
            Measure::Reps(n) => Measure::Reps(n.saturating_add(self.reps_add)),
            Measure::Breaths(n) => Measure::Breaths(n),
        };
        Dose {
            measure,
            each_side: dose.each_side,
            rounds: dose.rounds.saturating_add(self.rounds_add),
        }
    }
}

/// Which way a rule moves the routine's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    /// One level up (no higher than the routine's top level).
    Up,
    /// One level down (no lower than level 1).
    Down,
    /// Keep the level.
    Stay,
}

impl Move {
    /// The id as written in the rule file.
    pub fn as_str(self) -> &'static str {
        match self {
            Move::Up => "up",
            Move::Down => "down",
            Move::Stay => "stay",
        }
    }
}

/// One progression rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressionRule {
    /// The id the journal records with a change of level.
    pub id: String,
    /// `None` matches every check-in (the last rule, by a check at load).
    pub when: Option<FactCond>,
    /// What it does to the level.
    pub direction: Move,
    /// Why, in the person's words.
    pub reason: String,
    /// The guideline or seed fact it rests on.
    pub source: String,
}

/// A fact the progression rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    /// The routine's current level, from 1.
    Level,
    /// Sessions done in the last 14 days.
    Sessions14d,
    /// Pain now, 0 to 10; the only fact that may be unknown.
    PainNow,
    /// Pain now minus the previous rating; 0 when either is unknown.
    PainRise,
    /// Check-ins in a row, this one included, that answered "worse".
    WorseInARow,
    /// Days since the level last changed.
    DaysAtLevel,
    /// A warning sign was answered with anything but its negative answer (1 yes, 0 no).
    WarningSign,
    /// The urgency of the merged answers, as its place on the ladder (0 `self_care` to 4
    /// `emergency`).
    Urgency,
    /// The file's own `flare_up` condition holds (1 yes, 0 no).
    FlareUp,
}

/// How a fact's values are written and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// A whole number.
    Number,
    /// Yes or no (`true`/`false` in the file, 1/0 to the tests).
    YesNo,
    /// A level of the urgency ladder (its name in the file, its place to the tests).
    Urgency,
}

impl Fact {
    /// Every fact, in the order the rule file's documentation lists them.
    pub const ALL: [Fact; 9] = [
        Fact::Level,
        Fact::Sessions14d,
        Fact::PainNow,
        Fact::PainRise,
        Fact::WorseInARow,
        Fact::DaysAtLevel,
        Fact::WarningSign,
        Fact::Urgency,
        Fact::FlareUp,
    ];

    /// The name used in the rule file.
    pub fn id(self) -> &'static str {
        match self {
            Fact::Level => "level",
            Fact::Sessions14d => "sessions_14d",
            Fact::PainNow => "pain_now",
            Fact::PainRise => "pain_rise",
            Fact::WorseInARow => "worse_in_a_row",
            Fact::DaysAtLevel => "days_at_level",
            Fact::WarningSign => "warning_sign",
            Fact::Urgency => "urgency",
            Fact::FlareUp => "flare_up",
        }
    }

    /// The fact with this rule-file name.
    pub fn from_id(id: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|f| f.id() == id)
    }

    /// How its values are written.
    pub fn kind(self) -> FactKind {
        match self {
            Fact::WarningSign | Fact::FlareUp => FactKind::YesNo,
            Fact::Urgency => FactKind::Urgency,
            _ => FactKind::Number,
        }
    }

    /// The values it can take, both ends included. Counts of days and sessions are `u32`s.
    pub fn range(self) -> (i64, i64) {
        let count = (0, i64::from(u32::MAX));
        match self {
            Fact::Level => (1, i64::from(MAX_LEVELS)),
            Fact::PainNow => (0, 10),
            Fact::PainRise => (-10, 10),
            Fact::Sessions14d | Fact::WorseInARow | Fact::DaysAtLevel => count,
            Fact::WarningSign | Fact::FlareUp => (0, 1),
            Fact::Urgency => (0, 4),
        }
    }

    /// A value of this fact in the rule file's words: `12`, `yes`, `appointment`.
    pub fn value_words(self, value: i64) -> String {
        match self.kind() {
            FactKind::Number => value.to_string(),
            FactKind::YesNo => if value == 0 { "no" } else { "yes" }.to_owned(),
            FactKind::Urgency => urgency_of_rank(value)
                .map_or("?", Urgency::as_str)
                .to_owned(),
        }
    }
}

/// The place of `urgency` on the ladder as the tests count it: `self_care` 0 to `emergency` 4.
pub fn urgency_rank(urgency: Urgency) -> i64 {
    match urgency {
        Urgency::SelfCare => 0,
        Urgency::Appointment => 1,
        Urgency::Soon => 2,
        Urgency::Urgent => 3,
        Urgency::Emergency => 4,
    }
}

/// The urgency at this place on the ladder.
pub fn urgency_of_rank(rank: i64) -> Option<Urgency> {
    Urgency::LADDER
        .into_iter()
        .find(|u| urgency_rank(*u) == rank)
}

/// A condition over facts, with the same three-valued logic as conditions over answers.
#[derive(Debug, Clone, PartialEq)]
pub enum FactCond {
    /// Every part holds (never empty: checked at load).
    All(Vec<FactCond>),
    /// Some part holds (never empty: checked at load).
    Any(Vec<FactCond>),
    /// The negation; unknown stays unknown.
    Not(Box<FactCond>),
    /// One test on one fact.
    Leaf(FactLeaf),
}

/// One test on one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactLeaf {
    /// The fact tested.
    pub fact: Fact,
    /// The test.
    pub test: FactTest,
}

/// A test on a fact's value (yes/no and the urgency as numbers, see [`Fact`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactTest {
    /// The value is this.
    Is(i64),
    /// The value is this or more.
    AtLeast(i64),
    /// The value is this or less.
    AtMost(i64),
    /// The value is known (`true`) or unknown (`false`); never `Unknown` itself. Only
    /// `pain_now` may be unknown, so only it takes this test (checked at load).
    Known(bool),
}

impl FactTest {
    /// The test applied to a value, `Unknown` when there is none.
    pub fn check(self, value: Option<i64>) -> Truth {
        if let FactTest::Known(want) = self {
            return Truth::from_bool(value.is_some() == want);
        }
        let Some(v) = value else {
            return Truth::Unknown;
        };
        Truth::from_bool(match self {
            FactTest::Is(n) => v == n,
            FactTest::AtLeast(n) => v >= n,
            FactTest::AtMost(n) => v <= n,
            FactTest::Known(_) => true,
        })
    }
}

impl FactCond {
    /// Evaluates the condition; `value` gives each fact's value, `None` when unknown.
    pub fn eval(&self, value: &impl Fn(Fact) -> Option<i64>) -> Truth {
        match self {
            FactCond::All(parts) => {
                let mut result = Truth::True;
                for part in parts {
                    match part.eval(value) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                result
            }
            FactCond::Any(parts) => {
                let mut result = Truth::False;
                for part in parts {
                    match part.eval(value) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                result
            }
            FactCond::Not(inner) => !inner.eval(value),
            FactCond::Leaf(leaf) => leaf.test.check(value(leaf.fact)),
        }
    }

    /// Calls `visit` on every leaf.
    pub fn visit_leaves(&self, visit: &mut impl FnMut(&FactLeaf)) {
        match self {
            FactCond::All(parts) | FactCond::Any(parts) => {
                for part in parts {
                    part.visit_leaves(visit);
                }
            }
            FactCond::Not(inner) => inner.visit_leaves(visit),
            FactCond::Leaf(leaf) => visit(leaf),
        }
    }

    /// Whether any leaf tests `fact`.
    pub fn reads(&self, fact: Fact) -> bool {
        let mut found = false;
        self.visit_leaves(&mut |leaf| found |= leaf.fact == fact);
        found
    }

    /// The number of leaves: about the work of evaluating it once.
    pub fn size(&self) -> u64 {
        let mut n = 0u64;
        self.visit_leaves(&mut |_| n += 1);
        n
    }

    /// The condition in words: "(`pain_rise` is at least 2 or `worse_in_a_row` is at least 2)"
    /// (without the backticks).
    pub fn words(&self) -> String {
        let list = |parts: &[FactCond], joiner: &str| {
            parts
                .iter()
                .map(FactCond::words)
                .collect::<Vec<_>>()
                .join(joiner)
        };
        match self {
            FactCond::All(p) | FactCond::Any(p) if p.len() == 1 => p[0].words(),
            FactCond::All(p) => format!("({})", list(p, " and ")),
            FactCond::Any(p) => format!("({})", list(p, " or ")),
            FactCond::Not(inner) => format!("not {}", inner.words()),
            FactCond::Leaf(leaf) => leaf.words(),
        }
    }
}

impl FactLeaf {
    /// The test in words: "`pain_now` is at most 4", "urgency is at least soon" (without the
    /// backticks).
    pub fn words(&self) -> String {
        let fact = self.fact;
        let mut out = fact.id().to_owned();
        let _ = match self.test {
            FactTest::Is(v) => write!(out, " is {}", fact.value_words(v)),
            FactTest::AtLeast(v) => write!(out, " is at least {}", fact.value_words(v)),
            FactTest::AtMost(v) => write!(out, " is at most {}", fact.value_words(v)),
            FactTest::Known(true) => write!(out, " is known"),
            FactTest::Known(false) => write!(out, " is unknown"),
        };
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(fact: Fact, test: FactTest) -> FactCond {
        FactCond::Leaf(FactLeaf { fact, test })
    }

    #[test]
    fn an_unknown_pain_is_unknown_except_to_known() {
        let pain_unknown = |f: Fact| (f != Fact::PainNow).then_some(3);
        let low = leaf(Fact::PainNow, FactTest::AtMost(4));
        assert_eq!(low.eval(&pain_unknown), Truth::Unknown);
        assert_eq!(
            FactCond::Not(Box::new(low.clone())).eval(&pain_unknown),
            Truth::Unknown
        );
        assert_eq!(
            leaf(Fact::PainNow, FactTest::Known(false)).eval(&pain_unknown),
            Truth::True
        );
        // `all` with an unknown part and a false part is false; with a true part, unknown.
        let many = leaf(Fact::Sessions14d, FactTest::AtLeast(6));
        assert_eq!(
            FactCond::All(vec![low.clone(), many.clone()]).eval(&pain_unknown),
            Truth::False
        );
        assert_eq!(
            FactCond::Any(vec![low, leaf(Fact::Sessions14d, FactTest::AtMost(3))])
                .eval(&pain_unknown),
            Truth::True
        );
    }

    #[test]
    fn each_test_at_its_edges() {
        let value = |_: Fact| Some(4);
        for (test, want) in [
            (FactTest::Is(4), Truth::True),
            (FactTest::Is(5), Truth::False),
            (FactTest::AtLeast(4), Truth::True),
            (FactTest::AtLeast(5), Truth::False),
            (FactTest::AtMost(4), Truth::True),
            (FactTest::AtMost(3), Truth::False),
            (FactTest::Known(true), Truth::True),
        ] {
            assert_eq!(leaf(Fact::Level, test).eval(&value), want, "{test:?}");
        }
    }

    #[test]
    fn a_level_changes_holds_reps_and_rounds_but_not_breaths() {
        let level = RoutineLevel {
            summary: "s".to_owned(),
            hold_seconds_add: 10,
            reps_add: 2,
            rounds_add: 1,
            add: Vec::new(),
        };
        let dose = |measure| Dose {
            measure,
            each_side: true,
            rounds: 1,
        };
        assert_eq!(
            level.apply(dose(Measure::HoldSeconds(20))),
            Dose {
                measure: Measure::HoldSeconds(30),
                each_side: true,
                rounds: 2
            }
        );
        assert_eq!(
            level.apply(dose(Measure::Reps(8))).measure,
            Measure::Reps(10)
        );
        assert_eq!(
            level.apply(dose(Measure::Breaths(8))).measure,
            Measure::Breaths(8)
        );
        let huge = RoutineLevel {
            hold_seconds_add: u32::MAX,
            ..level
        };
        assert_eq!(
            huge.apply(dose(Measure::HoldSeconds(5))).measure,
            Measure::HoldSeconds(u32::MAX)
        );
    }

    #[test]
    fn facts_in_words() {
        let cond = FactCond::Any(vec![
            leaf(Fact::PainRise, FactTest::AtLeast(2)),
            FactCond::All(vec![
                leaf(Fact::Urgency, FactTest::AtLeast(2)),
                leaf(Fact::WarningSign, FactTest::Is(0)),
                FactCond::Not(Box::new(leaf(Fact::PainNow, FactTest::Known(true)))),
            ]),
        ]);
        assert_eq!(
            cond.words(),
            "(pain_rise is at least 2 or (urgency is at least soon and warning_sign is no and not pain_now is known))"
        );
        assert!(cond.reads(Fact::Urgency) && !cond.reads(Fact::Level));
        assert_eq!(cond.size(), 4);
        for fact in Fact::ALL {
            assert_eq!(Fact::from_id(fact.id()), Some(fact));
        }
        for u in Urgency::LADDER {
            assert_eq!(urgency_of_rank(urgency_rank(u)), Some(u));
        }
    }
}
