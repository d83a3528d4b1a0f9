//! Loading hostile rule directories: the three shapes of the reliability review, at the sizes it
//! ran them, each timed (best of 5) and its peak memory measured. Prints a Markdown table for
//! the README. Run with `cargo bench --bench hostile`.

// Kibibytes of one process are far below 2^52, so `f64` holds them exactly.
#![allow(clippy::cast_precision_loss)]

#[path = "support/peak.rs"]
mod peak;
#[path = "../tests/shapes/hostile_rules.rs"]
mod shapes;
use peak::peak_rss;

use shapes::Shape;
use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    if peak::run_as_child() {
        return;
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_backcare"));
    println!(
        "| rules directory | outcome | load time (best of 5) | peak memory |\n|---|---|---|---|"
    );
    for shape in [
        Shape::Diamond { levels: 30 },
        Shape::Chain { links: 140_000 },
        Shape::Faults { count: 40_000 },
    ] {
        let dir = std::env::temp_dir().join(format!("backcare-hostile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        for entry in std::fs::read_dir(repo.join("rules")).expect("rules/") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.join(path.file_name().expect("a name"))).expect("copy");
        }
        shapes::write(&dir, shape);
        let mut best = Duration::MAX;
        let mut code = None;
        for _ in 0..5 {
            let started = Instant::now();
            let status = Command::new(&bin)
                .args(["rules", "check"])
                .arg(&dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("runs");
            best = best.min(started.elapsed());
            code = status.code();
        }
        let outcome = match code {
            Some(0) => "loads".to_owned(),
            Some(2) => "refused with a located fault".to_owned(),
            other => format!("exit {other:?}"),
        };
        let kib = peak_rss(
            &bin,
            [OsStr::new("rules"), OsStr::new("check"), dir.as_os_str()],
        );
        println!(
            "| {} | {outcome} | {:.1} ms | {:.1} MiB |",
            shape.name(),
            best.as_secs_f64() * 1000.0,
            kib as f64 / 1024.0
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
