//! The terminal while a prompt is on it: raw mode, held by a guard that puts the terminal back
//! whatever happens, and the drawing. Each draw goes back to the first row of the one before,
//! clears to the end of the screen and prints the new rows, so a redraw leaves nothing of the
//! old prompt behind; for that, the screen remembers how wide each row it printed was and
//! where it left the cursor.

use super::layout::{Frame, Page, Paint, Row, row_width};
use crossterm::event::{self, Event};
use crossterm::{cursor, queue, terminal};
use std::io::{self, Write};
use std::time::Duration;

/// What the last draw left on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Drawn {
    /// The columns each printed row took.
    widths: Vec<usize>,
    /// Where the cursor was left: row among them, and column.
    cursor: (usize, usize),
}

impl Drawn {
    /// Screen rows from the first printed row down to the cursor, on a terminal `columns` wide.
    /// After a terminal narrows, most terminals re-wrap long rows, so a row may now take several.
    fn rows_above_cursor(&self, columns: usize) -> usize {
        let columns = columns.max(1);
        let (row, column) = self.cursor;
        let above: usize = self.widths[..row.min(self.widths.len())]
            .iter()
            .map(|w| w.div_ceil(columns).max(1))
            .sum();
        above + column / columns
    }

    fn last_row(&self) -> usize {
        self.widths.len().saturating_sub(1)
    }
}

/// Raw mode on standard error's terminal for one prompt. Dropping it shows the cursor, leaves
/// the cursor below anything still drawn and turns raw mode off, on every way out. A signal from
/// outside is handled by [`crate::signals`], and a panic by the binary's panic hook; both put
/// the terminal back too.
pub(super) struct Screen {
    color: bool,
    /// The terminal's size as last known: from the binary at first, then from resize events
    /// (the library never asks the terminal itself; see tests/it/layers.rs).
    page: Page,
    drawn: Option<Drawn>,
}

impl Screen {
    /// Raw mode on, on a terminal of `page`'s size; fails when standard error's terminal cannot
    /// be put in raw mode.
    pub(super) fn open(color: bool, page: Page) -> io::Result<Screen> {
        terminal::enable_raw_mode()?;
        Ok(Screen {
            color,
            page,
            drawn: None,
        })
    }

    /// The terminal's size as last known.
    pub(super) fn page(&self) -> Page {
        self.page
    }

    /// The terminal is now `columns` x `rows`.
    pub(super) fn resized(&mut self, columns: u16, rows: u16) {
        if columns > 0 && rows > 0 {
            self.page = Page::sized(usize::from(columns), usize::from(rows));
        }
    }

    /// Throws away keys typed before a warning sign is shown, so that a paste or keys typed
    /// ahead cannot answer warning signs the person never saw. Raw mode makes pending bytes
    /// readable at once.
    pub(super) fn discard_typeahead(&mut self) {
        while event::poll(Duration::ZERO).unwrap_or(false) {
            match event::read() {
                Ok(Event::Resize(columns, rows)) => self.resized(columns, rows),
                Ok(_) => {}
                Err(_) => break,
            }
        }
    }

    /// Draws `frame` over the last one.
    pub(super) fn draw(&mut self, frame: &Frame) {
        let mut out = Vec::new();
        let _ = queue!(out, cursor::Hide);
        self.rewind(&mut out);
        for (i, row) in frame.rows.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\r\n");
            }
            self.print(&mut out, row);
        }
        let widths: Vec<usize> = frame.rows.iter().map(row_width).collect();
        let last = widths.len().saturating_sub(1);
        let end = (last, widths.last().copied().unwrap_or(0));
        let cursor = match frame.cursor {
            Some((row, column)) => {
                let row = row.min(last);
                let _ = move_up(&mut out, last - row);
                let _ = queue!(
                    out,
                    cursor::MoveToColumn(u16::try_from(column).unwrap_or(u16::MAX)),
                    cursor::Show
                );
                (row, column)
            }
            None => end,
        };
        self.drawn = Some(Drawn { widths, cursor });
        write(&out);
    }

    /// Draws `frame` in place of the prompt and leaves it there, as the record of the question;
    /// with `newline`, the cursor then goes to the start of the next row.
    pub(super) fn finish(&mut self, frame: &Frame, newline: bool) {
        self.draw(frame);
        let mut out = Vec::new();
        let _ = queue!(out, cursor::Show);
        if newline {
            out.extend_from_slice(b"\r\n");
        }
        write(&out);
        self.drawn = None;
    }

    /// Puts the cursor after the last row drawn, shown, so that whatever is printed next (the
    /// shell's "Stopped") starts below the prompt instead of inside it.
    pub(super) fn park(&mut self) {
        let Some(drawn) = &mut self.drawn else {
            return;
        };
        let mut out = Vec::new();
        let down = drawn.last_row().saturating_sub(drawn.cursor.0);
        if down > 0 {
            let _ = queue!(
                out,
                cursor::MoveDown(u16::try_from(down).unwrap_or(u16::MAX))
            );
        }
        let end = drawn.widths.last().copied().unwrap_or(0);
        let _ = queue!(
            out,
            cursor::MoveToColumn(u16::try_from(end).unwrap_or(u16::MAX)),
            cursor::Show
        );
        drawn.cursor = (drawn.last_row(), end);
        write(&out);
    }

    /// The terminal was given back during a stop and the cursor moved on to a fresh row: what
    /// was drawn is out of reach, and the next draw starts where the cursor is.
    pub(super) fn forget(&mut self) {
        self.drawn = None;
    }

    /// Moves to the first row of the last draw and clears from there down.
    fn rewind(&self, out: &mut Vec<u8>) {
        let up = self
            .drawn
            .as_ref()
            .map_or(0, |d| d.rows_above_cursor(self.page.columns));
        let _ = move_up(out, up);
        out.push(b'\r');
        let _ = queue!(out, terminal::Clear(terminal::ClearType::FromCursorDown));
    }

    fn print(&self, out: &mut Vec<u8>, row: &Row) {
        for (paint, text) in row {
            match style(*paint).filter(|_| self.color) {
                Some(style) => {
                    let _ = write!(out, "{style}{text}{style:#}");
                }
                None => out.extend_from_slice(text.as_bytes()),
            }
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if self.drawn.is_some() {
            // Left without a record (an error on the way): keep what is drawn, start below it.
            self.park();
            write(b"\r\n");
        }
        let mut out = Vec::new();
        let _ = queue!(out, cursor::Show);
        write(&out);
        let _ = terminal::disable_raw_mode();
    }
}

/// Moves the cursor up `rows` rows (none for 0: "up 0" means up 1 to a terminal).
fn move_up(out: &mut Vec<u8>, rows: usize) -> io::Result<()> {
    if rows > 0 {
        queue!(out, cursor::MoveUp(u16::try_from(rows).unwrap_or(u16::MAX)))?;
    }
    Ok(())
}

/// The colours of each paint: calm, with red kept for what needs reading.
fn style(paint: Paint) -> Option<anstyle::Style> {
    use anstyle::{AnsiColor, Style};
    match paint {
        Paint::Plain => None,
        Paint::Strong => Some(Style::new().bold()),
        Paint::Faint => Some(Style::new().dimmed()),
        Paint::Accent => Some(Style::new().fg_color(Some(AnsiColor::Cyan.into()))),
        Paint::Warn => Some(Style::new().fg_color(Some(AnsiColor::Red.into()))),
    }
}

/// Writes to standard error at once. A failed write is not worth stopping for: the prompt goes
/// on reading keys, and a terminal that is really gone ends it when reading fails.
fn write(bytes: &[u8]) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(bytes);
    let _ = err.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_back_to_the_first_row_counts_rows_the_terminal_re_wrapped() {
        let drawn = Drawn {
            widths: vec![30, 10, 4],
            cursor: (2, 4),
        };
        assert_eq!(drawn.rows_above_cursor(100), 2);
        // Narrowed to 20 columns: the 30-column row now takes two.
        assert_eq!(drawn.rows_above_cursor(20), 3);
        assert_eq!(drawn.rows_above_cursor(3), 10 + 4 + 1);
        let drawn = Drawn {
            widths: vec![30, 10, 4],
            cursor: (0, 25),
        };
        assert_eq!(drawn.rows_above_cursor(100), 0);
        assert_eq!(drawn.rows_above_cursor(20), 1);
    }
}
