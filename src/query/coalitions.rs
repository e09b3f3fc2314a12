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
use crate::state::{relation, Among, Link as Tied, NegotiationState, Relation, Sign, Wanted};
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

fn link(r: &Record, a: ActorIdx, b: ActorIdx, l: &Tied) -> Link {
    Link {
        a: ActorRef::new(r, a),
        b: ActorRef::new(r, b),
        agreements: l.agreements(),
        conflicts: l.conflicts(),
    }
}

/// The maximal cliques of friendly links, as sorted lists of relation node
/// indices (which run in party id order), and whether the budget ran out.
pub fn cliques(state: &NegotiationState) -> (Vec<Vec<u32>>, bool) {
    let friends = relation::friendly_neighbours(state);
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
    let party = |n: u32| state.parties[n as usize];
    let (mut found, truncated) = cliques(state);
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
/// between its members (the state's relation, or [`among_members`]).
pub fn coalition(state: &NegotiationState, rel: &Relation, members: &[u32]) -> Coalition {
    let r = state.record;
    let party = |n: u32| rel.graph[petgraph::graph::NodeIndex::new(n as usize)];
    let mut issues: Vec<IssueIdx> = vec![];
    let mut weakest: Option<(ActorIdx, ActorIdx, &Tied)> = None;
    for (i, &x) in members.iter().enumerate() {
        for &y in &members[i + 1..] {
            let (a, b) = (party(x), party(y));
            let l = rel.link(a, b).expect("clique members are linked");
            issues.extend(l.issues(Sign::Agree));
            if weakest.is_none_or(|w| l.agreements() < w.2.agreements()) {
                weakest = Some((a, b, l));
            }
        }
    }
    issues.sort_by_key(|&i| r.issue(i).id.as_str());
    issues.dedup();
    let (wa, wb, wl) = weakest.expect("a coalition has at least one pair");
    Coalition {
        members: members
            .iter()
            .map(|&n| ActorRef::new(r, party(n)))
            .collect(),
        issues: issues.iter().map(|&i| r.issue(i).id.clone()).collect(),
        weakest_link: link(r, wa, wb, wl),
    }
}

pub fn find(state: &NegotiationState, camps_for: Option<IssueIdx>) -> Coalitions {
    let r = state.record;
    let rel = state.relation();
    let (found, truncated) = groups(state);
    let coalitions = found.iter().map(|c| coalition(state, rel, c)).collect();
    let links = rel
        .links()
        .filter(|(a, b, _)| state.keeps(&[*a, *b]))
        .map(|(a, b, l)| link(r, a, b, l))
        .collect();
    let camps = match camps_for {
        Some(root) => profile::issue(state, root).issues,
        None => vec![],
    };
    Coalitions {
        coalitions,
        links,
        camps,
        truncated,
    }
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
