//! Every sentence a person reads is plain: grade 9 or below (Flesch-Kincaid) and 25 words or
//! fewer (issue #12 item 6). The measure lives in `knowledge::readability`.

use backcare::knowledge::KnowledgeBase;
use backcare::knowledge::readability::{MAX_GRADE, MAX_WORDS, person_sentences};

#[test]
fn every_sentence_a_person_reads_is_plain() {
    let kb = KnowledgeBase::embedded().expect("the shipped rules load");
    let sentences = person_sentences(&kb);
    assert!(sentences.len() > 100, "the walk found the texts");
    let hard: Vec<String> = sentences
        .iter()
        .filter(|s| s.too_hard())
        .map(|s| {
            format!(
                "  {} (grade {:.1}, {} words): {}",
                s.place, s.grade, s.words, s.text
            )
        })
        .collect();
    assert!(
        hard.is_empty(),
        "{} sentences above grade {MAX_GRADE} or {MAX_WORDS} words:\n{}",
        hard.len(),
        hard.join("\n")
    );
}

#[test]
fn the_walk_covers_every_kind_of_text() {
    let kb = KnowledgeBase::embedded().expect("the shipped rules load");
    let places: Vec<String> = person_sentences(&kb).into_iter().map(|s| s.place).collect();
    for kind in [
        "question `",
        "` text",
        "` help",
        "triage rule `",
        "` reason",
        "` action",
        "level `",
        "` headline",
        "tip `",
        "safety-net line `",
        "the disclaimer",
        "stretch `",
        "` position",
        "` targets",
        "` step ",
        "leave-out",
        "routine `",
        "` purpose",
        "` how_often",
        "` selection ",
        "withhold rule `",
        "progression level 1 summary",
        "` level 2 summary",
        "flare-up plan do ",
        "flare-up plan get_help ",
        "progression rule `",
    ] {
        assert!(
            places.iter().any(|p| p.contains(kind)),
            "no text found for {kind}"
        );
    }
}
