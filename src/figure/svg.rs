//! Line art as SVG: the frames of a stretch side by side, an arrow for the movement.
//!
//! Self-contained (no fonts, images or styles from elsewhere), stroke-only and black on white,
//! so the same text works as a file, inline in the printed sheet and on a black-and-white
//! printer.

// Frame counts and row numbers are a handful: converting them to `f64` is exact.
#![allow(clippy::cast_precision_loss)]

use super::scene::{Bounds, HEAD_RADIUS, Ink, bounds, scene};
use crate::model::pose::{Point, Pose};
use std::fmt::Write;

/// Figure units of margin around each frame and between frames.
const MARGIN: f64 = 4.0;
const GAP: f64 = 10.0;
/// Room under each frame for its label ("start", "end").
/// Labels are a fixed share of the panel's height, so every figure on a sheet, scaled to the
/// same height, has labels of the same size.
const LABEL_SHARE: f64 = 0.09;
/// Stroke widths in CSS pixels, whatever the figure's scale (`non-scaling-stroke`): the lines of
/// a small lying figure and a tall standing one print equally bold.
const NEAR_WIDTH: f64 = 2.4;
const FAR_WIDTH: f64 = 1.8;
const PROP_WIDTH: f64 = 1.1;
const FIXED: &str = " vector-effect=\"non-scaling-stroke\"";

/// `pose` as an SVG document titled `name` (the stretch's name). `pixel_width`, when given, sets
/// the width attribute; without it the picture scales to its container.
pub fn figure_svg(pose: &Pose, name: &str, pixel_width: Option<u32>) -> String {
    let size = pixel_width
        .map(|w| format!(" width=\"{w}\""))
        .unwrap_or_default();
    svg_element(pose, name, &size)
}

/// Width and height of a row in [`routine_svg`], in its units; each figure fits inside, centred.
const ROW_WIDTH: f64 = 240.0;
const ROW_HEIGHT: f64 = 80.0;
const ROW_TITLE: f64 = 12.0;
/// The routine picture's natural width in pixels (strokes are in pixels, so it needs one).
const ROUTINE_PIXELS: u32 = 720;

/// Several stretches in one SVG, one row each under a numbered title (`routine show --format
/// svg`).
pub fn routine_svg(title: &str, steps: &[(String, &Pose)]) -> String {
    let row = ROW_TITLE + ROW_HEIGHT;
    let height = ROW_TITLE + row * steps.len() as f64;
    let title = xml_escape(title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{ROUTINE_PIXELS}\" role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n<text x=\"4\" y=\"9\" font-family=\"sans-serif\" font-size=\"8\" font-weight=\"bold\">{title}</text>\n",
        num(ROW_WIDTH),
        num(height)
    );
    for (i, (name, pose)) in steps.iter().enumerate() {
        let top = ROW_TITLE + row * i as f64;
        let _ = writeln!(
            out,
            "<text x=\"4\" y=\"{}\" font-family=\"sans-serif\" font-size=\"6.5\">{}. {}</text>",
            num(top + 8.0),
            i + 1,
            xml_escape(name)
        );
        let place = format!(
            " x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"",
            num(top + ROW_TITLE - 2.0),
            num(ROW_WIDTH),
            num(ROW_HEIGHT)
        );
        out.push_str(&svg_element(pose, name, &place));
    }
    out.push_str("</svg>\n");
    out
}

/// One pose as an `<svg>` element carrying `attributes` (size or placement).
fn svg_element(pose: &Pose, name: &str, attributes: &str) -> String {
    let b = bounds(pose);
    let panel_w = b.width() + 2.0 * MARGIN;
    let panel_h = b.height() + 2.0 * MARGIN;
    let n = pose.frames.len() as f64;
    let width = n * panel_w + (n - 1.0) * GAP;
    let label_size = (panel_h * LABEL_SHARE).max(4.0);
    let height = panel_h + label_size * 1.5;
    let name = xml_escape(name);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\"{attributes} role=\"img\" aria-label=\"{name}\">\n<title>{name}</title>\n",
        num(width),
        num(height)
    );
    let _ = writeln!(
        out,
        "<g fill=\"none\" stroke=\"#000\" stroke-linecap=\"round\" stroke-linejoin=\"round\">"
    );
    for (i, frame) in pose.frames.iter().enumerate() {
        let dx = i as f64 * (panel_w + GAP);
        let place = Place { b, dx };
        let scene = scene(pose, frame);
        let _ = writeln!(out, "<g>");
        for line in &scene.lines {
            let (a, z) = (place.at(line.a), place.at(line.b));
            let style = match line.ink {
                Ink::Near => format!("stroke-width=\"{}\"{FIXED}", num(NEAR_WIDTH)),
                Ink::Far => format!(
                    "stroke-width=\"{}\" stroke-dasharray=\"5 3\"{FIXED}",
                    num(FAR_WIDTH)
                ),
                Ink::Prop => format!(
                    "stroke-width=\"{}\" stroke=\"#444\"{FIXED}",
                    num(PROP_WIDTH)
                ),
            };
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {style}/>",
                num(a.x),
                num(a.y),
                num(z.x),
                num(z.y)
            );
        }
        let head = place.at(scene.head);
        let _ = writeln!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" stroke-width=\"{}\"{FIXED}/>",
            num(head.x),
            num(head.y),
            num(HEAD_RADIUS),
            num(NEAR_WIDTH)
        );
        if i + 1 == pose.frames.len() {
            if let Some(arrow) = pose.arrow {
                write_arrow(&mut out, place.at(arrow.from), place.at(arrow.to));
            }
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#000\" stroke=\"none\" font-family=\"sans-serif\" font-size=\"{}\" text-anchor=\"middle\">{}</text>",
            num(dx + panel_w / 2.0),
            num(height - label_size * 0.4),
            num(label_size),
            xml_escape(&frame.name)
        );
        let _ = writeln!(out, "</g>");
        if i + 1 < pose.frames.len() {
            // A small chevron between frames: "then".
            let x = dx + panel_w + GAP / 2.0;
            let y = panel_h / 2.0;
            let _ = writeln!(
                out,
                "<polyline points=\"{},{} {},{} {},{}\" stroke-width=\"1.5\" stroke=\"#444\"{FIXED}/>",
                num(x - 2.0),
                num(y - 3.0),
                num(x + 1.5),
                num(y),
                num(x - 2.0),
                num(y + 3.0)
            );
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// Maps figure units (y up) to one panel's SVG units (y down).
struct Place {
    b: Bounds,
    dx: f64,
}

impl Place {
    fn at(&self, p: Point) -> Point {
        Point {
            x: self.dx + MARGIN + (p.x - self.b.min.x),
            y: MARGIN + (self.b.max.y - p.y),
        }
    }
}

/// A gently curved arrow from where a joint starts to where it ends, shortened so its head does
/// not sit on the figure's line.
fn write_arrow(out: &mut String, from: Point, to: Point) {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = dx.hypot(dy);
    if length < 6.0 {
        return;
    }
    let (ux, uy) = (dx / length, dy / length);
    let start = Point {
        x: from.x + ux * 2.0,
        y: from.y + uy * 2.0,
    };
    let end = Point {
        x: to.x - ux * 3.0,
        y: to.y - uy * 3.0,
    };
    // Bow to one side by a fifth of the length.
    let bow = length / 5.0;
    let control = Point {
        x: f64::midpoint(start.x, end.x) - uy * bow,
        y: f64::midpoint(start.y, end.y) + ux * bow,
    };
    let _ = writeln!(
        out,
        "<path d=\"M{} {} Q{} {} {} {}\" stroke-width=\"1.3\" stroke-dasharray=\"4 3\"{FIXED}/>",
        num(start.x),
        num(start.y),
        num(control.x),
        num(control.y),
        num(end.x),
        num(end.y)
    );
    // The head points along the curve's last tangent (control -> end).
    let (tx, ty) = (end.x - control.x, end.y - control.y);
    let t = tx.hypot(ty).max(f64::EPSILON);
    let (tx, ty) = (tx / t, ty / t);
    let size = 3.0;
    let left = Point {
        x: end.x - tx * size - ty * size * 0.6,
        y: end.y - ty * size + tx * size * 0.6,
    };
    let right = Point {
        x: end.x - tx * size + ty * size * 0.6,
        y: end.y - ty * size - tx * size * 0.6,
    };
    let _ = writeln!(
        out,
        "<polygon points=\"{},{} {},{} {},{}\" fill=\"#000\" stroke-width=\"0.5\"/>",
        num(end.x),
        num(end.y),
        num(left.x),
        num(left.y),
        num(right.x),
        num(right.y)
    );
}

/// A coordinate with one decimal, without a trailing `.0`, so snapshots stay short and stable.
fn num(v: f64) -> String {
    let text = format!("{:.1}", (v * 10.0).round() / 10.0);
    match text.strip_suffix(".0") {
        Some("-0") => "0".to_owned(),
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// Text made safe inside XML and HTML, in content and in quoted attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.04), "3");
        assert_eq!(num(3.06), "3.1");
        assert_eq!(num(-0.24), "-0.2");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(120.55), "120.6");
    }

    #[test]
    fn text_cannot_break_out_of_the_markup() {
        assert_eq!(
            xml_escape("a<b>&\"c\"'d'\u{1b}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; "
        );
    }
}
