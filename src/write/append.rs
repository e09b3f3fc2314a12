//! `new --append`: one entry added to a record file, safely under concurrency and
//! provably without changing anything else.
//!
//! The file is locked (an advisory `flock`, which every stancemap honours) across
//! read → baseline check → write → re-check, so twenty appends at once keep all
//! twenty entries. The new text is the old bytes followed by the entry (see
//! [`super::yaml`]); it replaces the file atomically, already locked, keeping mode
//! and owner. The caller's `verify` then loads the record again; if the record is
//! not as valid as before plus the entry, the old bytes are put back and the run
//! fails naming the reason.

use super::atomic::replace;
use super::{yaml, WriteError};
use fs4::FileExt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek};
use std::path::Path;

/// How the entry was added, and what `verify` found.
#[derive(Debug)]
pub struct Appended<R> {
    pub how: &'static str,
    pub created: bool,
    pub verified: R,
}

/// Appends `entry` (unindented lines, the first starting `- `) to `section` of
/// `path`. `baseline` runs once the file is locked and read (it loads the record
/// as it is); `verify` runs after the write and gets the baseline back.
pub fn append_entry<B, R>(
    path: &Path,
    section: &str,
    entry: &[String],
    mut baseline: impl FnMut() -> Result<B, String>,
    verify: impl FnOnce(B) -> Result<R, String>,
) -> Result<Appended<R>, WriteError> {
    let refused = |reason: String| WriteError::AppendRefused {
        path: path.to_path_buf(),
        reason,
    };
    let io = |what: &str| WriteError::io(format!("{what} {}", path.display()));
    // Another appender may rename a new file over the one we locked: then lock again.
    for _ in 0..1000 {
        let (file, created) = open(path).map_err(io("opening"))?;
        if !file.metadata().map_err(io("inspecting"))?.is_file() {
            return Err(WriteError::NotRegular {
                path: path.to_path_buf(),
                kind: "not a regular file",
            });
        }
        FileExt::lock(&file).map_err(io("locking"))?;
        let ours = file.metadata().map_err(io("inspecting"))?;
        match fs::symlink_metadata(path) {
            Ok(now) if same_file(&now, &ours) => {}
            _ => continue, // replaced while we waited for the lock
        }
        let mut old = Vec::new();
        (&file).rewind().map_err(io("reading"))?;
        (&file).read_to_end(&mut old).map_err(io("reading"))?;
        let old =
            String::from_utf8(old).map_err(|_| refused("it is not valid UTF-8 text".into()))?;
        let undo_create = || {
            if created {
                let _ = fs::remove_file(path);
            }
        };
        let base = match baseline() {
            Ok(b) => b,
            Err(e) => {
                undo_create();
                return Err(refused(e));
            }
        };
        let (new, how) = match yaml::append(&old, section, entry) {
            Ok(x) => x,
            Err(e) => {
                undo_create();
                return Err(refused(e));
            }
        };
        // An editor that does not take the lock may have saved since we read.
        match fs::symlink_metadata(path) {
            Ok(now) if same_file(&now, &ours) && now.len() == old.len() as u64 => {}
            _ => continue,
        }
        let lock = |f: &File| FileExt::lock(f);
        let new_file = replace(path, |w| w.write_all(new.as_bytes()), lock)
            .map_err(WriteError::io(format!("writing {}", path.display())))?;
        return match verify(base) {
            Ok(verified) => {
                drop(new_file);
                Ok(Appended {
                    how,
                    created,
                    verified,
                })
            }
            Err(reason) => {
                let restored = if created {
                    fs::remove_file(path)
                } else {
                    replace(path, |w| w.write_all(old.as_bytes()), lock).map(drop)
                };
                drop(new_file);
                restored.map_err(WriteError::io(format!(
                    "putting back the old {} after a failed append ({reason})",
                    path.display()
                )))?;
                Err(WriteError::Restored {
                    path: path.to_path_buf(),
                    reason,
                })
            }
        };
    }
    Err(refused(
        "it kept being replaced while waiting for its lock".into(),
    ))
}

/// Opens (creating if missing) without following a link or blocking on a FIFO.
fn open(path: &Path) -> io::Result<(File, bool)> {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    match options.open(path) {
        Ok(f) => Ok((f, false)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let f = options.create_new(true).open(path)?;
            Ok((f, true))
        }
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(io::Error::new(
            e.kind(),
            "it is a symbolic link; stancemap does not append through links (give the file itself)",
        )),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> Vec<String> {
        vec![format!("- id: {id}"), "  name: X".into()]
    }

    #[test]
    fn a_failed_verify_puts_the_old_bytes_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "actors:\n  - id: a\n").unwrap();
        let err = append_entry(
            &path,
            "actors",
            &entry("x"),
            || Ok(()),
            |()| Err::<(), _>("it broke".to_string()),
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Restored { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "actors:\n  - id: a\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[test]
    fn appends_after_the_old_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "actors:\n  - id: a\n").unwrap();
        let done = append_entry(&path, "actors", &entry("x"), || Ok(()), |()| Ok(())).unwrap();
        assert_eq!(done.how, "at the end of its section");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "actors:\n  - id: a\n  - id: x\n    name: X\n"
        );
    }
}
