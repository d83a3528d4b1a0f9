//! Any bytes as an answers file: read, decide, explain and render, without panicking.
#![no_main]

use backcare::knowledge::KnowledgeBase;
use backcare::report::{self, Style};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    let kb = KB.get_or_init(|| KnowledgeBase::embedded().expect("the built-in rules load"));
    let Ok(text) = backcare::input::decode(data.to_vec()) else {
        return;
    };
    if let Ok(parsed) = backcare::engine::parse_answers(kb, &text) {
        let result = report::build(kb, &parsed.answers, &parsed.ignored);
        let _ = report::render_text(&result, Style::PLAIN);
        let _ = report::render_markdown(&result);
        let _ = serde_json::to_string(&result);
    }
});
