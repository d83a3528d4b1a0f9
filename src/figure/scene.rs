//! A frame of a pose as strokes: the one description of the drawing every output shares.

use crate::model::pose::{BONES, Facing, Frame, Joint, Point, Pose, Prop, PropKind, Side};

/// Radius of the head, in figure units.
pub const HEAD_RADIUS: f64 = 4.5;
/// Seat depth and back height of a chair; length of a table top (figure units).
const SEAT_DEPTH: f64 = 16.0;
const BACK_HEIGHT: f64 = 22.0;
const TABLE_LENGTH: f64 = 28.0;
const TABLE_LEG_INSET: f64 = 2.0;
const CUSHION_HALF_WIDTH: f64 = 8.0;
const CUSHION_HALF_HEIGHT: f64 = 2.5;
const WALL_HEIGHT: f64 = 78.0;

/// What a line belongs to, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// The trunk, the head and the limbs on the side nearer the viewer: solid.
    Near,
    /// The limbs on the far side: dashed or lighter, so crossed legs stay readable.
    Far,
    /// Floor, wall, chair, table, cushion: thin.
    Prop,
}

#[derive(Debug, Clone, Copy, PartialEq)]
/// One straight stroke.
pub struct Line {
    /// One end.
    pub a: Point,
    /// The other end.
    pub b: Point,
    /// How it is drawn.
    pub ink: Ink,
}

/// One frame, ready to draw: props first (behind), then far limbs, then near limbs and trunk.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Every stroke, in drawing order.
    pub lines: Vec<Line>,
    /// The centre of the head, drawn as a circle of [`HEAD_RADIUS`].
    pub head: Point,
}

/// An axis-aligned box in figure units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// The lower left corner.
    pub min: Point,
    /// The upper right corner.
    pub max: Point,
}

impl Bounds {
    /// Across, in figure units.
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    /// Up, in figure units.
    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    fn include(&mut self, p: Point) {
        self.min.x = self.min.x.min(p.x);
        self.min.y = self.min.y.min(p.y);
        self.max.x = self.max.x.max(p.x);
        self.max.y = self.max.y.max(p.y);
    }
}

/// The frame of `pose` as strokes.
pub fn scene(pose: &Pose, frame: &Frame) -> Scene {
    let mut lines = Vec::new();
    for prop in &pose.props {
        prop_lines(prop, pose, &mut lines);
    }
    let mut body: Vec<Line> = BONES
        .iter()
        .filter(|(_, to)| *to != Joint::Head)
        .map(|&(from, to)| Line {
            a: frame.at(from),
            b: frame.at(to),
            ink: ink_of(to, pose.near),
        })
        .collect();
    // The neck runs to the rim of the head, not its centre.
    let (neck, head) = (frame.at(Joint::Neck), frame.at(Joint::Head));
    let length = neck.distance(head);
    if length > HEAD_RADIUS {
        let t = (length - HEAD_RADIUS) / length;
        body.push(Line {
            a: neck,
            b: Point {
                x: neck.x + (head.x - neck.x) * t,
                y: neck.y + (head.y - neck.y) * t,
            },
            ink: Ink::Near,
        });
    }
    body.sort_by_key(|l| l.ink != Ink::Far);
    lines.extend(body);
    Scene { lines, head }
}

fn ink_of(joint: Joint, near: Side) -> Ink {
    match joint.side() {
        Some(side) if side != near => Ink::Far,
        _ => Ink::Near,
    }
}

fn prop_lines(prop: &Prop, pose: &Pose, out: &mut Vec<Line>) {
    let at = prop.at;
    let dir = match prop.facing {
        Facing::Left => -1.0,
        Facing::Right => 1.0,
    };
    let point = |x: f64, y: f64| Point { x, y };
    let mut line = |from: Point, to: Point| {
        out.push(Line {
            a: from,
            b: to,
            ink: Ink::Prop,
        });
    };
    match prop.kind {
        PropKind::Floor => {
            let area = bounds(pose);
            line(point(area.min.x, at.y), point(area.max.x, at.y));
        }
        PropKind::Wall => line(point(at.x, 0.0), point(at.x, WALL_HEIGHT)),
        PropKind::Chair => {
            let front = at.x + dir * SEAT_DEPTH;
            line(point(at.x, 0.0), point(at.x, at.y + BACK_HEIGHT));
            line(point(at.x, at.y), point(front, at.y));
            line(point(front, at.y), point(front, 0.0));
        }
        PropKind::Table => {
            let far = at.x + dir * TABLE_LENGTH;
            line(point(at.x, at.y), point(far, at.y));
            line(
                point(at.x + dir * TABLE_LEG_INSET, at.y),
                point(at.x + dir * TABLE_LEG_INSET, 0.0),
            );
            line(
                point(far - dir * TABLE_LEG_INSET, at.y),
                point(far - dir * TABLE_LEG_INSET, 0.0),
            );
        }
        PropKind::Cushion => {
            let (l, r) = (at.x - CUSHION_HALF_WIDTH, at.x + CUSHION_HALF_WIDTH);
            let (b, t) = (at.y - CUSHION_HALF_HEIGHT, at.y + CUSHION_HALF_HEIGHT);
            line(point(l, b), point(r, b));
            line(point(r, b), point(r, t));
            line(point(r, t), point(l, t));
            line(point(l, t), point(l, b));
        }
    }
}

/// The box holding every frame of the pose (head included) and its furniture, so all frames are
/// drawn at one scale and the movement between them shows.
pub fn bounds(pose: &Pose) -> Bounds {
    let mut b = Bounds {
        min: Point {
            x: f64::INFINITY,
            y: f64::INFINITY,
        },
        max: Point {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        },
    };
    for frame in &pose.frames {
        for (i, point) in frame.joints.iter().enumerate() {
            b.include(*point);
            if i == Joint::Head.index() {
                b.include(Point {
                    x: point.x - HEAD_RADIUS,
                    y: point.y - HEAD_RADIUS,
                });
                b.include(Point {
                    x: point.x + HEAD_RADIUS,
                    y: point.y + HEAD_RADIUS,
                });
            }
        }
    }
    for prop in &pose.props {
        let dir = if prop.facing == Facing::Left {
            -1.0
        } else {
            1.0
        };
        let at = prop.at;
        let left = b.min.x;
        let mut extent = |x: f64, y: f64| b.include(Point { x, y });
        match prop.kind {
            // The floor spans the figure; it only needs its height.
            PropKind::Floor => extent(left, at.y),
            PropKind::Wall => {
                extent(at.x, 0.0);
                extent(at.x, WALL_HEIGHT);
            }
            PropKind::Chair => {
                extent(at.x, 0.0);
                extent(at.x + dir * SEAT_DEPTH, at.y + BACK_HEIGHT);
            }
            PropKind::Table => {
                extent(at.x, 0.0);
                extent(at.x + dir * TABLE_LENGTH, at.y);
            }
            PropKind::Cushion => {
                extent(at.x - CUSHION_HALF_WIDTH, at.y - CUSHION_HALF_HEIGHT);
                extent(at.x + CUSHION_HALF_WIDTH, at.y + CUSHION_HALF_HEIGHT);
            }
        }
    }
    if !b.min.x.is_finite() {
        return Bounds {
            min: Point::default(),
            max: Point { x: 1.0, y: 1.0 },
        };
    }
    b
}

/// Points of the head's outline, for outputs that draw circles as polygons.
pub fn head_outline(head: Point, radius: f64, points: u32) -> Vec<Point> {
    (0..=points)
        .map(|i| {
            let angle = std::f64::consts::TAU * f64::from(i) / f64::from(points);
            Point {
                x: head.x + radius * angle.cos(),
                y: head.y + radius * angle.sin(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pose::{JOINT_COUNT, Side};

    fn standing() -> Pose {
        let mut joints = [Point { x: 50.0, y: 40.0 }; JOINT_COUNT];
        joints[Joint::Head.index()] = Point { x: 50.0, y: 72.0 };
        joints[Joint::Neck.index()] = Point { x: 50.0, y: 64.0 };
        joints[Joint::FootLeft.index()] = Point { x: 56.0, y: 0.0 };
        let frame = Frame {
            name: "start".to_owned(),
            joints,
        };
        Pose {
            stretch: 0,
            near: Side::Right,
            props: vec![Prop {
                kind: PropKind::Wall,
                at: Point { x: 30.0, y: 0.0 },
                facing: Facing::Right,
            }],
            frames: vec![frame.clone(), frame],
            arrow: None,
        }
    }

    #[test]
    fn far_limbs_are_drawn_first_and_dashed() {
        let pose = standing();
        let scene = scene(&pose, pose.start());
        let kinds: Vec<Ink> = scene.lines.iter().map(|l| l.ink).collect();
        assert_eq!(kinds[0], Ink::Prop, "furniture behind");
        let far = kinds.iter().filter(|&&k| k == Ink::Far).count();
        assert_eq!(far, 7, "the left shoulder, arm and leg bones");
        let first_near = kinds.iter().position(|&k| k == Ink::Near).unwrap_or(0);
        assert!(kinds[first_near..].iter().all(|&k| k == Ink::Near));
        // The neck stops at the rim of the head.
        let neck = scene.lines.last().map(|l| l.b.y).unwrap_or_default();
        assert!((neck - (72.0 - HEAD_RADIUS)).abs() < 1e-9);
    }

    #[test]
    fn bounds_hold_the_head_and_the_furniture() {
        let b = bounds(&standing());
        let close = |found: f64, expected: f64| (found - expected).abs() < 1e-9;
        assert!(close(b.min.x, 30.0), "the wall");
        assert!(close(b.max.y, WALL_HEIGHT));
        assert!(close(b.min.y, 0.0));
        assert!(close(b.max.x, 56.0));
    }
}
