//! The figure for a terminal: braille dots (2 x 4 to a cell) where the terminal shows Unicode,
//! plain ASCII strokes where it may not (`TERM=dumb`, a non-UTF-8 locale).
//!
//! Each frame is a box of [`CELLS_WIDE`] x [`CELLS_HIGH`] cells; the start and the end stand side
//! by side with an arrow between, and blank rows above both are dropped, so a figure lying on the
//! floor takes three lines, not eight.

// Dot and cell positions are below 100 and coordinates inside the figure box: every cast
// between them and `f64` here is exact, or rounds a value already rounded.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap
)]

use super::scene::{Bounds, HEAD_RADIUS, Ink, bounds, head_outline, scene};
use crate::model::pose::{Frame, Point, Pose};

/// Character cells across one frame.
pub const CELLS_WIDE: usize = 20;
/// Character cells down one frame.
pub const CELLS_HIGH: usize = 8;
const DOTS_WIDE: usize = CELLS_WIDE * 2;
const DOTS_HIGH: usize = CELLS_HIGH * 4;

/// Which characters the terminal can show; decided by the binary from the locale and `TERM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs {
    /// Braille patterns (U+2800 to U+28FF).
    Braille,
    /// `/ \ | - _ O` only.
    Ascii,
}

/// The start and end frames of `pose` side by side, one string per line, no trailing spaces.
pub fn terminal_figure(pose: &Pose, glyphs: Glyphs) -> Vec<String> {
    let b = bounds(pose);
    let panels: Vec<Vec<String>> = [pose.start(), pose.end()]
        .iter()
        .map(|frame| match glyphs {
            Glyphs::Braille => braille(pose, frame, b),
            Glyphs::Ascii => ascii(pose, frame, b),
        })
        .collect();
    let blank = |row: usize| panels.iter().all(|p| p[row].trim().is_empty());
    let first = (0..CELLS_HIGH).find(|&r| !blank(r)).unwrap_or(0);
    let middle = first + (CELLS_HIGH - first) / 2;
    let arrow = match glyphs {
        Glyphs::Braille => "  →  ",
        Glyphs::Ascii => " --> ",
    };
    (first..CELLS_HIGH)
        .map(|row| {
            let between = if row == middle { arrow } else { "     " };
            let line = format!("{}{between}{}", panels[0][row], panels[1][row]);
            line.trim_end().to_owned()
        })
        .collect()
}

/// Figure units to dot coordinates (x right, y down), the same for every frame of a pose.
struct Fit {
    b: Bounds,
    scale: f64,
    dx: f64,
}

impl Fit {
    fn new(b: Bounds) -> Fit {
        let scale = ((DOTS_WIDE - 1) as f64 / b.width().max(1.0))
            .min((DOTS_HIGH - 1) as f64 / b.height().max(1.0));
        let dx = ((DOTS_WIDE - 1) as f64 - b.width() * scale) / 2.0;
        Fit { b, scale, dx }
    }

    fn at(&self, p: Point) -> (i64, i64) {
        let x = self.dx + (p.x - self.b.min.x) * self.scale;
        let y = (DOTS_HIGH - 1) as f64 - (p.y - self.b.min.y) * self.scale;
        (x.round() as i64, y.round() as i64)
    }
}

/// Every dot on the line from `a` to `b` (Bresenham), with its position along the line.
fn line_dots(a: (i64, i64), b: (i64, i64), mut plot: impl FnMut(i64, i64, usize)) {
    let (mut x, mut y) = a;
    let dx = (b.0 - x).abs();
    let dy = -(b.1 - y).abs();
    let sx = if x < b.0 { 1 } else { -1 };
    let sy = if y < b.1 { 1 } else { -1 };
    let mut err = dx + dy;
    let mut step = 0;
    loop {
        plot(x, y, step);
        if (x, y) == b {
            break;
        }
        let e2 = 2 * err;
        if e2 >= dy {
            err += dy;
            x += sx;
        }
        if e2 <= dx {
            err += dx;
            y += sy;
        }
        step += 1;
    }
}

/// Braille dot numbering: bits 0, 1, 2, 6 down the left column, 3, 4, 5, 7 down the right.
const BITS: [[u32; 2]; 4] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]];

fn braille(pose: &Pose, frame: &Frame, b: Bounds) -> Vec<String> {
    let fit = Fit::new(b);
    let mut dots = [[false; DOTS_WIDE]; DOTS_HIGH];
    let mut set = |x: i64, y: i64| {
        if let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) {
            if x < DOTS_WIDE && y < DOTS_HIGH {
                dots[y][x] = true;
            }
        }
    };
    let scene = scene(pose, frame);
    for line in &scene.lines {
        // Far limbs dotted, so a crossed leg reads as behind.
        let every = if line.ink == Ink::Far { 2 } else { 1 };
        line_dots(fit.at(line.a), fit.at(line.b), |x, y, step| {
            if step % every == 0 {
                set(x, y);
            }
        });
    }
    let outline = head_outline(
        scene.head,
        (HEAD_RADIUS * fit.scale).max(1.5) / fit.scale,
        10,
    );
    for pair in outline.windows(2) {
        line_dots(fit.at(pair[0]), fit.at(pair[1]), |x, y, _| set(x, y));
    }
    (0..CELLS_HIGH)
        .map(|row| {
            (0..CELLS_WIDE)
                .map(|col| braille_cell(|dx, dy| dots[row * 4 + dy][col * 2 + dx]))
                .collect()
        })
        .collect()
}

/// One braille character from its 2 x 4 dots (`dot(column, row)` within the cell); a space when
/// none is set. Shared by the figures and the pain chart.
pub fn braille_cell(dot: impl Fn(usize, usize) -> bool) -> char {
    let mut bits = 0;
    for (dy, row_bits) in BITS.iter().enumerate() {
        for (dx, bit) in row_bits.iter().enumerate() {
            if dot(dx, dy) {
                bits |= bit;
            }
        }
    }
    if bits == 0 {
        ' '
    } else {
        char::from_u32(0x2800 + bits).unwrap_or(' ')
    }
}

fn ascii(pose: &Pose, frame: &Frame, b: Bounds) -> Vec<String> {
    let fit = Fit::new(b);
    let mut cells = [[' '; CELLS_WIDE]; CELLS_HIGH];
    let cell = |(x, y): (i64, i64)| (x.div_euclid(2), y.div_euclid(4));
    let mut put = |x: i64, y: i64, c: char| {
        if let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) {
            if x < CELLS_WIDE && y < CELLS_HIGH && (cells[y][x] == ' ' || cells[y][x] == '_') {
                cells[y][x] = c;
            }
        }
    };
    let scene = scene(pose, frame);
    // Body first so it wins over the furniture where they meet.
    let mut lines = scene.lines.clone();
    lines.sort_by_key(|l| l.ink == Ink::Prop);
    for line in &lines {
        let (a, z) = (fit.at(line.a), fit.at(line.b));
        // Cells are about twice as tall as wide: compare in screen proportions.
        let (dx, dy) = ((z.0 - a.0) as f64, (z.1 - a.1) as f64);
        let c = if line.ink == Ink::Prop && dy.abs() < dx.abs() {
            '_'
        } else if dy.abs() * 2.0 < dx.abs() {
            '-'
        } else if dx.abs() * 2.0 < dy.abs() {
            '|'
        } else if (dx > 0.0) == (dy > 0.0) {
            '\\'
        } else {
            '/'
        };
        line_dots(cell(a), cell(z), |x, y, _| put(x, y, c));
    }
    let (hx, hy) = cell(fit.at(scene.head));
    if let (Ok(x), Ok(y)) = (usize::try_from(hx), usize::try_from(hy)) {
        if x < CELLS_WIDE && y < CELLS_HIGH {
            cells[y][x] = 'O';
        }
    }
    cells.iter().map(|row| row.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bresenham_visits_both_ends_and_no_gaps() {
        let mut seen = Vec::new();
        line_dots((0, 0), (5, 2), |x, y, step| seen.push((x, y, step)));
        assert_eq!(seen.first(), Some(&(0, 0, 0)));
        assert_eq!(seen.last().map(|&(x, y, _)| (x, y)), Some((5, 2)));
        assert_eq!(seen.len(), 6, "one dot per column on a shallow line");
        for pair in seen.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!((a.0 - b.0).abs() <= 1 && (a.1 - b.1).abs() <= 1, "{seen:?}");
        }
        let mut single = 0;
        line_dots((3, 3), (3, 3), |_, _, _| single += 1);
        assert_eq!(single, 1);
    }

    #[test]
    fn the_fit_keeps_proportions_and_puts_the_floor_on_the_bottom_row() {
        let b = Bounds {
            min: Point { x: 0.0, y: 0.0 },
            max: Point { x: 100.0, y: 20.0 },
        };
        let fit = Fit::new(b);
        // Wide: the width decides the scale, and the floor is the last dot row.
        assert_eq!(
            fit.at(Point { x: 0.0, y: 0.0 }),
            (0, (DOTS_HIGH - 1) as i64)
        );
        assert_eq!(fit.at(Point { x: 100.0, y: 0.0 }).0, (DOTS_WIDE - 1) as i64);
        let tall = Fit::new(Bounds {
            min: Point { x: 0.0, y: 0.0 },
            max: Point { x: 10.0, y: 80.0 },
        });
        // Tall: the height decides, and the figure is centred across.
        assert_eq!(tall.at(Point { x: 5.0, y: 80.0 }), (20, 0));
    }
}
