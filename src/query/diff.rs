//! `diff`: what changed between two dates, as two negotiation states.
//!
//! The state at `--from` and the state at `--to` are built with the same rules
//! as every query; positions compare by each party's current position on each
//! issue (old → new), demands and concessions by their status at each date
//! (appeared, or a status change inside the window).

use super::{Claim, Filter};
use crate::model::*;
use crate::state::{Basis, ClaimId, NegotiationState};
use serde::Serialize;
use std::collections::BTreeMap;

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

/// A party's current position on an issue: the latest position behind its own stance.
fn current_positions(state: &NegotiationState) -> BTreeMap<(ActorIdx, IssueIdx), PositionIdx> {
    let mut out = BTreeMap::new();
    for s in state.stances() {
        if s.basis != Basis::Own {
            continue;
        }
        let latest = s
            .claims
            .iter()
            .filter_map(|c| match *c {
                ClaimId::Position(p) => Some(p),
                _ => None,
            })
            .max_by_key(|&p| (state.record.position(p).date, p));
        if let Some(p) = latest {
            out.insert((s.party, s.issue), p);
        }
    }
    out
}

pub fn find(record: &Record, filter: Filter, from: Date, to: Date) -> Diff {
    let before = NegotiationState::build(
        record,
        &Filter {
            as_of: Some(from),
            ..filter.clone()
        },
    );
    let after = NegotiationState::build(
        record,
        &Filter {
            as_of: Some(to),
            ..filter
        },
    );
    // Keyed by ids so the rows come out sorted by actor, then issue.
    type Slot = (ActorIdx, Option<PositionIdx>, Option<PositionIdx>);
    let mut slots: BTreeMap<(String, String), Slot> = BTreeMap::new();
    let ids = |(party, issue): (ActorIdx, IssueIdx)| {
        (
            record.actor(party).id.clone(),
            record.issue(issue).id.clone(),
        )
    };
    for (key, p) in current_positions(&before) {
        slots.entry(ids(key)).or_insert((key.0, None, None)).1 = Some(p);
    }
    for (key, p) in current_positions(&after) {
        slots.entry(ids(key)).or_insert((key.0, None, None)).2 = Some(p);
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

    // Demands and concessions: new in the window, or a status that changed in it.
    let change_of = |old: Option<Claim>, new: Claim| -> Option<Change> {
        let (kind, summary) = match &old {
            None => (ChangeKind::Appeared, format!("- → {}", label(&new))),
            Some(o) if o.status != new.status => (
                ChangeKind::Changed,
                format!("{} → {}", label(o), label(&new)),
            ),
            Some(_) => return None,
        };
        Some(Change {
            change: kind,
            actor: new.actor.clone(),
            issue: new.issue.clone(),
            summary,
            old,
            new: Some(new),
        })
    };
    let demands = after
        .demands
        .iter()
        .filter(|&&d| after.keeps(&[after.party(record.demand(d).by)]))
        .filter_map(|&d| {
            let old = before.demand_status(d).map(|_| Claim::demand(&before, d));
            change_of(old, Claim::demand(&after, d))
        })
        .collect();
    let concessions = after
        .concessions
        .iter()
        .filter(|&&c| after.keeps(&[after.party(record.concession(c).by)]))
        .filter_map(|&c| {
            let old = before
                .concession_status(c)
                .map(|_| Claim::concession(&before, c));
            change_of(old, Claim::concession(&after, c))
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
    use crate::state::tests::*;

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
