//! `backcare progress`: the weeks behind, from the journal. One view model ([`Progress`]) for the
//! JSON and the text; the text draws the pain trend as a chart on a terminal and lists the
//! ratings when redirected.

use super::history::History;
use super::record::CheckKind;
use crate::Urgency;
use crate::figure::Glyphs;
use crate::knowledge::KnowledgeBase;
use crate::report::Style;
use crate::report::chart::{Rating, pain_chart};
use crate::report::wrap::wrap;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;
use std::fmt::Write as _;

/// Weeks of sessions shown, the current one included.
pub const WEEKS_SHOWN: usize = 8;

/// Everything `progress` shows.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// The day of the first row, in local time.
    pub since: Option<Date>,
    /// Checks and check-ins in the journal.
    pub checks: usize,
    /// Sessions in the journal.
    pub sessions: usize,
    /// Every pain rating, oldest first.
    pub pain: Vec<PainPoint>,
    /// Sessions per week (weeks start on Monday), oldest first, the current week last.
    pub weeks: Vec<Week>,
    /// The routine now and its level, when a routine is recommended.
    pub routine: Option<RoutineNow>,
    /// The result of the last check or check-in.
    pub last_urgency: Option<Urgency>,
    /// Its headline, as the knowledge base words it.
    pub last_headline: Option<String>,
    /// Every change of level, oldest first.
    pub changes: Vec<Change>,
    /// When the next check-in is due (local date), and whether that day has passed.
    pub next_checkin: Option<Due>,
}

/// One pain rating.
#[derive(Debug, Clone, Serialize)]
pub struct PainPoint {
    /// When (UTC).
    pub at: Timestamp,
    /// Check or check-in.
    pub kind: CheckKind,
    /// Pain, 0 to 10.
    pub pain: u8,
}

/// One week's sessions.
#[derive(Debug, Clone, Serialize)]
pub struct Week {
    /// The Monday the week starts on.
    pub starts: Date,
    /// Sessions played (at least one step done) and reported at check-ins.
    pub sessions: u32,
    /// Minutes played with backcare.
    pub minutes: u64,
}

/// The routine and level now.
#[derive(Debug, Clone, Serialize)]
pub struct RoutineNow {
    /// The routine's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The level now.
    pub level: u32,
    /// How many levels it has.
    pub levels: u32,
    /// What this level asks, in a line.
    pub summary: String,
}

/// A change of level.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// When (UTC).
    pub at: Timestamp,
    /// The routine's id.
    pub routine: String,
    /// From this level.
    pub from: u32,
    /// To this level.
    pub to: u32,
    /// Why.
    pub reason: String,
}

/// When the next check-in is due.
#[derive(Debug, Clone, Serialize)]
pub struct Due {
    /// The local date.
    pub date: Date,
    /// That day has passed.
    pub overdue: bool,
}

impl Progress {
    /// The view of `history` at `now` in time zone `tz`; `routine` is the current routine as the
    /// knowledge base names it (`None` when the journal recommends none or the rules no longer
    /// know it), `every_days` the check-in interval.
    pub fn new(
        kb: &KnowledgeBase,
        history: &History,
        now: Timestamp,
        tz: &TimeZone,
        routine: Option<RoutineNow>,
        every_days: u32,
    ) -> Progress {
        let date = |t: Timestamp| t.to_zoned(tz.clone()).date();
        let first = [
            history.checks.first().map(|c| c.at),
            history.sessions.first().map(|s| s.at),
        ]
        .into_iter()
        .flatten()
        .min();
        let today = date(now);
        Progress {
            since: first.map(date),
            checks: history.checks.len(),
            sessions: history.sessions.len(),
            pain: history
                .checks
                .iter()
                .filter_map(|c| {
                    c.pain.map(|pain| PainPoint {
                        at: c.at,
                        kind: c.kind,
                        pain,
                    })
                })
                .collect(),
            weeks: weeks(history, today, first.map(date), &date),
            routine,
            last_urgency: history.checks.last().map(|c| c.urgency),
            last_headline: history
                .checks
                .last()
                .map(|c| kb.levels.get(c.urgency).headline.clone()),
            changes: history
                .changes
                .iter()
                .map(|c| Change {
                    at: c.at,
                    routine: c.routine.clone(),
                    from: c.from,
                    to: c.to,
                    reason: c.reason.clone(),
                })
                .collect(),
            // After a result that needs a doctor the next step is help, not a check-in.
            next_checkin: history
                .checks
                .last()
                .filter(|c| c.urgency.allows_routine() && !c.stopped_early)
                .and_then(|_| history.next_checkin(every_days))
                .map(|due| {
                    let day = date(due);
                    Due {
                        date: day,
                        overdue: day < today,
                    }
                }),
        }
    }

    /// The text for a person: a chart of the pain ratings when `glyphs` is given (a terminal),
    /// a list of them otherwise.
    pub fn text(&self, style: Style, glyphs: Option<Glyphs>, tz: &TimeZone) -> String {
        let day = |t: Timestamp| t.to_zoned(tz.clone()).date();
        let mut out = String::new();
        let Some(since) = self.since else {
            return "The journal is empty: `backcare check` starts it.\n".to_owned();
        };
        let _ = writeln!(
            out,
            "{}\n",
            style.bold(&format!(
                "Your back since {} ({} {}, {} {})",
                long_date(since),
                self.checks,
                plural(self.checks, "check", "checks"),
                self.sessions,
                plural(self.sessions, "session", "sessions"),
            ))
        );
        out.push_str(&self.pain_text(style, glyphs, tz));
        out.push('\n');
        out.push_str(&style.bold("Sessions per week"));
        out.push('\n');
        for week in &self.weeks {
            let bar = "#".repeat(usize::try_from(week.sessions.min(14)).unwrap_or(14));
            let line = format!(
                "  from {:<7} {:>2} {bar}",
                short_date(week.starts),
                week.sessions
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out.push('\n');
        match &self.routine {
            Some(r) => {
                let line = format!(
                    "Your routine: {}, level {} of {}. {}",
                    clean(&r.name),
                    r.level,
                    r.levels,
                    clean(&r.summary)
                );
                out.push_str(&wrap(&line, style.width, "", "  "));
            }
            None => out.push_str("No routine is recommended now.\n"),
        }
        if let (Some(_), Some(headline)) = (
            self.last_urgency.filter(|u| *u > Urgency::Appointment),
            &self.last_headline,
        ) {
            out.push_str(&wrap(
                &format!(
                    "Your last check said: {}. Follow that advice first.",
                    clean(headline.trim_end_matches('.'))
                ),
                style.width,
                "",
                "  ",
            ));
        }
        if !self.changes.is_empty() {
            out.push('\n');
            out.push_str(&style.bold("What changed"));
            out.push('\n');
            let current = self.routine.as_ref().map(|r| r.id.as_str());
            for c in &self.changes {
                // The routine is named only when it is not the one shown above.
                let which = if Some(c.routine.as_str()) == current {
                    String::new()
                } else {
                    format!("{} ", clean(&c.routine))
                };
                let line = format!(
                    "{}: {which}level {} to {}. {}",
                    short_date(day(c.at)),
                    c.from,
                    c.to,
                    clean(&c.reason)
                );
                out.push_str(&wrap(&line, style.width, "  ", "    "));
            }
        }
        out.push('\n');
        match &self.next_checkin {
            Some(due) if due.overdue => {
                let _ = writeln!(
                    out,
                    "A check-in was due on {}: run `backcare checkin`.",
                    long_date(due.date)
                );
            }
            Some(due) => {
                let _ = writeln!(out, "Next check-in: {}.", long_date(due.date));
            }
            None => {}
        }
        out
    }
}

impl Progress {
    /// The pain ratings: a chart on a terminal, a list otherwise or when there is no room.
    fn pain_text(&self, style: Style, glyphs: Option<Glyphs>, tz: &TimeZone) -> String {
        let day = |t: Timestamp| t.to_zoned(tz.clone()).date();
        let mut out = String::new();
        out.push_str(&style.bold("Pain, 0 to 10"));
        out.push('\n');
        let chart = match (glyphs, self.pain.first(), self.pain.last()) {
            (Some(glyphs), Some(first), Some(last)) => {
                let ratings: Vec<Rating> = self
                    .pain
                    .iter()
                    .map(|p| Rating {
                        // Seconds to days: exact enough for a chart a few dozen columns wide.
                        #[allow(clippy::cast_precision_loss)]
                        day: (p.at.as_second() - first.at.as_second()) as f64 / 86_400.0,
                        pain: p.pain,
                    })
                    .collect();
                pain_chart(
                    &ratings,
                    style.width.min(72),
                    glyphs,
                    &short_date(day(first.at)),
                    &short_date(day(last.at)),
                )
            }
            _ => Vec::new(),
        };
        if chart.is_empty() {
            if self.pain.is_empty() {
                out.push_str("  No ratings yet.\n");
            }
            for p in &self.pain {
                let _ = writeln!(
                    out,
                    "  {}  {:>2}  {}",
                    day(p.at),
                    p.pain,
                    "#".repeat(p.pain.into())
                );
            }
        } else {
            for line in chart {
                let _ = writeln!(out, "{line}");
            }
        }
        out
    }
}

/// The last [`WEEKS_SHOWN`] weeks up to the one holding `today`, Monday first, none before the
/// week of the journal's first row (`since`).
fn weeks(
    history: &History,
    today: Date,
    since: Option<Date>,
    date: &impl Fn(Timestamp) -> Date,
) -> Vec<Week> {
    let monday = |d: Date| {
        let back = i64::from(d.weekday().to_monday_zero_offset());
        d.checked_sub(back.days()).unwrap_or(d)
    };
    let this_week = monday(today);
    let mut weeks: Vec<Week> = (0..WEEKS_SHOWN)
        .rev()
        .map(|ago| Week {
            starts: this_week
                .checked_sub(i64::try_from(ago * 7).unwrap_or(0).days())
                .unwrap_or(this_week),
            sessions: 0,
            minutes: 0,
        })
        .collect();
    let mut add = |at: Timestamp, sessions: u32, seconds: u64| {
        let starts = monday(date(at));
        if let Some(week) = weeks.iter_mut().find(|w| w.starts == starts) {
            week.sessions = week.sessions.saturating_add(sessions);
            week.minutes = week.minutes.saturating_add(seconds / 60);
        }
    };
    for s in history.sessions.iter().filter(|s| s.done > 0) {
        add(s.at, 1, s.seconds);
    }
    for c in &history.checks {
        if let Some(n) = c.sessions_reported {
            add(c.at, n, 0);
        }
    }
    if let Some(since) = since {
        let first = monday(since);
        weeks.retain(|w| w.starts >= first);
    }
    weeks
}

/// Text from the journal (which `journal import` fills from any file) or the rule files, with
/// control and bidi characters escaped so none reaches the terminal.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    crate::sanitize::for_terminal(text)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// "22 Nov 2026": a date no reader misreads, whatever their country's order.
pub fn long_date(d: Date) -> String {
    format!("{} {} {}", d.day(), month(d), d.year())
}

/// "22 Nov".
fn short_date(d: Date) -> String {
    format!("{} {}", d.day(), month(d))
}

fn month(d: Date) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS[usize::try_from(d.month() - 1).unwrap_or(0) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::record::{CheckRecord, SessionRecord};

    const DAY: i64 = 86_400;

    fn at(day: i64) -> Timestamp {
        // Monday 2 November 2026, 09:00 UTC.
        Timestamp::from_second(1_793_610_000 + day * DAY).unwrap()
    }

    fn history() -> History {
        let check = |day: i64, kind, pain, urgency| CheckRecord {
            at: at(day),
            kind,
            answers: serde_json::json!({}),
            urgency,
            routine: Some("general".to_owned()),
            level: Some(1),
            pain: Some(pain),
            trend: None,
            sessions_reported: None,
            flare_up: false,
            stopped_early: false,
            rules: String::new(),
        };
        let session = |day: i64| SessionRecord {
            at: at(day),
            routine: "general".to_owned(),
            level: 1,
            steps: 5,
            done: 5,
            skipped: 0,
            seconds: 330,
            quit: false,
            pain_before: None,
            pain_after: None,
            rules: String::new(),
        };
        History {
            checks: vec![
                check(0, CheckKind::Check, 7, Urgency::SelfCare),
                check(7, CheckKind::Checkin, 5, Urgency::SelfCare),
                check(14, CheckKind::Checkin, 3, Urgency::SelfCare),
            ],
            sessions: [0, 1, 2, 8, 9, 15].into_iter().map(session).collect(),
            changes: Vec::new(),
        }
    }

    fn kb() -> KnowledgeBase {
        KnowledgeBase::embedded().unwrap()
    }

    fn routine() -> RoutineNow {
        RoutineNow {
            id: "general".to_owned(),
            name: "General mobility".to_owned(),
            level: 1,
            levels: 3,
            summary: "The routine as written.".to_owned(),
        }
    }

    #[test]
    fn sessions_fall_in_their_monday_weeks() {
        let p = Progress::new(
            &kb(),
            &history(),
            at(16),
            &TimeZone::UTC,
            Some(routine()),
            7,
        );
        let counts: Vec<u32> = p.weeks.iter().map(|w| w.sessions).collect();
        // Three weeks since the journal began (none shown before it).
        assert_eq!(counts, [3, 2, 1]);
        assert_eq!(p.weeks[2].starts, jiff::civil::date(2026, 11, 16));
        assert_eq!(p.weeks[0].minutes, 15);
    }

    #[test]
    fn the_next_check_in_is_a_week_after_the_last() {
        let p = Progress::new(
            &kb(),
            &history(),
            at(16),
            &TimeZone::UTC,
            Some(routine()),
            7,
        );
        let due = p.next_checkin.unwrap();
        assert_eq!(
            (due.date, due.overdue),
            (jiff::civil::date(2026, 11, 23), false)
        );
        let late = Progress::new(
            &kb(),
            &history(),
            at(30),
            &TimeZone::UTC,
            Some(routine()),
            7,
        );
        assert!(late.next_checkin.as_ref().unwrap().overdue);
        let text = late.text(Style::PLAIN, None, &TimeZone::UTC);
        assert!(text.contains("A check-in was due on 23 Nov 2026"), "{text}");
    }

    #[test]
    fn redirected_text_lists_the_ratings_and_a_terminal_gets_a_chart() {
        let p = Progress::new(
            &kb(),
            &history(),
            at(16),
            &TimeZone::UTC,
            Some(routine()),
            7,
        );
        let plain = p.text(Style::PLAIN, None, &TimeZone::UTC);
        assert!(plain.contains("  2026-11-02   7  #######\n"), "{plain}");
        assert!(
            plain.contains("Your routine: General mobility, level 1 of 3."),
            "{plain}"
        );
        let chart = p.text(Style::PLAIN, Some(Glyphs::Ascii), &TimeZone::UTC);
        assert!(chart.contains(" 10 |"), "{chart}");
        assert!(!chart.contains("2026-11-02"), "{chart}");
    }

    #[test]
    fn an_urgent_last_check_is_repeated() {
        let mut h = history();
        h.checks[2].urgency = Urgency::Urgent;
        let text = Progress::new(&kb(), &h, at(16), &TimeZone::UTC, None, 7).text(
            Style::PLAIN,
            None,
            &TimeZone::UTC,
        );
        assert!(text.contains("Your last check said:"), "{text}");
        assert!(text.contains("No routine is recommended now."), "{text}");
    }

    #[test]
    fn text_from_an_imported_journal_cannot_drive_the_terminal() {
        let mut h = history();
        h.changes.push(crate::journal::LevelChange {
            at: at(7),
            routine: "x\u{1b}[2J\u{202e}".to_owned(),
            from: 1,
            to: 2,
            rule: "r".to_owned(),
            reason: "why\u{7}\u{202e}".to_owned(),
        });
        let text = Progress::new(&kb(), &h, at(16), &TimeZone::UTC, Some(routine()), 7).text(
            Style::PLAIN,
            None,
            &TimeZone::UTC,
        );
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
        assert!(!text.contains('\u{202e}'), "{text}");
    }

    #[test]
    fn after_a_result_that_needs_a_doctor_no_check_in_is_due() {
        let mut h = history();
        h.checks[2].urgency = Urgency::Urgent;
        let p = Progress::new(&kb(), &h, at(16), &TimeZone::UTC, None, 7);
        assert!(p.next_checkin.is_none());
    }

    #[test]
    fn an_empty_journal_says_how_to_start() {
        let p = Progress::new(&kb(), &History::default(), at(0), &TimeZone::UTC, None, 7);
        assert!(
            p.text(Style::PLAIN, None, &TimeZone::UTC)
                .contains("`backcare check`")
        );
    }
}
