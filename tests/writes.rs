//! Every write is safe (issue 21): writes that fail leave the old file whole and
//! say what failed (exit 2); nothing is written into the record being read, over a
//! link, or in place of a pipe or device; modes, owners and line endings are
//! kept; appends under concurrency keep every entry.
//!
//! The failing file systems are small tmpfs mounts (a full disk, a read-only
//! directory), which need root: CI runs as root with STANCEMAP_REQUIRE_TOOLS=1,
//! so there they fail rather than skip. `src/write/` has the fault-injecting unit
//! tests that need no mount.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::{copy_fixture, require_root, sm};

fn stancemap(args: &[&str]) -> Output {
    support::sm(args).output()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A tmpfs of `size` mounted on a fresh directory, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` only where the test may skip (see `support::require_root`).
    fn mount(size: &str) -> Option<Tmpfs> {
        if !require_root() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("mount runs");
        assert!(status.success(), "root cannot mount a tmpfs here");
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
fn read_only_directory_keeps_the_old_map_and_names_the_file_as_root() {
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
fn full_disk_keeps_the_old_export_and_names_the_file_as_root() {
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
fn full_disk_during_synth_says_what_failed_as_root() {
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
        let out = support::command()
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

// ---- issue 21: every write is safe ----

fn small() -> tempfile::TempDir {
    copy_fixture("small")
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn export_into_the_record_is_refused_and_the_file_unchanged() {
    let record = small();
    let claims = record.path().join("claims.yaml");
    let before = fs::read(&claims).unwrap();
    sm(["export", s(record.path()), "-o", s(&claims)])
        .run()
        .code(2)
        .stderr_has("refusing to write")
        .stderr_has("record being read");
    // By identity too: a hard link outside the record is the same file.
    let outside = tempfile::tempdir().unwrap();
    let link = outside.path().join("export.json");
    fs::hard_link(&claims, &link).unwrap();
    sm(["export", s(record.path()), "-o", s(&link)])
        .run()
        .code(2);
    // A new file inside the record directory would join the record.
    sm([
        "export",
        s(record.path()),
        "-o",
        s(&record.path().join("x.json")),
    ])
    .run()
    .code(2);
    sm([
        "render",
        s(record.path()),
        "--all",
        s(record.path()),
        "--dot-only",
    ])
    .run()
    .code(2);
    assert_eq!(fs::read(&claims).unwrap(), before);
    assert!(!record.path().join("x.json").exists());
}

#[cfg(unix)]
#[test]
fn mode_0600_is_kept_by_output_and_by_append() {
    use std::os::unix::fs::PermissionsExt;
    let record = small();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("record.json");
    fs::write(&target, "{}").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    sm(["export", s(record.path()), "-o", s(&target)])
        .run()
        .success();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&target), 0o600);
    assert!(fs::read_to_string(&target).unwrap().len() > 100);

    let claims = record.path().join("claims.yaml");
    fs::set_permissions(&claims, fs::Permissions::from_mode(0o640)).unwrap();
    sm([
        "new",
        "event",
        "--record",
        s(record.path()),
        "--append",
        s(&claims),
    ])
    .args([
        "--id",
        "e-new",
        "--kind",
        "talks",
        "--title",
        "More talks",
        "--date",
        "2025-03",
    ])
    .run()
    .success();
    assert_eq!(mode(&claims), 0o640);
}

#[cfg(unix)]
#[test]
fn owner_is_kept_by_output_and_by_append_as_root() {
    use std::os::unix::fs::MetadataExt;
    if !require_root() {
        return;
    }
    let record = small();
    let claims = record.path().join("claims.yaml");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("record.json");
    fs::write(&target, "{}").unwrap();
    for path in [&claims, &target] {
        std::os::unix::fs::chown(path, Some(65534), Some(65534)).unwrap();
    }
    sm(["export", s(record.path()), "-o", s(&target)])
        .run()
        .success();
    sm([
        "new",
        "event",
        "--record",
        s(record.path()),
        "--append",
        s(&claims),
    ])
    .args([
        "--id",
        "e-new",
        "--kind",
        "talks",
        "--title",
        "More talks",
        "--date",
        "2025-03",
    ])
    .run()
    .success();
    for path in [&claims, &target] {
        let meta = fs::metadata(path).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (65534, 65534),
            "{}",
            path.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_as_output_is_refused_and_says_where_it_points() {
    let record = small();
    let out = tempfile::tempdir().unwrap();
    let real = out.path().join("real.json");
    fs::write(&real, "old").unwrap();
    let link = out.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    sm(["export", s(record.path()), "-o", s(&link)])
        .run()
        .code(2)
        .stderr_has("symbolic link (to ");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "old");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_as_output_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let record = small();
    let out = tempfile::tempdir().unwrap();
    let fifo = out.path().join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    sm(["export", s(record.path()), "-o", s(&fifo)])
        .run()
        .success();
    assert!(reader.join().unwrap().contains("\"actors\""));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // /dev/null stays a device (as root, a rename over it would succeed).
    sm(["export", s(record.path()), "-o", "/dev/null"])
        .run()
        .success();
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // `-o -` is standard output.
    sm(["export", s(record.path()), "-o", "-"])
        .run()
        .success()
        .stdout_has("\"actors\"");
}

#[test]
fn an_existing_record_or_a_non_empty_folder_needs_force() {
    let record = small();
    let out = tempfile::tempdir().unwrap();
    let kept = out.path().join("kept.yaml");
    fs::write(&kept, "actors: []\n").unwrap();
    sm(["export", s(record.path()), "-o", s(&kept)])
        .run()
        .code(2)
        .stderr_has("--force");
    assert_eq!(fs::read_to_string(&kept).unwrap(), "actors: []\n");
    sm(["synth", "--quiet", "-o", s(out.path()), "--positions", "10"])
        .run()
        .code(2)
        .stderr_has("not empty");
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
    sm([
        "synth",
        "--quiet",
        "-o",
        s(out.path()),
        "--positions",
        "10",
        "--force",
    ])
    .run()
    .success();
    sm(["export", s(record.path()), "-o", s(&kept), "--force"])
        .run()
        .success();
    // A folder of earlier maps may be written again (graphs/ in the README).
    let maps = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        sm([
            "render",
            s(record.path()),
            "--all",
            s(maps.path()),
            "--dot-only",
        ])
        .run()
        .success();
    }
}

fn new_event(record: &Path, file: &Path, id: &str) -> Command {
    let mut cmd = support::command();
    cmd.args([
        "new",
        "event",
        "--record",
        s(record),
        "--append",
        s(file),
        "--quiet",
    ])
    .args([
        "--id", id, "--kind", "talks", "--title", id, "--date", "2025-03",
    ]);
    cmd
}

#[test]
fn twenty_concurrent_appends_keep_all_twenty() {
    let record = small();
    let file = record.path().join("claims.yaml");
    let before = fs::read_to_string(&file).unwrap();
    let children: Vec<_> = (0..20)
        .map(|i| {
            new_event(record.path(), &file, &format!("e-{i:02}"))
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.starts_with(&before), "old bytes kept");
    let json = sm(["export", s(record.path())]).run().success().stdout();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .filter(|id| id.starts_with("e-"))
        .collect();
    assert_eq!(ids.len(), 20, "{ids:?}");
}

#[test]
fn append_keeps_crlf_and_appends_to_every_valid_style() {
    let styles = [
        ("bom.yaml", "\u{FEFF}events:\n  - {id: e0, kind: talks, title: T, date: 2025-02}\n"),
        ("flow.yaml", "{\"events\": [{\"id\": \"e0\", \"kind\": \"talks\", \"title\": \"T\", \"date\": \"2025-02\"}]}\n"),
        ("quoted-key.yaml", "\"events\":\n  - {id: e0, kind: talks, title: T, date: 2025-02}\n"),
        ("complex-key.yaml", "? events\n: - {id: e0, kind: talks, title: T, date: 2025-02}\n"),
        ("space-colon.yaml", "events :\n  - {id: e0, kind: talks, title: T, date: 2025-02}\n"),
        ("doc-end.yaml", "events:\n  - {id: e0, kind: talks, title: T, date: 2025-02}\n...\n"),
        ("multiline.yaml", "events:\n  - id: e0\n    kind: talks\n    title: \"two\n      lines\"\n    date: 2025-02\n"),
        ("crlf.yaml", "events:\r\n  - id: e0\r\n    kind: talks\r\n    title: T\r\n    date: 2025-02\r\n"),
    ];
    for (name, text) in styles {
        let record = small();
        let file = record.path().join(name);
        fs::write(&file, text).unwrap();
        sm(["check", s(record.path())]).run().success();
        let out = new_event(record.path(), &file, "e-new").output().unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after = fs::read_to_string(&file).unwrap();
        assert!(after.starts_with(text), "{name}: old bytes kept");
        sm(["check", s(record.path())]).run().success();
        if name == "crlf.yaml" {
            assert!(!after.replace("\r\n", "").contains('\n'), "{after:?}");
        }
    }
}

#[test]
fn values_yaml_cannot_carry_raw_are_escaped_and_come_back_exact() {
    let record = small();
    let file = record.path().join("claims.yaml");
    let title = "DEL\u{7f} nonchar\u{fffe} esc\u{1b}[2J bell\u{7} nel\u{85} c1\u{9b}.";
    sm([
        "new",
        "event",
        "--record",
        s(record.path()),
        "--append",
        s(&file),
    ])
    .args([
        "--id", "e-odd", "--kind", "talks", "--title", title, "--date", "2025-03",
    ])
    .run()
    .success();
    let json = sm(["export", s(record.path())]).run().success().stdout();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let event = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "e-odd")
        .unwrap();
    assert_eq!(event["title"], title);
}

/// Issue 19's item 2: an analyst adds the entry an error is missing.
#[test]
fn append_works_on_a_record_with_an_unrelated_error_and_names_what_remains() {
    let record = small();
    let broken = record.path().join("broken.yaml");
    fs::write(
        &broken,
        "positions:\n  - {actor: nobody, issue: ukraine-nato-membership, stance: support, strength: firm, summary: S, date: 2025-02}\n",
    )
    .unwrap();
    let file = record.path().join("claims.yaml");
    sm([
        "new",
        "event",
        "--record",
        s(record.path()),
        "--append",
        s(&file),
    ])
    .args([
        "--id", "e-new", "--kind", "talks", "--title", "T", "--date", "2025-03",
    ])
    .run()
    .code(1)
    .stderr_has("added a event")
    .stderr_has("all of them there before this entry")
    .stderr_has("nobody");
    let check = sm(["check", "--format", "json", s(record.path())])
        .run()
        .code(1);
    let diags: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let errors: Vec<_> = diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["file"].as_str().unwrap().ends_with("broken.yaml"));
}
