//! Checks the parsed rule files and compiles them into a [`KnowledgeBase`].
//!
//! Every fault is collected, not only the first, so an author can fix a file in one pass. Ids are
//! resolved to indices here; the engine never sees a string id.

use super::fault::{Fault, Faults, unknown_id};
use super::locate::{JsonPath, line_column, locate};
use super::raw::*;
use super::source::{RuleFile, RuleFiles};
use super::*;
use crate::engine::condition::{Cond, Leaf, Test};
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// The file format this build reads.
pub const FORMAT_VERSION: u32 = 1;

// Positions of the files in `RuleFiles::files` (see `source::FILE_NAMES`).
pub(super) const QUESTIONS: usize = 0;
pub(super) const CONDITIONS: usize = 1;
pub(super) const TRIAGE: usize = 2;
pub(super) const STRETCHES: usize = 3;
pub(super) const ROUTINES: usize = 4;
pub(super) const ADVICE: usize = 5;
pub(super) const FLOOR: usize = 6;

pub fn compile(files: &RuleFiles) -> Result<KnowledgeBase, Faults> {
    let mut parse_faults = Vec::new();
    let questions = parse::<QuestionsFile>(&files.files[QUESTIONS], &mut parse_faults);
    let conditions = parse::<ConditionsFile>(&files.files[CONDITIONS], &mut parse_faults);
    let triage = parse::<TriageFile>(&files.files[TRIAGE], &mut parse_faults);
    let stretches = parse::<StretchesFile>(&files.files[STRETCHES], &mut parse_faults);
    let routines = parse::<RoutinesFile>(&files.files[ROUTINES], &mut parse_faults);
    let advice = parse::<AdviceFile>(&files.files[ADVICE], &mut parse_faults);
    let floor = parse::<super::floor::FloorFile>(&files.files[FLOOR], &mut parse_faults);
    let (
        Some(questions),
        Some(conditions),
        Some(triage),
        Some(stretches),
        Some(routines),
        Some(advice),
        Some(floor),
    ) = (
        questions, conditions, triage, stretches, routines, advice, floor,
    )
    else {
        return Err(Faults(parse_faults));
    };

    let mut c = Compiler::default_for(files);
    let versions = [
        questions.version,
        conditions.version,
        triage.version,
        stretches.version,
        routines.version,
        advice.version,
        floor.version,
    ];
    for (file, version) in versions.into_iter().enumerate() {
        if version != FORMAT_VERSION {
            c.fault(
                file,
                &JsonPath::default().key("version"),
                format!("version {version} is not supported; this backcare reads version {FORMAT_VERSION}"),
            );
        }
    }

    c.question_shapes(&questions.questions);
    c.named_conditions(&conditions.conditions);
    if !c.faults.is_empty() {
        // Later checks follow named conditions; a cycle or a broken question list would make
        // them loop or report the same fault again under another name.
        return Err(Faults(c.faults));
    }
    c.ask_when(&questions.questions);
    let triage = c.triage(&triage.rules);
    let stretches = c.stretches(&stretches.stretches);
    let too_few_steps = c.too_few_steps(&routines);
    let (routines, withhold) = c.routines(&routines, &stretches);
    let (levels, tips, safety_net, disclaimer) = c.advice(&advice);
    let floor = c.safety_floor(&floor);

    let mut triage_read = vec![false; c.questions.len()];
    for rule in &triage {
        rule.when.visit_leaves(&c.named_bodies, 0, &mut |leaf, _| {
            triage_read[leaf.question] = true
        });
    }
    let kb = KnowledgeBase {
        questions: c.questions,
        named: c.named,
        named_bodies: c.named_bodies,
        triage,
        stretches,
        routines,
        withhold,
        too_few_steps,
        levels,
        tips,
        safety_net,
        disclaimer,
        floor,
        triage_read,
        compiled: CompiledRules::default(),
        question_index: c.question_index,
        stretch_index: c.stretch_index,
        routine_index: c.routine_index,
    };
    if !c.faults.is_empty() {
        return Err(Faults(c.faults));
    }
    // The safety invariants are checked on every load, so no knowledge base that breaks one is
    // ever used, whatever the directory it came from. The floor's proof runs the real engine,
    // so the flat program is laid out first.
    let kb = kb.with_compiled_rules();
    let faults: Vec<Fault> = analysis::load_faults(&kb)
        .into_iter()
        .map(|(file, path, message)| make_fault(&files.files[file], &path, message))
        .collect();
    if faults.is_empty() {
        Ok(kb)
    } else {
        Err(Faults(faults))
    }
}

pub(super) fn make_fault(file: &RuleFile, path: &JsonPath, message: String) -> Fault {
    let (line, column) = locate(&file.text, path);
    Fault {
        file: file.name.clone(),
        line,
        column,
        path: path.render(),
        message,
    }
}

/// Parses one file, turning a serde error into a located fault with a suggestion where one helps.
fn parse<T: DeserializeOwned>(file: &RuleFile, faults: &mut Vec<Fault>) -> Option<T> {
    if file.text.trim().is_empty() {
        faults.push(Fault {
            file: file.name.clone(),
            line: 0,
            column: 0,
            path: String::new(),
            message: "is empty; it must hold a JSON object with a `version` and its list"
                .to_owned(),
        });
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(&file.text);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|value| de.end().map(|()| value).map_err(|e| (String::new(), e)));
    match parsed {
        Ok(value) => Some(value),
        Err((path, error)) => {
            let (line, column) = if error.line() == 0 {
                line_column(&file.text, file.text.len())
            } else {
                (error.line(), error.column())
            };
            faults.push(Fault {
                file: file.name.clone(),
                line,
                column,
                // serde_path_to_error writes `?` for a segment it could not name (a broken key).
                path: path
                    .trim_end_matches(".?")
                    .trim_start_matches('.')
                    .replace('?', "")
                    .to_owned(),
                message: explain_serde_error(&error),
            });
            None
        }
    }
}

/// serde's message without its trailing position (the fault carries that), plus a "did you mean"
/// for unknown fields and variants.
fn explain_serde_error(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let message = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => &full,
    };
    let mut message = message.to_owned();
    if message.contains("recursion limit exceeded") {
        return "nested too deeply (more than 128 levels); flatten the condition or use a named condition"
            .to_owned();
    }
    for prefix in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let unknown = rest.split('`').next().unwrap_or_default().to_owned();
            let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
            if let Some(near) = fault::closest_id(&unknown, expected.iter().copied()) {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            break;
        }
    }
    message
}

pub(super) struct Compiler<'a> {
    files: &'a RuleFiles,
    faults: Vec<Fault>,
    questions: Vec<Question>,
    question_index: HashMap<String, usize>,
    named: Vec<NamedCondition>,
    named_bodies: Vec<Cond>,
    named_index: HashMap<String, usize>,
    stretch_index: HashMap<String, usize>,
    routine_index: HashMap<String, usize>,
}

impl<'a> Compiler<'a> {
    fn default_for(files: &'a RuleFiles) -> Compiler<'a> {
        Compiler {
            files,
            faults: Vec::new(),
            questions: Vec::new(),
            question_index: HashMap::new(),
            named: Vec::new(),
            named_bodies: Vec::new(),
            named_index: HashMap::new(),
            stretch_index: HashMap::new(),
            routine_index: HashMap::new(),
        }
    }

    pub(super) fn fault(&mut self, file: usize, path: &JsonPath, message: impl Into<String>) {
        self.faults
            .push(make_fault(&self.files.files[file], path, message.into()));
    }

    /// Records `id` in `index` at `position`, reporting a malformed or duplicate id.
    pub(super) fn register(
        &mut self,
        file: usize,
        path: &JsonPath,
        what: &str,
        id: &str,
        position: usize,
        index: &mut HashMap<String, usize>,
    ) {
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            self.fault(
                file,
                &path.key("id"),
                format!("{what} id `{id}` must be lower-case letters, digits and underscores"),
            );
        }
        if index.contains_key(id) {
            self.fault(file, &path.key("id"), format!("duplicate {what} id `{id}`"));
        } else {
            index.insert(id.to_owned(), position);
        }
    }

    pub(super) fn require_text(&mut self, file: usize, path: &JsonPath, text: &str) {
        if text.trim().is_empty() {
            self.fault(file, path, "must not be empty");
        }
    }

    fn question_shapes(&mut self, raw: &[RawQuestion]) {
        let list = JsonPath::default().key("questions");
        if raw.is_empty() {
            self.fault(
                QUESTIONS,
                &list,
                "the questionnaire needs at least one question",
            );
        }
        let mut index = HashMap::new();
        let mut last_section = Section::Pain;
        for (i, q) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(QUESTIONS, &path, "question", &q.id, i, &mut index);
            self.require_text(QUESTIONS, &path.key("text"), &q.text);
            self.require_text(QUESTIONS, &path.key("help"), &q.help);
            if q.section < last_section {
                self.fault(
                    QUESTIONS,
                    &path.key("section"),
                    format!(
                        "a `{}` question after a `{}` one; keep the clinician's order: pain, safety, pattern, limits",
                        section_name(q.section),
                        section_name(last_section)
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

    fn question_kind(&mut self, path: &JsonPath, q: &RawQuestion) -> QuestionKind {
        let has_choices = q.choices.is_some();
        let has_range = q.min.is_some() || q.max.is_some() || q.unit.is_some();
        match q.kind {
            RawQuestionType::YesNo | RawQuestionType::Number if has_choices => {
                self.fault(
                    QUESTIONS,
                    &path.key("choices"),
                    "only single and multiple questions have choices",
                );
            }
            RawQuestionType::YesNo | RawQuestionType::Single | RawQuestionType::Multiple
                if has_range =>
            {
                self.fault(
                    QUESTIONS,
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
                    self.fault(QUESTIONS, path, "a number question needs `min` and `max`");
                    return QuestionKind::Number {
                        min: 0,
                        max: 0,
                        unit: None,
                    };
                };
                if min > max {
                    self.fault(
                        QUESTIONS,
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
                        QUESTIONS,
                        &path.key("choices"),
                        "a choice question needs at least two choices",
                    );
                }
                if raw_choices.len() > MAX_CHOICES {
                    self.fault(
                        QUESTIONS,
                        &path.key("choices"),
                        format!("at most {MAX_CHOICES} choices"),
                    );
                }
                let mut seen = HashMap::new();
                let mut choices = Vec::new();
                for (i, choice) in raw_choices.iter().enumerate() {
                    let cpath = path.key("choices").index(i);
                    self.register(QUESTIONS, &cpath, "choice", &choice.id, i, &mut seen);
                    self.require_text(QUESTIONS, &cpath.key("label"), &choice.label);
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

    fn named_conditions(&mut self, raw: &[RawNamedCondition]) {
        let list = JsonPath::default().key("conditions");
        let mut index = HashMap::new();
        for (i, n) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(CONDITIONS, &path, "named condition", &n.id, i, &mut index);
            self.require_text(CONDITIONS, &path.key("description"), &n.description);
            self.named.push(NamedCondition {
                id: n.id.clone(),
                description: n.description.clone(),
            });
        }
        self.named_index = index;
        for (i, n) in raw.iter().enumerate() {
            let body = self.condition(CONDITIONS, &list.index(i).key("when"), &n.when);
            self.named_bodies
                .push(body.unwrap_or(Cond::All(Vec::new())));
        }
        if self.faults.is_empty() {
            self.reject_cycles();
        }
    }

    /// Named conditions may use each other, but never in a circle.
    fn reject_cycles(&mut self) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        fn refs(cond: &Cond, out: &mut Vec<usize>) {
            match cond {
                Cond::All(c) | Cond::Any(c) => c.iter().for_each(|c| refs(c, out)),
                Cond::Not(c) => refs(c, out),
                Cond::Named(i) => out.push(*i),
                Cond::Leaf(_) => {}
            }
        }
        let edges: Vec<Vec<usize>> = self
            .named_bodies
            .iter()
            .map(|body| {
                let mut out = Vec::new();
                refs(body, &mut out);
                out
            })
            .collect();
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
                            self.fault(CONDITIONS, &path, message);
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

    fn ask_when(&mut self, raw: &[RawQuestion]) {
        for (i, q) in raw.iter().enumerate() {
            let Some(when) = &q.ask_when else { continue };
            let path = JsonPath::default()
                .key("questions")
                .index(i)
                .key("ask_when");
            let Some(cond) = self.condition(QUESTIONS, &path, when) else {
                continue;
            };
            let mut later = Vec::new();
            cond.visit_leaves(&self.named_bodies, 0, &mut |leaf, _| {
                if leaf.question >= i {
                    later.push(leaf.question);
                }
            });
            if let Some(&first) = later.first() {
                let message = format!(
                    "`{}` is asked only after `{}`, so it cannot decide whether `{}` is asked; move it earlier or test an earlier question",
                    self.questions[first].id, q.id, q.id
                );
                self.fault(QUESTIONS, &path, message);
            }
            self.questions[i].ask_when = Some(cond);
        }
    }

    fn triage(&mut self, raw: &[RawTriageRule]) -> Vec<TriageRule> {
        let list = JsonPath::default().key("rules");
        let mut index = HashMap::new();
        let mut rules = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(TRIAGE, &path, "triage rule", &r.id, i, &mut index);
            self.require_text(TRIAGE, &path.key("reason"), &r.reason);
            self.require_text(TRIAGE, &path.key("action"), &r.action);
            self.require_text(TRIAGE, &path.key("source"), &r.source);
            if r.level == crate::Urgency::SelfCare {
                self.fault(
                    TRIAGE,
                    &path.key("level"),
                    "a triage rule escalates; `self_care` is what remains when none fires",
                );
            }
            if let Some(when) = self.condition(TRIAGE, &path.key("when"), &r.when) {
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
            self.fault(TRIAGE, &list, format!("at most {MAX_RULES} triage rules"));
        }
        rules
    }

    fn dose(&mut self, file: usize, path: &JsonPath, raw: &RawDose) -> Dose {
        let measures = [
            raw.hold_seconds.map(Measure::HoldSeconds),
            raw.breaths.map(Measure::Breaths),
            raw.reps.map(Measure::Reps),
        ];
        let given: Vec<Measure> = measures.into_iter().flatten().collect();
        let measure = match given.as_slice() {
            [one] => *one,
            [] => {
                self.fault(
                    file,
                    path,
                    "a dose needs one of `hold_seconds`, `breaths` or `reps`",
                );
                Measure::HoldSeconds(1)
            }
            _ => {
                self.fault(
                    file,
                    path,
                    "a dose has one measure: `hold_seconds`, `breaths` or `reps`, not several",
                );
                given[0]
            }
        };
        let amount = match measure {
            Measure::HoldSeconds(n) | Measure::Breaths(n) | Measure::Reps(n) => n,
        };
        if !(1..=600).contains(&amount) {
            self.fault(file, path, format!("{amount} is outside 1 to 600"));
        }
        let rounds = raw.rounds.unwrap_or(1);
        if !(1..=20).contains(&rounds) {
            self.fault(
                file,
                &path.key("rounds"),
                format!("{rounds} rounds is outside 1 to 20"),
            );
        }
        Dose {
            measure,
            each_side: raw.each_side,
            rounds,
        }
    }

    fn stretches(&mut self, raw: &[RawStretch]) -> Vec<Stretch> {
        let list = JsonPath::default().key("stretches");
        let mut index = HashMap::new();
        for (i, s) in raw.iter().enumerate() {
            self.register(STRETCHES, &list.index(i), "stretch", &s.id, i, &mut index);
        }
        self.stretch_index = index;
        let mut stretches = Vec::new();
        for (i, s) in raw.iter().enumerate() {
            let path = list.index(i);
            for (field, text) in [
                ("name", &s.name),
                ("targets", &s.targets),
                ("position", &s.position),
            ] {
                self.require_text(STRETCHES, &path.key(field), text);
            }
            if s.steps.is_empty() {
                self.fault(
                    STRETCHES,
                    &path.key("steps"),
                    "a stretch needs at least one instruction step",
                );
            }
            for (j, step) in s.steps.iter().enumerate() {
                self.require_text(STRETCHES, &path.key("steps").index(j), step);
            }
            if !(1..=10).contains(&s.intensity) {
                self.fault(
                    STRETCHES,
                    &path.key("intensity"),
                    "intensity is on a scale of 1 to 10",
                );
            }
            self.tags(&path.key("tags"), &s.tags);
            let dose = self.dose(STRETCHES, &path.key("dose"), &s.dose);
            let mut leave_out = Vec::new();
            for (j, l) in s.leave_out.iter().enumerate() {
                let lpath = path.key("leave_out").index(j);
                self.require_text(STRETCHES, &lpath.key("because"), &l.because);
                let instead = l.instead.as_deref().and_then(|alt| {
                    if alt == s.id {
                        self.fault(
                            STRETCHES,
                            &lpath.key("instead"),
                            "a stretch cannot be its own alternative",
                        );
                        return None;
                    }
                    let found = self.stretch_index.get(alt).copied();
                    if found.is_none() {
                        let message = unknown_id(
                            "stretch",
                            alt,
                            self.stretch_index.keys().map(String::as_str),
                        );
                        self.fault(STRETCHES, &lpath.key("instead"), message);
                    }
                    found
                });
                if let Some(when) = self.condition(STRETCHES, &lpath.key("when"), &l.when) {
                    leave_out.push(LeaveOut {
                        when,
                        because: l.because.clone(),
                        instead,
                    });
                }
            }
            stretches.push(Stretch {
                id: s.id.clone(),
                name: s.name.clone(),
                targets: s.targets.clone(),
                position: s.position.clone(),
                family: s.family,
                tags: s.tags.clone(),
                steps: s.steps.clone(),
                dose,
                intensity: s.intensity,
                cautions: s.cautions.clone(),
                leave_out,
            });
        }
        stretches
    }

    /// Every stretch says at least its position; a tag listed twice is a slip.
    fn tags(&mut self, path: &JsonPath, tags: &[Tag]) {
        if tags.is_empty() {
            self.fault(
                STRETCHES,
                path,
                "a stretch needs at least one tag, its position (for example `standing`)",
            );
        }
        for (i, tag) in tags.iter().enumerate() {
            if tags[..i].contains(tag) {
                self.fault(
                    STRETCHES,
                    &path.index(i),
                    format!("tag `{tag}` is listed twice"),
                );
            }
        }
    }

    fn routines(
        &mut self,
        raw: &RoutinesFile,
        stretches: &[Stretch],
    ) -> (Vec<Routine>, Vec<Withhold>) {
        let list = JsonPath::default().key("routines");
        let mut index = HashMap::new();
        let mut routines = Vec::new();
        for (i, r) in raw.routines.iter().enumerate() {
            let path = list.index(i);
            self.register(ROUTINES, &path, "routine", &r.id, i, &mut index);
            for (field, text) in [
                ("name", &r.name),
                ("purpose", &r.purpose),
                ("how_often", &r.how_often),
            ] {
                self.require_text(ROUTINES, &path.key(field), text);
            }
            if r.steps.is_empty() {
                self.fault(
                    ROUTINES,
                    &path.key("steps"),
                    "a routine needs at least one step",
                );
            }
            let mut steps = Vec::new();
            for (j, step) in r.steps.iter().enumerate() {
                let spath = path.key("steps").index(j);
                let Some(&stretch) = self.stretch_index.get(&step.stretch) else {
                    let message = unknown_id(
                        "stretch",
                        &step.stretch,
                        self.stretch_index.keys().map(String::as_str),
                    );
                    self.fault(ROUTINES, &spath.key("stretch"), message);
                    continue;
                };
                // A routine may set its own dose for a step; otherwise the stretch's default holds.
                let dose = match (&step.dose, stretches.get(stretch)) {
                    (Some(d), _) => self.dose(ROUTINES, &spath.key("dose"), d),
                    (None, Some(s)) => s.dose,
                    (None, None) => continue,
                };
                steps.push(Step { stretch, dose });
            }
            if r.select.is_empty() {
                self.fault(
                    ROUTINES,
                    &path.key("select"),
                    "a routine needs at least one selection rule, or it is never chosen",
                );
            }
            let mut select = Vec::new();
            for (j, s) in r.select.iter().enumerate() {
                let spath = path.key("select").index(j);
                self.require_text(ROUTINES, &spath.key("because"), &s.because);
                let when = match &s.when {
                    Some(raw) => match self.condition(ROUTINES, &spath.key("when"), raw) {
                        Some(c) => Some(c),
                        None => continue,
                    },
                    None => None,
                };
                select.push(Selection {
                    priority: s.priority,
                    when,
                    because: s.because.clone(),
                });
            }
            routines.push(Routine {
                id: r.id.clone(),
                name: r.name.clone(),
                purpose: r.purpose.clone(),
                how_often: r.how_often.clone(),
                steps,
                select,
            });
        }
        self.routine_index = index;

        let wlist = JsonPath::default().key("withhold");
        let mut windex = HashMap::new();
        let mut withhold = Vec::new();
        for (i, w) in raw.withhold.iter().enumerate() {
            let path = wlist.index(i);
            self.register(ROUTINES, &path, "withhold rule", &w.id, i, &mut windex);
            self.require_text(ROUTINES, &path.key("because"), &w.because);
            if let Some(when) = self.condition(ROUTINES, &path.key("when"), &w.when) {
                withhold.push(Withhold {
                    id: w.id.clone(),
                    when,
                    because: w.because.clone(),
                });
            }
        }
        (routines, withhold)
    }

    fn too_few_steps(&mut self, raw: &RoutinesFile) -> Option<TooFewSteps> {
        let t = raw.too_few_steps.as_ref()?;
        let path = JsonPath::default().key("too_few_steps");
        self.require_text(ROUTINES, &path.key("because"), &t.because);
        let longest = raw
            .routines
            .iter()
            .map(|r| r.steps.len())
            .max()
            .unwrap_or(0);
        let min_steps = usize::try_from(t.min_steps).unwrap_or(usize::MAX);
        if min_steps == 0 {
            self.fault(
                ROUTINES,
                &path.key("min_steps"),
                "`min_steps` 0 never holds a routine back; use 1 or more",
            );
        } else if min_steps > longest {
            self.fault(
                ROUTINES,
                &path.key("min_steps"),
                format!("`min_steps` {min_steps} is more than any routine has (the longest has {longest}), so no routine would ever be shown"),
            );
        }
        Some(TooFewSteps {
            min_steps,
            because: t.because.clone(),
        })
    }

    fn advice(&mut self, raw: &AdviceFile) -> (Levels, Vec<AdviceLine>, Vec<AdviceLine>, String) {
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
            self.require_text(ADVICE, &lpath.key(name).key("headline"), &level.headline);
            self.require_text(ADVICE, &lpath.key(name).key("action"), &level.action);
        }
        let levels = Levels::new(named.map(|(_, l)| Level {
            headline: l.headline.clone(),
            action: l.action.clone(),
        }));
        let tips = self.advice_lines("tips", &raw.tips);
        let safety_net = self.advice_lines("safety_net", &raw.safety_net);
        self.require_text(
            ADVICE,
            &JsonPath::default().key("disclaimer"),
            &raw.disclaimer,
        );
        (levels, tips, safety_net, raw.disclaimer.clone())
    }

    fn advice_lines(&mut self, key: &str, raw: &[RawAdviceLine]) -> Vec<AdviceLine> {
        let list = JsonPath::default().key(key);
        let mut index = HashMap::new();
        let mut lines = Vec::new();
        for (i, l) in raw.iter().enumerate() {
            let path = list.index(i);
            self.register(ADVICE, &path, "advice line", &l.id, i, &mut index);
            self.require_text(ADVICE, &path.key("text"), &l.text);
            let when = match &l.when {
                Some(raw) => match self.condition(ADVICE, &path.key("when"), raw) {
                    Some(c) => Some(c),
                    None => continue,
                },
                None => None,
            };
            lines.push(AdviceLine {
                id: l.id.clone(),
                text: l.text.clone(),
                when,
            });
        }
        if lines.len() > MAX_RULES {
            self.fault(ADVICE, &list, format!("at most {MAX_RULES} lines"));
        }
        lines
    }

    /// Compiles one condition, reporting what is wrong with it in the author's terms.
    pub(super) fn condition(
        &mut self,
        file: usize,
        path: &JsonPath,
        raw: &RawCondition,
    ) -> Option<Cond> {
        let operators: Vec<&str> = [
            ("all", raw.all.is_some()),
            ("any", raw.any.is_some()),
            ("not", raw.not.is_some()),
            ("ref", raw.reference.is_some()),
            ("question", raw.question.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        match operators.as_slice() {
            [] if has_test(raw) => {
                self.fault(file, path, "a test needs a `question` to test");
                None
            }
            [] => {
                self.fault(file, path, "an empty condition; use `all`, `any`, `not`, `ref`, or a `question` with a test");
                None
            }
            [_, _, ..] => {
                let list = operators
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(" and ");
                self.fault(file, path, format!("one condition object holds {list}; put them in separate objects inside `all` or `any`"));
                None
            }
            ["question"] => self.leaf(file, path, raw),
            [op] if has_test(raw) => {
                self.fault(
                    file,
                    path,
                    format!("`{op}` cannot carry a test; tests go with `question`"),
                );
                None
            }
            ["all"] | ["any"] => {
                let (key, children) = match (&raw.all, &raw.any) {
                    (Some(all), _) => ("all", all),
                    (_, Some(any)) => ("any", any),
                    _ => return None,
                };
                if children.is_empty() {
                    self.fault(
                        file,
                        &path.key(key),
                        format!("`{key}` needs at least one condition"),
                    );
                    return None;
                }
                let compiled: Vec<Option<Cond>> = children
                    .iter()
                    .enumerate()
                    .map(|(i, c)| self.condition(file, &path.key(key).index(i), c))
                    .collect();
                let compiled: Option<Vec<Cond>> = compiled.into_iter().collect();
                compiled.map(|c| {
                    if key == "all" {
                        Cond::All(c)
                    } else {
                        Cond::Any(c)
                    }
                })
            }
            ["not"] => {
                let inner = raw.not.as_deref()?;
                self.condition(file, &path.key("not"), inner)
                    .map(|c| Cond::Not(Box::new(c)))
            }
            ["ref"] => {
                let name = raw.reference.as_deref()?;
                match self.named_index.get(name) {
                    Some(&i) => Some(Cond::Named(i)),
                    None => {
                        let message = unknown_id(
                            "named condition",
                            name,
                            self.named_index.keys().map(String::as_str),
                        );
                        self.fault(file, &path.key("ref"), message);
                        None
                    }
                }
            }
            _ => None,
        }
    }

    fn leaf(&mut self, file: usize, path: &JsonPath, raw: &RawCondition) -> Option<Cond> {
        let id = raw.question.as_deref()?;
        let Some(&question) = self.question_index.get(id) else {
            let message = unknown_id(
                "question",
                id,
                self.question_index.keys().map(String::as_str),
            );
            self.fault(file, &path.key("question"), message);
            return None;
        };
        let tests: Vec<&str> = [
            ("is", raw.is.is_some()),
            ("one_of", raw.one_of.is_some()),
            ("contains", raw.contains.is_some()),
            ("at_least", raw.at_least.is_some()),
            ("at_most", raw.at_most.is_some()),
            ("between", raw.between.is_some()),
            ("answered", raw.answered.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        let test = match tests.as_slice() {
            [one] => *one,
            [] => {
                self.fault(file, path, format!("a test on `{id}` needs one of: is, one_of, contains, at_least, at_most, between, answered"));
                return None;
            }
            _ => {
                self.fault(
                    file,
                    path,
                    format!(
                        "one test per object: `{}` and `{}` together; put them in `all`",
                        tests[0], tests[1]
                    ),
                );
                return None;
            }
        };
        let kind = self.questions[question].kind.clone();
        let here = path.key(test);
        let mismatch = |kind: &QuestionKind, hint: &str| {
            format!(
                "`{test}` does not apply to `{id}`, a {} question; {hint}",
                kind.name()
            )
        };
        let hint = match &kind {
            QuestionKind::YesNo => "use `is: true` or `is: false`",
            QuestionKind::Single(_) => "use `is` or `one_of` with choice ids",
            QuestionKind::Multiple(_) => "use `contains` with a choice id",
            QuestionKind::Number { .. } => "use `at_least`, `at_most` or `between`",
        };
        let test = match (test, &kind) {
            ("answered", _) => Test::Answered(raw.answered?),
            ("is", QuestionKind::YesNo) => match raw.is.as_ref()?.as_bool() {
                Some(b) => Test::IsBool(b),
                None => {
                    self.fault(
                        file,
                        &here,
                        format!("`{id}` is a yes_no question; `is` takes true or false"),
                    );
                    return None;
                }
            },
            ("is", QuestionKind::Single(choices)) => match raw.is.as_ref()?.as_str() {
                Some(choice) => Test::IsChoice(self.choice(file, &here, id, choices, choice)?),
                None => {
                    self.fault(
                        file,
                        &here,
                        format!("`{id}` is a single-choice question; `is` takes a choice id"),
                    );
                    return None;
                }
            },
            ("one_of", QuestionKind::Single(choices)) => {
                let wanted = raw.one_of.as_ref()?;
                if wanted.is_empty() {
                    self.fault(file, &here, "`one_of` needs at least one choice");
                    return None;
                }
                let mut mask = 0u64;
                for (i, choice) in wanted.iter().enumerate() {
                    mask |= 1u64 << self.choice(file, &here.index(i), id, choices, choice)?;
                }
                Test::OneOf(mask)
            }
            ("contains", QuestionKind::Multiple(choices)) => {
                Test::Contains(self.choice(file, &here, id, choices, raw.contains.as_deref()?)?)
            }
            ("at_least" | "at_most" | "between", QuestionKind::Number { min, max, .. }) => {
                let (lo, hi) = match test {
                    "at_least" => (raw.at_least?, *max),
                    "at_most" => (*min, raw.at_most?),
                    _ => {
                        let [lo, hi] = raw.between?;
                        (lo, hi)
                    }
                };
                if lo > hi || hi < *min || lo > *max {
                    self.fault(
                        file,
                        &here,
                        format!("can never hold: `{id}` is answered from {min} to {max}"),
                    );
                    return None;
                }
                match test {
                    "at_least" => Test::AtLeast(lo),
                    "at_most" => Test::AtMost(hi),
                    _ => Test::Between(lo, hi),
                }
            }
            (_, kind) => {
                self.fault(file, &here, mismatch(kind, hint));
                return None;
            }
        };
        Some(Cond::Leaf(Leaf { question, test }))
    }

    fn choice(
        &mut self,
        file: usize,
        path: &JsonPath,
        question: &str,
        choices: &[Choice],
        id: &str,
    ) -> Option<u8> {
        match choices.iter().position(|c| c.id == id) {
            Some(i) => u8::try_from(i).ok(),
            None => {
                let message = unknown_id(
                    &format!("choice of `{question}`"),
                    id,
                    choices.iter().map(|c| c.id.as_str()),
                );
                self.fault(file, path, message);
                None
            }
        }
    }
}

fn has_test(raw: &RawCondition) -> bool {
    raw.is.is_some()
        || raw.one_of.is_some()
        || raw.contains.is_some()
        || raw.at_least.is_some()
        || raw.at_most.is_some()
        || raw.between.is_some()
        || raw.answered.is_some()
}

fn section_name(section: Section) -> &'static str {
    match section {
        Section::Pain => "pain",
        Section::Safety => "safety",
        Section::Pattern => "pattern",
        Section::Limits => "limits",
    }
}
