//! Graph exports: the record as a property graph that graph tools import.
//!
//! GraphML, GEXF, Neo4j CSV and Cypher all describe the same property graph, so
//! the record is flattened once into [`PropertyGraph`] (labelled nodes, typed
//! edges, string and list properties) and each writer only formats it. Turtle is
//! written from the model directly: RDF has no edge properties, so a position is a
//! resource of its own there rather than an edge.
//!
//! Node ids are `kind:id` (`actor:russia`, `issue:ukraine-nato-membership`): an
//! actor and an issue may share an id in the record, never in the export. Nodes
//! and edges come in the model's order (sorted by id), so exports diff cleanly.

mod build;
pub mod csv;
pub mod cypher;
pub mod gexf;
pub mod graphml;
pub mod turtle;

use crate::model::*;

/// Between list items in CSV: U+001F, the unit separator, made for this and never
/// in real text (`neo4j-admin database import --array-delimiter=U+001F`), so an
/// alias holding `;` stays one alias.
pub const ARRAY_DELIMITER: char = '\u{1F}';

/// A property value: text, or a list of texts (aliases, sources).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prop {
    Text(String),
    List(Vec<String>),
}

impl Prop {
    /// The value as one string for a format without lists (GraphML, GEXF): a list
    /// is written as a JSON array (`["A; B", "C"]`), so no item is ever split.
    pub fn as_text(&self) -> String {
        match self {
            Prop::Text(t) => t.clone(),
            Prop::List(items) => serde_json::to_string(items).expect("strings serialise"),
        }
    }

    /// The value for Neo4j's CSV import: list items joined by [`ARRAY_DELIMITER`],
    /// which an item cannot hold (it becomes U+FFFD there).
    pub fn for_csv(&self) -> String {
        match self {
            Prop::Text(t) => t.clone(),
            Prop::List(items) => items
                .iter()
                .map(|i| i.replace(ARRAY_DELIMITER, "\u{FFFD}"))
                .collect::<Vec<_>>()
                .join(&ARRAY_DELIMITER.to_string()),
        }
    }
}

#[derive(Clone, Debug)]
pub struct PNode {
    /// Unique across the graph: `actor:russia`.
    pub uid: String,
    /// `Actor`, `Issue`, `Demand`, `Concession` or `Event`.
    pub label: &'static str,
    /// A human caption (name, title, or text) for tools that draw labels.
    pub caption: String,
    pub props: Vec<(&'static str, Prop)>,
}

#[derive(Clone, Debug)]
pub struct PEdge {
    /// Unique across the graph, stable across runs: `POSITION:actor:russia->issue:x@2025-02-18`.
    pub uid: String,
    pub source: String,
    pub target: String,
    /// Relationship type, Neo4j style: `POSITION`, `MEMBER_OF`, …
    pub rel: &'static str,
    pub props: Vec<(&'static str, Prop)>,
}

impl PNode {
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|(n, _)| *n == name).map(|(_, p)| p)
    }
}

impl PEdge {
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|(n, _)| *n == name).map(|(_, p)| p)
    }
}

/// Node labels with their property names, in column order.
pub const NODE_SCHEMA: &[(&str, &[&str])] = &[
    (
        "Actor",
        &["id", "name", "kind", "aliases", "role", "notes", "sources"],
    ),
    ("Issue", &["id", "title", "category", "description"]),
    (
        "Demand",
        &[
            "id", "text", "stance", "priority", "status", "date", "notes", "sources",
        ],
    ),
    (
        "Concession",
        &["id", "text", "stance", "status", "date", "notes", "sources"],
    ),
    (
        "Event",
        &["id", "kind", "title", "date", "place", "notes", "sources"],
    ),
];

/// Relationship types with their property names, in column order.
pub const EDGE_SCHEMA: &[(&str, &[&str])] = &[
    (
        "POSITION",
        &[
            "id",
            "stance",
            "strength",
            "date",
            "summary",
            "conditions",
            "event",
            "notes",
            "sources",
        ],
    ),
    ("MEMBER_OF", &[]),
    ("SUB_ISSUE_OF", &[]),
    ("MAKES", &[]),
    ("ASKED_OF", &[]),
    ("ON", &[]),
    ("GIVES", &[]),
    ("GIVEN_TO", &[]),
    ("ANSWERS", &[]),
    ("CONFLICTS_WITH", &["position"]),
    ("PARTICIPATES_IN", &[]),
    ("STATED_AT", &[]),
];

/// A property's name in GraphML and GEXF: Gephi keeps `id` for its own node and
/// edge ids, so the record's id is `record_id` there.
pub fn xml_attr_name(prop: &str) -> &str {
    if prop == "id" {
        "record_id"
    } else {
        prop
    }
}

/// Properties that hold lists.
pub fn is_list(prop: &str) -> bool {
    matches!(prop, "aliases" | "sources")
}

/// Every property name used by nodes (or edges), each once, in schema order.
pub fn all_props(schema: &[(&str, &[&'static str])]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (_, props) in schema {
        for p in *props {
            if !out.contains(p) {
                out.push(p);
            }
        }
    }
    out
}

#[derive(Clone, Debug, Default)]
pub struct PropertyGraph {
    pub nodes: Vec<PNode>,
    pub edges: Vec<PEdge>,
}

pub fn actor_uid(record: &Record, a: ActorIdx) -> String {
    format!("actor:{}", record.actor(a).id)
}

pub fn issue_uid(record: &Record, i: IssueIdx) -> String {
    format!("issue:{}", record.issue(i).id)
}

pub fn demand_uid(record: &Record, d: DemandIdx) -> String {
    format!("demand:{}", record.demand(d).id)
}

pub fn concession_uid(record: &Record, c: ConcessionIdx) -> String {
    format!("concession:{}", record.concession(c).id)
}

pub fn event_uid(record: &Record, e: EventIdx) -> String {
    format!("event:{}", record.event(e).id)
}

/// A position's stable key: its id when it has one, else actor, issue and date.
/// Two id-less positions of one actor on one issue at one date get `~2`, `~3`, ….
pub fn position_keys(record: &Record) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    record
        .positions
        .iter()
        .map(|p| {
            let base = match &p.id {
                Some(id) => id.clone(),
                None => format!(
                    "{}--{}--{}",
                    record.actor(p.actor).id,
                    record.issue(p.issue).id,
                    p.date
                ),
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base}~{n}")
            }
        })
        .collect()
}

/// Escapes text for XML content and attribute values, dropping the control
/// characters XML 1.0 cannot carry at all.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // As references, so attribute values keep them (XML normalises raw ones).
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !crate::render::xml_chars::is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small record touching every relation, for the writers' unit tests.
    pub fn sample() -> Record {
        let date = Date::parse("2025-02-18").unwrap();
        let actor = |id: &str, name: &str, member_of: Vec<ActorIdx>| Actor {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::State,
            aliases: vec!["A; \"B\"".into()],
            member_of,
            role: None,
            observer: false,
            notes: Some("line one\nline <two> & 'three'".into()),
            sources: vec![Source {
                doc: "doc-a.txt".into(),
                quote: "q".into(),
                confidence: Confidence::High,
            }],
        };
        let issue = Issue {
            id: "nato".into(),
            title: "Ukraine joins NATO".into(),
            category: Category::Security,
            description: None,
            parent: None,
            polarity: Polarity::Same,
            sources: vec![],
        };
        let position = |actor: u32, stance: Stance| Position {
            id: None,
            actor: ActorIdx(actor),
            issue: IssueIdx(0),
            stance,
            strength: Strength::Firm,
            summary: "It's \"so\"".into(),
            date,
            conditions: None,
            event: None,
            notes: None,
            sources: vec![],
        };
        let demand = Demand {
            id: "d-1".into(),
            by: ActorIdx(0),
            of: vec![ActorIdx(1)],
            issue: IssueIdx(0),
            stance: Direction::Oppose,
            text: "No, \\ never".into(),
            priority: Priority::RedLine,
            status: DemandStatus::Open,
            history: Vec::new(),
            date,
            conflicts_with: vec![ClaimRef::Position(PositionIdx(1))],
            event: None,
            notes: None,
            sources: vec![],
        };
        Record::new(
            vec![
                actor("russia", "Russia", vec![]),
                actor("ukraine", "Ukraine", vec![]),
            ],
            vec![issue],
            vec![position(0, Stance::Oppose), position(1, Stance::Support)],
            vec![demand],
            vec![],
            vec![],
        )
    }

    #[test]
    fn every_prop_is_in_the_schema() {
        let g = PropertyGraph::build(&sample());
        for n in &g.nodes {
            let (_, props) = NODE_SCHEMA.iter().find(|(l, _)| *l == n.label).unwrap();
            for (name, _) in &n.props {
                assert!(props.contains(name), "{} has {name}", n.label);
            }
        }
        for e in &g.edges {
            let (_, props) = EDGE_SCHEMA.iter().find(|(r, _)| *r == e.rel).unwrap();
            for (name, _) in &e.props {
                assert!(props.contains(name), "{} has {name}", e.rel);
            }
        }
        let mut uids: Vec<_> = g.edges.iter().map(|e| &e.uid).collect();
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len(), g.edges.len(), "edge uids are unique");
    }

    #[test]
    fn xml_escape_drops_controls() {
        assert_eq!(xml_escape("a<&>\"'\u{1}b"), "a&lt;&amp;&gt;&quot;&apos;b");
    }
}
