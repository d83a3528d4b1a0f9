//! A one-line text editor: the characters typed so far and where the cursor is. Pure state, so
//! every key's effect is tested without a terminal.

use super::keys::Key;

/// The line being typed. Only printable characters get in (the key mapping drops the rest), and
/// no more than `limit` of them, so a runaway paste cannot grow a prompt without end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LineEditor {
    chars: Vec<char>,
    /// Characters before the cursor: 0 is the start of the line, `chars.len()` its end.
    cursor: usize,
    limit: usize,
}

impl LineEditor {
    /// An editor holding `text`, with the cursor at its end.
    pub(super) fn new(text: &str, limit: usize) -> LineEditor {
        let chars: Vec<char> = text.chars().take(limit).collect();
        LineEditor {
            cursor: chars.len(),
            chars,
            limit,
        }
    }

    pub(super) fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Characters before the cursor.
    pub(super) fn cursor(&self) -> usize {
        self.cursor
    }

    pub(super) fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Applies an editing key; `false` when `key` does not edit a line (Enter, Esc, arrows up
    /// and down...), for the prompt to handle.
    pub(super) fn edit(&mut self, key: Key) -> bool {
        match key {
            Key::Char(c) => {
                if self.chars.len() < self.limit {
                    self.chars.insert(self.cursor, c);
                    self.cursor += 1;
                }
            }
            Key::Backspace => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.chars.remove(self.cursor);
                }
            }
            // Ctrl-D on a line with text deletes as Delete does (its end-of-input meaning is the
            // prompt's, on an empty line).
            Key::Delete | Key::EndOfInput => {
                if self.cursor < self.chars.len() {
                    self.chars.remove(self.cursor);
                }
            }
            Key::Left => self.cursor = self.cursor.saturating_sub(1),
            Key::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.chars.len(),
            Key::ClearLine => {
                self.chars.clear();
                self.cursor = 0;
            }
            Key::KillToEnd => self.chars.truncate(self.cursor),
            Key::DeleteWord => {
                // As a shell does: spaces before the cursor, then the word before them.
                let mut start = self.cursor;
                while start > 0 && self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[Key]) -> LineEditor {
        let mut editor = LineEditor::new("", 40);
        for key in keys {
            editor.edit(*key);
        }
        editor
    }

    fn chars(text: &str) -> Vec<Key> {
        text.chars().map(Key::Char).collect()
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut keys = chars("2");
        keys.extend([Key::Home, Key::Char('4'), Key::End, Key::Char('!')]);
        let editor = typed(&keys);
        assert_eq!(editor.text(), "42!");
        assert_eq!(editor.cursor(), 3);
    }

    #[test]
    fn ctrl_u_clears_the_whole_line() {
        let mut keys = chars("99");
        keys.extend([Key::Left, Key::ClearLine]);
        keys.extend(chars("42"));
        assert_eq!(typed(&keys).text(), "42");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor_and_the_spaces_after_it() {
        let mut keys = chars("12 34  ");
        keys.push(Key::DeleteWord);
        let editor = typed(&keys);
        assert_eq!(editor.text(), "12 ");
        assert_eq!(editor.cursor(), 3);
        let mut keys = chars("ab cd");
        keys.extend([Key::Left, Key::Left, Key::DeleteWord]);
        assert_eq!(
            typed(&keys).text(),
            "cd",
            "at a word's start: the word before it"
        );
        let mut keys = chars("ab cd");
        keys.extend([Key::Left, Key::DeleteWord]);
        assert_eq!(typed(&keys).text(), "ab d");
        assert_eq!(typed(&[Key::DeleteWord]).text(), "");
    }

    #[test]
    fn backspace_delete_and_kill_to_end() {
        let mut keys = chars("1234");
        keys.extend([Key::Left, Key::Backspace]);
        assert_eq!(typed(&keys).text(), "124");
        keys.extend([Key::Home, Key::Delete]);
        assert_eq!(typed(&keys).text(), "24");
        keys.extend([Key::Right, Key::KillToEnd]);
        assert_eq!(typed(&keys).text(), "2");
        keys.extend([Key::Home, Key::Backspace, Key::End, Key::Delete]);
        assert_eq!(typed(&keys).text(), "2", "nothing to delete at either end");
    }

    #[test]
    fn the_cursor_stays_inside_the_line() {
        let mut keys = chars("ab");
        keys.extend([Key::Right, Key::Right, Key::Char('c')]);
        assert_eq!(typed(&keys).text(), "abc");
        keys.extend([Key::Left, Key::Left, Key::Left, Key::Left, Key::Char('<')]);
        assert_eq!(typed(&keys).text(), "<abc");
    }

    #[test]
    fn the_line_is_capped() {
        let mut editor = LineEditor::new("12345", 3);
        assert_eq!(editor.text(), "123");
        assert!(editor.edit(Key::Char('4')));
        assert_eq!(editor.text(), "123");
    }

    #[test]
    fn keys_that_do_not_edit_are_left_to_the_prompt() {
        let mut editor = LineEditor::new("7", 5);
        for key in [Key::Enter, Key::Esc, Key::Up, Key::Interrupt, Key::Suspend] {
            assert!(!editor.edit(key), "{key:?}");
        }
        assert_eq!(editor.text(), "7");
    }
}
