//! `remind --ics`: the routine on its schedule and the next check-in as an iCalendar file
//! (RFC 5545) that any calendar app imports.
//!
//! Times are floating (no time zone): 08:00 stays 08:00 on the person's clock wherever they
//! travel, which is what a morning routine means. The UIDs name the purpose, not the routine,
//! and the SEQUENCE grows with the time the file was written, so importing a newer file
//! replaces the reminders instead of adding a second set.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use std::fmt::Write as _;
use std::num::NonZeroU32;

/// What goes in the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminders {
    /// The routine's id, for `backcare routine play ID`.
    pub routine: String,
    /// The routine's name.
    pub name: String,
    /// How long it takes, in whole minutes.
    pub minutes: u32,
    /// How often to do it, in words ("every day").
    pub how_often: String,
    /// The names of its steps, in order.
    pub steps: Vec<String>,
    /// The first day of the routine.
    pub start: Date,
    /// The time of day, on the person's clock.
    pub time: Time,
    /// The routine every N days (1 is daily).
    pub every_days: NonZeroU32,
    /// The day of the next check-in.
    pub checkin: Date,
    /// Check-ins after that every N days; `None` for the next one only.
    pub checkin_every_days: Option<NonZeroU32>,
    /// When the calendar was made (DTSTAMP).
    pub dtstamp: Timestamp,
    /// When to stop and get help, shown with every reminder.
    pub safety: String,
}

/// The calendar file: CRLF line ends, lines folded at 75 octets, TEXT values escaped.
pub fn ics(reminders: &Reminders) -> String {
    let r = reminders;
    let stamp = r.dtstamp.strftime("%Y%m%dT%H%M%SZ").to_string();
    let sequence = sequence(r.dtstamp).to_string();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//backcare//backcare {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".into(),
    ];

    let summary = format!("Stretch: {} ({} min)", r.name, r.minutes);
    let mut steps = String::new();
    for (i, step) in r.steps.iter().enumerate() {
        let _ = writeln!(steps, "{}. {step}", i + 1);
    }
    let description = format!(
        "{} minutes, {}.\n\n{steps}\nStart it with: backcare routine play {}\n\n{}",
        r.minutes, r.how_often, r.routine, r.safety
    );
    lines.extend(event(&Event {
        uid: "routine@backcare",
        sequence: &sequence,
        stamp: &stamp,
        start: local(r.start, r.time),
        minutes: r.minutes,
        every_days: Some(r.every_days),
        summary: &summary,
        description: &description,
    }));

    let description = format!(
        "A short return visit: your pain now, how it is going, and the warning signs asked \
         again. Run: backcare checkin\n\n{}",
        r.safety
    );
    lines.extend(event(&Event {
        uid: "checkin@backcare",
        sequence: &sequence,
        stamp: &stamp,
        start: local(r.checkin, r.time),
        minutes: CHECKIN_MINUTES,
        every_days: r.checkin_every_days,
        summary: "Back check-in with backcare",
        description: &description,
    }));
    lines.push("END:VCALENDAR".into());

    let mut out = String::new();
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

/// A check-in takes a few minutes.
const CHECKIN_MINUTES: u32 = 5;

struct Event<'a> {
    uid: &'a str,
    sequence: &'a str,
    stamp: &'a str,
    start: String,
    minutes: u32,
    every_days: Option<NonZeroU32>,
    summary: &'a str,
    description: &'a str,
}

fn event(e: &Event<'_>) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", text(e.uid)),
        format!("SEQUENCE:{}", e.sequence),
        format!("DTSTAMP:{}", e.stamp),
        format!("DTSTART:{}", e.start),
        format!("DURATION:PT{}M", e.minutes),
    ];
    if let Some(every) = e.every_days {
        lines.push(format!("RRULE:FREQ=DAILY;INTERVAL={every}"));
    }
    lines.extend([
        format!("SUMMARY:{}", text(e.summary)),
        format!("DESCRIPTION:{}", text(e.description)),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", text(e.summary)),
        "TRIGGER:PT0M".to_owned(),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
    ]);
    lines
}

/// A floating local date-time: `20250302T080000`.
fn local(date: Date, time: Time) -> String {
    date.to_datetime(time).strftime("%Y%m%dT%H%M%S").to_string()
}

/// Whole minutes from 2020 to `stamp`: a later file gets a higher SEQUENCE, within the 31 bits
/// RFC 5545's INTEGER allows for thousands of years.
fn sequence(stamp: Timestamp) -> i64 {
    const START_2020: i64 = 1_577_836_800;
    ((stamp.as_second() - START_2020) / 60).clamp(0, i64::from(i32::MAX))
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, a line break as
/// `\n`; other control characters, which TEXT may not hold, left out.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded (RFC 5545 3.1): at most 75 octets a line, a continuation starting
/// with one space, never splitting a UTF-8 character; CRLF after each.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut room = LIMIT;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            // The space counts against the continuation line's 75.
            room = LIMIT - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_on_character_boundaries() {
        assert_eq!(text("a\\b;c,d\r\ne\u{7}"), "a\\\\b\\;c\\,d\\ne");
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        fold_into(&mut out, &line);
        for part in out.split_terminator("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        let mut short = String::new();
        fold_into(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }

    #[test]
    fn a_later_file_has_a_higher_sequence() {
        let early: Timestamp = "2025-03-01T07:00:00Z".parse().expect("time");
        let later: Timestamp = "2025-03-01T07:01:00Z".parse().expect("time");
        assert!(sequence(later) > sequence(early));
        assert_eq!(sequence("2019-01-01T00:00:00Z".parse().expect("time")), 0);
    }
}
