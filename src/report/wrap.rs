//! Greedy word wrapping with a hanging indent, enough for report paragraphs.

/// Wraps `text` to `width` columns; the first line starts with `first`, later ones with `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut line_len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let word_len = word.chars().count();
        if !empty && line_len + 1 + word_len > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            line_len = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += word_len;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_with_a_hanging_indent() {
        let out = wrap("one two three four five", 12, "- ", "  ");
        assert_eq!(out, "- one two\n  three four\n  five\n");
    }

    #[test]
    fn a_word_longer_than_the_line_stands_alone() {
        assert_eq!(
            wrap("a extraordinarily b", 8, "", ""),
            "a\nextraordinarily\nb\n"
        );
    }
}
