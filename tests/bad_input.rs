//! Bad input never panics, hangs or eats memory: each malformed record below
//! gets a located message (file:line:column), a stable code and the right exit
//! code. Run through the real binary, on records written into a temp directory.

mod support;

use std::path::Path;
use std::process::Output;

/// A record directory holding `files` (name, bytes).
fn record(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    assert_cmd::Command::from_std(support::command())
        .arg("check")
        .args(extra)
        .arg(dir)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap()
}

/// The JSON diagnostics of `check --format json` on `dir`, with its exit code.
fn diagnostics(dir: &Path) -> (i32, Vec<serde_json::Value>) {
    let out = check(dir, &["--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    let list = doc["diagnostics"].as_array().unwrap().clone();
    (out.status.code().unwrap(), list)
}

/// Asserts `dir` fails with exit 1 and a diagnostic `code` at `file:line:column`.
fn fails_at(dir: &Path, code: &str, file: &str, line: u64, column: u64) -> serde_json::Value {
    let (exit, list) = diagnostics(dir);
    assert_eq!(exit, 1, "exit code; diagnostics: {list:#?}");
    let found = list
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` diagnostic in {list:#?}"));
    assert_eq!(found["severity"], "error");
    assert!(
        found["file"].as_str().unwrap().ends_with(file),
        "file: {found}"
    );
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(line), Some(column)),
        "location: {found}"
    );
    found.clone()
}

const ACTOR: &str = "actors:\n  - {id: russia, name: Russia, kind: state}\n";

#[test]
fn an_empty_file_is_a_located_warning_and_fails_with_deny_warnings() {
    let dir = record(&[("empty.yaml", b""), ("actors.yaml", ACTOR.as_bytes())]);
    let (exit, list) = diagnostics(dir.path());
    assert_eq!(
        exit, 0,
        "an empty file alone does not make the record invalid"
    );
    let empty = list.iter().find(|d| d["code"] == "empty-file").unwrap();
    assert!(empty["file"].as_str().unwrap().ends_with("empty.yaml"));
    assert_eq!(
        check(dir.path(), &["--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn tab_indentation() {
    let dir = record(&[("a.yaml", b"actors:\n\t- id: russia\n")]);
    // serde-saphyr points just past the tab, at the `-` it indents.
    let d = fails_at(dir.path(), "yaml-syntax", "a.yaml", 2, 2);
    assert!(d["message"].as_str().unwrap().contains("tab"), "{d}");
}

#[test]
fn unterminated_flow_sequence() {
    let dir = record(&[(
        "a.yaml",
        b"actors: [ {id: russia, name: Russia, kind: state}\n",
    )]);
    let d = fails_at(dir.path(), "yaml-syntax", "a.yaml", 1, 9);
    assert!(d["message"].as_str().unwrap().contains("unclosed"), "{d}");
}

#[test]
fn duplicate_key_is_an_error_not_a_silent_overwrite() {
    let dir = record(&[(
        "a.yaml",
        b"actors:\n  - id: russia\n    name: Russia\n    name: Rusia\n    kind: state\n",
    )]);
    let d = fails_at(dir.path(), "duplicate-key", "a.yaml", 4, 5);
    assert!(d["message"].as_str().unwrap().contains("name"), "{d}");
}

#[test]
fn invalid_utf8_is_located_at_the_bad_byte() {
    let dir = record(&[(
        "a.yaml",
        b"actors:\n  - id: russia\n    name: \"Rus\xff\xfesia\"\n    kind: state\n",
    )]);
    fails_at(dir.path(), "invalid-utf8", "a.yaml", 3, 15);
}

#[test]
fn an_alias_bomb_stops_at_the_alias_budget() {
    let aliases = vec!["*a"; 20_000].join(",");
    let text =
        format!("actors:\n  - id: x\n    name: &a X\n    kind: state\n    aliases: [{aliases}]\n");
    let dir = record(&[("a.yaml", text.as_bytes())]);
    let d = fails_at(dir.path(), "limit-exceeded", "a.yaml", 5, 30_015);
    assert!(
        d["message"].as_str().unwrap().contains("(max-aliases)"),
        "{d}"
    );
}

#[test]
fn nested_aliases_never_expand() {
    // The classic "billion laughs": nine levels of nine aliases each.
    let mut text = String::from("actors:\n  - id: x0\n    name: X\n    kind: state\n    aliases: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 9].join(", ");
        text.push_str(&format!(
            "  - id: x{level}\n    name: X\n    kind: state\n    aliases: &a{level} [{refs}]\n"
        ));
    }
    let dir = record(&[("a.yaml", text.as_bytes())]);
    let (exit, list) = diagnostics(dir.path());
    assert_eq!(exit, 1);
    assert!(
        list.iter().any(
            |d| d["file"].as_str().unwrap().ends_with("a.yaml") && d["line"].as_u64().is_some()
        ),
        "{list:#?}"
    );
}

#[test]
fn a_binary_tag_is_refused() {
    let dir = record(&[(
        "a.yaml",
        b"actors:\n  - id: russia\n    name: !!binary aGVsbG8=\n    kind: state\n",
    )]);
    let d = fails_at(dir.path(), "yaml-syntax", "a.yaml", 3, 11);
    assert!(d["message"].as_str().unwrap().contains("!!binary"), "{d}");
}

#[test]
fn hundred_thousand_nested_brackets_stop_at_the_depth_limit() {
    let text = format!("actors: {}\n", "[".repeat(100_000));
    let dir = record(&[("a.yaml", text.as_bytes())]);
    let (exit, list) = diagnostics(dir.path());
    assert_eq!(exit, 1);
    let d = &list[0];
    assert_eq!(d["code"], "limit-exceeded");
    assert!(d["message"].as_str().unwrap().contains("max-depth"), "{d}");
    assert!(d["hint"].as_str().unwrap().contains("--max-depth"), "{d}");
    // Located at the bracket past the limit (64 levels after `actors: `), not
    // after walking all 100,000.
    assert_eq!(d["line"], 1);
    assert!((9..=100).contains(&d["column"].as_u64().unwrap()), "{d}");
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let dir = record(&[]);
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    // Sparse: takes no disk, but its size is what the loader sees.
    file.set_len(200 << 20).unwrap();
    let d = fails_at(dir.path(), "limit-exceeded", "huge.yaml", 1, 1);
    assert!(
        d["message"].as_str().unwrap().contains("per-file limit"),
        "{d}"
    );
    assert!(
        d["hint"].as_str().unwrap().contains("--max-file-mib"),
        "{d}"
    );
}

#[test]
fn a_directory_with_no_yaml_is_invalid() {
    let dir = record(&[("readme.txt", b"notes")]);
    let (exit, list) = diagnostics(dir.path());
    assert_eq!(exit, 1);
    assert!(
        list.iter().any(|d| d["code"] == "empty-record"),
        "{list:#?}"
    );
}

#[test]
fn a_non_yaml_file_in_the_record_is_a_located_warning() {
    let dir = record(&[("actors.yaml", ACTOR.as_bytes()), ("notes.txt", b"x")]);
    let (exit, list) = diagnostics(dir.path());
    assert_eq!(exit, 0);
    let ignored = list.iter().find(|d| d["code"] == "ignored-file").unwrap();
    assert!(ignored["file"].as_str().unwrap().ends_with("notes.txt"));
    assert_eq!(ignored["severity"], "warning");
}

#[test]
fn a_missing_record_path_is_an_io_error() {
    let dir = record(&[]);
    let out = check(&dir.path().join("no-such-dir"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-dir"), "{stderr}");
}

#[test]
fn a_diagnostic_on_an_overlong_line_names_the_place_instead_of_echoing_it() {
    let text = format!("actors: {}\n", "[".repeat(100_000));
    let dir = record(&[("a.yaml", text.as_bytes())]);
    let out = check(dir.path(), &["--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.len() < 2_000, "{} bytes of stderr", stderr.len());
    assert!(stderr.contains("a.yaml:1:"), "{stderr}");
    assert!(stderr.contains("too many to show"), "{stderr}");
}
