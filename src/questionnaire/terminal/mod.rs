//! The questionnaire on a real terminal: crossterm raw mode on standard error, only while a
//! prompt is up, so the report on stdout can be redirected and the terminal is cooked between
//! prompts. Each prompt is a small state machine ([`widget`]) over a line editor ([`editor`]) or
//! a choice list ([`list`]); [`layout`] fits it to the terminal, [`screen`] draws it and owns raw
//! mode, and [`prompt`] runs the keys, resizes and suspends. Once answered, a prompt collapses
//! to one record line: the question and the answer.

mod editor;
mod keys;
mod layout;
mod list;
mod prompt;
mod screen;
mod widget;

use super::{Position, Prompter, Reply};
use crate::engine::Answer;
use crate::interrupt::Interrupted;
use crate::knowledge::{Choice, Question, QuestionKind, Section};
use crate::report::Style;
use crate::sanitize::for_terminal;
use layout::{Header, Outcome, Page};
use prompt::Ended;
use screen::Screen;
use widget::{Multiple, Single, TextField, Widget};

/// Asks on standard error, styled for that stream.
pub struct TerminalPrompter {
    style: Style,
    /// The terminal's size as last known, kept from one prompt to the next; resize events
    /// update it.
    page: Page,
}

impl TerminalPrompter {
    /// `style` is standard error's: colour or not, and its width; `compact` for a terminal too
    /// small for a question and its help line (fewer than 60 columns or 12 rows). Give the
    /// terminal's size with [`TerminalPrompter::with_size`]; without it, the prompts assume the
    /// smallest terminal these two allow, so no row is ever wider or the prompt taller than the
    /// screen.
    pub fn new(style: Style, compact: bool) -> TerminalPrompter {
        let page = if compact {
            Page::sized(20, 5)
        } else {
            // At 60 columns or more, the style's width is the terminal's less 2 (up to 100).
            Page::sized(style.width + 2, 12)
        };
        TerminalPrompter { style, page }
    }

    /// Standard error's terminal is `columns` wide and `rows` high (as captured at start-up);
    /// an unknown or zero size leaves the assumption of [`TerminalPrompter::new`].
    #[must_use]
    pub fn with_size(mut self, columns: Option<u16>, rows: Option<u16>) -> TerminalPrompter {
        if let (Some(columns), Some(rows)) = (columns, rows) {
            if columns > 0 && rows > 0 {
                self.page = Page::sized(usize::from(columns), usize::from(rows));
            }
        }
        self
    }

    /// Runs `widget` under `header` and leaves a record of how it ended: the answer in words,
    /// `back` after Esc, the bare question after Ctrl-C. With `fresh_keys`, keys typed before
    /// the prompt is drawn are thrown away.
    fn converse<W: Widget>(
        &mut self,
        header: &Header<'_>,
        mut widget: W,
        fresh_keys: bool,
        words: impl Fn(&W::Output) -> String,
        back: &str,
    ) -> Result<Ended<W::Output>, Interrupted> {
        // No raw mode, no prompt: stopping is safe, nothing has been answered.
        let mut screen = Screen::open(self.style.color, self.page).map_err(|_| Interrupted)?;
        if fresh_keys {
            screen.discard_typeahead();
        }
        let ended = prompt::run(&mut screen, header, &mut widget);
        let page = screen.page();
        self.page = page;
        match &ended {
            Ok(Ended::Answer(value)) => {
                let said = words(value);
                screen.finish(&layout::record(page, header, &Outcome::Answer(&said)), true);
            }
            Ok(Ended::Back) => {
                screen.finish(&layout::record(page, header, &Outcome::Note(back)), true);
            }
            // The exit message starts its own line.
            Err(Interrupted) => {
                screen.finish(&layout::record(page, header, &Outcome::Nothing), false);
            }
        }
        ended
    }
}

/// A choice's position as an answer (choices number fewer than 64, `MAX_CHOICES`).
fn choice(index: usize) -> Answer {
    Answer::Choice(u8::try_from(index).unwrap_or(u8::MAX))
}

fn yes_no_words(yes: bool) -> String {
    if yes { "yes" } else { "no" }.to_owned()
}

/// One question being asked: what every kind of prompt needs to know about it.
struct Asking<'a> {
    header: Header<'a>,
    /// Keys typed ahead must not answer a warning sign nobody saw.
    fresh_keys: bool,
    /// What Esc leaves in the record.
    back: &'static str,
    /// The question's own help, to which each kind adds its keys.
    help: &'a str,
    /// The triage rules read it (see [`Position::required`]).
    required: bool,
    previous: Option<Answer>,
}

impl Asking<'_> {
    /// The help line: the question's help, then the keys.
    fn help(&self, keys: &str) -> String {
        let keys = format!("{keys}; Esc goes back");
        if self.help.is_empty() {
            keys
        } else {
            format!("{}  ({keys})", self.help)
        }
    }
}

impl TerminalPrompter {
    fn yes_no(&mut self, q: &Asking<'_>) -> Result<Reply, Interrupted> {
        // No default on a first asking: every warning sign needs an explicit answer.
        let default = match q.previous {
            Some(Answer::Bool(b)) => Some(b),
            _ => None,
        };
        let hint = match default {
            None => "(y/n)",
            Some(true) => "(y/n, Enter keeps yes)",
            Some(false) => "(y/n, Enter keeps no)",
        };
        let field = TextField::new(
            "",
            widget::parse_yes_no(default),
            Some(hint.to_owned()),
            q.help("type y or n, then Enter"),
        );
        let words = |yes: &bool| yes_no_words(*yes);
        let ended = self.converse(&q.header, field, q.fresh_keys, words, q.back)?;
        Ok(reply(ended, Answer::Bool))
    }

    fn single(&mut self, q: &Asking<'_>, choices: &[Choice]) -> Result<Reply, Interrupted> {
        let labels = labels(choices);
        // With no earlier answer to a question the rules read, the cursor starts on a row that
        // is not an answer: Enter alone then picks nothing.
        let placeholder = q.required && q.previous.is_none();
        let start = match q.previous {
            Some(Answer::Choice(c)) => usize::from(c),
            _ => 0,
        };
        let help = q.help("arrows to move, Enter to choose");
        let single = Single::new(labels.clone(), placeholder, start, help);
        let words = |c: &usize| labels.get(*c).cloned().unwrap_or_default();
        let ended = self.converse(&q.header, single, q.fresh_keys, words, q.back)?;
        Ok(reply(ended, choice))
    }

    fn multiple(&mut self, q: &Asking<'_>, choices: &[Choice]) -> Result<Reply, Interrupted> {
        let labels = labels(choices);
        let ticked = match q.previous {
            Some(Answer::Choices(mask)) => mask,
            _ => 0,
        };
        // Nothing ticked on a first asking of a question the rules read: make sure it means
        // "none of these" and not a stray Enter.
        let confirm_none = q.required && q.previous.is_none();
        let help = q.help("Space ticks, Enter when done, none ticked means none");
        let multiple = Multiple::new(labels.clone(), ticked, confirm_none, help);
        let words = |mask: &u64| {
            let picked: Vec<&str> = labels
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, label)| label.as_str())
                .collect();
            if picked.is_empty() {
                "none of these".to_owned()
            } else {
                picked.join("; ")
            }
        };
        let ended = self.converse(&q.header, multiple, q.fresh_keys, words, q.back)?;
        Ok(reply(ended, Answer::Choices))
    }

    fn number(
        &mut self,
        q: &Asking<'_>,
        (min, max): (i64, i64),
        unit: Option<&str>,
    ) -> Result<Reply, Interrupted> {
        // After going back, the earlier answer is there to keep with Enter or to edit.
        let start = match q.previous {
            Some(Answer::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let unit = unit
            .map(|u| format!(" {}", for_terminal(u)))
            .unwrap_or_default();
        let help = q.help(&format!(
            "a whole number from {min} to {max}{unit}, then Enter"
        ));
        let field = TextField::new(&start, widget::parse_number(min, max), None, help);
        let words = |n: &i64| format!("{n}{unit}");
        let ended = self.converse(&q.header, field, q.fresh_keys, words, q.back)?;
        Ok(reply(ended, Answer::Number))
    }
}

impl Prompter for TerminalPrompter {
    fn ask(
        &mut self,
        q: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        // Rule text is checked for control characters when the rules load; escaping it again
        // here keeps the terminal safe whatever the knowledge base.
        let text = for_terminal(&q.text);
        let help = for_terminal(&q.help);
        let asking = Asking {
            header: Header {
                position: Some((position.number, position.about)),
                text: &text,
            },
            fresh_keys: q.section == Section::Safety,
            // Esc at the first question has nowhere to go back to: it is asked again.
            back: if position.number == 1 {
                "(this is the first question)"
            } else {
                "(went back)"
            },
            help: &help,
            required: position.required,
            previous,
        };
        match &q.kind {
            QuestionKind::YesNo => self.yes_no(&asking),
            QuestionKind::Single(choices) => self.single(&asking, choices),
            QuestionKind::Multiple(choices) => self.multiple(&asking, choices),
            QuestionKind::Number { min, max, unit } => {
                self.number(&asking, (*min, *max), unit.as_deref())
            }
        }
    }

    fn section(&mut self, title: &str) {
        anstream::eprintln!("\n{}", self.style.bold(title));
    }

    /// Defaults to no; Esc also declines.
    fn offer(&mut self, question: &str, help: &str) -> Result<bool, Interrupted> {
        let text = for_terminal(question);
        let header = Header {
            position: None,
            text: &text,
        };
        let field = TextField::new(
            "",
            widget::parse_yes_no(Some(false)),
            Some("(y/n)".to_owned()),
            for_terminal(help).into_owned(),
        );
        let words = |yes: &bool| yes_no_words(*yes);
        let ended = self.converse(&header, field, false, words, "(no)")?;
        Ok(ended == Ended::Answer(true))
    }

    /// Enter alone or Esc skips; anything else must be a whole number from 0 to 10.
    fn rating(&mut self, question: &str) -> Result<Option<u8>, Interrupted> {
        let text = for_terminal(question);
        let header = Header {
            position: None,
            text: &text,
        };
        let field = TextField::new(
            "",
            widget::parse_rating(),
            Some("(0-10)".to_owned()),
            super::RATING_HELP.to_owned(),
        );
        let words =
            |rating: &Option<u8>| rating.map_or_else(|| "skipped".to_owned(), |n| n.to_string());
        match self.converse(&header, field, false, words, "(skipped)")? {
            Ended::Answer(rating) => Ok(rating),
            Ended::Back => Ok(None),
        }
    }
}

/// The choices' labels as shown: escaped like all rule text.
fn labels(choices: &[Choice]) -> Vec<String> {
    choices
        .iter()
        .map(|c| for_terminal(&c.label).into_owned())
        .collect()
}

/// A prompt's ending as the questionnaire's reply.
fn reply<T>(ended: Ended<T>, answer: impl FnOnce(T) -> Answer) -> Reply {
    match ended {
        Ended::Answer(value) => Reply::Answer(answer(value)),
        Ended::Back => Reply::Back,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(width: usize) -> Style {
        Style {
            color: false,
            width,
        }
    }

    #[test]
    fn without_a_size_the_smallest_terminal_the_flags_allow_is_assumed() {
        assert_eq!(
            TerminalPrompter::new(style(40), true).page,
            Page::sized(20, 5)
        );
        assert_eq!(
            TerminalPrompter::new(style(78), false).page,
            Page::sized(80, 12)
        );
    }

    #[test]
    fn a_known_size_is_used_and_an_unknown_one_ignored() {
        let sized = TerminalPrompter::new(style(40), true).with_size(Some(100), Some(40));
        assert_eq!(sized.page, Page::sized(100, 40));
        let unknown = TerminalPrompter::new(style(40), true).with_size(None, Some(40));
        assert_eq!(unknown.page, Page::sized(20, 5));
        let zero = TerminalPrompter::new(style(40), true).with_size(Some(0), Some(0));
        assert_eq!(zero.page, Page::sized(20, 5));
    }
}
