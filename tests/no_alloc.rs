//! The engine's hot path allocates nothing: `decide` runs under an allocator that counts.
//!
//! A separate test binary, because a global allocator applies to every test it is linked with.
#![allow(unsafe_code)] // implementing GlobalAlloc is unsafe by definition; this only counts

use backcare::engine::{decide, parse_answers};
use backcare::knowledge::KnowledgeBase;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Allocations made by this thread; const-initialised so reading it never allocates.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

struct Counting;

// SAFETY: every call is passed straight to the system allocator; counting touches no memory it
// hands out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller upholds `alloc`'s contract, which we pass on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` above, with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

#[test]
fn deciding_an_answer_set_does_not_allocate() {
    decides_without_allocating(&KnowledgeBase::embedded().expect("load"));
}

/// With `too_few_steps` set, `decide` also counts the stretches that survive the leave-outs.
#[test]
fn counting_the_stretches_left_does_not_allocate() {
    let mut files = backcare::knowledge::RuleFiles::embedded();
    let routines = &mut files.files[4];
    let mut value: serde_json::Value = serde_json::from_str(&routines.text).expect("JSON");
    value["too_few_steps"] = serde_json::json!({ "min_steps": 3, "because": "too little is left" });
    routines.text = value.to_string();
    decides_without_allocating(&KnowledgeBase::from_files(&files).expect("load"));
}

fn decides_without_allocating(kb: &KnowledgeBase) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let sets: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios")
        .map(|e| {
            let text = std::fs::read_to_string(e.expect("entry").path()).expect("read");
            let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            parse_answers(kb, &value["answers"].to_string())
                .expect("valid")
                .answers
        })
        .collect();
    let before = ALLOCATIONS.with(Cell::get);
    let mut emergencies = 0;
    for _ in 0..10 {
        for answers in &sets {
            emergencies += usize::from(decide(kb, answers).urgency == backcare::Urgency::Emergency);
        }
    }
    let after = ALLOCATIONS.with(Cell::get);
    assert_eq!(
        after - before,
        0,
        "decide allocated {} times over {} decisions",
        after - before,
        10 * sets.len()
    );
    assert!(emergencies > 0, "the decisions really ran");
    // And the counter works: building the full report does allocate.
    let _report = backcare::report::build(kb, &sets[0], &[]);
    assert!(ALLOCATIONS.with(Cell::get) > after);
}
