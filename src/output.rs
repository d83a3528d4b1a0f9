//! Facts about where output goes, and the one way results are encoded as JSON.
//!
//! The binary captures a [`Terminal`] once, at start-up; everything below it takes these facts
//! as arguments and never asks the operating system itself, so tests can state them.

use serde::Serialize;

/// Columns used when a stream is not a terminal: redirected output is the same on every machine.
pub const REDIRECTED_WIDTH: usize = 80;

/// One output stream (standard output or standard error) as the binary found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stream {
    /// Whether the stream is a terminal rather than a file or pipe.
    pub is_terminal: bool,
    /// Columns of the terminal, when the stream is one and its size is known.
    pub columns: Option<u16>,
    /// Rows of the terminal, when known.
    pub rows: Option<u16>,
    /// Whether to colour what is written to this stream (`--color`, `NO_COLOR`, `CLICOLOR`...).
    pub color: bool,
}

impl Stream {
    /// A stream redirected to a file or pipe: no colour, fixed width.
    pub const REDIRECTED: Stream = Stream {
        is_terminal: false,
        columns: None,
        rows: None,
        color: false,
    };

    /// Columns to wrap text to: the terminal's width less a margin, kept readable (40 to 100),
    /// or [`REDIRECTED_WIDTH`] when the stream is not a terminal.
    pub fn width(&self) -> usize {
        match self.columns {
            Some(columns) if self.is_terminal => {
                usize::from(columns).saturating_sub(2).clamp(40, 100)
            }
            _ => REDIRECTED_WIDTH,
        }
    }
}

/// The terminal facts of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Whether standard input is a terminal, so questions can be asked.
    pub stdin_is_terminal: bool,
    /// `TERM=dumb`: the terminal cannot move the cursor, so questions are asked line by line
    /// and nothing is redrawn in place.
    pub dumb: bool,
    /// Standard output.
    pub stdout: Stream,
    /// Standard error.
    pub stderr: Stream,
}

impl Terminal {
    /// No terminal anywhere, as under a script or a test harness.
    pub const NONE: Terminal = Terminal {
        stdin_is_terminal: false,
        dumb: false,
        stdout: Stream::REDIRECTED,
        stderr: Stream::REDIRECTED,
    };

    /// A person can be asked things: keys come from a terminal and prompts go to one.
    pub fn can_prompt(&self) -> bool {
        self.stdin_is_terminal && self.stderr.is_terminal
    }

    /// Too small for a question with its help line: the question keeps the room.
    pub fn small(&self) -> bool {
        self.stderr.columns.is_some_and(|c| c < 60) || self.stderr.rows.is_some_and(|r| r < 12)
    }
}

/// How a JSON result is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonLayout {
    /// Indented, for people and `--format json`.
    Pretty,
    /// One compact line, for JSON Lines (`batch`).
    Line,
}

/// `value` as JSON text ending in a newline. Encoding fails only for a value with non-string map
/// keys or a failing `Serialize` impl, which none of backcare's results have; the error is
/// passed on rather than hidden.
pub fn json(value: &impl Serialize, layout: JsonLayout) -> serde_json::Result<String> {
    let mut text = match layout {
        JsonLayout::Pretty => serde_json::to_string_pretty(value)?,
        JsonLayout::Line => serde_json::to_string(value)?,
    };
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_terminal_sets_the_width() {
        let terminal = |columns| Stream {
            is_terminal: true,
            columns: Some(columns),
            rows: Some(24),
            color: false,
        };
        assert_eq!(terminal(120).width(), 100);
        assert_eq!(terminal(72).width(), 70);
        assert_eq!(terminal(20).width(), 40);
        let redirected = Stream {
            is_terminal: false,
            columns: Some(200),
            rows: Some(50),
            color: false,
        };
        assert_eq!(redirected.width(), REDIRECTED_WIDTH);
    }

    #[test]
    fn json_ends_with_a_newline() {
        let value = serde_json::json!({ "a": [1] });
        assert_eq!(
            json(&value, JsonLayout::Line).ok().as_deref(),
            Some("{\"a\":[1]}\n")
        );
        assert_eq!(
            json(&value, JsonLayout::Pretty).ok().as_deref(),
            Some("{\n  \"a\": [\n    1\n  ]\n}\n")
        );
    }
}
