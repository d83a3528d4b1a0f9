//! Reading the files a person hands us (rules and answers), with limits that keep hostile input
//! from costing unbounded time or memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Largest rules or answers file read, in bytes. Real ones are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Longest single line of `batch` input, in bytes.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// How messages name `path`: `-` is standard input.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Opens `path`, or standard input for `-`, for streaming (`batch`). The error is a short
/// sentence meant to follow the file's name.
pub fn open(path: &Path) -> Result<Box<dyn Read>, String> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    if path.is_dir() {
        return Err("is a directory, not a file".to_owned());
    }
    let file = File::open(path).map_err(|e| describe_io(&e))?;
    Ok(Box::new(file))
}

/// Reads a whole text file or, for `-`, standard input, into a string: at most
/// [`MAX_FILE_BYTES`], valid UTF-8, with a leading byte-order mark removed. The error is a short
/// sentence meant to follow the file's name.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = if path.as_os_str() == "-" {
        read_limited(io::stdin().lock())?
    } else {
        let meta = std::fs::metadata(path).map_err(|e| describe_io(&e))?;
        if meta.is_dir() {
            return Err("is a directory, not a file".to_owned());
        }
        read_limited(File::open(path).map_err(|e| describe_io(&e))?)?
    };
    decode(bytes)
}

fn read_limited(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "is larger than the {} MiB limit; split it or trim it",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok(bytes)
}

/// UTF-8 text without a byte-order mark, or an error naming the first bad byte.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not valid UTF-8 (bad byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// An I/O error as a short sentence meant to follow the file's name.
pub fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "does not exist; check the path".to_owned(),
        io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".to_owned(),
        _ => format!("cannot be read: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_byte_order_mark_and_rejects_bad_utf8() {
        assert_eq!(decode(b"\xef\xbb\xbf{}".to_vec()).as_deref(), Ok("{}"));
        let err = decode(b"{\"a\": \xff}".to_vec()).unwrap_err();
        assert!(err.contains("offset 6"), "{err}");
    }
}
