//! `stancemap brief` on the bundled record.

use super::{assert_code, run, text};
use std::collections::BTreeSet;

fn brief(args: &[&str]) -> String {
    let out = run(args);
    assert_code(&out, 0);
    text(&out.stdout)
}

/// The documents of `[^n]: \`doc\`, …` footnote definitions.
fn footnote_docs(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with("[^"))
        .map(|l| {
            let rest = l.split_once("]: `").expect("a footnote names a document").1;
            rest.split('`').next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn every_footnote_names_a_source_of_the_record_shipped_in_data_sources() {
    let md = brief(&["brief", "data", "--since", "2025-02-15"]);
    let docs = footnote_docs(&md);
    assert!(docs.len() > 50, "{md}");
    let export: serde_json::Value =
        serde_json::from_slice(&run(&["export", "--format", "json", "data"]).stdout).unwrap();
    let mut cited = BTreeSet::new();
    for section in ["actors", "positions", "demands", "concessions", "events"] {
        for e in export[section].as_array().unwrap() {
            for s in e["sources"].as_array().unwrap() {
                cited.insert(s["doc"].as_str().unwrap().to_string());
            }
        }
    }
    for doc in &docs {
        assert!(cited.contains(doc), "{doc} is not cited by the record");
        assert!(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/sources")
                .join(doc)
                .is_file(),
            "{doc} is not in data/sources"
        );
    }
    // Every mark used has its note, and every note is used.
    let defined = md.lines().filter(|l| l.starts_with("[^")).count();
    for n in 1..=defined {
        assert!(md.contains(&format!("[^{n}]:")));
        assert!(
            md.matches(&format!("[^{n}]")).count() >= 2,
            "note {n} unused"
        );
    }
    // Every sentence about a claim carries a note.
    let body = md.split("## Sources").next().unwrap();
    let claims = body
        .split("## Who stands where")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("- "));
    for line in claims {
        assert!(line.contains("[^"), "no source for: {line}");
    }
    assert!(md.contains("## What changed since 2025-02-15"));
}

#[test]
fn the_brief_counts_the_conflicts_the_conflicts_command_finds() {
    for filter in [
        &[][..],
        &["--issue", "ukraine-territory"][..],
        &["--as-of", "2025-02-18"][..],
    ] {
        let mut args = vec!["conflicts", "data", "--format", "json"];
        args.extend(filter);
        let json: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
        let n = json["issues"].as_array().unwrap().len();
        let mut args = vec!["brief", "data"];
        args.extend(filter);
        let md = brief(&args);
        assert!(
            md.contains(&format!(" {n} issue(s) are in conflict")),
            "{filter:?}: {n}\n{md}"
        );
        let section = md
            .split("## Conflicts\n")
            .nth(1)
            .unwrap()
            .split("\n## ")
            .next()
            .unwrap();
        assert_eq!(
            section.lines().filter(|l| l.starts_with("### ")).count(),
            n,
            "{filter:?}"
        );
        // Both sides of every conflict are quoted.
        assert_eq!(section.matches("The source: “").count(), 2 * n);
    }
}

#[test]
fn the_brief_parses_as_markdown_with_footnotes() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let md = brief(&["brief", "data", "--actor", "russia"]);
    let mut headings = 0;
    let mut notes = 0;
    for e in Parser::new_ext(&md, Options::ENABLE_FOOTNOTES) {
        match e {
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::FootnoteDefinition(_)) => notes += 1,
            _ => {}
        }
    }
    assert!(headings > 5);
    assert_eq!(notes, footnote_docs(&md).len());
}

#[test]
fn brief_map_writes_the_svg_beside_or_inline() {
    if !super::support::require_dot() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let md_path = tmp.path().join("brief.md");
    let out = run(&["brief", "data", "--map", "-o", md_path.to_str().unwrap()]);
    assert_code(&out, 0);
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.contains("](brief.svg)"));
    let svg = std::fs::read_to_string(tmp.path().join("brief.svg")).unwrap();
    assert!(svg.contains("<svg"));
    let html = brief(&["brief", "data", "--map", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<figure class=\"map\"><svg"));
    assert!(html.contains("footnote"));
}
