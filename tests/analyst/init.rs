//! `stancemap init`.

use super::{assert_code, run_in, text};
use std::fs;

#[test]
fn a_new_record_passes_check_with_deny_warnings_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    assert_code(&run_in(tmp.path(), &["init", "record"]), 0);
    let dir = tmp.path().join("record");
    for name in [
        "README.md",
        "actors.yaml",
        "issues.yaml",
        "positions.yaml",
        "demands.yaml",
        "concessions.yaml",
        "events.yaml",
        "schema/stancemap.schema.json",
    ] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    assert!(dir.join("sources").is_dir());
    // The hook points at a schema inside the folder, so it works without a checkout.
    let actors = fs::read_to_string(dir.join("actors.yaml")).unwrap();
    let hook = actors.lines().next().unwrap();
    let target = hook
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join(target)).unwrap()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let out = run_in(tmp.path(), &["check", "--deny-warnings", "record"]);
    assert_code(&out, 0);
    assert!(text(&out.stderr).contains("0 errors, 0 warnings"));
}

#[test]
fn init_refuses_a_non_empty_folder_and_never_replaces_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("actors.yaml"), "mine\n").unwrap();
    let refused = run_in(tmp.path(), &["init", "."]);
    assert_code(&refused, 2);
    assert!(text(&refused.stderr).contains("is not empty"));
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);

    let forced = run_in(tmp.path(), &["init", ".", "--force"]);
    assert_code(&forced, 0);
    assert!(text(&forced.stderr).contains("kept ./actors.yaml as it was"));
    assert_eq!(
        fs::read_to_string(tmp.path().join("actors.yaml")).unwrap(),
        "mine\n"
    );
    assert!(tmp.path().join("issues.yaml").is_file());
}

#[test]
fn init_on_a_file_says_it_is_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "x").unwrap();
    let out = run_in(tmp.path(), &["init", "notes.txt"]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("notes.txt is a file, not a folder"),
        "{}",
        text(&out.stderr)
    );
}
