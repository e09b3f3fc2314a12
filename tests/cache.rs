//! The warm cache through the real binary: a hit reads no YAML and changes
//! nothing, an edit is a miss, a damaged entry is ignored and rewritten.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::time::SystemTime;

fn check(record: &Path, cache: &Path) -> Output {
    support::command()
        .args(["check", "--format", "json", "--cache"])
        .arg(cache)
        .arg(record)
        .output()
        .expect("the stancemap binary runs")
}

/// Every cache entry with its modification time.
fn entries(cache: &Path) -> BTreeMap<String, SystemTime> {
    std::fs::read_dir(cache)
        .map(|dir| {
            dir.map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
        })
        .unwrap_or_default()
}

fn record() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("actors.yaml"),
        "actors:\n  - {id: russia, name: Russia, kind: state}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("issues.yaml"),
        "issues:\n  - {id: land, title: Land, category: territory}\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_hit_gives_the_same_report_and_rewrites_nothing() {
    let (record, cache) = (record(), tempfile::tempdir().unwrap());
    let cold = check(record.path(), cache.path());
    let stored = entries(cache.path());
    assert_eq!(stored.len(), 2, "one entry per file");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let warm = check(record.path(), cache.path());
    assert_eq!(warm.stdout, cold.stdout);
    assert_eq!(warm.status.code(), cold.status.code());
    assert_eq!(entries(cache.path()), stored, "a hit writes nothing");
}

#[test]
fn an_edited_file_is_a_miss() {
    let (record, cache) = (record(), tempfile::tempdir().unwrap());
    check(record.path(), cache.path());
    let before = entries(cache.path());
    std::fs::write(
        record.path().join("issues.yaml"),
        "issues:\n  - {id: land, title: Land, category: teritory}\n",
    )
    .unwrap();
    let out = check(record.path(), cache.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("`teritory` is not a valid category"));
    let after = entries(cache.path());
    assert_eq!(after.len(), 3, "the edited text has its own entry");
    assert!(before.keys().all(|k| after.contains_key(k)));
}

#[test]
fn a_damaged_entry_is_ignored_and_rewritten() {
    let (record, cache) = (record(), tempfile::tempdir().unwrap());
    let cold = check(record.path(), cache.path());
    for name in entries(cache.path()).keys() {
        let path = cache.path().join(name);
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
    }
    std::fs::write(cache.path().join("not-ours.tree"), b"junk").unwrap();
    let warm = check(record.path(), cache.path());
    assert_eq!(warm.stdout, cold.stdout, "a damaged entry is never trusted");
    // Rewritten: the next run is a clean hit again.
    let rewritten = entries(cache.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    check(record.path(), cache.path());
    assert_eq!(entries(cache.path()), rewritten);
}

#[test]
fn no_cache_writes_nothing() {
    let (record, cache) = (record(), tempfile::tempdir().unwrap());
    let out = support::command()
        .args(["check", "--no-cache"])
        .arg(record.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(entries(cache.path()).is_empty());
    let out = support::command()
        .args(["check"])
        .arg(record.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        entries(&cache.path().join("stancemap")).len(),
        2,
        "the user's cache by default"
    );
}
