//! Text from outside (rule files, answer keys, command-line ids) made safe to print: control
//! characters escaped so an ESC in a rule's text cannot drive the terminal, and long values cut
//! so one bad id cannot produce a megabyte error line.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Longest piece of foreign text quoted in a message, in characters.
pub const QUOTE_CHARS: usize = 40;

/// Escapes what a terminal would act on: C0 and C1 controls (ESC, CR, BEL, newline...), DEL,
/// bidirectional overrides that reorder what follows them, and zero-width characters that hide
/// text. Everything else, including ordinary non-ASCII letters, is kept as it is.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                _ => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`for_terminal`], but keeps line breaks and tabs: for multi-line text such as a rule's
/// instructions, where only the characters a terminal would act on must go.
pub fn for_terminal_lines(text: &str) -> Cow<'_, str> {
    let kept = |c: char| c == '\n' || c == '\t';
    if !text.chars().any(|c| needs_escape(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if kept(c) {
            out.push(c);
        } else {
            out.push_str(&for_terminal(c.encode_utf8(&mut [0; 4])));
        }
    }
    Cow::Owned(out)
}

/// Whether a terminal would act on `c` (or hide it): what [`for_terminal`] escapes.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width space, joiners, direction marks
            | '\u{202a}'..='\u{202e}' // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
            | '\u{feff}'              // zero-width no-break space (BOM)
        )
}

/// A piece of foreign text as it may be quoted in a one-line message: escaped, and cut to
/// [`QUOTE_CHARS`] characters with the rest summarised ("... (2000000 characters)").
pub fn quote(text: &str) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= QUOTE_CHARS {
        return for_terminal(text);
    }
    let head: String = text.chars().take(QUOTE_CHARS).collect();
    Cow::Owned(format!("{}... ({count} characters)", for_terminal(&head)))
}

/// Longest line of an error message, in characters: room for a located fault with its example
/// answer set, not for a megabyte of pasted text.
pub const LINE_CHARS: usize = 2_000;

/// One line of a message as it may be printed: escaped, and cut to [`LINE_CHARS`] characters
/// with the rest summarised, so no input can flood the terminal with one line.
pub fn message_line(line: &str) -> Cow<'_, str> {
    let count = line.chars().count();
    if count <= LINE_CHARS {
        return for_terminal(line);
    }
    let head: String = line.chars().take(LINE_CHARS).collect();
    Cow::Owned(format!(
        "{}... ({} more characters)",
        for_terminal(&head),
        count - LINE_CHARS
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            for_terminal("Knee to chest – ok"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(quote("short id"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_invisible_characters_are_shown_not_obeyed() {
        assert_eq!(for_terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(for_terminal("line\nnext\r"), "line\\nnext\\r");
        assert_eq!(
            for_terminal("x\u{202e}y\u{200b}z\u{9b}"),
            "x\\u{202e}y\\u{200b}z\\u{9b}"
        );
        assert_eq!(for_terminal("\u{7f}"), "\\u{7f}");
    }

    #[test]
    fn multi_line_text_keeps_its_lines() {
        assert_eq!(for_terminal_lines("one\n\ttwo\u{1b}"), "one\n\ttwo\\u{1b}");
        assert_eq!(for_terminal_lines("\nx\u{7}"), "\nx\\u{7}");
    }

    #[test]
    fn message_lines_are_cut_and_escaped() {
        assert_eq!(message_line("short"), "short");
        let long = format!("x{}", "y".repeat(2_100));
        let cut = message_line(&long);
        assert!(cut.ends_with("... (101 more characters)"), "{cut}");
        assert!(!message_line("a\u{1b}b").contains('\u{1b}'));
    }

    #[test]
    fn long_quotes_are_cut_with_a_count() {
        let long = "a".repeat(2_000_000);
        let quoted = quote(&long);
        assert_eq!(
            quoted,
            format!("{}... (2000000 characters)", "a".repeat(40))
        );
        let hostile = format!("{}\u{1b}", "b".repeat(50));
        assert!(!quote(&hostile).contains('\u{1b}'));
    }
}
