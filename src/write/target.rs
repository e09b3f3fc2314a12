//! Where a write may go: the record being read is off limits, links are refused,
//! pipes and character devices are written through, and what exists already is
//! overwritten only when it is safe or `--force` says so.

use super::atomic::write_atomic_with;
use super::WriteError;
use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file's identity on disk: two paths with the same identity are the same file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    fn of(_: &fs::Metadata) -> FileId {
        FileId(0, 0)
    }
}

/// The record a command reads, by path and by file identity, so no write lands in it.
#[derive(Debug, Default)]
pub struct Guard {
    record: Option<PathBuf>,
    /// The record directory (when the record is one).
    dir: Option<(FileId, PathBuf)>,
    /// Every file of the record (for a directory: every entry in it).
    files: HashSet<FileId>,
    canonical: HashSet<PathBuf>,
}

impl Guard {
    /// A write that reads no record (`synth`).
    pub fn none() -> Guard {
        Guard::default()
    }

    /// Guards the record at `path` (a directory or one file). What cannot be
    /// inspected is guarded by path alone.
    pub fn record(path: &Path) -> Guard {
        let mut guard = Guard {
            record: Some(path.to_path_buf()),
            ..Guard::default()
        };
        let Ok(meta) = fs::metadata(path) else {
            return guard;
        };
        guard.add(path, &meta);
        if meta.is_dir() {
            guard.dir = Some((FileId::of(&meta), path.to_path_buf()));
            for entry in fs::read_dir(path).into_iter().flatten().flatten() {
                if let Ok(meta) = fs::metadata(entry.path()) {
                    guard.add(&entry.path(), &meta);
                }
            }
        }
        guard
    }

    fn add(&mut self, path: &Path, meta: &fs::Metadata) {
        self.files.insert(FileId::of(meta));
        if let Ok(c) = fs::canonicalize(path) {
            self.canonical.insert(c);
        }
    }

    fn refuse(&self, path: &Path, what: &'static str) -> WriteError {
        WriteError::IntoRecord {
            path: path.to_path_buf(),
            what,
            record: self.record.clone().unwrap_or_default(),
        }
    }

    fn is_record(&self, path: &Path, meta: Option<&fs::Metadata>) -> bool {
        meta.is_some_and(|m| self.files.contains(&FileId::of(m)))
            || fs::canonicalize(path).is_ok_and(|c| self.canonical.contains(&c))
    }

    /// Whether `path` is a file of the record or a new file inside its directory:
    /// where `new --append` may write.
    pub fn holds(&self, path: &Path) -> bool {
        let meta = fs::metadata(path).ok();
        self.check_file(path, meta.as_ref()).is_err()
    }

    /// Refuses `path` if it is a file of the record or would land inside its directory.
    fn check_file(&self, path: &Path, meta: Option<&fs::Metadata>) -> Result<(), WriteError> {
        if self.record.is_none() {
            return Ok(());
        }
        if self.is_record(path, meta) {
            return Err(self.refuse(path, "a file"));
        }
        let parent = parent_of(path);
        if let (Some((dir_id, _)), Ok(parent_meta)) = (&self.dir, fs::metadata(&parent)) {
            if FileId::of(&parent_meta) == *dir_id {
                return Err(self.refuse(path, "inside the directory"));
            }
        }
        Ok(())
    }

    /// Refuses a directory that is the record's, or one of its files.
    fn check_dir(&self, dir: &Path) -> Result<(), WriteError> {
        if self.record.is_none() {
            return Ok(());
        }
        let meta = fs::metadata(dir).ok();
        if self.is_record(dir, meta.as_ref()) {
            return Err(self.refuse(dir, "the directory"));
        }
        Ok(())
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Where one output goes, once the rules are applied.
#[derive(Debug, PartialEq, Eq)]
pub enum Output {
    /// `-o -` or no `-o`: standard output.
    Stdout,
    /// A pipe or character device the user named: written through, never replaced.
    Through(PathBuf),
    /// A regular file, new or replaced atomically.
    File(PathBuf),
}

/// The rules one command writes under.
pub struct Policy<'a> {
    pub guard: &'a Guard,
    /// Overwrite an existing record file or a folder holding other files.
    pub force: bool,
}

impl Policy<'_> {
    /// Decides where a write to `path` goes (`None` or `-`: standard output).
    pub fn output(&self, path: Option<&Path>) -> Result<Output, WriteError> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout);
        };
        let meta = match fs::symlink_metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(WriteError::io(format!("inspecting {}", path.display()))(e)),
        };
        // The record check follows links: a link into the record is still the record.
        let followed = fs::metadata(path).ok();
        self.guard.check_file(path, followed.as_ref())?;
        let Some(meta) = meta else {
            return Ok(Output::File(path.to_path_buf()));
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let target = fs::read_link(path).unwrap_or_default();
            return Err(WriteError::Symlink {
                path: path.to_path_buf(),
                target,
            });
        }
        if kind.is_file() {
            let is_yaml = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            );
            if is_yaml && !self.force && meta.len() > 0 {
                return Err(WriteError::Exists {
                    path: path.to_path_buf(),
                    what: "an existing YAML file (a record file, perhaps)".into(),
                });
            }
            return Ok(Output::File(path.to_path_buf()));
        }
        special(path, &kind)
    }

    /// Writes through `fill` to `path` (`None` or `-`: standard output).
    pub fn write(
        &self,
        path: Option<&Path>,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        match self.output(path)? {
            Output::Stdout => {
                let mut stdout = io::stdout().lock();
                fill(&mut stdout)
                    .and_then(|()| stdout.flush())
                    .map_err(WriteError::io("writing to stdout"))
            }
            Output::Through(path) => {
                let context = format!("writing {}", path.display());
                let mut file = OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .map_err(WriteError::io(context.clone()))?;
                fill(&mut file)
                    .and_then(|()| file.flush())
                    .map_err(WriteError::io(context))
            }
            Output::File(path) => write_atomic_with(&path, fill)
                .map_err(WriteError::io(format!("writing {}", path.display()))),
        }
    }

    /// Writes `bytes` to the file `path`.
    pub fn write_bytes(&self, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        self.write(Some(path), |out| out.write_all(bytes))
    }

    /// Makes `dir` ready to receive a command's files: created if missing; refused
    /// if it is the record's, is not a directory, or (without `--force`) holds
    /// anything `owned` does not recognise as this command's own earlier output.
    pub fn dir(&self, dir: &Path, owned: impl Fn(&str) -> bool) -> Result<(), WriteError> {
        self.guard.check_dir(dir)?;
        match fs::symlink_metadata(dir) {
            Ok(meta) if meta.file_type().is_symlink() => {
                // A link to a directory is the user's own arrangement: follow it,
                // but still never into the record.
                if !fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
                    return Err(WriteError::Symlink {
                        path: dir.to_path_buf(),
                        target: fs::read_link(dir).unwrap_or_default(),
                    });
                }
            }
            Ok(meta) if meta.is_file() => {
                return Err(WriteError::IsFile {
                    path: dir.to_path_buf(),
                })
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(WriteError::NotRegular {
                    path: dir.to_path_buf(),
                    kind: "not a directory",
                })
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return fs::create_dir_all(dir)
                    .map_err(WriteError::io(format!("creating {}", dir.display())));
            }
            Err(e) => return Err(WriteError::io(format!("inspecting {}", dir.display()))(e)),
        }
        if self.force {
            return Ok(());
        }
        let entries =
            fs::read_dir(dir).map_err(WriteError::io(format!("reading {}", dir.display())))?;
        let mut foreign: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !owned(name))
            .collect();
        if foreign.is_empty() {
            return Ok(());
        }
        foreign.sort();
        let shown: Vec<&str> = foreign.iter().take(3).map(String::as_str).collect();
        Err(WriteError::Exists {
            path: dir.to_path_buf(),
            what: format!(
                "a folder that is not empty (it holds {}{})",
                shown.join(", "),
                if foreign.len() > 3 { ", …" } else { "" }
            ),
        })
    }
}

/// A non-regular, non-link target: written through if a pipe or character device.
fn special(path: &Path, kind: &fs::FileType) -> Result<Output, WriteError> {
    let refuse = |kind| {
        Err(WriteError::NotRegular {
            path: path.to_path_buf(),
            kind,
        })
    };
    if kind.is_dir() {
        return Err(WriteError::IsFolder {
            path: path.to_path_buf(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || kind.is_char_device() {
            return Ok(Output::Through(path.to_path_buf()));
        }
        if kind.is_block_device() {
            return refuse("a block device");
        }
        if kind.is_socket() {
            return refuse("a socket");
        }
    }
    refuse("not a regular file")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(guard: &Guard) -> Policy<'_> {
        Policy {
            guard,
            force: false,
        }
    }

    #[test]
    fn a_record_file_is_refused_by_path_and_by_identity() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("rec");
        fs::create_dir(&record).unwrap();
        fs::write(record.join("a.yaml"), "actors: []\n").unwrap();
        let guard = Guard::record(&record);
        let p = policy(&guard);
        assert!(matches!(
            p.output(Some(&record.join("a.yaml"))),
            Err(WriteError::IntoRecord { .. })
        ));
        // A new file inside the record directory is refused too.
        assert!(matches!(
            p.output(Some(&record.join("new.json"))),
            Err(WriteError::IntoRecord { .. })
        ));
        // A hard link elsewhere is the same file.
        let link = dir.path().join("hard.json");
        fs::hard_link(record.join("a.yaml"), &link).unwrap();
        assert!(matches!(
            p.output(Some(&link)),
            Err(WriteError::IntoRecord { .. })
        ));
        assert_eq!(
            p.output(Some(&dir.path().join("out.json"))).unwrap(),
            Output::File(dir.path().join("out.json"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_and_devices_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let guard = Guard::none();
        let p = policy(&guard);
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
        let err = p.output(Some(&link)).unwrap_err();
        assert!(
            err.to_string().contains("symbolic link (to /etc/passwd)"),
            "{err}"
        );
        assert_eq!(
            p.output(Some(Path::new("/dev/null"))).unwrap(),
            Output::Through("/dev/null".into())
        );
        assert_eq!(p.output(Some(Path::new("-"))).unwrap(), Output::Stdout);
        assert!(matches!(
            p.output(Some(dir.path())),
            Err(WriteError::IsFolder { .. })
        ));
    }

    #[test]
    fn an_existing_yaml_file_or_a_foreign_folder_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let yaml = dir.path().join("kept.yaml");
        fs::write(&yaml, "actors: []\n").unwrap();
        let guard = Guard::none();
        assert!(matches!(
            policy(&guard).output(Some(&yaml)),
            Err(WriteError::Exists { .. })
        ));
        let forced = Policy {
            guard: &guard,
            force: true,
        };
        assert!(forced.output(Some(&yaml)).is_ok());
        let err = policy(&guard)
            .dir(dir.path(), |n| n.ends_with(".svg"))
            .unwrap_err();
        assert!(err.to_string().contains("kept.yaml"), "{err}");
        fs::remove_file(&yaml).unwrap();
        fs::write(dir.path().join("old.svg"), "").unwrap();
        policy(&guard)
            .dir(dir.path(), |n| n.ends_with(".svg"))
            .unwrap();
    }
}
