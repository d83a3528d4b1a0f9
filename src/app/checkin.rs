//! `checkin`: the short return visit. Asks on the terminal, shows the fresh triage and what it
//! means for the routine's level, records both, then offers the routine at its level.

use super::session::offer;
use super::{Config, emit, recording, render};
use crate::exit::bad_input;
use anyhow::Result;
use backcare::Urgency;
use backcare::engine::progression;
use backcare::journal::checkin::{CheckIn, checkin, start};
use backcare::journal::history::next_checkin;
use backcare::journal::progress::long_date;
use backcare::journal::store::Journal;
use backcare::knowledge::KnowledgeBase;
use backcare::model::Move;
use backcare::questionnaire::Ending;
use backcare::report::{self, Style, wrap::wrap};
use std::fmt::Write as _;
use std::process::ExitCode;

const INTRO: &str = "A check-in: how your back is now, what you have done, and the warning signs \
    again. It takes about a minute. Esc goes back a question; Ctrl-C quits.";

/// `checkin`: needs a terminal and a journal with a full check in it.
pub(crate) fn run(config: &Config) -> Result<ExitCode> {
    let kb = config.knowledge()?;
    let Some(path) = config.journal.as_deref() else {
        return bad_input(
            "a check-in compares with your journal, and --no-journal turns it off; run it without --no-journal",
        );
    };
    if !config.terminal.can_prompt() {
        return bad_input(
            "no terminal to ask the questions on; a check-in is asked on a terminal \
             (for answers from a file use `backcare check --answers FILE`)",
        );
    }
    let mut journal = match Journal::open_existing(path) {
        Ok(Some(journal)) => journal,
        Ok(None) => {
            return bad_input(format!(
                "no journal at {} yet; run `backcare check` first, and check in after that",
                path.display()
            ));
        }
        Err(e) => return bad_input(e.to_string()),
    };
    let history = recording::history(&journal).map_err(|e| crate::exit::BadInput(e.to_string()))?;
    let now = recording::now();
    // Refused before anything is asked: no check to start from, an emergency last time.
    let base = match start(&kb, &history, now) {
        Ok(base) => base,
        Err(why) => return bad_input(why.to_string()),
    };

    let style = config.stderr_style();
    let intro = if config.terminal.dumb {
        // The plain prompter goes back with `<`, not Esc.
        INTRO.replace("Esc goes back", "Typing < goes back")
    } else {
        INTRO.to_owned()
    };
    anstream::eprint!("{}", wrap(&intro, style.width, "", ""));
    let mut prompter = super::check::prompter(config);
    let visit = checkin(&kb, &history, now, &base, prompter.as_mut())?;
    anstream::eprintln!();
    let mut report = report::from_decision(&kb, &visit.answers, &visit.decision, &[]);
    if visit.ending == Ending::Emergency {
        report.reasons.retain(|r| r.level == Urgency::Emergency);
    }
    mark_worked_out(&kb, &mut report);
    let mut text = render(&report, report::Format::Text, config.stdout_style())?;
    text.push_str(&level_text(&kb, &visit, config.stdout_style()));
    // A next check-in only makes sense while home care does; otherwise the advice is to get help.
    let next = next_checkin(visit.record.at, kb.progression.checkin_every_days)
        .filter(|_| visit.decision.urgency.allows_routine());
    if let Some(due) = next {
        let date = long_date(due.to_zoned(recording::time_zone()).date());
        let _ = writeln!(
            text,
            "\nNext check-in: {date}, or sooner if anything changes."
        );
    }
    emit(&text)?;
    recording::check(Some(&mut journal), &visit.record, visit.change.as_ref());
    let chosen = visit
        .record
        .routine
        .as_deref()
        .and_then(|id| kb.routine_index(id))
        .zip(visit.level);
    if let Some(chosen) = chosen {
        offer(
            config,
            &kb,
            chosen,
            &visit.answers,
            prompter.as_mut(),
            Some(&mut journal),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How long the pain has lasted and the age were not asked today but worked out from the dates
/// in the journal: the report says so wherever it quotes them, so nobody reads "You answered".
fn mark_worked_out(kb: &KnowledgeBase, report: &mut report::Report) {
    let journal = &kb.progression.journal;
    let worked_out: Vec<&str> = journal
        .duration
        .as_ref()
        .map(|(q, _)| *q)
        .into_iter()
        .chain(journal.age)
        .map(|q| kb.questions[q].id.as_str())
        .collect();
    let mark = |id: &str, text: &mut String| {
        if worked_out.contains(&id) {
            text.push_str(", worked out from the dates in your journal");
        }
    };
    for reason in &mut report.reasons {
        for e in &mut reason.answers {
            mark(&e.question, &mut e.answer_text);
        }
    }
    for a in &mut report.record.about_the_pain {
        mark(&a.question, &mut a.answer_text);
    }
}

/// The routine's level and why, and the flare-up plan when there is one.
fn level_text(kb: &KnowledgeBase, visit: &CheckIn, style: Style) -> String {
    let mut out = String::new();
    let (Some(routine), Some(level)) = (visit.record.routine.as_deref(), visit.level) else {
        return out;
    };
    let Some(index) = kb.routine_index(routine) else {
        return out;
    };
    out.push('\n');
    out.push_str(&style.bold("Your routine"));
    out.push('\n');
    let summary = progression::level_summary(kb, index, level).unwrap_or_default();
    let line = format!(
        "{}, level {level} of {}: {summary}",
        kb.routines[index].name,
        progression::levels(kb, index)
    );
    out.push_str(&wrap(&line, style.width, "", "  "));
    match &visit.progression {
        Some(p) if p.to != p.from => {
            let moved = if p.to > p.from { "up" } else { "back" };
            out.push_str(&wrap(
                &format!("Moved {moved} from level {}: {}", p.from, reason(p)),
                style.width,
                "",
                "  ",
            ));
        }
        // Ready to step up, but already at the top: say so, not "ready for more".
        Some(p) if p.direction == Move::Up => out.push_str(&wrap(
            "This is the routine's top level. Keep it up on most days, and keep checking in.",
            style.width,
            "",
            "  ",
        )),
        // A flare-up at level 1 has no level to go back to.
        Some(p) if p.direction == Move::Down => out.push_str(&wrap(
            "Your pain has flared up. Stay at level 1, go gently, and follow the flare-up plan.",
            style.width,
            "",
            "  ",
        )),
        Some(p) => out.push_str(&wrap(reason(p), style.width, "", "  ")),
        None => out.push_str(&wrap(
            "This routine is new for you, so it starts at level 1.",
            style.width,
            "",
            "  ",
        )),
    }
    if visit.progression.as_ref().is_some_and(|p| p.flare_up) {
        let plan = &kb.progression.flare_up_plan;
        out.push('\n');
        out.push_str(&style.bold("A flare-up: for the next few days"));
        out.push('\n');
        for line in &plan.what_to_do {
            out.push_str(&wrap(line, style.width, "  - ", "    "));
        }
        out.push_str(&style.bold("Get help"));
        out.push('\n');
        for line in &plan.get_help {
            out.push_str(&wrap(line, style.width, "  - ", "    "));
        }
    }
    out
}

/// The deciding rule's reason, in the person's words.
fn reason<'a>(p: &'a progression::Progression<'_>) -> &'a str {
    p.rule.map_or("", |r| r.reason.as_str())
}
