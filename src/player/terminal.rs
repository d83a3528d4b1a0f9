//! The player on a real terminal: raw mode for single key presses, restored on every way out.

use super::{Clock, Key, PlayerIo};
use crate::interrupt::Interrupted;
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, terminal};
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// Longest real wait for a key under [`Clock::Stepping`].
const STEP: Duration = Duration::from_millis(10);

/// Holds the terminal in raw mode; dropping it puts the terminal back, whatever happened. A
/// signal from outside is handled by [`crate::signals`], which restores the terminal too.
pub struct TerminalIo {
    started: Instant,
    width: usize,
    columns: usize,
    clock: Clock,
    /// Time the process had spent suspended when play began.
    stopped_before: Duration,
    /// Time on the stepping clock: the sum of the waits that ended without a key.
    stepped: Duration,
}

impl TerminalIo {
    /// Raw mode on standard error's terminal, `columns` wide; cues are wrapped to `width`
    /// columns, or fewer on a narrow terminal.
    pub fn start(width: usize, columns: usize, clock: Clock) -> io::Result<TerminalIo> {
        terminal::enable_raw_mode()?;
        let _ = execute!(io::stderr(), cursor::Hide);
        Ok(TerminalIo {
            started: Instant::now(),
            width,
            columns,
            clock,
            stopped_before: crate::signals::stopped_time(),
            stepped: Duration::ZERO,
        })
    }
}

impl Drop for TerminalIo {
    fn drop(&mut self) {
        let _ = execute!(io::stderr(), cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

/// What one terminal event means to the player.
enum Input {
    Key(Key),
    /// The terminal is now this many columns wide.
    Resized(usize),
}

/// Waits up to `timeout` for a key the player knows (or a resize).
fn read_input(timeout: Duration) -> Result<Option<Input>, Interrupted> {
    let deadline = Instant::now() + timeout;
    loop {
        if crate::signals::take_resumed() {
            return Ok(Some(Input::Key(Key::Redraw)));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        // A terminal that stops answering ends the routine as Ctrl-C would.
        if !event::poll(left).map_err(|_| Interrupted)? {
            return Ok(None);
        }
        let k = match event::read().map_err(|_| Interrupted)? {
            Event::Key(k) => k,
            Event::Resize(columns, _) => return Ok(Some(Input::Resized(usize::from(columns)))),
            _ => continue,
        };
        if k.kind != KeyEventKind::Press {
            continue;
        }
        let control = k.modifiers.contains(KeyModifiers::CONTROL);
        let key = match k.code {
            KeyCode::Char('c') if control => return Err(Interrupted),
            // Raw mode turns Ctrl-Z into a key; suspend as the shell would (see `signals`).
            KeyCode::Char('z') if control => {
                crate::signals::request_suspend();
                continue;
            }
            KeyCode::Char(' ') => Key::Pause,
            KeyCode::Char('n') | KeyCode::Right => Key::Skip,
            KeyCode::Char('b') | KeyCode::Left => Key::Back,
            KeyCode::Enter => Key::Next,
            KeyCode::Char('q') | KeyCode::Esc => Key::Quit,
            _ => continue,
        };
        return Ok(Some(Input::Key(key)));
    }
}

impl TerminalIo {
    fn read_key(&mut self, timeout: Duration) -> Result<Option<Key>, Interrupted> {
        match read_input(timeout)? {
            Some(Input::Resized(columns)) => {
                self.columns = columns;
                self.width = columns.saturating_sub(2).clamp(40, 100);
                Ok(Some(Key::Redraw))
            }
            Some(Input::Key(key)) => Ok(Some(key)),
            None => Ok(None),
        }
    }
}

impl PlayerIo for TerminalIo {
    fn key(&mut self, timeout: Duration) -> Result<Option<Key>, Interrupted> {
        match self.clock {
            Clock::Real => self.read_key(timeout),
            Clock::Stepping => {
                let key = self.read_key(timeout.min(STEP))?;
                if key.is_none() {
                    self.stepped += timeout;
                }
                Ok(key)
            }
        }
    }

    fn now(&self) -> Duration {
        match self.clock {
            // Time spent suspended (Ctrl-Z) does not count against a hold.
            Clock::Real => self
                .started
                .elapsed()
                .saturating_sub(crate::signals::stopped_time().saturating_sub(self.stopped_before)),
            Clock::Stepping => self.stepped,
        }
    }

    fn width(&self) -> usize {
        // On a narrow terminal the cues wrap to it, not to the readable minimum of 40.
        self.width.min(self.columns.saturating_sub(2).max(16))
    }

    fn columns(&self) -> usize {
        self.columns
    }

    fn write(&mut self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    }
}
