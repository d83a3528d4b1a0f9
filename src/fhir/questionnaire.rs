//! The questionnaire as an R4 `Questionnaire`: one group per section, one item per question.

use super::types::{
    AnswerOption, CodeableConcept, Coding, EnableAnswer, EnableWhen, Expression, Extension,
    Questionnaire, QuestionnaireItem,
};
use super::{CHOICE_SYSTEM, LOINC, NONE_OF_THESE, QUESTIONNAIRE_URL};
use crate::model::{Cond, KnowledgeBase, Leaf, Question, QuestionKind, Section, Test};

const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";
const OPTION_EXCLUSIVE: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";
const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

/// Questions with a standard code: the pain score is LOINC 72514-3 (0-10 numeric rating).
const STANDARD_CODES: &[(&str, &str, &str)] = &[(
    "pain_score",
    "72514-3",
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
)];

/// The questionnaire for `kb`: sections as `group` items, in questionnaire order.
pub fn questionnaire(kb: &KnowledgeBase) -> Questionnaire {
    let required = required_questions(kb);
    let mut groups: Vec<QuestionnaireItem> = Vec::new();
    let mut current: Option<Section> = None;
    for (i, q) in kb.questions.iter().enumerate() {
        if current != Some(q.section) {
            current = Some(q.section);
            let mut group = QuestionnaireItem::new(&super::section_link_id(q.section), "group");
            group.text = Some(section_title(q.section).to_owned());
            groups.push(group);
        }
        if let Some(group) = groups.last_mut() {
            group.item.push(question_item(kb, q, required[i]));
        }
    }
    Questionnaire {
        resource_type: "Questionnaire",
        id: "backcare".to_owned(),
        url: QUESTIONNAIRE_URL.to_owned(),
        version: super::version(kb),
        name: "BackcareQuestionnaire".to_owned(),
        title: "backcare: back pain questions".to_owned(),
        status: "active",
        description: "Questions about back pain: where and how much it hurts, warning signs that \
                      need a professional soon, and the pattern that picks a stretch routine."
            .to_owned(),
        item: groups,
    }
}

/// Per question: a warning sign, or read by a triage rule.
fn required_questions(kb: &KnowledgeBase) -> Vec<bool> {
    kb.warning_sign_questions()
        .into_iter()
        .zip(kb.triage_questions())
        .map(|(warning, read)| warning || *read)
        .collect()
}

fn section_title(section: Section) -> &'static str {
    match section {
        Section::Pain => "About the pain",
        Section::Safety => "Warning signs",
        Section::Pattern => "What makes it better or worse",
        Section::Limits => "What you cannot do",
    }
}

fn choice_coding(question: &Question, choice: usize) -> Coding {
    let c = &question.kind.choices()[choice];
    Coding {
        system: CHOICE_SYSTEM.to_owned(),
        code: c.id.clone(),
        display: Some(c.label.clone()),
    }
}

fn integer_extension(url: &str, value: i64) -> Extension {
    let mut e = Extension::new(url);
    e.value_integer = Some(value);
    e
}

fn question_item(kb: &KnowledgeBase, q: &Question, required: bool) -> QuestionnaireItem {
    let kind = match q.kind {
        QuestionKind::YesNo => "boolean",
        QuestionKind::Single(_) | QuestionKind::Multiple(_) => "choice",
        QuestionKind::Number { .. } => "integer",
    };
    let mut item = QuestionnaireItem::new(&q.id, kind);
    item.text = Some(q.text.clone());
    item.required = required;
    if let Some((_, code, display)) = STANDARD_CODES.iter().find(|(id, _, _)| *id == q.id) {
        item.code.push(Coding {
            system: LOINC.to_owned(),
            code: (*code).to_owned(),
            display: Some((*display).to_owned()),
        });
    }
    match &q.kind {
        QuestionKind::YesNo => {}
        QuestionKind::Single(choices) => {
            item.extension
                .push(item_control("radio-button", "Radio Button"));
            item.answer_option = (0..choices.len())
                .map(|c| AnswerOption {
                    extension: Vec::new(),
                    value_coding: choice_coding(q, c),
                })
                .collect();
        }
        QuestionKind::Multiple(choices) => {
            item.repeats = true;
            item.extension.push(item_control("check-box", "Check-box"));
            item.answer_option = (0..choices.len())
                .map(|c| AnswerOption {
                    extension: Vec::new(),
                    value_coding: choice_coding(q, c),
                })
                .collect();
            let mut exclusive = Extension::new(OPTION_EXCLUSIVE);
            exclusive.value_boolean = Some(true);
            item.answer_option.push(AnswerOption {
                extension: vec![exclusive],
                value_coding: Coding {
                    system: CHOICE_SYSTEM.to_owned(),
                    code: NONE_OF_THESE.to_owned(),
                    display: Some("None of these".to_owned()),
                },
            });
        }
        QuestionKind::Number { min, max, .. } => {
            item.extension.push(integer_extension(MIN_VALUE, *min));
            item.extension.push(integer_extension(MAX_VALUE, *max));
        }
    }
    if let Some(when) = &q.ask_when {
        if let Some((conditions, behavior)) = enable_when(kb, when) {
            item.enable_when = conditions;
            item.enable_behavior = behavior;
        } else {
            let mut e = Extension::new(ENABLE_WHEN_EXPRESSION);
            e.value_expression = Some(Expression {
                language: "text/fhirpath".to_owned(),
                expression: enable_when_expression(kb, when),
            });
            item.extension.push(e);
        }
    }
    if !q.help.is_empty() {
        let mut help = QuestionnaireItem::new(&super::help_link_id(&q.id), "display");
        help.text = Some(q.help.clone());
        help.extension.push(item_control("help", "Help-Button"));
        item.item.push(help);
    }
    item
}

/// The SDC item-control extension: how a client shows the item (`help`, `radio-button`,
/// `check-box`).
fn item_control(code: &str, display: &str) -> Extension {
    let mut control = Extension::new(ITEM_CONTROL);
    control.value_codeable_concept = Some(CodeableConcept {
        coding: vec![Coding {
            system: ITEM_CONTROL_SYSTEM.to_owned(),
            code: code.to_owned(),
            display: Some(display.to_owned()),
        }],
        text: Some(display.to_owned()),
    });
    control
}

/// `enableWhen` entries and `enableBehavior` meaning exactly `cond`, when they can: a leaf, or
/// an `all` or `any` of leaves (named conditions followed). `None` when they cannot (a `not`, a
/// mix of `all` and `any`): the item then gets an `enableWhenExpression`.
///
/// FHIR's `enableWhen` on an unanswered question is false, and an item is enabled only when its
/// conditions are definitely true in backcare's three-valued logic, so the two agree.
fn enable_when(kb: &KnowledgeBase, cond: &Cond) -> Option<(Vec<EnableWhen>, Option<&'static str>)> {
    match cond {
        Cond::Named(i) => enable_when(kb, &kb.named[*i].when),
        Cond::Leaf(leaf) => {
            let (list, behavior) = leaf_enable_when(kb, leaf);
            Some((list, behavior))
        }
        Cond::All(parts) | Cond::Any(parts) if !parts.is_empty() => {
            let want = if matches!(cond, Cond::All(_)) {
                "all"
            } else {
                "any"
            };
            let mut list = Vec::new();
            for part in parts {
                let (mut more, behavior) = enable_when(kb, part)?;
                if more.len() > 1 && behavior != Some(want) {
                    return None;
                }
                list.append(&mut more);
            }
            let behavior = (list.len() > 1).then_some(want);
            Some((list, behavior))
        }
        _ => None,
    }
}

fn leaf_enable_when(kb: &KnowledgeBase, leaf: &Leaf) -> (Vec<EnableWhen>, Option<&'static str>) {
    let q = &kb.questions[leaf.question];
    let one = |operator: &'static str, answer: EnableAnswer| EnableWhen {
        question: q.id.clone(),
        operator,
        answer,
    };
    match leaf.test {
        Test::IsBool(b) => (vec![one("=", EnableAnswer::Boolean(b))], None),
        Test::IsChoice(c) | Test::Contains(c) => (
            vec![one(
                "=",
                EnableAnswer::Coding(choice_coding(q, usize::from(c))),
            )],
            None,
        ),
        Test::OneOf(mask) => {
            let list: Vec<EnableWhen> = (0..q.kind.choices().len())
                .filter(|c| mask & (1u64 << c) != 0)
                .map(|c| one("=", EnableAnswer::Coding(choice_coding(q, c))))
                .collect();
            let behavior = (list.len() > 1).then_some("any");
            (list, behavior)
        }
        Test::AtLeast(n) => (vec![one(">=", EnableAnswer::Integer(n))], None),
        Test::AtMost(n) => (vec![one("<=", EnableAnswer::Integer(n))], None),
        Test::Between(lo, hi) => (
            vec![
                one(">=", EnableAnswer::Integer(lo)),
                one("<=", EnableAnswer::Integer(hi)),
            ],
            Some("all"),
        ),
        Test::Answered(b) => (vec![one("exists", EnableAnswer::Boolean(b))], None),
    }
}

/// `cond` as a `FHIRPath` expression over the response being filled in (`%resource`), for the SDC
/// `enableWhenExpression`. `FHIRPath`'s `and`, `or` and `not()` treat an empty result as unknown,
/// as backcare's three-valued logic does, and a test on an unanswered question is empty, so the
/// expression is true exactly when the condition is.
pub fn enable_when_expression(kb: &KnowledgeBase, cond: &Cond) -> String {
    match cond {
        Cond::All(parts) if parts.is_empty() => "true".to_owned(),
        Cond::Any(parts) if parts.is_empty() => "false".to_owned(),
        Cond::All(parts) | Cond::Any(parts) => {
            let joiner = if matches!(cond, Cond::All(_)) {
                " and "
            } else {
                " or "
            };
            let parts: Vec<String> = parts
                .iter()
                .map(|p| enable_when_expression(kb, p))
                .collect();
            format!("({})", parts.join(joiner))
        }
        Cond::Not(inner) => format!("({}).not()", enable_when_expression(kb, inner)),
        Cond::Named(i) => enable_when_expression(kb, &kb.named[*i].when),
        Cond::Leaf(leaf) => leaf_expression(kb, leaf),
    }
}

fn leaf_expression(kb: &KnowledgeBase, leaf: &Leaf) -> String {
    let q = &kb.questions[leaf.question];
    let answers = format!("%resource.repeat(item).where(linkId = '{}').answer", q.id);
    let code = |c: u8| {
        q.kind
            .choices()
            .get(usize::from(c))
            .map_or(String::new(), |choice| choice.id.clone())
    };
    let test = match leaf.test {
        Test::Answered(true) => return format!("{answers}.exists()"),
        Test::Answered(false) => return format!("{answers}.empty()"),
        Test::IsBool(b) => format!("{answers}.value = {b}"),
        Test::IsChoice(c) => format!("{answers}.value.code = '{}'", code(c)),
        Test::Contains(c) => format!("{answers}.value.code contains '{}'", code(c)),
        Test::OneOf(mask) => {
            let codes: Vec<String> = (0..q.kind.choices().len())
                .filter(|c| mask & (1u64 << c) != 0)
                .map(|c| format!("'{}'", q.kind.choices()[c].id))
                .collect();
            format!("{answers}.value.code in ({})", codes.join(" | "))
        }
        Test::AtLeast(n) => format!("{answers}.value >= {n}"),
        Test::AtMost(n) => format!("{answers}.value <= {n}"),
        Test::Between(lo, hi) => {
            format!("({answers}.value >= {lo} and {answers}.value <= {hi})")
        }
    };
    // Unanswered: empty (unknown), whatever the test would say of an empty collection.
    format!("iif({answers}.exists(), {test}, {{}})")
}
