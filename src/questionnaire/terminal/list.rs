//! A list of choices: where the cursor is, what is ticked, and which rows are on screen. Pure
//! state, so moving, ticking and paging are tested without a terminal.

use super::keys::Key;
use std::ops::Range;

/// The rows of a choice list. With a placeholder, row 0 is "(choose an answer)", which is not an
/// answer, and choice `i` is row `i + 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct List {
    choices: usize,
    placeholder: bool,
    /// The row the cursor is on.
    cursor: usize,
    /// The first row on screen.
    offset: usize,
    /// Rows shown at the last draw: how far Page Up and Page Down go.
    page: usize,
    /// Bit `i` set: choice `i` is ticked.
    ticked: u64,
}

impl List {
    /// `choices` choices (fewer than 64, checked at load), the cursor on the placeholder when
    /// there is one, else on choice `start`.
    pub(super) fn new(choices: usize, placeholder: bool, start: usize, ticked: u64) -> List {
        let rows = choices + usize::from(placeholder);
        let cursor = if placeholder {
            0
        } else {
            start.min(rows.saturating_sub(1))
        };
        List {
            choices,
            placeholder,
            cursor,
            offset: 0,
            page: rows,
            ticked,
        }
    }

    /// Rows, the placeholder included.
    pub(super) fn rows(&self) -> usize {
        self.choices + usize::from(self.placeholder)
    }

    /// The row the cursor is on.
    pub(super) fn cursor(&self) -> usize {
        self.cursor
    }

    /// The choice under the cursor; `None` on the placeholder.
    pub(super) fn choice(&self) -> Option<usize> {
        self.cursor.checked_sub(usize::from(self.placeholder))
    }

    /// The choice shown on `row`; `None` for the placeholder.
    pub(super) fn choice_at(&self, row: usize) -> Option<usize> {
        row.checked_sub(usize::from(self.placeholder))
    }

    pub(super) fn ticked(&self) -> u64 {
        self.ticked
    }

    pub(super) fn is_ticked(&self, choice: usize) -> bool {
        self.ticked & (1 << choice) != 0
    }

    /// Ticks or unticks the choice under the cursor.
    pub(super) fn toggle(&mut self) {
        if let Some(choice) = self.choice() {
            self.ticked ^= 1 << choice;
        }
    }

    /// Moves the cursor for a movement key (up and down wrap round, as in other menus); `false`
    /// when `key` does not move it.
    pub(super) fn step(&mut self, key: Key) -> bool {
        let last = self.rows().saturating_sub(1);
        self.cursor = match key {
            Key::Up if self.cursor == 0 => last,
            Key::Up => self.cursor - 1,
            Key::Down if self.cursor >= last => 0,
            Key::Down => self.cursor + 1,
            Key::Home => 0,
            Key::End => last,
            Key::PageUp => self.cursor.saturating_sub(self.page.max(1)),
            Key::PageDown => (self.cursor + self.page.max(1)).min(last),
            _ => return false,
        };
        true
    }

    /// The rows to show when row `i` takes `heights[i]` lines and `budget` lines are free: the
    /// cursor's row always, scrolling no further than needed since the last draw.
    pub(super) fn window(&mut self, heights: &[usize], budget: usize) -> Range<usize> {
        let rows = heights.len().min(self.rows());
        if rows == 0 {
            return 0..0;
        }
        let cursor = self.cursor.min(rows - 1);
        let budget = budget.max(1);
        let lines = |range: Range<usize>| heights[range].iter().sum::<usize>();
        let mut start = self.offset.min(cursor);
        while start < cursor && lines(start..cursor + 1) > budget {
            start += 1;
        }
        let mut end = cursor + 1;
        while end < rows && lines(start..end + 1) <= budget {
            end += 1;
        }
        // At the bottom of the list, fill the room with the rows above.
        while start > 0 && lines(start - 1..end) <= budget {
            start -= 1;
        }
        self.offset = start;
        self.page = end - start;
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_is_not_a_choice() {
        let mut list = List::new(3, true, 2, 0);
        assert_eq!((list.cursor(), list.choice()), (0, None));
        list.toggle();
        assert_eq!(list.ticked(), 0, "the placeholder cannot be ticked");
        assert!(list.step(Key::Down));
        assert_eq!(list.choice(), Some(0));
        assert_eq!(list.choice_at(0), None);
        assert_eq!(list.choice_at(3), Some(2));
    }

    #[test]
    fn an_earlier_answer_puts_the_cursor_on_it() {
        let list = List::new(3, false, 2, 0);
        assert_eq!(list.choice(), Some(2));
        let list = List::new(3, false, 9, 0);
        assert_eq!(list.choice(), Some(2), "kept inside the list");
    }

    #[test]
    fn up_and_down_wrap_round() {
        let mut list = List::new(3, false, 0, 0);
        list.step(Key::Up);
        assert_eq!(list.choice(), Some(2));
        list.step(Key::Down);
        assert_eq!(list.choice(), Some(0));
        list.step(Key::End);
        assert_eq!(list.choice(), Some(2));
        list.step(Key::Home);
        assert_eq!(list.choice(), Some(0));
        assert!(!list.step(Key::Enter));
    }

    #[test]
    fn space_ticks_and_unticks() {
        let mut list = List::new(4, false, 0, 0b1000);
        list.toggle();
        list.step(Key::Down);
        list.step(Key::Down);
        list.toggle();
        assert_eq!(list.ticked(), 0b1101);
        list.toggle();
        assert_eq!(list.ticked(), 0b1001);
        assert!(list.is_ticked(3));
    }

    #[test]
    fn everything_shows_when_it_fits() {
        let mut list = List::new(4, false, 3, 0);
        assert_eq!(list.window(&[1, 1, 1, 1], 10), 0..4);
    }

    #[test]
    fn the_window_follows_the_cursor_and_scrolls_no_more_than_needed() {
        let mut list = List::new(10, false, 0, 0);
        let heights = [1; 10];
        assert_eq!(list.window(&heights, 3), 0..3);
        list.step(Key::Down);
        list.step(Key::Down);
        assert_eq!(list.window(&heights, 3), 0..3, "still on screen");
        list.step(Key::Down);
        assert_eq!(list.window(&heights, 3), 1..4);
        list.step(Key::Up);
        list.step(Key::Up);
        assert_eq!(list.window(&heights, 3), 1..4);
        list.step(Key::Up);
        assert_eq!(list.window(&heights, 3), 0..3);
        list.step(Key::Up); // wraps to the last row
        assert_eq!(list.window(&heights, 3), 7..10);
        list.step(Key::PageUp);
        assert_eq!(list.choice(), Some(6));
        assert_eq!(list.window(&heights, 3), 6..9);
    }

    #[test]
    fn tall_rows_and_a_tiny_budget_still_show_the_cursor() {
        let mut list = List::new(3, false, 2, 0);
        assert_eq!(list.window(&[2, 2, 3], 1), 2..3);
        assert_eq!(list.window(&[2, 2, 3], 5), 1..3);
        assert_eq!(list.window(&[], 5), 0..0);
    }
}
