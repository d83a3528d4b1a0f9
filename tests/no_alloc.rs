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
    let kb = KnowledgeBase::embedded().expect("load");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let sets: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios")
        .map(|e| {
            let text = std::fs::read_to_string(e.expect("entry").path()).expect("read");
            let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            parse_answers(&kb, &value["answers"].to_string())
                .expect("valid")
                .answers
        })
        .collect();
    let before = ALLOCATIONS.with(Cell::get);
    let mut emergencies = 0;
    for _ in 0..10 {
        for answers in &sets {
            emergencies +=
                usize::from(decide(&kb, answers).urgency == backcare::Urgency::Emergency);
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
    let _report = backcare::report::build(&kb, &sets[0], &[]);
    assert!(ALLOCATIONS.with(Cell::get) > after);
}
