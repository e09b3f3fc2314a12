//! `path`: how two actors are connected, as the shortest explained path.
//!
//! petgraph's A* (with no heuristic: a shortest path by hop count) over the
//! record graph, edges walked both ways, through only what the negotiation state
//! keeps: claims the filters drop (dated after `--as-of`, superseded positions,
//! below `--min-confidence`) are not walked. The graph and the state are the
//! same for the same record and flags, so the same path wins every time.

use super::ActorRef;
use crate::graph::{Edge, Node, RecordGraph};
use crate::model::*;
use crate::state::NegotiationState;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef};
use petgraph::Undirected;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    pub kind: &'static str,
    pub id: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Hop {
    pub from: NodeRef,
    pub to: NodeRef,
    pub relation: &'static str,
    pub explanation: String,
}

/// The answer to `path`; `hops` is empty when the two are not connected.
#[derive(Clone, Debug, Serialize)]
pub struct PathAnswer {
    pub from: ActorRef,
    pub to: ActorRef,
    pub connected: bool,
    pub hops: Vec<Hop>,
}

fn node_ref(r: &Record, n: Node) -> NodeRef {
    match n {
        Node::Actor(a) => NodeRef {
            kind: "actor",
            id: r.actor(a).id.clone(),
        },
        Node::Issue(i) => NodeRef {
            kind: "issue",
            id: r.issue(i).id.clone(),
        },
        Node::Demand(d) => NodeRef {
            kind: "demand",
            id: r.demand(d).id.clone(),
        },
        Node::Concession(c) => NodeRef {
            kind: "concession",
            id: r.concession(c).id.clone(),
        },
        Node::Event(e) => NodeRef {
            kind: "event",
            id: r.event(e).id.clone(),
        },
    }
}

fn relation(e: Edge) -> &'static str {
    match e {
        Edge::Position(_) => "position",
        Edge::MemberOf => "member-of",
        Edge::SubIssueOf => "sub-issue-of",
        Edge::Makes => "makes",
        Edge::AskedOf => "asked-of",
        Edge::On => "on",
        Edge::Gives => "gives",
        Edge::GivenTo => "given-to",
        Edge::Answers => "answers",
        Edge::ConflictsWithDemand => "conflicts-with",
        Edge::ConflictsWithPosition(_) => "conflicts-with-position",
        Edge::Attends => "attends",
        Edge::StatedAt => "stated-at",
    }
}

/// The edge in words, source to target as the record states it.
fn explain(r: &Record, e: Edge, source: Node, target: Node) -> String {
    let s = node_ref(r, source).id;
    let t = node_ref(r, target).id;
    match e {
        Edge::Position(p) => {
            let pos = r.position(p);
            format!(
                "{s} holds {} ({}) on {t} since {}: {}",
                pos.stance, pos.strength, pos.date, pos.summary
            )
        }
        Edge::MemberOf => format!("{s} is a member of {t}"),
        Edge::SubIssueOf => format!("{s} is a sub-issue of {t}"),
        Edge::Makes => format!("{s} makes demand {t}"),
        Edge::AskedOf => format!("demand {s} is asked of {t}"),
        Edge::On => format!("{s} is on issue {t}"),
        Edge::Gives => format!("{s} gives concession {t}"),
        Edge::GivenTo => format!("concession {s} is given to {t}"),
        Edge::Answers => format!("concession {s} answers demand {t}"),
        Edge::ConflictsWithDemand => format!("demand {s} conflicts with demand {t}"),
        Edge::ConflictsWithPosition(_) => {
            format!("demand {s} conflicts with a position on {t}")
        }
        Edge::Attends => format!("{s} attends {t}"),
        Edge::StatedAt => format!("{s} was stated at {t}"),
    }
}

/// Whether the state keeps this node.
fn kept_node(state: &NegotiationState, n: Node) -> bool {
    match n {
        Node::Demand(d) => state.demand_status(d).is_some(),
        Node::Concession(c) => state.concession_status(c).is_some(),
        Node::Event(ev) => state.events.binary_search(&ev).is_ok(),
        Node::Actor(_) | Node::Issue(_) => true,
    }
}

/// Whether the state keeps this edge: positions only while current.
fn kept_edge(state: &NegotiationState, e: Edge) -> bool {
    match e {
        Edge::Position(p) | Edge::ConflictsWithPosition(p) => state.is_current_position(p),
        _ => true,
    }
}

pub fn find(
    state: &NegotiationState,
    graph: &RecordGraph,
    from: ActorIdx,
    to: ActorIdx,
) -> PathAnswer {
    let r = state.record;
    let start = graph.actor_node(from);
    let goal = graph.actor_node(to);
    // Edges walk both ways: the same graph, seen undirected.
    let both_ways = graph
        .graph
        .map(|_, n| *n, |_, e| *e)
        .into_edge_type::<Undirected>();
    let walkable = EdgeFiltered::from_fn(&both_ways, |e| {
        kept_edge(state, *e.weight())
            && kept_node(state, both_ways[e.source()])
            && kept_node(state, both_ways[e.target()])
    });
    let found = petgraph::algo::astar(&walkable, start, |n| n == goal, |_| 1u32, |_| 0);
    let nodes: Vec<NodeIndex> = match found {
        Some((_, nodes)) => nodes,
        None => vec![],
    };
    let connected = from == to || !nodes.is_empty();
    // Each step's edge: the first kept edge between the two nodes, either way.
    let mut steps: Vec<(NodeIndex, NodeIndex, EdgeIndex, Edge, bool)> = vec![];
    for pair in nodes.windows(2) {
        let (p, n) = (pair[0], pair[1]);
        let edge = graph
            .graph
            .edges_connecting(p, n)
            .map(|e| (e.id(), *e.weight(), true))
            .chain(
                graph
                    .graph
                    .edges_connecting(n, p)
                    .map(|e| (e.id(), *e.weight(), false)),
            )
            .filter(|(_, e, _)| kept_edge(state, *e))
            .min_by_key(|(id, _, _)| *id);
        if let Some((id, e, forwards)) = edge {
            steps.push((p, n, id, e, forwards));
        }
    }
    let mut hops: Vec<Hop> = steps
        .iter()
        .map(|&(p, n, _, e, forwards)| {
            let (source, target) = if forwards { (p, n) } else { (n, p) };
            Hop {
                from: node_ref(r, graph.node(p)),
                to: node_ref(r, graph.node(n)),
                relation: relation(e),
                explanation: explain(r, e, graph.node(source), graph.node(target)),
            }
        })
        .collect();
    let edges: Vec<Edge> = steps.iter().map(|s| s.3).collect();
    annotate_agreement(r, &mut hops, &edges);
    PathAnswer {
        from: ActorRef::new(r, from),
        to: ActorRef::new(r, to),
        connected,
        hops,
    }
}

/// Where the path runs actor → issue → actor through two positions, the second
/// hop says whether the two agree on the issue.
fn annotate_agreement(r: &Record, hops: &mut [Hop], edges: &[Edge]) {
    for i in 1..edges.len() {
        if let (Edge::Position(a), Edge::Position(b)) = (edges[i - 1], edges[i]) {
            let (da, db) = (
                r.position(a).stance.direction(),
                r.position(b).stance.direction(),
            );
            let verdict = match (da, db) {
                (Some(x), Some(y)) if x == y => "they agree",
                (Some(_), Some(_)) => "they disagree",
                _ => "one stance is unclear",
            };
            hops[i].explanation.push_str(&format!(" ({verdict})"));
        }
    }
}
