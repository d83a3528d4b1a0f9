//! A look at the file's first 100 bytes before SQLite is given it. SQLite writes to a file it
//! has barely read (turning WAL on rewrites the header; a migration adds tables), so a file that
//! is plainly not a backcare journal, or is cut short, is refused here and left as it was.
//! The layout is SQLite's documented file format: <https://sqlite.org/fileformat.html>.

use super::JournalError;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a journal: `BkCr` in ASCII. The first migration sets it.
pub(super) const APPLICATION_ID: u32 = 0x426B_4372;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_BYTES: usize = 100;

/// What is at the journal's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// No file.
    Nothing,
    /// An empty file: a journal about to be made (SQLite treats it as an empty database).
    Empty,
    /// An SQLite database whose header is sound.
    Database {
        /// Its `PRAGMA application_id`: [`APPLICATION_ID`] for a journal, 0 for a database no
        /// program marked.
        application_id: u32,
        /// Its `PRAGMA user_version` (the schema version), as of the last checkpoint: a newer
        /// one may be waiting in the `-wal` file, which SQLite will read.
        user_version: u32,
    },
}

/// Reads the header of the file at `path` (following a symbolic link, as SQLite does).
pub(super) fn inspect(path: &Path) -> Result<Found, JournalError> {
    let not_a_journal = |why: &str| JournalError::NotAJournal {
        path: path.to_path_buf(),
        why: why.to_owned(),
    };
    let io_error = |source: io::Error| JournalError::Io {
        path: path.to_path_buf(),
        doing: "read the file".to_owned(),
        source,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io_error(e)),
    };
    if meta.is_dir() {
        return Err(not_a_journal("it is a folder"));
    }
    if !meta.is_file() {
        return Err(not_a_journal("it is not an ordinary file"));
    }
    if meta.len() == 0 {
        return Ok(Found::Empty);
    }
    let mut header = Vec::with_capacity(HEADER_BYTES);
    File::open(path)
        .and_then(|f| f.take(HEADER_BYTES as u64).read_to_end(&mut header))
        .map_err(io_error)?;
    if header.len() < HEADER_BYTES || !header.starts_with(MAGIC) {
        return Err(not_a_journal("file is not a database"));
    }
    let be16 = |at: usize| u16::from_be_bytes([header[at], header[at + 1]]);
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    // 1 stands for 65536, the one size that does not fit in two bytes.
    let page_size = match be16(16) {
        1 => 65_536,
        n => u64::from(n),
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(damaged(path, "its header is garbled"));
    }
    // The page count in the header is only kept up to date when "version-valid-for" matches
    // the change counter; older writers left it stale.
    let pages = u64::from(be32(28));
    let count_valid = pages > 0 && be32(24) == be32(92);
    // With a write-ahead log or a rollback journal beside it, the file may be mid-checkpoint or
    // mid-rollback: SQLite puts it right from that file, so its length proves nothing.
    if count_valid && !has_content(&beside(path, "-wal")) && !has_content(&beside(path, "-journal"))
    {
        let expected = pages * page_size;
        if meta.len() < expected {
            return Err(damaged(
                path,
                &format!(
                    "it is cut short: {} bytes of the {expected} its header counts",
                    meta.len()
                ),
            ));
        }
    }
    Ok(Found::Database {
        application_id: be32(68),
        user_version: be32(60),
    })
}

/// The file starts with an SQLite header that carries the journal's application id, whatever
/// else is wrong with it.
pub(super) fn marked_as_journal(path: &Path) -> bool {
    let mut header = Vec::with_capacity(HEADER_BYTES);
    let read = File::open(path).and_then(|f| f.take(HEADER_BYTES as u64).read_to_end(&mut header));
    read.is_ok()
        && header.len() == HEADER_BYTES
        && header.starts_with(MAGIC)
        && header[68..72] == APPLICATION_ID.to_be_bytes()
}

fn damaged(path: &Path, detail: &str) -> JournalError {
    JournalError::Damaged {
        path: path.to_path_buf(),
        detail: detail.to_owned(),
    }
}

/// The file SQLite keeps beside the journal with this suffix (`-wal`, `-shm`, `-journal`).
pub(super) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

fn has_content(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(page_size: u16, pages: u32, application_id: u32) -> Vec<u8> {
        let mut bytes = vec![0_u8; HEADER_BYTES];
        bytes[..16].copy_from_slice(MAGIC);
        bytes[16..18].copy_from_slice(&page_size.to_be_bytes());
        bytes[24..28].copy_from_slice(&7_u32.to_be_bytes());
        bytes[28..32].copy_from_slice(&pages.to_be_bytes());
        bytes[68..72].copy_from_slice(&application_id.to_be_bytes());
        bytes[92..96].copy_from_slice(&7_u32.to_be_bytes());
        bytes
    }

    #[test]
    fn sorts_what_is_at_the_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("j.sqlite3");
        assert_eq!(inspect(&path).expect("nothing"), Found::Nothing);
        std::fs::write(&path, b"").expect("write");
        assert_eq!(inspect(&path).expect("empty"), Found::Empty);

        let mut whole = header(1024, 2, APPLICATION_ID);
        whole.resize(2048, 0);
        std::fs::write(&path, &whole).expect("write");
        assert_eq!(
            inspect(&path).expect("a database"),
            Found::Database {
                application_id: APPLICATION_ID,
                user_version: 0
            }
        );

        whole.truncate(1500);
        std::fs::write(&path, &whole).expect("write");
        let err = inspect(&path).expect_err("cut short");
        assert!(
            err.to_string()
                .contains("cut short: 1500 bytes of the 2048"),
            "{err}"
        );
        // A write-ahead log beside it may hold the rest.
        std::fs::write(beside(&path, "-wal"), b"frames").expect("write");
        assert!(inspect(&path).is_ok());

        std::fs::write(&path, header(1000, 1, 0)).expect("write");
        let err = inspect(&path).expect_err("page size");
        assert!(err.to_string().contains("garbled"), "{err}");
        std::fs::write(&path, "id,pain\n1,4\n".repeat(20)).expect("write");
        let err = inspect(&path).expect_err("text");
        assert!(err.to_string().contains("not a database"), "{err}");
        let err = inspect(dir.path()).expect_err("folder");
        assert!(err.to_string().contains("folder"), "{err}");
    }
}
