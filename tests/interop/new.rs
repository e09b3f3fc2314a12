use super::{copy_record, fixture, stancemap};

#[test]
fn template_fills_flags_and_writes_ids_for_aliases() {
    let out = stancemap()
        .args(["new", "demand", "--record"])
        .arg(fixture("small"))
        .args(["--by", "Moscow", "--of", "nato,Kyiv", "--stance", "oppose"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("demands:\n  - id:"), "{text}");
    assert!(text.contains("by: russia "));
    assert!(text.contains("of: [nato, ukraine] "));
    assert!(text.contains("# required: red-line | core | secondary"));
}

#[test]
fn unknown_actor_is_a_usage_error_with_a_hint() {
    let out = stancemap()
        .args(["new", "position", "--record"])
        .arg(fixture("small"))
        .args(["--actor", "rusia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("did you mean `russia`?"), "{stderr}");
}

#[test]
fn append_keeps_the_file_and_rechecks_the_record() {
    let dir = tempfile::tempdir().unwrap();
    copy_record(dir.path());
    let claims = dir.path().join("claims.yaml");
    let before = std::fs::read_to_string(&claims).unwrap();
    let out = stancemap()
        .args(["new", "position", "--record"])
        .arg(dir.path())
        .arg("--append")
        .arg(&claims)
        .args([
            "--actor",
            "united-states",
            "--issue",
            "occupied-territories-russian-control",
        ])
        .args([
            "--stance",
            "ambiguous",
            "--strength",
            "floated",
            "--date",
            "2025-03",
        ])
        .args(["--summary", "Said: \"everything is on the table\""])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("now has 0 errors and 1 warning"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(&claims).unwrap();
    // The old bytes are kept as they were; the entry follows them, as a new
    // document because `positions` is not the file's last section.
    let added = after.strip_prefix(before.as_str()).expect("old bytes kept");
    assert!(
        added.starts_with("---\npositions:\n  - actor: united-states"),
        "{added}"
    );
    assert!(stderr.contains("as a new YAML document"), "{stderr}");

    // A required field not given: nothing is written, and the flag is named.
    let out = stancemap()
        .args(["new", "actor", "--record"])
        .arg(dir.path())
        .arg("--append")
        .arg(dir.path().join("more.yaml"))
        .args(["--id", "eu", "--name", "European Union"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs --kind"));
    assert!(!dir.path().join("more.yaml").exists());
    let out = stancemap()
        .args(["new", "actor", "--record"])
        .arg(dir.path())
        .arg("--append")
        .arg(dir.path().join("more.yaml"))
        .args(["--id", "eu", "--name", "European Union", "--kind", "bloc"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let added = std::fs::read_to_string(dir.path().join("more.yaml")).unwrap();
    assert!(added.starts_with("actors:\n  - id: eu"), "{added}");
}

#[test]
fn taken_id_is_refused() {
    let out = stancemap()
        .args(["new", "actor", "--record"])
        .arg(fixture("small"))
        .args(["--id", "russia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_flag_the_entry_has_no_field_for_is_refused() {
    let out = stancemap()
        .args(["new", "actor", "--record"])
        .arg(fixture("small"))
        .args(["--by", "russia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("--by does not apply to a new actor"),
        "{stderr}"
    );
}
