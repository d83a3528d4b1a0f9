//! A small line chart of pain ratings (0-10) over days, for `progress` on a terminal: braille
//! dots where the terminal shows Unicode, `*` marks where it may not.
//!
//! The x axis is time, not the count of ratings, so a gap of two weeks looks like one. Each
//! rating is a dot; ratings next to each other are joined by a line, so the trend reads at a
//! glance even when a day holds two ratings.

// Dot positions are below a few hundred and every value is a rating or a day count that is
// already small: the casts between them and `f64` are exact or round an already rounded value.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use crate::figure::Glyphs;
use crate::figure::raster::braille_cell;

/// Rows of the plot, not counting the axis line under it.
pub const ROWS: usize = 5;
/// The label column: "10 ┤".
const LABEL: usize = 5;

/// One rating: days since the first rating (fractions allowed), and the pain 0-10.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rating {
    /// Days since the first rating shown.
    pub day: f64,
    /// Pain, 0 to 10.
    pub pain: u8,
}

/// The chart as lines without trailing spaces: `ROWS` rows of plot with labels 10, 5 and 0, then
/// the axis with the first and last dates (`from`, `to`) at its ends. `width` is the whole width
/// in columns; fewer than 2 ratings or a width under 20 gives no chart (an empty vector), and the
/// caller shows the numbers instead.
pub fn pain_chart(
    ratings: &[Rating],
    width: usize,
    glyphs: Glyphs,
    from: &str,
    to: &str,
) -> Vec<String> {
    if ratings.len() < 2 || width < 20 {
        return Vec::new();
    }
    let cells = width - LABEL;
    let (dots_x, dots_y) = match glyphs {
        Glyphs::Braille => (cells * 2, ROWS * 4),
        Glyphs::Ascii => (cells, ROWS),
    };
    let last_day = ratings.iter().map(|r| r.day).fold(0.0, f64::max).max(1.0);
    let at = |r: &Rating| {
        let x = (r.day / last_day * (dots_x - 1) as f64).round() as i64;
        let y = (f64::from(10 - r.pain.min(10)) / 10.0 * (dots_y - 1) as f64).round() as i64;
        (x, y)
    };
    let mut dots = vec![vec![false; dots_x]; dots_y];
    let mut plot = |x: i64, y: i64| {
        if let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) {
            if x < dots_x && y < dots_y {
                dots[y][x] = true;
            }
        }
    };
    for pair in ratings.windows(2) {
        let ((x0, y0), (x1, y1)) = (at(&pair[0]), at(&pair[1]));
        // Braille has room for the joining line; ASCII marks only the ratings themselves.
        if glyphs == Glyphs::Braille {
            line(x0, y0, x1, y1, &mut plot);
        } else {
            plot(x0, y0);
            plot(x1, y1);
        }
    }
    let rows: Vec<String> = match glyphs {
        Glyphs::Braille => (0..ROWS)
            .map(|row| braille_row(&dots, row, cells))
            .collect(),
        Glyphs::Ascii => dots
            .iter()
            .map(|row| row.iter().map(|&d| if d { '*' } else { ' ' }).collect())
            .collect(),
    };
    let (tick, corner, rule) = match glyphs {
        Glyphs::Braille => ('┤', '└', '─'),
        Glyphs::Ascii => ('|', '+', '-'),
    };
    let mut lines: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let label = match i {
                0 => "10",
                _ if i == ROWS / 2 => "5",
                _ if i == ROWS - 1 => "0",
                _ => "",
            };
            format!("{label:>3} {tick}{row}").trim_end().to_owned()
        })
        .collect();
    lines.push(format!(
        "{:>3} {corner}{}",
        "",
        rule.to_string().repeat(cells)
    ));
    let gap = (cells + 1).saturating_sub(from.chars().count() + to.chars().count());
    lines.push(format!("{:>4}{from}{}{to}", "", " ".repeat(gap.max(1))));
    lines
}

/// One text row of braille cells (each cell is 2 dots across and 4 down).
fn braille_row(dots: &[Vec<bool>], row: usize, cells: usize) -> String {
    (0..cells)
        .map(|cell| braille_cell(|dx, dy| dots[row * 4 + dy][cell * 2 + dx]))
        .collect()
}

/// Bresenham's line from (x0, y0) to (x1, y1), both ends included.
fn line(x0: i64, y0: i64, x1: i64, y1: i64, plot: &mut impl FnMut(i64, i64)) {
    let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
    let (sx, sy) = (if x0 < x1 { 1 } else { -1 }, if y0 < y1 { 1 } else { -1 });
    let (mut x, mut y, mut err) = (x0, y0, dx + dy);
    loop {
        plot(x, y);
        if x == x1 && y == y1 {
            return;
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratings(pains: &[u8]) -> Vec<Rating> {
        pains
            .iter()
            .enumerate()
            .map(|(i, &pain)| Rating {
                day: i as f64 * 7.0,
                pain,
            })
            .collect()
    }

    #[test]
    fn a_falling_pain_starts_high_on_the_left_and_ends_low_on_the_right() {
        let chart = pain_chart(
            &ratings(&[8, 6, 4, 2]),
            40,
            Glyphs::Ascii,
            "1 Nov",
            "22 Nov",
        );
        assert_eq!(chart.len(), ROWS + 2);
        // 8 of 10 is on the second row from the top, at the first column of the plot.
        assert_eq!(chart[1].find('*'), Some(LABEL));
        // 2 of 10 is on the second row from the bottom, at the last column.
        assert_eq!(chart[ROWS - 2].rfind('*'), Some(39));
        assert!(chart[ROWS + 1].trim_start().starts_with("1 Nov"));
        assert!(chart[ROWS + 1].ends_with("22 Nov"));
        assert!(chart.iter().all(|l| l.chars().count() <= 40), "{chart:#?}");
    }

    #[test]
    fn braille_joins_the_ratings_with_a_line() {
        let chart = pain_chart(&ratings(&[0, 10]), 25, Glyphs::Braille, "a", "b");
        // A line from the bottom left to the top right touches every plot row.
        for row in &chart[..ROWS] {
            assert!(
                row.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
                "{chart:#?}"
            );
        }
        assert!(chart[0].starts_with(" 10 ┤"));
        assert!(chart[ROWS - 1].starts_with("  0 ┤"));
    }

    #[test]
    fn too_few_ratings_or_too_little_room_draws_nothing() {
        assert!(pain_chart(&ratings(&[5]), 60, Glyphs::Braille, "a", "b").is_empty());
        assert!(pain_chart(&ratings(&[5, 6]), 19, Glyphs::Braille, "a", "b").is_empty());
    }

    #[test]
    fn ratings_on_one_day_do_not_divide_by_zero() {
        let same_day = [Rating { day: 0.0, pain: 3 }, Rating { day: 0.0, pain: 7 }];
        let chart = pain_chart(&same_day, 30, Glyphs::Ascii, "a", "a");
        assert_eq!(chart.iter().filter(|l| l.contains('*')).count(), 2);
    }
}
