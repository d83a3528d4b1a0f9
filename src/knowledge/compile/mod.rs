//! Checks the parsed rule files and compiles them into a [`KnowledgeBase`].
//!
//! Every fault is collected, not only the first, so an author can fix a file in one pass. Ids are
//! resolved to indices here; the engine never sees a string id. One submodule per rule file
//! (`questions`, `triage`, `stretches`, `routines`, `advice`, `poses`, `progression`);
//! `conditions` compiles the `when`s all of them carry (`fact_conditions` those of
//! progression.json, over facts rather than answers), and `serde_errors` explains what serde
//! could not parse.

mod advice;
mod characters;
mod conditions;
mod fact_conditions;
mod leaf;
mod limits;
mod named;
mod poses;
mod progression;
mod questions;
mod routines;
mod serde_errors;
mod stretches;
mod triage;

use super::analysis;
use super::fault::{Fault, Faults};
use super::floor::FloorFile;
use super::locate::{JsonPath, locate};
use super::raw::{
    AdviceFile, ConditionsFile, QuestionsFile, RoutinesFile, StretchesFile, TriageFile,
};
use super::source::{RuleFile, RuleFiles};
use crate::model::{KbParts, KnowledgeBase, NamedCondition, Origin, Question, RuleFileKind};
use serde_errors::parse;
use std::collections::HashMap;

/// Most faults located and listed; past this they are counted. Locating a fault walks its
/// file's text, so tens of thousands of them (one bad field repeated) would take minutes, and
/// nobody reads past the first screenful anyway.
const MAX_LISTED_FAULTS: usize = 100;

/// The file format this build reads.
pub(crate) const FORMAT_VERSION: u32 = 1;

pub(crate) fn compile(files: &RuleFiles) -> Result<KnowledgeBase, Faults> {
    let kb = compile_unproved(files)?;
    // The safety invariants are checked on every load, so no knowledge base that breaks one is
    // ever used, whatever the directory it came from.
    let mut c = Compiler::new(files);
    for (kind, path, message) in analysis::load_faults(&kb) {
        c.fault(kind, &path, message);
    }
    match c.take_faults() {
        None => Ok(kb),
        Some(faults) => Err(faults),
    }
}

/// Every check but the proofs of the assembled knowledge base: what `compile` proves things
/// about. Tests use it to compare a proof with brute force on rules the proof would refuse.
#[allow(clippy::too_many_lines)] // One phase after another, in the order they must run.
pub(crate) fn compile_unproved(files: &RuleFiles) -> Result<KnowledgeBase, Faults> {
    let mut parse_faults = Vec::new();
    let file = |kind: RuleFileKind| files.file(kind);
    let questions = parse::<QuestionsFile>(file(RuleFileKind::Questions), &mut parse_faults);
    let conditions = parse::<ConditionsFile>(file(RuleFileKind::Conditions), &mut parse_faults);
    let triage = parse::<TriageFile>(file(RuleFileKind::Triage), &mut parse_faults);
    let stretches = parse::<StretchesFile>(file(RuleFileKind::Stretches), &mut parse_faults);
    let routines = parse::<RoutinesFile>(file(RuleFileKind::Routines), &mut parse_faults);
    let advice = parse::<AdviceFile>(file(RuleFileKind::Advice), &mut parse_faults);
    let floor = parse::<FloorFile>(file(RuleFileKind::SafetyFloor), &mut parse_faults);
    let poses = parse::<poses::PosesFile>(file(RuleFileKind::Poses), &mut parse_faults);
    let progression =
        parse::<progression::ProgressionFile>(file(RuleFileKind::Progression), &mut parse_faults);
    let (
        Some(questions),
        Some(conditions),
        Some(triage),
        Some(stretches),
        Some(routines),
        Some(advice),
        Some(floor),
        Some(poses),
        Some(progression),
    ) = (
        questions,
        conditions,
        triage,
        stretches,
        routines,
        advice,
        floor,
        poses,
        progression,
    )
    else {
        return Err(parse_failed(files, parse_faults));
    };

    let mut c = Compiler::new(files);
    let versions = [
        questions.version,
        conditions.version,
        triage.version,
        stretches.version,
        routines.version,
        advice.version,
        floor.version,
        poses.version,
        progression.version,
    ];
    for (kind, version) in RuleFileKind::ALL.into_iter().zip(versions) {
        if version != FORMAT_VERSION {
            c.fault(
                kind,
                &JsonPath::default().key("version"),
                format!("version {version} is not supported; this backcare reads version {FORMAT_VERSION}"),
            );
        }
    }

    c.refuse_control_characters();
    c.question_shapes(&questions.questions);
    c.named_conditions(&conditions.conditions);
    if let Some(faults) = c.take_faults() {
        // Later checks follow named conditions; a cycle or a broken question list would make
        // them loop or report the same fault again under another name.
        return Err(faults);
    }
    c.ask_when(&questions.questions);
    let triage = c.triage(&triage.rules);
    let stretches = c.stretches(&stretches.stretches);
    let routines_file = routines;
    let too_few_steps = c.too_few_steps(&routines_file);
    let routines = c.routines(&routines_file.routines, &stretches);
    c.shadowed_selections(&routines);
    let withhold = c.withhold(&routines_file.withhold);
    let (levels, tips, safety_net, disclaimer) = c.advice(&advice);
    let floor = c.safety_floor(&floor);
    let poses = c.poses(&poses.poses, &stretches);
    let progression = c.progression(&progression, &routines, &stretches);
    if let Some(faults) = c.take_faults() {
        return Err(faults);
    }
    let kb = KnowledgeBase::assemble(KbParts {
        questions: c.questions,
        named: c.named,
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
        poses,
        progression,
        origin: Origin {
            source: files.origin.clone(),
            fingerprint: files.fingerprint(),
        },
    });
    // Bounded conditions first: the proofs below evaluate them many times over.
    let mut c = Compiler::new(files);
    for (kind, path, message) in limits::oversized_sites(&kb) {
        c.fault(kind, &path, message);
    }
    match c.take_faults() {
        None => Ok(kb),
        Some(faults) => Err(faults),
    }
}

/// The faults of the parse phase. Every file that failed to parse reported one; should none
/// arrive, loading still fails, with a message that says so, rather than carry on.
fn parse_failed(files: &RuleFiles, faults: Vec<Fault>) -> Faults {
    Faults::from_vec(faults).unwrap_or_else(|| {
        Faults::new(Fault {
            file: files.origin.clone(),
            line: 0,
            column: 0,
            path: String::new(),
            message: "could not be parsed, and no reason was recorded (a bug)".to_owned(),
        })
    })
}

/// A fault at a byte offset of a file's text, for faults found by reading the text itself.
fn make_positioned_fault(file: &RuleFile, offset: usize, message: String) -> Fault {
    let (line, column) = super::locate::line_column(&file.text, offset);
    Fault {
        file: file.name.clone(),
        line,
        column,
        path: String::new(),
        message,
    }
}

fn make_fault(file: &RuleFile, path: &JsonPath, message: String) -> Fault {
    let (line, column) = locate(&file.text, path);
    Fault {
        file: file.name.clone(),
        line,
        column,
        path: path.render(),
        message,
    }
}

/// The ids in an index, for a "did you mean" suggestion.
fn ids(index: &HashMap<String, usize>) -> impl Iterator<Item = &str> {
    index.keys().map(String::as_str)
}

/// What has been compiled so far, the id indices later files refer to, and every fault found.
pub(super) struct Compiler<'a> {
    files: &'a RuleFiles,
    faults: Vec<Fault>,
    /// Faults found past [`MAX_LISTED_FAULTS`], counted but not located.
    unlisted: usize,
    questions: Vec<Question>,
    question_index: HashMap<String, usize>,
    named: Vec<NamedCondition>,
    named_index: HashMap<String, usize>,
    stretch_index: HashMap<String, usize>,
    routine_index: HashMap<String, usize>,
}

impl<'a> Compiler<'a> {
    fn new(files: &'a RuleFiles) -> Compiler<'a> {
        Compiler {
            files,
            faults: Vec::new(),
            unlisted: 0,
            questions: Vec::new(),
            question_index: HashMap::new(),
            named: Vec::new(),
            named_index: HashMap::new(),
            stretch_index: HashMap::new(),
            routine_index: HashMap::new(),
        }
    }

    pub(super) fn fault(
        &mut self,
        file: RuleFileKind,
        path: &JsonPath,
        message: impl Into<String>,
    ) {
        if self.faults.len() >= MAX_LISTED_FAULTS {
            self.unlisted += 1;
            return;
        }
        self.faults
            .push(make_fault(self.files.file(file), path, message.into()));
    }

    /// Records a fault made elsewhere, within the same limit as [`Compiler::fault`].
    fn push_fault(&mut self, fault: Fault) {
        if self.faults.len() >= MAX_LISTED_FAULTS {
            self.unlisted += 1;
        } else {
            self.faults.push(fault);
        }
    }

    /// The faults found so far, with a last line counting those not listed; `None` when there
    /// are none.
    fn take_faults(&mut self) -> Option<Faults> {
        let faults = Faults::from_vec(std::mem::take(&mut self.faults))?;
        Some(faults.with_unlisted(std::mem::take(&mut self.unlisted)))
    }

    /// Records `id` in `index` at `position`, reporting a malformed or duplicate id.
    pub(super) fn register(
        &mut self,
        file: RuleFileKind,
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
                format!(
                    "{what} id `{}` must be lower-case letters, digits and underscores",
                    crate::sanitize::quote(id)
                ),
            );
        }
        if index.contains_key(id) {
            let id = crate::sanitize::quote(id);
            self.fault(file, &path.key("id"), format!("duplicate {what} id `{id}`"));
        } else {
            index.insert(id.to_owned(), position);
        }
    }

    pub(super) fn require_text(&mut self, file: RuleFileKind, path: &JsonPath, text: &str) {
        if text.trim().is_empty() {
            self.fault(file, path, "must not be empty");
        }
    }
}
