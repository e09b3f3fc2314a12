//! Issue 19's item 2: a claim added from the shell in one line, with its source
//! and quote, into the file that already holds its issue, in the record's style.

use super::support::sm;
use std::fs;
use std::path::Path;

/// A copy of the bundled record (YAML files and the sources folder).
fn bundled_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for sub in ["", "sources"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in fs::read_dir(data.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

const DOC: &str = "003_6bfc09dbad7fdb7a.txt";
const QUOTE: &str = "Ukraine’s ambitions to join NATO";

fn position(record: &Path, quote: &str) -> Vec<String> {
    [
        "new",
        "position",
        "--record",
        record.to_str().unwrap(),
        "--append",
        "--actor",
        "Moscow",
        "--issue",
        "ukraine-nato-membership",
        "--stance",
        "oppose",
        "--strength",
        "firm",
        "--summary",
        "Russia rejects Ukraine's NATO bid.",
        "--date",
        "2025-02-18",
        "--source",
        DOC,
        "--quote",
        quote,
        "--confidence",
        "high",
    ]
    .map(str::to_string)
    .to_vec()
}

#[test]
fn a_position_with_its_source_lands_in_the_file_of_its_issue_and_checks_clean() {
    let record = bundled_copy();
    let nato = record.path().join("nato.yaml");
    let before = fs::read_to_string(&nato).unwrap();
    sm(position(record.path(), QUOTE))
        .run()
        .success()
        .stderr_has("the quote occurs in")
        .stderr_has("nato.yaml");
    let after = fs::read_to_string(&nato).unwrap();
    assert!(after.starts_with(&before), "the old bytes are kept");
    let added = &after[before.len()..];
    assert!(added.contains("  - actor: russia\n"), "{added}");
    assert!(added.contains(&format!("      - doc: {DOC}\n")), "{added}");
    assert!(
        added.contains(&format!("        quote: \"{QUOTE}\"\n")),
        "{added}"
    );
    assert!(
        !added.contains('#'),
        "no template comments in the record: {added}"
    );
    let sources = record.path().join("sources");
    sm([
        "check",
        "--deny-warnings",
        "--no-cache",
        record.path().to_str().unwrap(),
        "--sources",
        sources.to_str().unwrap(),
    ])
    .run()
    .success();
    let json = sm([
        "actor",
        "russia",
        "--no-cache",
        "--format",
        "json",
        record.path().to_str().unwrap(),
    ])
    .run()
    .success()
    .stdout();
    assert!(
        json.contains("Russia rejects Ukraine's NATO bid."),
        "{json}"
    );
}

#[test]
fn a_misquote_is_refused_and_nothing_is_written() {
    let record = bundled_copy();
    let nato = record.path().join("nato.yaml");
    let before = fs::read(&nato).unwrap();
    sm(position(
        record.path(),
        "Ukraine’s ambitions to join the EU",
    ))
    .run()
    .code(2)
    .stderr_has("--quote does not occur in");
    assert_eq!(fs::read(&nato).unwrap(), before);
}

#[test]
fn dry_run_prints_the_entry_and_where_and_writes_nothing() {
    let record = bundled_copy();
    let nato = record.path().join("nato.yaml");
    let before = fs::read(&nato).unwrap();
    let mut args = position(record.path(), QUOTE);
    args.push("--dry-run".into());
    let out = sm(args).run().success().stdout();
    assert!(out.starts_with("# would add to "), "{out}");
    assert!(out.lines().next().unwrap().contains("nato.yaml"), "{out}");
    assert!(
        out.contains("summary: \"Russia rejects Ukraine's NATO bid.\""),
        "{out}"
    );
    assert_eq!(fs::read(&nato).unwrap(), before, "nothing written");
}

#[test]
fn an_unknown_actor_gets_did_you_mean() {
    let record = bundled_copy();
    let mut args = position(record.path(), QUOTE);
    let at = args.iter().position(|a| a == "Moscow").unwrap();
    args[at] = "rusia".into();
    sm(args).run().code(2).stderr_has("did you mean `russia`");
}
