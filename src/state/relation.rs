//! The signed relation between parties: who agrees and who conflicts, on which
//! issues, held as a petgraph graph (one node per party, one edge per pair that
//! agrees or conflicts at least once).
//!
//! The kinds of relation are defined here once ([`Sign`], [`TieBasis`]); the
//! conflicts and overlaps rows, the coalitions, the actor profile and the maps
//! all read these edges, so they cannot disagree about a pair.

use super::*;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sign {
    Agree,
    Conflict,
}

/// What a tie rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieBasis {
    /// The two parties' stances on the issue point the same way (agree) or
    /// opposite ways (conflict).
    Stances,
    /// A live demand names the other's claim in `conflicts_with`.
    NamedConflict,
    /// A concession of one answers a live demand of the other.
    ConcessionAnswersDemand,
}

/// One reason two parties agree or conflict, on one issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tie {
    pub issue: IssueIdx,
    pub sign: Sign,
    pub basis: TieBasis,
    /// For a conflict, how severe.
    pub severity: Option<Severity>,
}

/// Everything between two parties: an edge of the relation graph.
#[derive(Clone, Debug, Default)]
pub struct Link {
    /// Sorted by issue, sign, basis.
    pub ties: Vec<Tie>,
}

impl Link {
    /// How many ties agree.
    pub fn agreements(&self) -> usize {
        self.ties.iter().filter(|t| t.sign == Sign::Agree).count()
    }

    /// How many ties conflict.
    pub fn conflicts(&self) -> usize {
        self.ties
            .iter()
            .filter(|t| t.sign == Sign::Conflict)
            .count()
    }

    /// The issues with a tie of this sign, sorted by index, once each.
    pub fn issues(&self, sign: Sign) -> Vec<IssueIdx> {
        let mut out: Vec<IssueIdx> = self
            .ties
            .iter()
            .filter(|t| t.sign == sign)
            .map(|t| t.issue)
            .collect();
        out.dedup();
        out
    }

    /// The worst severity of a conflict on `issue` (any issue with `None`).
    pub fn severity(&self, issue: Option<IssueIdx>) -> Option<Severity> {
        self.ties
            .iter()
            .filter(|t| issue.is_none_or(|i| t.issue == i))
            .filter_map(|t| t.severity)
            .min()
    }

    /// A friendly link: they agree at least once and never conflict.
    pub fn is_friendly(&self) -> bool {
        self.agreements() > 0 && self.conflicts() == 0
    }
}

/// The relation graph, with each party's node.
pub struct Relation {
    pub graph: UnGraph<ActorIdx, Link>,
    nodes: HashMap<ActorIdx, NodeIndex>,
}

impl Relation {
    pub fn node(&self, a: ActorIdx) -> Option<NodeIndex> {
        self.nodes.get(&a).copied()
    }

    /// The link between two parties, if they agree or conflict at all.
    pub fn link(&self, a: ActorIdx, b: ActorIdx) -> Option<&Link> {
        let (x, y) = (self.node(a)?, self.node(b)?);
        self.graph.find_edge(x, y).map(|e| &self.graph[e])
    }

    /// Every linked pair, `a` before `b` in id order, sorted by (a, b) ids.
    pub fn links(&self) -> impl Iterator<Item = (ActorIdx, ActorIdx, &Link)> + '_ {
        // Nodes were added in id order and each edge from the earlier node, so
        // edge order is pair order.
        self.graph
            .edge_references()
            .map(|e| (self.graph[e.source()], self.graph[e.target()], e.weight()))
    }

    /// Groups of parties joined by friendly links (agree, never conflict): the
    /// connected components of the friendly subgraph, each in id order, the
    /// groups ordered by first member; parties with no friendly link stand alone.
    pub fn friendly_groups(&self) -> Vec<Vec<ActorIdx>> {
        let mut uf = UnionFind::<usize>::new(self.graph.node_count());
        for e in self.graph.edge_references() {
            if e.weight().is_friendly() {
                uf.union(e.source().index(), e.target().index());
            }
        }
        let mut groups: std::collections::BTreeMap<usize, Vec<ActorIdx>> = Default::default();
        for n in self.graph.node_indices() {
            groups
                .entry(uf.find(n.index()))
                .or_default()
                .push(self.graph[n]);
        }
        let mut out: Vec<Vec<ActorIdx>> = groups.into_values().collect();
        out.sort_by_key(|g| g[0].0);
        out
    }

    /// Each party's friendly neighbours, as node indices, sorted.
    pub fn friendly_neighbours(&self) -> Vec<Vec<u32>> {
        let mut out = vec![vec![]; self.graph.node_count()];
        for e in self.graph.edge_references() {
            if e.weight().is_friendly() {
                let (a, b) = (e.source().index() as u32, e.target().index() as u32);
                out[a as usize].push(b);
                out[b as usize].push(a);
            }
        }
        for list in &mut out {
            list.sort_unstable();
        }
        out
    }
}

/// A tie with its pair: the pair's id ranks (the sort key), the pair, the tie.
type KeyedTie = ((u32, u32), (ActorIdx, ActorIdx), Tie);

pub(super) fn build(state: &NegotiationState) -> Relation {
    let r = state.record;
    let rank = |a: ActorIdx| state.actor_rank(a);
    // Every tie in one flat list, keyed by the pair's ranks, then sorted and
    // cut into links: on a large record (millions of ties) this is several
    // times faster than a map from pair to a growing list of ties.
    let mut ties: Vec<KeyedTie> = Vec::new();
    let mut add = |a: ActorIdx, b: ActorIdx, tie: Tie| {
        if a == b {
            return;
        }
        let (ra, rb) = (rank(a), rank(b));
        if ra <= rb {
            ties.push(((ra, rb), (a, b), tie));
        } else {
            ties.push(((rb, ra), (b, a), tie));
        }
    };
    for &issue in &state.issues {
        let list = state.stances_on(issue);
        let (mut pro, mut con) = (vec![], vec![]);
        for s in list {
            match s.camp.direction() {
                Some(Direction::Support) => pro.push(s),
                Some(Direction::Oppose) => con.push(s),
                None => {}
            }
        }
        for side in [&pro, &con] {
            for (i, a) in side.iter().enumerate() {
                for b in &side[i + 1..] {
                    add(
                        a.party,
                        b.party,
                        Tie {
                            issue,
                            sign: Sign::Agree,
                            basis: TieBasis::Stances,
                            severity: None,
                        },
                    );
                }
            }
        }
        for a in &pro {
            for b in &con {
                add(
                    a.party,
                    b.party,
                    Tie {
                        issue,
                        sign: Sign::Conflict,
                        basis: TieBasis::Stances,
                        severity: Some(Severity::of(a.hardness, b.hardness)),
                    },
                );
            }
        }
    }
    for (d, other) in named_conflicts(state) {
        let demand = r.demand(d);
        add(
            state.party(demand.by),
            state.party(other.author(r)),
            Tie {
                issue: demand.issue,
                sign: Sign::Conflict,
                basis: TieBasis::NamedConflict,
                severity: Some(Severity::of(
                    Hardness::of(r, ClaimId::Demand(d)),
                    Hardness::of(r, other),
                )),
            },
        );
    }
    for (c, d) in live_answers(state) {
        add(
            state.party(r.concession(c).by),
            state.party(r.demand(d).by),
            Tie {
                issue: r.demand(d).issue,
                sign: Sign::Agree,
                basis: TieBasis::ConcessionAnswersDemand,
                severity: None,
            },
        );
    }

    ties.sort_unstable_by(|x, y| x.0.cmp(&y.0).then_with(|| x.2.cmp(&y.2)));
    let mut graph = UnGraph::with_capacity(state.parties.len(), 0);
    let mut nodes = HashMap::new();
    for &a in &state.parties {
        nodes.insert(a, graph.add_node(a));
    }
    // Pairs in rank order, each link's ties sorted: the same graph as before.
    let mut start = 0;
    while start < ties.len() {
        let key = ties[start].0;
        let end = start + ties[start..].partition_point(|t| t.0 == key);
        let (a, b) = ties[start].1;
        let mut list: Vec<Tie> = ties[start..end].iter().map(|t| t.2).collect();
        list.dedup();
        graph.add_edge(nodes[&a], nodes[&b], Link { ties: list });
        start = end;
    }
    Relation { graph, nodes }
}

/// Live demands and the live claims they name in `conflicts_with`: a position
/// behind its party's current stance, or another open demand; never a claim of
/// the demander's own party.
pub fn named_conflicts(state: &NegotiationState) -> Vec<(DemandIdx, ClaimId)> {
    let r = state.record;
    let mut out = vec![];
    for d in state.live_demands() {
        let demand = r.demand(d);
        for other in &demand.conflicts_with {
            let claim = match *other {
                ClaimRef::Position(p) => {
                    let pos = r.position(p);
                    let current =
                        state
                            .stance(state.party(pos.actor), pos.issue)
                            .is_some_and(|s| {
                                s.basis == Basis::Own && s.claims.contains(&ClaimId::Position(p))
                            });
                    if !current || !state.is_party(pos.actor) {
                        continue;
                    }
                    ClaimId::Position(p)
                }
                ClaimRef::Demand(e) => {
                    if state.demand_phase(e) != Some(Phase::Live) {
                        continue;
                    }
                    ClaimId::Demand(e)
                }
            };
            if state.party(claim.author(r)) != state.party(demand.by) {
                out.push((d, claim));
            }
        }
    }
    out
}

/// Concessions answering live demands of another party, as (concession, demand).
pub fn live_answers(state: &NegotiationState) -> Vec<(ConcessionIdx, DemandIdx)> {
    let r = state.record;
    let mut out = vec![];
    for &c in &state.concessions {
        for (d, _) in state.answered_by(c) {
            if state.demand_phase(d) == Some(Phase::Live)
                && state.party(r.concession(c).by) != state.party(r.demand(d).by)
            {
                out.push((c, d));
            }
        }
    }
    out
}
