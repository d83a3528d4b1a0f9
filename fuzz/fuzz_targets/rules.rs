//! Any bytes as one rule file (the first byte picks which), the other five as shipped: load,
//! check, and when it loads, prove and answer, without panicking.
#![no_main]

use backcare::knowledge::source::RuleFiles;
use backcare::knowledge::{KnowledgeBase, analysis};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = backcare::input::decode(rest.to_vec()) else {
        return;
    };
    let mut files = RuleFiles::embedded();
    files.files[usize::from(which) % files.files.len()].text = text;
    match KnowledgeBase::from_files(&files) {
        Err(faults) => {
            let _ = faults.to_string();
        }
        Ok(kb) => {
            let _ = analysis::summary(&kb, "fuzz");
            let answers = backcare::engine::Answers::empty(kb.questions.len());
            let _ = backcare::report::build(&kb, &answers, &[]);
        }
    }
});
