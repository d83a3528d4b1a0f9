//! Pictures of the stretches: one renderer from the pose data (`rules/poses.json`) to three
//! outputs, so the terminal figure, the SVG and the printed sheet can never disagree.
//!
//! [`scene`] turns a pose's frame into strokes in figure units (the only place that knows how a
//! stick figure and its furniture are drawn); [`svg`] writes them as line art and [`raster`] as
//! braille or ASCII characters for the terminal. Layer 3: uses `model` only; which characters a
//! terminal can show is decided by the binary and passed in as [`Glyphs`].

pub mod raster;
pub mod scene;
pub mod svg;

pub use raster::{Glyphs, terminal_figure};
pub use svg::{figure_svg, routine_svg, xml_escape};

use crate::model::KnowledgeBase;

/// Where the terminal figures of a routine's steps come from, and how they are drawn.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'kb> {
    /// The knowledge base holding the poses.
    pub kb: &'kb KnowledgeBase,
    /// Braille or ASCII, as the terminal allows.
    pub glyphs: Glyphs,
}

impl Figures<'_> {
    /// The figure of stretch `id`, one string per line; empty when it has no pose.
    pub fn lines(&self, id: &str) -> Vec<String> {
        self.kb
            .stretch_index(id)
            .and_then(|i| self.kb.pose(i))
            .map(|pose| terminal_figure(pose, self.glyphs))
            .unwrap_or_default()
    }
}
