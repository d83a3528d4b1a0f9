//! FHIR R4: the exported `Questionnaire`, answers as a `QuestionnaireResponse` (both ways) and
//! the result `Bundle`. Every exported resource is validated against the official R4 JSON Schema
//! (vendored in tests/fixtures/fhir), plus the checks a schema cannot make.

use super::support::{
    all_scenario_answers, backcare, edit_rules, repo, rules_copy, scenario_paths,
};
use backcare::engine::parse_answers;
use backcare::fhir;
use backcare::knowledge::KnowledgeBase;
use backcare::report;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::embedded().expect("the built-in rules load"))
}

fn to_value(resource: &impl serde::Serialize) -> Value {
    serde_json::to_value(resource).expect("a resource serialises")
}

/// A scenario's answers as a `QuestionnaireResponse` (JSON text), `stopped` when the answers stop
/// at an emergency.
fn response_text(plain: &str) -> String {
    let parsed = parse_answers(kb(), plain).expect("scenario answers are valid");
    let stopped = fhir::stopped_early(kb(), &parsed.answers);
    serde_json::to_string(&fhir::questionnaire_response(
        kb(),
        &parsed.answers,
        stopped,
    ))
    .expect("serialise")
}

/// The plain answers of the first self-care scenario, as a response to edit.
fn sample_response() -> Value {
    let plain = super::support::scenario_answers("01_self_care_everyday.json");
    serde_json::from_str(&response_text(&plain)).expect("JSON")
}

fn read_error(response: &Value) -> String {
    fhir::read_response(kb(), &response.to_string()).expect_err("the response is rejected")
}

/// The first item (depth first) with this `linkId`, mutably.
fn item_mut<'a>(value: &'a mut Value, link_id: &str) -> Option<&'a mut Value> {
    if value.get("linkId").and_then(Value::as_str) == Some(link_id) {
        return Some(value);
    }
    let items = value.get_mut("item")?.as_array_mut()?;
    items.iter_mut().find_map(|i| item_mut(i, link_id))
}

// ---------------------------------------------------------------------------------------------
// Round trip

#[test]
fn every_scenario_round_trips_through_a_response_to_the_same_result() {
    for plain in all_scenario_answers() {
        let parsed = parse_answers(kb(), &plain).expect("valid");
        let from_fhir = fhir::read_response(kb(), &response_text(&plain))
            .unwrap_or_else(|e| panic!("{plain}: the response does not read back: {e}"));
        assert_eq!(from_fhir.answers, parsed.answers, "{plain}");
        assert_eq!(
            report::build(kb(), &from_fhir.answers, &from_fhir.ignored),
            report::build(kb(), &parsed.answers, &parsed.ignored),
            "{plain}"
        );
    }
}

#[test]
fn check_gives_identical_json_from_plain_answers_and_from_its_own_fhir_response() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in scenario_paths() {
        let scenario: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        let plain_path = dir.path().join("plain.json");
        std::fs::write(&plain_path, scenario["answers"].to_string()).expect("write");
        let run = |args: &[&str]| {
            let out = backcare().args(args).output().expect("runs");
            assert!(out.status.success(), "{path:?} {args:?}: {out:?}");
            out.stdout
        };
        let plain = plain_path.to_str().expect("utf-8 path");
        let bundle: Value =
            serde_json::from_slice(&run(&["check", "--answers", plain, "--format", "fhir"]))
                .expect("a bundle");
        let response_path = dir.path().join("response.json");
        std::fs::write(&response_path, bundle["entry"][0]["resource"].to_string()).expect("write");
        let response = response_path.to_str().expect("utf-8 path");
        assert_eq!(
            String::from_utf8(run(&["check", "--answers", response, "--format", "json"])),
            String::from_utf8(run(&["check", "--answers", plain, "--format", "json"])),
            "{path:?}"
        );
    }
}

#[test]
fn batch_accepts_either_form_per_line() {
    let plain = super::support::scenario_answers("03_cauda_equina_saddle.json");
    let other = super::support::scenario_answers("01_self_care_everyday.json");
    let input = format!("{plain}\n{}\n{other}\n", response_text(&other));
    let out = backcare()
        .arg("batch")
        .write_stdin(input)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["urgency"], "emergency");
    assert_eq!(
        lines[1], lines[2],
        "a response and its plain answers give one result"
    );

    let mut bad = sample_response();
    item_mut(&mut bad, "fever").expect("fever")["answer"] = json!([{ "valueString": "no" }]);
    let out = backcare()
        .arg("batch")
        .write_stdin(format!("{bad}\n"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let line: Value = serde_json::from_slice(&out.stdout).expect("an error line");
    let error = line["error"].as_str().expect("error text");
    assert!(error.contains("linkId `fever`"), "{error}");
}

#[test]
fn an_emergency_stop_is_a_stopped_response_that_replays_as_an_emergency() {
    let parsed = parse_answers(kb(), r#"{"age": 50, "saddle_numbness": true}"#).expect("valid");
    assert!(fhir::stopped_early(kb(), &parsed.answers));
    let bundle = to_value(&fhir::result_bundle(kb(), &parsed.answers, true));
    let response = &bundle["entry"][0]["resource"];
    assert_eq!(response["status"], "stopped");
    let guidance = &bundle["entry"][1]["resource"];
    assert_eq!(guidance["reasonCode"][0]["coding"][0]["code"], "emergency");
    assert_eq!(
        bundle["entry"].as_array().expect("entries").len(),
        2,
        "no CarePlan"
    );
    let back = fhir::read_response(kb(), &response.to_string()).expect("replays");
    assert_eq!(back.answers, parsed.answers);
}

#[test]
fn the_bundle_holds_the_triage_and_the_routine() {
    let plain = super::support::scenario_answers("01_self_care_everyday.json");
    let parsed = parse_answers(kb(), &plain).expect("valid");
    let report = report::build(kb(), &parsed.answers, &[]);
    let bundle = to_value(&fhir::result_bundle(kb(), &parsed.answers, false));
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().expect("entries");
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().expect("type"))
        .collect();
    assert_eq!(
        kinds,
        ["QuestionnaireResponse", "GuidanceResponse", "CarePlan"]
    );
    assert_eq!(entries[0]["resource"]["status"], "completed");
    let guidance = &entries[1]["resource"];
    assert_eq!(guidance["result"]["reference"], entries[2]["fullUrl"]);
    assert!(
        guidance["note"][0]["text"]
            .as_str()
            .expect("note")
            .contains(&report.action)
    );
    let care_plan = &entries[2]["resource"];
    let routine = report.routine.expect("a routine");
    let activities = care_plan["activity"].as_array().expect("activities");
    assert_eq!(activities.len(), routine.steps.len());
    for (activity, step) in activities.iter().zip(&routine.steps) {
        assert_eq!(
            activity["detail"]["code"]["coding"][0]["code"],
            step.stretch
        );
        assert!(
            activity["detail"]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
        );
        assert!(
            activity["detail"]["scheduledString"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
        );
    }
    // The same answers give the same bundle, byte for byte.
    assert_eq!(
        bundle,
        to_value(&fhir::result_bundle(kb(), &parsed.answers, false))
    );
}

#[test]
fn fired_rules_carry_their_guideline_source() {
    let plain = super::support::scenario_answers("08_major_trauma.json");
    let parsed = parse_answers(kb(), &plain).expect("valid");
    let report = report::build(kb(), &parsed.answers, &[]);
    let bundle = to_value(&fhir::result_bundle(kb(), &parsed.answers, false));
    let guidance = &bundle["entry"][1]["resource"];
    let notes: Vec<&str> = guidance["note"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n["text"].as_str().expect("text"))
        .collect();
    assert!(!report.reasons.is_empty());
    for reason in &report.reasons {
        assert!(
            notes
                .iter()
                .any(|n| n.contains(&reason.rule) && n.contains(&reason.source)),
            "{} not in {notes:?}",
            reason.rule
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Located errors

#[test]
fn an_unknown_link_id_is_named_with_the_closest_one() {
    let mut response = sample_response();
    item_mut(&mut response, "fever").expect("fever")["linkId"] = json!("fevr");
    let error = read_error(&response);
    assert!(error.contains("item[1].item["), "{error}");
    assert!(error.contains("(linkId `fevr`)"), "{error}");
    assert!(error.contains("did you mean `fever`?"), "{error}");
}

#[test]
fn an_answer_of_the_wrong_type_names_the_link_id_and_the_type() {
    let mut response = sample_response();
    item_mut(&mut response, "fever").expect("fever")["answer"] = json!([{ "valueString": "no" }]);
    let error = read_error(&response);
    assert!(error.contains("(linkId `fever`)"), "{error}");
    assert!(
        error.contains("takes `valueBoolean`, got `valueString`"),
        "{error}"
    );

    let mut response = sample_response();
    item_mut(&mut response, "age").expect("age")["answer"] = json!([{ "valueInteger": 300 }]);
    let error = read_error(&response);
    assert!(
        error.starts_with("item[0].item[0] (linkId `age`): "),
        "{error}"
    );
    assert!(
        error.contains("expected a whole number from 1 to 110, got 300"),
        "{error}"
    );

    let mut response = sample_response();
    item_mut(&mut response, "duration").expect("duration")["answer"][0]["valueCoding"]["code"] =
        json!("under_6_week");
    let error = read_error(&response);
    assert!(error.contains("did you mean `under_6_weeks`?"), "{error}");

    let mut response = sample_response();
    item_mut(&mut response, "fever").expect("fever")["answer"] =
        json!([{ "valueBoolean": true }, { "valueBoolean": false }]);
    let error = read_error(&response);
    assert!(error.contains("has 2 answers"), "{error}");
}

#[test]
fn an_answer_to_an_item_that_is_not_enabled_is_refused() {
    let mut response = sample_response();
    // morning_stiffness_time is asked only after a yes to morning_stiffness.
    item_mut(&mut response, "morning_stiffness").expect("asked")["answer"] =
        json!([{ "valueBoolean": false }]);
    let pattern = item_mut(&mut response, "section-pattern").expect("pattern group");
    pattern["item"].as_array_mut().expect("items").push(json!({
        "linkId": "morning_stiffness_time",
        "answer": [{ "valueCoding": {
            "system": fhir::CHOICE_SYSTEM, "code": "over_30_minutes" } }]
    }));
    let error = read_error(&response);
    assert!(
        error.contains("(linkId `morning_stiffness_time`)"),
        "{error}"
    );
    assert!(error.contains("not enabled"), "{error}");
}

#[test]
fn other_faults_are_named() {
    let mut response = sample_response();
    let pain = item_mut(&mut response, "section-pain").expect("group");
    let age = pain["item"][0].clone();
    pain["item"].as_array_mut().expect("items").push(age);
    assert!(read_error(&response).contains("answered twice"));

    let mut response = sample_response();
    item_mut(&mut response, "limits").expect("limits")["answer"] = json!([
        { "valueCoding": { "system": fhir::CHOICE_SYSTEM, "code": fhir::NONE_OF_THESE } },
        { "valueCoding": { "system": fhir::CHOICE_SYSTEM, "code": "pregnant" } }
    ]);
    assert!(read_error(&response).contains("cannot be ticked together"));

    let mut response = sample_response();
    response["resourceType"] = json!("Patient");
    assert!(read_error(&response).contains("is a FHIR Patient"));

    let mut response = sample_response();
    response["questionnaire"] = json!("http://example.org/other");
    assert!(read_error(&response).contains("`questionnaire`"));

    let mut response = sample_response();
    let safety = item_mut(&mut response, "section-safety").expect("group");
    safety["item"]
        .as_array_mut()
        .expect("items")
        .retain(|i| i["linkId"] != "fever");
    let error = read_error(&response);
    assert!(error.contains("no answer to `fever`"), "{error}");
}

#[test]
fn check_names_the_file_and_the_link_id() {
    let mut response = sample_response();
    item_mut(&mut response, "fever").expect("fever")["linkId"] = json!("fevr");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("resp.json");
    std::fs::write(&path, response.to_string()).expect("write");
    let out = backcare()
        .args(["check", "--answers"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stderr.contains("resp.json: item[1]."), "{stderr}");
    assert!(stderr.contains("did you mean `fever`?"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// The questionnaire, and the checks the schema cannot make

/// Every item of a questionnaire, depth first, in document order.
fn flatten(items: &Value, out: &mut Vec<Value>) {
    for item in items.as_array().into_iter().flatten() {
        out.push(item.clone());
        flatten(&item["item"], out);
    }
}

/// What the schema cannot check about a questionnaire: unique `linkId`s; every `enableWhen`
/// names an earlier question and compares with an answer of that question's type (a coding among
/// its options); choice items have options, integer items their range.
fn questionnaire_faults(questionnaire: &Value) -> Vec<String> {
    let mut items = Vec::new();
    flatten(&questionnaire["item"], &mut items);
    let mut faults = Vec::new();
    let mut seen: HashMap<String, Value> = HashMap::new();
    for item in &items {
        let link = item["linkId"].as_str().unwrap_or_default().to_owned();
        for when in item["enableWhen"].as_array().into_iter().flatten() {
            let target = when["question"].as_str().unwrap_or_default();
            let Some(earlier) = seen.get(target) else {
                faults.push(format!(
                    "{link}: enableWhen on `{target}`, not an earlier item"
                ));
                continue;
            };
            let operator = when["operator"].as_str().unwrap_or_default();
            let key = if operator == "exists" {
                "answerBoolean"
            } else {
                match earlier["type"].as_str() {
                    Some("boolean") => "answerBoolean",
                    Some("choice") => "answerCoding",
                    Some("integer") => "answerInteger",
                    other => {
                        faults.push(format!("{link}: enableWhen on a {other:?} item"));
                        continue;
                    }
                }
            };
            if when.get(key).is_none() {
                faults.push(format!("{link}: enableWhen on `{target}` needs {key}"));
            }
            if key == "answerCoding" {
                let options = earlier["answerOption"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                if !options.iter().any(|o| o["valueCoding"] == when[key]) {
                    faults.push(format!(
                        "{link}: enableWhen coding is not an option of {target}"
                    ));
                }
            }
        }
        match item["type"].as_str() {
            Some("choice") if item["answerOption"].as_array().is_none_or(Vec::is_empty) => {
                faults.push(format!("{link}: a choice item without options"));
            }
            Some("integer") if item["extension"].as_array().is_none_or(|e| e.len() < 2) => {
                faults.push(format!("{link}: an integer item without minValue/maxValue"));
            }
            _ => {}
        }
        if seen.insert(link.clone(), item.clone()).is_some() {
            faults.push(format!("{link}: linkId used twice"));
        }
    }
    faults
}

/// What the schema cannot check about a response to `questionnaire`: every `linkId` exists; each
/// answer's type matches its item (a coding among its options); only repeating items have several
/// answers; every answered item is enabled by its `enableWhen`.
fn response_faults(questionnaire: &Value, response: &Value) -> Vec<String> {
    let mut items = Vec::new();
    flatten(&questionnaire["item"], &mut items);
    let by_link: HashMap<&str, &Value> = items
        .iter()
        .map(|i| (i["linkId"].as_str().unwrap_or_default(), i))
        .collect();
    let mut answered = Vec::new();
    flatten(&response["item"], &mut answered);
    let answers_of: HashMap<&str, &Value> = answered
        .iter()
        .map(|i| (i["linkId"].as_str().unwrap_or_default(), &i["answer"]))
        .collect();
    let mut faults = Vec::new();
    for item in &answered {
        let link = item["linkId"].as_str().unwrap_or_default();
        let Some(definition) = by_link.get(link) else {
            faults.push(format!("{link}: no such item in the questionnaire"));
            continue;
        };
        let answers = item["answer"].as_array().cloned().unwrap_or_default();
        if answers.len() > 1 && definition["repeats"] != true {
            faults.push(format!(
                "{link}: several answers to an item that does not repeat"
            ));
        }
        let key = match definition["type"].as_str() {
            Some("boolean") => "valueBoolean",
            Some("choice") => "valueCoding",
            Some("integer") => "valueInteger",
            _ => "",
        };
        for answer in &answers {
            if answer.get(key).is_none() {
                faults.push(format!("{link}: answer {answer} is not a {key}"));
            }
            if key == "valueCoding" {
                let options = definition["answerOption"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                if !options
                    .iter()
                    .any(|o| o["valueCoding"]["code"] == answer[key]["code"])
                {
                    faults.push(format!("{link}: {answer} is not an option"));
                }
            }
        }
        if !answers.is_empty() && !enabled(definition, &answers_of) {
            faults.push(format!("{link}: answered but not enabled"));
        }
    }
    faults
}

/// FHIR's `enableWhen` on a response, for the operators backcare writes.
fn enabled(item: &Value, answers_of: &HashMap<&str, &Value>) -> bool {
    let Some(conditions) = item["enableWhen"].as_array() else {
        return true;
    };
    let holds = |when: &Value| {
        let answers = answers_of
            .get(when["question"].as_str().unwrap_or_default())
            .and_then(|a| a.as_array())
            .cloned()
            .unwrap_or_default();
        let operator = when["operator"].as_str().unwrap_or_default();
        if operator == "exists" {
            return answers.is_empty() != (when["answerBoolean"] == true);
        }
        answers.iter().any(|a| {
            let (given, wanted) = if let Some(c) = when.get("answerCoding") {
                return operator == "=" && a["valueCoding"]["code"] == c["code"];
            } else if let Some(b) = when.get("answerBoolean") {
                return operator == "=" && a["valueBoolean"] == *b;
            } else {
                (a["valueInteger"].as_i64(), when["answerInteger"].as_i64())
            };
            match (given, wanted, operator) {
                (Some(g), Some(w), ">=") => g >= w,
                (Some(g), Some(w), "<=") => g <= w,
                (Some(g), Some(w), "=") => g == w,
                _ => false,
            }
        })
    };
    if item["enableBehavior"] == "any" {
        conditions.iter().any(holds)
    } else {
        conditions.iter().all(holds)
    }
}

#[test]
fn the_questionnaire_has_what_a_client_needs() {
    let q = to_value(&fhir::questionnaire(kb()));
    assert_eq!(q["url"], fhir::QUESTIONNAIRE_URL);
    assert_eq!(q["version"], kb().origin.fingerprint.as_str());
    assert_eq!(questionnaire_faults(&q), Vec::<String>::new());
    let mut items = Vec::new();
    flatten(&q["item"], &mut items);
    let find = |id: &str| {
        items
            .iter()
            .find(|i| i["linkId"] == id)
            .unwrap_or_else(|| panic!("{id} is exported"))
    };
    // One item per question, each required when a triage rule reads it or it is a warning sign.
    let warning = kb().warning_sign_questions();
    for (i, question) in kb().questions.iter().enumerate() {
        let item = find(&question.id);
        let required = warning[i] || kb().triage_questions()[i];
        assert_eq!(item["required"] == true, required, "{}", question.id);
        if !question.help.is_empty() {
            let help = &item["item"][0];
            assert_eq!(help["type"], "display");
            assert_eq!(help["text"], question.help.as_str());
            assert_eq!(
                help["extension"][0]["valueCodeableConcept"]["coding"][0]["code"],
                "help"
            );
        }
    }
    assert_eq!(find("pain_score")["code"][0]["code"], "72514-3");
    assert_eq!(find("pain_score")["code"][0]["system"], "http://loinc.org");
    assert_eq!(find("infection_risk")["repeats"], true);
    let groups: Vec<&str> = q["item"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["type"].as_str().expect("type"))
        .collect();
    assert!(groups.iter().all(|t| *t == "group"), "{groups:?}");
    assert_eq!(
        find("morning_stiffness_time")["enableWhen"],
        json!([{ "question": "morning_stiffness", "operator": "=", "answerBoolean": true }])
    );
}

#[test]
fn every_scenario_response_fits_the_questionnaire() {
    let q = to_value(&fhir::questionnaire(kb()));
    for plain in all_scenario_answers() {
        let response: Value = serde_json::from_str(&response_text(&plain)).expect("JSON");
        assert_eq!(
            response_faults(&q, &response),
            Vec::<String>::new(),
            "{plain}"
        );
    }
}

#[test]
fn the_structural_checks_catch_what_they_are_for() {
    let mut q = to_value(&fhir::questionnaire(kb()));
    let item = item_mut(&mut q, "morning_stiffness_time").expect("item");
    item["enableWhen"][0]["question"] = json!("fear_of_moving"); // a later question
    item["enableWhen"][0]["answerInteger"] = json!(3);
    let faults = questionnaire_faults(&q);
    assert_eq!(faults.len(), 1, "{faults:?}");
    let mut q = to_value(&fhir::questionnaire(kb()));
    item_mut(&mut q, "morning_stiffness_time").expect("item")["enableWhen"][0] =
        json!({ "question": "morning_stiffness", "operator": "=", "answerInteger": 1 });
    assert!(questionnaire_faults(&q)[0].contains("needs answerBoolean"));

    let q = to_value(&fhir::questionnaire(kb()));
    let mut response = sample_response();
    item_mut(&mut response, "fever").expect("fever")["answer"] = json!([{ "valueInteger": 1 }]);
    item_mut(&mut response, "age").expect("age")["linkId"] = json!("years");
    let pattern = item_mut(&mut response, "section-pattern").expect("group");
    pattern["item"].as_array_mut().expect("items").push(json!({
        "linkId": "morning_stiffness_time",
        "answer": [{ "valueCoding": { "system": fhir::CHOICE_SYSTEM, "code": "over_30_minutes" } }]
    }));
    let faults = response_faults(&q, &response);
    assert_eq!(faults.len(), 3, "{faults:?}");
}

#[test]
fn a_condition_enable_when_cannot_say_becomes_an_expression() {
    let dir = rules_copy();
    edit_rules(dir.path(), "questions.json", |v| {
        let questions = v["questions"].as_array_mut().expect("questions");
        let q = questions
            .iter_mut()
            .find(|q| q["id"] == "onset_age")
            .expect("onset_age");
        q["ask_when"] = json!({ "not": { "question": "duration", "is": "under_6_weeks" } });
    });
    let files = backcare::knowledge::RuleFiles::from_dir(dir.path()).expect("readable");
    let kb = KnowledgeBase::from_files(&files).expect("the edited rules load");
    let q = to_value(&fhir::questionnaire(&kb));
    let item = item_mut(&mut q.clone(), "onset_age").expect("item").clone();
    assert!(item.get("enableWhen").is_none(), "{item}");
    let expression = item["extension"]
        .as_array()
        .expect("extensions")
        .iter()
        .find(|e| {
            e["url"]
                == "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
        })
        .expect("an enableWhenExpression");
    assert_eq!(expression["valueExpression"]["language"], "text/fhirpath");
    assert_eq!(
        expression["valueExpression"]["expression"],
        "(iif(%resource.repeat(item).where(linkId = 'duration').answer.exists(), \
         %resource.repeat(item).where(linkId = 'duration').answer.value.code = 'under_6_weeks', \
         {})).not()"
    );
    assert_eq!(questionnaire_faults(&q), Vec::<String>::new());
}

#[test]
fn questions_format_fhir_prints_the_questionnaire() {
    let out = backcare()
        .args(["questions", "--format", "fhir"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let printed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(printed, to_value(&fhir::questionnaire(kb())));
}

#[test]
fn the_pattern_section_of_the_questionnaire() {
    let q = to_value(&fhir::questionnaire(kb()));
    let pattern = q["item"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["linkId"] == "section-pattern")
        .expect("the pattern section")
        .clone();
    insta::assert_json_snapshot!("fhir_questionnaire_pattern_section", pattern);
}

// ---------------------------------------------------------------------------------------------
// The official FHIR R4 JSON Schema

/// The vendored `fhir.schema.json` (R4, from HL7; see tests/fixtures/fhir/README.md).
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let file = std::fs::File::open(repo().join("tests/fixtures/fhir/fhir.schema.json.gz"))
            .expect("the vendored schema");
        let mut text = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut text)
            .expect("gunzip");
        serde_json::from_str(&text).expect("the schema is JSON")
    })
}

/// A validator for one resource type: the official schema with its root pointing at that
/// resource's definition.
fn validator(resource_type: &str) -> jsonschema::Validator {
    let mut root = schema().clone();
    let object = root.as_object_mut().expect("an object");
    object.remove("oneOf");
    object.remove("discriminator");
    object.insert(
        "$ref".to_owned(),
        json!(format!("#/definitions/{resource_type}")),
    );
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft6)
        .build(&root)
        .expect("the schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, resource: &Value) -> Vec<String> {
    validator
        .iter_errors(resource)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn exported_resources_validate_against_the_official_r4_schema() {
    let questionnaire = validator("Questionnaire");
    let q = to_value(&fhir::questionnaire(kb()));
    assert_eq!(schema_errors(&questionnaire, &q), Vec::<String>::new());

    let response = validator("QuestionnaireResponse");
    let bundle = validator("Bundle");
    let guidance = validator("GuidanceResponse");
    let plan = validator("CarePlan");
    let mut seen_plan = false;
    for plain in all_scenario_answers() {
        let parsed = parse_answers(kb(), &plain).expect("valid");
        let stopped = fhir::stopped_early(kb(), &parsed.answers);
        let b = to_value(&fhir::result_bundle(kb(), &parsed.answers, stopped));
        assert_eq!(schema_errors(&bundle, &b), Vec::<String>::new(), "{plain}");
        for entry in b["entry"].as_array().expect("entries") {
            let resource = &entry["resource"];
            let v = match resource["resourceType"].as_str() {
                Some("QuestionnaireResponse") => &response,
                Some("GuidanceResponse") => &guidance,
                Some("CarePlan") => {
                    seen_plan = true;
                    &plan
                }
                other => panic!("unexpected {other:?}"),
            };
            assert_eq!(schema_errors(v, resource), Vec::<String>::new(), "{plain}");
        }
    }
    assert!(seen_plan, "some scenario has a routine");
}

#[test]
fn the_schema_check_is_live() {
    let questionnaire = validator("Questionnaire");
    let mut q = to_value(&fhir::questionnaire(kb()));
    q["status"] = json!("finished");
    q["item"][0]["type"] = json!("yes-no");
    q["item"][0]["required"] = json!("yes");
    let errors = schema_errors(&questionnaire, &q);
    for path in ["/status", "/item/0/type", "/item/0/required"] {
        assert!(
            errors.iter().any(|e| e.ends_with(path)),
            "{path} not in {errors:?}"
        );
    }
}
