//! One prompt's life on the terminal: draw, read keys, redraw, until it is answered. Also
//! redraws at once when the terminal is resized or the process continues after a stop, and
//! turns Ctrl-Z (a plain key in raw mode) into a real suspend.

use super::keys::{self, Key};
use super::layout::{self, Header};
use super::screen::Screen;
use super::widget::{Step, Widget};
use crate::interrupt::Interrupted;
use crate::signals;
use crossterm::event::{self, Event};
use std::time::{Duration, Instant};

/// How often the loop looks up from waiting for a key, to notice a continue after a stop.
const TICK: Duration = Duration::from_millis(100);
/// How long to wait for a requested suspend to begin before carrying on without it.
const SUSPEND_START: Duration = Duration::from_secs(1);

/// How a prompt ended, other than by Ctrl-C.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ended<T> {
    Answer(T),
    /// Esc.
    Back,
}

/// Shows `widget` under `header` until it is answered or Esc goes back; `Interrupted` on Ctrl-C,
/// on Ctrl-D on an empty line, or when the terminal stops answering.
pub(super) fn run<W: Widget>(
    screen: &mut Screen,
    header: &Header<'_>,
    widget: &mut W,
) -> Result<Ended<W::Output>, Interrupted> {
    // A continue that came before this prompt has nothing of it to redraw.
    let _ = signals::take_resumed();
    let mut suspends = signals::suspends();
    draw(screen, header, widget);
    loop {
        if signals::take_resumed() {
            resumed(screen, &mut suspends);
            draw(screen, header, widget);
        }
        if !event::poll(TICK).map_err(|_| Interrupted)? {
            continue;
        }
        // Everything already waiting (a paste, a burst of resizes) is taken in before one redraw.
        let mut changed = false;
        loop {
            match event::read().map_err(|_| Interrupted)? {
                Event::Key(event) => match keys::key(&event) {
                    Some(Key::Suspend) => {
                        suspend(screen, &mut suspends);
                        changed = true;
                        // Keys typed while stopped are for the prompt as it is drawn again.
                        break;
                    }
                    Some(Key::Redraw) => changed = true,
                    Some(key) => match widget.key(key) {
                        Step::Stay => changed = true,
                        Step::Done(value) => return Ok(Ended::Answer(value)),
                        Step::Back => return Ok(Ended::Back),
                        Step::Interrupt => return Err(Interrupted),
                    },
                    None => {}
                },
                Event::Resize(columns, rows) => {
                    screen.resized(columns, rows);
                    changed = true;
                }
                _ => {}
            }
            if !event::poll(Duration::ZERO).map_err(|_| Interrupted)? {
                break;
            }
        }
        if changed {
            draw(screen, header, widget);
        }
    }
}

fn draw<W: Widget>(screen: &mut Screen, header: &Header<'_>, widget: &mut W) {
    let frame = layout::frame(screen.page(), header, widget.view());
    screen.draw(&frame);
}

/// The process continued after a stop. After a suspend the terminal was given back and the
/// cursor moved to a fresh row, so the prompt is drawn anew there; after a bare stop (SIGSTOP)
/// nothing moved, so it is drawn over itself. (A resize while stopped arrives as a resize event
/// once the process runs again.)
fn resumed(screen: &mut Screen, suspends: &mut u64) {
    let now = signals::suspends();
    if now != *suspends {
        screen.forget();
        *suspends = now;
    }
}

/// Ctrl-Z: stops the process as the shell would, with the terminal given back while stopped
/// (see [`crate::signals`], which also takes raw mode up again on continue), and returns once
/// the process continues.
fn suspend(screen: &mut Screen, suspends: &mut u64) {
    if !signals::watching() {
        // Nobody to stop and restart the process: the key does nothing, as other unknown keys.
        return;
    }
    // The shell's "Stopped" goes below the prompt, not over it.
    screen.park();
    signals::request_suspend();
    let asked = Instant::now();
    loop {
        if signals::take_resumed() {
            break;
        }
        // The suspend has not begun (the signal was blocked or lost): carry on.
        if signals::suspends() == *suspends && asked.elapsed() > SUSPEND_START {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    resumed(screen, suspends);
}
