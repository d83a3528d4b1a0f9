//! The safety floor (`rules/safety-floor.json`): read strictly, proved on every load, and a
//! knowledge base that breaks it refused with the floor's id and an example answer set.

use super::support::{backcare, edit_rules, repo, rules_copy};
use serde_json::{Value, json};
use std::path::Path;

/// A floor file holding the floors these tests rely on, whatever the shipped one says.
fn known_floor() -> Value {
    json!({
        "version": 1,
        "urgency": [
            { "id": "saddle_numbness_is_emergency", "when": { "question": "saddle_numbness", "is": true },
              "at_least": "emergency", "source": "NICE CKS Sciatica, red flags: cauda equina syndrome" }
        ],
        "routines": [
            { "id": "pregnant_no_lying_flat", "when": { "question": "limits", "contains": "pregnant" },
              "exclude": ["lying_on_back", "lying_face_down"], "source": "pregnancy advice" }
        ]
    })
}

/// A copy of the shipped rules with `known_floor`, edited by `edit` on `file`.
fn rules_with(file: &str, edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let dir = rules_copy();
    edit_rules(dir.path(), "safety-floor.json", |v| *v = known_floor());
    edit_rules(dir.path(), file, edit);
    dir
}

/// `rules check DIR`: exit code and stdout plus stderr.
fn rules_check(dir: &Path) -> (Option<i32>, String) {
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir)
        .output()
        .expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{text}");
    (out.status.code(), text)
}

fn refused(dir: &Path) -> String {
    let (code, text) = rules_check(dir);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("these rules were not loaded"), "{text}");
    text
}

fn triage_rule<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["rules"]
        .as_array_mut()
        .expect("rules")
        .iter_mut()
        .find(|r| r["id"] == id)
        .expect("the rule exists")
}

#[test]
fn the_known_floor_holds_on_the_shipped_rules() {
    let dir = rules_with("triage.json", |_| {});
    let (code, text) = rules_check(dir.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("ok      floor saddle_numbness_is_emergency: whenever saddle_numbness is yes, the urgency is at least `emergency`"), "{text}");
    assert!(text.contains("ok      floor pregnant_no_lying_flat: whenever limits includes pregnant, no stretch tagged `lying_on_back` or `lying_face_down` is shown"), "{text}");
}

#[test]
fn demoting_cauda_equina_breaks_the_floor() {
    let dir = rules_with("triage.json", |v| {
        triage_rule(v, "cauda_equina")["level"] = json!("appointment");
    });
    let text = refused(dir.path());
    assert!(
        text.contains("safety-floor.json:4:5: at urgency[0]: safety floor `saddle_numbness_is_emergency` broken: no triage rule at `emergency` or above fires for {"),
        "{text}"
    );
    assert!(text.contains("\"saddle_numbness\":true"), "{text}");
    assert!(text.contains("}, whatever the other answers"), "{text}");
}

#[test]
fn deleting_every_triage_rule_breaks_the_floor() {
    let dir = rules_with("triage.json", |v| v["rules"] = json!([]));
    let text = refused(dir.path());
    assert!(text.contains("safety floor `saddle_numbness_is_emergency` broken: no triage rule at `emergency` or above fires for {\"saddle_numbness\":true}, whatever the other answers"), "{text}");
}

#[test]
fn removing_a_pregnancy_leave_out_breaks_the_routine_floor() {
    let dir = rules_with("stretches.json", |v| {
        let twist = v["stretches"]
            .as_array_mut()
            .expect("stretches")
            .iter_mut()
            .find(|s| s["id"] == "supine_twist")
            .expect("supine_twist");
        twist["leave_out"]
            .as_array_mut()
            .expect("leave-outs")
            .retain(|l| !l["when"].to_string().contains("pregnant"));
    });
    let text = refused(dir.path());
    assert!(
        text.contains(
            "at routines[0]: safety floor `pregnant_no_lying_flat` broken: the routine `"
        ),
        "{text}"
    );
    assert!(
        text.contains("includes `supine_twist` (tagged `lying_on_back`) for {"),
        "{text}"
    );
    assert!(text.contains("\"limits\":[\"pregnant\"]"), "{text}");
}

#[test]
fn a_no_routine_floor_is_broken_by_a_routine() {
    let dir = rules_with("triage.json", |_| {});
    edit_rules(dir.path(), "safety-floor.json", |v| {
        v["routines"] = json!([{ "id": "knee_trouble_no_routine", "when": { "question": "limits", "contains": "knee_trouble" },
                                 "no_routine": true, "source": "s" }]);
    });
    let text = refused(dir.path());
    assert!(
        text.contains("safety floor `knee_trouble_no_routine` broken: the routine `"),
        "{text}"
    );
    assert!(text.contains("` is shown for {"), "{text}");
}

#[test]
fn a_floor_must_stand_alone() {
    let dir = rules_with("safety-floor.json", |v| {
        v["urgency"][0]["when"] = json!({ "all": [{ "question": "saddle_numbness", "is": true }, { "ref": "pregnant" }] });
    });
    let text = refused(dir.path());
    assert!(text.contains("safety-floor.json:13:20: at urgency[0].when.all[1].ref: a floor must stand alone: write the condition out in full instead of `ref` to `pregnant`"), "{text}");
}

#[test]
fn an_unknown_question_in_a_floor_gets_a_suggestion() {
    let dir = rules_with("safety-floor.json", |v| {
        v["urgency"][0]["when"]["question"] = json!("sadle_numbness");
    });
    let text = refused(dir.path());
    assert!(text.contains("at urgency[0].when.question: unknown question `sadle_numbness`; did you mean `saddle_numbness`?"), "{text}");
}

#[test]
fn the_floor_file_is_read_strictly() {
    let dir = rules_with("safety-floor.json", |v| {
        v["urgency"][0]["at_leats"] = v["urgency"][0]["at_least"].take();
        v["urgency"][0]
            .as_object_mut()
            .expect("floor")
            .remove("at_least");
    });
    let text = refused(dir.path());
    assert!(text.contains("unknown field `at_leats`"), "{text}");
    assert!(text.contains("did you mean `at_least`?"), "{text}");

    let dir = rules_with("safety-floor.json", |v| {
        v["routines"][0]["exclude"] = json!(["lying_on_bak"]);
    });
    let text = refused(dir.path());
    assert!(text.contains("unknown variant `lying_on_bak`"), "{text}");
    assert!(text.contains("did you mean `lying_on_back`?"), "{text}");
}

#[test]
fn a_routine_floor_names_exactly_one_limit() {
    let dir = rules_with("safety-floor.json", |v| {
        v["routines"][0]["no_routine"] = json!(true);
    });
    assert!(
        refused(dir.path())
            .contains("at routines[0]: a routine floor has `exclude` or `no_routine`, not both")
    );
    let dir = rules_with("safety-floor.json", |v| {
        v["routines"][0]
            .as_object_mut()
            .expect("floor")
            .remove("exclude");
    });
    assert!(
        refused(dir.path())
            .contains("a routine floor needs `exclude` (a list of tags) or `no_routine: true`")
    );
}

#[test]
fn a_floor_that_can_never_apply_protects_nothing() {
    let dir = rules_with("safety-floor.json", |v| {
        v["urgency"][0]["when"] = json!({ "all": [
            { "question": "saddle_numbness", "is": true },
            { "question": "saddle_numbness", "is": false }
        ] });
    });
    let text = refused(dir.path());
    assert!(
        text.contains("safety floor `saddle_numbness_is_emergency` protects nothing"),
        "{text}"
    );
}

#[test]
fn the_floor_file_is_required() {
    let dir = rules_copy();
    std::fs::remove_file(dir.path().join("safety-floor.json")).expect("remove");
    let text = refused_to_read(dir.path());
    assert!(text.contains("safety-floor.json"), "{text}");
}

fn refused_to_read(dir: &Path) -> String {
    let (code, text) = rules_check(dir);
    assert_eq!(code, Some(2), "{text}");
    text
}

#[test]
fn an_unknown_stretch_tag_is_a_located_fault() {
    let dir = rules_copy();
    edit_rules(dir.path(), "stretches.json", |v| {
        v["stretches"][0]["tags"] = json!(["standing", "lunj"]);
    });
    let text = refused(dir.path());
    assert!(
        text.contains("at stretches[0].tags[1]: unknown variant `lunj`"),
        "{text}"
    );
    assert!(text.contains("did you mean `lunge`?"), "{text}");
    edit_rules(dir.path(), "stretches.json", |v| {
        v["stretches"][0]
            .as_object_mut()
            .expect("stretch")
            .remove("tags");
    });
    assert!(refused(dir.path()).contains("missing field `tags`"));
}

#[test]
fn rules_check_prints_every_shipped_floor() {
    let text = std::fs::read_to_string(repo().join("rules/safety-floor.json")).expect("read");
    let floor: Value = serde_json::from_str(&text).expect("JSON");
    let out = backcare().args(["rules", "check"]).output().expect("runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{printed}");
    let ids: Vec<&str> = ["urgency", "routines"]
        .iter()
        .flat_map(|list| floor[list].as_array().into_iter().flatten())
        .map(|f| f["id"].as_str().expect("an id"))
        .collect();
    assert!(!ids.is_empty());
    for id in ids {
        assert!(
            printed.contains(&format!("  ok      floor {id}: whenever ")),
            "{id} missing from:\n{printed}"
        );
    }
}

#[test]
fn at_most_256_floors_in_a_list() {
    let dir = rules_with("safety-floor.json", |v| {
        let one = v["urgency"][0].clone();
        v["urgency"] = (0..257)
            .map(|i| {
                let mut f = one.clone();
                f["id"] = json!(format!("floor_{i}"));
                f
            })
            .collect();
    });
    let text = refused(dir.path());
    assert!(
        text.contains("at urgency: at most 256 floors in `urgency`"),
        "{text}"
    );
}
