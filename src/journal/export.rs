//! `journal export` and `journal import`: JSON Lines, one row per line exactly as [`Entry`]
//! serializes (what import reads back), and CSV for a spreadsheet with every field of every
//! table as a column.

use super::Entry;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The CSV header: `table`, then the fields of `checks`, `sessions` and `level_changes` (shared
/// names once). A row leaves the columns of other tables empty.
pub const CSV_COLUMNS: &[&str] = &[
    "table",
    "at",
    "kind",
    "urgency",
    "routine",
    "level",
    "pain",
    "trend",
    "sessions_reported",
    "flare_up",
    "stopped_early",
    "answers",
    "steps",
    "done",
    "skipped",
    "seconds",
    "quit",
    "pain_before",
    "pain_after",
    "from",
    "to",
    "rule",
    "reason",
    "rules",
];

const FIX: &str = "each line must be a row of `backcare journal export --format jsonl`";

/// One compact JSON object per row, each ending in a newline.
pub fn to_jsonl(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        out.push_str(&line(entry));
        out.push('\n');
    }
    out
}

fn line(entry: &Entry) -> String {
    // The rows are plain structs, times and a JSON object with string keys: nothing in them
    // can fail to encode.
    serde_json::to_string(entry).expect("a journal row always encodes as JSON")
}

/// RFC 4180 CSV: a header, then one row per entry, lines ending in CRLF; a field holding a
/// comma, a quote or a line break is quoted, with quotes doubled. Absent values are empty,
/// `true`/`false` spelled out, the answers one JSON object in their cell.
pub fn to_csv(entries: &[Entry]) -> String {
    let mut out = String::new();
    push_record(&mut out, CSV_COLUMNS.iter().map(|c| (*c).to_owned()));
    for entry in entries {
        let Ok(Value::Object(fields)) = serde_json::to_value(entry) else {
            unreachable!("a journal row encodes as a JSON object")
        };
        push_record(
            &mut out,
            CSV_COLUMNS.iter().map(|column| match fields.get(*column) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
            }),
        );
    }
    out
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// Reads what [`to_jsonl`] wrote. Blank lines are skipped; the first bad line is an error
/// naming the line, the field and the fix. Unknown fields are errors too (a newer backcare's
/// export would otherwise lose them).
pub fn from_jsonl(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let entry = parse_line(line).map_err(|why| format!("line {number}{why}; {FIX}"))?;
        if let Some(problem) = entry.problem() {
            return Err(format!("line {number}: {problem}; correct that line"));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// One line as a row, or why not (starting ", column N" or ": field"). The line is read as a
/// JSON object first and its record by `table` second, so that an error can name the field
/// (serde loses the path inside an internally tagged enum).
fn parse_line(line: &str) -> Result<Entry, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        format!(
            ", column {}: not valid JSON ({})",
            e.column(),
            without_position(&e)
        )
    })?;
    let Value::Object(mut fields) = value else {
        return Err(": not a JSON object".to_owned());
    };
    let known = "expected `checks`, `sessions` or `level_changes`";
    match fields.remove("table") {
        Some(Value::String(table)) => match table.as_str() {
            "checks" => record(fields).map(Entry::Check),
            "sessions" => record(fields).map(Entry::Session),
            "level_changes" => record(fields).map(Entry::LevelChange),
            other => Err(format!(": table: unknown table `{other}`, {known}")),
        },
        Some(_) => Err(format!(": table: not a table name, {known}")),
        None => Err(format!(": missing field `table`, {known}")),
    }
}

fn record<T: DeserializeOwned>(fields: Map<String, Value>) -> Result<T, String> {
    serde_path_to_error::deserialize(Value::Object(fields)).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            format!(": {}", e.inner())
        } else {
            format!(": {path}: {}", e.inner())
        }
    })
}

/// The JSON parser's message without its " at line 1 column 9": the line is ours to name.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Urgency;
    use crate::journal::{CheckKind, CheckRecord, LevelChange, SessionRecord};

    fn every_kind() -> Vec<Entry> {
        vec![
            Entry::Check(CheckRecord {
                at: "2025-03-01T07:12:45.5Z".parse().expect("time"),
                kind: CheckKind::Checkin,
                answers: serde_json::json!({"age": 40, "where": ["low_back", "buttock"]}),
                urgency: Urgency::SelfCare,
                routine: Some("desk_reset".to_owned()),
                level: Some(2),
                pain: Some(4),
                trend: Some("better".to_owned()),
                sessions_reported: Some(3),
                flare_up: true,
                stopped_early: false,
                rules: "f00d".to_owned(),
            }),
            Entry::Session(SessionRecord {
                at: "2025-03-01T18:00:00Z".parse().expect("time"),
                routine: "desk_reset".to_owned(),
                level: 2,
                steps: 6,
                done: 5,
                skipped: 1,
                seconds: 540,
                quit: false,
                pain_before: Some(5),
                pain_after: Some(3),
                rules: "f00d".to_owned(),
            }),
            Entry::LevelChange(LevelChange {
                at: "2025-03-08T07:00:00Z".parse().expect("time"),
                routine: "desk_reset".to_owned(),
                from: 1,
                to: 2,
                rule: "steady_two_weeks".to_owned(),
                reason: "Pain down, \"steady\", for two weeks; well done".to_owned(),
            }),
        ]
    }

    #[test]
    fn jsonl_reads_back_what_it_wrote() {
        let entries = every_kind();
        let text = to_jsonl(&entries);
        assert_eq!(text.lines().count(), 3);
        assert!(
            text.starts_with(r#"{"table":"checks","at":"2025-03-01T07:12:45.5Z""#),
            "{text}"
        );
        assert_eq!(from_jsonl(&text).expect("reads"), entries);
        assert_eq!(
            from_jsonl(&format!("\n{text}\r\n\n")).expect("blank lines"),
            entries
        );
    }

    #[test]
    fn a_bad_line_is_named_with_its_field_and_the_fix() {
        let good = line(&every_kind()[1]);
        let cases = [
            ("{\"table\":\"sessions\",", "line 2, column"),
            (
                r#"{"table":"meals","at":"2025-03-01T07:00:00Z"}"#,
                "line 2: table: unknown table `meals`",
            ),
            (
                &good.replace("\"level\":2", "\"level\":\"two\""),
                "line 2: level: invalid type",
            ),
            (
                &good.replace("\"quit\":false", "\"quit\":false,\"mood\":\"ok\""),
                "unknown field `mood`",
            ),
            (&good.replace("\"quit\":false,", ""), "missing field `quit`"),
            (
                &good.replace("\"pain_after\":3", "\"pain_after\":12"),
                "line 2: pain_after: 12 is not a rating",
            ),
            (&format!("{good} {{}}"), "line 2, column"),
        ];
        for (bad, expected) in cases {
            let err = from_jsonl(&format!("{good}\n{bad}\n")).expect_err(bad);
            assert!(err.contains(expected), "{bad}\n{err}");
            assert!(!err.contains("at line 1"), "{err}");
        }
    }

    #[test]
    fn csv_has_one_header_and_every_field_of_every_table() {
        let entries = every_kind();
        for entry in &entries {
            let Value::Object(fields) = serde_json::to_value(entry).expect("encodes") else {
                panic!("an object")
            };
            for key in fields.keys() {
                assert!(CSV_COLUMNS.contains(&key.as_str()), "no column for {key}");
            }
        }
        let csv = to_csv(&entries);
        let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 4, "{csv}");
        assert_eq!(lines[0], CSV_COLUMNS.join(","));
        // One cell per column, in the header's order.
        let check = [
            "checks",
            "2025-03-01T07:12:45.5Z",
            "checkin",
            "self_care",
            "desk_reset",
            "2",
            "4",
            "better",
            "3",
            "true",
            "false",
            r#""{""age"":40,""where"":[""low_back"",""buttock""]}""#,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "f00d",
        ];
        let session = [
            "sessions",
            "2025-03-01T18:00:00Z",
            "",
            "",
            "desk_reset",
            "2",
            "",
            "",
            "",
            "",
            "",
            "",
            "6",
            "5",
            "1",
            "540",
            "false",
            "5",
            "3",
            "",
            "",
            "",
            "",
            "f00d",
        ];
        let change = [
            "level_changes",
            "2025-03-08T07:00:00Z",
            "",
            "",
            "desk_reset",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "1",
            "2",
            "steady_two_weeks",
            r#""Pain down, ""steady"", for two weeks; well done""#,
            "",
        ];
        for row in [&check, &session, &change] {
            assert_eq!(row.len(), CSV_COLUMNS.len());
        }
        assert_eq!(lines[1], check.join(","));
        assert_eq!(lines[2], session.join(","));
        assert_eq!(lines[3], change.join(","));
    }

    #[test]
    fn a_line_break_inside_a_field_is_quoted() {
        let mut entries = every_kind();
        if let Entry::LevelChange(change) = &mut entries[2] {
            change.reason = "two lines\r\nof reason".to_owned();
        }
        let csv = to_csv(&entries[2..]);
        assert!(csv.contains("\"two lines\r\nof reason\""), "{csv}");
    }
}
