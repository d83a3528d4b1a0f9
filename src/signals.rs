//! Signals while a person is at the terminal. The questionnaire and the player put the terminal
//! in raw mode (no echo, no line editing, cursor hidden); a signal from outside (`kill`, a closed
//! tab, `timeout`) would otherwise end the process and leave the shell unusable. Here a watcher
//! thread puts the terminal back before the process ends with 128 + the signal's number, and
//! handles suspend (Ctrl-Z in the player, or `kill -TSTP`): terminal restored, process stopped,
//! raw mode taken up again on `fg`, and the time spent stopped not counted against a hold.

use crossterm::{cursor, execute, terminal};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use std::io;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

static INSTALLED: OnceLock<()> = OnceLock::new();
/// Set when the process has been resumed after a stop, until the screen owner redraws.
static RESUMED: AtomicBool = AtomicBool::new(false);
/// Milliseconds spent stopped since the process started.
static STOPPED_MS: AtomicU64 = AtomicU64::new(0);
/// Suspends begun so far: each one restored the terminal and left the cursor on a fresh line, so
/// whoever owns the screen draws anew below rather than over what it drew before.
static SUSPENDS: AtomicU64 = AtomicU64::new(0);

/// Starts the watcher once per process. Call it only when a person is at the terminal; batch
/// and scripted runs keep the default signal behaviour.
pub fn watch() -> io::Result<()> {
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => suspend(),
                    // A continue without our own stop (e.g. after `kill -STOP`): ask for a redraw.
                    SIGCONT => RESUMED.store(true, Ordering::SeqCst),
                    other => {
                        restore();
                        std::process::exit(128 + other);
                    }
                }
            }
        })?;
    let _ = INSTALLED.set(());
    Ok(())
}

/// Puts the terminal back as the shell expects it: cooked mode, echo, visible cursor, and a
/// fresh line so the shell prompt does not land inside a prompt or a countdown.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(io::stderr(), cursor::Show);
    let _ = io::Write::write_all(&mut io::stderr(), b"\r\n");
}

/// Stops the process the way the shell expects, with the terminal restored first, and takes raw
/// mode up again when it continues.
fn suspend() {
    SUSPENDS.fetch_add(1, Ordering::SeqCst);
    let was_raw = terminal::is_raw_mode_enabled().unwrap_or(false);
    restore();
    let stopped = Instant::now();
    // Raises SIGSTOP; returns once the process is continued (`fg`).
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    let ms = u64::try_from(stopped.elapsed().as_millis()).unwrap_or(u64::MAX);
    STOPPED_MS.fetch_add(ms, Ordering::SeqCst);
    if was_raw {
        let _ = terminal::enable_raw_mode();
        let _ = execute!(io::stderr(), cursor::Hide);
    }
    RESUMED.store(true, Ordering::SeqCst);
}

/// Asks to be suspended, as Ctrl-Z would in a cooked terminal (raw mode turns the key into an
/// ordinary key press, so the player passes it on here).
pub fn request_suspend() {
    if INSTALLED.get().is_some() {
        let _ = signal_hook::low_level::raise(SIGTSTP);
    }
}

/// Whether the watcher runs, so that [`request_suspend`] will stop the process.
pub fn watching() -> bool {
    INSTALLED.get().is_some()
}

/// How many suspends have begun since the process started (see [`take_resumed`]).
pub fn suspends() -> u64 {
    SUSPENDS.load(Ordering::SeqCst)
}

/// Whether the process was resumed since the last call: the screen should be drawn again.
pub fn take_resumed() -> bool {
    RESUMED.swap(false, Ordering::SeqCst)
}

/// Time spent stopped so far, to leave out of timers.
pub fn stopped_time() -> std::time::Duration {
    std::time::Duration::from_millis(STOPPED_MS.load(Ordering::SeqCst))
}
