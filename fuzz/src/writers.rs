//! Every writer on any record: each export and each map of a record the loader
//! accepts is well-formed — JSON parses, GraphML and GEXF parse as XML, the DOT
//! and the HTML page hold no character XML cannot carry (Graphviz copies DOT
//! labels into the SVG), and CSV, Cypher and Turtle are written without error.

use crate::harness::fuzz_limits;
use stancemap::load::load_texts;
use stancemap::render::dot::{draw, Briefing, MapKind, MapOptions, View};
use stancemap::render::export::{csv, cypher, gexf, graphml, turtle, PropertyGraph};
use stancemap::render::xml_chars::is_xml_char;
use stancemap::render::{html, record_json};
use stancemap::state::{Filter, NegotiationState};

fn xml(what: &str, text: &[u8]) {
    let text = std::str::from_utf8(text).expect("UTF-8");
    if let Err(e) = roxmltree::Document::parse(text) {
        panic!("{what} is not well-formed: {e}");
    }
}

fn carriable(what: &str, text: &str) {
    assert!(
        text.chars().all(is_xml_char),
        "{what} holds a character XML cannot carry"
    );
}

/// Asserts the writers' property for the record `texts` make, when it is valid.
pub fn check(texts: Vec<(String, String)>) {
    let loaded = load_texts(texts, &fuzz_limits());
    let Some(record) = &loaded.record else { return };
    let mut out = Vec::new();
    record_json::write(&mut out, record).unwrap();
    serde_json::from_slice::<serde_json::Value>(&out).expect("JSON export parses");
    let graph = PropertyGraph::build(record);
    out.clear();
    graphml::write(&mut out, &graph).unwrap();
    xml("GraphML", &out);
    out.clear();
    gexf::write(&mut out, &graph).unwrap();
    xml("GEXF", &out);
    for (_, part) in csv::parts() {
        out.clear();
        csv::write_part(&mut out, &graph, part).unwrap();
    }
    out.clear();
    cypher::write(&mut out, &graph).unwrap();
    out.clear();
    turtle::write(&mut out, record).unwrap();
    let st = NegotiationState::build(record, &Filter::default());
    let view = View::of(&st);
    let mut kinds = vec![
        MapKind::Overview,
        MapKind::Conflicts,
        MapKind::Coalitions,
        MapKind::Demands,
        MapKind::Timeline,
    ];
    if !record.issues.is_empty() {
        kinds.push(MapKind::Issue(stancemap::model::IssueIdx(0)));
    }
    if !record.actors.is_empty() {
        kinds.push(MapKind::Actor(stancemap::model::ActorIdx(0)));
    }
    for kind in &kinds {
        let map = draw(&st, kind, &Briefing::default(), &MapOptions::default()).map;
        let dot = map.to_dot();
        carriable("a map's DOT", &dot);
        carriable(
            "the HTML page",
            &html::map_page(record, &view, &map, "<svg></svg>"),
        );
    }
}
