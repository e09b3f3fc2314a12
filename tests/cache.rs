//! The warm cache through the real binary: a hit reads no YAML and changes
//! nothing, an edit is a miss, a damaged entry or one of another version is
//! ignored and rewritten. Each for both kinds of entry: a file's tree (`.tree`)
//! and the validated record as a whole (`.record`).

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

/// The entries of one kind (`tree` or `record`).
fn of_kind(cache: &Path, kind: &str) -> BTreeMap<String, SystemTime> {
    let mut all = entries(cache);
    all.retain(|name, _| name.ends_with(&format!(".{kind}")));
    all
}

/// Two files; the position cites no source, so the record has a warning.
fn record() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("actors.yaml"),
        "actors:\n  - {id: russia, name: Russia, kind: state}\npositions:\n  - {actor: russia, issue: land, stance: support, strength: firm, summary: s, date: 2025-02}\n",
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
    assert!(String::from_utf8_lossy(&cold.stdout).contains("missing-source"));
    let stored = entries(cache.path());
    assert_eq!(of_kind(cache.path(), "tree").len(), 2, "one tree per file");
    assert_eq!(of_kind(cache.path(), "record").len(), 1, "one whole record");
    assert_eq!(stored.len(), 3);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let warm = check(record.path(), cache.path());
    assert_eq!(
        warm.stdout, cold.stdout,
        "the same diagnostics, warnings too"
    );
    assert_eq!(warm.status.code(), cold.status.code());
    assert_eq!(entries(cache.path()), stored, "a hit writes nothing");
}

#[test]
fn an_unchanged_record_is_taken_whole_without_reading_a_tree() {
    let (record, cache) = (record(), tempfile::tempdir().unwrap());
    let cold = check(record.path(), cache.path());
    for name in of_kind(cache.path(), "tree").keys() {
        std::fs::remove_file(cache.path().join(name)).unwrap();
    }
    let warm = check(record.path(), cache.path());
    assert_eq!(warm.stdout, cold.stdout);
    assert!(
        of_kind(cache.path(), "tree").is_empty(),
        "no file was parsed, so no tree was stored again"
    );
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
    assert_eq!(
        of_kind(cache.path(), "tree").len(),
        3,
        "the edited text has its own tree"
    );
    assert_eq!(
        of_kind(cache.path(), "record").len(),
        2,
        "and the edited record its own entry"
    );
    assert!(before.keys().all(|k| after.contains_key(k)));
    // Edited back: the first record's entry is a hit again.
    std::fs::write(
        record.path().join("issues.yaml"),
        "issues:\n  - {id: land, title: Land, category: territory}\n",
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let back = check(record.path(), cache.path());
    assert!(!String::from_utf8_lossy(&back.stdout).contains("teritory"));
    assert_eq!(entries(cache.path()), after, "a hit writes nothing");
}

/// Replaces the version written in a cache entry (after the 8-byte magic, the
/// 4-byte format and the version's 4-byte length) with another of the same
/// length, and seals the entry again with its checksum, as another stancemap
/// would have written it.
fn as_from_another_version(bytes: &[u8]) -> Vec<u8> {
    use std::hash::Hasher;
    let len = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let mut body = bytes[..bytes.len() - 8].to_vec();
    assert_eq!(&body[16..16 + len], env!("CARGO_PKG_VERSION").as_bytes());
    body[16..16 + len].copy_from_slice(&"9".repeat(len).into_bytes());
    let mut h = std::hash::DefaultHasher::new();
    h.write(&body);
    body.extend_from_slice(&h.finish().to_le_bytes());
    body
}

#[test]
fn an_entry_of_another_version_is_ignored_and_rewritten() {
    let (record, cache) = (record(), tempfile::tempdir().unwrap());
    let cold = check(record.path(), cache.path());
    let names: Vec<String> = entries(cache.path()).into_keys().collect();
    assert_eq!(names.len(), 3);
    let mut ours = BTreeMap::new();
    for name in &names {
        let path = cache.path().join(name);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, as_from_another_version(&bytes)).unwrap();
        ours.insert(name.clone(), bytes);
    }
    let warm = check(record.path(), cache.path());
    assert_eq!(warm.stdout, cold.stdout);
    for (name, bytes) in ours {
        assert_eq!(
            std::fs::read(cache.path().join(&name)).unwrap(),
            bytes,
            "{name}: not trusted, and rewritten by this version"
        );
    }
}

#[test]
fn a_damaged_entry_is_ignored_and_rewritten() {
    let (record, cache) = (record(), tempfile::tempdir().unwrap());
    let cold = check(record.path(), cache.path());
    let mut sound = BTreeMap::new();
    for name in entries(cache.path()).keys() {
        let path = cache.path().join(name);
        let mut bytes = std::fs::read(&path).unwrap();
        sound.insert(name.clone(), bytes.clone());
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
    }
    assert_eq!(sound.len(), 3, "two trees and the record");
    std::fs::write(cache.path().join("not-ours.tree"), b"junk").unwrap();
    std::fs::write(cache.path().join("not-ours.record"), b"junk").unwrap();
    let warm = check(record.path(), cache.path());
    assert_eq!(warm.stdout, cold.stdout, "a damaged entry is never trusted");
    for (name, bytes) in sound {
        assert_eq!(
            std::fs::read(cache.path().join(&name)).unwrap(),
            bytes,
            "{name} rewritten"
        );
    }
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
        3,
        "the user's cache by default"
    );
}
