//! Playing a routine for a person and recording it: an optional pain rating before and after,
//! the player, then a row in the journal.

use super::routine::show_played;
use super::{Config, recording};
use anyhow::Result;
use backcare::engine::{Answers, ResolvedStep, progression};
use backcare::journal::SessionRecord;
use backcare::journal::store::Journal;
use backcare::knowledge::KnowledgeBase;
use backcare::player::{self, Played};
use backcare::questionnaire::Prompter;
use backcare::report::minutes;

/// What to play: a routine at a level.
pub(crate) struct ToPlay<'a> {
    pub routine: usize,
    pub level: u32,
    /// As resolved for the person (leave-outs, alternatives, the level's doses); `None` plays
    /// the routine as written.
    pub steps: Option<&'a [ResolvedStep]>,
    pub speed: f64,
}

/// Plays `what` on the stage `config` gives; with a journal and someone to ask, asks for a pain
/// rating before and after and records the session.
pub(crate) fn play_and_record(
    config: &Config,
    kb: &KnowledgeBase,
    what: &ToPlay<'_>,
    prompter: Option<&mut dyn Prompter>,
    journal: Option<&mut Journal>,
    figures: bool,
) -> Result<()> {
    let mut stage = config.stage(what.speed);
    if !figures {
        stage.figures = None;
    }
    // Ratings only when they will be kept and there is a person to ask.
    let mut ask = prompter.filter(|_| journal.is_some() && stage.on_terminal);
    let before = match ask.as_deref_mut() {
        Some(p) => p.rating("Before you start: how bad is the pain now, 0 to 10?")?,
        None => None,
    };
    let started = recording::now();
    let played = match what.steps {
        Some(steps) => player::play_resolved(kb, what.routine, steps, &stage)?,
        None => player::play(kb, what.routine, &stage)?,
    };
    let summary = match &played {
        Played::Finished(summary) => Some(*summary),
        Played::Timetable(_) => None,
    };
    show_played(played)?;
    let Some(summary) = summary else {
        return Ok(());
    };
    let after = match ask {
        Some(p) if summary.done > 0 => p.rating("And now, after the stretches: 0 to 10?")?,
        _ => None,
    };
    recording::session(
        journal,
        &SessionRecord {
            at: started,
            routine: kb.routines[what.routine].id.clone(),
            level: what.level,
            steps: count(summary.steps),
            done: count(summary.done),
            skipped: count(summary.skipped),
            seconds: summary.elapsed.as_secs(),
            quit: summary.quit,
            pain_before: before,
            pain_after: after,
            rules: kb.origin.fingerprint.clone(),
        },
    );
    Ok(())
}

/// Step counts are capped at 50 steps a routine (checked at load).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// After a result: offers the routine as resolved for the person (alternatives in, left-out
/// stretches out) at `level`, and plays and records it if they say yes.
pub(crate) fn offer(
    config: &Config,
    kb: &KnowledgeBase,
    (routine, level): (usize, u32),
    answers: &Answers,
    prompter: &mut dyn Prompter,
    journal: Option<&mut Journal>,
) -> Result<()> {
    let (steps, _) = progression::steps_at_level(kb, routine, level, answers);
    let seconds = steps.iter().map(|s| s.dose.total_seconds()).sum();
    let at_level = if level > 1 {
        format!(" (level {level})")
    } else {
        String::new()
    };
    let question = format!(
        "Start \"{}\"{at_level} now, with timers? ({})",
        kb.routines[routine].name,
        minutes(seconds)
    );
    if prompter.offer(&question, "y to start, n or Enter to finish")? {
        play_and_record(
            config,
            kb,
            &ToPlay {
                routine,
                level,
                steps: Some(&steps),
                speed: 1.0,
            },
            Some(prompter),
            journal,
            true,
        )?;
    }
    Ok(())
}
