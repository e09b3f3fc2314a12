//! The record as plain serde structs: no spans, no validation. Parsing into
//! these is the floor `stancemap check` is measured against.

use serde::Deserialize;

/// One of `of: x` or `of: [x, y]`.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // fields are read only by the parser being measured
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct Source {
    doc: Option<String>,
    quote: Option<String>,
    confidence: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct Actor {
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
pub struct Issue {
    id: Option<String>,
    title: Option<String>,
    category: Option<String>,
    description: Option<String>,
    parent: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct Position {
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
pub struct Demand {
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
pub struct Concession {
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
pub struct Event {
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
pub struct PlainFile {
    pub actors: Option<Vec<Actor>>,
    pub issues: Option<Vec<Issue>>,
    pub positions: Option<Vec<Position>>,
    pub demands: Option<Vec<Demand>>,
    pub concessions: Option<Vec<Concession>>,
    pub events: Option<Vec<Event>>,
}

/// Parses every `*.yaml` file in `dir`; returns the number of entries.
pub fn parse_dir(dir: &std::path::Path) -> usize {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_nodes: 4_000_000, max_events: 16_000_000 },
    };
    let mut entries = 0;
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
    entries
}
