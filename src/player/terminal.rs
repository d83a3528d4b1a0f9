//! The player on a real terminal: raw mode for single key presses, restored on every way out.

use super::{Clock, Key, PlayerIo};
use crate::interrupt::Interrupted;
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, terminal};
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// Longest real wait for a key under [`Clock::Stepping`].
const STEP: Duration = Duration::from_millis(10);

/// Holds the terminal in raw mode; dropping it puts the terminal back, whatever happened.
pub struct TerminalIo {
    started: Instant,
    width: usize,
    clock: Clock,
    /// Time on the stepping clock: the sum of the waits that ended without a key.
    stepped: Duration,
}

impl TerminalIo {
    /// Raw mode on standard error's terminal; cues are wrapped to `width` columns.
    pub fn start(width: usize, clock: Clock) -> io::Result<TerminalIo> {
        terminal::enable_raw_mode()?;
        let _ = execute!(io::stderr(), cursor::Hide);
        Ok(TerminalIo {
            started: Instant::now(),
            width,
            clock,
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

/// Waits up to `timeout` for a key the player knows.
fn read_key(timeout: Duration) -> Result<Option<Key>, Interrupted> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        // A terminal that stops answering ends the routine as Ctrl-C would.
        if !event::poll(left).map_err(|_| Interrupted)? {
            return Ok(None);
        }
        let Event::Key(k) = event::read().map_err(|_| Interrupted)? else {
            continue;
        };
        if k.kind != KeyEventKind::Press {
            continue;
        }
        let key = match k.code {
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err(Interrupted);
            }
            KeyCode::Char(' ') => Key::Pause,
            KeyCode::Char('n') | KeyCode::Right => Key::Skip,
            KeyCode::Char('b') | KeyCode::Left => Key::Back,
            KeyCode::Enter => Key::Next,
            KeyCode::Char('q') | KeyCode::Esc => Key::Quit,
            _ => continue,
        };
        return Ok(Some(key));
    }
}

impl PlayerIo for TerminalIo {
    fn key(&mut self, timeout: Duration) -> Result<Option<Key>, Interrupted> {
        match self.clock {
            Clock::Real => read_key(timeout),
            Clock::Stepping => {
                let key = read_key(timeout.min(STEP))?;
                if key.is_none() {
                    self.stepped += timeout;
                }
                Ok(key)
            }
        }
    }

    fn now(&self) -> Duration {
        match self.clock {
            Clock::Real => self.started.elapsed(),
            Clock::Stepping => self.stepped,
        }
    }

    fn width(&self) -> usize {
        self.width
    }

    fn write(&mut self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    }
}
