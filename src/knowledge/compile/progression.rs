//! progression.json: how often to check in, what a flare-up is and what to do in one, the levels
//! of every routine, and the rules that move a person between them.
//!
//! The checks here are about the file's shape and sense: every routine has levels that step up
//! from one to the next, added moves exist and are new to the routine, doses stay within the
//! limits of stretches.json, and the rules end with one that matches every check-in. What the
//! rules do (never up on a warning sign, every level reachable...) is proved once the knowledge
//! base is assembled, by `knowledge::progression_proof`.

use super::fact_conditions::RawFactCondition;
use super::routines::MAX_STEPS;
use super::{Compiler, ids};
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::RawStep;
use crate::model::{
    Dose, FactCond, FlarePlan, JournalQuestions, MAX_LEVELS, MAX_RULES, Measure, Move,
    ProgressionRule, ProgressionRules, QuestionKind, Routine, RoutineLevel, RuleFileKind, Step,
    Stretch,
};
use crate::suggest::unknown_id;
use serde::Deserialize;
use std::collections::HashMap;

const FILE: RuleFileKind = RuleFileKind::Progression;

/// Longest time between check-ins: past a season the journal no longer follows the back.
const MAX_CHECKIN_DAYS: u32 = 90;
/// The limits of a dose in stretches.json and routines.json (`Compiler::dose`): a level may not
/// take a step past them, so every length the report computes stays as small as it does there.
const MAX_AMOUNT: u32 = 600;
const MAX_ROUNDS: u32 = 20;

/// `progression.json` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgressionFile {
    pub(crate) version: u32,
    checkin_every_days: u32,
    level_1_summary: String,
    flare_up: RawFactCondition,
    flare_up_plan: RawFlarePlan,
    levels: Vec<RawRoutineLevels>,
    rules: Vec<RawProgressionRule>,
    /// Optional: without it a check-in has no pain rating or trend to read (so nothing moves
    /// up, as unknown pain never does) and asks how long and age again rather than working
    /// them out.
    #[serde(default)]
    journal: RawJournal,
}

/// `journal`: the questions a check-in reads or works out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJournal {
    pain: Option<String>,
    trend: Option<RawTrend>,
    duration: Option<RawDuration>,
    age: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrend {
    question: String,
    worse: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDuration {
    question: String,
    /// Choice id to the fewest weeks it means.
    weeks: HashMap<String, u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlarePlan {
    #[serde(rename = "do")]
    what_to_do: Vec<String>,
    get_help: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoutineLevels {
    routine: String,
    levels: Vec<RawLevel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    summary: String,
    #[serde(default)]
    hold_seconds_add: u32,
    #[serde(default)]
    reps_add: u32,
    #[serde(default)]
    rounds_add: u32,
    #[serde(default)]
    add: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgressionRule {
    id: String,
    #[serde(default)]
    when: Option<RawFactCondition>,
    #[serde(rename = "move")]
    direction: Move,
    reason: String,
    source: String,
}

impl Compiler<'_> {
    /// Checks and compiles progression.json against the routines and stretches already
    /// compiled.
    pub(super) fn progression(
        &mut self,
        raw: &ProgressionFile,
        routines: &[Routine],
        stretches: &[Stretch],
    ) -> ProgressionRules {
        let root = JsonPath::default();
        if !(1..=MAX_CHECKIN_DAYS).contains(&raw.checkin_every_days) {
            self.fault(
                FILE,
                &root.key("checkin_every_days"),
                format!(
                    "{} days is outside 1 to {MAX_CHECKIN_DAYS}",
                    raw.checkin_every_days
                ),
            );
        }
        self.require_text(FILE, &root.key("level_1_summary"), &raw.level_1_summary);
        let flare_up = self.flare_up(&raw.flare_up);
        let flare_up_plan = self.flare_plan(&raw.flare_up_plan);
        let levels = self.routine_levels(&raw.levels, routines, stretches);
        let rules = self.progression_rules(&raw.rules);
        let journal = self.journal_questions(&raw.journal);
        ProgressionRules {
            journal,
            checkin_every_days: raw.checkin_every_days,
            level_1_summary: raw.level_1_summary.clone(),
            flare_up,
            flare_up_plan,
            levels,
            rules,
        }
    }

    /// The questions named in `journal`: each must exist and be of the kind the journal reads.
    fn journal_questions(&mut self, raw: &RawJournal) -> JournalQuestions {
        let path = JsonPath::default().key("journal");
        let pain = raw
            .pain
            .as_deref()
            .and_then(|id| self.journal_number(&path.key("pain"), id, "pain now, 0 to 10"));
        let age = raw
            .age
            .as_deref()
            .and_then(|id| self.journal_number(&path.key("age"), id, "age in years"));
        let trend = raw
            .trend
            .as_ref()
            .and_then(|t| self.journal_trend(&path, t));
        let duration = raw
            .duration
            .as_ref()
            .and_then(|d| self.journal_duration(&path, d));
        JournalQuestions {
            pain,
            trend,
            duration,
            age,
        }
    }

    /// The trend question and the position of its "worse" choice.
    fn journal_trend(&mut self, path: &JsonPath, raw: &RawTrend) -> Option<(usize, u8)> {
        let (q, choices) =
            self.journal_choices(&path.key("trend").key("question"), &raw.question)?;
        let worse = choices.iter().position(|c| *c == raw.worse);
        if worse.is_none() {
            let message = unknown_id("choice", &raw.worse, choices.iter().map(String::as_str));
            self.fault(FILE, &path.key("trend").key("worse"), message);
        }
        Some((q, u8::try_from(worse?).ok()?))
    }

    /// The duration question with the fewest weeks of each choice, in the question's order.
    fn journal_duration(
        &mut self,
        path: &JsonPath,
        raw: &RawDuration,
    ) -> Option<(usize, Vec<u32>)> {
        let weeks_path = path.key("duration").key("weeks");
        let (q, choices) =
            self.journal_choices(&path.key("duration").key("question"), &raw.question)?;
        let mut bands = Vec::with_capacity(choices.len());
        for choice in &choices {
            let Some(&weeks) = raw.weeks.get(choice) else {
                self.fault(
                    FILE,
                    &weeks_path,
                    format!(
                        "choice `{choice}` has no number of weeks; give the fewest weeks it means"
                    ),
                );
                return None;
            };
            bands.push(weeks);
        }
        if let Some(extra) = raw.weeks.keys().find(|k| !choices.contains(k)) {
            let message = unknown_id("choice", extra, choices.iter().map(String::as_str));
            self.fault(FILE, &weeks_path.key(extra), message);
            return None;
        }
        if bands.first() != Some(&0) || bands.windows(2).any(|w| w[0] >= w[1]) {
            self.fault(
                FILE,
                &weeks_path,
                "the weeks must start at 0 and rise from one choice to the next, in the question's order",
            );
            return None;
        }
        Some((q, bands))
    }

    /// A number question named at `path`.
    fn journal_number(&mut self, path: &JsonPath, id: &str, what: &str) -> Option<usize> {
        let q = self.journal_question(path, id)?;
        if matches!(self.questions[q].kind, QuestionKind::Number { .. }) {
            Some(q)
        } else {
            self.fault(
                FILE,
                path,
                format!("question `{id}` is not a number question; name the question for {what}"),
            );
            None
        }
    }

    /// A single-choice question named at `path`, with its choice ids.
    fn journal_choices(&mut self, path: &JsonPath, id: &str) -> Option<(usize, Vec<String>)> {
        let q = self.journal_question(path, id)?;
        if let QuestionKind::Single(choices) = &self.questions[q].kind {
            Some((q, choices.iter().map(|c| c.id.clone()).collect()))
        } else {
            self.fault(
                FILE,
                path,
                format!("question `{id}` is not a single-choice question"),
            );
            None
        }
    }

    fn journal_question(&mut self, path: &JsonPath, id: &str) -> Option<usize> {
        let found = self.question_index.get(id).copied();
        if found.is_none() {
            let message = unknown_id("question", id, ids(&self.question_index));
            self.fault(FILE, path, message);
        }
        found
    }

    /// The flare-up condition, which the rules read as the fact `flare_up`, so it may not read
    /// that fact itself.
    fn flare_up(&mut self, raw: &RawFactCondition) -> Option<FactCond> {
        let path = JsonPath::default().key("flare_up");
        let cond = self.fact_condition(&path, raw)?;
        if cond.reads(crate::model::Fact::FlareUp) {
            self.fault(
                FILE,
                &path,
                "the flare-up condition defines `flare_up`, so it cannot read `flare_up` itself; test pain_rise, worse_in_a_row or other facts",
            );
            return None;
        }
        Some(cond)
    }

    /// What to do in a flare-up and when to get help: at least one sentence of each.
    fn flare_plan(&mut self, raw: &RawFlarePlan) -> FlarePlan {
        let path = JsonPath::default().key("flare_up_plan");
        for (key, lines) in [("do", &raw.what_to_do), ("get_help", &raw.get_help)] {
            if lines.is_empty() {
                self.fault(
                    FILE,
                    &path.key(key),
                    format!("`{key}` needs at least one sentence"),
                );
            }
            for (i, line) in lines.iter().enumerate() {
                self.require_text(FILE, &path.key(key).index(i), line);
            }
        }
        FlarePlan {
            what_to_do: raw.what_to_do.clone(),
            get_help: raw.get_help.clone(),
        }
    }

    /// Every routine's levels, in routine order; every routine needs an entry.
    fn routine_levels(
        &mut self,
        raw: &[RawRoutineLevels],
        routines: &[Routine],
        stretches: &[Stretch],
    ) -> Vec<Vec<RoutineLevel>> {
        let list = JsonPath::default().key("levels");
        let mut levels = vec![Vec::new(); routines.len()];
        let mut entry_of: Vec<Option<usize>> = vec![None; routines.len()];
        for (i, entry) in raw.iter().enumerate() {
            let path = list.index(i);
            let Some(r) = self
                .routine_index
                .get(&entry.routine)
                .copied()
                .filter(|&r| r < routines.len())
            else {
                let message = unknown_id("routine", &entry.routine, ids(&self.routine_index));
                self.fault(FILE, &path.key("routine"), message);
                continue;
            };
            if let Some(first) = entry_of[r] {
                self.fault(
                    FILE,
                    &path.key("routine"),
                    format!(
                        "routine `{}` already has its levels at levels[{first}]; write them in one entry",
                        entry.routine
                    ),
                );
                continue;
            }
            entry_of[r] = Some(i);
            levels[r] = self.levels_of(&path.key("levels"), &routines[r], &entry.levels, stretches);
        }
        for (r, routine) in routines.iter().enumerate() {
            if entry_of[r].is_none() {
                self.fault(
                    FILE,
                    &list,
                    format!(
                        "routine `{}` has no levels; add {{\"routine\": \"{}\", \"levels\": [...]}} with at least level 2",
                        routine.id, routine.id
                    ),
                );
            }
        }
        levels
    }

    /// Levels 2, 3, ... of one routine, each checked on its own and against the one below.
    fn levels_of(
        &mut self,
        path: &JsonPath,
        routine: &Routine,
        raw: &[RawLevel],
        stretches: &[Stretch],
    ) -> Vec<RoutineLevel> {
        if raw.is_empty() {
            self.fault(
                FILE,
                path,
                format!(
                    "routine `{}` needs at least level 2, or it can never step up",
                    routine.id
                ),
            );
        }
        let most = usize::try_from(MAX_LEVELS - 1).unwrap_or(usize::MAX);
        if raw.len() > most {
            self.fault(
                FILE,
                path,
                format!(
                    "at most {MAX_LEVELS} levels in all: level 1, the routine as written, and {most} more"
                ),
            );
            return Vec::new();
        }
        let mut out: Vec<RoutineLevel> = Vec::new();
        for (j, l) in raw.iter().enumerate() {
            let here = path.index(j);
            self.require_text(FILE, &here.key("summary"), &l.summary);
            let add = self.added_moves(&here, routine, &l.add, stretches);
            let level = RoutineLevel {
                summary: l.summary.clone(),
                hold_seconds_add: l.hold_seconds_add,
                reps_add: l.reps_add,
                rounds_add: l.rounds_add,
                add,
            };
            self.level_doses(&here, routine, &level, stretches);
            self.steps_up(&here, j + 2, out.last(), &level);
            out.push(level);
        }
        out
    }

    /// A level's added moves: known stretches, new to the routine, each once, at a valid dose.
    fn added_moves(
        &mut self,
        path: &JsonPath,
        routine: &Routine,
        raw: &[RawStep],
        stretches: &[Stretch],
    ) -> Vec<Step> {
        let mut add: Vec<Step> = Vec::new();
        for (k, a) in raw.iter().enumerate() {
            let here = path.key("add").index(k);
            let Some(stretch) = self
                .stretch_index
                .get(&a.stretch)
                .copied()
                .filter(|&s| s < stretches.len())
            else {
                let message = unknown_id("stretch", &a.stretch, ids(&self.stretch_index));
                self.fault(FILE, &here.key("stretch"), message);
                continue;
            };
            if routine.steps.iter().any(|s| s.stretch == stretch) {
                self.fault(
                    FILE,
                    &here.key("stretch"),
                    format!(
                        "`{}` is already a step of `{}`; raise its dose with hold_seconds_add, reps_add or rounds_add instead",
                        a.stretch, routine.id
                    ),
                );
                continue;
            }
            if add.iter().any(|s| s.stretch == stretch) {
                self.fault(
                    FILE,
                    &here.key("stretch"),
                    format!("`{}` is added twice at this level", a.stretch),
                );
                continue;
            }
            let dose = match &a.dose {
                Some(d) => self.dose(FILE, &here.key("dose"), d),
                None => stretches[stretch].dose,
            };
            add.push(Step { stretch, dose });
        }
        if routine.steps.len() + add.len() > MAX_STEPS {
            self.fault(
                FILE,
                &path.key("add"),
                format!(
                    "a routine has at most {MAX_STEPS} steps at any level (`{}` has {} and this level adds {})",
                    routine.id,
                    routine.steps.len(),
                    add.len()
                ),
            );
        }
        add
    }

    /// Every dose the level changes stays within the limits of a dose, and each change applies
    /// to some step (a change that reaches no step would promise the person more than it gives).
    fn level_doses(
        &mut self,
        path: &JsonPath,
        routine: &Routine,
        level: &RoutineLevel,
        stretches: &[Stretch],
    ) {
        // The doses a routine step can be done at: its own, and an alternative's own dose where
        // the alternative is measured another way (otherwise it keeps the step's dose).
        let mut doses: Vec<(usize, Dose)> = Vec::new();
        for step in &routine.steps {
            doses.push((step.stretch, step.dose));
            for leave in &stretches[step.stretch].leave_out {
                if let Some(alt) = leave.instead.filter(|&a| a < stretches.len()) {
                    let own = stretches[alt].dose;
                    if std::mem::discriminant(&own.measure)
                        != std::mem::discriminant(&step.dose.measure)
                    {
                        doses.push((alt, own));
                    }
                }
            }
        }
        let holds = doses
            .iter()
            .any(|(_, d)| matches!(d.measure, Measure::HoldSeconds(_)));
        let reps = doses
            .iter()
            .any(|(_, d)| matches!(d.measure, Measure::Reps(_)));
        for (key, amount, applies, what) in [
            (
                "hold_seconds_add",
                level.hold_seconds_add,
                holds,
                "is a timed hold",
            ),
            ("reps_add", level.reps_add, reps, "counts repetitions"),
        ] {
            if amount > 0 && !applies {
                self.fault(
                    FILE,
                    &path.key(key),
                    format!(
                        "`{key}` changes nothing: no step of `{}` {what}",
                        routine.id
                    ),
                );
            }
        }
        let name = |s: usize| stretches[s].id.as_str();
        let over_amount = doses.iter().find_map(|&(s, d)| {
            let (key, amount) = match level.apply(d).measure {
                Measure::HoldSeconds(n) => ("hold_seconds_add", n),
                Measure::Reps(n) => ("reps_add", n),
                Measure::Breaths(_) => return None,
            };
            (amount > MAX_AMOUNT).then(|| {
                (
                    key,
                    format!(
                        "makes `{}` {amount}, over the limit of {MAX_AMOUNT}; lower it",
                        name(s)
                    ),
                )
            })
        });
        if let Some((key, message)) = over_amount {
            self.fault(FILE, &path.key(key), message);
        }
        let over_rounds = doses.iter().find_map(|&(s, d)| {
            let rounds = level.apply(d).rounds;
            (rounds > MAX_ROUNDS).then(|| {
                format!(
                    "makes `{}` {rounds} rounds, over the limit of {MAX_ROUNDS}; lower it",
                    name(s)
                )
            })
        });
        if let Some(message) = over_rounds {
            self.fault(FILE, &path.key("rounds_add"), message);
        }
    }

    /// Level `number` asks at least what the level below asks, and more: otherwise stepping up
    /// would change nothing, or even ease off.
    fn steps_up(
        &mut self,
        path: &JsonPath,
        number: usize,
        below: Option<&RoutineLevel>,
        level: &RoutineLevel,
    ) {
        let Some(below) = below else {
            let changes = level.hold_seconds_add > 0
                || level.reps_add > 0
                || level.rounds_add > 0
                || !level.add.is_empty();
            if !changes {
                self.fault(
                    FILE,
                    path,
                    "level 2 is the routine as written; raise a dose (hold_seconds_add, reps_add, rounds_add) or add a move",
                );
            }
            return;
        };
        let previous = number - 1;
        for (key, now, before) in [
            (
                "hold_seconds_add",
                level.hold_seconds_add,
                below.hold_seconds_add,
            ),
            ("reps_add", level.reps_add, below.reps_add),
            ("rounds_add", level.rounds_add, below.rounds_add),
        ] {
            if now < before {
                self.fault(
                    FILE,
                    &path.key(key),
                    format!(
                        "level {number} asks less than level {previous}: `{key}` is {now}, below its {before}; each level is written in full and keeps what the one below asks"
                    ),
                );
            }
        }
        for kept in &below.add {
            match level.add.iter().find(|s| s.stretch == kept.stretch) {
                None => {
                    let id = self.stretch_id(kept.stretch);
                    self.fault(
                        FILE,
                        &path.key("add"),
                        format!(
                            "level {number} drops `{id}`, added at level {previous}; each level is written in full, so add it here too"
                        ),
                    );
                }
                Some(now) if !dose_at_least(now.dose, kept.dose) => {
                    let id = self.stretch_id(kept.stretch);
                    self.fault(
                        FILE,
                        &path.key("add"),
                        format!(
                            "level {number} does less of `{id}` ({}) than level {previous} ({})",
                            now.dose.describe(),
                            kept.dose.describe()
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        if same_work(level, below) {
            self.fault(
                FILE,
                path,
                format!(
                    "level {number} asks the same as level {previous}; raise a dose or add a move"
                ),
            );
        }
    }

    fn stretch_id(&self, stretch: usize) -> String {
        self.stretch_index
            .iter()
            .find(|(_, i)| **i == stretch)
            .map_or_else(String::new, |(id, _)| id.clone())
    }

    /// The rules, in order; the last one, and only it, has no `when`.
    fn progression_rules(&mut self, raw: &[RawProgressionRule]) -> Vec<ProgressionRule> {
        let list = JsonPath::default().key("rules");
        if raw.is_empty() {
            self.fault(
                FILE,
                &list,
                "needs at least one rule; the last one has no `when` and usually keeps the level (`move: stay`)",
            );
        }
        if raw.len() > MAX_RULES {
            self.fault(FILE, &list, format!("at most {MAX_RULES} rules"));
            return Vec::new();
        }
        let mut index = HashMap::new();
        let mut rules = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(FILE, &path, "progression rule", &r.id, i, &mut index);
            self.require_text(FILE, &path.key("reason"), &r.reason);
            self.require_text(FILE, &path.key("source"), &r.source);
            let when = match &r.when {
                None => None,
                Some(w) => match self.fact_condition(&path.key("when"), w) {
                    Some(c) => Some(c),
                    None => continue,
                },
            };
            if i > 0 && raw[i - 1].when.is_none() {
                self.fault(
                    FILE,
                    &path,
                    format!(
                        "rule `{}` never decides: rule `{}` above it has no `when` and matches every check-in; move this rule above it or remove it",
                        r.id,
                        raw[i - 1].id
                    ),
                );
            }
            rules.push(ProgressionRule {
                id: r.id.clone(),
                when,
                direction: r.direction,
                reason: r.reason.clone(),
                source: r.source.clone(),
            });
        }
        if let Some(last) = raw.last().filter(|r| r.when.is_some()) {
            self.fault(
                FILE,
                &list.index(raw.len() - 1),
                format!(
                    "the last rule, `{}`, needs no `when`, so that every check-in gets a decision; add a last rule without one (usually `move: stay`)",
                    last.id
                ),
            );
        }
        rules
    }
}

/// `now` is at least as much work as `before`: no fewer rounds and, measured the same way, no
/// less of the measure. Doses measured differently cannot be compared and pass.
fn dose_at_least(now: Dose, before: Dose) -> bool {
    let amount = |m: Measure| match m {
        Measure::HoldSeconds(n) | Measure::Breaths(n) | Measure::Reps(n) => n,
    };
    let comparable =
        std::mem::discriminant(&now.measure) == std::mem::discriminant(&before.measure);
    now.rounds >= before.rounds && (!comparable || amount(now.measure) >= amount(before.measure))
}

/// The two levels change the same doses by the same amounts and add the same moves at the same
/// doses (their summaries aside).
fn same_work(a: &RoutineLevel, b: &RoutineLevel) -> bool {
    a.hold_seconds_add == b.hold_seconds_add
        && a.reps_add == b.reps_add
        && a.rounds_add == b.rounds_add
        && a.add.len() == b.add.len()
        && a.add.iter().all(|s| {
            b.add
                .iter()
                .any(|t| t.stretch == s.stretch && t.dose == s.dose)
        })
}

#[cfg(test)]
mod tests {
    use crate::knowledge::testing::{Mini, PROGRESSION, progression_rules, progression_with};

    fn refused_with_levels(levels: &str) -> String {
        Mini::new()
            .with(PROGRESSION, &progression_with(levels))
            .refused()
    }

    #[test]
    fn levels_are_checked_for_ids_limits_and_stepping_up() {
        for (levels, fault) in [
            (
                r#"[{"routine": "rr", "levels": [{"summary": "s", "hold_seconds_add": 5}]}]"#,
                "progression.json:4:26: at levels[0].routine: unknown routine `rr`; did you mean `r`?",
            ),
            (
                "[]",
                "at levels: routine `r` has no levels; add {\"routine\": \"r\", \"levels\": [...]} with at least level 2",
            ),
            (
                r#"[{"routine": "r", "levels": []}]"#,
                "at levels[0].levels: routine `r` needs at least level 2, or it can never step up",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "add": [{"stretch": "stnd"}]}]}]"#,
                "at levels[0].levels[0].add[0].stretch: unknown stretch `stnd`; did you mean `stand`?",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "add": [{"stretch": "stand"}]}]}]"#,
                "`stand` is already a step of `r`; raise its dose with hold_seconds_add, reps_add or rounds_add instead",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "hold_seconds_add": 580}]}]"#,
                "at levels[0].levels[0].hold_seconds_add: makes `flat` 610, over the limit of 600; lower it",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "rounds_add": 20}]}]"#,
                "at levels[0].levels[0].rounds_add: makes `flat` 21 rounds, over the limit of 20; lower it",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "reps_add": 2}]}]"#,
                "at levels[0].levels[0].reps_add: `reps_add` changes nothing: no step of `r` counts repetitions",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s"}]}]"#,
                "at levels[0].levels[0]: level 2 is the routine as written; raise a dose",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "hold_seconds_add": 10}, {"summary": "t", "hold_seconds_add": 5, "rounds_add": 1}]}]"#,
                "at levels[0].levels[1].hold_seconds_add: level 3 asks less than level 2: `hold_seconds_add` is 5, below its 10",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "hold_seconds_add": 10}, {"summary": "t", "hold_seconds_add": 10}]}]"#,
                "at levels[0].levels[1]: level 3 asks the same as level 2; raise a dose or add a move",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "s", "hold_seconds_add": 10, "timing": 2}]}]"#,
                "unknown field `timing`",
            ),
            (
                r#"[{"routine": "r", "levels": [{"summary": "", "hold_seconds_add": 10}]}, {"routine": "r", "levels": []}]"#,
                "routine `r` already has its levels at levels[0]; write them in one entry",
            ),
        ] {
            let text = refused_with_levels(levels);
            assert!(text.contains(fault), "{levels}: {text}");
        }
    }

    #[test]
    fn an_added_move_dropped_or_eased_at_the_next_level_is_refused() {
        let text = Mini::new()
            .with(
                crate::knowledge::testing::ROUTINES,
                crate::knowledge::testing::ONE_STEP_ROUTINE,
            )
            .with(
                PROGRESSION,
                &progression_with(
                    r#"[{"routine": "r", "levels": [
                    {"summary": "s", "add": [{"stretch": "flat", "dose": {"reps": 8}}]},
                    {"summary": "t", "add": [{"stretch": "flat", "dose": {"reps": 6}}]},
                    {"summary": "u", "hold_seconds_add": 5}]}]"#,
                ),
            )
            .refused();
        for fault in [
            "at levels[0].levels[1].add: level 3 does less of `flat` (6 repetitions) than level 2 (8 repetitions)",
            "at levels[0].levels[2].add: level 4 drops `flat`, added at level 3",
        ] {
            assert!(text.contains(fault), "{text}");
        }
    }

    #[test]
    fn rules_end_with_one_that_matches_every_check_in() {
        let rule = |id: &str, when: &str| {
            format!(r#"{{"id": "{id}", {when} "move": "stay", "reason": "r", "source": "s"}}"#)
        };
        for (rules, fault) in [
            (
                format!(
                    "[{}]",
                    rule("a", r#""when": {"fact": "level", "at_least": 1}, "#)
                ),
                "at rules[0]: the last rule, `a`, needs no `when`",
            ),
            (
                format!("[{}, {}]", rule("a", ""), rule("b", "")),
                "at rules[1]: rule `b` never decides: rule `a` above it has no `when`",
            ),
            (
                format!(
                    "[{}, {}]",
                    rule("a", r#""when": {"fact": "level", "is": 2}, "#),
                    rule("a", "")
                ),
                "at rules[1].id: duplicate progression rule id `a`",
            ),
            ("[]".to_owned(), "at rules: needs at least one rule"),
            (
                r#"[{"id": "a", "move": "upp", "reason": "r", "source": "s"}]"#.to_owned(),
                "unknown variant `upp`, expected one of `up`, `down`, `stay`; did you mean `up`?",
            ),
        ] {
            let text = Mini::new()
                .with(PROGRESSION, &progression_rules(&rules))
                .refused();
            assert!(text.contains(fault), "{rules}: {text}");
        }
    }

    #[test]
    fn fact_conditions_are_strict() {
        for (when, fault) in [
            (
                r#"{"fact": "pain_nwo", "at_most": 4}"#,
                "unknown fact `pain_nwo`; did you mean `pain_now`?",
            ),
            (
                r#"{"fact": "pain_now", "at_most": 11}"#,
                "`pain_now` is 0 to 10; 11 is outside",
            ),
            (
                r#"{"fact": "pain_now", "at_most": 2.5}"#,
                "`pain_now` is a whole number; `2.5` is not",
            ),
            (
                r#"{"fact": "level", "known": true}"#,
                "`known` applies only to `pain_now`, the one fact that may be unknown",
            ),
            (
                r#"{"fact": "warning_sign", "at_least": 1}"#,
                "`at_least` does not apply to `warning_sign`, a yes/no fact",
            ),
            (
                r#"{"fact": "warning_sign", "is": "yes"}"#,
                "`warning_sign` is yes or no: write `is: true` or `is: false`",
            ),
            (
                r#"{"fact": "urgency", "at_least": "son"}"#,
                "unknown urgency level `son`; did you mean `soon`?",
            ),
            (
                r#"{"fact": "level", "at_least": 2, "at_most": 3}"#,
                "one test per object: `at_least` and `at_most` together",
            ),
            (
                r#"{"fact": "level"}"#,
                "a test on `level` needs one of: is, at_least, at_most, known",
            ),
            (r#"{"all": []}"#, "`all` needs at least one condition"),
            (r#"{"is": 2}"#, "a test needs a `fact` to test"),
            (
                r#"{"not": {"fact": "level", "is": 1}, "fact": "level"}"#,
                "one condition object holds `not` and `fact`",
            ),
            (
                r#"{"all": [{"fact": "level", "is": 1}], "is": 1}"#,
                "`all` cannot carry a test; tests go with `fact`",
            ),
            (
                r#"{"question": "a", "is": true}"#,
                "unknown field `question`",
            ),
        ] {
            let rules = format!(
                r#"[{{"id": "a", "when": {when}, "move": "stay", "reason": "r", "source": "s"}}, {{"id": "b", "move": "stay", "reason": "r", "source": "s"}}]"#
            );
            let text = Mini::new()
                .with(PROGRESSION, &progression_rules(&rules))
                .refused();
            assert!(text.contains(fault), "{when}: {text}");
            assert!(text.contains("progression.json:"), "{text}");
        }
    }

    #[test]
    fn the_flare_up_cannot_read_itself_and_the_plan_needs_both_parts() {
        let text = Mini::new()
            .with(
                PROGRESSION,
                &crate::knowledge::testing::progression_flare(
                    r#"{"any": [{"fact": "flare_up", "is": true}]}"#,
                ),
            )
            .refused();
        assert!(
            text.contains("at flare_up: the flare-up condition defines `flare_up`, so it cannot read `flare_up` itself"),
            "{text}"
        );
        let text = Mini::new()
            .with(
                PROGRESSION,
                &progression_with(
                    r#"[{"routine": "r", "levels": [{"summary": "s", "hold_seconds_add": 10}]}]"#,
                )
                .replace(
                    r#""get_help": ["See a GP if it does not settle."]"#,
                    r#""get_help": []"#,
                )
                .replace(r#""checkin_every_days": 7"#, r#""checkin_every_days": 0"#),
            )
            .refused();
        assert!(
            text.contains("at flare_up_plan.get_help: `get_help` needs at least one sentence"),
            "{text}"
        );
        assert!(
            text.contains("at checkin_every_days: 0 days is outside 1 to 90"),
            "{text}"
        );
    }
}
