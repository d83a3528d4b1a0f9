//! poses.json: the stick figures the pictures are drawn from, checked like every other rule.
//!
//! A picture that contradicts its steps misleads as much as a wrong sentence, so the checks are
//! strict: every stretch has a pose, every frame names every joint (and nothing else), all of it
//! inside the figure box, and each bone keeps its length from frame to frame.

use super::{Compiler, ids};
use crate::knowledge::locate::JsonPath;
use crate::model::pose::{
    Arrow, BONES, FIGURE_HEIGHT, FIGURE_WIDTH, Facing, Frame, JOINT_COUNT, Joint, Point, Pose,
    Prop, PropKind, Side,
};
use crate::model::{RuleFileKind, Stretch};
use crate::suggest::unknown_id;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::fmt;

const FILE: RuleFileKind = RuleFileKind::Poses;

/// How far a bone may stretch or shrink between frames: a tenth of its length, and never less
/// than one figure unit (short bones drawn a unit off are still the same bone).
const LENGTH_TOLERANCE: f64 = 0.10;
const LENGTH_SLACK: f64 = 1.0;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PosesFile {
    pub(crate) version: u32,
    pub(crate) poses: Vec<RawPose>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPose {
    stretch: String,
    near: RawSide,
    #[serde(default)]
    props: Vec<RawProp>,
    frames: Vec<RawFrame>,
    #[serde(default)]
    arrow: Option<RawArrow>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawSide {
    Left,
    Right,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProp {
    kind: RawPropKind,
    #[serde(default)]
    at: Option<[f64; 2]>,
    #[serde(default)]
    facing: Option<RawSide>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawPropKind {
    Floor,
    Wall,
    Chair,
    Table,
    Cushion,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrame {
    name: String,
    joints: RawJoints,
}

/// The joints of a frame in file order, duplicates kept: a map type would silently keep only
/// the last of two `knee_left`s, and a drawing with a stray duplicate must be refused, not
/// half-used.
#[derive(Debug)]
struct RawJoints(Vec<(String, [f64; 2])>);

impl<'de> Deserialize<'de> for RawJoints {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = RawJoints;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of joint names and [x, y] points")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawJoints, A::Error> {
                let mut joints = Vec::new();
                while let Some(entry) = map.next_entry::<String, [f64; 2]>()? {
                    joints.push(entry);
                }
                Ok(RawJoints(joints))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArrow {
    /// A joint where it is in the start frame, or a point.
    from: RawAnchor,
    /// A joint where it is in the end frame, or a point.
    to: RawAnchor,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawAnchor {
    Joint(String),
    Point([f64; 2]),
}

impl Compiler<'_> {
    /// The poses in stretch order, one per stretch.
    pub(super) fn poses(&mut self, raw: &[RawPose], stretches: &[Stretch]) -> Vec<Pose> {
        let list = JsonPath::default().key("poses");
        let mut by_stretch: Vec<Option<Pose>> = vec![None; stretches.len()];
        for (i, raw_pose) in raw.iter().enumerate() {
            let path = list.index(i);
            let Some(stretch) = self.stretch_index.get(&raw_pose.stretch).copied() else {
                let message = unknown_id("stretch", &raw_pose.stretch, ids(&self.stretch_index));
                self.fault(FILE, &path.key("stretch"), message);
                continue;
            };
            if by_stretch[stretch].is_some() {
                self.fault(
                    FILE,
                    &path.key("stretch"),
                    format!("stretch `{}` already has a pose", raw_pose.stretch),
                );
                continue;
            }
            by_stretch[stretch] = Some(self.pose(&path, stretch, raw_pose));
        }
        let mut poses = Vec::with_capacity(stretches.len());
        for (stretch, pose) in stretches.iter().zip(by_stretch) {
            match pose {
                Some(pose) => poses.push(pose),
                None => self.fault(
                    FILE,
                    &list,
                    format!(
                        "stretch `{}` has no pose; every stretch needs a start and an end figure",
                        stretch.id
                    ),
                ),
            }
        }
        poses
    }

    fn pose(&mut self, path: &JsonPath, stretch: usize, raw: &RawPose) -> Pose {
        let props = raw
            .props
            .iter()
            .enumerate()
            .map(|(i, p)| self.prop(&path.key("props").index(i), p))
            .collect();
        let frames_path = path.key("frames");
        let checked: Vec<(Frame, bool)> = raw
            .frames
            .iter()
            .enumerate()
            .map(|(i, f)| self.frame(&frames_path.index(i), f))
            .collect();
        let complete = checked.iter().all(|(_, complete)| *complete);
        let frames: Vec<Frame> = checked.into_iter().map(|(frame, _)| frame).collect();
        self.frame_names(&frames_path, &frames);
        // Bones are compared only between complete frames: a missing joint is already a
        // fault, and measuring from its placeholder would report bones that are fine.
        if complete {
            self.bone_lengths(&frames_path, &frames);
        }
        let arrow = raw.arrow.as_ref().and_then(|a| {
            let (start, end) = (frames.first()?, frames.last()?);
            let arrow_path = path.key("arrow");
            Some(Arrow {
                from: self.anchor(&arrow_path.key("from"), &a.from, start),
                to: self.anchor(&arrow_path.key("to"), &a.to, end),
            })
        });
        Pose {
            stretch,
            near: side(raw.near),
            props,
            frames,
            arrow,
        }
    }

    fn prop(&mut self, path: &JsonPath, raw: &RawProp) -> Prop {
        let kind = match raw.kind {
            RawPropKind::Floor => PropKind::Floor,
            RawPropKind::Wall => PropKind::Wall,
            RawPropKind::Chair => PropKind::Chair,
            RawPropKind::Table => PropKind::Table,
            RawPropKind::Cushion => PropKind::Cushion,
        };
        let at = match raw.at {
            Some(at) => self.point(&path.key("at"), at),
            None if kind == PropKind::Floor => Point::default(),
            None => {
                self.fault(
                    FILE,
                    path,
                    format!("a {} needs `at`: where it stands", kind.name()),
                );
                Point::default()
            }
        };
        let facing = match raw.facing.map(side) {
            Some(Side::Left) => Facing::Left,
            _ => Facing::Right,
        };
        Prop { kind, at, facing }
    }

    /// The frame, and whether it named every joint.
    fn frame(&mut self, path: &JsonPath, raw: &RawFrame) -> (Frame, bool) {
        let joints_path = path.key("joints");
        let mut joints = [Point::default(); JOINT_COUNT];
        let mut given = [false; JOINT_COUNT];
        for (name, at) in &raw.joints.0 {
            match Joint::from_name(name) {
                Some(joint) if given[joint.index()] => {
                    self.fault(
                        FILE,
                        &joints_path.key(name),
                        format!("joint `{name}` is given twice in frame `{}`", raw.name),
                    );
                }
                Some(joint) => {
                    joints[joint.index()] = self.point(&joints_path.key(name), *at);
                    given[joint.index()] = true;
                }
                None => {
                    let message = unknown_id("joint", name, Joint::ALL.iter().map(|j| j.name()));
                    self.fault(FILE, &joints_path.key(name), message);
                }
            }
        }
        let missing: Vec<&str> = Joint::ALL
            .iter()
            .filter(|j| !given[j.index()])
            .map(|j| j.name())
            .collect();
        if !missing.is_empty() {
            self.fault(
                FILE,
                &joints_path,
                format!("frame `{}` lacks joints {}", raw.name, missing.join(", ")),
            );
        }
        let frame = Frame {
            name: raw.name.clone(),
            joints,
        };
        (frame, missing.is_empty())
    }

    /// A point inside the figure box.
    fn point(&mut self, path: &JsonPath, [x, y]: [f64; 2]) -> Point {
        if !(0.0..=FIGURE_WIDTH).contains(&x) || !(0.0..=FIGURE_HEIGHT).contains(&y) {
            self.fault(
                FILE,
                path,
                format!(
                    "[{x}, {y}] is outside the figure box (x 0 to {FIGURE_WIDTH}, y 0 to {FIGURE_HEIGHT})"
                ),
            );
        }
        Point { x, y }
    }

    /// `start`, then an optional `middle`, then `end`.
    fn frame_names(&mut self, path: &JsonPath, frames: &[Frame]) {
        let names: Vec<&str> = frames.iter().map(|f| f.name.as_str()).collect();
        if !matches!(
            names.as_slice(),
            ["start", "end"] | ["start", "middle", "end"]
        ) {
            self.fault(
                FILE,
                path,
                format!(
                    "frames are named {names:?}; they must be [\"start\", \"end\"] or [\"start\", \"middle\", \"end\"]"
                ),
            );
        }
    }

    /// Every bone as long in each frame as in the first, within the tolerance.
    fn bone_lengths(&mut self, path: &JsonPath, frames: &[Frame]) {
        let Some((first, rest)) = frames.split_first() else {
            return;
        };
        for (i, frame) in rest.iter().enumerate() {
            for (from, to) in BONES {
                let expected = first.at(from).distance(first.at(to));
                let found = frame.at(from).distance(frame.at(to));
                if (found - expected).abs() > (expected * LENGTH_TOLERANCE).max(LENGTH_SLACK) {
                    self.fault(
                        FILE,
                        &path.index(i + 1).key("joints").key(to.name()),
                        format!(
                            "the bone from {} to {} is {found:.1} long in `{}` but {expected:.1} in `{}`; \
                             a limb keeps its length between frames (within 10%)",
                            from.name(),
                            to.name(),
                            frame.name,
                            first.name
                        ),
                    );
                }
            }
        }
    }

    /// A point, or where the named joint is in `frame`.
    fn anchor(&mut self, path: &JsonPath, raw: &RawAnchor, frame: &Frame) -> Point {
        match raw {
            RawAnchor::Point(at) => self.point(path, *at),
            RawAnchor::Joint(name) => {
                if let Some(joint) = Joint::from_name(name) {
                    frame.at(joint)
                } else {
                    let message = unknown_id("joint", name, Joint::ALL.iter().map(|j| j.name()));
                    self.fault(FILE, path, message);
                    Point::default()
                }
            }
        }
    }
}

fn side(raw: RawSide) -> Side {
    match raw {
        RawSide::Left => Side::Left,
        RawSide::Right => Side::Right,
    }
}
