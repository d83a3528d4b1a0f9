//! Proofs about progression.json, run on every load, like the floor's: a search over every
//! class of facts a check-in can bring for one that breaks a promise the rules must keep.
//!
//! The promises: no rule moves up while a warning sign or an urgency above `appointment` holds,
//! in a flare-up, or while the pain is unknown; every level of every routine is reached from
//! level 1; from every level above 1, a flare-up (with no warning sign and no urgency above
//! `appointment`) moves down; every rule decides for some facts, and a flare-up can happen. (That
//! each level's added moves obey the safety floor is proved with the floor, in `floor_proof`.)
//!
//! Each number fact falls into few classes the rules can tell apart (split at the thresholds
//! they test, as answers are in `analysis::answer_classes`); the level, the pain, the urgency
//! and the yes/no facts are taken value by value, and the pain's rise only within what the pain
//! allows (see `engine::Facts::normalized`, which holds every input to the same ranges). The
//! search assigns facts one at a time and stops going deeper once the deciding rule and the
//! flare-up are certain whatever the rest (Kleene logic never turns a definite value back), but
//! only once the four facts the promises name (level, warning sign, urgency, pain) are set.
//! Every outcome it records is then checked with the real engine on a complete set of facts.

use super::analysis::LoadFault;
use super::locate::JsonPath;
use crate::engine::{Facts, deciding_rule, levels};
use crate::model::{
    Fact, FactCond, FactTest, KnowledgeBase, Move, RuleFileKind, Truth, Urgency, urgency_of_rank,
};
use std::fmt::Write as _;

const FILE: RuleFileKind = RuleFileKind::Progression;

/// Most work the search may do, in condition leaves evaluated (a few nanoseconds each); past it
/// nothing is proved and the rules are refused. The shipped rules need a few hundred thousand.
const BUDGET: u64 = 20_000_000;

/// The facts in the order the search assigns them: the four every promise names come first, so
/// they are always set where the search stops; `flare_up` is worked out from the others.
const ORDER: [Fact; 8] = [
    Fact::Level,
    Fact::WarningSign,
    Fact::Urgency,
    Fact::PainNow,
    Fact::PainRise,
    Fact::WorseInARow,
    Fact::Sessions14d,
    Fact::DaysAtLevel,
];
/// The search never stops above this depth: `ORDER[..KEY]` are set at every outcome.
const KEY: usize = 4;
const FACTS: usize = Fact::ALL.len();

/// The values the search gives one fact: intervals the rules cannot tell apart (a single value
/// for the facts taken value by value), and for the pain also "unknown".
struct Domain {
    intervals: Vec<(i64, i64)>,
    unknown: bool,
}

/// A fact's values split where the tests on it change their answer.
fn classes(fact: Fact, tests: &[FactTest], (lo, hi): (i64, i64)) -> Vec<(i64, i64)> {
    // Each cut is the first value of a new interval.
    let mut cuts: Vec<i64> = tests
        .iter()
        .flat_map(|t| match *t {
            FactTest::AtLeast(n) => vec![n],
            FactTest::AtMost(n) => vec![n.saturating_add(1)],
            FactTest::Is(n) => vec![n, n.saturating_add(1)],
            FactTest::Known(_) => vec![],
        })
        .filter(|c| lo < *c && *c <= hi)
        .collect();
    if matches!(
        fact,
        Fact::Level | Fact::PainNow | Fact::Urgency | Fact::WarningSign
    ) {
        // Few values, and the engine or the promises read each one: take them all.
        cuts = (lo + 1..=hi).collect();
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = lo;
    for cut in cuts {
        out.push((start, cut - 1));
        start = cut;
    }
    out.push((start, hi));
    out
}

/// The highest level of any routine: the levels the search takes.
fn top_level(kb: &KnowledgeBase) -> u32 {
    (0..kb.routines.len())
        .map(|r| levels(kb, r))
        .max()
        .unwrap_or(1)
}

/// Every test on each fact, across the rules and the flare-up condition.
fn tests_by_fact(kb: &KnowledgeBase) -> Vec<Vec<FactTest>> {
    let mut tests = vec![Vec::new(); FACTS];
    let conds = kb
        .progression
        .rules
        .iter()
        .filter_map(|r| r.when.as_ref())
        .chain(kb.progression.flare_up.as_ref());
    for cond in conds {
        cond.visit_leaves(&mut |leaf| tests[leaf.fact as usize].push(leaf.test));
    }
    tests
}

/// The domains of the facts in [`ORDER`].
fn domains(kb: &KnowledgeBase) -> Vec<Domain> {
    let tests = tests_by_fact(kb);
    let top = i64::from(top_level(kb));
    ORDER
        .iter()
        .map(|&fact| {
            let range = match fact {
                Fact::Level => (1, top),
                other => other.range(),
            };
            Domain {
                intervals: classes(fact, &tests[fact as usize], range),
                unknown: fact == Fact::PainNow,
            }
        })
        .collect()
}

/// The facts a search has set so far: `None` not yet, `Some(None)` an unknown pain.
type Partial = [Option<Option<i64>>; FACTS];

/// One value of each class of `depth`'s fact that fits the facts set before it: the pain's rise
/// lies between `pain - 10` and `pain`, and is 0 when the pain is unknown.
fn values(domains: &[Domain], depth: usize, partial: &Partial) -> Vec<Option<i64>> {
    let domain = &domains[depth];
    let allowed = if ORDER[depth] == Fact::PainRise {
        match partial[Fact::PainNow as usize].flatten() {
            None => (0, 0),
            Some(p) => (p - 10, p),
        }
    } else {
        (i64::MIN, i64::MAX)
    };
    let mut out: Vec<Option<i64>> = domain
        .intervals
        .iter()
        .filter_map(|&(lo, hi)| {
            let (lo, hi) = (lo.max(allowed.0), hi.min(allowed.1));
            (lo <= hi).then_some(Some(lo))
        })
        .collect();
    if domain.unknown {
        out.insert(0, None);
    }
    out
}

/// What the search found; each `Facts` is an example the engine was run on.
#[derive(Default)]
struct Findings {
    /// A rule that moves up while a warning sign or an urgency above `appointment` holds.
    up_when_held: Option<(usize, Facts)>,
    /// A rule that moves up in a flare-up.
    up_in_flare: Option<(usize, Facts)>,
    /// A rule that moves up with the pain unknown.
    up_unknown_pain: Option<(usize, Facts)>,
    /// Per level (index `level - 1`): facts that move up from it.
    up_from: Vec<Option<Facts>>,
    /// Per level: a flare-up, with nothing holding the level, that does not move down.
    flare_not_down: Vec<Option<(Option<usize>, Facts)>>,
    /// Per rule: it decides for some facts.
    decides: Vec<bool>,
    /// Facts that make a flare-up.
    flare: Option<Facts>,
    /// The search and the engine disagreed (a bug in one of them): the facts.
    disagreement: Option<Facts>,
}

struct Search<'a> {
    kb: &'a KnowledgeBase,
    domains: Vec<Domain>,
    /// Per rule, and for the flare-up condition last: which facts it reads.
    reads: Vec<[bool; FACTS]>,
    cost: u64,
    budget: u64,
    found: Findings,
}

fn reads_of(cond: Option<&FactCond>) -> [bool; FACTS] {
    let mut reads = [false; FACTS];
    if let Some(c) = cond {
        c.visit_leaves(&mut |leaf| reads[leaf.fact as usize] = true);
    }
    reads
}

/// What the rules decide for a partial set of facts, when it is already certain.
enum Decided {
    /// The rule at this position decides (or none does: `None`), and the flare-up is settled.
    Yes(Option<usize>, Truth),
    /// Another fact could still change it.
    Not,
}

impl Search<'_> {
    fn new(kb: &KnowledgeBase) -> Search<'_> {
        let rules = &kb.progression.rules;
        let mut reads: Vec<[bool; FACTS]> =
            rules.iter().map(|r| reads_of(r.when.as_ref())).collect();
        reads.push(reads_of(kb.progression.flare_up.as_ref()));
        let cost = rules
            .iter()
            .filter_map(|r| r.when.as_ref())
            .chain(kb.progression.flare_up.as_ref())
            .map(FactCond::size)
            .sum::<u64>()
            .max(1);
        Search {
            kb,
            domains: domains(kb),
            reads,
            cost,
            budget: BUDGET,
            found: Findings {
                up_from: vec![None; usize::try_from(top_level(kb)).unwrap_or(0)],
                flare_not_down: vec![None; usize::try_from(top_level(kb)).unwrap_or(0)],
                decides: vec![false; rules.len()],
                ..Findings::default()
            },
        }
    }

    /// `Err(())` when the budget ran out.
    fn run(&mut self) -> Result<(), ()> {
        let mut partial: Partial = [None; FACTS];
        self.descend(0, &mut partial)
    }

    fn descend(&mut self, depth: usize, partial: &mut Partial) -> Result<(), ()> {
        self.budget = self.budget.checked_sub(self.cost).ok_or(())?;
        if depth >= KEY {
            if let Decided::Yes(rule, flare) = self.decided(partial) {
                self.record(partial, rule, flare);
                return Ok(());
            }
        }
        let Some(&fact) = ORDER.get(depth) else {
            // Every fact is set, so `decided` settled it; nothing is left to branch on.
            return Ok(());
        };
        for value in values(&self.domains, depth, partial) {
            partial[fact as usize] = Some(value);
            self.descend(depth + 1, partial)?;
        }
        partial[fact as usize] = None;
        Ok(())
    }

    /// Every fact in `reads` is set. `flare_up` is never set in `partial`; it counts as set
    /// because `decided` looks no further while the flare-up is unsettled.
    fn set(partial: &Partial, reads: &[bool; FACTS]) -> bool {
        Fact::ALL
            .iter()
            .all(|&f| f == Fact::FlareUp || !reads[f as usize] || partial[f as usize].is_some())
    }

    /// The deciding rule and the flare-up, when no fact still unset can change them.
    fn decided(&self, partial: &Partial) -> Decided {
        let flare_reads = self.reads[self.reads.len() - 1];
        let flare = self
            .kb
            .progression
            .flare_up
            .as_ref()
            .map_or(Truth::False, |c| c.eval(&|f| partial[f as usize].flatten()));
        // Unknown because of an unknown pain stays unknown; because of an unset fact, it may not.
        let flare_settled = flare != Truth::Unknown || Search::set(partial, &flare_reads);
        if !flare_settled {
            return Decided::Not;
        }
        let value = |f: Fact| match f {
            Fact::FlareUp => match flare {
                Truth::True => Some(1),
                Truth::False => Some(0),
                Truth::Unknown => None,
            },
            other => partial[other as usize].flatten(),
        };
        for (i, rule) in self.kb.progression.rules.iter().enumerate() {
            match rule.when.as_ref().map_or(Truth::True, |w| w.eval(&value)) {
                Truth::False => {}
                Truth::True => return Decided::Yes(Some(i), flare),
                // `known` is never unknown, and only the pain (always set here) takes it, so an
                // unknown with every fact it reads set is final: the rule does not fire.
                Truth::Unknown if Search::set(partial, &self.reads[i]) => {}
                Truth::Unknown => return Decided::Not,
            }
        }
        Decided::Yes(None, flare)
    }

    /// A complete set of facts for `partial`: unset facts take their first value.
    fn example(&self, partial: &Partial) -> Facts {
        let mut full = *partial;
        for (depth, &fact) in ORDER.iter().enumerate() {
            if full[fact as usize].is_none() {
                full[fact as usize] = values(&self.domains, depth, &full).first().copied();
            }
        }
        let number = |f: Fact| full[f as usize].flatten().unwrap_or(0);
        let count = |f: Fact| u32::try_from(number(f)).unwrap_or(u32::MAX);
        Facts {
            level: count(Fact::Level),
            sessions_14d: count(Fact::Sessions14d),
            pain_now: full[Fact::PainNow as usize]
                .flatten()
                .and_then(|p| u8::try_from(p).ok()),
            pain_rise: i32::try_from(number(Fact::PainRise)).unwrap_or(0),
            worse_in_a_row: count(Fact::WorseInARow),
            days_at_level: count(Fact::DaysAtLevel),
            warning_sign: number(Fact::WarningSign) != 0,
            urgency: urgency_of_rank(number(Fact::Urgency)).unwrap_or(Urgency::SelfCare),
        }
    }

    fn record(&mut self, partial: &Partial, rule: Option<usize>, flare: Truth) {
        let facts = self.example(partial);
        // The engine, on the complete example, must agree with the search's shortcut.
        if deciding_rule(self.kb, &facts) != (rule, flare) {
            self.found.disagreement.get_or_insert(facts);
            return;
        }
        let found = &mut self.found;
        let direction = rule
            .and_then(|i| self.kb.progression.rules.get(i))
            .map_or(Move::Stay, |r| r.direction);
        let level = usize::try_from(facts.level).unwrap_or(1).saturating_sub(1);
        let held = facts.warning_sign || facts.urgency > Urgency::Appointment;
        if let Some(i) = rule {
            found.decides[i] = true;
        }
        if flare == Truth::True {
            found.flare.get_or_insert(facts);
            if !held && level >= 1 && direction != Move::Down {
                if let Some(slot) = found.flare_not_down.get_mut(level) {
                    slot.get_or_insert((rule, facts));
                }
            }
        }
        let (Move::Up, Some(i)) = (direction, rule) else {
            return;
        };
        if let Some(slot) = found.up_from.get_mut(level) {
            slot.get_or_insert(facts);
        }
        if held {
            found.up_when_held.get_or_insert((i, facts));
        }
        if flare == Truth::True {
            found.up_in_flare.get_or_insert((i, facts));
        }
        if facts.pain_now.is_none() {
            found.up_unknown_pain.get_or_insert((i, facts));
        }
    }
}

/// The facts as JSON, for a message.
fn shown(facts: &Facts) -> String {
    serde_json::to_string(facts).unwrap_or_default()
}

fn rule_path(i: usize) -> JsonPath {
    JsonPath::default().key("rules").index(i)
}

/// Every promise of progression.json checked; one fault per broken one.
pub(super) fn proof_faults(kb: &KnowledgeBase) -> Vec<LoadFault> {
    let rules = JsonPath::default().key("rules");
    let mut search = Search::new(kb);
    if search.run().is_err() {
        return vec![(
            FILE,
            rules,
            "too many combinations of facts to prove the progression rules; they are not proved, so they are refused (test fewer different thresholds)".to_owned(),
        )];
    }
    let found = search.found;
    if let Some(facts) = found.disagreement {
        return vec![(
            FILE,
            rules,
            format!(
                "the proof of the progression rules and the engine disagree for {} (a bug in backcare); these rules are not proved",
                shown(&facts)
            ),
        )];
    }
    let mut faults = up_faults(kb, &found);
    faults.extend(level_faults(kb, &found));
    faults.extend(coverage_faults(kb, &found));
    faults
}

/// A rule that moves up where it never may: held by a warning sign or urgency, in a flare-up,
/// or with the pain unknown.
fn up_faults(kb: &KnowledgeBase, found: &Findings) -> Vec<LoadFault> {
    let breaches = [
        (
            found.up_when_held,
            "while a warning sign or an urgency above `appointment` holds",
            "keep the level in those cases with an earlier rule (`move: stay`)",
        ),
        (
            found.up_in_flare,
            "in a flare-up",
            "put the flare-up rule (`move: down`) before it",
        ),
        (
            found.up_unknown_pain,
            "while pain_now is unknown",
            "require a pain rating, for example {\"fact\": \"pain_now\", \"at_most\": 4}",
        ),
    ];
    breaches
        .into_iter()
        .filter_map(|(breach, when, fix)| {
            let (i, facts) = breach?;
            Some((
                FILE,
                rule_path(i),
                format!(
                    "progression rule `{}` moves up {when}, for {}; {fix}",
                    kb.progression.rules[i].id,
                    shown(&facts)
                ),
            ))
        })
        .collect()
}

/// The ids of the routines with at least `level` levels, for a message: the first three.
fn routines_with(kb: &KnowledgeBase, level: u32) -> Option<String> {
    let ids: Vec<&str> = (0..kb.routines.len())
        .filter(|&r| levels(kb, r) >= level)
        .map(|r| kb.routines[r].id.as_str())
        .collect();
    if ids.is_empty() {
        return None;
    }
    let mut out = ids
        .iter()
        .take(3)
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > 3 {
        let _ = write!(out, " and {} more", ids.len() - 3);
    }
    Some(out)
}

/// A level no rule leaves upwards (so those above it are never reached), and a level above 1
/// from which a flare-up does not move down.
fn level_faults(kb: &KnowledgeBase, found: &Findings) -> Vec<LoadFault> {
    let mut faults = Vec::new();
    for (l, up) in (1u32..).zip(&found.up_from) {
        let above = routines_with(kb, l + 1);
        if let (None, Some(names)) = (up, above) {
            faults.push((
                FILE,
                JsonPath::default().key("rules"),
                format!(
                    "no rule moves up from level {l}, so level {} of {names} is never reached; loosen an `up` rule or remove the level",
                    l + 1
                ),
            ));
        }
    }
    for (l, breach) in (1u32..).zip(&found.flare_not_down) {
        let Some((rule, facts)) = breach else {
            continue;
        };
        if l < 2 || routines_with(kb, l).is_none() {
            continue;
        }
        let (path, who) = match rule {
            Some(i) => (
                rule_path(*i),
                format!("rule `{}` decides instead", kb.progression.rules[*i].id),
            ),
            None => (
                JsonPath::default().key("rules"),
                "no rule decides".to_owned(),
            ),
        };
        faults.push((
            FILE,
            path,
            format!(
                "from level {l}, a flare-up with no warning sign and no urgency above `appointment` does not move down: {who}, for {}; put the flare-up rule (`move: down`) before it",
                shown(facts)
            ),
        ));
    }
    faults
}

/// A rule that never decides, and a flare-up that never happens.
fn coverage_faults(kb: &KnowledgeBase, found: &Findings) -> Vec<LoadFault> {
    let mut faults: Vec<LoadFault> = found
        .decides
        .iter()
        .enumerate()
        .filter(|(_, decides)| !**decides)
        .map(|(i, _)| {
            (
                FILE,
                rule_path(i),
                format!(
                    "progression rule `{}` never decides: for every set of facts an earlier rule decides first; remove it, or move it up",
                    kb.progression.rules[i].id
                ),
            )
        })
        .collect();
    if found.flare.is_none() {
        faults.push((
            FILE,
            JsonPath::default().key("flare_up"),
            "the flare-up condition can never be true, so no flare-up ever moves anyone down; check its thresholds".to_owned(),
        ));
    }
    faults
}

/// How many classes of facts the proofs cover (before the search cuts branches short).
fn class_count(kb: &KnowledgeBase) -> u64 {
    let domains = domains(kb);
    let size = |d: &Domain| d.intervals.len() as u64 + u64::from(d.unknown);
    let pain = ORDER.iter().position(|f| *f == Fact::PainNow).unwrap_or(0);
    let rise = ORDER.iter().position(|f| *f == Fact::PainRise).unwrap_or(0);
    // The rise's classes depend on the pain: count each pain with its own.
    let mut partial: Partial = [None; FACTS];
    let pain_and_rise: u64 = values(&domains, pain, &partial)
        .into_iter()
        .map(|p| {
            partial[Fact::PainNow as usize] = Some(p);
            values(&domains, rise, &partial).len() as u64
        })
        .sum();
    domains
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != pain && *i != rise)
        .fold(pain_and_rise, |n, (_, d)| n.saturating_mul(size(d)))
}

/// What `rules check` prints about progression for a knowledge base that loaded (so every
/// promise was proved): the name of each check and what it proved.
pub(super) fn proved_lines(kb: &KnowledgeBase) -> Vec<(String, String)> {
    let p = &kb.progression;
    let counts: Vec<u32> = (0..kb.routines.len()).map(|r| levels(kb, r)).collect();
    let (fewest, most) = (
        counts.iter().min().copied().unwrap_or(1),
        counts.iter().max().copied().unwrap_or(1),
    );
    let span = if fewest == most {
        format!("{most} levels each")
    } else {
        format!("{fewest} to {most} levels")
    };
    let flare = p
        .flare_up
        .as_ref()
        .map_or_else(|| "never".to_owned(), FactCond::words);
    let classes = class_count(kb);
    let over = format!("proved over {classes} classes of facts");
    let floors = kb
        .floor
        .routines
        .iter()
        .filter(|f| matches!(f.limit, crate::model::RoutineLimit::Exclude(_)))
        .count();
    vec![
        (
            "progression".to_owned(),
            format!(
                "{} routines with {span}, {} rules, a check-in every {} days; a flare-up is when {flare}",
                kb.routines.len(),
                p.rules.len(),
                p.checkin_every_days
            ),
        ),
        (
            "progression held".to_owned(),
            format!(
                "no rule moves up while warning_sign is yes or urgency is above `appointment` ({over})"
            ),
        ),
        (
            "progression flare-up".to_owned(),
            format!(
                "no rule moves up in a flare-up, and from every level above 1 a flare-up moves down a level unless a warning sign or an urgency above `appointment` holds it ({over})"
            ),
        ),
        (
            "progression unknown pain".to_owned(),
            format!("no rule moves up while pain_now is unknown ({over})"),
        ),
        (
            "progression reachability".to_owned(),
            format!(
                "every level of every routine is reached from level 1, a flare-up can happen, and every one of the {} rules decides for some facts ({over})",
                p.rules.len()
            ),
        ),
        (
            "progression floors".to_owned(),
            format!(
                "the {floors} routine floors that exclude tags hold at every level: their proofs cover each level's added moves, which go through the same leave-out rules"
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::testing::{Mini, PROGRESSION, progression_flare, progression_rules};

    fn refused_with_rules(rules: &str) -> String {
        Mini::new()
            .with(PROGRESSION, &progression_rules(rules))
            .refused()
    }

    const HELD: &str = r#"{"id": "held", "when": {"any": [{"fact": "warning_sign", "is": true}, {"fact": "urgency", "at_least": "soon"}]}, "move": "stay", "reason": "r", "source": "s"}"#;
    const FLARE: &str = r#"{"id": "flare", "when": {"fact": "flare_up", "is": true}, "move": "down", "reason": "r", "source": "s"}"#;
    const WELL: &str = r#"{"id": "well", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"fact": "pain_now", "at_most": 4}, {"fact": "days_at_level", "at_least": 7}]}, "move": "up", "reason": "r", "source": "s"}"#;
    const OTHERWISE: &str = r#"{"id": "otherwise", "move": "stay", "reason": "r", "source": "s"}"#;

    #[test]
    fn mini_proves_and_says_so() {
        let kb = Mini::new().load().unwrap_or_else(|f| panic!("{f}"));
        assert!(proof_faults(&kb).is_empty());
        let lines = proved_lines(&kb);
        assert_eq!(
            lines[0].1,
            "1 routines with 2 levels each, 4 rules, a check-in every 7 days; a flare-up is when (pain_rise is at least 2 or worse_in_a_row is at least 2)"
        );
        assert!(
            lines[1]
                .1
                .starts_with("no rule moves up while warning_sign is yes"),
            "{lines:?}"
        );
    }

    #[test]
    fn moving_up_on_a_warning_sign_is_refused() {
        let text = refused_with_rules(&format!("[{FLARE}, {WELL}, {HELD}, {OTHERWISE}]"));
        assert!(
            text.contains("at rules[1]: progression rule `well` moves up while a warning sign or an urgency above `appointment` holds, for {\"level\":1,\"sessions_14d\":6,\"pain_now\":0,"),
            "{text}"
        );
        // `held`, now after `well`, still decides for some facts (a warning sign with few
        // sessions), so only the breach is reported.
        assert!(!text.contains("`held` never decides"), "{text}");
    }

    #[test]
    fn moving_up_in_a_flare_up_is_refused() {
        let up_in_flare = r#"{"id": "well", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"fact": "pain_now", "at_most": 4}]}, "move": "up", "reason": "r", "source": "s"}"#;
        let text = refused_with_rules(&format!("[{HELD}, {up_in_flare}, {FLARE}, {OTHERWISE}]"));
        assert!(
            text.contains("at rules[1]: progression rule `well` moves up in a flare-up, for {"),
            "{text}"
        );
        assert!(
            text.contains("from level 2, a flare-up with no warning sign and no urgency above `appointment` does not move down: rule `well` decides instead, for {"),
            "{text}"
        );
    }

    #[test]
    fn moving_up_with_no_pain_rating_is_refused() {
        let no_pain = r#"{"id": "well", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"not": {"fact": "pain_now", "at_least": 5}}]}, "move": "up", "reason": "r", "source": "s"}"#;
        // Kleene logic already keeps this one from firing without a rating...
        assert!(
            Mini::new()
                .with(
                    PROGRESSION,
                    &progression_rules(&format!("[{HELD}, {FLARE}, {no_pain}, {OTHERWISE}]"))
                )
                .load()
                .is_ok()
        );
        // ... but `known: false` says so on purpose, and is refused.
        let unknown = r#"{"id": "unrated", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"fact": "pain_now", "known": false}]}, "move": "up", "reason": "r", "source": "s"}"#;
        let text = refused_with_rules(&format!(
            "[{HELD}, {FLARE}, {WELL}, {unknown}, {OTHERWISE}]"
        ));
        assert!(
            text.contains("at rules[3]: progression rule `unrated` moves up while pain_now is unknown, for {\"level\":1,\"sessions_14d\":6,\"pain_now\":null,"),
            "{text}"
        );
    }

    #[test]
    fn a_level_never_reached_and_a_flare_up_that_stays_are_refused() {
        let never = r#"{"id": "well", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"fact": "pain_now", "at_most": 4}, {"fact": "level", "at_least": 2}]}, "move": "up", "reason": "r", "source": "s"}"#;
        let text = refused_with_rules(&format!("[{HELD}, {FLARE}, {never}, {OTHERWISE}]"));
        assert!(
            text.contains(
                "at rules: no rule moves up from level 1, so level 2 of `r` is never reached"
            ),
            "{text}"
        );
        let stays = FLARE.replace("\"down\"", "\"stay\"");
        let text = refused_with_rules(&format!("[{HELD}, {stays}, {WELL}, {OTHERWISE}]"));
        assert!(
            text.contains("at rules[1]: from level 2, a flare-up with no warning sign and no urgency above `appointment` does not move down: rule `flare` decides instead, for {\"level\":2,"),
            "{text}"
        );
    }

    #[test]
    fn a_rule_that_never_decides_and_an_impossible_flare_up_are_refused() {
        let shadowed = WELL.replace("\"well\"", "\"again\"");
        let text = refused_with_rules(&format!(
            "[{HELD}, {FLARE}, {WELL}, {shadowed}, {OTHERWISE}]"
        ));
        assert!(
            text.contains("at rules[3]: progression rule `again` never decides: for every set of facts an earlier rule decides first"),
            "{text}"
        );
        let text = Mini::new()
            .with(
                PROGRESSION,
                &progression_flare(r#"{"all": [{"fact": "pain_rise", "at_least": 2}, {"fact": "pain_now", "at_most": 1}]}"#),
            )
            .refused();
        assert!(
            text.contains("at flare_up: the flare-up condition can never be true"),
            "{text}"
        );
    }

    #[test]
    fn thousands_of_thresholds_are_too_many_not_ok() {
        let many: Vec<String> = (0..400)
            .map(|i| {
                format!(r#"{{"id": "r{i}", "when": {{"all": [{{"fact": "sessions_14d", "is": {i}}}, {{"fact": "days_at_level", "is": {i}}}, {{"fact": "worse_in_a_row", "is": {i}}}]}}, "move": "stay", "reason": "r", "source": "s"}}"#)
            })
            .collect();
        let text = refused_with_rules(&format!(
            "[{HELD}, {FLARE}, {}, {WELL}, {OTHERWISE}]",
            many.join(", ")
        ));
        assert!(
            text.contains("at most 256 rules") || text.contains("too many combinations of facts"),
            "{text}"
        );
        let many: Vec<String> = (0..200)
            .map(|i| {
                format!(r#"{{"id": "r{i}", "when": {{"all": [{{"fact": "sessions_14d", "is": {i}}}, {{"fact": "days_at_level", "is": {i}}}, {{"fact": "worse_in_a_row", "is": {i}}}]}}, "move": "stay", "reason": "r", "source": "s"}}"#)
            })
            .collect();
        let text = refused_with_rules(&format!(
            "[{HELD}, {FLARE}, {}, {WELL}, {OTHERWISE}]",
            many.join(", ")
        ));
        assert!(
            text.contains("too many combinations of facts to prove the progression rules"),
            "{text}"
        );
    }

    /// Mini with routine `r` of one step, `stand`, whose level 2 adds `flat` (tagged
    /// `lying_on_back`, which the floor `x_not_flat` keeps out when `limits` includes `x`).
    fn flat_added(stretches: &str) -> Mini {
        Mini::new()
            .with(crate::knowledge::testing::STRETCHES, stretches)
            .with(
                crate::knowledge::testing::ROUTINES,
                crate::knowledge::testing::ONE_STEP_ROUTINE,
            )
            .with(
                PROGRESSION,
                &crate::knowledge::testing::progression_with(
                    r#"[{"routine": "r", "levels": [{"summary": "s", "add": [{"stretch": "flat"}]}]}]"#,
                ),
            )
    }

    #[test]
    fn a_move_a_level_adds_obeys_the_floor_through_its_leave_outs() {
        let stretches = r#"{"version": 1, "stretches": [
            {"id": "flat", "name": "n", "targets": "t", "position": "p", "family": "hip", "tags": ["lying_on_back"], "steps": ["s"],
             "dose": {"hold_seconds": 30}, "intensity": 5, "leave_out": [{"when": {"question": "limits", "contains": "x"}, "because": "b"}]},
            {"id": "stand", "name": "n", "targets": "t", "position": "p", "family": "hip", "tags": ["standing"], "steps": ["s"],
             "dose": {"hold_seconds": 30}, "intensity": 5}]}"#;
        // With its leave-out, `flat` is never shown to someone who ticked `x`: the floor holds.
        assert!(flat_added(stretches).load().is_ok());
        // Without it, only level 2 breaks the floor (level 1 is `stand` alone), and the proof
        // says so with an example.
        let unguarded = stretches.replace(
            r#", "leave_out": [{"when": {"question": "limits", "contains": "x"}, "because": "b"}]"#,
            "",
        );
        let text = flat_added(&unguarded).refused();
        assert!(
            text.contains("safety floor `x_not_flat` broken: the routine `r` at level 2 includes `flat` (tagged `lying_on_back`) for {\"a\":false,\"b\":false,\"limits\":[\"x\"]}, whatever the other answers"),
            "{text}"
        );
    }

    /// What the search found, as yes/no per promise, for comparing with brute force.
    type Summary = (bool, bool, bool, Vec<bool>, Vec<bool>, Vec<bool>, bool);

    fn searched(kb: &KnowledgeBase) -> Summary {
        let mut search = Search::new(kb);
        assert!(search.run().is_ok());
        let f = search.found;
        assert!(f.disagreement.is_none());
        (
            f.up_when_held.is_some(),
            f.up_in_flare.is_some(),
            f.up_unknown_pain.is_some(),
            f.up_from.iter().map(Option::is_some).collect(),
            f.flare_not_down.iter().map(Option::is_some).collect(),
            f.decides,
            f.flare.is_some(),
        )
    }

    /// The same, by running the engine on every complete set of facts, no branch cut short.
    fn brute_force(kb: &KnowledgeBase) -> Summary {
        fn all(domains: &[Domain], depth: usize, partial: &mut Partial, out: &mut Vec<Partial>) {
            let Some(&fact) = ORDER.get(depth) else {
                out.push(*partial);
                return;
            };
            for value in values(domains, depth, partial) {
                partial[fact as usize] = Some(value);
                all(domains, depth + 1, partial, out);
            }
            partial[fact as usize] = None;
        }
        let search = Search::new(kb);
        let mut every = Vec::new();
        all(&search.domains, 0, &mut [None; FACTS], &mut every);
        let top = usize::try_from(top_level(kb)).unwrap_or(0);
        let mut s: Summary = (
            false,
            false,
            false,
            vec![false; top],
            vec![false; top],
            vec![false; kb.progression.rules.len()],
            false,
        );
        for partial in &every {
            let facts = search.example(partial);
            let (rule, flare) = deciding_rule(kb, &facts);
            let direction = rule.map_or(Move::Stay, |i| kb.progression.rules[i].direction);
            let level = usize::try_from(facts.level).unwrap_or(1) - 1;
            let held = facts.warning_sign || facts.urgency > Urgency::Appointment;
            let flare = flare == Truth::True;
            if let Some(i) = rule {
                s.5[i] = true;
            }
            s.6 |= flare;
            if flare && !held && level >= 1 && direction != Move::Down {
                s.4[level] = true;
            }
            if direction == Move::Up && rule.is_some() {
                s.0 |= held;
                s.1 |= flare;
                s.2 |= facts.pain_now.is_none();
                s.3[level] = true;
            }
        }
        s
    }

    #[test]
    fn the_search_finds_what_brute_force_finds() {
        let with = |rules: String| {
            Mini::new()
                .with(PROGRESSION, &progression_rules(&rules))
                .files()
        };
        let up_in_flare = r#"{"id": "well", "when": {"all": [{"fact": "sessions_14d", "at_least": 6}, {"fact": "pain_now", "at_most": 4}]}, "move": "up", "reason": "r", "source": "s"}"#;
        let unknown = r#"{"id": "unrated", "when": {"not": {"fact": "pain_now", "known": true}}, "move": "up", "reason": "r", "source": "s"}"#;
        let odd = r#"{"id": "odd", "when": {"any": [{"not": {"fact": "pain_now", "at_most": 3}}, {"fact": "level", "is": 2}, {"fact": "urgency", "is": "appointment"}]}, "move": "down", "reason": "r", "source": "s"}"#;
        let variants = [
            crate::knowledge::source::RuleFiles::embedded(),
            Mini::new().files(),
            with(format!("[{FLARE}, {WELL}, {HELD}, {OTHERWISE}]")),
            with(format!("[{HELD}, {up_in_flare}, {FLARE}, {OTHERWISE}]")),
            with(format!(
                "[{unknown}, {odd}, {HELD}, {FLARE}, {WELL}, {OTHERWISE}]"
            )),
            with(format!("[{odd}, {WELL}, {OTHERWISE}]")),
        ];
        for files in variants {
            // Compiled without the proofs, so that rules that break them can be compared too.
            let kb = crate::knowledge::compile::compile_unproved(&files)
                .unwrap_or_else(|f| panic!("{f}"));
            assert_eq!(searched(&kb), brute_force(&kb), "{}", files.files[8].text);
        }
    }

    #[test]
    fn classes_split_at_the_thresholds() {
        let tests = [FactTest::AtLeast(6), FactTest::AtMost(3), FactTest::Is(10)];
        assert_eq!(
            classes(Fact::Sessions14d, &tests, (0, 100)),
            [(0, 3), (4, 5), (6, 9), (10, 10), (11, 100)]
        );
        assert_eq!(classes(Fact::Sessions14d, &[], (0, 9)), [(0, 9)]);
        // Thresholds at or past the ends cut nothing.
        assert_eq!(
            classes(
                Fact::DaysAtLevel,
                &[FactTest::AtLeast(0), FactTest::AtMost(9)],
                (0, 9)
            ),
            [(0, 9)]
        );
        assert_eq!(classes(Fact::Level, &[], (1, 3)), [(1, 1), (2, 2), (3, 3)]);
    }
}
