//! Finds the line and column of a JSON path in a document's text.
//!
//! serde gives positions only for syntax and type errors; faults found later (an unknown id, a
//! cycle) are found on parsed values. Walking the already-valid text once more to the path is
//! simpler than carrying spans through every type, and only runs when there is a fault to report.

use crate::model::Place;
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A JSON path, built up while walking a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    pub fn key(&self, key: &str) -> JsonPath {
        let mut next = self.clone();
        next.0.push(Seg::Key(key.to_owned()));
        next
    }

    pub fn index(&self, index: usize) -> JsonPath {
        let mut next = self.clone();
        next.0.push(Seg::Index(index));
        next
    }

    /// The path of the condition at `place`, within its file ([`Place::file`]).
    pub fn of(place: Place) -> JsonPath {
        let root = JsonPath::default();
        let owner = match place {
            Place::Named(i) => root.key("conditions").index(i),
            Place::AskWhen(i) => root.key("questions").index(i),
            Place::Triage(i) => root.key("rules").index(i),
            Place::LeaveOut(i, j) => root.key("stretches").index(i).key("leave_out").index(j),
            Place::Select(i, j) => root.key("routines").index(i).key("select").index(j),
            Place::Withhold(i) => root.key("withhold").index(i),
            Place::Tip(i) => root.key("tips").index(i),
            Place::SafetyNet(i) => root.key("safety_net").index(i),
        };
        owner.key(if matches!(place, Place::AskWhen(_)) {
            "ask_when"
        } else {
            "when"
        })
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            match seg {
                Seg::Key(k) if out.is_empty() => out.push_str(k),
                Seg::Key(k) => {
                    let _ = write!(out, ".{k}");
                }
                Seg::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        out
    }
}

/// 1-based line and column (in characters) of the value at `path`, or of the deepest part of the
/// path that exists. (Faults serde reports carry serde's column, which counts bytes; the two
/// differ only after a non-ASCII character on the same line.)
pub(crate) fn locate(text: &str, path: &JsonPath) -> (usize, usize) {
    let offset = find(text.as_bytes(), path).unwrap_or(0);
    line_column(text, offset)
}

pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn find(bytes: &[u8], path: &JsonPath) -> Option<usize> {
    let mut pos = skip_ws(bytes, 0);
    for seg in &path.0 {
        match (seg, bytes.get(pos)?) {
            (Seg::Key(want), b'{') => {
                pos = skip_ws(bytes, pos + 1);
                loop {
                    if bytes.get(pos)? != &b'"' {
                        return Some(pos);
                    }
                    let key_end = skip_string(bytes, pos)?;
                    let key = &bytes[pos + 1..key_end - 1];
                    pos = skip_ws(bytes, key_end);
                    pos = skip_ws(bytes, pos + 1); // the colon
                    if key == want.as_bytes() {
                        break;
                    }
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    if bytes.get(pos)? == &b',' {
                        pos = skip_ws(bytes, pos + 1);
                    } else {
                        return Some(pos);
                    }
                }
            }
            (Seg::Index(want), b'[') => {
                pos = skip_ws(bytes, pos + 1);
                for _ in 0..*want {
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    if bytes.get(pos)? == &b',' {
                        pos = skip_ws(bytes, pos + 1);
                    } else {
                        return Some(pos);
                    }
                }
            }
            _ => return Some(pos),
        }
    }
    Some(pos)
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// Position just past the string starting at `pos`.
fn skip_string(bytes: &[u8], mut pos: usize) -> Option<usize> {
    pos += 1;
    loop {
        match bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// Position just past the value starting at `pos`. Iterative, so deep nesting cannot overflow.
fn skip_value(bytes: &[u8], mut pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match bytes.get(pos)? {
            b'"' => pos = skip_string(bytes, pos)?,
            b'{' | b'[' => {
                depth += 1;
                pos += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                pos += 1;
            }
            b',' | b':' if depth > 0 => pos += 1,
            c if c.is_ascii_whitespace() => pos += 1,
            _ if depth == 0 => {
                while bytes
                    .get(pos)
                    .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
                {
                    pos += 1;
                }
                return Some(pos);
            }
            _ => pos += 1,
        }
        if depth == 0 {
            return Some(pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_indices() {
        let text = "{\n  \"version\": 1,\n  \"rules\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"when\": {\"question\": \"x\"}}\n  ]\n}";
        let path = JsonPath::default()
            .key("rules")
            .index(1)
            .key("when")
            .key("question");
        assert_eq!(path.render(), "rules[1].when.question");
        assert_eq!(locate(text, &path), (5, 38));
        assert_eq!(locate(text, &JsonPath::default().key("version")), (2, 14));
    }

    #[test]
    fn a_missing_part_stops_at_the_deepest_existing_one() {
        let text = "{\"a\": [1, 2]}";
        let path = JsonPath::default().key("a").index(5);
        assert_eq!(locate(text, &path), (1, 12));
    }
}
