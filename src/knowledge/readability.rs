//! How hard the knowledge base's words are to read (issue #12 item 6).
//!
//! People read this text while in pain, often worried, sometimes with little schooling or in a
//! second language. Patient material is meant to sit at about a school grade 6 to 8, so every
//! sentence a person reads is held to grade 9 or below (Flesch-Kincaid) and 25 words or fewer.
//! A test enforces it on the shipped rules; `rules check` reports the median and the worst.
//!
//! The grade comes from a formula over word and syllable counts, so it is a screen, not a
//! judgement: it cannot tell a plain long word ("physiotherapist") from a hard one.

use super::KnowledgeBase;
use crate::Urgency;

/// The hardest grade allowed for one sentence.
pub const MAX_GRADE: f64 = 9.0;
/// The most words allowed in one sentence.
pub const MAX_WORDS: usize = 25;

/// One sentence a person reads, where it comes from, and how hard it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Where the text lives, in an author's terms: "question `fever` help".
    pub place: String,
    /// The sentence.
    pub text: String,
    /// How many words it has.
    pub words: usize,
    /// Its Flesch-Kincaid grade (US school years).
    pub grade: f64,
}

impl Sentence {
    /// Whether it breaks [`MAX_GRADE`] or [`MAX_WORDS`].
    pub fn too_hard(&self) -> bool {
        self.grade > MAX_GRADE || self.words > MAX_WORDS
    }
}

/// Syllables in one word, by a heuristic: count groups of vowels (a, e, i, o, u, y), then take
/// one off for a silent final `e` ("make", but not "table" or "free") and for an `-es` or `-ed`
/// ending that adds no sound ("makes", "walked", but not "stretches" or "rested"). Right, or one
/// off, for nearly all everyday English words; words of three letters or fewer are one syllable.
/// A number counts one syllable per digit, up to three.
pub fn syllables(word: &str) -> usize {
    let w: Vec<u8> = word
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if w.is_empty() {
        let digits = word.bytes().filter(u8::is_ascii_digit).count();
        return digits.clamp(1, 3);
    }
    let n = w.len();
    if n <= 3 {
        return 1;
    }
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    let (last, before, third) = (w[n - 1], w[n - 2], w[n - 3]);
    let silent = match (third, before, last) {
        // "table", "people": the final syllable is heard.
        (t, b'l', b'e') if !vowel(t) => false,
        // "make", "stone" (but "free", "toe" have no group to lose).
        (_, b, b'e') => !vowel(b),
        // "walked", "used" (but "rested", "ended").
        (t, b'e', b'd') => !matches!(t, b't' | b'd'),
        // "makes", "times" (but "stretches", "uses", "stages", "boxes").
        (t, b'e', b's') => !matches!(t, b's' | b'x' | b'z' | b'c' | b'g' | b'h'),
        _ => false,
    };
    if silent {
        count -= 1;
    }
    count.max(1)
}

/// The sentences of a text: split at `.`, `!` or `?` followed by a space or the end, at `;`,
/// at line breaks and at bullets.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let ends = match c {
            '.' | '!' | '?' => next_is_space,
            ';' | '\n' | '•' | '·' => true,
            _ => false,
        };
        if ends {
            out.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(|s| s.trim().trim_start_matches(['-', '*']).trim())
        .filter(|s| !s.is_empty())
        .collect()
}

fn words(sentence: &str) -> Vec<&str> {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// The Flesch-Kincaid grade of one sentence:
/// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
pub fn grade(sentence: &str) -> f64 {
    let words = words(sentence);
    if words.is_empty() {
        return 0.0;
    }
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    // A sentence's word and syllable counts are far below 2^52, so `f64` holds them exactly.
    #[allow(clippy::cast_precision_loss)]
    let (n, syllables) = (words.len() as f64, syllables as f64);
    0.39 * n + 11.8 * (syllables / n) - 15.59
}

/// Every sentence of three words or more that a person reads in the knowledge base: a sentence
/// of one or two words ("Child's pose") has no grade worth the name.
pub fn person_sentences(kb: &KnowledgeBase) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut add = |place: String, text: &str| {
        for s in sentences(text) {
            let n = words(s).len();
            if n >= 3 {
                out.push(Sentence {
                    place: place.clone(),
                    text: s.to_owned(),
                    words: n,
                    grade: grade(s),
                });
            }
        }
    };
    for q in &kb.questions {
        add(format!("question `{}` text", q.id), &q.text);
        add(format!("question `{}` help", q.id), &q.help);
    }
    for r in &kb.triage {
        add(format!("triage rule `{}` reason", r.id), &r.reason);
        add(format!("triage rule `{}` action", r.id), &r.action);
    }
    for u in Urgency::LADDER {
        let level = kb.levels.get(u);
        add(format!("level `{u}` headline"), &level.headline);
        add(format!("level `{u}` action"), &level.action);
    }
    for tip in &kb.tips {
        add(format!("tip `{}`", tip.id), &tip.text);
    }
    for line in &kb.safety_net {
        add(format!("safety-net line `{}`", line.id), &line.text);
    }
    add("the disclaimer".to_owned(), &kb.disclaimer);
    for s in &kb.stretches {
        add(format!("stretch `{}` name", s.id), &s.name);
        add(format!("stretch `{}` position", s.id), &s.position);
        add(format!("stretch `{}` targets", s.id), &s.targets);
        for (i, step) in s.steps.iter().enumerate() {
            add(format!("stretch `{}` step {}", s.id, i + 1), step);
        }
        for (i, caution) in s.cautions.iter().enumerate() {
            add(format!("stretch `{}` caution {}", s.id, i + 1), caution);
        }
        for (i, leave) in s.leave_out.iter().enumerate() {
            add(
                format!("stretch `{}` leave-out {} because", s.id, i + 1),
                &leave.because,
            );
        }
    }
    for r in &kb.routines {
        add(format!("routine `{}` name", r.id), &r.name);
        add(format!("routine `{}` purpose", r.id), &r.purpose);
        add(format!("routine `{}` how_often", r.id), &r.how_often);
        for (i, select) in r.select.iter().enumerate() {
            add(
                format!("routine `{}` selection {} because", r.id, i + 1),
                &select.because,
            );
        }
    }
    for w in &kb.withhold {
        add(format!("withhold rule `{}` because", w.id), &w.because);
    }
    if let Some(t) = &kb.too_few_steps {
        add("too_few_steps because".to_owned(), &t.because);
    }
    let p = &kb.progression;
    add("progression level 1 summary".to_owned(), &p.level_1_summary);
    for (r, levels) in p.levels.iter().enumerate() {
        let id = kb
            .routines
            .get(r)
            .map_or("?", |routine| routine.id.as_str());
        for (i, level) in levels.iter().enumerate() {
            add(
                format!("routine `{id}` level {} summary", i + 2),
                &level.summary,
            );
        }
    }
    for (i, line) in p.flare_up_plan.what_to_do.iter().enumerate() {
        add(format!("flare-up plan do {}", i + 1), line);
    }
    for (i, line) in p.flare_up_plan.get_help.iter().enumerate() {
        add(format!("flare-up plan get_help {}", i + 1), line);
    }
    for rule in &p.rules {
        add(
            format!("progression rule `{}` reason", rule.id),
            &rule.reason,
        );
    }
    out
}

/// What `rules check` says about reading level: the median grade and the worst sentence, and
/// whether every sentence is within the limits.
pub fn summary_line(kb: &KnowledgeBase) -> (bool, String) {
    let all = person_sentences(kb);
    let mut grades: Vec<f64> = all.iter().map(|s| s.grade).collect();
    grades.sort_by(f64::total_cmp);
    let Some(worst) = all.iter().max_by(|a, b| a.grade.total_cmp(&b.grade)) else {
        return (true, "no sentences to grade".to_owned());
    };
    let median = grades[grades.len() / 2];
    let hard = all.iter().filter(|s| s.too_hard()).count();
    let shown: String = if worst.text.chars().count() > 60 {
        format!("{}...", worst.text.chars().take(57).collect::<String>())
    } else {
        worst.text.clone()
    };
    let line = format!(
        "{} sentences, median grade {median:.1}, worst {:.1} ({}: \"{shown}\"); {hard} above grade {MAX_GRADE} or {MAX_WORDS} words",
        all.len(),
        worst.grade,
        worst.place
    );
    (hard == 0, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_everyday_words() {
        let cases = [
            ("the", 1),
            ("back", 1),
            ("make", 1),
            ("makes", 1),
            ("walked", 1),
            ("free", 1),
            ("table", 2),
            ("people", 2),
            ("doctor", 2),
            ("stretches", 2),
            ("rested", 2),
            ("stages", 2),
            ("breathing", 2),
            ("every", 3),
            ("emergency", 4),
            ("don't", 1),
            ("30", 2),
            ("—", 1),
        ];
        for (word, want) in cases {
            assert_eq!(syllables(word), want, "{word}");
        }
    }

    #[test]
    fn sentences_split_at_stops_semicolons_lines_and_bullets() {
        assert_eq!(
            sentences("Rest for 2.5 days. Then walk! Why? Slowly; gently.\n- one\n• two"),
            [
                "Rest for 2.5 days",
                "Then walk",
                "Why",
                "Slowly",
                "gently",
                "one",
                "two"
            ]
        );
        assert_eq!(sentences("  "), Vec::<&str>::new());
    }

    #[test]
    fn the_grade_follows_flesch_kincaid() {
        // 4 words, 4 syllables: 0.39 * 4 + 11.8 * 1 - 15.59 = -2.23.
        assert!((grade("Call for help now.") - (-2.23)).abs() < 1e-9);
        let hard = "Intermittent neurological symptoms necessitate comprehensive evaluation by appropriately qualified clinicians.";
        assert!(grade(hard) > MAX_GRADE, "{}", grade(hard));
        assert!(grade("Sit on a firm chair with your feet flat.") < 3.0);
    }
}
