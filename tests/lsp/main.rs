//! `stancemap lsp` driven as a subprocess: through pygls's language client (a
//! real editor-side implementation of the protocol), and byte by byte with bad
//! input that must get an error response or be ignored, never end the server.

mod protocol;
#[path = "../support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;

pub const ACTORS: &str = "\
actors:
  - id: russia
    name: Russia
    kind: state
    aliases: [Moscow]
  - id: ukraine
    name: Ukraine
    kind: state
  - id: nato
    name: NATO
    kind: organisation
";

pub const ISSUES: &str = "\
issues:
  - id: nato-membership
    title: Ukraine joins NATO
    category: security
";

/// Three mistakes: an unknown actor, a bad stance, an unknown issue.
pub const POSITIONS: &str = "\
positions:
  - actor: rusia
    issue: nato-membership
    stance: oppose
    strength: firm
    summary: Russia opposes it.
    date: 2025-02
    sources:
      - {doc: a.txt, quote: \"no\"}
  - actor: ukraine
    issue: nato-membership
    stance: suport
    strength: firm
    summary: Ukraine wants it.
    date: 2025-02
    sources:
      - {doc: a.txt, quote: \"yes\"}
  - actor: ukraine
    issue: nato-membershp
    stance: support
    strength: firm
    summary: Ukraine still wants it.
    date: 2025-03
    sources:
      - {doc: a.txt, quote: \"still\"}
";

pub fn record() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("actors.yaml", ACTORS),
        ("issues.yaml", ISSUES),
        ("positions.yaml", POSITIONS),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn an_editor_client_sees_diagnostics_completion_definition_and_rename() {
    if !support::require_python(&["pygls", "lsprotocol"]) {
        return;
    }
    let dir = record();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/client.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(support::bin())
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.trim() == "ok",
        "client failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
