//! triage.json: the rules that raise the urgency.

use super::Compiler;
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::RawTriageRule;
use crate::model::{MAX_RULES, RuleFileKind, TriageRule, Urgency};
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn triage(&mut self, raw: &[RawTriageRule]) -> Vec<TriageRule> {
        let list = JsonPath::default().key("rules");
        let mut index = HashMap::new();
        let mut rules = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(
                RuleFileKind::Triage,
                &path,
                "triage rule",
                &r.id,
                i,
                &mut index,
            );
            self.require_text(RuleFileKind::Triage, &path.key("reason"), &r.reason);
            self.require_text(RuleFileKind::Triage, &path.key("action"), &r.action);
            self.require_text(RuleFileKind::Triage, &path.key("source"), &r.source);
            if r.level == Urgency::SelfCare {
                self.fault(
                    RuleFileKind::Triage,
                    &path.key("level"),
                    "a triage rule escalates; `self_care` is what remains when none fires",
                );
            }
            if let Some(when) = self.condition(RuleFileKind::Triage, &path.key("when"), &r.when) {
                rules.push(TriageRule {
                    id: r.id.clone(),
                    level: r.level,
                    when,
                    reason: r.reason.clone(),
                    action: r.action.clone(),
                    source: r.source.clone(),
                });
            }
        }
        if rules.len() > MAX_RULES {
            self.fault(
                RuleFileKind::Triage,
                &list,
                format!("at most {MAX_RULES} triage rules"),
            );
        }
        rules
    }
}
