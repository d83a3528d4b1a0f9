//! Peak memory of child processes, shared by the benchmarks (a `#[path]` module, not a target).

/// The largest resident set of any child waited for so far, in KiB.
pub(crate) fn peak_rss_of_children_kib() -> u64 {
    // SAFETY: getrusage writes into the zeroed struct we pass; no other invariants.
    #[allow(unsafe_code)]
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage);
        usage
    };
    u64::try_from(usage.ru_maxrss).unwrap_or(0)
}
