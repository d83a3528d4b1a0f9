//! Which question comes next: a pure state machine over the questionnaire, with going back and
//! the emergency early stop. No terminal here; prompts are the [`Prompter`](super::Prompter)'s job.

use crate::Urgency;
use crate::engine::condition::Truth;
use crate::engine::{Answer, Answers};
use crate::knowledge::KnowledgeBase;

/// Where an interview stands: the answers on the current path, and what was said before going
/// back.
#[derive(Debug, Clone)]
pub struct Flow<'kb> {
    kb: &'kb KnowledgeBase,
    /// Answers to exactly the questions on the current path (those in `path`).
    answers: Answers,
    /// Questions answered so far, in the order asked.
    path: Vec<usize>,
    /// Answers given before going back, offered again as the starting choice.
    remembered: Vec<Option<Answer>>,
}

/// What the interview does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Ask this question.
    Ask(usize),
    /// An emergency rule is already definitely true: stop and show the emergency advice.
    Emergency,
    /// Every question that applies has been answered.
    Done,
}

impl<'kb> Flow<'kb> {
    /// An interview at its start: nothing answered.
    pub fn new(kb: &'kb KnowledgeBase) -> Flow<'kb> {
        Flow {
            kb,
            answers: Answers::empty(kb.questions.len()),
            path: Vec::new(),
            remembered: vec![None; kb.questions.len()],
        }
    }

    /// The answers on the current path, one slot per question.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The next question to ask, or why there is none.
    pub fn next(&self) -> Next {
        if self.emergency() {
            return Next::Emergency;
        }
        let start = self.path.last().map_or(0, |q| q + 1);
        (start..self.kb.questions.len())
            .find(|&q| self.kb.is_asked(q, &self.answers))
            .map_or(Next::Done, Next::Ask)
    }

    /// True as soon as any emergency rule holds on the answers so far. Unanswered questions are
    /// unknown, so only what the person has actually said can stop the questionnaire.
    pub fn emergency(&self) -> bool {
        self.kb.triage.iter().any(|r| {
            r.level == Urgency::Emergency
                && r.when.eval(&self.answers, &self.kb.named) == Truth::True
        })
    }

    /// Records `answer` to `question` (the one [`Flow::next`] asked) and moves past it.
    pub fn answer(&mut self, question: usize, answer: Answer) {
        self.answers.set(question, Some(answer));
        self.remembered[question] = Some(answer);
        self.path.push(question);
    }

    /// Steps back to the previous question, returning it; `None` at the first question. Its
    /// answer is taken off the path but remembered, so the prompt can start from it.
    pub fn back(&mut self) -> Option<usize> {
        let question = self.path.pop()?;
        self.answers.set(question, None);
        Some(question)
    }

    /// The answer to start a prompt from: the one given before going back, if any.
    pub fn previous(&self, question: usize) -> Option<Answer> {
        self.remembered[question]
    }

    /// "Question 3 of about 14": the position of `question`, and the questions answered plus
    /// those still to come that could apply. It is "about" because answers can add follow-ups.
    pub fn progress(&self, question: usize) -> (usize, usize) {
        let still_to_come = (question..self.kb.questions.len())
            .filter(|&q| {
                self.kb.questions[q]
                    .ask_when
                    .as_ref()
                    .is_none_or(|w| w.eval(&self.answers, &self.kb.named) != Truth::False)
            })
            .count();
        (self.path.len() + 1, self.path.len() + still_to_come)
    }
}
