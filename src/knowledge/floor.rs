//! The safety floor (`rules/safety-floor.json`): what must hold for every answer set, whatever
//! else the rules say (safety invariant 0).
//!
//! Triage rules and leave-outs are edited often; a floor is a short list, kept apart, that pins
//! the few outcomes no edit may lose: saddle numbness is an emergency, nothing is done lying flat
//! in pregnancy. Each floor is proved over every complete answer set the questionnaire can
//! produce, by running the real engine on one answer of each class (`knowledge::floor_proof`),
//! and a knowledge base that breaks one does not load. A floor stands alone: it may not use a
//! named condition, so that editing `conditions.json` can never quietly weaken it.

use super::compile::Compiler;
use super::locate::JsonPath;
use super::raw::RawCondition;
use crate::Urgency;
use crate::model::{
    Cond, KnowledgeBase, MAX_RULES, RoutineFloor, RoutineLimit, RuleFileKind, SafetyFloor, Tag,
    UrgencyFloor, condition_words,
};
use serde::Deserialize;
use std::collections::HashMap;

/// `safety-floor.json` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FloorFile {
    pub(crate) version: u32,
    pub(crate) urgency: Vec<RawUrgencyFloor>,
    #[serde(default)]
    pub(crate) routines: Vec<RawRoutineFloor>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUrgencyFloor {
    pub(crate) id: String,
    pub(crate) when: RawCondition,
    pub(crate) at_least: Urgency,
    /// The guideline the floor rests on.
    pub(crate) source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRoutineFloor {
    pub(crate) id: String,
    pub(crate) when: RawCondition,
    #[serde(default)]
    pub(crate) exclude: Option<Vec<Tag>>,
    #[serde(default)]
    pub(crate) no_routine: Option<bool>,
    pub(crate) source: String,
}

impl Compiler<'_> {
    /// A floor's id (unique across both lists) and its source, which must not be empty.
    fn floor_identity(
        &mut self,
        path: &JsonPath,
        id: &str,
        source: &str,
        position: usize,
        index: &mut HashMap<String, usize>,
    ) {
        self.register(
            RuleFileKind::SafetyFloor,
            path,
            "floor",
            id,
            position,
            index,
        );
        self.require_text(RuleFileKind::SafetyFloor, &path.key("source"), source);
    }

    /// Checks and compiles the floor file; faults are located like every other file's.
    pub(super) fn safety_floor(&mut self, raw: &FloorFile) -> SafetyFloor {
        let mut index = HashMap::new();
        let ulist = JsonPath::default().key("urgency");
        if raw.urgency.is_empty() {
            self.fault(
                RuleFileKind::SafetyFloor,
                &ulist,
                "the safety floor needs at least one urgency floor (for example: saddle numbness is an emergency)",
            );
        }
        // Each floor is a proof run on every load; a cap keeps loading quick whatever the file.
        for (key, n) in [
            ("urgency", raw.urgency.len()),
            ("routines", raw.routines.len()),
        ] {
            if n > MAX_RULES {
                self.fault(
                    RuleFileKind::SafetyFloor,
                    &JsonPath::default().key(key),
                    format!("at most {MAX_RULES} floors in `{key}`"),
                );
            }
        }
        let mut urgency = Vec::new();
        for (i, f) in raw.urgency.iter().enumerate() {
            let path = ulist.index(i);
            self.floor_identity(&path, &f.id, &f.source, i, &mut index);
            if f.at_least == Urgency::SelfCare {
                self.fault(
                    RuleFileKind::SafetyFloor,
                    &path.key("at_least"),
                    "`self_care` is the lowest level, so this floor says nothing; name a level above it",
                );
            }
            if let Some(when) = self.floor_condition(&path.key("when"), &f.when) {
                urgency.push(UrgencyFloor {
                    id: f.id.clone(),
                    when,
                    at_least: f.at_least,
                    source: f.source.clone(),
                });
            }
        }
        let rlist = JsonPath::default().key("routines");
        let mut routines = Vec::new();
        for (i, f) in raw.routines.iter().enumerate() {
            let path = rlist.index(i);
            self.floor_identity(&path, &f.id, &f.source, i, &mut index);
            let limit = self.routine_limit(&path, f);
            let when = self.floor_condition(&path.key("when"), &f.when);
            if let (Some(when), Some(limit)) = (when, limit) {
                routines.push(RoutineFloor {
                    id: f.id.clone(),
                    when,
                    limit,
                    source: f.source.clone(),
                });
            }
        }
        SafetyFloor { urgency, routines }
    }

    /// What a routine floor limits: `exclude` (some tags) or `no_routine`, exactly one of them.
    fn routine_limit(&mut self, path: &JsonPath, f: &RawRoutineFloor) -> Option<RoutineLimit> {
        match (&f.exclude, f.no_routine) {
            (Some(tags), None) if !tags.is_empty() => Some(RoutineLimit::Exclude(tags.clone())),
            (Some(_), None) => {
                self.fault(
                    RuleFileKind::SafetyFloor,
                    &path.key("exclude"),
                    "`exclude` needs at least one tag",
                );
                None
            }
            (None, Some(true)) => Some(RoutineLimit::NoRoutine),
            (None, Some(false)) => {
                self.fault(
                    RuleFileKind::SafetyFloor,
                    &path.key("no_routine"),
                    "`no_routine: false` limits nothing; write `no_routine: true` or `exclude` with tags",
                );
                None
            }
            (Some(_), Some(_)) => {
                self.fault(
                    RuleFileKind::SafetyFloor,
                    path,
                    "a routine floor has `exclude` or `no_routine`, not both; write two floors",
                );
                None
            }
            (None, None) => {
                self.fault(
                    RuleFileKind::SafetyFloor,
                    path,
                    "a routine floor needs `exclude` (a list of tags) or `no_routine: true`",
                );
                None
            }
        }
    }

    /// A floor's condition, written out in full: a `ref` anywhere in it is refused.
    fn floor_condition(&mut self, path: &JsonPath, raw: &RawCondition) -> Option<Cond> {
        let refs = self.refuse_refs(path, raw);
        let cond = self.condition(RuleFileKind::SafetyFloor, path, raw);
        if refs { None } else { cond }
    }

    /// Reports every `ref` in `raw`; true when there was one.
    fn refuse_refs(&mut self, path: &JsonPath, raw: &RawCondition) -> bool {
        let mut found = false;
        if let Some(name) = &raw.reference {
            self.fault(
                RuleFileKind::SafetyFloor,
                &path.key("ref"),
                format!(
                    "a floor must stand alone: write the condition out in full instead of `ref` to `{name}`, so that editing a named condition can never weaken the floor"
                ),
            );
            found = true;
        }
        for (key, children) in [("all", &raw.all), ("any", &raw.any)] {
            for (i, child) in children.iter().flatten().enumerate() {
                found |= self.refuse_refs(&path.key(key).index(i), child);
            }
        }
        if let Some(inner) = &raw.not {
            found |= self.refuse_refs(&path.key("not"), inner);
        }
        found
    }
}

/// What `rules check` prints for each floor of a knowledge base that loaded (so every floor was
/// proved): the floor's id and what it guarantees, in words.
pub fn proved_lines(kb: &KnowledgeBase) -> Vec<(String, String)> {
    let urgency = kb.floor.urgency.iter().map(|f| {
        (
            format!("floor {}", f.id),
            format!(
                "whenever {}, the urgency is at least `{}` (proved over every answer class)",
                condition_words(kb, &f.when),
                f.at_least
            ),
        )
    });
    let routines = kb.floor.routines.iter().map(|f| {
        let limit = match &f.limit {
            RoutineLimit::NoRoutine => "no routine is shown".to_owned(),
            RoutineLimit::Exclude(tags) => format!(
                "no stretch tagged {} is shown",
                tags.iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        (
            format!("floor {}", f.id),
            format!(
                "whenever {}, {limit} (proved over every answer class)",
                condition_words(kb, &f.when)
            ),
        )
    });
    urgency.chain(routines).collect()
}
