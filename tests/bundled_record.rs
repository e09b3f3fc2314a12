//! The bundled record in data/: valid, every quote verified against the seed
//! articles in ../shared/seeds, and a handful of facts the articles report.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;

fn stancemap(args: &[&str]) -> std::process::Output {
    support::sm(args).output()
}

fn export() -> Value {
    let out = stancemap(&["export", "--format", "json", "data"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The stance of the latest position of `actor` on `issue`.
fn stance(doc: &Value, actor: &str, issue: &str) -> Option<String> {
    doc["positions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["actor"] == actor && p["issue"] == issue)
        .max_by_key(|p| p["date"].as_str().unwrap().to_string())
        .map(|p| p["stance"].as_str().unwrap().to_string())
}

#[test]
fn bundled_record_checks_clean_against_the_seed_articles() {
    let seeds = std::path::Path::new("../shared/seeds");
    assert!(
        seeds.is_dir(),
        "../shared/seeds must sit beside the project (CI clones it there)"
    );
    let out = stancemap(&[
        "check",
        "--deny-warnings",
        "--sources",
        "../shared/seeds",
        "data",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn all_five_seed_articles_are_cited() {
    let doc = export();
    let mut cited = BTreeSet::new();
    for section in ["actors", "positions", "demands", "concessions", "events"] {
        for entry in doc[section].as_array().unwrap() {
            let sources = entry["sources"].as_array().unwrap();
            assert!(
                !sources.is_empty(),
                "{section} entry without a source: {entry}"
            );
            for s in sources {
                cited.insert(s["doc"].as_str().unwrap().to_string());
            }
        }
    }
    let seeds: BTreeSet<String> = std::fs::read_dir("../shared/seeds")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    assert_eq!(seeds.len(), 5);
    assert_eq!(cited, seeds);
}

#[test]
fn russia_and_ukraine_take_opposite_stances_on_the_occupied_territories() {
    let doc = export();
    assert_eq!(
        stance(&doc, "russia", "russia-keeps-occupied-territories").as_deref(),
        Some("support")
    );
    assert_eq!(
        stance(&doc, "ukraine", "russia-keeps-occupied-territories").as_deref(),
        Some("oppose")
    );
}

#[test]
fn the_us_and_russia_both_oppose_ukraine_joining_nato() {
    let doc = export();
    assert_eq!(
        stance(&doc, "russia", "ukraine-nato-membership").as_deref(),
        Some("oppose")
    );
    assert_eq!(
        stance(&doc, "united-states", "ukraine-nato-membership").as_deref(),
        Some("oppose")
    );
}

#[test]
fn the_analysts_proposals_are_not_a_partys() {
    let doc = export();
    let analysts: BTreeSet<&str> = doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "analyst")
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(analysts.contains("korybko"));
    // Korybko's own proposals (the DMZ, a UN-supervised referendum, phased sanctions relief)
    // are cited from his opinion piece (004) and held by him alone.
    let his: Vec<&Value> = doc["positions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["actor"] == "korybko")
        .collect();
    assert!(his.len() >= 3, "Korybko's proposals are recorded");
    for p in his {
        for s in p["sources"].as_array().unwrap() {
            assert_eq!(s["doc"], "004_095a8132c4e2befa.txt");
        }
    }
}

#[test]
fn misspelt_names_in_the_sources_are_aliases() {
    let doc = export();
    let aliases = |id: &str| -> Vec<String> {
        doc["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| {
                a["aliases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(aliases("dmitriev").iter().any(|a| a.contains("Dimitriev")));
    assert!(aliases("bessent").iter().any(|a| a.contains("Bessant")));
}
