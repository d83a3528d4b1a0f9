//! advice.json: the headline and action per level, tips, safety net and disclaimer.

use super::Compiler;
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::{AdviceFile, RawAdviceLine, RawLevel};
use crate::model::{AdviceLine, Level, Levels, MAX_RULES, RuleFileKind};
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn advice(
        &mut self,
        raw: &AdviceFile,
    ) -> (Levels, Vec<AdviceLine>, Vec<AdviceLine>, String) {
        let lpath = JsonPath::default().key("levels");
        let r = &raw.levels;
        let named = [
            ("self_care", &r.self_care),
            ("appointment", &r.appointment),
            ("soon", &r.soon),
            ("urgent", &r.urgent),
            ("emergency", &r.emergency),
        ];
        for (name, level) in named {
            self.require_text(
                RuleFileKind::Advice,
                &lpath.key(name).key("headline"),
                &level.headline,
            );
            self.require_text(
                RuleFileKind::Advice,
                &lpath.key(name).key("action"),
                &level.action,
            );
        }
        let level = |l: &RawLevel| Level {
            headline: l.headline.clone(),
            action: l.action.clone(),
        };
        let levels = Levels {
            emergency: level(&r.emergency),
            urgent: level(&r.urgent),
            soon: level(&r.soon),
            appointment: level(&r.appointment),
            self_care: level(&r.self_care),
        };
        let tips = self.advice_lines("tips", &raw.tips);
        let safety_net = self.advice_lines("safety_net", &raw.safety_net);
        self.require_text(
            RuleFileKind::Advice,
            &JsonPath::default().key("disclaimer"),
            &raw.disclaimer,
        );
        (levels, tips, safety_net, raw.disclaimer.clone())
    }

    pub(super) fn advice_lines(&mut self, key: &str, raw: &[RawAdviceLine]) -> Vec<AdviceLine> {
        let list = JsonPath::default().key(key);
        let mut index = HashMap::new();
        let mut lines = Vec::new();
        for (i, l) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(
                RuleFileKind::Advice,
                &path,
                "advice line",
                &l.id,
                i,
                &mut index,
            );
            self.require_text(RuleFileKind::Advice, &path.key("text"), &l.text);
            let Ok(when) = self.optional_condition(RuleFileKind::Advice, &path, l.when.as_ref())
            else {
                continue;
            };
            lines.push(AdviceLine {
                id: l.id.clone(),
                text: l.text.clone(),
                when,
            });
        }
        if lines.len() > MAX_RULES {
            self.fault(
                RuleFileKind::Advice,
                &list,
                format!("at most {MAX_RULES} lines"),
            );
        }
        lines
    }
}
