//! `diff`: what changed in the record between two dates.
//!
//! The record keeps one status per demand and concession, so for those the diff
//! can only say what appeared in the window (with its status now). Positions carry
//! their history (a later position supersedes an earlier one), so for them the
//! diff also says which stances changed, old → new.

use super::{Claim, Filter, View};
use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Appeared,
    Changed,
    Ended,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Appeared => "appeared",
            ChangeKind::Changed => "changed",
            ChangeKind::Ended => "ended",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub actor: String,
    pub issue: String,
    /// `old → new` in words (`support/firm → oppose/red-line`).
    pub summary: String,
    pub old: Option<Claim>,
    pub new: Option<Claim>,
}

/// The answer to `diff`.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub from: Date,
    pub to: Date,
    pub positions: Vec<Change>,
    pub demands: Vec<Change>,
    pub concessions: Vec<Change>,
}

fn label(claim: &Claim) -> String {
    let mut s = claim.stance.clone().unwrap_or_else(|| "-".into());
    for extra in [&claim.weight, &claim.status].into_iter().flatten() {
        s.push('/');
        s.push_str(extra);
    }
    s
}

pub fn find(record: &Record, filter: Filter, from: Date, to: Date) -> Diff {
    let before = View::new(
        record,
        Filter {
            as_of: Some(from),
            ..filter.clone()
        },
    );
    let after = View::new(
        record,
        Filter {
            as_of: Some(to),
            ..filter
        },
    );
    // Keyed by ids so the rows come out sorted by actor, then issue.
    type Slot = (ActorIdx, Option<PositionIdx>, Option<PositionIdx>);
    let mut slots: BTreeMap<(String, String), Slot> = BTreeMap::new();
    let key = |v: &View, p: PositionIdx| {
        let pos = record.position(p);
        let party = v.party(pos.actor);
        let ids = (
            record.actor(party).id.clone(),
            record.issue(pos.issue).id.clone(),
        );
        (ids, party)
    };
    for &p in &before.positions {
        let (ids, party) = key(&before, p);
        slots.entry(ids).or_insert((party, None, None)).1 = Some(p);
    }
    for &p in &after.positions {
        let (ids, party) = key(&after, p);
        slots.entry(ids).or_insert((party, None, None)).2 = Some(p);
    }
    let mut positions = vec![];
    for ((actor, issue), (party, old, new)) in slots {
        if !after.keeps(&[party]) {
            continue;
        }
        let change = match (old, new) {
            (None, Some(_)) => ChangeKind::Appeared,
            (Some(_), None) => ChangeKind::Ended,
            (Some(o), Some(n)) => {
                let (po, pn) = (record.position(o), record.position(n));
                if o == n || (po.stance == pn.stance && po.strength == pn.strength) {
                    continue;
                }
                ChangeKind::Changed
            }
            (None, None) => continue,
        };
        let old = old.map(|p| Claim::position(&before, p));
        let new = new.map(|p| Claim::position(&after, p));
        let summary = format!(
            "{} → {}",
            old.as_ref().map(label).unwrap_or_else(|| "-".into()),
            new.as_ref().map(label).unwrap_or_else(|| "-".into())
        );
        positions.push(Change {
            change,
            actor,
            issue,
            summary,
            old,
            new,
        });
    }

    let had: HashSet<DemandIdx> = before.demands.iter().copied().collect();
    let demands = after
        .demands
        .iter()
        .filter(|d| !had.contains(d))
        .filter(|&&d| after.keeps(&[after.party(record.demand(d).by)]))
        .map(|&d| {
            let claim = Claim::demand(&after, d);
            Change {
                change: ChangeKind::Appeared,
                actor: claim.actor.clone(),
                issue: claim.issue.clone(),
                summary: format!("- → {}", label(&claim)),
                old: None,
                new: Some(claim),
            }
        })
        .collect();
    let had: HashSet<ConcessionIdx> = before.concessions.iter().copied().collect();
    let concessions = after
        .concessions
        .iter()
        .filter(|c| !had.contains(c))
        .filter(|&&c| after.keeps(&[after.party(record.concession(c).by)]))
        .map(|&c| {
            let claim = Claim::concession(&after, c);
            Change {
                change: ChangeKind::Appeared,
                actor: claim.actor.clone(),
                issue: claim.issue.clone(),
                summary: format!("- → {}", label(&claim)),
                old: None,
                new: Some(claim),
            }
        })
        .collect();
    Diff {
        from,
        to,
        positions,
        demands,
        concessions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::tests::*;

    #[test]
    fn a_later_position_is_a_change() {
        let r = record(
            vec![
                position(1, 0, Stance::Support, "2025-01"),
                position(1, 0, Stance::Oppose, "2025-03-01"),
            ],
            vec![],
        );
        let d = find(
            &r,
            Filter::default(),
            date("2025-02-01"),
            date("2025-04-01"),
        );
        assert_eq!(d.positions.len(), 1);
        assert_eq!(d.positions[0].change, ChangeKind::Changed);
        assert_eq!(d.positions[0].summary, "support/firm → oppose/firm");
    }
}
