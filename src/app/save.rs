//! Saving the person's answers with `--save-answers`. These are health answers, so the file is
//! private (0600), written whole or not at all (a random temporary file beside it, synced, then
//! renamed into place), and never put over anything that is not an ordinary file: a device node,
//! a pipe, a folder or a symbolic link at the path is refused before the first question.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A checked place to save answers: the path and the folder the temporary file goes in.
#[derive(Debug, Clone)]
pub(crate) struct SaveTarget {
    path: PathBuf,
    dir: PathBuf,
}

impl SaveTarget {
    /// Checks the path before anything is asked, so nobody answers thirty questions for nothing:
    /// the name must not end in a slash, whatever is there already must be an ordinary file, and
    /// the folder must exist and take a new file (probed by creating and removing one).
    pub(crate) fn check(path: &Path) -> Result<SaveTarget, String> {
        let shown = path.display();
        if path.as_os_str().is_empty() {
            return Err("--save-answers needs a file name".to_owned());
        }
        if path.to_string_lossy().ends_with('/') {
            return Err(format!(
                "--save-answers {shown}: names a folder; give a file name"
            ));
        }
        refuse_unusual(path)?;
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        if !dir.is_dir() {
            return Err(format!(
                "--save-answers {shown}: the folder {} does not exist",
                dir.display()
            ));
        }
        tempfile::Builder::new()
            .prefix(".backcare-probe-")
            .tempfile_in(&dir)
            .map_err(|e| {
                format!(
                    "--save-answers {shown}: cannot write in the folder {}: {e}",
                    dir.display()
                )
            })?;
        Ok(SaveTarget {
            path: path.to_path_buf(),
            dir,
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to the target atomically: a new private temporary file with a random name
    /// (created exclusively, so a planted symbolic link cannot redirect it), synced to disk, then
    /// renamed over the path, and the folder synced so the rename itself survives a power cut.
    pub(crate) fn write(&self, bytes: &[u8]) -> io::Result<()> {
        // Something may have appeared at the path while the person answered.
        refuse_unusual(&self.path).map_err(io::Error::other)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".backcare-answers-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)?;
        temp.write_all(bytes)?;
        temp.as_file().sync_all()?;
        temp.persist(&self.path).map_err(|e| e.error)?;
        // Syncing a folder is not possible everywhere; the data itself is already on disk.
        if let Ok(dir) = fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// Refuses a path that holds anything but an ordinary file (or nothing yet).
fn refuse_unusual(path: &Path) -> Result<(), String> {
    let shown = path.display();
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(format!(
            "--save-answers {shown}: is a symbolic link; give the path of the file itself"
        )),
        Ok(meta) if meta.is_dir() => Err(format!(
            "--save-answers {shown}: is a folder; give a file name"
        )),
        Ok(meta) if !meta.is_file() => Err(format!(
            "--save-answers {shown}: is not an ordinary file (a device or a pipe); choose another name"
        )),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("--save-answers {shown}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_written_private_and_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("answers.json");
        let target = SaveTarget::check(&path).expect("a new file in a folder is fine");
        target.write(b"{}\n").expect("written");
        assert_eq!(fs::read_to_string(&path).expect("read"), "{}\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // No probe or temporary file is left behind.
        let left: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn an_existing_regular_file_is_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("answers.json");
        fs::write(&path, "old").expect("write");
        SaveTarget::check(&path)
            .expect("ok")
            .write(b"new")
            .expect("written");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
    }

    #[cfg(unix)]
    #[test]
    fn links_folders_and_missing_folders_are_refused_before_asking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").expect("write");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        let err = SaveTarget::check(&link).expect_err("a link is refused");
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");

        let err = SaveTarget::check(dir.path()).expect_err("a folder is refused");
        assert!(err.contains("folder"), "{err}");
        let err = SaveTarget::check(&dir.path().join("nope/answers.json")).expect_err("missing");
        assert!(err.contains("does not exist"), "{err}");
        let err = SaveTarget::check(Path::new("new.json/")).expect_err("trailing slash");
        assert!(err.contains("names a folder"), "{err}");
        let err = SaveTarget::check(Path::new("/dev/null")).expect_err("a device");
        assert!(err.contains("not an ordinary file"), "{err}");
    }
}
