//! What the journal's rows say about the weeks behind: the episode's start, the routine and level
//! now, the last pain rating, how many sessions were done lately. Pure: rows in, facts out.

use super::record::{CheckKind, CheckRecord, LevelChange, SessionRecord};
use jiff::{SignedDuration, Timestamp};

/// Seconds in a day and in a week, for whole-day and whole-week counts in UTC.
const DAY: i64 = 24 * 60 * 60;
const WEEK: i64 = 7 * DAY;

/// Every row of a journal, oldest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Checks and check-ins.
    pub checks: Vec<CheckRecord>,
    /// Routines played.
    pub sessions: Vec<SessionRecord>,
    /// Level changes.
    pub changes: Vec<LevelChange>,
}

impl History {
    /// The last full check: the answers a check-in is merged over, and the start of the episode.
    /// A new full check starts a new episode.
    pub fn base(&self) -> Option<&CheckRecord> {
        self.checks
            .iter()
            .rev()
            .find(|c| c.kind == CheckKind::Check)
    }

    /// The checks and check-ins of the current episode (from the last full check on).
    pub fn episode(&self) -> &[CheckRecord] {
        let start = self
            .checks
            .iter()
            .rposition(|c| c.kind == CheckKind::Check)
            .unwrap_or(0);
        &self.checks[start..]
    }

    /// The routine recommended last and its level (1 when none was recorded).
    pub fn current(&self) -> Option<(&str, u32)> {
        let last = self.checks.last()?;
        let routine = last.routine.as_deref()?;
        Some((routine, last.level.unwrap_or(1)))
    }

    /// The level `routine` is at: its level if it is the current routine, else 1 (a routine
    /// played from the list starts from the routine as written).
    pub fn level_of(&self, routine: &str) -> u32 {
        match self.current() {
            Some((current, level)) if current == routine => level,
            _ => 1,
        }
    }

    /// The most recent pain rating given at a check or check-in.
    pub fn last_pain(&self) -> Option<u8> {
        self.checks.iter().rev().find_map(|c| c.pain)
    }

    /// Check-ins in a row, ending with the last, whose trend was `worse` (the choice's id).
    pub fn worse_in_a_row(&self, worse: &str) -> u32 {
        let run = self
            .episode()
            .iter()
            .rev()
            .take_while(|c| c.kind == CheckKind::Checkin && c.trend.as_deref() == Some(worse))
            .count();
        u32::try_from(run).unwrap_or(u32::MAX)
    }

    /// Sessions since `since`: those backcare played (at least one step done) and those the
    /// person said they did on their own at a check-in.
    pub fn sessions_since(&self, since: Timestamp) -> u32 {
        let played = self
            .sessions
            .iter()
            .filter(|s| s.at >= since && s.done > 0)
            .count();
        let reported: u32 = self
            .checks
            .iter()
            .filter(|c| c.at >= since)
            .filter_map(|c| c.sessions_reported)
            .sum();
        u32::try_from(played)
            .unwrap_or(u32::MAX)
            .saturating_add(reported)
    }

    /// Whole days the current routine has been at its current level, at `now`: from the earliest
    /// of the last run of checks that recorded this routine at this level.
    pub fn days_at_level(&self, now: Timestamp) -> u32 {
        let Some((routine, level)) = self.current() else {
            return 0;
        };
        let since = self
            .checks
            .iter()
            .rev()
            .take_while(|c| c.routine.as_deref() == Some(routine) && c.level.unwrap_or(1) == level)
            .last()
            .map_or(now, |c| c.at);
        whole(now, since, DAY)
    }

    /// Whole weeks from the start of the episode to `now`.
    pub fn weeks_in_episode(&self, now: Timestamp) -> u32 {
        self.base().map_or(0, |base| whole(now, base.at, WEEK))
    }

    /// Whole years from the start of the episode to `now` (for the age asked then).
    pub fn years_in_episode(&self, now: Timestamp) -> u32 {
        // 365.25 days: good enough to turn an age answered months ago into today's.
        self.base()
            .map_or(0, |base| whole(now, base.at, 31_557_600))
    }

    /// When the next check-in is due: `every_days` after the last check or check-in.
    pub fn next_checkin(&self, every_days: u32) -> Option<Timestamp> {
        next_checkin(self.checks.last()?.at, every_days)
    }
}

/// When the check-in after one at `at` is due.
pub fn next_checkin(at: Timestamp, every_days: u32) -> Option<Timestamp> {
    at.checked_add(SignedDuration::from_secs(i64::from(every_days) * DAY))
        .ok()
}

/// Whole `unit`s (in seconds) from `since` to `now`; 0 when `now` is earlier (a clock set back).
fn whole(now: Timestamp, since: Timestamp, unit: i64) -> u32 {
    let seconds = now.as_second().saturating_sub(since.as_second());
    u32::try_from(seconds.max(0) / unit).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Urgency;

    fn at(day: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + day * DAY).unwrap()
    }

    fn check(day: i64, kind: CheckKind, level: u32, pain: u8, trend: &str) -> CheckRecord {
        CheckRecord {
            at: at(day),
            kind,
            answers: serde_json::json!({}),
            urgency: Urgency::SelfCare,
            routine: Some("general".to_owned()),
            level: Some(level),
            pain: Some(pain),
            trend: Some(trend.to_owned()),
            sessions_reported: Some(1),
            flare_up: false,
            stopped_early: false,
            rules: "0".repeat(16),
        }
    }

    fn session(day: i64, done: u32) -> SessionRecord {
        SessionRecord {
            at: at(day),
            routine: "general".to_owned(),
            level: 1,
            steps: 5,
            done,
            skipped: 5 - done,
            seconds: 300,
            quit: false,
            pain_before: None,
            pain_after: None,
            rules: "0".repeat(16),
        }
    }

    fn history() -> History {
        History {
            checks: vec![
                check(0, CheckKind::Check, 1, 6, "same"),
                check(7, CheckKind::Checkin, 1, 5, "worse"),
                check(14, CheckKind::Checkin, 2, 4, "worse"),
                check(21, CheckKind::Checkin, 2, 4, "worse"),
            ],
            sessions: (1..=20)
                .map(|d| session(d, u32::from(d % 5 != 0)))
                .collect(),
            changes: Vec::new(),
        }
    }

    #[test]
    fn the_episode_starts_at_the_last_full_check() {
        let mut h = history();
        assert_eq!(h.base().map(|c| c.at), Some(at(0)));
        assert_eq!(h.weeks_in_episode(at(20)), 2);
        h.checks.push(check(30, CheckKind::Check, 1, 3, "better"));
        assert_eq!(h.episode().len(), 1);
        assert_eq!(h.weeks_in_episode(at(30)), 0);
    }

    #[test]
    fn the_level_runs_from_the_check_that_set_it() {
        let h = history();
        assert_eq!(h.current(), Some(("general", 2)));
        assert_eq!(h.days_at_level(at(24)), 10);
        assert_eq!(h.level_of("general"), 2);
        assert_eq!(h.level_of("sitting"), 1);
    }

    #[test]
    fn worse_counts_only_the_check_ins_in_a_row() {
        assert_eq!(history().worse_in_a_row("worse"), 3);
        let mut h = history();
        h.checks[2].trend = Some("same".to_owned());
        assert_eq!(h.worse_in_a_row("worse"), 1);
    }

    #[test]
    fn sessions_count_those_played_and_those_reported() {
        let h = history();
        // Days 7 to 20: 14 sessions, of which days 10, 15 and 20 had no step done; plus three
        // check-ins that each reported one.
        assert_eq!(h.sessions_since(at(7)), 11 + 3);
    }

    #[test]
    fn a_clock_set_back_counts_no_time() {
        assert_eq!(history().days_at_level(at(-5)), 0);
        assert_eq!(history().next_checkin(7), Some(at(28)));
    }
}
