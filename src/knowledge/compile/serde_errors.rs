//! Turning serde's parse errors into located faults with a "did you mean".
//!
//! `serde_json`'s messages are matched as text here and only here, so a rewording in a serde
//! upgrade breaks one module (and the tests in tests/it/hostile.rs and malformed.rs that pin the
//! messages).

use crate::knowledge::fault::Fault;
use crate::knowledge::locate::line_column;
use crate::knowledge::source::RuleFile;
use crate::suggest::closest_id;
use serde::de::DeserializeOwned;

/// Parses one file, turning a serde error into a located fault with a suggestion where one helps.
pub(super) fn parse<T: DeserializeOwned>(file: &RuleFile, faults: &mut Vec<Fault>) -> Option<T> {
    if file.text.trim().is_empty() {
        faults.push(Fault {
            file: file.name.clone(),
            line: 0,
            column: 0,
            path: String::new(),
            message: "is empty; it must hold a JSON object with a `version` and its list"
                .to_owned(),
        });
        return None;
    }
    // serde also reads a struct written as an array of its values (`[1, [...]]`), which would
    // bypass the field names; every rule file is an object.
    let body = file.text.trim_start_matches('\u{feff}').trim_start();
    if !body.starts_with('{') {
        let offset = file.text.len() - body.len();
        let (line, column) = line_column(&file.text, offset);
        faults.push(Fault {
            file: file.name.clone(),
            line,
            column,
            path: String::new(),
            message: "must hold one JSON object, like {\"version\": 1, ...}".to_owned(),
        });
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(&file.text);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|value| de.end().map(|()| value).map_err(|e| (String::new(), e)));
    match parsed {
        Ok(value) => Some(value),
        Err((path, error)) => {
            let (line, column) = if error.line() == 0 {
                line_column(&file.text, file.text.len())
            } else {
                (error.line(), error.column())
            };
            faults.push(Fault {
                file: file.name.clone(),
                line,
                column,
                // serde_path_to_error writes `?` for a segment it could not name (a broken key).
                path: path
                    .trim_end_matches(".?")
                    .trim_start_matches('.')
                    .replace('?', ""),
                message: explain_serde_error(&error),
            });
            None
        }
    }
}

/// serde's message without its trailing position (the fault carries that), plus a "did you mean"
/// for unknown fields and variants.
fn explain_serde_error(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let message = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => &full,
    };
    let mut message = message.to_owned();
    if message.contains("recursion limit exceeded") {
        return "nested too deeply (more than 128 levels); flatten the condition or use a named condition"
            .to_owned();
    }
    for prefix in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let unknown = rest.split('`').next().unwrap_or_default().to_owned();
            let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
            if let Some(near) = closest_id(&unknown, expected.iter().copied()) {
                // `near` borrows from `message`, so the hint is formatted before it is appended.
                let hint = format!("; did you mean `{near}`?");
                message.push_str(&hint);
            }
            break;
        }
    }
    message
}
