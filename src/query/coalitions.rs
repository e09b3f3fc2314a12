//! `coalitions`: groups of parties who agree across issues and never conflict
//! among themselves.
//!
//! From the overlaps and conflicts we build a signed graph between parties: a pair
//! is a friendly link when it agrees at least once and conflicts never. A
//! coalition is a maximal clique of friendly links (Bron–Kerbosch, members in id
//! order, so the answer is deterministic). Parties are few next to claims, so the
//! clique search is cheap; the per-issue work happens in overlaps and conflicts.

use super::profile::{self, IssueStances};
use super::{conflicts, overlaps, ActorRef, View};
use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub a: ActorRef,
    pub b: ActorRef,
    pub agreements: usize,
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
}

#[derive(Default)]
struct PairStats {
    agreements: usize,
    conflicts: usize,
    issues: BTreeSet<String>,
}

/// Parties are keyed by id so every iteration below runs in id order.
type Key = String;

pub fn find(view: &View, camps_for: Option<IssueIdx>) -> Coalitions {
    let r = view.record;
    let mut pairs: BTreeMap<(Key, Key), PairStats> = BTreeMap::new();
    let mut idx: BTreeMap<Key, ActorIdx> = BTreeMap::new();
    let mut key = |a: ActorIdx, b: ActorIdx| {
        let (ka, kb) = (r.actor(a).id.clone(), r.actor(b).id.clone());
        idx.insert(ka.clone(), a);
        idx.insert(kb.clone(), b);
        if ka <= kb {
            (ka, kb)
        } else {
            (kb, ka)
        }
    };
    // The actor filter applies to coalitions, not to the links that form them.
    let unfiltered = View::new(
        r,
        super::Filter {
            actor: None,
            ..view.filter.clone()
        },
    );
    for o in overlaps::find(&unfiltered).overlaps {
        let s = pairs.entry(key(o.parties.0, o.parties.1)).or_default();
        s.agreements += 1;
        s.issues.insert(o.issue);
    }
    for c in conflicts::find(&unfiltered).conflicts {
        pairs
            .entry(key(c.parties.0, c.parties.1))
            .or_default()
            .conflicts += 1;
    }

    let mut friends: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for ((a, b), s) in &pairs {
        if s.agreements > 0 && s.conflicts == 0 {
            friends.entry(a).or_default().insert(b);
            friends.entry(b).or_default().insert(a);
        }
    }
    let mut cliques = vec![];
    let all: BTreeSet<&str> = friends.keys().copied().collect();
    bron_kerbosch(
        &friends,
        BTreeSet::new(),
        all,
        BTreeSet::new(),
        &mut cliques,
    );

    let link = |a: &str, b: &str| {
        let k = if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        let s = &pairs[&k];
        Link {
            a: ActorRef::new(r, idx[&k.0]),
            b: ActorRef::new(r, idx[&k.1]),
            agreements: s.agreements,
            conflicts: s.conflicts,
        }
    };
    let mut coalitions: Vec<Coalition> = cliques
        .into_iter()
        .filter(|c: &Vec<&str>| c.len() >= 2)
        .filter(|c| view.keeps(&c.iter().map(|k| idx[*k]).collect::<Vec<_>>()))
        .map(|members| {
            let mut issues = BTreeSet::new();
            let mut weakest: Option<Link> = None;
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    let l = link(a, b);
                    let k = (l.a.id.clone(), l.b.id.clone());
                    issues.extend(pairs[&k].issues.iter().cloned());
                    if weakest.as_ref().is_none_or(|w| l.agreements < w.agreements) {
                        weakest = Some(l);
                    }
                }
            }
            Coalition {
                members: members.iter().map(|k| ActorRef::new(r, idx[*k])).collect(),
                issues: issues.into_iter().collect(),
                weakest_link: weakest.expect("a coalition has at least one pair"),
            }
        })
        .collect();
    coalitions.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then_with(|| x.members.cmp(&y.members))
    });
    let links = pairs
        .keys()
        .filter(|(a, b)| view.keeps(&[idx[a], idx[b]]))
        .map(|(a, b)| link(a, b))
        .collect();
    let camps = match camps_for {
        Some(root) => profile::issue(view, root).issues,
        None => vec![],
    };
    Coalitions {
        coalitions,
        links,
        camps,
    }
}

/// Maximal cliques, each sorted; sets are ordered so the output is deterministic.
fn bron_kerbosch<'a>(
    graph: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    r: BTreeSet<&'a str>,
    mut p: BTreeSet<&'a str>,
    mut x: BTreeSet<&'a str>,
    out: &mut Vec<Vec<&'a str>>,
) {
    if p.is_empty() && x.is_empty() {
        out.push(r.into_iter().collect());
        return;
    }
    for v in p.clone() {
        let n = &graph[v];
        let mut r2 = r.clone();
        r2.insert(v);
        let p2 = p.intersection(n).copied().collect();
        let x2 = x.intersection(n).copied().collect();
        bron_kerbosch(graph, r2, p2, x2, out);
        p.remove(v);
        x.insert(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::tests::*;
    use crate::query::Filter;

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
        let c = find(&View::new(&r, Filter::default()), None);
        assert_eq!(c.coalitions.len(), 1);
        let ids: Vec<_> = c.coalitions[0]
            .members
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, vec!["russia", "us"]);
    }
}
