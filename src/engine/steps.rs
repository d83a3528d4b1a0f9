//! How many stretches of a routine a person is left with, without allocating.
//!
//! `decide` must not allocate (a counting allocator test holds it to that), yet whether a
//! routine is shown can depend on how many of its stretches survive the leave-out rules
//! (`too_few_steps` in routines.json). This counts them by the same rules as
//! [`resolve_steps`](super::resolve_steps), which builds the steps themselves for the report;
//! a test keeps the two in step.

use crate::model::{Answers, KnowledgeBase, LeaveOut, Truth};

/// The leave-out rule of `stretch` that applies. A rule applies unless it is definitely false:
/// when we do not know whether a stretch is safe for someone, we leave it out. When several
/// apply, the choice does not depend on their order in the file: a rule with no alternative
/// wins (the stretch is dropped), then the alphabetically first reason.
pub(super) fn applicable_leave_out<'a>(
    kb: &'a KnowledgeBase,
    stretch: usize,
    answers: &Answers,
) -> Option<&'a LeaveOut> {
    kb.stretches[stretch]
        .leave_out
        .iter()
        .filter(|l| l.when.eval(answers, &kb.named) != Truth::False)
        .min_by_key(|l| leave_out_key(kb, l))
}

/// The order in which applicable leave-out rules compete.
fn leave_out_key<'a>(kb: &'a KnowledgeBase, l: &'a LeaveOut) -> (bool, &'a str, Option<&'a str>) {
    let alternative = l.instead.map(|i| kb.stretches[i].id.as_str());
    (alternative.is_some(), l.because.as_str(), alternative)
}

/// The stretch shown in place of `stretch`: itself, its alternative when it is left out and the
/// alternative is safe, or none.
fn shown_instead_of(kb: &KnowledgeBase, stretch: usize, answers: &Answers) -> Option<usize> {
    match applicable_leave_out(kb, stretch, answers) {
        None => Some(stretch),
        Some(rule) => rule
            .instead
            .filter(|&alt| applicable_leave_out(kb, alt, answers).is_none()),
    }
}

/// The number of distinct stretches routine `routine` shows for `answers`: an alternative that
/// stands in for two steps counts once, as it is done once.
pub fn surviving_steps(kb: &KnowledgeBase, routine: usize, answers: &Answers) -> usize {
    let steps = &kb.routines[routine].steps;
    (0..steps.len())
        .filter(|&i| {
            shown_instead_of(kb, steps[i].stretch, answers).is_some_and(|shown| {
                !(0..i).any(|j| shown_instead_of(kb, steps[j].stretch, answers) == Some(shown))
            })
        })
        .count()
}
