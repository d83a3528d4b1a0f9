//! Small knowledge bases built directly from the model, for unit tests of the mechanisms
//! (engine, flows) that must not depend on the shipped rules or on loading them.

use super::{
    Cond, Dose, Family, KbParts, KnowledgeBase, Leaf, LeaveOut, Level, Levels, Measure, Question,
    QuestionKind, Routine, SafetyFloor, Section, Selection, Step, Stretch, Tag, Test, TooFewSteps,
    TriageRule, Urgency,
};

/// `mini` holding back any routine left with fewer than `min_steps` stretches.
pub(crate) fn mini_with_too_few_steps(min_steps: usize, because: &str) -> KnowledgeBase {
    let mut kb = mini();
    kb.too_few_steps = Some(TooFewSteps {
        min_steps,
        because: because.to_owned(),
    });
    kb
}

fn is_yes(question: usize) -> Cond {
    Cond::Leaf(Leaf {
        question,
        test: Test::IsBool(true),
    })
}

fn hold(seconds: u32) -> Dose {
    Dose {
        measure: Measure::HoldSeconds(seconds),
        each_side: true,
        rounds: 1,
    }
}

fn stretch(id: &str, leave_out: Vec<LeaveOut>) -> Stretch {
    Stretch {
        id: id.to_owned(),
        name: id.to_owned(),
        targets: "t".to_owned(),
        position: "p".to_owned(),
        family: Family::Hip,
        tags: vec![Tag::Standing],
        steps: vec!["s".to_owned()],
        dose: hold(30),
        intensity: 5,
        cautions: Vec::new(),
        leave_out,
    }
}

fn selection(priority: i32, when: Option<Cond>, because: &str) -> Selection {
    Selection {
        priority,
        when,
        because: because.to_owned(),
    }
}

/// A small knowledge base, built directly from the model (the engine does not load rules):
/// three yes/no questions a, b, c; rules at several levels; two routines; a stretch `main`
/// with a leave-out rule and an alternative, and `other` with two leave-out rules.
#[allow(clippy::too_many_lines)] // A table of test data, read top to bottom.
pub(crate) fn mini() -> KnowledgeBase {
    let question = |id: &str| Question {
        id: id.to_owned(),
        section: Section::Safety,
        text: "?".to_owned(),
        help: "h".to_owned(),
        kind: QuestionKind::YesNo,
        ask_when: None,
    };
    let rule = |id: &str, level, when| TriageRule {
        id: id.to_owned(),
        level,
        when,
        reason: "r".to_owned(),
        action: "x".to_owned(),
        source: "s".to_owned(),
    };
    let leave_out = |when, because: &str, instead| LeaveOut {
        when,
        because: because.to_owned(),
        instead,
    };
    let level = || Level {
        headline: "h".to_owned(),
        action: "a".to_owned(),
    };
    let (a, b, c) = (0, 1, 2);
    let (main, alt, other) = (0, 1, 2);
    KnowledgeBase::assemble(KbParts {
        questions: vec![question("a"), question("b"), question("c")],
        named: Vec::new(),
        triage: vec![
            rule("z_soon", Urgency::Soon, is_yes(b)),
            rule("a_soon", Urgency::Soon, is_yes(b)),
            rule("urgent_a", Urgency::Urgent, is_yes(a)),
            rule("appt", Urgency::Appointment, is_yes(c)),
        ],
        stretches: vec![
            stretch("main", vec![leave_out(is_yes(c), "c says so", Some(alt))]),
            stretch("alt", Vec::new()),
            stretch(
                "other",
                vec![
                    leave_out(is_yes(b), "z: b says so", None),
                    leave_out(is_yes(b), "b says so", None),
                ],
            ),
        ],
        routines: vec![
            Routine {
                id: "fallback".to_owned(),
                name: "F".to_owned(),
                purpose: "p".to_owned(),
                how_often: "daily".to_owned(),
                steps: vec![Step {
                    stretch: other,
                    dose: hold(30),
                }],
                select: vec![selection(0, None, "always")],
            },
            Routine {
                id: "special".to_owned(),
                name: "S".to_owned(),
                purpose: "p".to_owned(),
                how_often: "daily".to_owned(),
                steps: vec![
                    Step {
                        stretch: main,
                        dose: hold(20),
                    },
                    Step {
                        stretch: other,
                        dose: hold(30),
                    },
                ],
                select: vec![
                    selection(
                        10,
                        Some(Cond::Leaf(Leaf {
                            question: c,
                            test: Test::Answered(true),
                        })),
                        "z: c answered",
                    ),
                    selection(
                        10,
                        Some(Cond::Leaf(Leaf {
                            question: c,
                            test: Test::Answered(true),
                        })),
                        "c answered",
                    ),
                ],
            },
        ],
        withhold: Vec::new(),
        too_few_steps: None,
        levels: Levels {
            emergency: level(),
            urgent: level(),
            soon: level(),
            appointment: level(),
            self_care: level(),
        },
        tips: Vec::new(),
        safety_net: Vec::new(),
        disclaimer: "d".to_owned(),
        floor: SafetyFloor::default(),
        poses: Vec::new(),
        progression: super::ProgressionRules::default(),
        origin: super::Origin::default(),
    })
}
