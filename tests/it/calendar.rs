//! `remind --ics`: the calendar file read back by an independent parser (the `icalendar`
//! crate), and the octet-level rules of RFC 5545 checked on the text itself.

use backcare::journal::calendar::{Reminders, ics};
use icalendar::CalendarDateTime;
use icalendar::parser::{Component, read_calendar, unfold};
use jiff::civil::{date, time};
use std::num::NonZeroU32;
use std::str::FromStr;

fn reminders() -> Reminders {
    Reminders {
        routine: "desk_reset".to_owned(),
        name: "Desk reset; gentle, for sitting all day".to_owned(),
        minutes: 12,
        how_often: "every other day".to_owned(),
        steps: vec![
            "Cat-cow, slowly".to_owned(),
            "Knee to chest (each side)".to_owned(),
            "Seated twist; breathe out as you turn".to_owned(),
            "Backslash \\ test".to_owned(),
        ],
        start: date(2025, 3, 2),
        time: time(7, 45, 0, 0),
        every_days: NonZeroU32::new(2).expect("not zero"),
        checkin: date(2025, 3, 16),
        checkin_every_days: NonZeroU32::new(14),
        dtstamp: "2025-03-01T19:04:05.678Z".parse().expect("time"),
        safety: "Stop and get help at once if you lose control of your bladder or bowels, or \
                 feel numb between the legs; stop the stretches if the pain spreads down a leg."
            .to_owned(),
    }
}

fn value(component: &Component<'_>, name: &str) -> String {
    component
        .find_prop(name)
        .unwrap_or_else(|| panic!("{} has no {name}", component.name.as_str()))
        .val
        .as_str()
        .to_owned()
}

fn text_value(component: &Component<'_>, name: &str) -> String {
    component
        .find_prop(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .val
        .clone()
        .unescape_text()
        .as_str()
        .to_owned()
}

#[test]
fn the_calendar_parses_with_the_routine_and_the_check_in() {
    let text = ics(&reminders());
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("an independent parser reads it");
    let head: Vec<(String, String)> = calendar
        .properties
        .iter()
        .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
        .collect();
    assert!(
        head.contains(&("VERSION".to_owned(), "2.0".to_owned())),
        "{head:?}"
    );
    assert!(
        head.iter()
            .any(|(k, v)| k == "PRODID" && v.contains("backcare")),
        "{head:?}"
    );

    let events: Vec<&Component<'_>> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 2, "{text}");
    let (routine, checkin) = (events[0], events[1]);

    assert_eq!(value(routine, "DTSTART"), "20250302T074500");
    // Floating: the person's wall-clock time wherever they are.
    assert!(matches!(
        CalendarDateTime::from_str(&value(routine, "DTSTART")),
        Ok(CalendarDateTime::Floating(_))
    ));
    assert_eq!(value(routine, "DURATION"), "PT12M");
    assert_eq!(value(routine, "RRULE"), "FREQ=DAILY;INTERVAL=2");
    assert_eq!(value(routine, "DTSTAMP"), "20250301T190405Z");
    assert_eq!(
        text_value(routine, "SUMMARY"),
        "Stretch: Desk reset; gentle, for sitting all day (12 min)"
    );
    let description = text_value(routine, "DESCRIPTION");
    assert!(
        description.starts_with("12 minutes, every other day.\n\n1. Cat-cow, slowly\n"),
        "{description}"
    );
    assert!(
        description.contains("3. Seated twist; breathe out as you turn\n"),
        "{description}"
    );
    assert!(
        description.contains("4. Backslash \\ test\n"),
        "{description}"
    );
    assert!(
        description.contains("backcare routine play desk_reset"),
        "{description}"
    );
    assert!(
        description.contains("Stop and get help at once"),
        "{description}"
    );

    assert_eq!(value(checkin, "DTSTART"), "20250316T074500");
    assert_eq!(value(checkin, "RRULE"), "FREQ=DAILY;INTERVAL=14");
    assert!(text_value(checkin, "DESCRIPTION").contains("backcare checkin"));
    assert!(text_value(checkin, "DESCRIPTION").contains("Stop and get help at once"));

    for event in [routine, checkin] {
        let alarms: Vec<&Component<'_>> = event
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VALARM")
            .collect();
        assert_eq!(alarms.len(), 1);
        assert_eq!(value(alarms[0], "ACTION"), "DISPLAY");
        assert_eq!(value(alarms[0], "TRIGGER"), "PT0M");
        assert!(!text_value(alarms[0], "DESCRIPTION").is_empty());
    }
    // Stable UIDs: writing the file again (later) names the same two events.
    assert_eq!(value(routine, "UID"), "routine@backcare");
    assert_eq!(value(checkin, "UID"), "checkin@backcare");
}

#[test]
fn lines_end_in_crlf_and_fold_within_75_octets() {
    let text = ics(&reminders());
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "a bare CR");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(
        lines.iter().any(|l| l.starts_with(' ')),
        "the description is long enough to fold"
    );
}

#[test]
fn commas_semicolons_and_non_ascii_survive_escaping_and_folding() {
    let mut r = reminders();
    r.name = "Étirements: dos, hanches; ½ série — \"doux\"".repeat(3);
    r.checkin_every_days = None;
    let text = ics(&r);
    assert!(text.contains("dos\\, hanches\\; ½"), "{text}");
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("parses");
    let routine = &calendar.components[0];
    assert_eq!(
        text_value(routine, "SUMMARY"),
        format!("Stretch: {} (12 min)", r.name)
    );
    // Only the next check-in: no repeat rule on it.
    let checkin = &calendar.components[1];
    assert!(checkin.find_prop("RRULE").is_none());
    assert_eq!(value(checkin, "DURATION"), "PT5M");
}

#[test]
fn a_daily_routine_repeats_every_day() {
    let mut r = reminders();
    r.every_days = NonZeroU32::MIN;
    let text = ics(&r);
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("parses");
    assert_eq!(
        value(&calendar.components[0], "RRULE"),
        "FREQ=DAILY;INTERVAL=1"
    );
}
