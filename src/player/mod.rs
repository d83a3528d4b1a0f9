//! Routines: listing, showing and playing (being written).
use crate::cli::{ListFormat, ReportFormat};
use crate::knowledge::KnowledgeBase;
use crate::report::Style;
use std::process::ExitCode;

pub fn listing(kb: &KnowledgeBase, _format: ListFormat) -> String {
    kb.routines.iter().map(|r| format!("{}\n", r.id)).collect()
}
pub fn show(kb: &KnowledgeBase, index: usize, _format: ReportFormat, _style: Style) -> String {
    kb.routines[index].name.clone()
}
pub fn play(_kb: &KnowledgeBase, _index: usize, _speed: f64) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
