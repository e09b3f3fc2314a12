//! The maps agree with the answers: on the bundled record and on a synthetic
//! one, every edge the conflicts, coalitions and issue maps draw is a row of
//! the matching answer (`conflicts --pairs`, `coalitions`, `issue ID`), and
//! every row is drawn or counted as cut on the map. A failure names the pair.
//!
//! The maps are read as the command writes them (DOT on stdout) and the
//! answers as JSON, both through the real binary.

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn stancemap(args: &[&str]) -> String {
    let out = support::sm(args).output();
    assert!(
        out.status.success(),
        "stancemap {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stancemap(args)).expect("JSON answer")
}

/// One drawn edge: its two node names and its attributes' text.
struct Edge {
    from: String,
    to: String,
    attrs: String,
}

fn edges(dot: &str) -> Vec<Edge> {
    dot.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix('"')?;
            let (from, rest) = rest.split_once("\" -> \"")?;
            let (to, attrs) = rest.split_once('"')?;
            Some(Edge {
                from: from.into(),
                to: to.into(),
                attrs: attrs.into(),
            })
        })
        .collect()
}

/// An attribute's value (`class`), as written by the map writer.
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let start = attrs.find(&format!("{key}=\""))? + key.len() + 2;
    let end = attrs[start..].find('"')?;
    Some(&attrs[start..start + end])
}

/// The record id behind an actor node name (`actor_united_states`): ids hold
/// only `a-z0-9-`, so the mapping is one to one.
fn actor_id(node: &str) -> Option<String> {
    node.strip_prefix("actor_").map(|s| s.replace('_', "-"))
}

/// The number a map says it cut before `marker` (`12 weaker conflict links`).
fn cut_count(dot: &str, marker: &str) -> usize {
    let Some(at) = dot.find(marker) else {
        return 0;
    };
    let head = &dot[..at];
    let digits: String = head
        .chars()
        .rev()
        .skip_while(|c| *c == ' ')
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.into(), b.into())
    } else {
        (b.into(), a.into())
    }
}

fn check_conflicts(record: &str, caps: &[&str]) {
    let mut args = vec!["render", record, "--map", "conflicts"];
    args.extend(caps);
    let dot = stancemap(&args);
    let drawn: BTreeSet<(String, String)> = edges(&dot)
        .iter()
        .filter(|e| attr(&e.attrs, "class").is_some_and(|c| c.starts_with("look-conflict")))
        .map(|e| {
            let (a, b) = (actor_id(&e.from), actor_id(&e.to));
            pair(&a.expect("an actor"), &b.expect("an actor"))
        })
        .collect();
    let answer = json(&["conflicts", record, "--pairs", "--format", "json"]);
    let rows: BTreeSet<(String, String)> = answer["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            pair(
                r["a"]["id"].as_str().unwrap(),
                r["b"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    for (a, b) in &drawn {
        assert!(
            rows.contains(&(a.clone(), b.clone())),
            "{record}: the conflicts map draws {a} – {b}, which no `conflicts --pairs` row holds"
        );
    }
    let cut = cut_count(&dot, "weaker conflict link");
    let missing: Vec<&(String, String)> = rows.difference(&drawn).collect();
    assert_eq!(
        missing.len(),
        cut,
        "{record}: pairs in `conflicts --pairs` but not drawn, and not counted as cut: {:?}",
        missing.iter().take(5).collect::<Vec<_>>()
    );
    assert!(!drawn.is_empty(), "{record}: no conflict drawn");
}

fn check_coalitions(record: &str, caps: &[&str]) {
    let mut args = vec!["render", record, "--map", "coalitions"];
    args.extend(caps);
    let dot = stancemap(&args);
    let mut drawn: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for e in edges(&dot) {
        if let Some(n) = e.to.strip_prefix("coalition_") {
            let member = actor_id(&e.from).expect("members are actors");
            drawn.entry(n.parse().unwrap()).or_default().insert(member);
        }
    }
    let answer = json(&["coalitions", record, "--format", "json"]);
    let coalitions = answer["coalitions"].as_array().unwrap();
    for (n, members) in &drawn {
        let row: BTreeSet<String> = coalitions[n - 1]["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            members, &row,
            "{record}: coalition {n} of the map is not the answer's"
        );
    }
    let cut = cut_count(&dot, "smaller coalition");
    assert_eq!(
        drawn.len() + cut,
        coalitions.len(),
        "{record}: {} coalitions drawn, {cut} said cut, the answer has {}",
        drawn.len(),
        coalitions.len()
    );
}

fn check_issue(record: &str, issue: &str) {
    let map = format!("issue:{issue}");
    let dot = stancemap(&[
        "render",
        record,
        "--map",
        &map,
        "--max-nodes",
        "100000",
        "--max-edges",
        "100000",
    ]);
    assert!(!dot.contains("\\nCut:"), "{record}: the issue map cut");
    let root = format!("issue_{}", issue.replace('-', "_"));
    let mut drawn: BTreeSet<(String, &str)> = BTreeSet::new();
    for e in edges(&dot) {
        let other = if e.from == root {
            &e.to
        } else if e.to == root {
            &e.from
        } else {
            continue;
        };
        let Some(id) = actor_id(other) else { continue };
        let camp = match attr(&e.attrs, "class").unwrap_or_default() {
            "look-support" => "for",
            "look-conditional" => "conditional",
            "look-oppose" => "against",
            _ => "mixed or ambiguous",
        };
        assert!(
            drawn.insert((id.clone(), camp)),
            "{record}: {id} is drawn twice in camp {camp} of {issue}"
        );
    }
    let answer = json(&["issue", issue, record, "--format", "json"]);
    let camps = &answer["issues"][0]["camps"];
    let mut rows: BTreeSet<(String, &str)> = BTreeSet::new();
    for (key, camp) in [
        ("for", "for"),
        ("conditional", "conditional"),
        ("against", "against"),
        ("mixed", "mixed or ambiguous"),
        ("ambiguous", "mixed or ambiguous"),
    ] {
        for m in camps[key].as_array().unwrap() {
            rows.insert((m["actor"]["id"].as_str().unwrap().to_string(), camp));
        }
    }
    if let Some((party, camp)) = drawn.symmetric_difference(&rows).next() {
        let side = if rows.contains(&(party.clone(), camp)) {
            "in the `issue` answer but not drawn"
        } else {
            "drawn but not in the `issue` answer"
        };
        panic!("{record}: {party} in camp {camp} of {issue}: {side}");
    }
    assert!(!drawn.is_empty(), "{record}: no camp drawn for {issue}");
}

fn synthetic() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stancemap-map-agreement-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    stancemap(&[
        "synth",
        "--actors",
        "40",
        "--issues",
        "20",
        "--positions",
        "400",
        "--demands",
        "80",
        "--concessions",
        "40",
        "--files",
        "2",
        "--seed",
        "7",
        "-q",
        "-o",
        dir.to_str().unwrap(),
    ]);
    dir
}

/// The issue of a record with the most stances drawn, for the issue map.
fn busiest_issue(record: &str) -> String {
    let grid = json(&["camps", record, "--format", "json"]);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for p in grid["parties"].as_array().unwrap() {
        for issue in p["camps"].as_object().unwrap().keys() {
            *counts.entry(issue.clone()).or_default() += 1;
        }
    }
    let best = counts.iter().map(|(i, n)| (n, i)).max().expect("an issue");
    best.1.clone()
}

#[test]
fn bundled_record_maps_agree_with_the_answers() {
    check_conflicts("data", &[]);
    check_conflicts("data", &["--max-edges", "3"]);
    check_coalitions("data", &[]);
    check_coalitions("data", &["--max-nodes", "8"]);
    check_issue("data", "ukraine-territory");
    check_issue("data", "ukraine-nato-membership");
}

#[test]
fn synthetic_record_maps_agree_with_the_answers() {
    let dir = synthetic();
    let record = dir.to_str().unwrap();
    check_conflicts(record, &[]);
    check_conflicts(record, &["--max-edges", "10"]);
    check_coalitions(record, &[]);
    check_issue(record, &busiest_issue(record));
    std::fs::remove_dir_all(&dir).unwrap();
}
