//! Real-terminal tests: the built binary on a pseudo-terminal, driven by typed keys. CI has no
//! terminal of its own; expectrl makes one.

use backcare::knowledge::{KnowledgeBase, QuestionKind, Section};
use expectrl::{ControlCode, Eof, Session, WaitStatus};
use std::process::Command;
use std::time::Duration;

pub(crate) const ENTER: &str = "\r";
const ESC: &str = "\x1b";
pub(crate) const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

/// The binary on a pseudo-terminal, with the player's stepping clock: routines play in a moment.
fn spawn(args: &[&str], no_color: bool) -> Session {
    spawn_with_clock(args, no_color, true)
}

fn spawn_with_clock(args: &[&str], no_color: bool, fake_clock: bool) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backcare"));
    // No journal: a routine played here would ask for pain ratings (tests/it/journal.rs gives
    // them).
    cmd.arg("--no-journal")
        .args(args)
        .env_remove("BACKCARE_RULES")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm-256color")
        .env("BACKCARE_JOURNAL", crate::support::scratch_journal())
        .env_remove("BACKCARE_NOW");
    if fake_clock {
        cmd.env("BACKCARE_FAKE_CLOCK", "1");
    } else {
        cmd.env_remove("BACKCARE_FAKE_CLOCK");
    }
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let mut session = Session::spawn(cmd).expect("spawn on a pseudo-terminal");
    session
        .get_process_mut()
        .set_window_size(100, 40)
        .expect("window size");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

pub(crate) fn send(s: &mut Session, text: &str) {
    s.send(text).expect("send keys");
}

/// Waits for prompt number `n`, then types `keys`. No pause is needed: the prompter turns raw
/// mode on before it draws a prompt, so once the prompt is seen, keys are read as keys.
pub(crate) fn answer(s: &mut Session, n: usize, keys: &str) {
    s.expect(format!("[{n} of about"))
        .unwrap_or_else(|e| panic!("prompt {n} did not appear: {e}"));
    if keys == NONE_OF_THESE {
        send(s, ENTER);
        s.expect("None of these apply to you?")
            .unwrap_or_else(|e| panic!("prompt {n} asked no confirmation: {e}"));
        send(s, "y\r");
    } else {
        send(s, keys);
    }
}

/// Everything printed until the program ends, and its exit code.
pub(crate) fn finish(mut s: Session) -> (String, i32) {
    // With the Eof needle, the remaining output is the match itself rather than what came before it.
    let rest = s
        .expect(Eof)
        .map(|c| {
            let mut bytes = c.before().to_vec();
            c.matches().for_each(|m| bytes.extend_from_slice(m));
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .unwrap_or_default();
    let code = match s.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    };
    (rest, code)
}

/// Stands for "Enter with nothing ticked, then confirm that none apply", the answer "none" to
/// a multiple-choice question the triage rules read.
const NONE_OF_THESE: &str = "<none of these>";

/// Keys for a calm answer to each question of the shipped questionnaire asked of everyone, in
/// `sections`: age 35, pain 4, the first choice (the calm one), no, nothing ticked. Follow-ups
/// are not asked after calm answers. Built from the questions, so the tests follow them. A
/// single-choice question the triage rules read starts on "(choose an answer)", so its first
/// choice is one step down.
pub(crate) fn calm_keys(sections: &[Section]) -> Vec<String> {
    let kb = KnowledgeBase::embedded().expect("the shipped rules load");
    let required = kb.triage_questions();
    kb.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.ask_when.is_none() && sections.contains(&q.section))
        .map(|(i, q)| match (&q.kind, q.id.as_str()) {
            (QuestionKind::Number { .. }, "age") => "35\r".to_owned(),
            (QuestionKind::Number { .. }, "pain_score") => "4\r".to_owned(),
            (QuestionKind::Number { min, .. }, _) => format!("{min}\r"),
            (QuestionKind::YesNo, _) => "n\r".to_owned(),
            (QuestionKind::Single(_), _) if required[i] => format!("{DOWN}{ENTER}"),
            (QuestionKind::Multiple(_), _) if required[i] => NONE_OF_THESE.to_owned(),
            (QuestionKind::Single(_) | QuestionKind::Multiple(_), _) => ENTER.to_owned(),
        })
        .collect()
}

/// A shipped routine's name and the names of its stretches.
fn routine(id: &str) -> (String, Vec<String>) {
    let kb = KnowledgeBase::embedded().expect("the shipped rules load");
    let r = &kb.routines[kb.routine_index(id).expect("the routine exists")];
    let steps = r
        .steps
        .iter()
        .map(|s| kb.stretches[s.stretch].name.clone())
        .collect();
    (r.name.clone(), steps)
}

pub(crate) const ALL: [Section; 4] = [
    Section::Pain,
    Section::Safety,
    Section::Pattern,
    Section::Limits,
];

/// The calm answers to prompts `from` onwards: nothing worrying, no pattern, no limits.
pub(crate) fn answer_calm_from(s: &mut Session, from: usize) {
    for (n, k) in calm_keys(&ALL).iter().enumerate().skip(from - 1) {
        answer(s, n + 1, k);
    }
}

#[test]
fn a_full_self_care_run_reaches_the_report() {
    let mut s = spawn(&["check"], false);
    answer_calm_from(&mut s, 1);
    s.expect("YOU CAN LOOK AFTER THIS AT HOME")
        .expect("the self-care headline");
    let name = routine("general").0;
    s.expect(name.as_str()).expect("the routine");
    s.expect(format!("Start \"{name}\" now"))
        .expect("the offer to start it");
    send(&mut s, "n\r");
    let (_, code) = finish(s);
    assert_eq!(code, 0);
}

#[test]
fn the_offered_routine_plays_after_the_report() {
    let mut s = spawn(&["check"], true);
    answer_calm_from(&mut s, 1);
    let (name, steps) = routine("general");
    s.expect(format!("Start \"{name}\" now"))
        .expect("the offer to start it");
    send(&mut s, "y\r");
    s.expect(format!("Step 1 of {}: {}", steps.len(), steps[0]))
        .expect("the player starts");
    send(&mut s, "q");
    let (rest, code) = finish(s);
    assert_eq!(code, 0);
    let stopped = format!("Stopped early: 0 of {} steps done", steps.len());
    assert!(rest.contains(&stopped), "{rest}");
}

#[test]
fn an_emergency_answer_stops_at_once() {
    let mut s = spawn(&["check"], true);
    let mut keys = calm_keys(&[Section::Pain]);
    let saddle = keys.len() + 1;
    keys.push("y\r".to_owned());
    for (n, k) in keys.iter().enumerate() {
        answer(&mut s, n + 1, k);
    }
    s.expect("EMERGENCY: GET HELP NOW")
        .expect("the emergency headline");
    let (rest, code) = finish(s);
    assert_eq!(code, 0);
    // The answer behind the emergency, in the person's words, not an id.
    assert!(
        rest.contains("You answered \"yes\" to: Is there numbness"),
        "{rest}"
    );
    assert!(!rest.contains("saddle_numbness"), "{rest}");
    assert!(
        !rest.contains(&format!("[{} of about", saddle + 1)),
        "no question after the emergency answer: {rest}"
    );
    assert!(!rest.contains("Start \""), "no routine offered: {rest}");
}

#[test]
fn esc_goes_back_and_the_answer_can_be_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("answers.json");
    let mut s = spawn(
        &["check", "--save-answers", saved.to_str().expect("utf-8")],
        true,
    );
    answer(&mut s, 1, "35\r");
    // The cursor starts on "(choose an answer)": two down is the second choice.
    answer(&mut s, 2, &format!("{DOWN}{DOWN}{ENTER}")); // 6 to 12 weeks
    answer(&mut s, 3, ESC); // back from the pain score
    s.expect("> Between 6 and 12 weeks")
        .expect("the earlier answer is pre-selected");
    send(&mut s, &format!("{UP}{ENTER}")); // change it to under 6 weeks
    answer_calm_from(&mut s, 3);
    s.expect("Start \"")
        .expect("the offer to start the routine");
    send(&mut s, "n\r");
    let (_, code) = finish(s);
    assert_eq!(code, 0);
    let answers: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("saved")).expect("JSON");
    assert_eq!(answers["duration"], "under_6_weeks");
    assert_eq!(
        answers.as_object().map(serde_json::Map::len),
        Some(calm_keys(&ALL).len())
    );
    // The saved file is a valid --answers file that gives the same result.
    super::support::backcare()
        .args(["check", "--answers"])
        .arg(&saved)
        .assert()
        .success();
}

#[test]
fn an_invalid_number_is_rejected_in_place() {
    let mut s = spawn(&["check"], true);
    answer(&mut s, 1, "abc\r");
    s.expect("Please type a whole number")
        .expect("not a number");
    send(&mut s, "\x7f\x7f\x7f200\r");
    s.expect("Please enter a number from 1 to 110")
        .expect("out of range");
    // A stray space around the number is forgiven (U17).
    send(&mut s, "\x7f\x7f\x7f 45 \r");
    s.expect("[2 of about").expect("moves on once valid");
    send(
        &mut s,
        &String::from_utf8_lossy(ControlCode::EndOfText.as_ref()),
    );
    let (_, code) = finish(s);
    assert_eq!(code, 130);
}

#[test]
fn ctrl_c_quits_with_130_and_restores_the_terminal() {
    let mut s = spawn(&["check"], true);
    answer(&mut s, 1, "40\r");
    answer(&mut s, 2, "");
    s.send(ControlCode::EndOfText).expect("ctrl-c");
    let (rest, code) = finish(s);
    assert_eq!(code, 130);
    assert!(!rest.contains("internal error"), "{rest}");
    assert!(
        !rest.contains("backcare: interrupted"),
        "no error message for a deliberate quit: {rest}"
    );
    // A fresh line says it stopped, so the shell prompt does not land inside the prompt (U9).
    assert!(rest.contains("\r\nbackcare: stopped."), "{rest:?}");
}

#[test]
fn no_color_report_has_no_escape_codes() {
    let mut s = spawn(&["check"], true);
    answer_calm_from(&mut s, 1);
    let report = s
        .expect("contact a health professional.")
        .expect("the report");
    let text = String::from_utf8_lossy(report.before()).into_owned();
    let start = text
        .find("YOU CAN LOOK AFTER THIS AT HOME")
        .expect("the headline");
    assert!(
        !text[start..].contains('\x1b'),
        "escape codes in the report: {:?}",
        &text[start..]
    );
    send(&mut s, "n\r");
    let (_, code) = finish(s);
    assert_eq!(code, 0);
}

#[test]
fn player_runs_hands_free_to_the_summary() {
    let s = spawn(&["routine", "play", "general", "--speed", "60"], true);
    let (rest, code) = finish(s);
    assert_eq!(code, 0);
    assert!(rest.contains("Step 1 of 5: Cat-cow"), "{rest}");
    assert!(rest.contains("Now the right side."), "{rest}");
    assert!(
        rest.contains("Routine finished: 5 of 5 steps done, 0 skipped"),
        "{rest}"
    );
}

#[test]
fn player_pauses_and_resumes() {
    let mut s = spawn(&["routine", "play", "general"], true);
    s.expect("Step 1 of 5").expect("the first step");
    send(&mut s, " ");
    s.expect("Paused. Space to carry on.").expect("paused");
    send(&mut s, " ");
    s.expect(" left").expect("the countdown resumes");
    send(&mut s, "q");
    let (rest, code) = finish(s);
    assert_eq!(code, 0);
    assert!(rest.contains("Stopped early: 0 of 5 steps done"), "{rest}");
}

#[test]
fn player_skips_ahead() {
    let mut s = spawn(&["routine", "play", "sciatica_relief"], true);
    let (_, steps) = routine("sciatica_relief");
    let n = steps.len();
    s.expect(format!("Step 1 of {n}: {}", steps[0]))
        .expect("the first step");
    send(&mut s, "n");
    s.expect(format!("Step 2 of {n}: {}", steps[1]))
        .expect("the second step");
    send(&mut s, "q");
    let (rest, code) = finish(s);
    assert_eq!(code, 0);
    assert!(
        rest.contains(&format!("0 of {n} steps done, 1 skipped")),
        "{rest}"
    );
}

/// The one player test on the wall clock, so the real clock stays covered.
#[test]
fn player_quits_with_q_and_a_summary() {
    let mut s = spawn_with_clock(
        &["routine", "play", "morning_mobility", "--speed", "5"],
        true,
        false,
    );
    s.expect("Step 1 of 3").expect("the first step");
    send(&mut s, "\r"); // cat-cow is breath-paced: Enter moves on
    s.expect("Step 2 of 3").expect("the second step");
    send(&mut s, "q");
    let (rest, code) = finish(s);
    assert_eq!(code, 0);
    assert!(
        rest.contains("Stopped early: 1 of 3 steps done, 0 skipped"),
        "{rest}"
    );
}

#[test]
fn player_ctrl_c_gives_130() {
    let mut s = spawn(&["routine", "play", "general"], true);
    s.expect("Step 1 of 5").expect("the first step");
    s.send(ControlCode::EndOfText).expect("ctrl-c");
    let (rest, code) = finish(s);
    assert_eq!(code, 130);
    assert!(!rest.contains("Routine finished"), "{rest}");
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is shown again: {rest:?}"
    );
}

/// The number of the first warning-sign prompt: after the questions about the pain.
fn first_warning_sign() -> usize {
    calm_keys(&[Section::Pain]).len() + 1
}

/// W4: a bare Enter on a single-choice question the rules read picks nothing; the cursor starts
/// on "(choose an answer)" and the question is asked again.
#[test]
fn w4_a_bare_enter_picks_no_answer_to_a_question_the_rules_read() {
    let mut s = spawn(&["check"], true);
    answer(&mut s, 1, "35\r");
    s.expect("[2 of about").expect("the duration question");
    s.expect("(choose an answer)")
        .expect("the cursor starts on no answer");
    send(&mut s, ENTER);
    s.expect("Please choose one of the answers")
        .expect("a bare Enter is not an answer");
    answer(&mut s, 2, &format!("{DOWN}{ENTER}"));
    s.expect("[3 of about").expect("then it goes on");
    send(&mut s, "\x03");
    let (_, code) = finish(s);
    assert_eq!(code, 130);
}

/// W4: keys typed or pasted before a warning sign is shown do not answer it.
#[test]
fn w4_keys_typed_ahead_do_not_answer_warning_signs() {
    let mut s = spawn(&["check"], true);
    let keys = calm_keys(&[Section::Pain]);
    for (n, k) in keys.iter().enumerate() {
        answer(&mut s, n + 1, k);
    }
    let first = first_warning_sign();
    s.expect(format!("[{first} of about"))
        .expect("the first warning sign");
    // A paste: one answer for the question on screen, four more typed ahead.
    send(&mut s, "n\rn\rn\rn\rn\r");
    s.expect(format!("[{} of about", first + 1))
        .expect("the next warning sign is shown");
    s.set_expect_timeout(Some(Duration::from_millis(1500)));
    assert!(
        s.expect(format!("[{} of about", first + 2)).is_err(),
        "the keys typed ahead answered a warning sign nobody saw"
    );
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    send(&mut s, "n\r");
    s.expect(format!("[{} of about", first + 2))
        .expect("an answer typed after the prompt counts");
    send(&mut s, "\x03");
    let (_, code) = finish(s);
    assert_eq!(code, 130);
}

/// A session whose terminal is `columns` x `rows` from the start (set by the shell before
/// backcare starts, so it reads the size it will have).
fn spawn_sized(args: &str, columns: u16, rows: u16, term: &str) -> Session {
    let bin = env!("CARGO_BIN_EXE_backcare");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty cols {columns} rows {rows}; exec '{bin}' --no-journal {args}"
        ))
        .env_remove("BACKCARE_RULES")
        .env_remove("BACKCARE_FAKE_CLOCK")
        .env("NO_COLOR", "1")
        .env("TERM", term)
        .env("BACKCARE_JOURNAL", crate::support::scratch_journal());
    let mut session = Session::spawn(cmd).expect("spawn on a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

/// U2: on a 20x5 terminal the question keeps the room: no help line, a short position.
#[test]
fn u2_a_tiny_terminal_shows_the_question_not_the_help() {
    let mut s = spawn_sized("check", 20, 5, "xterm-256color");
    // The question's text appears in either layout; what came before it says which one.
    let shown = s.expect("How old").expect("the first question");
    let before = String::from_utf8_lossy(shown.before()).into_owned();
    assert!(before.contains("1/"), "a short position mark: {before:?}");
    assert!(!before.contains("[1 of about"), "{before:?}");
    send(&mut s, "35\r");
    let shown = s.expect("2/").expect("the next question");
    let between = String::from_utf8_lossy(shown.before()).into_owned();
    assert!(
        !between.contains("Esc goes back"),
        "no help line: {between}"
    );
    send(&mut s, "\x03");
    let (_, code) = finish(s);
    assert_eq!(code, 130);
}

/// U8: with TERM=dumb the questions come line by line: no cursor movement, no colour.
#[test]
fn u8_a_dumb_terminal_gets_plain_lines() {
    let mut s = spawn_sized("check", 80, 24, "dumb");
    let first = s
        .expect("Type a whole number from")
        .expect("the first question");
    let mut seen = String::from_utf8_lossy(first.before()).into_owned();
    send(&mut s, "35\r");
    let second = s
        .expect("Type the number of your answer.")
        .expect("the second question, choices numbered");
    seen.push_str(&String::from_utf8_lossy(second.before()));
    assert!(seen.contains("  1) "), "numbered choices: {seen}");
    assert!(!seen.contains('\u{1b}'), "no escape codes: {seen:?}");
    send(&mut s, "\x04");
    let (_, code) = finish(s);
    assert_eq!(code, 130, "end of input stops like Ctrl-C");
}

#[test]
fn answers_saved_as_fhir_after_an_emergency_stop_are_a_stopped_response_that_replays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("resp.json");
    let path = saved.to_str().expect("utf-8");
    let mut s = spawn(
        &[
            "check",
            "--save-answers",
            path,
            "--save-format",
            "fhir",
            "--format",
            "fhir",
        ],
        true,
    );
    let mut keys = calm_keys(&[Section::Pain]);
    keys.push("y\r".to_owned()); // saddle numbness: an emergency
    for (n, k) in keys.iter().enumerate() {
        answer(&mut s, n + 1, k);
    }
    let (rest, code) = finish(s);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("\"resourceType\": \"Bundle\""), "{rest}");
    let response: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("saved")).expect("JSON");
    assert_eq!(response["resourceType"], "QuestionnaireResponse");
    assert_eq!(response["status"], "stopped");
    super::support::backcare()
        .args(["check", "--format", "json", "--answers", path])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"urgency\": \"emergency\""));
}

const CTRL_A: &str = "\x01";
const CTRL_D: &str = "\x04";
const CTRL_E: &str = "\x05";
const CTRL_U: &str = "\x15";
const CTRL_W: &str = "\x17";

/// U3: in the number prompt, control keys edit the line instead of typing letters. The answers
/// prove it: each would be refused had a letter been typed.
#[test]
fn u3_control_keys_edit_the_number_instead_of_typing_letters() {
    let mut s = spawn(&["check"], true);
    // 99, Ctrl-U clears it; 2, Ctrl-A to the start, 4, Ctrl-E to the end: 42.
    answer(&mut s, 1, &format!("99{CTRL_U}2{CTRL_A}4{CTRL_E}{ENTER}"));
    s.expect("How old are you? -> 42")
        .expect("Ctrl-U cleared the line and Ctrl-A moved to its start");
    answer(&mut s, 2, &format!("{DOWN}{ENTER}"));
    // "5 10", Ctrl-W deletes "10"; then Left and Backspace delete the 5, leaving " ".
    answer(&mut s, 3, &format!("5 10{CTRL_W}\x1b[D\x7f{ENTER}"));
    s.expect("Please type a whole number")
        .expect("Backspace deleted the 5, leaving a space");
    send(&mut s, &format!("6{CTRL_E}{ENTER}"));
    s.expect("from 0 to 10? -> 6")
        .expect("Ctrl-W deleted the word before the cursor");
    s.expect("[4 of about").expect("the next question");
    send(&mut s, "\x03");
    let (rest, code) = finish(s);
    assert_eq!(code, 130);
    assert!(!rest.contains("internal error"), "{rest}");
}

/// U2: a resize redraws the prompt at once, to the new size, with what was typed; no key needed.
#[test]
fn u2_a_resize_redraws_the_prompt_at_once() {
    let mut s = spawn(&["check"], true);
    s.expect("[1 of about").expect("the first question");
    send(&mut s, "3");
    s.expect("> 3").expect("the digit is shown");
    // Narrow and short: the compact layout, with a short position, and the digit kept.
    s.get_process_mut()
        .set_window_size(30, 12)
        .expect("window size");
    s.expect(expectrl::Regex(r"1/\d+ How old are you\?\r\n> 3"))
        .expect("redrawn for 30x12 without a key");
    s.get_process_mut()
        .set_window_size(100, 40)
        .expect("window size");
    s.expect(expectrl::Regex(
        r"\[1 of about \d+\] How old are you\?\r\n> 3",
    ))
    .expect("redrawn for 100x40 without a key");
    // Ctrl-D on an empty line ends the questionnaire as Ctrl-C does.
    send(&mut s, &format!("{CTRL_U}{CTRL_D}"));
    let (_, code) = finish(s);
    assert_eq!(code, 130);
}

/// An answered prompt leaves one line behind, the question and the answer, so the scrollback
/// reads as a record; Esc leaves "(went back)", or at the first question says there is nothing
/// to go back to.
#[test]
fn answered_prompts_leave_a_record_line() {
    let mut s = spawn(&["check"], true);
    answer(&mut s, 1, ESC);
    s.expect("How old are you? (this is the first question)")
        .expect("nothing to go back to");
    answer(&mut s, 1, "35\r");
    s.expect("How old are you? -> 35 years")
        .expect("the record");
    answer(&mut s, 2, &format!("{DOWN}{DOWN}{ENTER}"));
    s.expect("this back pain? -> Between 6 and 12 weeks")
        .expect("the choice in words");
    answer(&mut s, 3, ESC);
    s.expect("(went back)").expect("Esc is recorded");
    s.expect("[2 of about").expect("the question before");
    send(&mut s, "\x03");
    let (_, code) = finish(s);
    assert_eq!(code, 130);
}
