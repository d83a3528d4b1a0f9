//! The interactive questionnaire: the [`Flow`] decides what to ask, a [`Prompter`] asks it.

mod flow;
mod scripted;
mod terminal;

pub use flow::{Flow, Next};
pub use scripted::{Scripted, ScriptedPrompter};
pub use terminal::{TerminalPrompter, interactive, offer_routine};

use crate::engine::Answer;
use crate::exit::Interrupted;
use crate::knowledge::{KnowledgeBase, Question};

/// Where the person is, shown with each prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub number: usize,
    pub about: usize,
}

/// What a person did at a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Answer(Answer),
    /// Esc: go back one question.
    Back,
}

/// Asks one question. `previous` is the earlier answer to start from, after going back.
pub trait Prompter {
    fn ask(
        &mut self,
        question: &Question,
        position: Position,
        previous: Option<Answer>,
    ) -> Result<Reply, Interrupted>;

    /// Called when the interview moves into a new section (pain, warning signs...).
    fn section(&mut self, _title: &str) {}
}

/// How the interview ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
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
        match prompter.ask(q, Position { number, about }, flow.previous(question))? {
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

    fn kb() -> KnowledgeBase {
        KnowledgeBase::embedded().unwrap()
    }

    /// A calm reply to each question of `sections` asked of everyone, in order: age 35, pain 4,
    /// the first choice (the calm one: "no", "under 6 weeks", "back only"), no, nothing ticked.
    /// Follow-ups are not asked after calm answers. Built from the shipped questions, so the
    /// tests follow the questionnaire as clinicians change it.
    fn calm(sections: &[crate::knowledge::Section]) -> Vec<Scripted> {
        use crate::knowledge::QuestionKind;
        kb().questions
            .iter()
            .filter(|q| q.ask_when.is_none() && sections.contains(&q.section))
            .map(|q| {
                Scripted::Answer(match (&q.kind, q.id.as_str()) {
                    (QuestionKind::Number { .. }, "age") => Number(35),
                    (QuestionKind::Number { .. }, "pain_score") => Number(4),
                    (QuestionKind::Number { min, .. }, _) => Number(*min),
                    (QuestionKind::YesNo, _) => Bool(false),
                    (QuestionKind::Single(_), _) => Choice(0),
                    (QuestionKind::Multiple(_), _) => Choices(0),
                })
            })
            .collect()
    }

    /// Replies for the pain section, then every warning sign answered no.
    fn calm_start() -> Vec<Scripted> {
        use crate::knowledge::Section;
        calm(&[Section::Pain, Section::Safety])
    }

    fn calm_pattern() -> Vec<Scripted> {
        use crate::knowledge::Section;
        calm(&[Section::Pattern, Section::Limits])
    }

    /// Questions asked of everyone.
    fn unconditional() -> usize {
        kb().questions
            .iter()
            .filter(|q| q.ask_when.is_none())
            .count()
    }

    #[test]
    fn a_calm_run_asks_every_question_in_order_but_the_follow_up() {
        let kb = kb();
        let mut p = ScriptedPrompter::new(calm_start().into_iter().chain(calm_pattern()));
        let (flow, ending) = run(&kb, &mut p).unwrap();
        assert_eq!(ending, Ending::Complete);
        let ids = p.asked_ids();
        assert_eq!(ids.len(), unconditional());
        assert_eq!(&ids[..3], ["age", "duration", "pain_score"]);
        assert!(!ids.contains(&"morning_stiffness_time"));
        assert_eq!(ids.last(), Some(&"limits"));
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
        assert_eq!(
            p.asked[0].1,
            Position {
                number: 1,
                about: kb.questions.len()
            }
        );
        let fear = p
            .asked
            .iter()
            .find(|(id, _, _)| id == "fear_of_moving")
            .unwrap();
        // Second to last, with every follow-up ruled out by then.
        assert_eq!(
            fear.1,
            Position {
                number: unconditional() - 1,
                about: unconditional()
            }
        );
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
            Scripted::Answer(Choice(2)),
            Scripted::Back,
        ];
        replies.extend(calm_start().into_iter().skip(1));
        replies.extend(calm_pattern());
        let mut p = ScriptedPrompter::new(replies);
        run(&kb, &mut p).unwrap();
        // pain_score was asked, Esc went back to duration, which starts from "over 12 weeks".
        assert_eq!(p.asked[2].0, "pain_score");
        assert_eq!(
            (p.asked[3].0.as_str(), p.asked[3].2),
            ("duration", Some(Choice(2)))
        );
    }

    #[test]
    fn a_follow_up_disappears_when_its_answer_changes() {
        let kb = kb();
        let mut replies = calm_start();
        replies.extend([
            Scripted::Answer(Choices(0)),
            Scripted::Answer(Choices(0)),
            Scripted::Answer(Bool(true)), // stiff in the morning: the follow-up appears
            Scripted::Answer(Choice(0)),  // under 30 minutes
            Scripted::Back,               // from fear_of_moving back to the follow-up
            Scripted::Back,               // and back past it to morning_stiffness
            Scripted::Answer(Bool(false)), // not stiff after all
            Scripted::Answer(Bool(false)), // fear_of_moving
            Scripted::Answer(Choices(0)), // limits
        ]);
        let mut p = ScriptedPrompter::new(replies);
        let (flow, _) = run(&kb, &mut p).unwrap();
        let ids = p.asked_ids();
        let tail: Vec<&str> = ids[ids.len() - 7..].to_vec();
        assert_eq!(
            tail,
            [
                "morning_stiffness",
                "morning_stiffness_time",
                "fear_of_moving",
                "morning_stiffness_time",
                "morning_stiffness",
                "fear_of_moving",
                "limits"
            ]
        );
        // Going back pre-selected the earlier answers...
        assert_eq!(p.asked[ids.len() - 4].2, Some(Choice(0)));
        assert_eq!(p.asked[ids.len() - 3].2, Some(Bool(true)));
        // ...and the abandoned follow-up left no answer behind.
        let follow_up = kb.question_index("morning_stiffness_time").unwrap();
        assert_eq!(flow.answers().get(follow_up), None);
    }

    #[test]
    fn an_emergency_answer_stops_the_questionnaire_at_once() {
        let kb = kb();
        let mut replies = calm(&[crate::knowledge::Section::Pain]);
        let pain = replies.len();
        replies.push(Scripted::Answer(Bool(true)));
        let mut p = ScriptedPrompter::new(replies);
        let (flow, ending) = run(&kb, &mut p).unwrap();
        assert_eq!(ending, Ending::Emergency);
        assert_eq!(p.asked_ids().last(), Some(&"saddle_numbness"));
        assert_eq!(p.asked.len(), pain + 1);
        assert_eq!(
            crate::engine::decide(&kb, flow.answers()).urgency,
            Urgency::Emergency
        );
    }

    #[test]
    fn multiple_choice_answers_choose_the_routine() {
        let kb = kb();
        let mut replies = calm_start();
        // Worse sitting, eased by walking: the after-sitting routine.
        replies.extend(
            [
                Choices(0b1),
                Choices(0b1),
                Bool(false),
                Bool(false),
                Choices(0),
            ]
            .map(Scripted::Answer),
        );
        let mut p = ScriptedPrompter::new(replies);
        let (flow, _) = run(&kb, &mut p).unwrap();
        let report = crate::report::build(&kb, flow.answers(), &[]);
        assert_eq!(
            report.routine.map(|r| r.id),
            Some("after_sitting".to_owned())
        );
    }

    #[test]
    fn ctrl_c_ends_the_questionnaire() {
        let kb = kb();
        let mut p = ScriptedPrompter::new([Scripted::Answer(Number(40)), Scripted::Interrupt]);
        assert!(run(&kb, &mut p).is_err());
    }
}
