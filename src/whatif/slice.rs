//! Trying a move without rebuilding the whole state: `whatif --suggest` tries
//! hundreds of moves, and on a large record rebuilding the negotiation state
//! for each try would cost seconds apiece.
//!
//! A move on an issue can only change stances on that issue's family: the
//! top-level issue and its sub-issues (a sub-issue's stance folds into its
//! parent, and a bloc's stance reaches its members on the same issue). So the
//! claims on one family are cut out once ([`Slice`]), loaded into a small
//! working record that shares the record's actors and issues (indices stay
//! the same), and each try plays its moves there and builds the state of that
//! family alone, with the same builder and the same rules as every command.
//! What changed is then read party by party: only the parties whose camp moved
//! can start or stop a conflict, plus the conflicts a demand names.
//!
//! A demand naming (`conflicts_with`) a claim on another family keeps only the
//! names that stay inside the family: across families the try cannot see it.

use super::apply;
use super::scenario::PlannedMove;
use crate::model::*;
use crate::state::relation::named_conflicts;
use crate::state::{ClaimId, Filter, NegotiationState};
use std::collections::{BTreeSet, HashMap};

/// A conflict between two parties on one issue, the parties in id order.
pub type Pair = (IssueIdx, ActorIdx, ActorIdx);

/// The claims on one issue family, renumbered for a working record.
pub struct Slice {
    /// The family: the top-level issue first, then its sub-issues in the scope.
    pub issues: Vec<IssueIdx>,
    positions: Vec<Position>,
    demands: Vec<Demand>,
    concessions: Vec<Concession>,
}

/// The family of `issue` within the issues in scope.
pub fn family(record: &Record, scope: &[IssueIdx], issue: IssueIdx) -> Vec<IssueIdx> {
    let root = record.issue(issue).parent.unwrap_or(issue);
    let mut out = vec![root];
    out.extend(
        scope
            .iter()
            .copied()
            .filter(|&i| record.issue(i).parent == Some(root)),
    );
    out.retain(|i| scope.binary_search(i).is_ok());
    out.sort();
    out
}

impl Slice {
    /// Cuts the claims on `issues` (sorted) out of the record. References into
    /// the cut (answers, `conflicts_with`) are renumbered; events are left out,
    /// since no stance depends on them.
    pub fn cut(record: &Record, issues: Vec<IssueIdx>) -> Slice {
        let inside = |i: IssueIdx| issues.binary_search(&i).is_ok();
        let mut position_at = HashMap::new();
        let mut positions = vec![];
        for (i, p) in record.positions.iter().enumerate() {
            if inside(p.issue) {
                position_at.insert(i as u32, positions.len() as u32);
                positions.push(Position {
                    event: None,
                    ..p.clone()
                });
            }
        }
        let mut demand_at = HashMap::new();
        let mut demands = vec![];
        for (i, d) in record.demands.iter().enumerate() {
            if inside(d.issue) {
                demand_at.insert(i as u32, demands.len() as u32);
                demands.push(Demand {
                    event: None,
                    ..d.clone()
                });
            }
        }
        for d in &mut demands {
            d.conflicts_with = d
                .conflicts_with
                .iter()
                .filter_map(|c| match *c {
                    ClaimRef::Position(p) => position_at
                        .get(&p.0)
                        .map(|&n| ClaimRef::Position(PositionIdx(n))),
                    ClaimRef::Demand(x) => {
                        demand_at.get(&x.0).map(|&n| ClaimRef::Demand(DemandIdx(n)))
                    }
                })
                .collect();
        }
        let renumber = |list: &[DemandIdx]| -> Vec<DemandIdx> {
            list.iter()
                .filter_map(|d| demand_at.get(&d.0).map(|&n| DemandIdx(n)))
                .collect()
        };
        let concessions = record
            .concessions
            .iter()
            .filter(|c| inside(c.issue))
            .map(|c| Concession {
                event: None,
                answers: renumber(&c.answers),
                answers_too_early: renumber(&c.answers_too_early),
                ..c.clone()
            })
            .collect();
        Slice {
            issues,
            positions,
            demands,
            concessions,
        }
    }

    /// Puts the slice's claims into a working record (its actors and issues are
    /// the record's), then plays `moves` on it.
    pub fn load(&self, work: &mut Record, moves: &[&PlannedMove], date: Date) {
        work.positions.clone_from(&self.positions);
        work.demands.clone_from(&self.demands);
        work.concessions.clone_from(&self.concessions);
        let mut places = apply::Places::of(work);
        for (n, m) in moves.iter().enumerate() {
            apply::apply(work, &mut places, m, date, n + 1);
        }
    }

    /// The filter for this family's state: the caller's, kept to the family.
    pub fn filter(&self, filter: &Filter) -> Filter {
        Filter {
            issues: Some(self.issues.clone()),
            actor: None,
            ..filter.clone()
        }
    }
}

/// A working record holding the record's actors and issues and no claims.
pub fn workbench(record: &Record) -> Record {
    Record::new(
        record.actors.clone(),
        record.issues.clone(),
        vec![],
        vec![],
        vec![],
        vec![],
    )
}

/// The conflicts a try resolves and creates, on the family's issues.
pub struct Change {
    pub resolved: Vec<Pair>,
    pub created: Vec<Pair>,
}

/// The conflicts a demand names, as party pairs on the demand's issue.
fn named(s: &NegotiationState) -> BTreeSet<Pair> {
    let r = s.record;
    named_conflicts(s)
        .into_iter()
        .map(|(d, other)| {
            let (a, b) = (s.party(r.demand(d).by), s.party(other.author(r)));
            pair(s, r.demand(d).issue, a, b)
        })
        .collect()
}

fn pair(s: &NegotiationState, issue: IssueIdx, a: ActorIdx, b: ActorIdx) -> Pair {
    if s.actor_rank(a) <= s.actor_rank(b) {
        (issue, a, b)
    } else {
        (issue, b, a)
    }
}

/// Whether two parties are in conflict on an issue in a state: opposite
/// stances, or a live demand of one naming a claim of the other.
fn in_conflict(s: &NegotiationState, named: &BTreeSet<Pair>, p: Pair) -> bool {
    let dir = |a: ActorIdx| s.stance(a, p.0).and_then(|st| st.camp.direction());
    matches!((dir(p.1), dir(p.2)), (Some(x), Some(y)) if x != y) || named.contains(&p)
}

/// The conflicts between `before` and `after` (two states of one family): only
/// pairs with a party whose camp moved, or a named conflict, can differ.
pub fn change(before: &NegotiationState, after: &NegotiationState, issues: &[IssueIdx]) -> Change {
    let (nb, na) = (named(before), named(after));
    let mut pairs: BTreeSet<Pair> = nb.union(&na).copied().collect();
    for &issue in issues {
        let dirs = |s: &NegotiationState| -> HashMap<ActorIdx, Option<Direction>> {
            s.stances_on(issue)
                .iter()
                .map(|st| (st.party, st.camp.direction()))
                .collect()
        };
        let (db, da) = (dirs(before), dirs(after));
        let everyone: BTreeSet<ActorIdx> = db.keys().chain(da.keys()).copied().collect();
        let moved: Vec<ActorIdx> = everyone
            .iter()
            .copied()
            .filter(|a| db.get(a).copied().flatten() != da.get(a).copied().flatten())
            .collect();
        for &m in &moved {
            for &q in &everyone {
                if q != m {
                    pairs.insert(pair(before, issue, m, q));
                }
            }
        }
    }
    let (mut resolved, mut created) = (vec![], vec![]);
    for p in pairs {
        match (in_conflict(before, &nb, p), in_conflict(after, &na, p)) {
            (true, false) => resolved.push(p),
            (false, true) => created.push(p),
            _ => {}
        }
    }
    Change { resolved, created }
}

/// The demands a try's concessions answer that no concession answered before.
pub fn newly_answered(before: &NegotiationState, after: &NegotiationState) -> Vec<DemandIdx> {
    let answered = |s: &NegotiationState| -> BTreeSet<DemandIdx> {
        s.concessions
            .iter()
            .flat_map(|&c| s.answered_by(c))
            .map(|(d, _)| d)
            .collect()
    };
    let was = answered(before);
    answered(after).difference(&was).copied().collect()
}

/// The claims behind a party's stance on an issue, in a state.
pub fn claims_behind(s: &NegotiationState, party: ActorIdx, issue: IssueIdx) -> Vec<ClaimId> {
    s.stance(party, issue)
        .map(|st| st.claims.clone())
        .unwrap_or_default()
}
