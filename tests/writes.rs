//! Writes that fail leave the old file whole and say what failed (exit 2); read
//! commands never write into the record directory.
//!
//! The failing file systems are small tmpfs mounts (a full disk, a read-only
//! directory), which need root: CI runs as root; elsewhere those cases say so
//! and are skipped. `src/cli/output.rs` has the fault-injecting unit tests that
//! need no mount.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stancemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the stancemap binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A tmpfs of `size` mounted on a fresh directory, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            eprintln!("notice: cannot mount a tmpfs here (needs root); write-failure case not run");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn read_only_directory_keeps_the_old_map_and_names_the_file() {
    let Some(fs_) = Tmpfs::mount("1m") else {
        return;
    };
    let target = fs_.path().join("map.dot");
    fs::write(&target, "old map\n").unwrap();
    fs_.read_only();
    let out = stancemap(&[
        "render",
        "tests/fixtures/small",
        "-o",
        target.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("writing {}", target.display())),
        "{err}"
    );
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "old map\n");
    assert_eq!(entries(fs_.path()), ["map.dot"]);
}

/// Writes `path` until the disk is full.
fn fill(path: &Path) {
    use std::io::Write;
    let mut file = fs::File::create(path).unwrap();
    let block = [b'x'; 4096];
    while file.write_all(&block).and_then(|_| file.sync_all()).is_ok() {}
}

#[test]
fn full_disk_keeps_the_old_export_and_names_the_file() {
    let Some(fs_) = Tmpfs::mount("64k") else {
        return;
    };
    let target = fs_.path().join("record.json");
    fs::write(&target, "{\"old\": true}\n").unwrap();
    fill(&fs_.path().join("filler"));
    let out = stancemap(&[
        "export",
        "tests/fixtures/small",
        "-o",
        target.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("writing {}", target.display())),
        "{err}"
    );
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "{\"old\": true}\n");
    assert_eq!(
        entries(fs_.path()),
        ["filler", "record.json"],
        "no temp file left"
    );
}

#[test]
fn full_disk_during_synth_says_what_failed() {
    let Some(fs_) = Tmpfs::mount("64k") else {
        return;
    };
    let out_dir = fs_.path().join("synthetic");
    let out = stancemap(&[
        "synth",
        "--quiet",
        "-o",
        out_dir.to_str().unwrap(),
        "--positions",
        "2000",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(
        err.contains(out_dir.to_str().unwrap()),
        "names the file: {err}"
    );
    // Whatever was written is whole: no temp files, every file that exists parses.
    for name in entries(&out_dir) {
        assert!(!name.starts_with('.'), "temp file {name} left behind");
    }
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            out.push((path.clone(), fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn read_commands_never_write_into_the_record_directory() {
    let record = tempfile::tempdir().unwrap();
    for entry in fs::read_dir("tests/fixtures/small").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, record.path().join(path.file_name().unwrap())).unwrap();
    }
    let before = snapshot(record.path());
    let r = record.path().to_str().unwrap();
    let work = tempfile::tempdir().unwrap();
    for args in [
        vec!["check", r],
        vec!["check", "--format", "json", r],
        vec!["conflicts", r],
        vec!["overlaps", r],
        vec!["coalitions", r],
        vec!["bargaining", r],
        vec!["export", r],
        vec!["render", r],
        vec!["actor", "russia", r],
        vec!["issue", "ukraine-nato-membership", r],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_stancemap"))
            .args(&args)
            .current_dir(work.path())
            .output()
            .unwrap();
        assert!(out.status.code().is_some(), "{args:?}");
        assert_eq!(
            snapshot(record.path()),
            before,
            "{args:?} changed the record directory"
        );
    }
    assert!(
        entries(work.path()).is_empty(),
        "nothing written to the working directory"
    );
}
