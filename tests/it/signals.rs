//! Signals from outside (a `kill`, a closed tab, `timeout`) while the player or the questionnaire
//! holds the terminal in raw mode: the terminal must come back with echo and line editing, and
//! the exit code must be 128 + the signal. A shell on a pseudo-terminal runs backcare, then
//! `stty -a`, so the test reads the terminal's state after backcare has gone.

#![cfg(target_os = "linux")]

use expectrl::{Eof, Session};
use std::process::Command;
use std::time::{Duration, Instant};

/// `sh` on a pseudo-terminal: prints its own pid, runs backcare with `args`, then its exit code
/// and the terminal settings.
fn spawn_in_shell(args: &[&str]) -> (Session, u32) {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"stty sane; echo "SHELL=$$"; "$@"; echo "EXIT=$?"; stty -a"#)
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_backcare"))
        // No journal: a routine played here would ask for pain ratings the tests do not give.
        .arg("--no-journal")
        .args(args)
        .env_remove("BACKCARE_RULES")
        .env_remove("BACKCARE_FAKE_CLOCK")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color")
        .env("BACKCARE_JOURNAL", crate::support::scratch_journal())
        .env_remove("BACKCARE_NOW");
    let mut session = Session::spawn(cmd).expect("spawn on a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    let found = session
        .expect(expectrl::Regex("SHELL=([0-9]+)"))
        .expect("sh starts");
    let shell: u32 = String::from_utf8_lossy(found.get(1).expect("pid"))
        .parse()
        .expect("a pid");
    (session, shell)
}

/// The pid of the shell's one child (backcare), once it has started.
fn child_of(shell: u32) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        if let Some(pid) = children.split_whitespace().next() {
            return pid.parse().expect("a pid");
        }
        assert!(Instant::now() < deadline, "backcare did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success());
}

/// What the shell printed after backcare ended: its exit code and whether `stty -a` shows echo
/// and canonical mode on again.
fn after_exit(mut session: Session) -> (i32, String) {
    let found = session
        .expect(expectrl::Regex("EXIT=([0-9]+)"))
        .expect("backcare ends");
    let code: i32 = String::from_utf8_lossy(found.get(1).expect("code"))
        .parse()
        .expect("a code");
    let rest = session.expect(Eof).expect("stty prints");
    let mut text = String::from_utf8_lossy(rest.before()).into_owned();
    rest.matches()
        .for_each(|m| text.push_str(&String::from_utf8_lossy(m)));
    (code, text)
}

fn assert_terminal_restored(stty: &str) {
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["echo", "icanon", "isig", "icrnl"] {
        assert!(
            flags.contains(&flag),
            "`{flag}` is not on after the signal:\n{stty}"
        );
    }
    // The cursor is shown again (the player hides it while it counts down).
    assert!(stty.contains("\x1b[?25h") || !stty.contains("\x1b[?25l"));
}

fn signal_during_play(signal: &str, number: i32) {
    let (mut session, shell) = spawn_in_shell(&["routine", "play", "general"]);
    session.expect("Starting in").expect("the player starts");
    let backcare = child_of(shell);
    kill(signal, backcare);
    let (code, stty) = after_exit(session);
    assert_eq!(code, 128 + number, "exit code after SIG{signal}");
    assert_terminal_restored(&stty);
}

#[test]
fn sigterm_during_play_restores_the_terminal() {
    signal_during_play("TERM", 15);
}

#[test]
fn sighup_during_play_restores_the_terminal() {
    signal_during_play("HUP", 1);
}

#[test]
fn an_outside_sigint_during_play_restores_the_terminal() {
    signal_during_play("INT", 2);
}

#[test]
fn sigterm_during_the_questionnaire_restores_the_terminal() {
    let (mut session, shell) = spawn_in_shell(&["check"]);
    session.expect("[1 of about").expect("the first question");
    let backcare = child_of(shell);
    kill("TERM", backcare);
    let (code, stty) = after_exit(session);
    assert_eq!(code, 143);
    assert_terminal_restored(&stty);
}

/// The state letter of a process (`T` when stopped), from /proc.
fn state_of(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name, which is in parentheses.
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

fn wait_for_state(pid: u32, want: char) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while state_of(pid) != want {
        assert!(
            Instant::now() < deadline,
            "process {pid} never reached state {want}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// T2: Ctrl-Z in the player suspends it with the terminal restored; after a continue it takes
/// the terminal back and draws the step again.
#[test]
fn ctrl_z_in_the_player_suspends_and_redraws_on_continue() {
    let (mut session, shell) = spawn_in_shell(&["routine", "play", "general", "--speed", "10"]);
    session.expect("Step 1 of").expect("the first step");
    let backcare = child_of(shell);
    session.send("\x1a").expect("Ctrl-Z");
    wait_for_state(backcare, 'T');
    kill("CONT", backcare);
    session
        .expect("Step 1 of")
        .expect("the step is drawn again after the continue");
    session.send("q").expect("quit");
    let (code, stty) = after_exit(session);
    assert_eq!(code, 0);
    assert_terminal_restored(&stty);
}

/// The terminal settings of `pid`'s terminal, as `stty -a` prints them, read from outside while
/// the process is stopped.
fn stty_of(pid: u32) -> String {
    let tty = std::fs::read_link(format!("/proc/{pid}/fd/2")).expect("the terminal of stderr");
    let out = Command::new("stty")
        .arg("-a")
        .arg("-F")
        .arg(&tty)
        .output()
        .expect("run stty");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Echo and line editing are on, as a shell needs while backcare is stopped.
fn assert_cooked(stty: &str) {
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["echo", "icanon", "isig"] {
        assert!(
            flags.contains(&flag),
            "`{flag}` is off while stopped:\n{stty}"
        );
    }
}

/// Ctrl-Z typed in a prompt suspends the process for real, with the terminal given back while
/// it is stopped; after a continue the prompt is drawn again with what was typed, and the
/// answer is whole.
#[test]
fn ctrl_z_in_a_prompt_suspends_and_redraws_on_continue() {
    let (mut session, shell) = spawn_in_shell(&["check"]);
    session.expect("[1 of about").expect("the first question");
    let backcare = child_of(shell);
    // The keys arrive in order: the digit is read before Ctrl-Z.
    session.send("4\x1a").expect("a digit, then Ctrl-Z");
    wait_for_state(backcare, 'T');
    assert_cooked(&stty_of(backcare));
    kill("CONT", backcare);
    session
        .expect(expectrl::Regex(
            r"\[1 of about \d+\] How old are you\?\r\n> 4",
        ))
        .expect("the prompt is drawn again with the digit typed before the stop");
    session.send("2\r").expect("the rest of the answer");
    session
        .expect("How old are you? -> 42")
        .expect("the answer keeps the digit typed before the stop");
    session.expect("[2 of about").expect("the next question");
    session.send("\x03").expect("Ctrl-C");
    let (code, stty) = after_exit(session);
    assert_eq!(code, 130);
    assert_terminal_restored(&stty);
}

/// A stop from outside (`kill -TSTP`) during a choice list: the terminal is given back while
/// stopped, and the list is drawn again as it was on continue.
#[test]
fn an_outside_sigtstp_in_a_prompt_redraws_on_continue() {
    let (mut session, shell) = spawn_in_shell(&["check"]);
    session.expect("[1 of about").expect("the first question");
    let backcare = child_of(shell);
    session.send("35\r").expect("an age");
    session.expect("[2 of about").expect("the choice list");
    session.send("\x1b[B").expect("down to the first answer");
    session
        .expect("> Less than 6 weeks")
        .expect("the cursor moved");
    kill("TSTP", backcare);
    wait_for_state(backcare, 'T');
    assert_cooked(&stty_of(backcare));
    kill("CONT", backcare);
    session
        .expect(expectrl::Regex(
            r"\[2 of about \d+\][^\n]*\r\n  \(choose an answer\)\r\n> Less than 6 weeks",
        ))
        .expect("the list is drawn again, the cursor where it was");
    session.send("\x03").expect("Ctrl-C");
    let (code, stty) = after_exit(session);
    assert_eq!(code, 130);
    assert_terminal_restored(&stty);
}

/// Ctrl-C in a prompt, with something typed: exit 130, and the shell finds echo and line
/// editing on again.
#[test]
fn ctrl_c_in_a_prompt_exits_130_with_the_terminal_restored() {
    let (mut session, _) = spawn_in_shell(&["check"]);
    session.expect("[1 of about").expect("the first question");
    session.send("4\x03").expect("a digit, then Ctrl-C");
    let (code, stty) = after_exit(session);
    assert_eq!(code, 130);
    assert_terminal_restored(&stty);
}
