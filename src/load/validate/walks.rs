//! The rules that follow chains: `parent` loops, `member_of` loops, whether one
//! issue is under another, and whom a person speaks for.
//!
//! Each is one linear pass over the whole record. Walking a chain again from
//! every entry (as these once did) is quadratic: a 50,000-deep `parent` chain or
//! a fresh `seen` list per actor took minutes. Steps are counted in
//! [`crate::work`], so tests can show the growth stays linear.

use super::{ActorIdx, Code, Diagnostic, Order, Validator};
use crate::load::raw::{RawActor, RawIssue};
use crate::model::{Actor, ActorKind, Issue, IssueIdx};
use crate::work::tick;

impl Validator<'_> {
    pub(super) fn check_issue_cycles(&mut self, issues: &[Issue], order: &Order<'_, RawIssue>) {
        if issues.len() != order.len() {
            return; // unresolved parents are reported already
        }
        let parents: Vec<Option<usize>> = issues
            .iter()
            .map(|i| i.parent.map(IssueIdx::index))
            .collect();
        let looped = on_cycles(&parents);
        for (i, (_, (file, entry))) in order.iter().enumerate() {
            if looped[i] {
                let at = entry.value.parent.as_ref().map_or(entry.at, |p| p.at);
                let location = self.loc(*file, &at);
                self.report(
                    Diagnostic::new(Code::IssueCycle, Some(location), format!("issue `{}` is its own ancestor through `parent`", issues[i].id))
                        .label("parent chain loops back here")
                        .hint("a sub-issue's parent must be a broader issue; remove one `parent` in the loop"),
                );
            }
        }
    }

    pub(super) fn check_membership_cycles(
        &mut self,
        actors: &[Actor],
        order: &Order<'_, RawActor>,
    ) {
        if actors.len() != order.len() {
            return;
        }
        let members: Vec<Vec<usize>> = actors
            .iter()
            .map(|a| a.member_of.iter().map(|m| m.index()).collect())
            .collect();
        let looped = on_member_cycles(&members);
        for (i, (_, (file, entry))) in order.iter().enumerate() {
            // Self-membership is reported where it is written.
            if members[i].contains(&i) || !looped[i] {
                continue;
            }
            let at = entry.value.member_of.as_ref().map_or(entry.at, |m| m.at);
            let location = self.loc(*file, &at);
            self.report(
                Diagnostic::new(Code::MembershipCycle, Some(location), format!("actor `{}` is a member of itself through `member_of`", actors[i].id))
                    .label("membership loops back here")
                    .hint("membership goes from the smaller body to the larger (a minister → a state → a bloc)"),
            );
        }
    }
}

/// Which nodes lie on a loop of a graph where each node has at most one parent.
/// Each node is walked once: a walk stops at the first node already walked.
pub(super) fn on_cycles(parents: &[Option<usize>]) -> Vec<bool> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; parents.len()];
    let mut looped = vec![false; parents.len()];
    let mut path = Vec::new();
    for start in 0..parents.len() {
        let mut current = Some(start);
        while let Some(c) = current.filter(|&c| state[c] == NEW) {
            tick(1);
            state[c] = ON_PATH;
            path.push(c);
            current = parents[c];
        }
        // A walk that meets its own path has found a loop: the path from there on.
        if let Some(c) = current.filter(|&c| state[c] == ON_PATH) {
            let from = path.iter().rposition(|&p| p == c).unwrap_or(0);
            for &p in &path[from..] {
                looped[p] = true;
            }
        }
        for p in path.drain(..) {
            state[p] = DONE;
        }
    }
    looped
}

/// Which nodes lie on a loop of at least two nodes in a graph of any number of
/// edges per node: the members of strongly connected components of two or more
/// (Kosaraju's algorithm, iterative, linear in nodes and edges).
pub(super) fn on_member_cycles(edges: &[Vec<usize>]) -> Vec<bool> {
    let mut graph = petgraph::Graph::<(), ()>::with_capacity(edges.len(), edges.len());
    for _ in edges {
        graph.add_node(());
    }
    for (from, tos) in edges.iter().enumerate() {
        tick(1 + tos.len() as u64);
        for &to in tos {
            graph.add_edge((from as u32).into(), (to as u32).into(), ());
        }
    }
    let mut looped = vec![false; edges.len()];
    for component in petgraph::algo::kosaraju_scc(&graph) {
        if component.len() > 1 {
            for node in component {
                looped[node.index()] = true;
            }
        }
    }
    looped
}

/// Whether one issue is under another, in constant time: each issue's entry and
/// exit in one depth-first walk of the `parent` forest (an issue is under
/// another when its span lies within the other's).
pub(super) struct IssueTree {
    enter: Vec<u32>,
    exit: Vec<u32>,
}

/// Issues on or under a `parent` loop, which no walk from a root reaches.
const UNREACHED: u32 = u32::MAX;

impl IssueTree {
    pub(super) fn new(issues: &[Issue]) -> IssueTree {
        let n = issues.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, issue) in issues.iter().enumerate() {
            match issue.parent.map(IssueIdx::index).filter(|&p| p < n) {
                Some(p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        let mut enter = vec![UNREACHED; n];
        let mut exit = vec![UNREACHED; n];
        let mut clock = 0u32;
        // (issue, next child to visit): an explicit stack, as chains may be deep.
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for root in roots {
            enter[root] = clock;
            clock += 1;
            stack.push((root, 0));
            while let Some((node, next)) = stack.last_mut() {
                tick(1);
                if let Some(&child) = children[*node].get(*next) {
                    *next += 1;
                    enter[child] = clock;
                    clock += 1;
                    stack.push((child, 0));
                } else {
                    exit[*node] = clock;
                    clock += 1;
                    stack.pop();
                }
            }
        }
        IssueTree { enter, exit }
    }

    /// Whether one issue is the other or an ancestor or descendant of it. An
    /// issue in a `parent` loop is reported as such; it counts as related to any
    /// issue, so that no second error is stacked on the loop.
    pub(super) fn related(&self, a: IssueIdx, b: IssueIdx) -> bool {
        let (a, b) = (a.index(), b.index());
        if a == b || self.enter[a] == UNREACHED || self.enter[b] == UNREACHED {
            return true;
        }
        let under = |inner: usize, outer: usize| {
            self.enter[outer] <= self.enter[inner] && self.exit[inner] <= self.exit[outer]
        };
        under(a, b) || under(b, a)
    }
}

/// The party each actor speaks for, as [`crate::model::party_among`] gives it
/// (a person's first `member_of`, up to the first actor that is not a person;
/// on a loop of people, the walk stops after as many steps as there are
/// actors), for all actors in one linear pass instead of a walk per claim.
pub(super) fn parties(actors: &[Actor]) -> Vec<ActorIdx> {
    let n = actors.len();
    let next = |a: usize| match (actors[a].kind, actors[a].member_of.first()) {
        (ActorKind::Person, Some(&parent)) if parent.index() < n => Some(parent.index()),
        _ => None,
    };
    const UNKNOWN: usize = usize::MAX;
    let mut party = vec![UNKNOWN; n];
    // For actors that lead into a loop of people: their distance to the loop,
    // and the loop (its members in order) with the entry's place in it.
    let mut tail: Vec<(usize, usize, usize)> = vec![(0, 0, 0); n];
    let mut loops: Vec<Vec<usize>> = Vec::new();
    let mut on_path = vec![usize::MAX; n];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..n {
        let mut current = start;
        // Walk until an actor already settled, a non-person, or the path itself.
        loop {
            tick(1);
            if party[current] != UNKNOWN || on_path[current] != usize::MAX {
                break;
            }
            on_path[current] = path.len();
            path.push(current);
            match next(current) {
                Some(p) => current = p,
                None => break,
            }
        }
        if party[current] == UNKNOWN && on_path[current] != usize::MAX && next(current).is_some() {
            // A loop from `current` to the end of the path.
            let from = on_path[current];
            let members: Vec<usize> = path[from..].to_vec();
            for (place, &m) in members.iter().enumerate() {
                tail[m] = (0, loops.len(), place);
            }
            loops.push(members);
            for &m in &loops[loops.len() - 1] {
                party[m] = settle(&loops, tail[m], n);
                on_path[m] = usize::MAX;
            }
            path.truncate(from);
        } else if party[current] == UNKNOWN {
            // `current` is not a person in a chain: it is its own party.
            party[current] = current;
            tail[current] = (usize::MAX, 0, 0);
            path.pop();
        }
        // Everyone left on the path leads to `current`, one step further each.
        let beyond = tail[current];
        for (steps, &p) in path.iter().rev().enumerate() {
            tail[p] = if beyond.0 == usize::MAX {
                beyond
            } else {
                (beyond.0 + steps + 1, beyond.1, beyond.2)
            };
            party[p] = if beyond.0 == usize::MAX {
                party[current]
            } else {
                settle(&loops, tail[p], n)
            };
        }
        for p in path.drain(..) {
            on_path[p] = usize::MAX;
        }
    }
    party.into_iter().map(|p| ActorIdx(p as u32)).collect()
}

/// Where a walk of `n` steps ends for an actor `distance` steps before the
/// given place in a loop.
fn settle(
    loops: &[Vec<usize>],
    (distance, which, place): (usize, usize, usize),
    n: usize,
) -> usize {
    let members = &loops[which];
    members[(place + n - distance) % members.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{party_among, Category, Polarity};
    use crate::work::count;

    fn actor(kind: ActorKind, member_of: &[usize]) -> Actor {
        Actor {
            id: String::new(),
            name: String::new(),
            kind,
            aliases: Vec::new(),
            member_of: member_of.iter().map(|&m| ActorIdx(m as u32)).collect(),
            role: None,
            observer: false,
            notes: None,
            sources: Vec::new(),
        }
    }

    fn issue(parent: Option<usize>) -> Issue {
        Issue {
            id: String::new(),
            title: String::new(),
            category: Category::Other,
            description: None,
            parent: parent.map(|p| IssueIdx(p as u32)),
            polarity: Polarity::Same,
            sources: Vec::new(),
        }
    }

    /// A small deterministic pseudo-random sequence (no dependency for a test).
    fn lcg(seed: &mut u64, below: usize) -> usize {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 33) as usize) % below
    }

    /// The walks the linear passes replaced, kept here as the reference.
    fn on_cycle_by_walking(start: usize, parents: &[Option<usize>]) -> bool {
        let mut current = parents[start];
        for _ in 0..parents.len() {
            match current {
                Some(c) if c == start => return true,
                Some(c) => current = parents[c],
                None => return false,
            }
        }
        false
    }

    fn reaches(from: usize, target: usize, edges: &[Vec<usize>]) -> bool {
        let mut seen = vec![false; edges.len()];
        let mut stack: Vec<usize> = edges[from].clone();
        while let Some(n) = stack.pop() {
            if n == target {
                return true;
            }
            if !std::mem::replace(&mut seen[n], true) {
                stack.extend(&edges[n]);
            }
        }
        false
    }

    #[test]
    fn linear_passes_agree_with_walking_from_every_node() {
        let mut seed = 7;
        for round in 0..300 {
            let n = 1 + round % 12;
            let parents: Vec<Option<usize>> = (0..n)
                .map(|_| (lcg(&mut seed, 3) > 0).then(|| lcg(&mut seed, n)))
                .collect();
            for (i, &looped) in on_cycles(&parents).iter().enumerate() {
                assert_eq!(
                    looped,
                    on_cycle_by_walking(i, &parents),
                    "{parents:?} at {i}"
                );
            }
            let edges: Vec<Vec<usize>> = (0..n)
                .map(|_| (0..lcg(&mut seed, 3)).map(|_| lcg(&mut seed, n)).collect())
                .collect();
            let looped = on_member_cycles(&edges);
            for i in 0..n {
                if !edges[i].contains(&i) {
                    assert_eq!(looped[i], reaches(i, i, &edges), "{edges:?} at {i}");
                }
            }
            let actors: Vec<Actor> = edges
                .iter()
                .map(|e| {
                    let kind = if lcg(&mut seed, 4) > 0 {
                        ActorKind::Person
                    } else {
                        ActorKind::State
                    };
                    actor(kind, e)
                })
                .collect();
            for (i, &fast) in parties(&actors).iter().enumerate() {
                assert_eq!(
                    fast,
                    party_among(&actors, ActorIdx(i as u32)),
                    "{edges:?} at {i}"
                );
            }
            let issues: Vec<Issue> = parents.iter().map(|&p| issue(p)).collect();
            let tree = IssueTree::new(&issues);
            for a in 0..n {
                for b in 0..n {
                    let (x, y) = (IssueIdx(a as u32), IssueIdx(b as u32));
                    let chain = |from: usize, to: usize| {
                        let mut at = Some(from);
                        (0..=n).any(|_| {
                            let hit = at == Some(to);
                            at = at.and_then(|c| parents[c]);
                            hit
                        })
                    };
                    let looped = on_cycles(&parents);
                    let in_loop = |i: usize| {
                        let mut at = Some(i);
                        (0..=n).any(|_| {
                            let hit = at.is_some_and(|c| looped[c]);
                            at = at.and_then(|c| parents[c]);
                            hit
                        })
                    };
                    let expected = chain(a, b) || chain(b, a) || in_loop(a) || in_loop(b);
                    assert_eq!(tree.related(x, y), expected, "{parents:?} {a} {b}");
                }
            }
        }
    }

    /// Steps for a chain of `n` (each the parent or party of the next), a loop
    /// of `n`, and a chain of `n` people, through all four passes.
    fn steps(n: usize) -> u64 {
        let chain: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let ring: Vec<Option<usize>> = (0..n).map(|i| Some((i + 1) % n)).collect();
        let people: Vec<Actor> = (0..n)
            .map(|i| match i.checked_sub(1) {
                Some(p) => actor(ActorKind::Person, &[p]),
                None => actor(ActorKind::State, &[]),
            })
            .chain((0..n).map(|i| actor(ActorKind::Person, &[n + (i + 1) % n])))
            .collect();
        let edges: Vec<Vec<usize>> = people
            .iter()
            .map(|a| a.member_of.iter().map(|m| m.index()).collect())
            .collect();
        let issues: Vec<Issue> = chain.iter().map(|&p| issue(p)).collect();
        let ((), steps) = count(|| {
            assert!(on_cycles(&chain).iter().all(|&l| !l));
            assert!(on_cycles(&ring).iter().all(|&l| l));
            assert_eq!(on_member_cycles(&edges).iter().filter(|&&l| l).count(), n);
            let party = parties(&people);
            assert_eq!(party[n - 1], ActorIdx(0));
            let tree = IssueTree::new(&issues);
            assert!(tree.related(IssueIdx(0), IssueIdx(n as u32 - 1)));
        });
        steps
    }

    #[test]
    fn chains_and_loops_ten_times_longer_take_at_most_ten_times_the_steps() {
        let (small, large) = (steps(5_000), steps(50_000));
        assert!(small >= 5_000, "steps are counted: {small}");
        assert!(
            large <= 10 * small + 100,
            "{small} steps for 5,000, {large} for 50,000"
        );
    }
}
