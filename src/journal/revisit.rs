//! The check-in's questions: a short walk over the questionnaire that starts from the last full
//! check's answers and asks again only what can change the urgency (every warning sign, every
//! question an emergency or urgent rule reads), plus how many sessions were done without
//! backcare timing them. The rest is kept, so the merged answers run through the same engine as
//! a full check and a new warning sign escalates exactly as it would there.

use crate::Urgency;
use crate::engine::condition::Truth;
use crate::engine::{Answer, Answers};
use crate::interrupt::Interrupted;
use crate::knowledge::{KnowledgeBase, Question, QuestionKind, Section};
use crate::questionnaire::{Ending, Position, Prompter, Reply};

/// Most sessions a person can say they did on their own since the last check-in.
pub const MOST_SESSIONS: i64 = 99;

/// What a check-in asks again: per question, true when it is asked afresh whatever the last check
/// said. Warning signs (the safety section) and every question an emergency or urgent rule reads,
/// except those the journal works out itself (`computed`: how long the pain has lasted, age).
pub fn questions_to_ask_again(kb: &KnowledgeBase, computed: &[usize]) -> Vec<bool> {
    let mut again = kb.warning_sign_questions();
    for (q, question) in kb.questions.iter().enumerate() {
        again[q] |= question.section == Section::Safety;
    }
    for &q in computed {
        again[q] = false;
    }
    again
}

/// The check-in's answers and how its questions ended.
#[derive(Debug, Clone)]
pub struct Revisited {
    /// The last check's answers with today's over them; questions no longer asked are cleared.
    pub answers: Answers,
    /// Sessions done on their own since the last check-in, as the person said.
    pub sessions_reported: u32,
    /// Complete, or stopped at an emergency answer.
    pub ending: Ending,
}

/// One prompt of the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Question(usize),
    Sessions,
}

/// Asks the check-in's questions over `base` (the last full check's answers, already brought up
/// to date for the time passed). A question is asked when the flow would ask it and either it is
/// in `again` or the base has no answer to it (a follow-up that a new answer opened). Nothing is
/// pre-selected on a first asking: last week's "no" is not this week's answer. Esc goes back.
pub fn revisit(
    kb: &KnowledgeBase,
    base: &Answers,
    again: &[bool],
    prompter: &mut dyn Prompter,
) -> Result<Revisited, Interrupted> {
    let sessions = sessions_question();
    let mut answers = base.clone();
    let mut sessions_reported = None;
    // Questions asked so far (in order) with what the base said, to restore on going back.
    let mut path: Vec<(Item, Option<Answer>)> = Vec::new();
    // What the person said today, offered again after going back.
    let mut given: Vec<Option<Answer>> = vec![None; kb.questions.len()];
    let mut sessions_given = None;
    let mut current_section = None;
    loop {
        if emergency(kb, &answers, &path) {
            // What was not asked again today is not known today: last week's "no" to a warning
            // sign not yet reached must not be shown or recorded as today's.
            for (q, again) in again.iter().enumerate() {
                if *again && given[q].is_none() {
                    answers.set(q, None);
                }
            }
            return Ok(finish(kb, answers, sessions_reported, Ending::Emergency));
        }
        let Some(item) = next(kb, &answers, again, &path, sessions_reported.is_some()) else {
            return Ok(finish(kb, answers, sessions_reported, Ending::Complete));
        };
        let (question, previous) = match item {
            Item::Question(q) => (&kb.questions[q], given[q]),
            Item::Sessions => (&sessions, sessions_given),
        };
        if current_section != Some(question.section) {
            current_section = Some(question.section);
            prompter.section(section_title(question.section));
        }
        let position = Position {
            number: path.len() + 1,
            about: path.len()
                + still_to_come(kb, &answers, again, item, sessions_reported.is_some()),
            required: match item {
                Item::Question(q) => kb.triage_questions()[q],
                Item::Sessions => true,
            },
        };
        match prompter.ask(question, position, previous)? {
            Reply::Answer(answer) => match item {
                Item::Question(q) => {
                    path.push((item, answers.get(q)));
                    answers.set(q, Some(answer));
                    given[q] = Some(answer);
                }
                Item::Sessions => {
                    // A prompter answers a number question with a number; anything else is none.
                    let n = match answer {
                        Answer::Number(n) => n.clamp(0, MOST_SESSIONS),
                        _ => 0,
                    };
                    path.push((item, None));
                    sessions_given = Some(Answer::Number(n));
                    sessions_reported = Some(u32::try_from(n).unwrap_or(0));
                }
            },
            Reply::Back => match path.pop() {
                Some((Item::Question(q), before)) => answers.set(q, before),
                Some((Item::Sessions, _)) => sessions_reported = None,
                None => {}
            },
        }
    }
}

/// The answers as the engine should read them: questions the flow would no longer ask (their
/// condition turned false with today's answers) are cleared.
fn finish(
    kb: &KnowledgeBase,
    mut answers: Answers,
    sessions_reported: Option<u32>,
    ending: Ending,
) -> Revisited {
    answers.drop_unasked(kb);
    Revisited {
        answers,
        sessions_reported: sessions_reported.unwrap_or(0),
        ending,
    }
}

/// True once an answer given today makes an emergency rule hold. Only today's answers can stop
/// the check-in early: an emergency already in the base was seen at the last check.
fn emergency(kb: &KnowledgeBase, answers: &Answers, path: &[(Item, Option<Answer>)]) -> bool {
    !path.is_empty()
        && kb.triage.iter().any(|r| {
            r.level == Urgency::Emergency && r.when.eval(answers, &kb.named) == Truth::True
        })
}

/// Whether question `q` is asked today: the flow would ask it, and it is to be asked again or
/// has no answer yet.
fn wanted(kb: &KnowledgeBase, answers: &Answers, again: &[bool], q: usize) -> bool {
    kb.is_asked(q, answers) && (again[q] || answers.get(q).is_none())
}

/// The next prompt after those on `path`, in questionnaire order; the sessions question comes
/// just before the warning signs.
fn next(
    kb: &KnowledgeBase,
    answers: &Answers,
    again: &[bool],
    path: &[(Item, Option<Answer>)],
    sessions_done: bool,
) -> Option<Item> {
    let start = path
        .iter()
        .rev()
        .find_map(|(item, _)| match item {
            Item::Question(q) => Some(q + 1),
            Item::Sessions => None,
        })
        .unwrap_or(0);
    (start..kb.questions.len())
        .find_map(|q| {
            let at_warning_signs = kb.questions[q].section >= Section::Safety;
            if at_warning_signs && !sessions_done {
                Some(Item::Sessions)
            } else if wanted(kb, answers, again, q) {
                Some(Item::Question(q))
            } else {
                None
            }
        })
        .or((!sessions_done).then_some(Item::Sessions))
}

/// Prompts still to come from `item` on (itself included), counting follow-ups that may yet open.
fn still_to_come(
    kb: &KnowledgeBase,
    answers: &Answers,
    again: &[bool],
    item: Item,
    sessions_done: bool,
) -> usize {
    let from = match item {
        Item::Question(q) => q,
        Item::Sessions => kb
            .questions
            .iter()
            .position(|q| q.section >= Section::Safety)
            .unwrap_or(kb.questions.len()),
    };
    let questions = (from..kb.questions.len())
        .filter(|&q| {
            (again[q] || answers.get(q).is_none())
                && kb.questions[q]
                    .ask_when
                    .as_ref()
                    .is_none_or(|w| w.eval(answers, &kb.named) != Truth::False)
        })
        .count();
    questions + usize::from(!sessions_done)
}

/// The one question of a check-in that is not in the questionnaire.
fn sessions_question() -> Question {
    Question {
        id: "sessions_on_your_own".to_owned(),
        // Asked with the questions about how the back is now, before the warning signs.
        section: Section::Pain,
        text: "Since your last check-in, how many times did you do your stretches without backcare timing them?".to_owned(),
        help: "Sessions you played with backcare are counted already. Type 0 if there were none.".to_owned(),
        kind: QuestionKind::Number {
            min: 0,
            max: MOST_SESSIONS,
            unit: None,
        },
        ask_when: None,
    }
}

fn section_title(section: Section) -> &'static str {
    match section {
        Section::Pain => "How your back is now",
        Section::Safety => {
            "Warning signs: please answer each one again, even if it was no last time"
        }
        Section::Pattern => "What makes it better or worse",
        Section::Limits => "Anything that changes which stretches are safe",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Answer::{Bool, Choice, Choices, Number};
    use crate::fixtures::kb;
    use crate::questionnaire::{Scripted, ScriptedPrompter};

    /// The fixture's calm answers: age 35, short pain, no warning signs, nothing worse, not
    /// stiff, no limits.
    fn base(kb: &KnowledgeBase) -> Answers {
        let mut a = Answers::empty(kb.questions.len());
        for (id, answer) in [
            ("age", Number(35)),
            ("duration", Choice(0)),
            ("numb", Bool(false)),
            ("fever", Bool(false)),
            ("worse_with", Choices(0)),
            ("stiff", Bool(false)),
            ("limits", Choices(0)),
        ] {
            a.set(kb.question_index(id).unwrap(), Some(answer));
        }
        a
    }

    fn again(kb: &KnowledgeBase) -> Vec<bool> {
        questions_to_ask_again(kb, &[kb.question_index("age").unwrap()])
    }

    #[test]
    fn only_the_warning_signs_and_what_urgent_rules_read_are_asked_again() {
        let kb = kb();
        let mut p =
            ScriptedPrompter::new([Number(2), Bool(false), Bool(false)].map(Scripted::Answer));
        let visit = revisit(&kb, &base(&kb), &again(&kb), &mut p).unwrap();
        assert_eq!(visit.ending, Ending::Complete);
        // Neither age (worked out from the calendar) nor how long (read only by a rule below
        // urgent in this small questionnaire) is asked again.
        assert_eq!(p.asked_ids(), ["sessions_on_your_own", "numb", "fever"]);
        assert_eq!(visit.sessions_reported, 2);
        // Kept from the base: age and the pattern.
        assert_eq!(
            visit.answers.get(kb.question_index("age").unwrap()),
            Some(Number(35))
        );
        assert_eq!(
            visit.answers.get(kb.question_index("stiff").unwrap()),
            Some(Bool(false))
        );
        // Nothing was pre-selected from last time.
        assert!(p.asked.iter().all(|(_, _, previous)| previous.is_none()));
    }

    #[test]
    fn a_new_warning_sign_stops_at_once_as_an_emergency() {
        let kb = kb();
        let mut p = ScriptedPrompter::new([Number(0), Bool(true)].map(Scripted::Answer));
        let visit = revisit(&kb, &base(&kb), &again(&kb), &mut p).unwrap();
        assert_eq!(visit.ending, Ending::Emergency);
        assert_eq!(
            crate::engine::decide(&kb, &visit.answers).urgency,
            Urgency::Emergency
        );
        assert_eq!(p.asked_ids().last(), Some(&"numb"));
        // The warning sign after it was not asked today, so it has no answer.
        assert_eq!(visit.answers.get(kb.question_index("fever").unwrap()), None);
    }

    #[test]
    fn going_back_restores_the_earlier_answer_and_asks_again() {
        let kb = kb();
        let replies = [
            Scripted::Answer(Number(1)),
            Scripted::Back,
            Scripted::Answer(Number(3)),
            Scripted::Answer(Bool(false)),
            Scripted::Answer(Bool(false)),
        ];
        let mut p = ScriptedPrompter::new(replies);
        let visit = revisit(&kb, &base(&kb), &again(&kb), &mut p).unwrap();
        assert_eq!(visit.sessions_reported, 3);
        assert_eq!(
            p.asked_ids(),
            [
                "sessions_on_your_own",
                "numb",
                "sessions_on_your_own",
                "numb",
                "fever"
            ]
        );
        // The second asking starts from the first answer.
        assert_eq!(p.asked[2].2, Some(Number(1)));
    }

    #[test]
    fn a_follow_up_never_answered_before_is_asked_when_it_opens() {
        let kb = kb();
        // The base says stiff = yes but has no answer to its follow-up (rules changed since).
        let mut b = base(&kb);
        b.set(kb.question_index("stiff").unwrap(), Some(Bool(true)));
        let mut p = ScriptedPrompter::new(
            [Number(0), Bool(false), Bool(false), Choice(1)].map(Scripted::Answer),
        );
        let visit = revisit(&kb, &b, &again(&kb), &mut p).unwrap();
        assert_eq!(p.asked_ids().last(), Some(&"stiff_time"));
        assert_eq!(
            visit.answers.get(kb.question_index("stiff_time").unwrap()),
            Some(Choice(1))
        );
    }
}
