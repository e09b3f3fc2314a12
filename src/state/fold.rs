//! Sub-issues folded into their parent by polarity.
//!
//! A sub-issue is a narrower proposition under its parent's topic; supporting it
//! says something about the parent, in the parent's direction when its polarity
//! is `same` and against it when `opposite` ("Crimea stays under Russian
//! control" under "Ukraine regains the territory Russia occupies"). A party
//! that spoke on the parent keeps its own stance there; one that spoke only on
//! sub-issues gets their stances, turned round where the polarity says so, as
//! its stance on the parent (sub-issues pointing opposite ways make `mixed`).
//! Deepest issues fold first, so a grandchild reaches its grandparent.

use super::parties::polarity;
use super::stances::hardest;
use super::*;
use crate::model::Polarity;

pub(super) fn fold_sub_issues(
    record: &Record,
    issues: &[IssueIdx],
    per_issue: &mut [Vec<PartyStance>],
) {
    let in_scope: std::collections::HashSet<IssueIdx> = issues.iter().copied().collect();
    // Children in scope, per parent; and each issue's depth, to fold deepest first.
    let mut children: HashMap<IssueIdx, Vec<IssueIdx>> = HashMap::new();
    for &i in issues {
        if let Some(p) = record.issue(i).parent.filter(|p| in_scope.contains(p)) {
            children.entry(p).or_default().push(i);
        }
    }
    if children.is_empty() {
        return;
    }
    let depth = |mut i: IssueIdx| {
        let mut d = 0;
        while let Some(p) = record.issue(i).parent {
            d += 1;
            i = p;
            if d > record.issues.len() {
                break;
            }
        }
        d
    };
    let mut parents: Vec<IssueIdx> = children.keys().copied().collect();
    parents.sort_by_key(|&p| (std::cmp::Reverse(depth(p)), p));
    for parent in parents {
        let mut kids = children[&parent].clone();
        kids.sort();
        let own: std::collections::HashSet<ActorIdx> =
            per_issue[parent.index()].iter().map(|s| s.party).collect();
        let mut folded: std::collections::BTreeMap<ActorIdx, PartyStance> = Default::default();
        for &kid in &kids {
            let flip = polarity(record, kid) == Polarity::Opposite;
            for s in &per_issue[kid.index()] {
                if own.contains(&s.party) {
                    continue;
                }
                let camp = if flip { s.camp.flip() } else { s.camp };
                let entry = folded.entry(s.party).or_insert_with(|| PartyStance {
                    party: s.party,
                    issue: parent,
                    camp,
                    claims: vec![],
                    basis: Basis::SubIssues {
                        from: vec![],
                        flipped: vec![],
                    },
                    hardness: Hardness::Soft,
                });
                entry.camp = entry.camp.merge(camp);
                entry.claims.extend_from_slice(&s.claims);
                if let Basis::SubIssues { from, flipped } = &mut entry.basis {
                    from.push(kid);
                    if flip {
                        flipped.push(kid);
                    }
                }
            }
        }
        for (_, mut s) in folded {
            s.claims.sort();
            s.claims.dedup();
            s.hardness = hardest(record, &s.claims);
            per_issue[parent.index()].push(s);
        }
    }
}
