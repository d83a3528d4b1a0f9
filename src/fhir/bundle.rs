//! A result as an R4 `Bundle` (type `collection`): the `QuestionnaireResponse`, a
//! `GuidanceResponse` for the triage and, when a routine is recommended, a `CarePlan`.

use super::types::{
    ActivityDetail, Annotation, Bundle, BundleEntry, CarePlan, CarePlanActivity, CodeableConcept,
    Coding, GuidanceResponse, Reference, Resource,
};
use super::{ROUTINE_SYSTEM, RULE_SYSTEM, STRETCH_SYSTEM, URGENCY_SYSTEM};
use crate::Urgency;
use crate::engine::{RoutineChoice, decide, resolve_steps};
use crate::model::{Answers, KnowledgeBase};
use std::fmt::Write as _;

/// Whether `answers` are those of a questionnaire that stopped at an emergency answer: the result
/// is an emergency and a question the flow would still ask is unanswered.
pub fn stopped_early(kb: &KnowledgeBase, answers: &Answers) -> bool {
    decide(kb, answers).urgency == Urgency::Emergency
        && (0..kb.questions.len()).any(|q| answers.get(q).is_none() && kb.is_asked(q, answers))
}

/// The result for `answers` as a `Bundle`. `stopped`: the questions ended early at an emergency
/// answer; the response is then `stopped`, and only the emergency rules are given as reasons (as
/// the report does).
pub fn result_bundle(kb: &KnowledgeBase, answers: &Answers, stopped: bool) -> Bundle {
    let decision = decide(kb, answers);
    let response = super::questionnaire_response(kb, answers, stopped);
    let seed = format!("{}{}", kb.origin.fingerprint, answers.to_json(kb));
    let response_url = uuid_urn(&seed, "QuestionnaireResponse");
    let guidance_url = uuid_urn(&seed, "GuidanceResponse");
    let plan_url = uuid_urn(&seed, "CarePlan");

    let level = kb.levels.get(decision.urgency);
    let mut fired: Vec<usize> = decision
        .fired
        .iter()
        .filter(|&i| !stopped || kb.triage[i].level == Urgency::Emergency)
        .collect();
    fired.sort_by(|&a, &b| {
        kb.triage[b]
            .level
            .cmp(&kb.triage[a].level)
            .then_with(|| kb.triage[a].id.cmp(&kb.triage[b].id))
    });
    let mut reason_code = vec![CodeableConcept {
        coding: vec![Coding {
            system: URGENCY_SYSTEM.to_owned(),
            code: decision.urgency.as_str().to_owned(),
            display: Some(urgency_display(decision.urgency).to_owned()),
        }],
        text: Some(level.headline.clone()),
    }];
    let mut note = vec![Annotation {
        text: format!("What to do: {}", level.action),
    }];
    for &i in &fired {
        let rule = &kb.triage[i];
        reason_code.push(CodeableConcept {
            coding: vec![Coding {
                system: RULE_SYSTEM.to_owned(),
                code: rule.id.clone(),
                display: None,
            }],
            text: Some(rule.reason.clone()),
        });
        note.push(Annotation {
            text: format!(
                "Rule {} ({}): {} What to do: {} Source: {}",
                rule.id,
                rule.level.as_str(),
                rule.reason,
                rule.action,
                rule.source
            ),
        });
    }

    let plan = match decision.routine {
        RoutineChoice::Chosen { routine, selection } => {
            Some(care_plan(kb, answers, routine, selection))
        }
        _ => None,
    };
    let guidance = GuidanceResponse {
        resource_type: "GuidanceResponse",
        module_uri: format!("{}/triage|{}", super::BASE, super::version(kb)),
        status: "success",
        reason_code,
        note,
        result: plan.as_ref().map(|_| Reference {
            reference: Some(plan_url.clone()),
            display: None,
        }),
    };
    let mut entry = vec![
        BundleEntry {
            full_url: response_url,
            resource: Resource::QuestionnaireResponse(response),
        },
        BundleEntry {
            full_url: guidance_url,
            resource: Resource::GuidanceResponse(guidance),
        },
    ];
    if let Some(plan) = plan {
        entry.push(BundleEntry {
            full_url: plan_url,
            resource: Resource::CarePlan(plan),
        });
    }
    Bundle {
        resource_type: "Bundle",
        kind: "collection",
        entry,
    }
}

fn care_plan(kb: &KnowledgeBase, answers: &Answers, routine: usize, selection: usize) -> CarePlan {
    let r = &kb.routines[routine];
    let (steps, left_out) = resolve_steps(kb, routine, answers);
    let activity = steps
        .iter()
        .map(|step| {
            let stretch = &kb.stretches[step.stretch];
            let mut description = step.dose.describe();
            if let Some((replaced, why)) = &step.replaces {
                let _ = write!(
                    description,
                    " (instead of {}: {why})",
                    kb.stretches[*replaced].name
                );
            }
            CarePlanActivity {
                detail: ActivityDetail {
                    code: CodeableConcept {
                        coding: vec![Coding {
                            system: STRETCH_SYSTEM.to_owned(),
                            code: stretch.id.clone(),
                            display: Some(stretch.name.clone()),
                        }],
                        text: Some(stretch.name.clone()),
                    },
                    status: "not-started",
                    scheduled_string: r.how_often.clone(),
                    description,
                },
            }
        })
        .collect();
    let note = left_out
        .iter()
        .map(|l| Annotation {
            text: match l.replaced_by {
                Some(alt) => format!(
                    "{} is replaced by {}: {}",
                    kb.stretches[l.stretch].name, kb.stretches[alt].name, l.because
                ),
                None => format!(
                    "{} is left out: {}",
                    kb.stretches[l.stretch].name, l.because
                ),
            },
        })
        .collect();
    CarePlan {
        resource_type: "CarePlan",
        status: "active",
        intent: "proposal",
        category: vec![CodeableConcept {
            coding: vec![Coding {
                system: ROUTINE_SYSTEM.to_owned(),
                code: r.id.clone(),
                display: Some(r.name.clone()),
            }],
            text: None,
        }],
        title: r.name.clone(),
        description: format!(
            "{} Chosen because {}",
            r.purpose, r.select[selection].because
        ),
        subject: Reference {
            reference: None,
            display: Some("The person who answered the questionnaire".to_owned()),
        },
        activity,
        note,
    }
}

/// The urgency level's name for people.
fn urgency_display(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Emergency => "Emergency",
        Urgency::Urgent => "Urgent",
        Urgency::Soon => "Soon",
        Urgency::Appointment => "Appointment",
        Urgency::SelfCare => "Self-care",
    }
}

/// A `urn:uuid:` made from `seed` and `role` (FNV-1a, 128 bits, version 8 "custom"): the same
/// answers and rules give the same bundle, byte for byte.
fn uuid_urn(seed: &str, role: &str) -> String {
    fn fnv(bytes: impl Iterator<Item = u8>, basis: u64) -> u64 {
        bytes.fold(basis, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }
    let text = || seed.bytes().chain(role.bytes());
    let high = fnv(text(), 0xcbf2_9ce4_8422_2325);
    let low = fnv(text(), 0x6c62_272e_07bb_0142);
    let high = (high & !0xf000) | 0x8000; // version 8
    let low = (low & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000; // RFC 4122 variant
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}
