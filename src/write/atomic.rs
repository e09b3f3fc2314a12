//! Writing a file all at once or not at all.
//!
//! Output goes to a temporary file beside the target (same directory, so the same
//! file system), is flushed and fsynced, then renamed over the target: a reader
//! never sees half a file, and a failed run leaves the old file in place. The
//! temporary file gets the old file's mode and owner before the rename, so a 0600
//! file stays 0600 and a file owned by someone else stays theirs.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Writes `path` through `fill`, atomically.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, fill, |_| Ok(())).map(drop)
}

/// Replaces `path` atomically with what `fill` writes; `prepare` runs on the
/// temporary file before it is filled (the appender locks it there, so the new
/// file is locked from the moment it takes the name). Returns the open new file.
pub(super) fn replace(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    prepare: impl FnOnce(&File) -> io::Result<()>,
) -> io::Result<File> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let temp = dir.join(format!(
        ".{}.tmp-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    // The file being replaced, if it is a regular file (links and devices are
    // refused or written through before this point, in `target`).
    let old = fs::symlink_metadata(path).ok().filter(|m| m.is_file());
    let result = (|| {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&temp)?;
        if let Some(old) = &old {
            keep_mode_and_owner(&file, old)?;
        }
        prepare(&file)?;
        let mut out = BufWriter::new(file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        // The rename lives in the directory: sync it too where that is possible.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Gives `file` the permissions and owner of `old`.
fn keep_mode_and_owner(file: &File, old: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = file.metadata()?;
        if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
            // Only root may give a file away; anyone else gets an error rather
            // than a file silently changing hands.
            std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot keep the file's owner (uid {}, gid {}): {e}",
                        old.uid(),
                        old.gid()
                    ),
                )
            })?;
        }
    }
    Ok(())
}

/// Writes `bytes` to `path`, atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// What [`write_new`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum NewFile {
    Written,
    /// A file of that name was there already and is left as it was.
    Exists,
}

/// Writes `bytes` to `path` only if no file is there: the whole file appears at
/// once (written beside it, then hard-linked into place, which fails rather than
/// replaces), so a file the user already has is never overwritten, even by a race.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<NewFile> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(NewFile::Exists);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = dir.join(format!(
        ".stancemap-new.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    write_atomic(&temp, bytes)?;
    let linked = fs::hard_link(&temp, path);
    let _ = fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(NewFile::Written),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(NewFile::Exists),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_or_leaves_old() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomic_with(&path, |w| w.write_all(b"one")).unwrap();
        write_atomic_with(&path, |w| w.write_all(b"two")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        let failed = write_atomic_with(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("boom"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    /// Passes writes through until `room` bytes are used, then fails as a full
    /// disk does.
    struct FullDisk<'a> {
        inner: &'a mut dyn Write,
        room: usize,
    }

    impl Write for FullDisk<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    #[test]
    fn a_full_disk_mid_write_leaves_the_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.svg");
        fs::write(&path, "old").unwrap();
        let big = vec![b'x'; 1 << 20];
        let failed = write_atomic_with(&path, |out| {
            let mut disk = FullDisk {
                inner: out,
                room: 100_000,
            };
            disk.write_all(&big)
        });
        assert_eq!(failed.unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_old_files_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        assert_eq!(write_new(&path, b"one").unwrap(), NewFile::Written);
        assert_eq!(write_new(&path, b"two").unwrap(), NewFile::Exists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[test]
    fn a_missing_directory_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("out.dot");
        let failed = write_atomic(&path, b"x");
        assert_eq!(failed.unwrap_err().kind(), io::ErrorKind::NotFound);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
