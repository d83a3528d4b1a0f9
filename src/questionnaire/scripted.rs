//! A prompter that replays scripted replies, for tests of the flow.

use super::{Position, Prompter, Reply};
use crate::engine::Answer;
use crate::interrupt::Interrupted;
use crate::knowledge::Question;
use std::collections::VecDeque;

/// One scripted reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scripted {
    /// Answer the question with this.
    Answer(Answer),
    /// Go back one question, as Esc does.
    Back,
    /// Stop, as Ctrl-C does.
    Interrupt,
}

/// Replays `replies` in order and records every prompt shown.
#[derive(Debug, Default)]
pub struct ScriptedPrompter {
    /// Replies still to give, first first.
    pub replies: VecDeque<Scripted>,
    /// Each prompt: question id, position, and the answer it started from.
    pub asked: Vec<(String, Position, Option<Answer>)>,
    /// Every section title announced, in order.
    pub sections: Vec<String>,
}

impl ScriptedPrompter {
    /// A prompter that will give `replies` in order.
    pub fn new(replies: impl IntoIterator<Item = Scripted>) -> ScriptedPrompter {
        ScriptedPrompter {
            replies: replies.into_iter().collect(),
            ..ScriptedPrompter::default()
        }
    }

    /// The ids of the questions asked, in order.
    pub fn asked_ids(&self) -> Vec<&str> {
        self.asked.iter().map(|(id, _, _)| id.as_str()).collect()
    }
}

impl Prompter for ScriptedPrompter {
    fn ask(
        &mut self,
        question: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        self.asked.push((question.id.clone(), position, previous));
        match self.replies.pop_front() {
            Some(Scripted::Answer(a)) => Ok(Reply::Answer(a)),
            Some(Scripted::Back) => Ok(Reply::Back),
            // Running out of script is treated like Ctrl-C, so a test cannot loop forever.
            Some(Scripted::Interrupt) | None => Err(Interrupted),
        }
    }

    fn section(&mut self, title: &str) {
        self.sections.push(title.to_owned());
    }

    /// The next reply: a number is the rating, anything else skips it.
    fn rating(&mut self, question: &str) -> Result<Option<u8>, Interrupted> {
        self.asked.push((
            question.to_owned(),
            Position {
                number: 0,
                about: 0,
                required: false,
            },
            None,
        ));
        match self.replies.pop_front() {
            Some(Scripted::Answer(Answer::Number(n))) => Ok(u8::try_from(n).ok()),
            Some(Scripted::Answer(_) | Scripted::Back) => Ok(None),
            Some(Scripted::Interrupt) | None => Err(Interrupted),
        }
    }
}
