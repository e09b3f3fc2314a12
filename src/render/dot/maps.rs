//! The maps: each turns a [`NegotiationState`] into a [`Map`].
//!
//! No map decides for itself who stands where or who conflicts with whom: the
//! overview is the state's stance grid, the conflicts map the relation's
//! conflict links, the coalitions map the `coalitions` query's answer, the
//! issue map the state's camps. Each map kind has its own file; this one holds
//! what they share (which map, the dispatch, how an actor, an issue or a claim
//! is drawn). Maps take a state, not a record, so a what-if scenario's state is
//! drawn by the same code.

use super::brief::set;
use super::style::{okabe_ito, EdgeLook};
use super::{label, node_name, Attrs, Map};
use crate::model::*;
use crate::state::NegotiationState;

/// How a map is drawn beyond the state's filters.
#[derive(Clone, Copy, Debug)]
pub struct MapOptions {
    /// Most nodes in one map (`--max-nodes`); builders bound what they draw by it.
    pub max_nodes: usize,
    /// Most edges in one map (`--max-edges`).
    pub max_edges: usize,
    /// Show settled demands and concessions (met, rejected, dropped,
    /// withdrawn) as well as the live ones (`render --history`).
    pub history: bool,
}

impl Default for MapOptions {
    /// The render command's defaults.
    fn default() -> MapOptions {
        MapOptions {
            max_nodes: 150,
            max_edges: 400,
            history: false,
        }
    }
}

/// Which map to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapKind {
    Overview,
    Conflicts,
    Coalitions,
    Demands,
    Issue(IssueIdx),
    Actor(ActorIdx),
    Timeline,
}

impl MapKind {
    /// Parses `overview`, `issue:ID`, `actor:ID` (actor by alias too).
    pub fn parse(record: &Record, text: &str) -> Result<MapKind, String> {
        if let Some(id) = text.strip_prefix("issue:") {
            return record
                .find_issue(id)
                .map(MapKind::Issue)
                .ok_or_else(|| format!("no issue `{id}` in the record"));
        }
        if let Some(id) = text.strip_prefix("actor:") {
            return record
                .find_actor(id)
                .map(MapKind::Actor)
                .ok_or_else(|| format!("no actor `{id}` in the record"));
        }
        match text {
            "overview" => Ok(MapKind::Overview),
            "conflicts" => Ok(MapKind::Conflicts),
            "coalitions" => Ok(MapKind::Coalitions),
            "demands" => Ok(MapKind::Demands),
            "timeline" => Ok(MapKind::Timeline),
            _ => Err(format!(
                "unknown map `{text}`: expected overview, conflicts, coalitions, demands, \
                 timeline, issue:ID or actor:ID"
            )),
        }
    }

    /// The map's name, also its file stem under `--all` (`issue-ukraine-nato`).
    pub fn name(&self, record: &Record) -> String {
        match self {
            MapKind::Overview => "overview".into(),
            MapKind::Conflicts => "conflicts".into(),
            MapKind::Coalitions => "coalitions".into(),
            MapKind::Demands => "demands".into(),
            MapKind::Timeline => "timeline".into(),
            MapKind::Issue(i) => format!("issue-{}", record.issue(*i).id),
            MapKind::Actor(a) => format!("actor-{}", record.actor(*a).id),
        }
    }
}

/// Builds one map of the state.
pub fn build(st: &NegotiationState, kind: &MapKind, opts: &MapOptions) -> Map {
    let record = st.record;
    let mut map = Map::new(kind.name(record));
    map.node_defaults = vec![("fontname", "Helvetica".into()), ("fontsize", "11".into())];
    map.edge_defaults = vec![("fontname", "Helvetica".into()), ("fontsize", "9".into())];
    let title = match kind {
        MapKind::Overview => "Overview: who stands where".to_string(),
        MapKind::Conflicts => "Conflicts between parties".to_string(),
        MapKind::Coalitions => "Coalitions: parties who agree and never conflict".to_string(),
        MapKind::Demands => "Demands by addressee".to_string(),
        MapKind::Timeline => "Timeline: claims and status changes by party".to_string(),
        MapKind::Issue(i) => format!("Issue: {}", record.issue(*i).title),
        MapKind::Actor(a) => format!("Actor: {}", record.actor(*a).name),
    };
    map.graph_attrs = vec![
        ("label", label(&title).replace('\n', " ")),
        ("labelloc", "t".into()),
        ("fontname", "Helvetica".into()),
        ("fontsize", "16".into()),
        ("rankdir", "LR".into()),
        ("nodesep", "0.3".into()),
        ("ranksep", "0.6".into()),
    ];
    match kind {
        MapKind::Overview => super::overview::overview(st, &mut map),
        MapKind::Conflicts => super::conflicts::conflicts_map(st, opts, &mut map),
        MapKind::Coalitions => super::coalitions::coalitions_map(st, opts, &mut map),
        MapKind::Demands => super::demands::demands_map(st, opts, &mut map),
        MapKind::Timeline => super::timeline::timeline(st, &mut map),
        MapKind::Issue(i) => super::issue::issue_map(st, opts, *i, &mut map),
        MapKind::Actor(a) => super::actor::actor_map(st, opts, *a, &mut map),
    }
    if map.nodes.iter().all(|n| n.name.starts_with("legend_")) {
        map.nodes.push(super::MapNode {
            name: "note_empty".into(),
            attrs: vec![
                ("label", "Nothing to show with these filters.".into()),
                ("shape", "plaintext".into()),
            ],
            cluster: None,
            pinned: true,
        });
    }
    map
}

/// A note node saying what a map leaves out and why (pinned: the caps keep it).
pub(super) fn note(map: &mut Map, name: &str, text: String) {
    map.nodes.push(super::MapNode {
        name: name.into(),
        attrs: vec![
            ("label", text),
            ("shape", "note".into()),
            ("style", "filled".into()),
            ("fillcolor", "#fff8dc".into()),
        ],
        cluster: None,
        pinned: true,
    });
}

/// Whether a demand is drawn: live ones always, settled ones with `--history`.
pub(super) fn shows_demand(st: &NegotiationState, opts: &MapOptions, d: DemandIdx) -> bool {
    match st.demand_phase(d) {
        Some(crate::state::Phase::Live) => true,
        Some(crate::state::Phase::History) => opts.history,
        None => false,
    }
}

/// Whether a concession is drawn: live ones always, settled ones with `--history`.
pub(super) fn shows_concession(st: &NegotiationState, opts: &MapOptions, c: ConcessionIdx) -> bool {
    match st.concession_phase(c) {
        Some(crate::state::Phase::Live) => true,
        Some(crate::state::Phase::History) => opts.history,
        None => false,
    }
}

pub(super) fn actor_shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "box",
        ActorKind::Bloc => "box3d",
        ActorKind::Organisation => "hexagon",
        ActorKind::Person => "ellipse",
        ActorKind::Group => "octagon",
        ActorKind::Analyst => "parallelogram",
    }
}

pub(super) fn actor_attrs(record: &Record, a: ActorIdx) -> Attrs {
    let actor = record.actor(a);
    let name = node_name("actor", &actor.id);
    let mut text = actor.name.clone();
    if let Some(role) = &actor.role {
        text = format!("{text} ({role})");
    }
    vec![
        ("label", label(&text)),
        ("shape", actor_shape(actor.kind).into()),
        ("style", "filled".into()),
        ("fillcolor", "#e8f0fe".into()),
        ("id", name),
        ("class", format!("actor {}", actor.kind)),
        ("tooltip", format!("{} ({})", actor.name, actor.kind)),
    ]
}

pub(super) fn add_actor(
    record: &Record,
    map: &mut Map,
    a: ActorIdx,
    cluster: Option<String>,
) -> String {
    let name = node_name("actor", &record.actor(a).id);
    map.add_node(name.clone(), actor_attrs(record, a), cluster);
    name
}

pub(super) fn add_issue(
    record: &Record,
    map: &mut Map,
    i: IssueIdx,
    cluster: Option<String>,
) -> String {
    let issue = record.issue(i);
    let name = node_name("issue", &issue.id);
    map.add_node(
        name.clone(),
        vec![
            ("label", label(&issue.title)),
            ("shape", "box".into()),
            ("style", "rounded,filled".into()),
            ("fillcolor", "#fff6d5".into()),
            ("id", name.clone()),
            ("class", format!("issue {}", issue.category)),
            ("tooltip", format!("{} [{}]", issue.title, issue.category)),
        ],
        cluster,
    );
    name
}

/// A demand's label: its text as given (wrapped), its priority and status.
pub(super) fn demand_label(st: &NegotiationState, d: DemandIdx, text: &str) -> String {
    let demand = st.record.demand(d);
    let status = st.demand_status(d).unwrap_or(demand.status);
    format!("{text}\n[{} · {}]", demand.priority, status)
}

/// Sets a drawn node's label.
pub(super) fn set_label(map: &mut Map, node: &str, text: String) {
    if let Some(n) = map.nodes.iter_mut().find(|n| n.name == node) {
        set(&mut n.attrs, "label", text);
    }
}

/// A demand's node, its status the one it has at the state's as-of date.
pub(super) fn add_demand(
    st: &NegotiationState,
    map: &mut Map,
    d: DemandIdx,
    cluster: Option<String>,
) -> String {
    let demand = st.record.demand(d);
    let status = st.demand_status(d).unwrap_or(demand.status);
    let name = node_name("demand", &demand.id);
    let open = status == DemandStatus::Open;
    let text = demand_label(st, d, &label(&demand.text));
    let mut attrs = vec![
        ("label", text),
        ("shape", "box".into()),
        ("id", name.clone()),
        ("class", format!("demand {status}")),
        ("tooltip", demand.text.clone()),
    ];
    // Status is told by the border's line (bold, double, dashed, dotted), the
    // fill only repeats it: open demands stand out, settled ones recede.
    if open {
        attrs.push(("style", "filled,bold".into()));
        attrs.push(("fillcolor", "#FBE3D6".into()));
        attrs.push(("color", okabe_ito::VERMILLION.into()));
        attrs.push(("penwidth", "2".into()));
    } else {
        let (style, peripheries) = match status {
            DemandStatus::Met => ("filled", "2"),
            DemandStatus::Rejected => ("filled,dashed", "1"),
            _ => ("filled,dotted", "1"),
        };
        attrs.push(("style", style.into()));
        attrs.push(("peripheries", peripheries.into()));
        attrs.push(("fillcolor", "#F0F0F0".into()));
        attrs.push(("fontcolor", "#444444".into()));
    }
    map.add_node(name.clone(), attrs, cluster);
    name
}

/// Adds a line to a drawn node's label (who else a demand is asked of, who
/// gave a concession): said where the node is, instead of by a long edge.
pub(super) fn append_label(map: &mut Map, node: &str, line: &str) {
    if let Some(n) = map.nodes.iter_mut().find(|n| n.name == node) {
        if let Some((_, text)) = n.attrs.iter_mut().find(|(k, _)| *k == "label") {
            text.push('\n');
            text.push_str(&label(line));
        }
    }
}

/// A concession's node, its status the one it has at the state's as-of date.
pub(super) fn add_concession(
    st: &NegotiationState,
    map: &mut Map,
    c: ConcessionIdx,
    cluster: Option<String>,
) -> String {
    let concession = st.record.concession(c);
    let status = st.concession_status(c).unwrap_or(concession.status);
    let name = node_name("concession", &concession.id);
    map.add_node(
        name.clone(),
        vec![
            ("label", format!("{}\n[{status}]", label(&concession.text))),
            ("shape", "box".into()),
            ("style", "rounded,filled".into()),
            ("fillcolor", "#DDF2EC".into()),
            ("id", name.clone()),
            ("class", format!("concession {status}")),
            ("tooltip", concession.text.clone()),
        ],
        cluster,
    );
    name
}

pub(super) fn stance_look(stance: Stance) -> EdgeLook {
    match stance {
        Stance::Support => EdgeLook::Support,
        Stance::Oppose => EdgeLook::Oppose,
        Stance::Conditional => EdgeLook::Conditional,
        Stance::Ambiguous => EdgeLook::Ambiguous,
    }
}

pub(super) fn position_attrs(record: &Record, p: &Position) -> Attrs {
    let mut attrs = stance_look(p.stance).attrs();
    set(&mut attrs, "penwidth", strength_width(p.strength).into());
    attrs.extend([(
        "tooltip",
        format!(
            "{} — {} ({}, {}): {}",
            record.actor(p.actor).name,
            p.stance,
            p.strength,
            p.date,
            p.summary
        ),
    )]);
    if p.strength == Strength::Floated {
        set(&mut attrs, "style", "dashed".into());
    }
    attrs
}

pub(super) fn strength_width(strength: Strength) -> &'static str {
    match strength {
        Strength::RedLine => "4",
        Strength::Firm => "2",
        Strength::Flexible | Strength::Floated => "1.2",
    }
}

/// The top-level issue an issue belongs to.
pub(super) fn topic_of(record: &Record, i: IssueIdx) -> IssueIdx {
    let mut current = i;
    for _ in 0..record.issues.len() {
        match record.issue(current).parent {
            Some(p) => current = p,
            None => break,
        }
    }
    current
}

/// A look with a label (`of`, `to`, `answers`).
pub(super) fn labelled(look: EdgeLook, text: &str) -> Attrs {
    with(look.attrs(), "label", text)
}

/// `attrs` with one more attribute.
pub(super) fn with(mut attrs: Attrs, key: &'static str, value: &str) -> Attrs {
    set(&mut attrs, key, value.to_string());
    attrs
}
