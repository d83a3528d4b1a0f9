//! The player on a real terminal: raw mode for single key presses, restored on every way out.

use super::{Key, PlayerIo};
use crate::exit::Interrupted;
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, terminal};
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// Holds the terminal in raw mode; dropping it puts the terminal back, whatever happened.
pub struct TerminalIo {
    started: Instant,
}

impl TerminalIo {
    pub fn start() -> io::Result<TerminalIo> {
        terminal::enable_raw_mode()?;
        let _ = execute!(io::stderr(), cursor::Hide);
        Ok(TerminalIo {
            started: Instant::now(),
        })
    }
}

impl Drop for TerminalIo {
    fn drop(&mut self) {
        let _ = execute!(io::stderr(), cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

impl PlayerIo for TerminalIo {
    fn key(&mut self, timeout: Duration) -> Result<Option<Key>, Interrupted> {
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

    fn now(&self) -> Duration {
        self.started.elapsed()
    }

    fn width(&self) -> usize {
        terminal::size().map_or(80, |(w, _)| usize::from(w).saturating_sub(2).clamp(30, 100))
    }

    fn write(&mut self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    }
}
