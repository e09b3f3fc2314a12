//! `path`: how two actors are connected, as the shortest explained path.
//!
//! Breadth-first search over the record graph, edges walked both ways. Neighbours
//! are visited in node order (actors, issues, demands, concessions, events, each by
//! index), so among equally short paths the same one always wins. Claims the
//! filters drop (dated after `--as-of`, superseded positions, …) are not walked.

use super::{ActorRef, View};
use crate::graph::{Edge, Node, RecordGraph};
use crate::model::*;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{HashMap, HashSet, VecDeque};

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

/// Whether the filters keep this node and edge.
fn walkable(view: &View, n: Node, e: Edge, current: &HashSet<PositionIdx>) -> bool {
    let kept_node = match n {
        Node::Demand(d) => view.demands.binary_search(&d).is_ok(),
        Node::Concession(c) => view.concessions.binary_search(&c).is_ok(),
        Node::Event(ev) => view.events.binary_search(&ev).is_ok(),
        Node::Actor(_) | Node::Issue(_) => true,
    };
    let kept_edge = match e {
        Edge::Position(p) | Edge::ConflictsWithPosition(p) => current.contains(&p),
        _ => true,
    };
    kept_node && kept_edge
}

pub fn find(view: &View, graph: &RecordGraph, from: ActorIdx, to: ActorIdx) -> PathAnswer {
    let r = view.record;
    let start = graph.actor_node(from);
    let goal = graph.actor_node(to);
    let current: HashSet<PositionIdx> = view.positions.iter().copied().collect();
    // node → (previous node, edge, whether the edge was walked forwards)
    let mut prev: HashMap<NodeIndex, (NodeIndex, Edge, bool)> = HashMap::new();
    let mut seen: HashSet<NodeIndex> = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        if n == goal {
            break;
        }
        let mut next: Vec<(Node, usize, Edge, bool, NodeIndex)> = graph
            .outgoing(n)
            .map(|(id, e, m)| (graph.node(m), id.index(), e, true, m))
            .chain(
                graph
                    .incoming(n)
                    .map(|(id, e, m)| (graph.node(m), id.index(), e, false, m)),
            )
            .collect();
        next.sort_by_key(|x| (x.0, x.1));
        for (node, _, e, forwards, m) in next {
            if seen.contains(&m) || !walkable(view, node, e, &current) {
                continue;
            }
            seen.insert(m);
            prev.insert(m, (n, e, forwards));
            queue.push_back(m);
        }
    }
    let mut hops = vec![];
    let connected = from == to || prev.contains_key(&goal);
    if connected {
        let mut n = goal;
        while let Some(&(p, e, forwards)) = prev.get(&n) {
            let (source, target) = if forwards { (p, n) } else { (n, p) };
            hops.push(Hop {
                from: node_ref(r, graph.node(p)),
                to: node_ref(r, graph.node(n)),
                relation: relation(e),
                explanation: explain(r, e, graph.node(source), graph.node(target)),
            });
            n = p;
        }
        hops.reverse();
        annotate_agreement(r, &mut hops, &prev, goal);
    }
    PathAnswer {
        from: ActorRef::new(r, from),
        to: ActorRef::new(r, to),
        connected,
        hops,
    }
}

/// Where the path runs actor → issue → actor through two positions, the second
/// hop says whether the two agree on the issue.
fn annotate_agreement(
    r: &Record,
    hops: &mut [Hop],
    prev: &HashMap<NodeIndex, (NodeIndex, Edge, bool)>,
    goal: NodeIndex,
) {
    let mut edges = vec![];
    let mut n = goal;
    while let Some(&(p, e, _)) = prev.get(&n) {
        edges.push(e);
        n = p;
    }
    edges.reverse();
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
