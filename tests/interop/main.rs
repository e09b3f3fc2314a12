//! Exports, schema and shell helpers checked against the tools that read them
//! (networkx, pyoxigraph, jsonschema). A test needing a missing Python module
//! asks `support::require_python`: a notice locally, a failure in CI (which
//! installs them with `pip install networkx jsonschema pyoxigraph`).

mod cli_extras;
mod dna;
mod export;
mod network;
mod new;
mod schema;
#[path = "../support/mod.rs"]
mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn stancemap() -> Command {
    support::command()
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
    if !support::require_python(modules) {
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
