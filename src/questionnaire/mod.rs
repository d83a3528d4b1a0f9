//! The interactive questionnaire: the [`Flow`] decides what to ask, a [`Prompter`] asks it.

mod flow;
mod plain;
mod scripted;
mod terminal;

pub use flow::{Flow, Next};
pub use plain::PlainPrompter;
pub use scripted::{Scripted, ScriptedPrompter};
pub use terminal::TerminalPrompter;

use crate::engine::Answer;
use crate::interrupt::Interrupted;
use crate::knowledge::{KnowledgeBase, Question};

/// Where the person is, shown with each prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based count of questions asked so far, this one included.
    pub number: usize,
    /// An estimate of how many questions there will be in all; ask-when conditions change it.
    pub about: usize,
    /// The triage rules read this question (every warning sign does): a bare Enter must not
    /// pick an answer for the person on a first asking.
    pub required: bool,
}

/// What a person did at a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// The person's answer.
    Answer(Answer),
    /// Esc: go back one question.
    Back,
}

/// Asks one question. `previous` is the earlier answer to start from, after going back.
pub trait Prompter {
    /// Asks `question` and waits for the reply; `Interrupted` on Ctrl-C.
    fn ask(
        &mut self,
        question: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted>;

    /// Called when the interview moves into a new section (pain, warning signs...).
    fn section(&mut self, _title: &str) {}

    /// A yes/no offer after the report (start the routine now?); declined unless the person
    /// says yes.
    fn offer(&mut self, _question: &str, _help: &str) -> Result<bool, Interrupted> {
        Ok(false)
    }

    /// An optional 0-10 pain rating (before and after a routine): Enter alone or Esc skips it.
    fn rating(&mut self, _question: &str) -> Result<Option<u8>, Interrupted> {
        Ok(None)
    }
}

/// Help shown with a [`Prompter::rating`].
pub const RATING_HELP: &str = "0 is no pain, 10 the worst you can imagine; Enter alone skips";

/// A typed rating: a whole number from 0 to 10 (spaces around it allowed), or `None`.
pub fn parse_rating(text: &str) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|n| *n <= 10)
}

/// How the interview ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Every question that applies was answered.
    Complete,
    /// Stopped early: an emergency rule holds.
    Emergency,
}

/// Runs the questionnaire to the end, or to the first emergency answer.
pub fn run<'kb>(
    kb: &'kb KnowledgeBase,
    prompter: &mut dyn Prompter,
) -> Result<(Flow<'kb>, Ending), Interrupted> {
    let mut flow = Flow::new(kb);
    let mut current_section = None;
    loop {
        let question = match flow.next() {
            Next::Done => return Ok((flow, Ending::Complete)),
            Next::Emergency => return Ok((flow, Ending::Emergency)),
            Next::Ask(q) => q,
        };
        let q = &kb.questions[question];
        if current_section != Some(q.section) {
            current_section = Some(q.section);
            prompter.section(section_title(q.section));
        }
        let (number, about) = flow.progress(question);
        let position = Position {
            number,
            about,
            required: kb.triage_questions()[question],
        };
        match prompter.ask(q, position, flow.previous(question))? {
            Reply::Answer(answer) => flow.answer(question, answer),
            // At the first question there is nothing to go back to, so it is asked again.
            Reply::Back => {
                flow.back();
            }
        }
    }
}

fn section_title(section: crate::knowledge::Section) -> &'static str {
    use crate::knowledge::Section;
    match section {
        Section::Pain => "About your pain",
        Section::Safety => "Warning signs: please answer each one, even if it seems unlikely",
        Section::Pattern => "What makes it better or worse",
        Section::Limits => "Anything that changes which stretches are safe",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Urgency;
    use crate::engine::Answer::{Bool, Choice, Choices, Number};
    use crate::fixtures::kb;

    /// Replies for the pain section, then both warning signs answered no.
    fn calm_start() -> Vec<Scripted> {
        [Number(35), Choice(0), Bool(false), Bool(false)]
            .map(Scripted::Answer)
            .to_vec()
    }

    /// Worse with nothing, not stiff, no limits.
    fn calm_pattern() -> Vec<Scripted> {
        [Choices(0), Bool(false), Choices(0)]
            .map(Scripted::Answer)
            .to_vec()
    }

    #[test]
    fn a_calm_run_asks_every_question_in_order_but_the_follow_up() {
        let kb = kb();
        let mut p = ScriptedPrompter::new(calm_start().into_iter().chain(calm_pattern()));
        let (flow, ending) = run(&kb, &mut p).unwrap();
        assert_eq!(ending, Ending::Complete);
        assert_eq!(
            p.asked_ids(),
            [
                "age",
                "duration",
                "numb",
                "fever",
                "worse_with",
                "stiff",
                "limits"
            ]
        );
        assert_eq!(p.sections.len(), 4);
        assert_eq!(
            crate::engine::decide(&kb, flow.answers()).urgency,
            Urgency::SelfCare
        );
    }

    #[test]
    fn progress_counts_a_follow_up_until_it_is_ruled_out() {
        let kb = kb();
        let mut p = ScriptedPrompter::new(calm_start().into_iter().chain(calm_pattern()));
        run(&kb, &mut p).unwrap();
        let position = |id: &str| p.asked.iter().find(|(q, _, _)| q == id).unwrap().1;
        // Eight questions while the follow-up may still come; seven once `stiff` is no.
        assert_eq!(
            position("age"),
            Position {
                number: 1,
                about: 8,
                required: false,
            }
        );
        assert_eq!(
            position("stiff"),
            Position {
                number: 6,
                about: 8,
                required: false,
            }
        );
        assert_eq!(
            position("limits"),
            Position {
                number: 7,
                about: 7,
                required: false,
            }
        );
    }

    #[test]
    fn questions_the_triage_rules_read_are_marked_required() {
        let kb = kb();
        let mut p = ScriptedPrompter::new(calm_start().into_iter().chain(calm_pattern()));
        run(&kb, &mut p).unwrap();
        let required: Vec<&str> = p
            .asked
            .iter()
            .filter(|(_, position, _)| position.required)
            .map(|(id, _, _)| id.as_str())
            .collect();
        assert_eq!(required, ["duration", "numb", "fever"]);
    }

    #[test]
    fn back_at_the_first_question_asks_it_again() {
        let kb = kb();
        let replies = std::iter::once(Scripted::Back)
            .chain(calm_start())
            .chain(calm_pattern());
        let mut p = ScriptedPrompter::new(replies);
        let (_, ending) = run(&kb, &mut p).unwrap();
        assert_eq!(ending, Ending::Complete);
        assert_eq!(&p.asked_ids()[..2], ["age", "age"]);
    }

    #[test]
    fn back_pre_selects_the_earlier_answer() {
        let kb = kb();
        let mut replies = vec![
            Scripted::Answer(Number(35)),
            Scripted::Answer(Choice(1)),
            Scripted::Back,
        ];
        replies.extend(calm_start().into_iter().skip(1));
        replies.extend(calm_pattern());
        let mut p = ScriptedPrompter::new(replies);
        run(&kb, &mut p).unwrap();
        // numb was asked, Esc went back to duration, which starts from "long".
        assert_eq!(p.asked[2].0, "numb");
        assert_eq!(
            (p.asked[3].0.as_str(), p.asked[3].2),
            ("duration", Some(Choice(1)))
        );
    }

    #[test]
    fn a_follow_up_disappears_when_its_answer_changes() {
        let kb = kb();
        let mut replies = calm_start();
        replies.extend([
            Scripted::Answer(Choices(0)),
            Scripted::Answer(Bool(true)), // stiff: the follow-up appears
            Scripted::Answer(Choice(0)),  // stiff for a short time
            Scripted::Back,               // from limits back to the follow-up
            Scripted::Back,               // and back past it to stiff
            Scripted::Answer(Bool(false)), // not stiff after all
            Scripted::Answer(Choices(0)), // limits
        ]);
        let mut p = ScriptedPrompter::new(replies);
        let (flow, _) = run(&kb, &mut p).unwrap();
        let ids = p.asked_ids();
        assert_eq!(
            ids[4..],
            [
                "worse_with",
                "stiff",
                "stiff_time",
                "limits",
                "stiff_time",
                "stiff",
                "limits"
            ]
        );
        // Going back pre-selected the earlier answers...
        assert_eq!(p.asked[8].2, Some(Choice(0)));
        assert_eq!(p.asked[9].2, Some(Bool(true)));
        // ...and the abandoned follow-up left no answer behind.
        let follow_up = kb.question_index("stiff_time").unwrap();
        assert_eq!(flow.answers().get(follow_up), None);
    }

    #[test]
    fn an_emergency_answer_stops_the_questionnaire_at_once() {
        let kb = kb();
        let replies = [Number(70), Choice(0), Bool(true)].map(Scripted::Answer);
        let mut p = ScriptedPrompter::new(replies);
        let (flow, ending) = run(&kb, &mut p).unwrap();
        assert_eq!(ending, Ending::Emergency);
        assert_eq!(p.asked_ids(), ["age", "duration", "numb"]);
        assert_eq!(
            crate::engine::decide(&kb, flow.answers()).urgency,
            Urgency::Emergency
        );
    }

    #[test]
    fn multiple_choice_answers_choose_the_routine() {
        let kb = kb();
        let mut replies = calm_start();
        // Worse when sitting: the sitting routine.
        replies.extend([Choices(0b1), Bool(false), Choices(0)].map(Scripted::Answer));
        let mut p = ScriptedPrompter::new(replies);
        let (flow, _) = run(&kb, &mut p).unwrap();
        let report = crate::report::build(&kb, flow.answers(), &[]);
        assert_eq!(report.routine.map(|r| r.id), Some("sitting".to_owned()));
    }

    #[test]
    fn ctrl_c_ends_the_questionnaire() {
        let kb = kb();
        let mut p = ScriptedPrompter::new([Scripted::Answer(Number(40)), Scripted::Interrupt]);
        assert!(run(&kb, &mut p).is_err());
    }
}
