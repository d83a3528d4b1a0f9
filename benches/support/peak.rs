//! Peak memory of child processes, shared by the benchmarks (a `#[path]` module, not a target).
//!
//! `getrusage` sees only children, so a benchmark measures a command by running itself again in
//! a child mode (`--peak-rss-of CMD ARGS...`) that runs the command and prints the peak: nothing
//! else the benchmark did counts.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

/// When this process was started in the child mode: runs the command, prints its peak memory in
/// KiB and returns true (the caller then exits). The command may fail (a refused rules
/// directory exits 2); it must not be killed.
pub(crate) fn run_as_child() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let Some(i) = args.iter().position(|a| a == "--peak-rss-of") else {
        return false;
    };
    let status = Command::new(&args[i + 1])
        .args(&args[i + 2..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert!(status.code().is_some(), "killed: {status}");
    println!("{}", peak_rss_of_children_kib());
    true
}

/// Peak resident memory of `bin args`, in KiB, measured in a child of a child.
pub(crate) fn peak_rss<I, S>(bin: &Path, args: I) -> u64
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let me = std::env::current_exe().expect("this benchmark's path");
    let out = Command::new(me)
        .arg("--peak-rss-of")
        .arg(bin)
        .args(args)
        .output()
        .expect("measure");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a number of KiB")
}

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
