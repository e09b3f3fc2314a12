//! `coalitions`: groups of parties who agree across issues and never conflict
//! among themselves.
//!
//! The state's relation graph says, for each pair of parties, on which issues
//! they agree and conflict. A pair is a friendly link when it agrees at least
//! once and conflicts never; a coalition is a maximal clique of friendly links
//! (members in id order, so the answer is deterministic). Parties are few next
//! to claims, so the clique search is cheap on real records. The number of
//! maximal cliques can still grow exponentially (a merged record where
//! thousands of parties all agree somewhere), so the search runs on a budget
//! and says when it stopped: an answer, never a hang. (petgraph's
//! `maximal_cliques` has no budget, which is why the search is ours.)

use super::profile::{self, IssueStances};
use super::ActorRef;
use crate::model::*;
use crate::state::{
    relation, Among, NegotiationState, PairTies, Relation, Sign, Tie, Ties, Wanted,
};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub a: ActorRef,
    pub b: ActorRef,
    /// Issues (and answered demands) on which the two agree.
    pub agreements: usize,
    /// Issues (and named conflicts) on which the two conflict.
    pub conflicts: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Coalition {
    pub members: Vec<ActorRef>,
    /// Issues on which at least two members agree.
    pub issues: Vec<String>,
    /// The pair of members with the fewest agreements.
    pub weakest_link: Link,
}

/// The answer to `coalitions`.
#[derive(Clone, Debug, Serialize)]
pub struct Coalitions {
    pub coalitions: Vec<Coalition>,
    /// Every pair that agrees or conflicts, for the signed picture.
    pub links: Vec<Link>,
    /// With `--issue`: who stands where on that issue and its sub-issues.
    pub camps: Vec<IssueStances>,
    /// The search stopped at its budget ([`MAX_COALITIONS`] coalitions or
    /// [`MAX_SEARCH_STEPS`] steps): `coalitions` is a part of the answer.
    pub truncated: bool,
}

/// Most coalitions listed; past it the answer is too large to read anyway.
pub const MAX_COALITIONS: usize = 10_000;
/// Most steps of the clique search (one per recursive call).
pub const MAX_SEARCH_STEPS: usize = 2_000_000;

/// What the clique search may still spend.
struct Budget {
    cliques: usize,
    steps: usize,
}

impl Budget {
    fn spent(&self) -> bool {
        self.cliques == 0 || self.steps == 0
    }
}

/// A link of the answer by index: the two parties and how often they agree
/// and conflict. Millions of [`Link`]s, each with two parties' ids and names,
/// cost more to build than the rest of the answer; rows of indices are written
/// out only when the answer is (see [`CoalitionRows::collect`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkRow {
    pub a: ActorIdx,
    pub b: ActorIdx,
    pub agreements: u32,
    pub conflicts: u32,
}

impl LinkRow {
    fn of(a: ActorIdx, b: ActorIdx, ties: &[Tie]) -> LinkRow {
        let agreements = ties.iter().filter(|t| t.sign == Sign::Agree).count();
        LinkRow {
            a,
            b,
            agreements: agreements as u32,
            conflicts: (ties.len() - agreements) as u32,
        }
    }

    pub fn written(&self, r: &Record) -> Link {
        Link {
            a: ActorRef::new(r, self.a),
            b: ActorRef::new(r, self.b),
            agreements: self.agreements as usize,
            conflicts: self.conflicts as usize,
        }
    }
}

/// The maximal cliques of friendly links, as sorted lists of relation node
/// indices (which run in party id order), and whether the budget ran out.
pub fn cliques(state: &NegotiationState) -> (Vec<Vec<u32>>, bool) {
    cliques_of(state, relation::friendly_neighbours(state))
}

/// [`cliques`] of these friendly neighbours (as
/// [`relation::friendly_neighbours`] gives them).
fn cliques_of(state: &NegotiationState, friends: Vec<Vec<u32>>) -> (Vec<Vec<u32>>, bool) {
    let mut budget = Budget {
        cliques: MAX_COALITIONS,
        steps: MAX_SEARCH_STEPS,
    };
    // With `--actor`, only the cliques holding that party: a search rooted at it,
    // much smaller than the whole graph's.
    let focus = state
        .filter
        .actor
        .and_then(|a| node_of(state, state.party(a)));
    let mut cliques = match focus {
        Some(f) => {
            let mut out = vec![];
            let mut r = vec![f];
            pivot_search(
                &friends,
                &mut r,
                friends[f as usize].clone(),
                vec![],
                &mut out,
                &mut budget,
            );
            out
        }
        None => maximal_cliques(&friends, &mut budget),
    };
    for c in &mut cliques {
        c.sort_unstable();
    }
    cliques.retain(|c| c.len() >= 2);
    // Largest first, then by member ids (node indices order as ids do).
    cliques.sort_by(|x, y| y.len().cmp(&x.len()).then_with(|| x.cmp(y)));
    (cliques, budget.spent())
}

/// The coalitions, as the answer lists them (largest first), that pass the
/// actor focus, as relation node indices; and whether the search ran out of
/// budget. The coalitions map draws the first of these without building the
/// whole answer (at scale, millions of links it does not draw).
pub fn groups(state: &NegotiationState) -> (Vec<Vec<u32>>, bool) {
    kept(state, cliques(state))
}

/// The cliques that pass the actor focus.
fn kept(
    state: &NegotiationState,
    (mut found, truncated): (Vec<Vec<u32>>, bool),
) -> (Vec<Vec<u32>>, bool) {
    let party = |n: u32| state.parties[n as usize];
    found.retain(|c| state.keeps(&c.iter().map(|&n| party(n)).collect::<Vec<_>>()));
    (found, truncated)
}

/// A party's relation node index: its place in `state.parties` (id order).
fn node_of(state: &NegotiationState, a: ActorIdx) -> Option<u32> {
    let rank = state.actor_rank(a);
    state
        .parties
        .binary_search_by_key(&rank, |&p| state.actor_rank(p))
        .ok()
        .map(|n| n as u32)
}

/// The part of the relation between members of these coalitions: all
/// [`coalition`] reads, far less than the whole relation on a large record.
pub fn among_members(state: &NegotiationState, groups: &[Vec<u32>]) -> Relation {
    let mut member = vec![false; state.parties.len()];
    for &n in groups.iter().flatten() {
        member[n as usize] = true;
    }
    let within = |a: ActorIdx| node_of(state, a).is_some_and(|n| member[n as usize]);
    Relation::part(
        state,
        Wanted {
            sign: None,
            among: Among::Within(&within),
        },
    )
}

/// One coalition of [`groups`] written out: its members, the issues on which
/// two of them agree, and its weakest link; `rel` holds at least the links
/// between its members (the state's relation, its [`Ties`], or
/// [`among_members`]).
pub fn coalition(state: &NegotiationState, rel: &dyn PairTies, members: &[u32]) -> Coalition {
    let r = state.record;
    let party = |n: u32| state.parties[n as usize];
    let mut issues: Vec<IssueIdx> = vec![];
    let mut weakest: Option<LinkRow> = None;
    for (i, &x) in members.iter().enumerate() {
        for &y in &members[i + 1..] {
            let (a, b) = (party(x), party(y));
            let ties = rel.ties(a, b).expect("clique members are linked");
            issues.extend(relation::issues(ties, Sign::Agree));
            let l = LinkRow::of(a, b, ties);
            if weakest.is_none_or(|w| l.agreements < w.agreements) {
                weakest = Some(l);
            }
        }
    }
    issues.sort_by_key(|&i| r.issue(i).id.as_str());
    issues.dedup();
    Coalition {
        members: members
            .iter()
            .map(|&n| ActorRef::new(r, party(n)))
            .collect(),
        issues: issues.iter().map(|&i| r.issue(i).id.clone()).collect(),
        weakest_link: weakest
            .expect("a coalition has at least one pair")
            .written(r),
    }
}

/// The answer to `coalitions` with its links as rows of indices: what the
/// JSON writer lays out ([`crate::render::coalitions_json`]) and what
/// [`CoalitionRows::collect`] turns into [`Coalitions`].
pub struct CoalitionRows<'s, 'r> {
    state: &'s NegotiationState<'r>,
    pub coalitions: Vec<Coalition>,
    /// [`Coalitions::links`], in its order.
    pub links: Vec<LinkRow>,
    pub camps: Vec<IssueStances>,
    pub truncated: bool,
}

impl<'s, 'r> CoalitionRows<'s, 'r> {
    pub fn find(state: &'s NegotiationState<'r>, camps_for: Option<IssueIdx>) -> Self {
        // The state's relation when something built it; otherwise only its
        // flat lists, which are all this answer reads (the graph, a list of
        // ties per pair, costs more to build than the answer).
        match state.relation_if_built() {
            Some(rel) => Self::of(
                state,
                camps_for,
                rel,
                rel.friendly_neighbours(),
                rel.links().map(|(a, b, l)| (a, b, l.ties.as_slice())),
            ),
            None => {
                let ties = Ties::gather(state, Wanted::ALL);
                let friends = ties.friendly_neighbours(state);
                Self::of(state, camps_for, &ties, friends, ties.links())
            }
        }
    }

    /// The answer from the relation's pairs (`rel` to look them up, `pairs`
    /// all of them in (a, b) id order) and its friendly neighbours.
    fn of<'t>(
        state: &'s NegotiationState<'r>,
        camps_for: Option<IssueIdx>,
        rel: &dyn PairTies,
        friends: Vec<Vec<u32>>,
        pairs: impl Iterator<Item = (ActorIdx, ActorIdx, &'t [Tie])>,
    ) -> Self {
        let (found, truncated) = kept(state, cliques_of(state, friends));
        let coalitions = found.iter().map(|c| coalition(state, rel, c)).collect();
        let links = pairs
            .filter(|(a, b, _)| state.keeps(&[*a, *b]))
            .map(|(a, b, ties)| LinkRow::of(a, b, ties))
            .collect();
        let camps = match camps_for {
            Some(root) => profile::issue(state, root).issues,
            None => vec![],
        };
        CoalitionRows {
            state,
            coalitions,
            links,
            camps,
            truncated,
        }
    }

    pub fn state(&self) -> &'s NegotiationState<'r> {
        self.state
    }

    /// The answer written out, every link with its parties' ids and names.
    pub fn collect(&self) -> Coalitions {
        let r = self.state.record;
        Coalitions {
            coalitions: self.coalitions.clone(),
            links: self.links.iter().map(|l| l.written(r)).collect(),
            camps: self.camps.clone(),
            truncated: self.truncated,
        }
    }
}

pub fn find(state: &NegotiationState, camps_for: Option<IssueIdx>) -> Coalitions {
    CoalitionRows::find(state, camps_for).collect()
}

/// Every maximal clique of the graph (sorted neighbour lists), each once.
///
/// Bron–Kerbosch with a pivot, the vertices taken in degeneracy order at the top
/// (Eppstein, Löffler and Strash): near-linear on the sparse friendly graphs
/// records give, where the plain recursion explodes. The set of maximal cliques
/// does not depend on the order they are found in; the caller sorts them.
fn maximal_cliques(graph: &[Vec<u32>], budget: &mut Budget) -> Vec<Vec<u32>> {
    let n = graph.len();
    // Degeneracy order: repeatedly take a vertex of least remaining degree.
    let mut degree: Vec<usize> = graph.iter().map(Vec::len).collect();
    let max_degree = degree.iter().copied().max().unwrap_or(0);
    let mut buckets: Vec<Vec<u32>> = vec![vec![]; max_degree + 1];
    for (v, &d) in degree.iter().enumerate() {
        buckets[d].push(v as u32);
    }
    let mut done = vec![false; n];
    let mut position = vec![0usize; n];
    let mut order = Vec::with_capacity(n);
    let mut low = 0;
    while order.len() < n {
        low = low.min(max_degree);
        let Some(v) = buckets[low].pop() else {
            low += 1;
            continue;
        };
        if done[v as usize] || degree[v as usize] != low {
            continue;
        }
        done[v as usize] = true;
        position[v as usize] = order.len();
        order.push(v);
        for &w in &graph[v as usize] {
            if !done[w as usize] {
                degree[w as usize] -= 1;
                buckets[degree[w as usize]].push(w);
                low = low.min(degree[w as usize]);
            }
        }
    }

    let mut out = vec![];
    for &v in &order {
        if graph[v as usize].is_empty() {
            continue;
        }
        let (mut p, mut x) = (vec![], vec![]);
        for &w in &graph[v as usize] {
            if position[w as usize] > position[v as usize] {
                p.push(w);
            } else {
                x.push(w);
            }
        }
        let mut r = vec![v];
        pivot_search(graph, &mut r, p, x, &mut out, budget);
        if budget.spent() {
            break;
        }
    }
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, vec![]);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Bron–Kerbosch with Tomita's pivot; `p` and `x` are sorted.
fn pivot_search(
    graph: &[Vec<u32>],
    r: &mut Vec<u32>,
    mut p: Vec<u32>,
    mut x: Vec<u32>,
    out: &mut Vec<Vec<u32>>,
    budget: &mut Budget,
) {
    if budget.spent() {
        return;
    }
    budget.steps -= 1;
    if p.is_empty() {
        if x.is_empty() {
            out.push(r.clone());
            budget.cliques -= 1;
        }
        return;
    }
    // The pivot: the vertex of P ∪ X with the most neighbours in P.
    let pivot = p
        .iter()
        .chain(&x)
        .copied()
        .max_by_key(|&u| intersect(&p, &graph[u as usize]).len())
        .expect("p is not empty");
    let candidates: Vec<u32> = p
        .iter()
        .copied()
        .filter(|v| graph[pivot as usize].binary_search(v).is_err())
        .collect();
    for v in candidates {
        let n = &graph[v as usize];
        r.push(v);
        pivot_search(graph, r, intersect(&p, n), intersect(&x, n), out, budget);
        r.pop();
        if budget.spent() {
            return;
        }
        p.retain(|&w| w != v);
        let at = x.partition_point(|&w| w < v);
        x.insert(at, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::*;
    use crate::state::Filter;

    #[test]
    fn agreeing_parties_form_a_coalition_and_opponents_stay_out() {
        let r = record(
            vec![
                position(0, 0, Stance::Oppose, "2025-01"),
                position(2, 0, Stance::Oppose, "2025-01"),
                position(1, 0, Stance::Support, "2025-01"),
            ],
            vec![],
        );
        let c = find(&NegotiationState::build(&r, &Filter::default()), None);
        assert_eq!(c.coalitions.len(), 1);
        let ids: Vec<_> = c.coalitions[0]
            .members
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, vec!["russia", "us"]);
    }

    /// Moon–Moser graphs: `groups` triples, each vertex a friend of every vertex
    /// outside its own triple, hold 3^groups maximal cliques.
    fn moon_moser(groups: u32) -> Vec<Vec<u32>> {
        let n = groups * 3;
        (0..n)
            .map(|v| (0..n).filter(|&w| w / 3 != v / 3).collect())
            .collect()
    }

    #[test]
    fn the_clique_search_finds_every_clique_within_its_budget() {
        let mut budget = Budget {
            cliques: MAX_COALITIONS,
            steps: MAX_SEARCH_STEPS,
        };
        let cliques = maximal_cliques(&moon_moser(4), &mut budget);
        assert_eq!(cliques.len(), 81);
        assert!(cliques.iter().all(|c| c.len() == 4));
        assert!(!budget.spent());
    }

    #[test]
    fn an_exponential_clique_count_stops_at_the_budget() {
        // 3^12 = 531,441 maximal cliques: without a budget, minutes and gigabytes.
        let mut budget = Budget {
            cliques: MAX_COALITIONS,
            steps: MAX_SEARCH_STEPS,
        };
        let cliques = maximal_cliques(&moon_moser(12), &mut budget);
        assert!(budget.spent());
        assert_eq!(cliques.len(), MAX_COALITIONS);
        assert!(cliques.iter().all(|c| c.len() == 12));
    }
}
