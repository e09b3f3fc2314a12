//! Exports, schema and shell helpers checked against the tools that read them
//! (networkx, pyoxigraph, jsonschema). A test needing a missing Python module
//! prints a notice and passes: CI installs them with
//! `pip install networkx jsonschema pyoxigraph`.

mod cli_extras;
mod dna;
mod export;
mod network;
mod new;
mod schema;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn stancemap() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stancemap"))
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs stancemap with `args`, asserting success; returns stdout.
pub fn run_ok(args: &[&str]) -> String {
    let out = stancemap().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "stancemap {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `python3 -c script` with `stdin`, when python3 and `modules` are there;
/// `None` (with a notice) when they are not.
pub fn python(modules: &[&str], script: &str, stdin: &str) -> Option<Output> {
    let probe = format!("import {}", modules.join(", "));
    let ok = Command::new("python3")
        .args(["-c", &probe])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        // CI installs them and sets STANCEMAP_REQUIRE_TOOLS: a skip there would
        // hide a broken install.
        assert!(
            std::env::var_os("STANCEMAP_REQUIRE_TOOLS").is_none(),
            "python3 with {} is missing, and STANCEMAP_REQUIRE_TOOLS is set",
            modules.join(", ")
        );
        eprintln!(
            "notice: skipped, python3 with {} is missing (pip install {})",
            modules.join(", "),
            modules.join(" ")
        );
        return None;
    }
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    Some(out)
}

/// Copies the small fixture into `to`, for tests that edit a record.
pub fn copy_record(to: &Path) {
    for entry in std::fs::read_dir(fixture("small")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}
