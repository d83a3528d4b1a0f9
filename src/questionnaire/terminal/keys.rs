//! What a key press means at a prompt. Raw mode turns every control key into an ordinary key
//! event, so the line discipline's meanings (Ctrl-C, Ctrl-Z, Ctrl-U...) are given back here; a
//! key with no meaning is ignored, never typed as a letter.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One key, as the prompts understand it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    /// A printable character to type.
    Char(char),
    Enter,
    /// Go back a question (or leave a confirmation).
    Esc,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    /// Ctrl-U: clear the line.
    ClearLine,
    /// Ctrl-W (or Alt-Backspace): delete the word before the cursor.
    DeleteWord,
    /// Ctrl-K: delete from the cursor to the end of the line.
    KillToEnd,
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-D: the end of input on an empty line, else delete.
    EndOfInput,
    /// Ctrl-Z.
    Suspend,
    /// Ctrl-L: draw the prompt again.
    Redraw,
}

/// The meaning of `event`, or `None` for a key release or a key with no meaning here.
pub(super) fn key(event: &KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let control = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let key = match event.code {
        KeyCode::Char(c) if control => control_key(c)?,
        // Alt-letter is a shortcut in other programs, not text; Alt-Backspace deletes a word.
        KeyCode::Char(_) if alt => return None,
        KeyCode::Backspace if alt || control => Key::DeleteWord,
        KeyCode::Char(c) if crate::sanitize::needs_escape(c) => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        _ => return None,
    };
    Some(key)
}

/// Ctrl + `c`, with the meanings a shell's line editor gives them.
fn control_key(c: char) -> Option<Key> {
    Some(match c.to_ascii_lowercase() {
        'c' => Key::Interrupt,
        'd' => Key::EndOfInput,
        'z' => Key::Suspend,
        'u' => Key::ClearLine,
        'w' => Key::DeleteWord,
        'k' => Key::KillToEnd,
        'a' => Key::Home,
        'e' => Key::End,
        'b' => Key::Left,
        'f' => Key::Right,
        'p' => Key::Up,
        'n' => Key::Down,
        'h' => Key::Backspace,
        'l' => Key::Redraw,
        // Raw mode sends Enter as Ctrl-M and a typed newline as Ctrl-J.
        'm' | 'j' => Key::Enter,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Key> {
        key(&KeyEvent::new(code, modifiers))
    }

    fn ctrl(c: char) -> Option<Key> {
        press(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn control_keys_edit_or_signal_and_never_type_a_letter() {
        assert_eq!(ctrl('u'), Some(Key::ClearLine));
        assert_eq!(ctrl('w'), Some(Key::DeleteWord));
        assert_eq!(ctrl('a'), Some(Key::Home));
        assert_eq!(ctrl('e'), Some(Key::End));
        assert_eq!(ctrl('k'), Some(Key::KillToEnd));
        assert_eq!(ctrl('z'), Some(Key::Suspend));
        assert_eq!(ctrl('c'), Some(Key::Interrupt));
        assert_eq!(ctrl('d'), Some(Key::EndOfInput));
        assert_eq!(ctrl('j'), Some(Key::Enter));
        for c in ['g', 'o', 'q', 'r', 's', 't', 'v', 'x', 'y', '4'] {
            assert_eq!(ctrl(c), None, "Ctrl-{c}");
        }
    }

    #[test]
    fn printable_characters_are_typed_and_others_are_not() {
        assert_eq!(
            press(KeyCode::Char('4'), KeyModifiers::NONE),
            Some(Key::Char('4'))
        );
        assert_eq!(
            press(KeyCode::Char('Y'), KeyModifiers::SHIFT),
            Some(Key::Char('Y'))
        );
        assert_eq!(press(KeyCode::Char('x'), KeyModifiers::ALT), None);
        assert_eq!(press(KeyCode::Char('\u{202e}'), KeyModifiers::NONE), None);
        assert_eq!(press(KeyCode::Char('\u{1b}'), KeyModifiers::NONE), None);
        assert_eq!(press(KeyCode::Tab, KeyModifiers::NONE), None);
        assert_eq!(press(KeyCode::F(1), KeyModifiers::NONE), None);
        assert_eq!(
            press(KeyCode::Backspace, KeyModifiers::ALT),
            Some(Key::DeleteWord)
        );
    }

    #[test]
    fn releases_are_not_presses() {
        let mut event = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(key(&event), None);
    }
}
