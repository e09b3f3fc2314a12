//! The record as a typed petgraph graph, built once from the model.
//!
//! Nodes are the record's things (actors, issues, demands, concessions, events);
//! edges are the relations between them (a position joins an actor to an issue,
//! a demand node is joined to its author, its addressees and its issue, …). Each
//! node and edge keeps the model index it stands for, so a query that walks the
//! graph can always reach the claim and its sources.

use crate::model::*;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction as EdgeDirection;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Actor(ActorIdx),
    Issue(IssueIdx),
    Demand(DemandIdx),
    Concession(ConcessionIdx),
    Event(EventIdx),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// actor → issue: the actor's position.
    Position(PositionIdx),
    /// actor → actor (person → government, state → bloc).
    MemberOf,
    /// issue → parent issue.
    SubIssueOf,
    /// actor → demand.
    Makes,
    /// demand → actor asked.
    AskedOf,
    /// demand or concession → issue.
    On,
    /// actor → concession.
    Gives,
    /// concession → actor it is given to.
    GivenTo,
    /// concession → demand it answers.
    Answers,
    /// demand → demand or position node's actor… see `ConflictsWith` below.
    ConflictsWithDemand,
    /// demand → issue whose position (by index) it conflicts with.
    ConflictsWithPosition(PositionIdx),
    /// actor → event.
    Attends,
    /// position, demand or concession → event where stated (from the claim's node).
    StatedAt,
}

/// The graph plus lookups from model indices to nodes.
pub struct RecordGraph {
    pub graph: DiGraph<Node, Edge>,
    actors: Vec<NodeIndex>,
    issues: Vec<NodeIndex>,
    demands: Vec<NodeIndex>,
    concessions: Vec<NodeIndex>,
    events: Vec<NodeIndex>,
}

impl RecordGraph {
    pub fn build(record: &Record) -> RecordGraph {
        let node_count = record.actors.len()
            + record.issues.len()
            + record.demands.len()
            + record.concessions.len()
            + record.events.len();
        let edge_estimate =
            record.positions.len() * 2 + record.demands.len() * 4 + record.concessions.len() * 4;
        let mut graph = DiGraph::with_capacity(node_count, edge_estimate);
        let mut add = |count: usize, make: &dyn Fn(u32) -> Node| -> Vec<NodeIndex> {
            (0..count as u32).map(|i| graph.add_node(make(i))).collect()
        };
        let actors = add(record.actors.len(), &|i| Node::Actor(ActorIdx(i)));
        let issues = add(record.issues.len(), &|i| Node::Issue(IssueIdx(i)));
        let demands = add(record.demands.len(), &|i| Node::Demand(DemandIdx(i)));
        let concessions = add(record.concessions.len(), &|i| {
            Node::Concession(ConcessionIdx(i))
        });
        let events = add(record.events.len(), &|i| Node::Event(EventIdx(i)));

        for (i, actor) in record.actors.iter().enumerate() {
            for parent in &actor.member_of {
                graph.add_edge(actors[i], actors[parent.index()], Edge::MemberOf);
            }
        }
        for (i, issue) in record.issues.iter().enumerate() {
            if let Some(parent) = issue.parent {
                graph.add_edge(issues[i], issues[parent.index()], Edge::SubIssueOf);
            }
        }
        for (i, p) in record.positions.iter().enumerate() {
            let idx = PositionIdx(i as u32);
            graph.add_edge(
                actors[p.actor.index()],
                issues[p.issue.index()],
                Edge::Position(idx),
            );
        }
        for (i, d) in record.demands.iter().enumerate() {
            let node = demands[i];
            graph.add_edge(actors[d.by.index()], node, Edge::Makes);
            for of in &d.of {
                graph.add_edge(node, actors[of.index()], Edge::AskedOf);
            }
            graph.add_edge(node, issues[d.issue.index()], Edge::On);
            for other in &d.conflicts_with {
                match *other {
                    ClaimRef::Demand(o) => {
                        graph.add_edge(node, demands[o.index()], Edge::ConflictsWithDemand);
                    }
                    ClaimRef::Position(p) => {
                        let issue = record.position(p).issue;
                        graph.add_edge(node, issues[issue.index()], Edge::ConflictsWithPosition(p));
                    }
                }
            }
            if let Some(e) = d.event {
                graph.add_edge(node, events[e.index()], Edge::StatedAt);
            }
        }
        for (i, c) in record.concessions.iter().enumerate() {
            let node = concessions[i];
            graph.add_edge(actors[c.by.index()], node, Edge::Gives);
            for to in &c.to {
                graph.add_edge(node, actors[to.index()], Edge::GivenTo);
            }
            graph.add_edge(node, issues[c.issue.index()], Edge::On);
            for d in &c.answers {
                graph.add_edge(node, demands[d.index()], Edge::Answers);
            }
            if let Some(e) = c.event {
                graph.add_edge(node, events[e.index()], Edge::StatedAt);
            }
        }
        for (i, e) in record.events.iter().enumerate() {
            for p in &e.participants {
                graph.add_edge(actors[p.index()], events[i], Edge::Attends);
            }
        }
        RecordGraph {
            graph,
            actors,
            issues,
            demands,
            concessions,
            events,
        }
    }

    pub fn actor_node(&self, a: ActorIdx) -> NodeIndex {
        self.actors[a.index()]
    }

    pub fn issue_node(&self, i: IssueIdx) -> NodeIndex {
        self.issues[i.index()]
    }

    pub fn demand_node(&self, d: DemandIdx) -> NodeIndex {
        self.demands[d.index()]
    }

    pub fn concession_node(&self, c: ConcessionIdx) -> NodeIndex {
        self.concessions[c.index()]
    }

    pub fn event_node(&self, e: EventIdx) -> NodeIndex {
        self.events[e.index()]
    }

    pub fn node(&self, n: NodeIndex) -> Node {
        self.graph[n]
    }

    /// Edges leaving `n`, with their targets, in insertion order.
    pub fn outgoing(
        &self,
        n: NodeIndex,
    ) -> impl Iterator<Item = (EdgeIndex, Edge, NodeIndex)> + '_ {
        self.graph
            .edges_directed(n, EdgeDirection::Outgoing)
            .map(|e| (e.id(), *e.weight(), e.target()))
    }

    /// Edges entering `n`, with their sources.
    pub fn incoming(
        &self,
        n: NodeIndex,
    ) -> impl Iterator<Item = (EdgeIndex, Edge, NodeIndex)> + '_ {
        self.graph
            .edges_directed(n, EdgeDirection::Incoming)
            .map(|e| (e.id(), *e.weight(), e.source()))
    }

    /// The positions held on an issue (by any actor), from the graph's edges.
    pub fn positions_on(&self, issue: IssueIdx) -> Vec<PositionIdx> {
        let mut out: Vec<PositionIdx> = self
            .incoming(self.issue_node(issue))
            .filter_map(|(_, e, _)| match e {
                Edge::Position(p) => Some(p),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, member_of: Vec<ActorIdx>) -> Actor {
        Actor {
            id: id.into(),
            name: id.into(),
            kind: ActorKind::State,
            aliases: vec![],
            member_of,
            role: None,
            observer: false,
            notes: None,
            sources: vec![],
        }
    }

    #[test]
    fn positions_and_demands_become_edges() {
        let issue = Issue {
            id: "nato".into(),
            title: "Ukraine joins NATO".into(),
            category: Category::Security,
            description: None,
            parent: None,
            polarity: Polarity::Same,
            sources: vec![],
        };
        let date = Date::parse("2025-02-18").unwrap();
        let position = Position {
            id: None,
            actor: ActorIdx(0),
            issue: IssueIdx(0),
            stance: Stance::Oppose,
            strength: Strength::RedLine,
            summary: String::new(),
            date,
            conditions: None,
            event: None,
            notes: None,
            sources: vec![],
        };
        let demand = Demand {
            id: "d".into(),
            by: ActorIdx(0),
            of: vec![ActorIdx(1)],
            issue: IssueIdx(0),
            stance: Direction::Oppose,
            text: String::new(),
            priority: Priority::RedLine,
            status: DemandStatus::Open,
            history: Vec::new(),
            date,
            conflicts_with: vec![],
            event: None,
            notes: None,
            sources: vec![],
        };
        let record = Record::new(
            vec![actor("russia", vec![]), actor("nato", vec![])],
            vec![issue],
            vec![position],
            vec![demand],
            vec![],
            vec![],
        );
        let g = RecordGraph::build(&record);
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.positions_on(IssueIdx(0)), vec![PositionIdx(0)]);
        let asked: Vec<_> = g
            .outgoing(g.demand_node(DemandIdx(0)))
            .filter(|(_, e, _)| *e == Edge::AskedOf)
            .map(|(_, _, n)| g.node(n))
            .collect();
        assert_eq!(asked, vec![Node::Actor(ActorIdx(1))]);
    }
}
