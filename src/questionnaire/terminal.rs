//! The questionnaire on a real terminal, with inquire. Prompts go to stderr, so the report on
//! stdout can be redirected.

use super::{Position, Prompter, Reply};
use crate::engine::Answer;
use crate::interrupt::Interrupted;
use crate::knowledge::{Question, QuestionKind, Section};
use crate::report::Style;
use crossterm::{event, terminal};
use inquire::error::InquireError;
use inquire::ui::{RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{Confirm, CustomType, MultiSelect, Select};
use std::time::Duration;

/// The first line of a single-choice question the triage rules read: where the cursor starts,
/// so that a bare Enter picks nothing.
const CHOOSE: &str = "(choose an answer)";

/// Asks with inquire on standard error, styled for that stream.
pub struct TerminalPrompter {
    style: Style,
    render: RenderConfig<'static>,
    /// A small terminal: the question keeps the room, the help line goes.
    compact: bool,
}

impl TerminalPrompter {
    /// `style` is standard error's: colour or not, and its width; `compact` for a terminal too
    /// small for a question and its help line (fewer than 60 columns or 12 rows).
    pub fn new(style: Style, compact: bool) -> TerminalPrompter {
        let mut render = if style.color {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        };
        // inquire marks an abandoned prompt "<canceled>"; here Esc means going back, so say that.
        render.canceled_prompt_indicator = Styled::new("(went back)");
        TerminalPrompter {
            style,
            render,
            compact,
        }
    }
}

fn reply<T>(
    result: Result<T, InquireError>,
    answer: impl FnOnce(T) -> Answer,
) -> Result<Reply, Interrupted> {
    match result {
        Ok(value) => Ok(Reply::Answer(answer(value))),
        Err(InquireError::OperationCanceled) => Ok(Reply::Back),
        // Ctrl-C, a closed terminal or any other prompt failure ends the questionnaire; nothing
        // has been written, so stopping is always safe.
        Err(_) => Err(Interrupted),
    }
}

/// Throws away keys typed before a warning sign is shown, so that a paste or keys typed ahead
/// cannot answer warning signs the person never saw. Raw mode makes the pending bytes readable
/// at once; they are read and dropped, then the terminal is put back as it was.
fn discard_typeahead() {
    if terminal::enable_raw_mode().is_err() {
        return;
    }
    while event::poll(Duration::ZERO).unwrap_or(false) {
        if event::read().is_err() {
            break;
        }
    }
    let _ = terminal::disable_raw_mode();
}

/// A choice's position as an answer (choices number fewer than 64, `MAX_CHOICES`).
fn choice(index: usize) -> Answer {
    Answer::Choice(u8::try_from(index).unwrap_or(u8::MAX))
}

impl TerminalPrompter {
    fn single(
        &self,
        message: &str,
        help: &str,
        labels: Vec<&str>,
        required: bool,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        // With no earlier answer to a question the rules read, the cursor starts on a line that
        // is not an answer: Enter alone then asks again instead of picking the first choice.
        let placeholder = required && previous.is_none();
        let offset = usize::from(placeholder);
        let mut options = Vec::with_capacity(labels.len() + 1);
        if placeholder {
            options.push(CHOOSE);
        }
        options.extend(labels);
        let start = match previous {
            Some(Answer::Choice(c)) => usize::from(c),
            _ => 0,
        };
        loop {
            let mut prompt = Select::new(message, options.clone())
                .with_starting_cursor(start)
                .with_render_config(self.render);
            if !help.is_empty() {
                prompt = prompt.with_help_message(help);
            }
            if self.compact {
                prompt = prompt.with_page_size(3);
            }
            match prompt.raw_prompt() {
                Ok(picked) if picked.index < offset => {
                    anstream::eprintln!("  Please choose one of the answers with the arrow keys.");
                }
                result => return reply(result, |picked| choice(picked.index - offset)),
            }
        }
    }

    fn multiple(
        &self,
        message: &str,
        help: &str,
        labels: &[&str],
        required: bool,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        let mut ticked: Vec<usize> = match previous {
            Some(Answer::Choices(mask)) => {
                (0..labels.len()).filter(|c| mask & (1 << c) != 0).collect()
            }
            _ => Vec::new(),
        };
        loop {
            let mut prompt = MultiSelect::new(message, labels.to_vec())
                .with_default(&ticked)
                .with_render_config(self.render);
            if !help.is_empty() {
                prompt = prompt.with_help_message(help);
            }
            if self.compact {
                prompt = prompt.with_page_size(3);
            }
            let picked = match prompt.raw_prompt() {
                Ok(picked) => picked,
                Err(e) => return reply(Err(e), |()| Answer::Choices(0)),
            };
            let mask = picked.iter().fold(0u64, |mask, c| mask | (1 << c.index));
            // Nothing ticked on a first asking of a question the rules read: make sure it means
            // "none of these" and not a stray Enter. The confirmation has no default either.
            if mask == 0 && required && previous.is_none() {
                match Confirm::new("None of these apply to you?")
                    .with_help_message("type y or n, then Enter")
                    .with_render_config(self.render)
                    .prompt()
                {
                    Ok(true) => {}
                    Ok(false) => {
                        ticked.clear();
                        continue;
                    }
                    Err(e) => return reply(Err(e), |()| Answer::Choices(0)),
                }
            }
            return Ok(Reply::Answer(Answer::Choices(mask)));
        }
    }
}

impl Prompter for TerminalPrompter {
    fn ask(
        &mut self,
        q: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        if q.section == Section::Safety {
            discard_typeahead();
        }
        // Esc at the first question has nowhere to go back to; say so instead of "went back".
        let first = Styled::new("(this is the first question)");
        let went_back = self.render.canceled_prompt_indicator;
        if position.number == 1 {
            self.render.canceled_prompt_indicator = first;
        }
        let reply = self.ask_with_render(q, position, previous);
        self.render.canceled_prompt_indicator = went_back;
        reply
    }

    fn section(&mut self, title: &str) {
        anstream::eprintln!("\n{}", self.style.bold(title));
    }

    /// Defaults to no; Esc also declines.
    fn offer(&mut self, question: &str, help: &str) -> Result<bool, Interrupted> {
        match Confirm::new(question)
            .with_default(false)
            .with_help_message(help)
            .with_render_config(self.render)
            .prompt()
        {
            Ok(yes) => Ok(yes),
            Err(InquireError::OperationCanceled) => Ok(false),
            Err(_) => Err(Interrupted),
        }
    }

    /// Enter alone or Esc skips; anything else must be a whole number from 0 to 10.
    fn rating(&mut self, question: &str) -> Result<Option<u8>, Interrupted> {
        let valid = |text: &str| {
            Ok(if text.trim().is_empty() || super::parse_rating(text).is_some() {
                Validation::Valid
            } else {
                Validation::Invalid("Please type a whole number from 0 to 10, or press Enter to skip".into())
            })
        };
        match inquire::Text::new(question)
            .with_help_message(super::RATING_HELP)
            .with_validator(valid)
            .with_render_config(self.render)
            .prompt()
        {
            Ok(text) => Ok(super::parse_rating(&text)),
            Err(InquireError::OperationCanceled) => Ok(None),
            Err(_) => Err(Interrupted),
        }
    }
}

impl TerminalPrompter {
    fn ask_with_render(
        &mut self,
        q: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        let message = if self.compact {
            format!("{}/{} {}", position.number, position.about, q.text)
        } else {
            format!(
                "[{} of about {}] {}",
                position.number, position.about, q.text
            )
        };
        let compact = self.compact;
        let help = |keys: &str| {
            if compact {
                String::new()
            } else {
                format!("{}  ({keys}; Esc goes back)", q.help)
            }
        };
        match &q.kind {
            QuestionKind::YesNo => {
                let help_text = help("type y or n, then Enter");
                let mut prompt = Confirm::new(&message).with_render_config(self.render);
                if !help_text.is_empty() {
                    prompt = prompt.with_help_message(&help_text);
                }
                // No default on a first asking: every warning sign needs an explicit answer.
                if let Some(Answer::Bool(b)) = previous {
                    prompt = prompt.with_default(b);
                }
                reply(prompt.prompt(), Answer::Bool)
            }
            QuestionKind::Single(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
                let help_text = help("arrows to move, Enter to choose");
                self.single(&message, &help_text, labels, position.required, previous)
            }
            QuestionKind::Multiple(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
                let help_text = help("Space ticks, Enter when done, none ticked means none");
                self.multiple(&message, &help_text, &labels, position.required, previous)
            }
            QuestionKind::Number { min, max, unit } => {
                let (min, max) = (*min, *max);
                let start = match previous {
                    Some(Answer::Number(n)) => n.to_string(),
                    _ => String::new(),
                };
                let unit = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                let help_text = help(&format!(
                    "a whole number from {min} to {max}{unit}, then Enter"
                ));
                // "42 " and " 42" are 42: a stray space is not a mistake worth a correction.
                let trimmed = |input: &str| input.trim().parse::<i64>().map_err(|_| ());
                let mut prompt = CustomType::<i64>::new(&message)
                    .with_parser(&trimmed)
                    .with_starting_input(&start)
                    .with_error_message("Please type a whole number, like 42")
                    .with_validator(move |n: &i64| {
                        Ok(if (min..=max).contains(n) {
                            Validation::Valid
                        } else {
                            Validation::Invalid(
                                format!("Please enter a number from {min} to {max}").into(),
                            )
                        })
                    })
                    .with_render_config(self.render);
                if !help_text.is_empty() {
                    prompt = prompt.with_help_message(&help_text);
                }
                reply(prompt.prompt(), Answer::Number)
            }
        }
    }
}
