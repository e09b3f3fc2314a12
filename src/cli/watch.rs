//! `stancemap check --watch`: check again whenever a file of the record changes.
//!
//! Polling rather than OS notifications (the `notify` crate): a record is a few
//! files in one directory, a `stat` of each every half second costs nothing, and
//! polling behaves the same on every platform, on network mounts and in
//! containers where inotify events do not arrive. A change is any difference in
//! the set of files or in a file's size or modification time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How often the files are looked at.
pub const POLL: Duration = Duration::from_millis(500);

/// What the watcher compares: each watched file's modification time and size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot(BTreeMap<PathBuf, (Option<SystemTime>, u64)>);

impl Snapshot {
    /// The YAML files of a record directory (the loader's rule: `.yaml`/`.yml`,
    /// not recursive), or the one file given; plus every file of each `extra`
    /// directory (the cited documents of `--sources`).
    pub fn take(record: &Path, extra: &[&Path]) -> Snapshot {
        let mut files = BTreeMap::new();
        let mut add = |path: PathBuf| {
            if let Ok(meta) = std::fs::metadata(&path) {
                files.insert(path, (meta.modified().ok(), meta.len()));
            }
        };
        if record.is_dir() {
            for path in list(record) {
                if matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml")
                ) {
                    add(path);
                }
            }
        } else {
            add(record.to_path_buf());
        }
        for dir in extra {
            for path in list(dir) {
                add(path);
            }
        }
        Snapshot(files)
    }

    /// Whether anything watched was added, removed or modified since `earlier`.
    pub fn changed_since(&self, earlier: &Snapshot) -> bool {
        self != earlier
    }
}

fn list(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Blocks until the snapshot differs from `last`, then until it holds still for
/// one poll (an editor's save is often several writes); returns the new one.
pub fn wait_for_change(record: &Path, extra: &[&Path], last: &Snapshot) -> Snapshot {
    loop {
        std::thread::sleep(POLL);
        let mut now = Snapshot::take(record, extra);
        if now.changed_since(last) {
            loop {
                std::thread::sleep(POLL);
                let settled = Snapshot::take(record, extra);
                if !settled.changed_since(&now) {
                    return settled;
                }
                now = settled;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn sees_edits_additions_and_removals_of_yaml_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        fs::write(&a, "actors: []\n").unwrap();
        let first = Snapshot::take(dir.path(), &[]);
        assert!(!Snapshot::take(dir.path(), &[]).changed_since(&first));

        fs::write(dir.path().join("notes.txt"), "not part of the record").unwrap();
        assert!(!Snapshot::take(dir.path(), &[]).changed_since(&first));

        fs::write(&a, "actors: []\nissues: []\n").unwrap();
        let edited = Snapshot::take(dir.path(), &[]);
        assert!(edited.changed_since(&first));

        fs::write(dir.path().join("b.yml"), "").unwrap();
        let added = Snapshot::take(dir.path(), &[]);
        assert!(added.changed_since(&edited));

        fs::remove_file(&a).unwrap();
        assert!(Snapshot::take(dir.path(), &[]).changed_since(&added));
    }

    #[test]
    fn watches_a_single_file_and_source_documents() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("record.yaml");
        let sources = tempfile::tempdir().unwrap();
        fs::write(&record, "").unwrap();
        let first = Snapshot::take(&record, &[sources.path()]);
        fs::write(sources.path().join("doc.txt"), "a quote").unwrap();
        assert!(Snapshot::take(&record, &[sources.path()]).changed_since(&first));
    }
}
