//! Every place in the rules where a condition is written, enumerated once.
//!
//! Checks that must cover "every condition" (reachability at load, the count `rules check`
//! prints, the questions triage reads) walk [`KnowledgeBase::condition_sites`], so the set that
//! is checked and the number that is printed cannot drift apart.

use super::condition::Cond;
use super::kb::KnowledgeBase;

/// One of the rule files, in the order they are read and reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleFileKind {
    /// `questions.json`.
    Questions,
    /// `conditions.json`: the named conditions.
    Conditions,
    /// `triage.json`.
    Triage,
    /// `stretches.json`.
    Stretches,
    /// `routines.json`, with the withhold rules.
    Routines,
    /// `advice.json`: levels, tips and the safety net.
    Advice,
    /// `safety-floor.json`: the clinician's floors, proved on every load.
    SafetyFloor,
    /// `poses.json`: the stick figures of the stretches.
    Poses,
    /// `progression.json`: the levels of each routine and the rules that move between them.
    Progression,
}

impl RuleFileKind {
    /// Every rule file, in the order they are read and reported.
    pub const ALL: [RuleFileKind; 9] = [
        RuleFileKind::Questions,
        RuleFileKind::Conditions,
        RuleFileKind::Triage,
        RuleFileKind::Stretches,
        RuleFileKind::Routines,
        RuleFileKind::Advice,
        RuleFileKind::SafetyFloor,
        RuleFileKind::Poses,
        RuleFileKind::Progression,
    ];

    /// Position in [`RuleFileKind::ALL`], and so in `RuleFiles::files`.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Where a condition sits, by position in the knowledge base's lists (which follow file order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `conditions[i].when`
    Named(usize),
    /// `questions[i].ask_when`
    AskWhen(usize),
    /// `rules[i].when` in triage.json
    Triage(usize),
    /// `stretches[i].leave_out[j].when`
    LeaveOut(usize, usize),
    /// `routines[i].select[j].when`
    Select(usize, usize),
    /// `withhold[i].when` in routines.json
    Withhold(usize),
    /// `tips[i].when`
    Tip(usize),
    /// `safety_net[i].when`
    SafetyNet(usize),
}

impl Place {
    /// The rule file the condition is written in.
    pub fn file(self) -> RuleFileKind {
        match self {
            Place::Named(_) => RuleFileKind::Conditions,
            Place::AskWhen(_) => RuleFileKind::Questions,
            Place::Triage(_) => RuleFileKind::Triage,
            Place::LeaveOut(..) => RuleFileKind::Stretches,
            Place::Select(..) | Place::Withhold(_) => RuleFileKind::Routines,
            Place::Tip(_) | Place::SafetyNet(_) => RuleFileKind::Advice,
        }
    }
}

/// A condition and where it was written.
#[derive(Debug, Clone, Copy)]
pub struct Site<'kb> {
    /// Where it is written.
    pub place: Place,
    /// The condition itself.
    pub cond: &'kb Cond,
}

impl Site<'_> {
    /// What the condition belongs to, for messages: "triage rule `x`", "the `ask_when` of `q`".
    pub fn label(&self, kb: &KnowledgeBase) -> String {
        match self.place {
            Place::Named(i) => format!("named condition `{}`", kb.named[i].id),
            Place::AskWhen(i) => format!("the ask_when of `{}`", kb.questions[i].id),
            Place::Triage(i) => format!("triage rule `{}`", kb.triage[i].id),
            Place::LeaveOut(i, _) => format!("a leave-out rule of `{}`", kb.stretches[i].id),
            Place::Select(i, _) => format!("a selection rule of `{}`", kb.routines[i].id),
            Place::Withhold(i) => format!("withhold rule `{}`", kb.withhold[i].id),
            Place::Tip(i) => format!("advice line `{}`", kb.tips[i].id),
            Place::SafetyNet(i) => format!("advice line `{}`", kb.safety_net[i].id),
        }
    }
}

impl KnowledgeBase {
    /// Every condition in the knowledge base, in file order: named conditions, ask-whens, triage
    /// rules, leave-out rules, selection rules, withhold rules, tips, safety-net lines.
    pub fn condition_sites(&self) -> impl Iterator<Item = Site<'_>> + '_ {
        let site = |place, cond| Site { place, cond };
        let named = self
            .named
            .iter()
            .enumerate()
            .map(move |(i, n)| site(Place::Named(i), &n.when));
        let ask_when = self
            .questions
            .iter()
            .enumerate()
            .filter_map(move |(i, q)| q.ask_when.as_ref().map(|c| site(Place::AskWhen(i), c)));
        let triage = self
            .triage
            .iter()
            .enumerate()
            .map(move |(i, r)| site(Place::Triage(i), &r.when));
        let leave_out = self.stretches.iter().enumerate().flat_map(move |(i, s)| {
            s.leave_out
                .iter()
                .enumerate()
                .map(move |(j, l)| site(Place::LeaveOut(i, j), &l.when))
        });
        let select = self.routines.iter().enumerate().flat_map(move |(i, r)| {
            r.select
                .iter()
                .enumerate()
                .filter_map(move |(j, s)| s.when.as_ref().map(|c| site(Place::Select(i, j), c)))
        });
        let withhold = self
            .withhold
            .iter()
            .enumerate()
            .map(move |(i, w)| site(Place::Withhold(i), &w.when));
        let tips = self
            .tips
            .iter()
            .enumerate()
            .filter_map(move |(i, l)| l.when.as_ref().map(|c| site(Place::Tip(i), c)));
        let safety_net = self
            .safety_net
            .iter()
            .enumerate()
            .filter_map(move |(i, l)| l.when.as_ref().map(|c| site(Place::SafetyNet(i), c)));
        named
            .chain(ask_when)
            .chain(triage)
            .chain(leave_out)
            .chain(select)
            .chain(withhold)
            .chain(tips)
            .chain(safety_net)
    }
}
