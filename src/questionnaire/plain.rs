//! The questionnaire line by line, for terminals that cannot move the cursor (`TERM=dumb`: Emacs
//! shells, serial consoles, screen readers' plain mode). Each prompt is printed once, the answer
//! is typed and sent with Enter; nothing is redrawn and no escape code is written.

use super::{Position, Prompter, Reply};
use crate::engine::Answer;
use crate::interrupt::Interrupted;
use crate::knowledge::{Question, QuestionKind};
use std::fmt::Write as _;
use std::io::{BufRead, Write};

/// Reads answers from `input`, one line each, and writes prompts to `output`.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// Asks on `output` and reads answers, a line each, from `input`.
    pub fn new(input: R, output: W) -> Self {
        PlainPrompter { input, output }
    }

    fn say(&mut self, text: &str) {
        let _ = self.output.write_all(text.as_bytes());
        let _ = self.output.flush();
    }

    /// One line, trimmed; end of input ends the questionnaire as Ctrl-C would.
    fn line(&mut self) -> Result<String, Interrupted> {
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) | Err(_) => Err(Interrupted),
            Ok(_) => Ok(line.trim().to_owned()),
        }
    }
}

/// What one typed line means for a question: an answer, going back, or a complaint to show
/// before asking again.
fn parse(kind: &QuestionKind, text: &str) -> Result<Option<Answer>, String> {
    if text == "<" || text.eq_ignore_ascii_case("back") {
        return Ok(None);
    }
    match kind {
        QuestionKind::YesNo => match text.to_ascii_lowercase().as_str() {
            "y" | "yes" => Ok(Some(Answer::Bool(true))),
            "n" | "no" => Ok(Some(Answer::Bool(false))),
            _ => Err("Please type y or n.".to_owned()),
        },
        QuestionKind::Single(choices) => match text.parse::<usize>() {
            Ok(n) if (1..=choices.len()).contains(&n) => {
                Ok(Some(Answer::Choice(choice_number(n - 1))))
            }
            _ => Err(format!("Please type a number from 1 to {}.", choices.len())),
        },
        QuestionKind::Multiple(choices) => {
            if text == "0" {
                return Ok(Some(Answer::Choices(0)));
            }
            let mut mask = 0u64;
            for part in text.split([',', ' ']).filter(|p| !p.is_empty()) {
                match part.parse::<usize>() {
                    Ok(n) if (1..=choices.len()).contains(&n) => mask |= 1 << (n - 1),
                    _ => {
                        return Err(format!(
                            "Please type the numbers that apply, like 1,3 (from 1 to {}), or 0 for none.",
                            choices.len()
                        ));
                    }
                }
            }
            if mask == 0 {
                return Err("Please type the numbers that apply, or 0 for none.".to_owned());
            }
            Ok(Some(Answer::Choices(mask)))
        }
        QuestionKind::Number { min, max, .. } => match text.parse::<i64>() {
            Ok(n) if (*min..=*max).contains(&n) => Ok(Some(Answer::Number(n))),
            _ => Err(format!("Please type a whole number from {min} to {max}.")),
        },
    }
}

/// Choice positions are below 64 (`MAX_CHOICES`), so they fit the answer's byte.
fn choice_number(index: usize) -> u8 {
    u8::try_from(index).unwrap_or(u8::MAX)
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn ask(
        &mut self,
        q: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted> {
        let mut text = format!(
            "\n[{} of about {}] {}\n  {}\n",
            position.number, position.about, q.text, q.help
        );
        match &q.kind {
            QuestionKind::YesNo => text.push_str("  Type y or n."),
            QuestionKind::Single(choices) => {
                for (i, c) in choices.iter().enumerate() {
                    let _ = writeln!(text, "  {}) {}", i + 1, c.label);
                }
                text.push_str("  Type the number of your answer.");
            }
            QuestionKind::Multiple(choices) => {
                for (i, c) in choices.iter().enumerate() {
                    let _ = writeln!(text, "  {}) {}", i + 1, c.label);
                }
                text.push_str("  Type the numbers that apply, like 1,3, or 0 for none.");
            }
            QuestionKind::Number { min, max, .. } => {
                let _ = write!(text, "  Type a whole number from {min} to {max}.");
            }
        }
        let keep = if previous.is_some() {
            " Enter keeps your earlier answer;"
        } else {
            ""
        };
        let _ = write!(text, "{keep} < goes back.\n> ");
        self.say(&text);
        loop {
            let line = self.line()?;
            // A bare Enter keeps an earlier answer; on a first asking it is no answer at all.
            if line.is_empty() {
                if let Some(answer) = previous {
                    return Ok(Reply::Answer(answer));
                }
                self.say("Please type an answer.\n> ");
                continue;
            }
            match parse(&q.kind, &line) {
                Ok(Some(answer)) => return Ok(Reply::Answer(answer)),
                Ok(None) => return Ok(Reply::Back),
                Err(why) => self.say(&format!("{why}\n> ")),
            }
        }
    }

    fn section(&mut self, title: &str) {
        self.say(&format!("\n{title}\n"));
    }

    fn offer(&mut self, question: &str, _help: &str) -> Result<bool, Interrupted> {
        self.say(&format!(
            "\n{question} Type y to start, or press Enter to finish.\n> "
        ));
        Ok(self.line()?.eq_ignore_ascii_case("y"))
    }

    fn rating(&mut self, question: &str) -> Result<Option<u8>, Interrupted> {
        self.say(&format!("\n{question}\n  {}.\n> ", super::RATING_HELP));
        loop {
            let line = self.line()?;
            if line.is_empty() {
                return Ok(None);
            }
            match super::parse_rating(&line) {
                Some(n) => return Ok(Some(n)),
                None => {
                    self.say(
                        "Please type a whole number from 0 to 10, or press Enter to skip.\n> ",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{Ending, run};

    fn play(
        input: &str,
    ) -> (
        Result<Ending, Interrupted>,
        String,
        Option<Vec<Option<Answer>>>,
    ) {
        let kb = crate::fixtures::kb();
        let mut out = Vec::new();
        let mut prompter = PlainPrompter::new(input.as_bytes(), &mut out);
        let result = run(&kb, &mut prompter);
        let answers = result.as_ref().ok().map(|(flow, _)| {
            (0..kb.questions.len())
                .map(|i| flow.answers().get(i))
                .collect()
        });
        let ending = result.map(|(_, ending)| ending);
        (ending, String::from_utf8_lossy(&out).into_owned(), answers)
    }

    #[test]
    fn answers_are_typed_line_by_line_with_no_default() {
        let (ending, out, answers) = play("abc\n35\n\n2\nN\nno\n0\nn\n1, 2\n");
        assert_eq!(ending, Ok(Ending::Complete));
        assert!(
            out.contains("Please type a whole number from 1 to 110."),
            "{out}"
        );
        // A bare Enter on a first asking is no answer.
        assert!(out.contains("Please type an answer."), "{out}");
        assert!(out.contains("  1) Short\n  2) Long\n"), "{out}");
        assert!(!out.contains('\u{1b}'), "no escape codes: {out:?}");
        let answers = answers.expect("complete");
        assert_eq!(answers[0], Some(Answer::Number(35)));
        assert_eq!(answers[1], Some(Answer::Choice(1)));
        assert_eq!(answers[4], Some(Answer::Choices(0)));
        assert_eq!(answers[6], None, "the follow-up was not asked");
        assert_eq!(answers[7], Some(Answer::Choices(0b11)));
    }

    #[test]
    fn a_less_than_sign_goes_back_and_enter_keeps_the_earlier_answer() {
        let (ending, out, answers) = play("35\n1\n<\n<\n40\n\nn\nn\n0\nn\n0\n");
        assert_eq!(ending, Ok(Ending::Complete));
        assert!(out.contains("Enter keeps your earlier answer"), "{out}");
        let answers = answers.expect("complete");
        assert_eq!(answers[0], Some(Answer::Number(40)));
        assert_eq!(
            answers[1],
            Some(Answer::Choice(0)),
            "Enter kept the earlier choice"
        );
    }

    #[test]
    fn a_rating_is_a_number_from_0_to_10_or_nothing() {
        let rate = |input: &str| {
            let mut out = Vec::new();
            let mut prompter = PlainPrompter::new(input.as_bytes(), &mut out);
            (
                prompter.rating("Pain now?"),
                String::from_utf8_lossy(&out).into_owned(),
            )
        };
        assert_eq!(rate(" 4 \n").0, Ok(Some(4)));
        assert_eq!(rate("\n").0, Ok(None));
        let (rating, out) = rate("11\nlots\n0\n");
        assert_eq!(rating, Ok(Some(0)));
        assert_eq!(
            out.matches("Please type a whole number from 0 to 10")
                .count(),
            2,
            "{out}"
        );
        assert_eq!(rate("").0, Err(Interrupted));
    }

    #[test]
    fn an_emergency_stops_and_the_end_of_input_interrupts() {
        let (ending, _, _) = play("35\n1\ny\n");
        assert_eq!(ending, Ok(Ending::Emergency));
        let (ending, _, _) = play("35\n");
        assert_eq!(ending, Err(Interrupted));
    }
}
