//! The benchmark floor: parse a record directory with serde-saphyr into plain
//! serde structs — no spans, no validation, no model. `stancemap check` is
//! measured against this (issue: check ≤ 1.5× the parse alone).
//!
//! Usage: cargo run --release --example parse_floor -- DIR

use serde::Deserialize;

/// One of `of: x` or `of: [x, y]`.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // fields are read only by the parser being measured
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Source {
    doc: Option<String>,
    quote: Option<String>,
    confidence: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Actor {
    id: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    aliases: Option<OneOrMany>,
    member_of: Option<OneOrMany>,
    role: Option<String>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Issue {
    id: Option<String>,
    title: Option<String>,
    category: Option<String>,
    description: Option<String>,
    parent: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Position {
    id: Option<String>,
    actor: Option<String>,
    issue: Option<String>,
    stance: Option<String>,
    strength: Option<String>,
    summary: Option<String>,
    date: Option<String>,
    conditions: Option<String>,
    event: Option<String>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Demand {
    id: Option<String>,
    by: Option<String>,
    of: Option<OneOrMany>,
    issue: Option<String>,
    stance: Option<String>,
    text: Option<String>,
    priority: Option<String>,
    status: Option<String>,
    date: Option<String>,
    conflicts_with: Option<OneOrMany>,
    event: Option<String>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Concession {
    id: Option<String>,
    by: Option<String>,
    to: Option<OneOrMany>,
    issue: Option<String>,
    stance: Option<String>,
    answers: Option<OneOrMany>,
    text: Option<String>,
    status: Option<String>,
    date: Option<String>,
    event: Option<String>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Event {
    id: Option<String>,
    kind: Option<String>,
    title: Option<String>,
    date: Option<String>,
    place: Option<String>,
    participants: Option<OneOrMany>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize, Default)]
struct PlainFile {
    actors: Option<Vec<Actor>>,
    issues: Option<Vec<Issue>>,
    positions: Option<Vec<Position>>,
    demands: Option<Vec<Demand>>,
    concessions: Option<Vec<Concession>>,
    events: Option<Vec<Event>>,
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: parse_floor DIR");
    let mut entries = 0usize;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_nodes: 4_000_000, max_events: 16_000_000 },
    };
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("UTF-8 file");
        let file: PlainFile =
            serde_saphyr::from_str_with_options(&text, options.clone()).expect("valid YAML");
        entries += file.actors.map_or(0, |v| v.len())
            + file.issues.map_or(0, |v| v.len())
            + file.positions.map_or(0, |v| v.len())
            + file.demands.map_or(0, |v| v.len())
            + file.concessions.map_or(0, |v| v.len())
            + file.events.map_or(0, |v| v.len());
    }
    println!("{entries} entries parsed");
}
