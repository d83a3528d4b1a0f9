//! Faults found in a knowledge base, each pinned to a file, a line and column, and a JSON path.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub file: String,
    /// 1-based; 0 when the fault concerns the file as a whole (missing, unreadable).
    pub line: usize,
    pub column: usize,
    /// Where in the document, like `rules[3].when.all[0].question`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, ": at {}", short_path(&self.path))?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A JSON path cut to its start and end when it is long (deeply nested input), so the message
/// stays one readable line.
fn short_path(path: &str) -> std::borrow::Cow<'_, str> {
    const KEEP: usize = 40;
    if path.len() <= 2 * KEEP + 3 || !path.is_ascii() {
        return path.into();
    }
    format!("{}...{}", &path[..KEEP], &path[path.len() - KEEP..]).into()
}

/// Every fault found, in file order; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faults(pub Vec<Fault>);

impl fmt::Display for Faults {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, fault) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{fault}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Faults {}

/// The known id closest to `unknown`, when one is close enough to be a likely typo.
pub fn closest_id<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (unknown.chars().count() / 3).max(2);
    known
        .into_iter()
        .map(|k| (edit_distance(unknown, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// `unknown X "id"` followed by a suggestion, when there is one.
pub fn unknown_id<'a>(what: &str, id: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match closest_id(id, known) {
        Some(near) => format!("unknown {what} `{id}`; did you mean `{near}`?"),
        None => format!("unknown {what} `{id}`"),
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
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
