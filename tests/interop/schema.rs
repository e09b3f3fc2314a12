use super::{python, run_ok};
use std::path::{Path, PathBuf};

fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/stancemap.schema.json")
}

#[test]
fn committed_schema_is_current() {
    let printed = run_ok(&["schema"]);
    let committed = std::fs::read_to_string(committed()).unwrap_or_default();
    assert!(
        printed == committed,
        "docs/stancemap.schema.json is stale: run `cargo run -- schema > docs/stancemap.schema.json`"
    );
}

/// The YAML files of the test fixture and of `data/` when there is one.
fn record_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [root.join("tests/fixtures/small"), root.join("data")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Validates each `(name, YAML text)` against the committed schema with Python's
/// jsonschema; returns the names of those that fail, or `None` when skipped.
fn invalid(documents: &[(String, String)]) -> Option<Vec<String>> {
    let docs: serde_json::Map<String, serde_json::Value> = documents
        .iter()
        .map(|(name, text)| {
            // YAML 1.2 booleans only, as editors read YAML: `y`, `no` stay text (the
            // loader reads every scalar as text anyway).
            let options = serde_saphyr::options! { strict_booleans: true };
            let value: serde_json::Value = serde_saphyr::from_str_with_options(text, options)
                .unwrap_or_else(|e| panic!("{name} is not YAML: {e}"));
            (name.clone(), value)
        })
        .collect();
    let script = format!(
        r#"
import json, sys, jsonschema
schema = json.load(open({path:?}))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for name, doc in sorted(json.load(sys.stdin).items()):
    errors = list(validator.iter_errors(doc))
    for e in errors:
        print(name, list(e.absolute_path), e.message, file=sys.stderr)
    if errors:
        print(name)
"#,
        path = committed().to_str().unwrap()
    );
    let out = python(
        &["jsonschema"],
        &script,
        &serde_json::to_string(&docs).unwrap(),
    )?;
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn record_files_validate_against_the_schema() {
    let files = record_files();
    assert!(!files.is_empty());
    let documents: Vec<(String, String)> = files
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    if let Some(bad) = invalid(&documents) {
        assert!(bad.is_empty(), "invalid against the schema: {bad:?}");
    }
}

#[test]
fn schema_rejects_what_the_loader_rejects() {
    let cases = [
        ("typo", "positions:\n  - actor: a\n    issue: b\n    stnace: oppose\n    stance: oppose\n    strength: firm\n    summary: s\n    date: 2025-02\n"),
        ("bad-keyword", "actors:\n  - {id: a, name: A, kind: country}\n"),
        ("bad-date", "events:\n  - {id: e, kind: talks, title: T, date: 18/02/2025}\n"),
        ("missing-field", "demands:\n  - {id: d, by: a, issue: i, stance: oppose, text: t, priority: core, status: open, date: 2025-02}\n"),
        ("ok-one-or-many", "demands:\n  - {id: d, by: a, of: b, issue: i, stance: oppose, text: t, priority: core, status: open, date: 2025-02, conflicts_with: [x, y, no]}\n"),
    ];
    let documents: Vec<(String, String)> = cases
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    if let Some(bad) = invalid(&documents) {
        assert_eq!(bad, ["bad-date", "bad-keyword", "missing-field", "typo"]);
    }
}
