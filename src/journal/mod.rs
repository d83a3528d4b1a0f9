//! The journal: a local SQLite file that follows the back over weeks. Every interactive check,
//! check-in and routine played is a row; `progress` reads them back, and the progression rules
//! (`rules/progression.json`) move a routine up or down a level from them.
//!
//! - [`record`]: the rows, as Rust values and as `journal export` lines.
//! - [`store`]: the file itself: opening, migrating, writing in transactions, reading back.
//! - [`export`]: `journal export` (CSV and JSON Lines) and `journal import`.
//! - [`calendar`]: `remind --ics`, the routine and the next check-in as an iCalendar file.

pub mod calendar;
pub mod checkin;
pub mod export;
pub mod history;
pub mod progress;
pub mod record;
pub mod revisit;
pub mod store;

pub use record::{CheckKind, CheckRecord, Entry, LevelChange, SessionRecord};
