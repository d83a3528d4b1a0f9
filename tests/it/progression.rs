//! Progression over the weeks (`rules/progression.json`), on the shipped rules: a person who
//! does well, one who has a flare-up, one who reports a warning sign, written so that a
//! physiotherapist can check each step against what they would advise. Then the steps at each
//! level, the warning-sign helper, and rule files that break a promise, refused with their
//! place and an example.

use super::support::{backcare, edit_rules, rules_copy, scenario_answers};
use backcare::Urgency;
use backcare::engine::{
    Facts, level_summary, levels, parse_answers, progress, steps_at_level, warning_sign,
};
use backcare::knowledge::KnowledgeBase;
use backcare::model::{Move, Tag};
use serde_json::{Value, json};
use std::path::Path;

fn kb() -> KnowledgeBase {
    KnowledgeBase::embedded().expect("the shipped rules load")
}

fn routine(kb: &KnowledgeBase, id: &str) -> usize {
    kb.routine_index(id).expect("the routine exists")
}

/// A check-in at which things went well: two weeks at the level with the routine done most
/// days, pain low and not rising, the answer to "better, same or worse?" not "worse", nothing
/// that needs a doctor.
fn good_week(level: u32, sessions_14d: u32, pain_now: u8, pain_rise: i32) -> Facts {
    Facts {
        level,
        sessions_14d,
        pain_now: Some(pain_now),
        pain_rise,
        worse_in_a_row: 0,
        days_at_level: 14,
        warning_sign: false,
        urgency: Urgency::SelfCare,
    }
}

/// One check-in: the level it moves to and the rule that decided, by id.
fn check_in(kb: &KnowledgeBase, routine: usize, facts: &Facts) -> (u32, String) {
    let p = progress(kb, routine, facts);
    (p.to, p.rule.map(|r| r.id.clone()).unwrap_or_default())
}

#[test]
fn every_routine_has_three_levels_each_with_words_for_the_person() {
    let kb = kb();
    assert_eq!(kb.progression.checkin_every_days, 7);
    for (r, routine) in kb.routines.iter().enumerate() {
        assert_eq!(levels(&kb, r), 3, "{}", routine.id);
        for level in 1..=3 {
            let summary = level_summary(&kb, r, level).unwrap_or_default();
            assert!(
                summary.ends_with('.'),
                "{} level {level}: {summary}",
                routine.id
            );
        }
        assert_eq!(level_summary(&kb, r, 4), None);
    }
}

#[test]
fn a_person_who_does_well_steps_up_one_level_a_fortnight_to_the_top() {
    let kb = kb();
    let general = routine(&kb, "general");

    // Week 2: six sessions in the first two weeks, pain 3 out of 10 and the same as at the
    // start, two weeks at level 1. Ready for a little more: level 2 (bird-dog added).
    let week_1 = good_week(1, 6, 3, 0);
    assert_eq!(
        check_in(&kb, general, &week_1),
        (2, "doing_well_step_up".to_owned())
    );

    // Week 4: twelve sessions in the last two weeks, pain down to 2, two weeks at level 2:
    // level 3.
    let week_2 = good_week(2, 12, 2, -1);
    assert_eq!(
        check_in(&kb, general, &week_2),
        (3, "doing_well_step_up".to_owned())
    );

    // Week 6: still going well, but level 3 is the top: the person stays there.
    let week_3 = good_week(3, 13, 2, 0);
    let p = progress(&kb, general, &week_3);
    assert_eq!((p.direction, p.from, p.to), (Move::Up, 3, 3));
}

#[test]
fn stepping_up_waits_for_two_weeks_regular_sessions_low_pain_and_a_rating() {
    let kb = kb();
    let general = routine(&kb, "general");

    // Only ten days at level 2: not yet.
    let early = Facts {
        days_at_level: 10,
        ..good_week(2, 10, 2, 0)
    };
    assert_eq!(check_in(&kb, general, &early), (2, "keep_going".to_owned()));

    // Five sessions in two weeks: the routine is not yet a habit.
    assert_eq!(
        check_in(&kb, general, &good_week(2, 5, 2, 0)),
        (2, "few_sessions".to_owned())
    );

    // Pain 5 out of 10: keep going at this level.
    assert_eq!(
        check_in(&kb, general, &good_week(2, 10, 5, 0)),
        (2, "keep_going".to_owned())
    );

    // Pain up by one point: not a flare-up, but not a time to do more either.
    assert_eq!(
        check_in(&kb, general, &good_week(2, 10, 4, 1)),
        (2, "keep_going".to_owned())
    );

    // The person skipped the pain rating: backcare does not know the pain is low, so it does
    // not step up (the cautious direction), and an unknown pain is never a flare-up either.
    let unrated = Facts {
        pain_now: None,
        pain_rise: 0,
        ..good_week(2, 10, 0, 0)
    };
    let p = progress(&kb, general, &unrated);
    assert_eq!((p.to, p.flare_up), (2, false));
    assert_eq!(p.rule.map(|r| r.id.as_str()), Some("keep_going"));
}

#[test]
fn a_flare_up_steps_down_one_level_with_the_plan_then_builds_up_again() {
    let kb = kb();
    let general = routine(&kb, "general");

    // Week 4, at level 3: pain 5, up from 2 last time (a rise of 3). A flare-up: back to
    // level 2, with the plan for the next few days and when to get help.
    let flare = Facts {
        pain_rise: 3,
        ..good_week(3, 12, 5, 0)
    };
    let p = progress(&kb, general, &flare);
    assert_eq!((p.direction, p.from, p.to), (Move::Down, 3, 2));
    assert!(p.flare_up);
    assert_eq!(p.rule.map(|r| r.id.as_str()), Some("flare_up_step_down"));
    let plan = p.plan.expect("a flare-up comes with its plan");
    assert!(
        plan.what_to_do
            .iter()
            .any(|s| s.contains("do not stay in bed")),
        "{plan:?}"
    );
    assert!(
        plan.what_to_do.iter().any(|s| s.contains("pharmacist")),
        "{plan:?}"
    );
    assert!(
        plan.get_help.iter().any(|s| s.contains("two weeks")),
        "{plan:?}"
    );
    assert!(
        plan.get_help
            .iter()
            .any(|s| s.contains("spreads down a leg")),
        "{plan:?}"
    );

    // Week 5, at level 2: pain 5, no higher than last week, but not low yet: stay at 2.
    assert_eq!(
        check_in(&kb, general, &good_week(2, 11, 5, 0)),
        (2, "keep_going".to_owned())
    );

    // Week 6: pain back down to 3: level 3 again.
    assert_eq!(
        check_in(&kb, general, &good_week(2, 12, 3, -2)),
        (3, "doing_well_step_up".to_owned())
    );

    // Answering "worse" at two check-ins in a row is a flare-up too, even when the number
    // barely moved; at level 1 there is no lower level, so the person stays at 1, with the plan.
    let worse_twice = Facts {
        worse_in_a_row: 2,
        ..good_week(1, 12, 4, 1)
    };
    let p = progress(&kb, general, &worse_twice);
    assert_eq!((p.direction, p.to, p.flare_up), (Move::Down, 1, true));
    assert!(p.plan.is_some());
}

#[test]
fn a_warning_sign_or_a_doctor_first_never_steps_up_whatever_else_is_true() {
    let kb = kb();
    for (r, routine) in kb.routines.iter().enumerate() {
        for level in 1..=levels(&kb, r) {
            // Everything else says "step up": regular sessions, low pain, two weeks at the level.
            let warning = Facts {
                warning_sign: true,
                ..good_week(level, 14, 1, 0)
            };
            let p = progress(&kb, r, &warning);
            assert_eq!(p.to, level, "{} level {level}", routine.id);
            assert_eq!(p.rule.map(|r| r.id.as_str()), Some("warning_sign_holds"));

            // Answers that need a doctor within days (or sooner) hold the level too.
            for urgency in [Urgency::Soon, Urgency::Urgent, Urgency::Emergency] {
                let doctor = Facts {
                    urgency,
                    ..good_week(level, 14, 1, 0)
                };
                let p = progress(&kb, r, &doctor);
                assert_eq!(p.to, level, "{} level {level} {urgency}", routine.id);
            }
        }
    }
    // A warning sign in a flare-up: the level is held (not dropped), and the person is told to
    // get the warning sign checked; the flare-up plan comes with it.
    let general = routine(&kb, "general");
    let p = progress(
        &kb,
        general,
        &Facts {
            warning_sign: true,
            pain_rise: 4,
            ..good_week(2, 10, 7, 0)
        },
    );
    assert_eq!((p.to, p.flare_up), (2, true));
    assert!(p.rule.is_some_and(|r| r.reason.contains("warning sign")));
    // An appointment in the coming weeks does not stop progress: the routine is safe to do
    // while waiting.
    let appointment = Facts {
        urgency: Urgency::Appointment,
        ..good_week(1, 8, 3, 0)
    };
    assert_eq!(progress(&kb, general, &appointment).to, 2);
}

fn answers_of(kb: &KnowledgeBase, scenario: &str) -> backcare::engine::Answers {
    parse_answers(kb, &scenario_answers(scenario))
        .expect("the scenario's answers read")
        .answers
}

#[test]
fn a_warning_sign_is_an_answer_that_is_enough_on_its_own() {
    let kb = kb();
    // Nothing but everyday back pain: no warning sign.
    assert!(!warning_sign(
        &kb,
        &answers_of(&kb, "01_self_care_everyday.json")
    ));
    // Fragile bones, or a strain at the start, are asked among the warning signs but are not
    // one on their own: these people would otherwise never leave level 1.
    assert!(!warning_sign(
        &kb,
        &answers_of(&kb, "85_osteoporosis_everyday.json")
    ));
    assert!(!warning_sign(
        &kb,
        &answers_of(&kb, "48_recent_strain.json")
    ));
    // Saddle numbness, and a stable numb patch on one leg, are.
    assert!(warning_sign(
        &kb,
        &answers_of(&kb, "03_cauda_equina_saddle.json")
    ));
    assert!(warning_sign(
        &kb,
        &answers_of(&kb, "25_stable_numbness_thigh.json")
    ));
}

/// The stretch ids of a routine at a level, for the person with these answers.
fn stretch_ids(kb: &KnowledgeBase, routine: usize, level: u32, scenario: &str) -> Vec<String> {
    let answers = answers_of(kb, scenario);
    steps_at_level(kb, routine, level, &answers)
        .0
        .iter()
        .map(|s| kb.stretches[s.stretch].id.clone())
        .collect()
}

#[test]
fn levels_add_strength_moves_and_longer_doses() {
    let kb = kb();
    let general = routine(&kb, "general");
    let everyday = "01_self_care_everyday.json";
    let base = stretch_ids(&kb, general, 1, everyday);
    assert_eq!(
        base,
        [
            "cat_cow",
            "knee_to_chest_single",
            "supine_twist",
            "supported_forward_hinge",
            "childs_pose"
        ]
    );
    let mut level_2 = base.clone();
    level_2.push("bird_dog".to_owned());
    assert_eq!(stretch_ids(&kb, general, 2, everyday), level_2);
    let mut level_3 = level_2.clone();
    level_3.push("bridge".to_owned());
    assert_eq!(stretch_ids(&kb, general, 3, everyday), level_3);

    // After a strain, the step up is modest: holds 10 seconds longer (20 s to 30 s a side).
    let strain = routine(&kb, "gentle_after_strain");
    let answers = answers_of(&kb, "48_recent_strain.json");
    let dose = |level| {
        steps_at_level(&kb, strain, level, &answers).0[1]
            .dose
            .describe()
    };
    assert_eq!(dose(1), "hold 20 s, each side");
    assert_eq!(dose(2), "hold 30 s, each side");
    assert_eq!(dose(3), "hold 30 s, each side, 2 rounds");
}

#[test]
fn added_moves_obey_the_leave_outs_for_pregnancy_fragile_bones_and_hip_replacement() {
    let kb = kb();
    // Pregnant, with buttock pain: at level 3 of `sciatica_relief` the bridge (lying on the
    // back) is left out, and the report can say why.
    let sciatica = routine(&kb, "sciatica_relief");
    let answers = answers_of(&kb, "36_pregnancy_buttock_pain.json");
    let (steps, left_out) = steps_at_level(&kb, sciatica, 3, &answers);
    let bridge = kb.stretch_index("bridge").expect("bridge");
    assert!(steps.iter().all(|s| s.stretch != bridge));
    assert!(
        left_out
            .iter()
            .any(|l| l.stretch == bridge && l.replaced_by.is_none())
    );
    for step in &steps {
        let tags = &kb.stretches[step.stretch].tags;
        assert!(
            !tags.contains(&Tag::LyingOnBack) && !tags.contains(&Tag::LyingFaceDown),
            "{}",
            kb.stretches[step.stretch].id
        );
    }

    // Fragile bones: `bone_care` at its top level adds a wall plank and nothing that bends or
    // twists the spine under load.
    let bones = routine(&kb, "bone_care");
    let answers = answers_of(&kb, "85_osteoporosis_everyday.json");
    let (steps, _) = steps_at_level(&kb, bones, 3, &answers);
    assert!(
        steps
            .iter()
            .any(|s| kb.stretches[s.stretch].id == "wall_plank")
    );
    for step in &steps {
        let tags = &kb.stretches[step.stretch].tags;
        assert!(!tags.contains(&Tag::LoadedFlexion) && !tags.contains(&Tag::EndRangeTwist));
    }

    // A hip replacement: nothing at any level bends the hip deeply or crosses the legs.
    let answers = answers_of(&kb, "55_hip_replacement_everyday.json");
    for (r, routine) in kb.routines.iter().enumerate() {
        for level in 1..=levels(&kb, r) {
            for step in steps_at_level(&kb, r, level, &answers).0 {
                let tags = &kb.stretches[step.stretch].tags;
                assert!(
                    !tags.contains(&Tag::DeepHipFlexion) && !tags.contains(&Tag::CrossingLeg),
                    "{} level {level}: {}",
                    routine.id,
                    kb.stretches[step.stretch].id
                );
            }
        }
    }
}

#[test]
fn each_level_keeps_what_the_one_below_asks_once_for_every_scenario() {
    let kb = kb();
    for path in super::support::scenario_paths() {
        let text = std::fs::read_to_string(&path).expect("read");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        let answers = parse_answers(&kb, &value["answers"].to_string())
            .expect("answers")
            .answers;
        for r in 0..kb.routines.len() {
            let mut below: Vec<usize> = Vec::new();
            for level in 1..=levels(&kb, r) {
                let steps: Vec<usize> = steps_at_level(&kb, r, level, &answers)
                    .0
                    .iter()
                    .map(|s| s.stretch)
                    .collect();
                let mut unique = steps.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(
                    unique.len(),
                    steps.len(),
                    "{path:?} {r} {level}: a stretch twice"
                );
                assert!(
                    below.iter().all(|s| steps.contains(s)),
                    "{path:?} {r} level {level} drops a stretch of the level below"
                );
                below = steps;
            }
        }
    }
}

/// A copy of the shipped rules whose progression.json was changed by `edit`.
fn progression_with(edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let dir = rules_copy();
    edit_rules(dir.path(), "progression.json", edit);
    dir
}

/// `rules check DIR` refuses the rules: exit 2, no panic; stderr.
fn refused(dir: &Path) -> String {
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("these rules were not loaded"), "{stderr}");
    stderr
}

fn rule_position(v: &Value, id: &str) -> usize {
    v["rules"]
        .as_array()
        .and_then(|rules| rules.iter().position(|r| r["id"] == id))
        .expect("the rule exists")
}

#[test]
fn stepping_up_before_the_warning_sign_rule_is_refused_with_an_example() {
    let dir = progression_with(|v| {
        let up = rule_position(v, "doing_well_step_up");
        let rules = v["rules"].as_array_mut().expect("rules");
        let rule = rules.remove(up);
        rules.insert(0, rule);
    });
    let stderr = refused(dir.path());
    assert!(
        stderr.contains("progression.json:") && stderr.contains(": at rules[0]: progression rule `doing_well_step_up` moves up while a warning sign or an urgency above `appointment` holds, for {\"level\":1,"),
        "{stderr}"
    );
}

#[test]
fn a_flare_up_that_stays_or_moves_up_is_refused() {
    let dir = progression_with(|v| {
        let flare = rule_position(v, "flare_up_step_down");
        v["rules"][flare]["move"] = json!("stay");
    });
    let stderr = refused(dir.path());
    assert!(
        stderr.contains("from level 2, a flare-up with no warning sign and no urgency above `appointment` does not move down: rule `flare_up_step_down` decides instead"),
        "{stderr}"
    );
    // Without the flare-up rule, a flare-up goes on to the next rules: none of them moves up
    // (the step-up rule asks for pain no higher than before), but none moves down either.
    let dir = progression_with(|v| {
        let flare = rule_position(v, "flare_up_step_down");
        v["rules"].as_array_mut().expect("rules").remove(flare);
    });
    let stderr = refused(dir.path());
    assert!(
        stderr.contains("from level 2, a flare-up with no warning sign and no urgency above `appointment` does not move down: rule `few_sessions` decides instead"),
        "{stderr}"
    );
    // A step-up rule that no longer asks about the pain's change, put before the flare-up rule.
    let dir = progression_with(|v| {
        let up = rule_position(v, "doing_well_step_up");
        let flare = rule_position(v, "flare_up_step_down");
        let rules = v["rules"].as_array_mut().expect("rules");
        let mut rule = rules.remove(up);
        rule["when"]["all"]
            .as_array_mut()
            .expect("all")
            .retain(|t| t["fact"] != "pain_rise" && t["fact"] != "worse_in_a_row");
        rules.insert(flare, rule);
    });
    let stderr = refused(dir.path());
    assert!(
        stderr.contains("progression rule `doing_well_step_up` moves up in a flare-up, for {"),
        "{stderr}"
    );
}

#[test]
fn stepping_up_without_a_pain_rating_is_refused() {
    let dir = progression_with(|v| {
        let up = rule_position(v, "doing_well_step_up");
        v["rules"][up]["when"]["all"][1] = json!({"fact": "pain_now", "known": false});
    });
    let stderr = refused(dir.path());
    assert!(
        stderr.contains(
            "progression rule `doing_well_step_up` moves up while pain_now is unknown, for {"
        ),
        "{stderr}"
    );
}

#[test]
fn a_level_that_can_never_be_reached_is_refused() {
    let dir = progression_with(|v| {
        let up = rule_position(v, "doing_well_step_up");
        v["rules"][up]["when"]["all"][0] = json!({"fact": "sessions_14d", "at_least": 6});
        v["rules"][up]["when"]["all"][4] = json!({"fact": "level", "at_least": 2});
    });
    let stderr = refused(dir.path());
    assert!(
        stderr.contains("no rule moves up from level 1, so level 2 of `gentle_after_strain`, `sciatica_relief`, `after_sitting` and 6 more is never reached"),
        "{stderr}"
    );
}

#[test]
fn an_added_move_that_is_not_a_stretch_or_a_routine_without_levels_is_refused() {
    let dir = progression_with(|v| {
        v["levels"][0]["levels"][1]["add"] = json!([{"stretch": "bird_dgo"}]);
        v["levels"].as_array_mut().expect("levels").pop();
    });
    let stderr = refused(dir.path());
    assert!(
        stderr.contains("at levels[0].levels[1].add[0].stretch: unknown stretch `bird_dgo`; did you mean `bird_dog`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("at levels: routine `general` has no levels"),
        "{stderr}"
    );
}

#[test]
fn a_rules_directory_without_progression_json_is_refused() {
    let dir = rules_copy();
    std::fs::remove_file(dir.path().join("progression.json")).expect("remove");
    let stderr = refused(dir.path());
    assert!(stderr.contains("progression.json"), "{stderr}");
}
