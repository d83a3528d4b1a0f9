//! The questionnaire on a real terminal, with inquire. Prompts go to stderr, so the report on
//! stdout can be redirected.

use super::{Position, Prompter, Reply};
use crate::engine::Answer;
use crate::interrupt::Interrupted;
use crate::knowledge::{Question, QuestionKind};
use crate::report::Style;
use inquire::error::InquireError;
use inquire::ui::{RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{Confirm, CustomType, MultiSelect, Select};

/// Asks with inquire on standard error, styled for that stream.
pub struct TerminalPrompter {
    style: Style,
    render: RenderConfig<'static>,
}

impl TerminalPrompter {
    /// `style` is standard error's: colour or not, and its width.
    pub fn new(style: Style) -> TerminalPrompter {
        let mut render = if style.color {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        };
        // inquire marks an abandoned prompt "<canceled>"; here Esc means going back, so say that.
        render.canceled_prompt_indicator = Styled::new("(went back)");
        TerminalPrompter { style, render }
    }

    /// A yes/no offer that defaults to no; Esc also declines.
    pub fn offer(&mut self, question: &str, help: &str) -> Result<bool, Interrupted> {
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

impl Prompter for TerminalPrompter {
    fn ask(
        &mut self,
        q: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        let message = format!(
            "[{} of about {}] {}",
            position.number, position.about, q.text
        );
        let help = |keys: &str| format!("{}  ({keys}; Esc goes back)", q.help);
        match &q.kind {
            QuestionKind::YesNo => {
                let help_text = help("type y or n, then Enter");
                let mut prompt = Confirm::new(&message)
                    .with_help_message(&help_text)
                    .with_render_config(self.render);
                // No default on a first asking: every warning sign needs an explicit answer.
                if let Some(Answer::Bool(b)) = previous {
                    prompt = prompt.with_default(b);
                }
                reply(prompt.prompt(), Answer::Bool)
            }
            QuestionKind::Single(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
                let start = match previous {
                    Some(Answer::Choice(c)) => usize::from(c),
                    _ => 0,
                };
                let help_text = help("arrows to move, Enter to choose");
                let prompt = Select::new(&message, labels)
                    .with_starting_cursor(start)
                    .with_help_message(&help_text)
                    .with_render_config(self.render);
                reply(prompt.raw_prompt(), |choice| {
                    Answer::Choice(choice.index as u8)
                })
            }
            QuestionKind::Multiple(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
                let ticked: Vec<usize> = match previous {
                    Some(Answer::Choices(mask)) => (0..choices.len())
                        .filter(|c| mask & (1 << c) != 0)
                        .collect(),
                    _ => Vec::new(),
                };
                let help_text = help("Space ticks, Enter when done, none ticked means none");
                let prompt = MultiSelect::new(&message, labels)
                    .with_default(&ticked)
                    .with_help_message(&help_text)
                    .with_render_config(self.render);
                reply(prompt.raw_prompt(), |picked| {
                    Answer::Choices(picked.iter().fold(0u64, |mask, c| mask | (1 << c.index)))
                })
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
                let prompt = CustomType::<i64>::new(&message)
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
                    .with_help_message(&help_text)
                    .with_render_config(self.render);
                reply(prompt.prompt(), Answer::Number)
            }
        }
    }

    fn section(&mut self, title: &str) {
        anstream::eprintln!("\n{}", self.style.bold(title));
    }
}
