//! Where the rule files come from: the copy embedded at build time, or a directory on disk.

use super::{Fault, Faults};
use crate::input;
use crate::model::RuleFileKind;
use std::path::Path;

/// The files of a knowledge base, in the order they are read and reported (the order of
/// [`RuleFileKind::ALL`]).
pub const FILE_NAMES: [&str; 9] = [
    "questions.json",
    "conditions.json",
    "triage.json",
    "stretches.json",
    "routines.json",
    "advice.json",
    "safety-floor.json",
    "poses.json",
    "progression.json",
];

/// The embedded copy, taken from `rules/` when the binary is built.
const EMBEDDED: [&str; 9] = [
    include_str!("../../rules/questions.json"),
    include_str!("../../rules/conditions.json"),
    include_str!("../../rules/triage.json"),
    include_str!("../../rules/stretches.json"),
    include_str!("../../rules/routines.json"),
    include_str!("../../rules/advice.json"),
    include_str!("../../rules/safety-floor.json"),
    include_str!("../../rules/poses.json"),
    include_str!("../../rules/progression.json"),
];

/// One rule file's name and text.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// How faults name the file: `rules/triage.json` or the path given on the command line.
    pub name: String,
    /// The whole file, as read.
    pub text: String,
}

/// All nine files of one knowledge base.
#[derive(Debug, Clone)]
pub struct RuleFiles {
    /// `embedded` or the directory the files came from.
    pub origin: String,
    /// In the order of [`RuleFileKind::ALL`].
    pub files: [RuleFile; 9],
}

impl RuleFiles {
    /// The FNV-1a hash of every file's name and text, as 16 hex digits (see
    /// [`crate::model::Origin`]).
    pub fn fingerprint(&self) -> String {
        const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0100_0000_01b3;
        let mut hash = OFFSET;
        for (name, file) in FILE_NAMES.iter().zip(&self.files) {
            // A zero byte after each part keeps "ab"+"c" apart from "a"+"bc".
            for byte in name.bytes().chain([0]).chain(file.text.bytes()).chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(PRIME);
            }
        }
        format!("{hash:016x}")
    }

    /// The file of this kind.
    pub fn file(&self, kind: RuleFileKind) -> &RuleFile {
        &self.files[kind.index()]
    }

    /// The copy embedded in the binary at build time.
    pub fn embedded() -> RuleFiles {
        RuleFiles {
            origin: "embedded".to_owned(),
            files: std::array::from_fn(|i| RuleFile {
                name: format!("rules/{}", FILE_NAMES[i]),
                text: EMBEDDED[i].to_owned(),
            }),
        }
    }

    /// Reads the nine files from `dir`, reporting every one that is missing or unreadable.
    pub fn from_dir(dir: &Path) -> Result<RuleFiles, Faults> {
        if !dir.is_dir() {
            return Err(Faults::new(Fault {
                file: dir.display().to_string(),
                line: 0,
                column: 0,
                path: String::new(),
                message: "is not a directory; --rules and BACKCARE_RULES name a directory holding \
                          the rule files"
                    .to_owned(),
            }));
        }
        let mut faults = Vec::new();
        let files = FILE_NAMES.map(|name| {
            let path = dir.join(name);
            let text = input::read_text(&path).unwrap_or_else(|message| {
                faults.push(Fault {
                    file: path.display().to_string(),
                    line: 0,
                    column: 0,
                    path: String::new(),
                    message,
                });
                String::new()
            });
            RuleFile {
                name: path.display().to_string(),
                text,
            }
        });
        match Faults::from_vec(faults) {
            Some(faults) => Err(faults),
            None => Ok(RuleFiles {
                origin: dir.display().to_string(),
                files,
            }),
        }
    }
}
