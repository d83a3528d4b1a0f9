//! Stick-figure poses of the stretches (`rules/poses.json`): what the pictures are drawn from.
//!
//! A pose is data, like the stretch it shows, so a clinician can correct a drawing without
//! touching Rust. Coordinates are in figure units with `y` pointing up and the floor at `y = 0`;
//! every frame of one stretch shares the same space, so start and end can be compared.

/// The joints of the stick figure, in a fixed order (the index into [`Frame::joints`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Joint {
    /// The centre of the head (drawn as a circle around it).
    Head,
    /// Where the neck meets the trunk: the top of the spine line.
    Neck,
    /// The left shoulder.
    ShoulderLeft,
    /// The right shoulder.
    ShoulderRight,
    /// The left elbow.
    ElbowLeft,
    /// The right elbow.
    ElbowRight,
    /// The left hand (the fingertips).
    HandLeft,
    /// The right hand (the fingertips).
    HandRight,
    /// The left hip (both hips drawn at the hip joint).
    HipLeft,
    /// The right hip (both hips drawn at the hip joint).
    HipRight,
    /// The left knee.
    KneeLeft,
    /// The right knee.
    KneeRight,
    /// The left ankle.
    AnkleLeft,
    /// The right ankle.
    AnkleRight,
    /// The left foot (the toes).
    FootLeft,
    /// The right foot (the toes).
    FootRight,
}

/// How many joints a frame has.
pub const JOINT_COUNT: usize = 16;

impl Joint {
    /// Every joint, in the order of [`Frame::joints`].
    pub const ALL: [Joint; JOINT_COUNT] = [
        Joint::Head,
        Joint::Neck,
        Joint::ShoulderLeft,
        Joint::ShoulderRight,
        Joint::ElbowLeft,
        Joint::ElbowRight,
        Joint::HandLeft,
        Joint::HandRight,
        Joint::HipLeft,
        Joint::HipRight,
        Joint::KneeLeft,
        Joint::KneeRight,
        Joint::AnkleLeft,
        Joint::AnkleRight,
        Joint::FootLeft,
        Joint::FootRight,
    ];

    /// The name the rule file uses.
    pub fn name(self) -> &'static str {
        match self {
            Joint::Head => "head",
            Joint::Neck => "neck",
            Joint::ShoulderLeft => "shoulder_left",
            Joint::ShoulderRight => "shoulder_right",
            Joint::ElbowLeft => "elbow_left",
            Joint::ElbowRight => "elbow_right",
            Joint::HandLeft => "hand_left",
            Joint::HandRight => "hand_right",
            Joint::HipLeft => "hip_left",
            Joint::HipRight => "hip_right",
            Joint::KneeLeft => "knee_left",
            Joint::KneeRight => "knee_right",
            Joint::AnkleLeft => "ankle_left",
            Joint::AnkleRight => "ankle_right",
            Joint::FootLeft => "foot_left",
            Joint::FootRight => "foot_right",
        }
    }

    /// The joint with this rule-file name.
    pub fn from_name(name: &str) -> Option<Joint> {
        Joint::ALL.into_iter().find(|j| j.name() == name)
    }

    /// Position in [`Joint::ALL`] and [`Frame::joints`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Which side of the body the joint is on; `None` for the head and neck.
    pub fn side(self) -> Option<Side> {
        match self {
            Joint::Head | Joint::Neck => None,
            j if j.index() % 2 == 0 => Some(Side::Left),
            _ => Some(Side::Right),
        }
    }
}

/// A side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The person's left.
    Left,
    /// The person's right.
    Right,
}

/// The bones: each is drawn as a line, and its length must stay the same from frame to frame
/// (a body does not grow between the start and the end of a stretch).
pub const BONES: [(Joint, Joint); 15] = [
    (Joint::Neck, Joint::Head),
    (Joint::Neck, Joint::ShoulderLeft),
    (Joint::Neck, Joint::ShoulderRight),
    (Joint::ShoulderLeft, Joint::ElbowLeft),
    (Joint::ShoulderRight, Joint::ElbowRight),
    (Joint::ElbowLeft, Joint::HandLeft),
    (Joint::ElbowRight, Joint::HandRight),
    (Joint::Neck, Joint::HipLeft),
    (Joint::Neck, Joint::HipRight),
    (Joint::HipLeft, Joint::KneeLeft),
    (Joint::HipRight, Joint::KneeRight),
    (Joint::KneeLeft, Joint::AnkleLeft),
    (Joint::KneeRight, Joint::AnkleRight),
    (Joint::AnkleLeft, Joint::FootLeft),
    (Joint::AnkleRight, Joint::FootRight),
];

/// A point in figure units (`y` up, floor at 0).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Figure units to the right.
    pub x: f64,
    /// Figure units up from the floor.
    pub y: f64,
}

impl Point {
    /// The straight-line distance to `other`, in figure units.
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// One moment of the movement: where every joint is.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// `start`, `middle` or `end`.
    pub name: String,
    /// Where each joint is, indexed by [`Joint::index`].
    pub joints: [Point; JOINT_COUNT],
}

impl Frame {
    /// Where `joint` is in this frame.
    pub fn at(&self, joint: Joint) -> Point {
        self.joints[joint.index()]
    }
}

/// The furniture a stretch uses, drawn as plain outlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropKind {
    /// A horizontal line at `at.y` (usually 0).
    Floor,
    /// A vertical wall at `at.x`, from the floor up.
    Wall,
    /// A chair: `at` is where the seat meets the back (so `at.y` is the seat's height); the
    /// seat runs from there toward `facing` and the back rises from there.
    Chair,
    /// A table or counter: `at` is the near corner of its top; the top runs toward `facing`.
    Table,
    /// A pillow or cushion centred at `at`, resting on the floor.
    Cushion,
}

impl PropKind {
    /// Every kind of prop.
    pub const ALL: [PropKind; 5] = [
        PropKind::Floor,
        PropKind::Wall,
        PropKind::Chair,
        PropKind::Table,
        PropKind::Cushion,
    ];

    /// The name the rule file uses.
    pub fn name(self) -> &'static str {
        match self {
            PropKind::Floor => "floor",
            PropKind::Wall => "wall",
            PropKind::Chair => "chair",
            PropKind::Table => "table",
            PropKind::Cushion => "cushion",
        }
    }
}

/// Which way a chair's seat or a table's top runs from its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    /// The object extends to the left of its anchor (smaller `x`).
    Left,
    /// The object extends to the right of its anchor.
    Right,
}

/// A piece of furniture (or the floor) in a pose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prop {
    /// What it is.
    pub kind: PropKind,
    /// Where it is anchored (see [`PropKind`] for each kind's anchor).
    pub at: Point,
    /// Which way a chair's seat or a table's top runs from `at`.
    pub facing: Facing,
}

/// The movement from the start to the end, drawn as an arrow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrow {
    /// Where the moving part starts (in the start frame).
    pub from: Point,
    /// Where it ends (in the end frame).
    pub to: Point,
}

/// The pictures of one stretch.
#[derive(Debug, Clone, PartialEq)]
pub struct Pose {
    /// Index into `KnowledgeBase::stretches`.
    pub stretch: usize,
    /// The side nearer the viewer: drawn solid, the far side dashed.
    pub near: Side,
    /// The floor and furniture, drawn behind the figure.
    pub props: Vec<Prop>,
    /// Two or three frames: start, (middle,) end.
    pub frames: Vec<Frame>,
    /// The movement, drawn on the end frame; `None` draws no arrow.
    pub arrow: Option<Arrow>,
}

impl Pose {
    /// The first frame (checked at load: there are at least two).
    pub fn start(&self) -> &Frame {
        &self.frames[0]
    }

    /// The last frame.
    pub fn end(&self) -> &Frame {
        &self.frames[self.frames.len() - 1]
    }
}

/// Figure units: the box every joint and prop must lie in (`0..=WIDTH`, `0..=HEIGHT`).
pub const FIGURE_WIDTH: f64 = 100.0;
/// See [`FIGURE_WIDTH`].
pub const FIGURE_HEIGHT: f64 = 80.0;
