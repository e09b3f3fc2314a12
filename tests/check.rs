//! `stancemap check` and `stancemap export` on fixture records, through the real binary.

mod support;

use std::process::Output;

fn stancemap(args: &[&str]) -> Output {
    support::sm(args).output()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

#[test]
fn small_record_is_valid() {
    let out = stancemap(&["check", "--deny-warnings", "tests/fixtures/small"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr)
        .contains("6 actors, 3 issues, 5 positions, 2 demands, 1 concession, 1 event"));
}

#[test]
fn small_record_quotes_occur_in_their_sources() {
    let out = stancemap(&[
        "check",
        "--deny-warnings",
        "--sources",
        "tests/fixtures/small-sources",
        "tests/fixtures/small",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn every_mistake_is_reported_in_one_run_as_json() {
    let out = stancemap(&["check", "--format", "json", "tests/fixtures/mistakes"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    insta::assert_json_snapshot!("mistakes_json", report);
}

#[test]
fn every_mistake_is_shown_with_its_source_line() {
    let out = stancemap(&["check", "tests/fixtures/mistakes"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("mistakes_human", text(&out.stderr));
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    // The ignored README.txt and the unsourced entries are warnings; the file with
    // warnings only is valid without --deny-warnings.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "actors:\n  - id: russia\n    name: Russia\n    kind: state\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    assert_eq!(stancemap(&["check", path]).status.code(), Some(0));
    let denied = stancemap(&["check", "--deny-warnings", path]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(text(&denied.stderr).contains("missing-source"));
}

#[test]
fn misquotes_and_missing_documents_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "actors:\n  - id: russia\n    name: Russia\n    kind: state\n    sources:\n      - doc: doc-a.txt\n        quote: \"Russia demands total control\"\n      - doc: nowhere.txt\n        quote: \"anything\"\n",
    )
    .unwrap();
    let out = stancemap(&[
        "check",
        "--format",
        "json",
        "--sources",
        "tests/fixtures/small-sources",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("quote-not-found".to_string(), 7, 16),
            ("missing-document".to_string(), 8, 14)
        ]
    );
}

#[test]
fn export_json_has_every_section_sorted_by_id() {
    let out = stancemap(&["export", "--format", "json", "tests/fixtures/small"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in [
        "actors",
        "issues",
        "positions",
        "demands",
        "concessions",
        "events",
    ] {
        assert!(doc[key].is_array(), "missing {key}");
    }
    let ids: Vec<&str> = doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // References are written as ids, with the YAML's field names.
    let demand = &doc["demands"][1];
    assert_eq!(demand["id"], "d-russia-nato-rescind");
    assert_eq!(demand["of"], serde_json::json!(["nato"]));
    assert_eq!(
        doc["demands"][0]["conflicts_with"],
        serde_json::json!(["p-ukraine-no-land"])
    );
    insta::assert_json_snapshot!("small_export", doc);
}

#[test]
fn export_refuses_an_invalid_record() {
    let out = stancemap(&["export", "tests/fixtures/mistakes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("is invalid"));
}

#[test]
fn explain_lists_every_code() {
    let out = stancemap(&["check", "--explain"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    for code in stancemap::diagnostic::Code::ALL {
        assert!(listing.contains(code.as_str()));
    }
}

/// A record where `by` concedes on NATO, answering Russia's demand of the United States.
fn concession_record(by: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "actors:
  - {{id: russia, name: Russia, kind: state}}
  - {{id: united-states, name: United States, kind: state}}
  - {{id: turkey, name: Turkey, kind: state}}
  - {{id: hegseth, name: Pete Hegseth, kind: person, member_of: [united-states]}}
issues:
  - {{id: ukraine-nato-membership, title: Ukraine joins NATO, category: security}}
demands:
  - {{id: d-no-nato, by: russia, of: [united-states], issue: ukraine-nato-membership, stance: oppose,
     text: No NATO for Ukraine., priority: red-line, status: open, date: 2025-02}}
concessions:
  - {{id: c-nato, by: {by}, to: [russia], issue: ukraine-nato-membership, stance: oppose,
     answers: [d-no-nato], text: NATO membership is not realistic., status: made, date: 2025-02-12}}
"
    );
    std::fs::write(dir.path().join("record.yaml"), text).unwrap();
    dir
}

#[test]
fn a_person_concedes_for_their_state() {
    let codes = |by: &str| -> Vec<String> {
        let dir = concession_record(by);
        let out = stancemap(&["check", "--format", "json", dir.path().to_str().unwrap()]);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    // Hegseth speaks for the United States, of which the demand was made.
    assert!(!codes("hegseth").contains(&"answer-mismatch".to_string()));
    assert!(!codes("united-states").contains(&"answer-mismatch".to_string()));
    // Turkey was not asked.
    assert!(codes("turkey").contains(&"answer-mismatch".to_string()));
}

/// Regression: an issue without `category` is dropped from the model, which shifted
/// the issue indices the answers rule used; a concession answering a demand on that
/// issue panicked `check` (index out of bounds) instead of reporting the field.
#[test]
fn issue_without_category_answered_by_a_concession_is_reported_not_a_panic() {
    let out = stancemap(&[
        "check",
        "tests/fixtures/fuzz-regressions/issue-without-category-answered-concession.yaml",
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("error[missing-field]"), "{err}");
    assert!(err.contains("category"), "{err}");
}
