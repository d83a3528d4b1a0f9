//! questions.json: the questions, their kinds and choices, and when each is asked.

use super::Compiler;
use crate::knowledge::locate::JsonPath;
use crate::knowledge::raw::{RawQuestion, RawQuestionType};
use crate::model::{Choice, MAX_CHOICES, Question, QuestionKind, RuleFileKind, Section};
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn question_shapes(&mut self, raw: &[RawQuestion]) {
        let list = JsonPath::default().key("questions");
        if raw.is_empty() {
            self.fault(
                RuleFileKind::Questions,
                &list,
                "the questionnaire needs at least one question",
            );
        }
        let mut index = HashMap::new();
        let mut last_section = Section::Pain;
        for (i, q) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(
                RuleFileKind::Questions,
                &path,
                "question",
                &q.id,
                i,
                &mut index,
            );
            self.require_text(RuleFileKind::Questions, &path.key("text"), &q.text);
            self.require_text(RuleFileKind::Questions, &path.key("help"), &q.help);
            if q.section < last_section {
                self.fault(
                    RuleFileKind::Questions,
                    &path.key("section"),
                    format!(
                        "a `{}` question after a `{}` one; keep the clinician's order: pain, safety, pattern, limits",
                        q.section.name(),
                        last_section.name()
                    ),
                );
            }
            last_section = last_section.max(q.section);
            let kind = self.question_kind(&path, q);
            self.questions.push(Question {
                id: q.id.clone(),
                section: q.section,
                text: q.text.clone(),
                help: q.help.clone(),
                kind,
                ask_when: None,
            });
        }
        self.question_index = index;
    }

    pub(super) fn question_kind(&mut self, path: &JsonPath, q: &RawQuestion) -> QuestionKind {
        let has_choices = q.choices.is_some();
        let has_range = q.min.is_some() || q.max.is_some() || q.unit.is_some();
        match q.kind {
            RawQuestionType::YesNo | RawQuestionType::Number if has_choices => {
                self.fault(
                    RuleFileKind::Questions,
                    &path.key("choices"),
                    "only single and multiple questions have choices",
                );
            }
            RawQuestionType::YesNo | RawQuestionType::Single | RawQuestionType::Multiple
                if has_range =>
            {
                self.fault(
                    RuleFileKind::Questions,
                    &path.key("type"),
                    "`min`, `max` and `unit` belong to number questions only",
                );
            }
            _ => {}
        }
        match q.kind {
            RawQuestionType::YesNo => QuestionKind::YesNo,
            RawQuestionType::Number => {
                let (Some(min), Some(max)) = (q.min, q.max) else {
                    self.fault(
                        RuleFileKind::Questions,
                        path,
                        "a number question needs `min` and `max`",
                    );
                    return QuestionKind::Number {
                        min: 0,
                        max: 0,
                        unit: None,
                    };
                };
                if min > max {
                    self.fault(
                        RuleFileKind::Questions,
                        &path.key("min"),
                        format!("`min` {min} is above `max` {max}"),
                    );
                }
                QuestionKind::Number {
                    min,
                    max,
                    unit: q.unit.clone(),
                }
            }
            RawQuestionType::Single | RawQuestionType::Multiple => {
                let raw_choices = q.choices.as_deref().unwrap_or_default();
                if raw_choices.len() < 2 {
                    self.fault(
                        RuleFileKind::Questions,
                        &path.key("choices"),
                        "a choice question needs at least two choices",
                    );
                }
                if raw_choices.len() > MAX_CHOICES {
                    self.fault(
                        RuleFileKind::Questions,
                        &path.key("choices"),
                        format!("at most {MAX_CHOICES} choices"),
                    );
                }
                let mut seen = HashMap::new();
                let mut choices = Vec::new();
                for (i, choice) in raw_choices.iter().enumerate() {
                    let cpath = path.key("choices").index(i);
                    self.register(
                        RuleFileKind::Questions,
                        &cpath,
                        "choice",
                        &choice.id,
                        i,
                        &mut seen,
                    );
                    self.require_text(RuleFileKind::Questions, &cpath.key("label"), &choice.label);
                    choices.push(Choice {
                        id: choice.id.clone(),
                        label: choice.label.clone(),
                    });
                }
                if q.kind == RawQuestionType::Single {
                    QuestionKind::Single(choices)
                } else {
                    QuestionKind::Multiple(choices)
                }
            }
        }
    }

    pub(super) fn ask_when(&mut self, raw: &[RawQuestion]) {
        for (i, q) in raw.iter().enumerate() {
            let Some(when) = &q.ask_when else { continue };
            let path = JsonPath::default()
                .key("questions")
                .index(i)
                .key("ask_when");
            let Some(cond) = self.condition(RuleFileKind::Questions, &path, when) else {
                continue;
            };
            let mut later = Vec::new();
            cond.visit_leaves(&self.named, 0, &mut |leaf, _| {
                if leaf.question >= i {
                    later.push(leaf.question);
                }
            });
            if let Some(&first) = later.first() {
                let message = format!(
                    "`{}` is asked only after `{}`, so it cannot decide whether `{}` is asked; move it earlier or test an earlier question",
                    self.questions[first].id, q.id, q.id
                );
                self.fault(RuleFileKind::Questions, &path, message);
            }
            self.questions[i].ask_when = Some(cond);
        }
    }
}
