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
        issues(&self.ties, sign)
    }

    /// The worst severity of a conflict on `issue` (any issue with `None`).
    pub fn severity(&self, issue: Option<IssueIdx>) -> Option<Severity> {
        severity(&self.ties, issue)
    }

    /// A friendly link: they agree at least once and never conflict.
    pub fn is_friendly(&self) -> bool {
        self.agreements() > 0 && self.conflicts() == 0
    }
}

/// The issues of a pair's sorted ties with a tie of this sign, once each.
pub fn issues(ties: &[Tie], sign: Sign) -> Vec<IssueIdx> {
    let mut out: Vec<IssueIdx> = ties
        .iter()
        .filter(|t| t.sign == sign)
        .map(|t| t.issue)
        .collect();
    out.dedup();
    out
}

/// The worst severity of a pair's ties on `issue` (any issue with `None`).
pub fn severity(ties: &[Tie], issue: Option<IssueIdx>) -> Option<Severity> {
    ties.iter()
        .filter(|t| issue.is_none_or(|i| t.issue == i))
        .filter_map(|t| t.severity)
        .min()
}

/// Where the ties between two parties are looked up: the whole relation
/// ([`Relation`]) or a part or all of it as flat lists ([`Ties`]).
pub trait PairTies {
    /// The ties between two parties (either way round), if they have any.
    fn ties(&self, a: ActorIdx, b: ActorIdx) -> Option<&[Tie]>;
}

impl PairTies for Relation {
    fn ties(&self, a: ActorIdx, b: ActorIdx) -> Option<&[Tie]> {
        self.link(a, b).map(|l| l.ties.as_slice())
    }
}

/// The relation graph, with each party's node.
pub struct Relation {
    pub graph: UnGraph<ActorIdx, Link>,
    nodes: HashMap<ActorIdx, NodeIndex>,
}

impl Relation {
    /// The relation graph of these ties: a node per party (in `state.parties`
    /// order, so node indices are the same in every part), an edge per pair.
    pub fn of(state: &NegotiationState, ties: &Ties) -> Relation {
        let mut graph = UnGraph::with_capacity(state.parties.len(), ties.len());
        let mut nodes = HashMap::new();
        for &a in &state.parties {
            nodes.insert(a, graph.add_node(a));
        }
        for (a, b, list) in ties.links() {
            graph.add_edge(
                nodes[&a],
                nodes[&b],
                Link {
                    ties: list.to_vec(),
                },
            );
        }
        Relation { graph, nodes }
    }

    /// Only the part of the relation `want` asks for, built now (the whole
    /// relation is [`NegotiationState::relation`], built once).
    pub fn part(state: &NegotiationState, want: Wanted) -> Relation {
        Relation::of(state, &Ties::gather(state, want))
    }

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

/// Which ties to gather: of one sign or both, between which parties. A map
/// that needs only part of the relation (the conflicts map its conflict ties,
/// the actor map its ego's) gathers only that part: on a large record the whole
/// relation is millions of ties.
#[derive(Clone, Copy)]
pub struct Wanted<'a> {
    /// `None`: both signs.
    pub sign: Option<Sign>,
    pub among: Among<'a>,
}

impl Wanted<'_> {
    /// The whole relation.
    pub const ALL: Wanted<'static> = Wanted {
        sign: None,
        among: Among::All,
    };
}

/// Which pairs of parties a [`Wanted`] keeps (the parties as the relation
/// holds them: folded, see [`NegotiationState::party`]).
#[derive(Clone, Copy)]
pub enum Among<'a> {
    All,
    /// Pairs of which at least one party passes.
    Touching(&'a dyn Fn(ActorIdx) -> bool),
    /// Pairs of which both parties pass.
    Within(&'a dyn Fn(ActorIdx) -> bool),
}

impl Among<'_> {
    fn pair(&self, a: ActorIdx, b: ActorIdx) -> bool {
        match self {
            Among::All => true,
            Among::Touching(f) => f(a) || f(b),
            Among::Within(f) => f(a) && f(b),
        }
    }
}

/// Calls `add` with every tie `want` asks for, in no particular order (a pair
/// may come either way round and a tie more than once). The one place the
/// kinds of tie are decided: the relation, its parts and the friendly pairs
/// all come from here.
fn each_tie(state: &NegotiationState, want: Wanted, mut add: impl FnMut(ActorIdx, ActorIdx, Tie)) {
    let r = state.record;
    let (agree, conflict) = match want.sign {
        None => (true, true),
        Some(Sign::Agree) => (true, false),
        Some(Sign::Conflict) => (false, true),
    };
    let passes = |a: ActorIdx| match want.among {
        Among::All => true,
        Among::Touching(f) | Among::Within(f) => f(a),
    };
    let (mut pro, mut con) = (vec![], vec![]);
    for &issue in &state.issues {
        let list = state.stances_on(issue);
        // Only issues where some party passes can hold a wanted pair.
        if !matches!(want.among, Among::All) && !list.iter().any(|s| passes(s.party)) {
            continue;
        }
        pro.clear();
        con.clear();
        for s in list {
            if matches!(want.among, Among::Within(_)) && !passes(s.party) {
                continue;
            }
            match s.camp.direction() {
                Some(Direction::Support) => pro.push(s),
                Some(Direction::Oppose) => con.push(s),
                None => {}
            }
        }
        let touching = matches!(want.among, Among::Touching(_));
        if agree {
            for side in [&pro, &con] {
                for (i, a) in side.iter().enumerate() {
                    let a_passes = !touching || passes(a.party);
                    for b in &side[i + 1..] {
                        if a_passes || passes(b.party) {
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
            }
        }
        if conflict {
            for a in &pro {
                let a_passes = !touching || passes(a.party);
                for b in &con {
                    if a_passes || passes(b.party) {
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
        }
    }
    if conflict {
        for (d, other) in named_conflicts(state) {
            let demand = r.demand(d);
            let (a, b) = (state.party(demand.by), state.party(other.author(r)));
            if want.among.pair(a, b) {
                add(
                    a,
                    b,
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
        }
    }
    if agree {
        for (c, d) in live_answers(state) {
            let (a, b) = (state.party(r.concession(c).by), state.party(r.demand(d).by));
            if want.among.pair(a, b) {
                add(
                    a,
                    b,
                    Tie {
                        issue: r.demand(d).issue,
                        sign: Sign::Agree,
                        basis: TieBasis::ConcessionAnswersDemand,
                        severity: None,
                    },
                );
            }
        }
    }
}

/// A pair of parties as one sortable number: their id ranks, the lower first.
fn pair_key(state: &NegotiationState, a: ActorIdx, b: ActorIdx) -> u64 {
    let (ra, rb) = (state.actor_rank(a) as u64, state.actor_rank(b) as u64);
    (ra.min(rb) << 32) | ra.max(rb)
}

/// A part of the relation (or all of it) as flat lists, without the graph:
/// the pairs in id order, each with its ties sorted and once each. Cheaper to
/// build than [`Relation`] (no allocation per pair), which is built from it.
pub struct Ties {
    /// (a, b, where its ties start and end in `ties`), a before b by id.
    pairs: Vec<(ActorIdx, ActorIdx, u32, u32)>,
    ties: Vec<Tie>,
    /// Each actor's id rank (the state's), to find a pair by binary search.
    rank: Vec<u32>,
}

impl Ties {
    pub fn gather(state: &NegotiationState, want: Wanted) -> Ties {
        // Every tie in one flat list keyed by its pair, sorted, then cut into
        // pairs: on a large record (millions of ties) several times faster
        // than a map from pair to a growing list.
        let mut keyed: Vec<(u64, Tie)> = Vec::new();
        each_tie(state, want, |a, b, tie| {
            if a != b {
                keyed.push((pair_key(state, a, b), tie));
            }
        });
        keyed.sort_unstable();
        keyed.dedup();
        // Ranks back to actors, for the pairs.
        let mut actor_of = vec![ActorIdx(0); state.record.actors.len()];
        for i in 0..state.record.actors.len() {
            let a = ActorIdx(i as u32);
            actor_of[state.actor_rank(a) as usize] = a;
        }
        let mut pairs = vec![];
        let mut start = 0;
        while start < keyed.len() {
            let key = keyed[start].0;
            let end = start + keyed[start..].partition_point(|t| t.0 == key);
            let (a, b) = (
                actor_of[(key >> 32) as usize],
                actor_of[key as u32 as usize],
            );
            pairs.push((a, b, start as u32, end as u32));
            start = end;
        }
        Ties {
            pairs,
            ties: keyed.into_iter().map(|(_, t)| t).collect(),
            rank: state.actor_rank.clone(),
        }
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Every pair with its ties, `a` before `b` by id, sorted by (a, b) ids.
    pub fn links(&self) -> impl Iterator<Item = (ActorIdx, ActorIdx, &[Tie])> + '_ {
        self.pairs
            .iter()
            .map(|&(a, b, from, to)| (a, b, &self.ties[from as usize..to as usize]))
    }

    /// Each party's friendly neighbours (agree at least once, never conflict),
    /// as indices into `state.parties`, sorted: [`Relation::friendly_neighbours`]
    /// of these ties.
    pub fn friendly_neighbours(&self, state: &NegotiationState) -> Vec<Vec<u32>> {
        let mut node_of = vec![u32::MAX; self.rank.len()];
        for (n, &a) in state.parties.iter().enumerate() {
            node_of[a.index()] = n as u32;
        }
        let mut out = vec![vec![]; state.parties.len()];
        for (a, b, ties) in self.links() {
            let agree = ties.iter().any(|t| t.sign == Sign::Agree);
            if agree && ties.iter().all(|t| t.sign == Sign::Agree) {
                let (x, y) = (node_of[a.index()], node_of[b.index()]);
                out[x as usize].push(y);
                out[y as usize].push(x);
            }
        }
        for list in &mut out {
            list.sort_unstable();
        }
        out
    }
}

impl PairTies for Ties {
    fn ties(&self, a: ActorIdx, b: ActorIdx) -> Option<&[Tie]> {
        let (ra, rb) = (self.rank[a.index()], self.rank[b.index()]);
        let key = |x: u32, y: u32| ((x.min(y) as u64) << 32) | x.max(y) as u64;
        let want = key(ra, rb);
        let at = self
            .pairs
            .binary_search_by_key(&want, |&(x, y, _, _)| {
                key(self.rank[x.index()], self.rank[y.index()])
            })
            .ok()?;
        let (_, _, from, to) = self.pairs[at];
        Some(&self.ties[from as usize..to as usize])
    }
}

pub(super) fn build(state: &NegotiationState) -> Relation {
    Relation::of(state, &Ties::gather(state, Wanted::ALL))
}

/// Each party's friendly neighbours (agree at least once, never conflict), as
/// indices into `state.parties` (the relation's node indices), sorted: what
/// [`Relation::friendly_neighbours`] says, without building the relation when
/// it is not built yet (one number per tie, no list of ties per pair).
pub fn friendly_neighbours(state: &NegotiationState) -> Vec<Vec<u32>> {
    if let Some(rel) = state.relation_if_built() {
        return rel.friendly_neighbours();
    }
    // A pair key shifted left by one, its low bit set for a conflict: sorted,
    // a pair's conflicts come last, so its last entry says whether it is friendly.
    let mut keyed: Vec<u128> = Vec::new();
    each_tie(state, Wanted::ALL, |a, b, tie| {
        if a != b {
            keyed.push(
                ((pair_key(state, a, b) as u128) << 1) | (tie.sign == Sign::Conflict) as u128,
            );
        }
    });
    keyed.sort_unstable();
    let mut node_of_rank = vec![u32::MAX; state.record.actors.len()];
    for (n, &a) in state.parties.iter().enumerate() {
        node_of_rank[state.actor_rank(a) as usize] = n as u32;
    }
    let mut out = vec![vec![]; state.parties.len()];
    for (i, &k) in keyed.iter().enumerate() {
        let last = keyed.get(i + 1).is_none_or(|&n| n >> 1 != k >> 1);
        if last && k & 1 == 0 {
            let key = (k >> 1) as u64;
            let (x, y) = (
                node_of_rank[(key >> 32) as usize],
                node_of_rank[key as u32 as usize],
            );
            out[x as usize].push(y);
            out[y as usize].push(x);
        }
    }
    for list in &mut out {
        list.sort_unstable();
    }
    out
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
