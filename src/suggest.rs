//! "Did you mean": the known id closest to a misspelt one.

/// The known id closest to `unknown`, when one is close enough to be a likely typo.
pub fn closest_id<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // No id is this long; comparing a megabyte of text with every id would only take time.
    const LONGEST: usize = 100;
    let length = unknown.chars().take(LONGEST + 1).count();
    if length > LONGEST {
        return None;
    }
    let limit = (length / 3).max(2);
    known
        .into_iter()
        .map(|k| (edit_distance(unknown, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// `unknown X "id"` followed by a suggestion, when there is one.
/// The id is quoted escaped and cut short: it comes from a file or the command line.
pub fn unknown_id<'a>(what: &str, id: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let shown = crate::sanitize::quote(id);
    match closest_id(id, known) {
        Some(near) => format!("unknown {what} `{shown}`; did you mean `{near}`?"),
        None => format!("unknown {what} `{shown}`"),
    }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_id_only_when_it_is_near() {
        let known = ["saddle_numbness", "bladder_change", "bowel_change"];
        assert_eq!(closest_id("sadle_numbness", known), Some("saddle_numbness"));
        assert_eq!(closest_id("bowl_change", known), Some("bowel_change"));
        assert_eq!(closest_id("weight", known), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
