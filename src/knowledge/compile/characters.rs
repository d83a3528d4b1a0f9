//! Rule text reaches the terminal: an ESC, a bidirectional override or a zero-width character in
//! a question or a stretch step would move the cursor, reorder or hide what a person reads. Such
//! characters are refused when the rules load, wherever they are, written raw or as a JSON
//! escape (`\\u001b`, `\\n`). One pass over each file's text.

use super::{Compiler, make_positioned_fault};
use crate::model::RuleFileKind;
use crate::sanitize::needs_escape;

/// The first character in a JSON text that a terminal would act on, by byte offset. The text
/// has parsed as JSON, so every backslash starts an escape.
fn first_control_character(text: &str) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    // A byte-order mark may start the file; it is not part of any text.
    if let Some(&(0, '\u{feff}')) = chars.peek() {
        chars.next();
    }
    while let Some((at, c)) = chars.next() {
        if c == '\\' {
            let escaped = match chars.next() {
                Some((_, 'n')) => Some('\n'),
                Some((_, 't')) => Some('\t'),
                Some((_, 'r')) => Some('\r'),
                Some((_, 'b')) => Some('\u{8}'),
                Some((_, 'f')) => Some('\u{c}'),
                Some((_, 'u')) => {
                    let hex: String = (0..4)
                        .filter_map(|_| chars.next().map(|(_, h)| h))
                        .collect();
                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                }
                _ => None,
            };
            if let Some(e) = escaped.filter(|e| needs_escape(*e)) {
                return Some((at, e));
            }
        } else if needs_escape(c) && !c.is_ascii_whitespace() {
            // Raw line breaks and spaces between JSON values are layout, not text.
            return Some((at, c));
        }
    }
    None
}

impl Compiler<'_> {
    /// Refuses, in each file, the first character a terminal would act on.
    pub(super) fn refuse_control_characters(&mut self) {
        for kind in RuleFileKind::ALL {
            let file = self.files.file(kind);
            if let Some((at, c)) = first_control_character(&file.text) {
                let message = format!(
                    "holds the control character U+{:04X}, which a terminal would act on \
                     (move the cursor, reorder or hide text); remove it",
                    u32::from(c)
                );
                let fault = make_positioned_fault(file, at, message);
                self.push_fault(fault);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_control_character;

    #[test]
    fn raw_and_escaped_controls_are_found_layout_is_not() {
        assert_eq!(first_control_character("{\n  \"a\": \"b\"\r\n}"), None);
        assert_eq!(first_control_character("\u{feff}{\"a\": 1}"), None);
        assert_eq!(
            first_control_character(r#"{"a": "x\u001b[2J"}"#),
            Some((8, '\u{1b}'))
        );
        assert_eq!(
            first_control_character(r#"{"a": "one\ntwo"}"#),
            Some((10, '\n'))
        );
        assert_eq!(
            first_control_character("{\"a\": \"x\u{202e}y\"}"),
            Some((8, '\u{202e}'))
        );
        // An escaped backslash followed by letters is ordinary text.
        assert_eq!(first_control_character(r#"{"a": "c:\\new"}"#), None);
        assert_eq!(first_control_character(r#"{"a": "\u00e9t\u00e9"}"#), None);
    }
}
