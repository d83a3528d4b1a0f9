//! The prompts as state machines: a key goes in, the prompt stays, finishes with a value, goes
//! back or is interrupted; [`View`] says what to draw. No terminal here, so each kind of prompt
//! is tested key by key.

use super::editor::LineEditor;
use super::keys::Key;
use super::list::List;

/// What a key did to a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step<T> {
    /// Still asking.
    Stay,
    /// Answered.
    Done(T),
    /// Esc: go back a question.
    Back,
    /// Ctrl-C, or Ctrl-D on an empty line.
    Interrupt,
}

/// What a prompt shows under its question.
pub(super) struct View<'a> {
    /// Why the last Enter was not accepted, shown above the question.
    pub(super) error: Option<&'a str>,
    /// After the question: how to answer, in a word or two ("(y/n)").
    pub(super) hint: Option<&'a str>,
    /// A second question under the first (the "none of these?" confirmation).
    pub(super) ask: Option<&'a str>,
    pub(super) body: Body<'a>,
    /// The help line, left out on a small terminal.
    pub(super) help: &'a str,
}

/// The part of a prompt the keys act on.
pub(super) enum Body<'a> {
    /// A line being typed, and the cursor's place in it, in characters.
    Input { text: String, cursor: usize },
    /// A list of choices; the layout scrolls it, so it is lent mutably.
    Choices {
        labels: &'a [String],
        list: &'a mut List,
        /// Ticks before each choice.
        multiple: bool,
    },
}

/// A prompt on a terminal.
pub(super) trait Widget {
    type Output;
    fn key(&mut self, key: Key) -> Step<Self::Output>;
    fn view(&mut self) -> View<'_>;
}

/// The first row of a single-choice list with no answer yet, for a question the rules read.
pub(super) const CHOOSE: &str = "(choose an answer)";
const CHOOSE_ONE: &str = "Please choose one of the answers with the arrow keys.";
/// The confirmation of an empty answer to a multiple-choice question the rules read.
pub(super) const NONE_OF_THESE: &str = "None of these apply to you?";

/// Longest line a text prompt takes: room for any number or word it expects, not for a paste of
/// a whole document.
const LINE_LIMIT: usize = 40;

/// How a typed line becomes a value, or why it does not.
type Parse<T> = Box<dyn Fn(&str) -> Result<T, String>>;

/// A typed answer: a number, y or n, a rating.
pub(super) struct TextField<T> {
    editor: LineEditor,
    parse: Parse<T>,
    error: Option<String>,
    hint: Option<String>,
    help: String,
}

impl<T> TextField<T> {
    pub(super) fn new(
        start: &str,
        parse: Parse<T>,
        hint: Option<String>,
        help: String,
    ) -> TextField<T> {
        TextField {
            editor: LineEditor::new(start, LINE_LIMIT),
            parse,
            error: None,
            hint,
            help,
        }
    }
}

impl<T> Widget for TextField<T> {
    type Output = T;

    fn key(&mut self, key: Key) -> Step<T> {
        match key {
            Key::Enter => match (self.parse)(&self.editor.text()) {
                Ok(value) => return Step::Done(value),
                // The complaint stays until the next Enter, so it can be read while correcting.
                Err(why) => self.error = Some(why),
            },
            Key::Esc => return Step::Back,
            Key::Interrupt => return Step::Interrupt,
            Key::EndOfInput if self.editor.is_empty() => return Step::Interrupt,
            other => {
                self.editor.edit(other);
            }
        }
        Step::Stay
    }

    fn view(&mut self) -> View<'_> {
        View {
            error: self.error.as_deref(),
            hint: self.hint.as_deref(),
            ask: None,
            body: Body::Input {
                text: self.editor.text(),
                cursor: self.editor.cursor(),
            },
            help: &self.help,
        }
    }
}

/// y or n (or yes, no, in any case); Enter alone gives `default`, and with no default asks for
/// an answer.
pub(super) fn parse_yes_no(default: Option<bool>) -> Parse<bool> {
    Box::new(
        move |text| match (text.trim().to_lowercase().as_str(), default) {
            ("y" | "yes", _) => Ok(true),
            ("n" | "no", _) => Ok(false),
            ("", Some(b)) => Ok(b),
            ("", None) => Err("Type y or n, then Enter.".to_owned()),
            _ => Err("Please type y or n.".to_owned()),
        },
    )
}

/// A whole number in `min..=max`; spaces around it are forgiven ("42 " is 42).
pub(super) fn parse_number(min: i64, max: i64) -> Parse<i64> {
    Box::new(move |text| match text.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        Ok(_) => Err(format!("Please enter a number from {min} to {max}")),
        Err(_) => Err("Please type a whole number, like 42".to_owned()),
    })
}

/// A rating from 0 to 10, or nothing (Enter alone skips).
pub(super) fn parse_rating() -> Parse<Option<u8>> {
    Box::new(|text| {
        if text.trim().is_empty() {
            return Ok(None);
        }
        crate::questionnaire::parse_rating(text)
            .map(Some)
            .ok_or_else(|| {
                "Please type a whole number from 0 to 10, or press Enter to skip".to_owned()
            })
    })
}

/// One answer from a list, picked with the arrow keys.
pub(super) struct Single {
    labels: Vec<String>,
    list: List,
    error: Option<&'static str>,
    help: String,
}

impl Single {
    /// With `placeholder`, the cursor starts on [`CHOOSE`], which Enter does not accept; else on
    /// choice `start`.
    pub(super) fn new(
        labels: Vec<String>,
        placeholder: bool,
        start: usize,
        help: String,
    ) -> Single {
        Single {
            list: List::new(labels.len(), placeholder, start, 0),
            labels,
            error: None,
            help,
        }
    }
}

/// The movement keys of a list: arrows, Home, End, Page Up and Down, and j and k as in other
/// terminal menus.
fn movement(key: Key) -> Key {
    match key {
        Key::Char('j') => Key::Down,
        Key::Char('k') => Key::Up,
        other => other,
    }
}

impl Widget for Single {
    type Output = usize;

    fn key(&mut self, key: Key) -> Step<usize> {
        match key {
            Key::Enter => match self.list.choice() {
                Some(choice) => return Step::Done(choice),
                None => self.error = Some(CHOOSE_ONE),
            },
            Key::Esc => return Step::Back,
            Key::Interrupt | Key::EndOfInput => return Step::Interrupt,
            other => {
                if self.list.step(movement(other)) {
                    self.error = None;
                }
            }
        }
        Step::Stay
    }

    fn view(&mut self) -> View<'_> {
        View {
            error: self.error,
            hint: None,
            ask: None,
            body: Body::Choices {
                labels: &self.labels,
                list: &mut self.list,
                multiple: false,
            },
            help: &self.help,
        }
    }
}

/// Any number of answers from a list: Space ticks, Enter finishes. The value is the ticked
/// choices as bits.
pub(super) struct Multiple {
    labels: Vec<String>,
    list: List,
    /// Nothing ticked needs a yes to "none of these apply?" before it counts.
    confirm_none: bool,
    /// The confirmation, while it is asked.
    confirming: Option<TextField<bool>>,
    help: String,
}

impl Multiple {
    pub(super) fn new(
        labels: Vec<String>,
        ticked: u64,
        confirm_none: bool,
        help: String,
    ) -> Multiple {
        Multiple {
            list: List::new(labels.len(), false, 0, ticked),
            labels,
            confirm_none,
            confirming: None,
            help,
        }
    }
}

impl Widget for Multiple {
    type Output = u64;

    fn key(&mut self, key: Key) -> Step<u64> {
        if let Some(confirm) = &mut self.confirming {
            match confirm.key(key) {
                Step::Stay => {}
                Step::Done(true) => return Step::Done(0),
                // No, or Esc: back to the list to tick something.
                Step::Done(false) | Step::Back => self.confirming = None,
                Step::Interrupt => return Step::Interrupt,
            }
            return Step::Stay;
        }
        match key {
            Key::Enter if self.list.ticked() == 0 && self.confirm_none => {
                // No default: a stray Enter must not say "none of these" for the person.
                self.confirming = Some(TextField::new(
                    "",
                    parse_yes_no(None),
                    Some("(y/n)".to_owned()),
                    "type y or n, then Enter; n or Esc goes back to the list".to_owned(),
                ));
            }
            Key::Enter => return Step::Done(self.list.ticked()),
            Key::Char(' ') => self.list.toggle(),
            Key::Esc => return Step::Back,
            Key::Interrupt | Key::EndOfInput => return Step::Interrupt,
            other => {
                self.list.step(movement(other));
            }
        }
        Step::Stay
    }

    fn view(&mut self) -> View<'_> {
        if let Some(confirm) = &mut self.confirming {
            let inner = confirm.view();
            return View {
                ask: Some(NONE_OF_THESE),
                ..inner
            };
        }
        View {
            error: None,
            hint: None,
            ask: None,
            body: Body::Choices {
                labels: &self.labels,
                list: &mut self.list,
                multiple: true,
            },
            help: &self.help,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys<W: Widget>(widget: &mut W, keys: &[Key]) -> Step<W::Output> {
        let mut step = Step::Stay;
        for key in keys {
            step = widget.key(*key);
        }
        step
    }

    fn typing(text: &str) -> Vec<Key> {
        text.chars().map(Key::Char).collect()
    }

    fn number() -> TextField<i64> {
        TextField::new("", parse_number(1, 110), None, String::new())
    }

    fn error<W: Widget>(widget: &mut W) -> Option<String> {
        widget.view().error.map(str::to_owned)
    }

    #[test]
    fn a_number_is_edited_then_checked() {
        let mut field = number();
        let mut k = typing("99");
        k.extend([Key::ClearLine]);
        k.extend(typing(" 42 "));
        k.push(Key::Enter);
        assert_eq!(keys(&mut field, &k), Step::Done(42));
        let mut field = number();
        let mut k = typing("12 34");
        k.extend([Key::DeleteWord, Key::Enter]);
        assert_eq!(keys(&mut field, &k), Step::Done(12));
    }

    #[test]
    fn a_bad_number_stays_with_a_reason() {
        let mut field = number();
        let mut k = typing("abc");
        k.push(Key::Enter);
        assert_eq!(keys(&mut field, &k), Step::Stay);
        assert_eq!(
            error(&mut field).as_deref(),
            Some("Please type a whole number, like 42")
        );
        let mut k = vec![Key::ClearLine];
        k.extend(typing("200"));
        k.push(Key::Enter);
        assert_eq!(keys(&mut field, &k), Step::Stay);
        assert_eq!(
            error(&mut field).as_deref(),
            Some("Please enter a number from 1 to 110")
        );
        for bad in ["4 2", "42.0", "0x2a", "", "99999999999999999999999"] {
            assert!(parse_number(1, 110)(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn esc_goes_back_and_ctrl_c_or_ctrl_d_on_an_empty_line_interrupt() {
        assert_eq!(number().key(Key::Esc), Step::Back);
        assert_eq!(number().key(Key::Interrupt), Step::Interrupt);
        assert_eq!(number().key(Key::EndOfInput), Step::Interrupt);
        let mut field = number();
        let k = [Key::Char('4'), Key::Left, Key::EndOfInput, Key::Enter];
        assert_eq!(keys(&mut field, &k), Step::Stay, "Ctrl-D deleted the 4");
        assert_eq!(
            keys(&mut field, &[Key::Char('5'), Key::Enter]),
            Step::Done(5)
        );
    }

    #[test]
    fn an_earlier_number_is_there_to_keep_or_change() {
        let mut field = TextField::new("35", parse_number(1, 110), None, String::new());
        assert_eq!(field.key(Key::Enter), Step::Done(35));
    }

    #[test]
    fn yes_or_no_has_no_default_on_a_first_asking() {
        let parse = parse_yes_no(None);
        assert_eq!(parse(" Y "), Ok(true));
        assert_eq!(parse("no"), Ok(false));
        assert_eq!(parse("YES"), Ok(true));
        assert!(parse("").is_err());
        assert!(parse("yeah").is_err());
        assert!(parse("nope").is_err());
        let keep = parse_yes_no(Some(true));
        assert_eq!(keep(""), Ok(true));
        assert_eq!(keep("n"), Ok(false));
    }

    #[test]
    fn a_rating_is_empty_or_0_to_10() {
        let parse = parse_rating();
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse(" 7 "), Ok(Some(7)));
        assert_eq!(parse("0"), Ok(Some(0)));
        assert!(parse("11").is_err());
        assert!(parse("lots").is_err());
    }

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("choice {i}")).collect()
    }

    #[test]
    fn enter_on_the_placeholder_is_no_answer() {
        let mut single = Single::new(labels(3), true, 0, String::new());
        assert_eq!(single.key(Key::Enter), Step::Stay);
        assert_eq!(error(&mut single).as_deref(), Some(CHOOSE_ONE));
        assert_eq!(single.key(Key::Down), Step::Stay);
        assert_eq!(error(&mut single), None, "moving clears the complaint");
        assert_eq!(
            keys(&mut single, &[Key::Char('j'), Key::Enter]),
            Step::Done(1)
        );
    }

    #[test]
    fn an_earlier_choice_is_where_the_cursor_starts() {
        let mut single = Single::new(labels(3), false, 2, String::new());
        assert_eq!(single.key(Key::Enter), Step::Done(2));
        let mut single = Single::new(labels(3), false, 2, String::new());
        assert_eq!(
            keys(&mut single, &[Key::Char('k'), Key::Enter]),
            Step::Done(1)
        );
        assert_eq!(single.key(Key::Esc), Step::Back);
        assert_eq!(single.key(Key::Char('x')), Step::Stay, "letters do nothing");
    }

    #[test]
    fn space_ticks_and_enter_finishes() {
        let mut multiple = Multiple::new(labels(4), 0, true, String::new());
        let k = [
            Key::Char(' '),
            Key::Down,
            Key::Down,
            Key::Char(' '),
            Key::Enter,
        ];
        assert_eq!(keys(&mut multiple, &k), Step::Done(0b101));
        let mut multiple = Multiple::new(labels(4), 0b10, false, String::new());
        assert_eq!(
            multiple.key(Key::Enter),
            Step::Done(0b10),
            "earlier ticks kept"
        );
    }

    #[test]
    fn nothing_ticked_asks_whether_none_apply() {
        let mut multiple = Multiple::new(labels(3), 0, true, String::new());
        assert_eq!(multiple.key(Key::Enter), Step::Stay);
        assert_eq!(multiple.view().ask, Some(NONE_OF_THESE));
        assert_eq!(multiple.key(Key::Enter), Step::Stay, "no default");
        assert!(error(&mut multiple).is_some());
        // No goes back to the list; Esc too.
        assert_eq!(
            keys(&mut multiple, &[Key::Char('n'), Key::Enter]),
            Step::Stay
        );
        assert_eq!(multiple.view().ask, None);
        assert_eq!(keys(&mut multiple, &[Key::Enter, Key::Esc]), Step::Stay);
        assert_eq!(multiple.view().ask, None);
        assert_eq!(
            keys(&mut multiple, &[Key::Enter, Key::Char('y'), Key::Enter]),
            Step::Done(0)
        );
        // Not a question the rules read: none is an answer at once.
        let mut multiple = Multiple::new(labels(3), 0, false, String::new());
        assert_eq!(multiple.key(Key::Enter), Step::Done(0));
    }

    #[test]
    fn ctrl_c_interrupts_a_list_and_its_confirmation() {
        let mut multiple = Multiple::new(labels(3), 0, true, String::new());
        assert_eq!(
            keys(&mut multiple, &[Key::Enter, Key::Interrupt]),
            Step::Interrupt
        );
        let mut single = Single::new(labels(3), true, 0, String::new());
        assert_eq!(single.key(Key::EndOfInput), Step::Interrupt);
    }
}
