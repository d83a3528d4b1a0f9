//! Lays a prompt out as rows that fit the terminal: the question wrapped to its width, the
//! answer area, the help line, and never more rows than the screen has, so a redraw can always
//! reach the prompt's first row. Pure: sizes in, rows out.

use super::list::List;
use super::widget::{Body, CHOOSE, View};

/// Widest a prompt is drawn, however wide the terminal: lines stay readable.
const MAX_WIDTH: usize = 100;
/// Most rows a choice list takes before it scrolls.
const MAX_LIST_ROWS: usize = 12;
/// Fewest list rows worth keeping the help line for.
const MIN_LIST_ROWS: usize = 4;
/// What ends a row that was cut short.
const ELLIPSIS: &str = "...";

/// The terminal a prompt is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Page {
    pub(super) columns: usize,
    pub(super) rows: usize,
    /// Small: a short position, no help line.
    pub(super) compact: bool,
}

impl Page {
    /// Too small for a question and its help line: fewer than 60 columns or 12 rows (as
    /// [`crate::output::Terminal::small`]).
    pub(super) fn sized(columns: usize, rows: usize) -> Page {
        Page {
            columns,
            rows,
            compact: columns < 60 || rows < 12,
        }
    }

    /// Columns a row may take. One less than the terminal's, so no row ever ends in the last
    /// column, where terminals differ on when they wrap.
    pub(super) fn width(self) -> usize {
        self.columns.saturating_sub(1).clamp(1, MAX_WIDTH)
    }
}

/// How a piece of a row is coloured (when colour is on at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paint {
    Plain,
    /// The question.
    Strong,
    /// The position and the help line.
    Faint,
    /// The cursor's row, what is typed, the answer.
    Accent,
    /// Why an answer was not accepted.
    Warn,
}

/// One row on screen: pieces of text and their paint, no wider than the page.
pub(super) type Row = Vec<(Paint, String)>;

/// A prompt ready to draw, and where the text cursor goes (row, column), if it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Frame {
    pub(super) rows: Vec<Row>,
    pub(super) cursor: Option<(usize, usize)>,
}

/// The question a prompt asks, and where it is in the questionnaire.
pub(super) struct Header<'a> {
    /// Question number and about how many there are.
    pub(super) position: Option<(usize, usize)>,
    pub(super) text: &'a str,
}

impl Header<'_> {
    fn position(&self, page: Page) -> Option<String> {
        self.position.map(|(number, about)| {
            if page.compact {
                format!("{number}/{about}")
            } else {
                format!("[{number} of about {about}]")
            }
        })
    }

    fn spans(&self, page: Page) -> Vec<(Paint, String)> {
        let mut spans = Vec::new();
        if let Some(position) = self.position(page) {
            spans.push((Paint::Faint, position));
        }
        spans.push((Paint::Strong, self.text.to_owned()));
        spans
    }
}

/// Columns `c` takes: two for wide East Asian characters and emoji, none for combining marks.
fn char_width(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036f | 0x200b..=0x200f => 0,
        0x1100..=0x115f
        | 0x2e80..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f300..=0x1f64f
        | 0x1f900..=0x1f9ff
        | 0x20000..=0x3fffd => 2,
        _ => 1,
    }
}

/// Columns `text` takes.
pub(super) fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Columns a row takes.
pub(super) fn row_width(row: &Row) -> usize {
    row.iter().map(|(_, text)| text_width(text)).sum()
}

/// Appends `text` to `row`, joining it to the last piece when the paint is the same, so a
/// coloured phrase is one piece (and one pair of escape codes).
fn push(row: &mut Row, paint: Paint, text: &str) {
    match row.last_mut() {
        Some((last, piece)) if *last == paint => piece.push_str(text),
        _ => row.push((paint, text.to_owned())),
    }
}

/// Wraps words to `width` columns; rows after the first start with `indent` spaces. A word too
/// long for a row is cut across rows rather than left to the terminal to wrap, so every row is
/// exactly one row on screen.
pub(super) fn wrap(spans: &[(Paint, String)], width: usize, indent: usize) -> Vec<Row> {
    let width = width.max(1);
    let indent = if indent < width { indent } else { 0 };
    let mut rows = Vec::new();
    let mut row = Row::new();
    // Columns used on `row`, and how many of them are its indent.
    let mut used = 0;
    let mut start = 0;
    for (paint, text) in spans {
        for mut word in text.split_whitespace() {
            while !word.is_empty() {
                let gap = usize::from(used > start);
                let need = text_width(word);
                if used + gap + need <= width {
                    if gap == 1 {
                        push(&mut row, *paint, " ");
                    }
                    push(&mut row, *paint, word);
                    used += gap + need;
                    break;
                }
                if used == start {
                    // Alone on its row and still too wide: cut the word where the row ends.
                    let (head, tail) = split_at_width(word, width - used);
                    push(&mut row, *paint, head);
                    word = tail;
                }
                rows.push(std::mem::take(&mut row));
                if indent > 0 {
                    push(&mut row, Paint::Plain, &" ".repeat(indent));
                }
                used = indent;
                start = indent;
            }
        }
    }
    if used > start || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// `text` cut after at most `columns` columns (at least one character, so cutting always makes
/// progress).
fn split_at_width(text: &str, columns: usize) -> (&str, &str) {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += char_width(c);
        if used > columns && at > 0 {
            return text.split_at(at);
        }
    }
    (text, "")
}

/// Keeps the first `keep` rows; when some were dropped, the last kept row ends with "...".
fn cut(mut rows: Vec<Row>, keep: usize, width: usize) -> Vec<Row> {
    if rows.len() <= keep {
        return rows;
    }
    rows.truncate(keep);
    if let Some(last) = rows.last_mut() {
        ellipsize(last, width);
    }
    rows
}

/// Ends `row` with "...", dropping characters from its end so that it still fits `width`.
fn ellipsize(row: &mut Row, width: usize) {
    let room = width.saturating_sub(ELLIPSIS.len());
    while row_width(row) > room {
        let Some((_, piece)) = row.last_mut() else {
            break;
        };
        if piece.pop().is_none() {
            row.pop();
        }
    }
    let paint = row.last().map_or(Paint::Plain, |(paint, _)| *paint);
    push(row, paint, ELLIPSIS);
}

/// The rows of a prompt, fitted to `page`: from the top, why the last answer was refused, the
/// question, a second question, the answer area, the help line. When rows are short the help
/// goes first, then list rows (the list scrolls), then the end of the question ("..."); the
/// answer area, the question, and the second question and the complaint when there are any,
/// always keep a row each.
pub(super) fn frame(page: Page, header: &Header<'_>, view: View<'_>) -> Frame {
    let width = page.width();
    let mut free = page.rows.max(2) - 1;

    let mut question = header.spans(page);
    if let Some(hint) = view.hint {
        question.push((Paint::Plain, hint.to_owned()));
    }
    // A second question or a complaint keeps a row of its own: on a tiny terminal the person
    // must still see what is asked and why Enter did nothing.
    let reserved = usize::from(view.ask.is_some()) + usize::from(view.error.is_some());
    let question = wrap(&question, width, 0);
    let question = cut(question, free.saturating_sub(reserved).max(1), width);
    free = free.saturating_sub(question.len());

    let ask = view.ask.map_or_else(Vec::new, |ask| {
        let rows = wrap(&[(Paint::Strong, ask.to_owned())], width, 0);
        // Leaves the complaint its row, when there is one and room for both.
        let room = if view.error.is_some() && free > 1 {
            free - 1
        } else {
            free
        };
        cut(rows, room, width)
    });
    free -= ask.len();

    let error = view.error.map_or_else(Vec::new, |why| {
        let rows = wrap(&[(Paint::Warn, format!("! {why}"))], width, 2);
        cut(rows, free, width)
    });
    free -= error.len();

    let mut body_rows = free + 1;
    let help = if page.compact || view.help.is_empty() {
        Vec::new()
    } else {
        wrap(&[(Paint::Faint, view.help.to_owned())], width, 0)
    };
    let body_need = match &view.body {
        Body::Input { .. } => 1,
        Body::Choices { labels, .. } => labels.len().min(MAX_LIST_ROWS),
    };
    let help = if body_rows >= help.len() + body_need.min(MIN_LIST_ROWS) {
        body_rows -= help.len();
        help
    } else {
        Vec::new()
    };

    let top = error.len() + question.len() + ask.len();
    let (body, cursor) = match view.body {
        Body::Input { text, cursor } => {
            let (row, column) = input_row(&text, cursor, width);
            (vec![row], Some((top, column)))
        }
        Body::Choices {
            labels,
            list,
            multiple,
        } => {
            let budget = body_rows.min(MAX_LIST_ROWS);
            (choice_rows(labels, list, multiple, width, budget), None)
        }
    };

    let mut rows = error;
    rows.extend(question);
    rows.extend(ask);
    rows.extend(body);
    rows.extend(help);
    Frame { rows, cursor }
}

/// The rows of a choice list that fit `budget` rows: the cursor's choice always, scrolled as
/// little as possible since the last draw. The cursor's row is marked ">", ticks show as "[x]".
fn choice_rows(
    labels: &[String],
    list: &mut List,
    multiple: bool,
    width: usize,
    budget: usize,
) -> Vec<Row> {
    let rows: Vec<Vec<Row>> = (0..list.rows())
        .map(|row| {
            let chosen = row == list.cursor();
            let choice = list.choice_at(row);
            let label = match choice {
                Some(c) => labels.get(c).map_or("", String::as_str),
                None => CHOOSE,
            };
            let marker = if chosen { '>' } else { ' ' };
            let tick = match (multiple, choice) {
                (true, Some(c)) if list.is_ticked(c) => "[x] ",
                (true, _) => "[ ] ",
                (false, _) => "",
            };
            let lead = format!("{marker} {tick}");
            let paint = if chosen { Paint::Accent } else { Paint::Plain };
            item_rows(&lead, label, paint, width)
        })
        .collect();
    let heights: Vec<usize> = rows.iter().map(Vec::len).collect();
    let shown = list.window(&heights, budget);
    let body: Vec<Row> = rows[shown].iter().flatten().cloned().collect();
    // One choice taller than the room: its first rows, ending in "...".
    cut(body, budget, width)
}

/// A choice's rows: `lead` (the cursor mark and the tick box) then the label, wrapped under
/// itself.
fn item_rows(lead: &str, label: &str, paint: Paint, width: usize) -> Vec<Row> {
    let lead_width = text_width(lead);
    let wrapped = wrap(
        &[(paint, label.to_owned())],
        width.saturating_sub(lead_width),
        0,
    );
    wrapped
        .into_iter()
        .enumerate()
        .map(|(i, pieces)| {
            let mut row = Row::new();
            if i == 0 {
                push(&mut row, paint, lead);
            } else {
                push(&mut row, Paint::Plain, &" ".repeat(lead_width));
            }
            for (p, text) in pieces {
                push(&mut row, p, &text);
            }
            row
        })
        .collect()
}

/// The line being typed after "> ", scrolled sideways when it is wider than the row so the cursor
/// stays in view; the cursor's column.
fn input_row(text: &str, cursor: usize, width: usize) -> (Row, usize) {
    const PROMPT: &str = "> ";
    let room = width.saturating_sub(PROMPT.len()).max(1);
    let chars: Vec<char> = text.chars().collect();
    let cursor = cursor.min(chars.len());
    let columns =
        |range: std::ops::Range<usize>| chars[range].iter().copied().map(char_width).sum::<usize>();
    let mut start = 0;
    while start < cursor && columns(start..cursor) > room {
        start += 1;
    }
    let mut end = cursor;
    while end < chars.len() && columns(start..end + 1) <= room {
        end += 1;
    }
    let shown: String = chars[start..end].iter().collect();
    let mut row = Row::new();
    push(&mut row, Paint::Accent, PROMPT);
    if !shown.is_empty() {
        push(&mut row, Paint::Plain, &shown);
    }
    (row, PROMPT.len() + columns(start..cursor))
}

/// What an answered prompt leaves behind, so the scrollback reads as a record: the question,
/// then the answer (or what happened instead), with no limit on rows.
pub(super) fn record(page: Page, header: &Header<'_>, outcome: &Outcome<'_>) -> Frame {
    let mut spans = header.spans(page);
    match outcome {
        Outcome::Answer(answer) => {
            spans.push((Paint::Plain, "->".to_owned()));
            spans.push((Paint::Accent, (*answer).to_owned()));
        }
        Outcome::Note(note) => spans.push((Paint::Faint, (*note).to_owned())),
        Outcome::Nothing => {}
    }
    Frame {
        rows: wrap(&spans, page.width(), 0),
        cursor: None,
    }
}

/// How a prompt ended, for its [`record`].
pub(super) enum Outcome<'a> {
    /// The answer, in words.
    Answer(&'a str),
    /// Not an answer: "(went back)".
    Note(&'a str),
    /// Stopped (Ctrl-C): the question alone.
    Nothing,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|row| row.iter().map(|(_, t)| t.as_str()).collect())
            .collect()
    }

    fn plain(text: &str) -> Vec<(Paint, String)> {
        vec![(Paint::Plain, text.to_owned())]
    }

    #[test]
    fn words_wrap_with_a_hanging_indent_and_long_words_are_cut() {
        assert_eq!(
            text(&wrap(&plain("one two three four five"), 12, 2)),
            ["one two", "  three four", "  five"]
        );
        assert_eq!(
            text(&wrap(&plain("a extraordinarily b"), 8, 0)),
            ["a", "extraord", "inarily", "b"]
        );
        assert_eq!(text(&wrap(&plain(""), 8, 0)), [""]);
    }

    #[test]
    fn pieces_of_one_paint_stay_together() {
        let spans = vec![
            (Paint::Faint, "[1 of about 30]".to_owned()),
            (Paint::Strong, "How old are you?".to_owned()),
        ];
        let rows = wrap(&spans, 80, 0);
        assert_eq!(rows[0][0], (Paint::Faint, "[1 of about 30]".to_owned()));
        assert_eq!(text(&rows), ["[1 of about 30] How old are you?"]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(text_width("ab"), 2);
        assert_eq!(text_width("日本"), 4);
        assert_eq!(text(&wrap(&plain("日本語 日本"), 6, 0)), ["日本語", "日本"]);
    }

    fn input(text: &str, cursor: usize) -> View<'static> {
        View {
            error: None,
            hint: None,
            ask: None,
            body: Body::Input {
                text: text.to_owned(),
                cursor,
            },
            help: "a whole number from 1 to 110, then Enter; Esc goes back",
        }
    }

    const AGE: Header<'static> = Header {
        position: Some((1, 30)),
        text: "How old are you?",
    };

    #[test]
    fn a_number_prompt_on_a_wide_terminal() {
        let frame = frame(Page::sized(100, 40), &AGE, input("42", 2));
        assert_eq!(
            text(&frame.rows),
            [
                "[1 of about 30] How old are you?",
                "> 42",
                "a whole number from 1 to 110, then Enter; Esc goes back"
            ]
        );
        assert_eq!(frame.cursor, Some((1, 4)));
    }

    #[test]
    fn a_tiny_terminal_keeps_the_question_and_drops_the_help() {
        let page = Page::sized(20, 5);
        let long = Header {
            position: Some((25, 30)),
            text: "Have you been told you have thin bones (osteoporosis) or a broken bone in \
                   your spine? Or have you taken steroid tablets for more than three months?",
        };
        let mut view = input("", 0);
        view.error = Some("Please type y or n.");
        let frame = frame(page, &long, view);
        let rows = text(&frame.rows);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert!(rows.iter().all(|r| text_width(r) <= 19), "{rows:?}");
        assert!(
            rows[0].starts_with("! Please"),
            "the complaint keeps a row: {rows:?}"
        );
        assert!(rows[1].starts_with("25/30 Have you"), "{rows:?}");
        assert!(rows[3].ends_with("..."), "{rows:?}");
        assert_eq!(rows.last().map(String::as_str), Some("> "));
        assert!(!rows.iter().any(|r| r.contains("whole number")), "no help");
        assert_eq!(frame.cursor, Some((rows.len() - 1, 2)));
    }

    #[test]
    fn a_second_question_keeps_a_row_on_a_tiny_terminal() {
        let long = Header {
            position: Some((25, 30)),
            text: "Do any of these apply to you? Pick all that apply, and think about each.",
        };
        let mut view = input("", 0);
        view.ask = Some("None of these apply to you?");
        view.error = Some("Type y or n, then Enter.");
        let rows = text(&frame(Page::sized(20, 5), &long, view).rows);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert!(rows[0].starts_with("! Type y"), "{rows:?}");
        assert!(rows[1].starts_with("25/30 Do any"), "{rows:?}");
        assert!(rows[3].starts_with("None of these"), "{rows:?}");
        assert_eq!(rows[4], "> ");
    }

    #[test]
    fn the_error_is_on_top_when_there_is_room() {
        let mut view = input("abc", 3);
        view.error = Some("Please type a whole number, like 42");
        let frame = frame(Page::sized(100, 40), &AGE, view);
        let rows = text(&frame.rows);
        assert_eq!(rows[0], "! Please type a whole number, like 42");
        assert_eq!(rows[1], "[1 of about 30] How old are you?");
        assert_eq!(frame.cursor, Some((2, 5)));
    }

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        let (row, column) = input_row("0123456789", 10, 8);
        assert_eq!(text(&[row]), ["> 456789"]);
        assert_eq!(column, 8);
        let (row, column) = input_row("0123456789", 0, 8);
        assert_eq!(text(&[row]), ["> 012345"]);
        assert_eq!(column, 2);
    }

    fn choices(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Choice number {i}")).collect()
    }

    #[test]
    fn a_list_marks_the_cursor_and_the_ticks() {
        let labels = choices(3);
        let mut list = List::new(3, false, 1, 0b100);
        let view = View {
            error: None,
            hint: None,
            ask: None,
            body: Body::Choices {
                labels: &labels,
                list: &mut list,
                multiple: true,
            },
            help: "Space ticks",
        };
        let frame = frame(Page::sized(80, 24), &AGE, view);
        assert_eq!(
            text(&frame.rows),
            [
                "[1 of about 30] How old are you?",
                "  [ ] Choice number 0",
                "> [ ] Choice number 1",
                "  [x] Choice number 2",
                "Space ticks"
            ]
        );
        assert_eq!(frame.cursor, None);
    }

    #[test]
    fn the_placeholder_row_and_a_list_paged_on_a_short_terminal() {
        let labels = choices(6);
        let mut list = List::new(6, true, 0, 0);
        let view = View {
            error: None,
            hint: None,
            ask: None,
            body: Body::Choices {
                labels: &labels,
                list: &mut list,
                multiple: false,
            },
            help: "arrows",
        };
        let rows = text(&frame(Page::sized(20, 5), &AGE, view).rows);
        assert_eq!(
            rows,
            [
                "1/30 How old are",
                "you?",
                "> (choose an",
                "  answer)",
                "  Choice number 0"
            ]
        );
    }

    #[test]
    fn the_record_is_the_question_and_the_answer() {
        let page = Page::sized(100, 40);
        let rows = text(&record(page, &AGE, &Outcome::Answer("42")).rows);
        assert_eq!(rows, ["[1 of about 30] How old are you? -> 42"]);
        let rows = text(&record(page, &AGE, &Outcome::Note("(went back)")).rows);
        assert_eq!(rows, ["[1 of about 30] How old are you? (went back)"]);
        let rows = text(&record(page, &AGE, &Outcome::Nothing).rows);
        assert_eq!(rows, ["[1 of about 30] How old are you?"]);
    }
}
