//! The interactive questionnaire (being written).
use crate::knowledge::KnowledgeBase;
use crate::report::Report;
use std::path::Path;

pub fn interactive(
    _kb: &KnowledgeBase,
    _save: Option<&Path>,
    _color: bool,
) -> anyhow::Result<Option<Report>> {
    crate::exit::bad_input("no terminal: use `backcare check --answers FILE`")
}

pub fn offer_routine(_kb: &KnowledgeBase, _report: &Report) -> anyhow::Result<()> {
    Ok(())
}
