//! Loading the knowledge base, and `rules check`.

use super::emit;
use crate::exit::{BadInput, bad_input};
use anyhow::Result;
use backcare::knowledge::{KnowledgeBase, RuleFiles, analysis};
use std::path::Path;
use std::process::ExitCode;

/// The knowledge base from `dir`, or the built-in one. A broken one is bad input, summarised in
/// one line; `rules check` lists every fault.
pub(crate) fn load(dir: Option<&Path>) -> Result<KnowledgeBase> {
    let loaded = match dir {
        Some(dir) => RuleFiles::from_dir(dir).and_then(|files| KnowledgeBase::from_files(&files)),
        None => KnowledgeBase::embedded(),
    };
    loaded.map_err(|faults| {
        let first = faults.first();
        let more = match (faults.total(), dir) {
            (1, _) => String::new(),
            (n, Some(d)) => format!(
                " (and {} more; run `backcare rules check '{}'` to see them)",
                n - 1,
                d.display()
            ),
            (n, None) => format!(" (and {} more)", n - 1),
        };
        BadInput(format!("{first}{more}")).into()
    })
}

/// `rules check [DIR]`: every fault, or what was proved about the rules.
pub(crate) fn check(dir: Option<&Path>) -> Result<ExitCode> {
    let files = match dir {
        Some(d) => RuleFiles::from_dir(d),
        None => Ok(RuleFiles::embedded()),
    };
    match files.and_then(|f| KnowledgeBase::from_files(&f).map(|kb| (f, kb))) {
        Ok((files, kb)) => {
            let (text, all_ok) = analysis::summary(&kb, &files.origin);
            emit(&text)?;
            if all_ok {
                Ok(ExitCode::SUCCESS)
            } else {
                bad_input("some checks are broken; see above")
            }
        }
        Err(faults) => {
            for line in faults.to_string().lines() {
                anstream::eprintln!("{}", backcare::sanitize::message_line(line));
            }
            let n = faults.total();
            bad_input(format!(
                "{n} fault{} found; these rules were not loaded",
                if n == 1 { "" } else { "s" }
            ))
        }
    }
}
