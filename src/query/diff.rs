//! `diff`: what changed between two dates, as two negotiation states.
//!
//! The window runs from the first day of `--from` to the last day of `--to`.
//! The baseline is the state built from what is dated wholly before the window;
//! the end is the state at `--to`, built with the same rules as every query.
//! Positions compare by each party's current position on each issue (old →
//! new), demands and concessions by their status in each (appeared, or a status
//! change inside the window). A claim or change dated by a month or year that
//! overlaps the window without lying inside it is kept and marked `imprecise`:
//! it may have happened just outside.

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
    /// The date that puts the change in the window (a month, a year) overlaps
    /// it without lying inside it.
    pub imprecise: bool,
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

/// Whether a date lies inside the window from the first day of `from` to the
/// last day of `to`; one that only overlaps it is imprecise.
fn inside(date: Date, from: Date, to: Date) -> bool {
    from.start() <= date.start() && date.end() <= to.end()
}

/// Whether the changes of status that fall in the window (overlapping it) are
/// all dated inside it.
fn changes_inside<S>(history: &[StatusChange<S>], from: Date, to: Date) -> bool {
    history
        .iter()
        .filter(|c| c.date.overlaps(from, to))
        .all(|c| inside(c.date, from, to))
}

pub fn find(record: &Record, filter: Filter, from: Date, to: Date) -> Diff {
    let before = NegotiationState::build(
        record,
        &Filter {
            as_of: Some(from),
            strictly_before: true,
            ..filter.clone()
        },
    );
    let after = NegotiationState::build(
        record,
        &Filter {
            as_of: Some(to),
            strictly_before: false,
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
        let imprecise = new.is_some_and(|p| !inside(record.position(p).date, from, to));
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
            imprecise,
        });
    }

    // Demands and concessions: new in the window, or a status that changed in it.
    let change_of = |old: Option<Claim>, new: Claim, imprecise: bool| -> Option<Change> {
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
            imprecise,
        })
    };
    let demands = after
        .demands
        .iter()
        .filter(|&&d| after.keeps(&[after.party(record.demand(d).by)]))
        .filter_map(|&d| {
            let old = before.demand_status(d).map(|_| Claim::demand(&before, d));
            let demand = record.demand(d);
            let precise = match old {
                None => inside(demand.date, from, to),
                Some(_) => changes_inside(&demand.history, from, to),
            };
            change_of(old, Claim::demand(&after, d), !precise)
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
            let concession = record.concession(c);
            let precise = match old {
                None => inside(concession.date, from, to),
                Some(_) => changes_inside(&concession.history, from, to),
            };
            change_of(old, Claim::concession(&after, c), !precise)
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
        assert!(!d.positions[0].imprecise);
    }

    #[test]
    fn a_month_overlapping_the_window_is_kept_and_imprecise() {
        let mut dated = demand("d-month", 1, 0, 0, Direction::Oppose);
        dated.date = date("2025-02");
        let r = record(
            vec![position(1, 0, Stance::Support, "2025-02")],
            vec![dated],
        );
        let d = find(
            &r,
            Filter::default(),
            date("2025-02-10"),
            date("2025-02-20"),
        );
        assert_eq!(d.positions.len(), 1, "{d:?}");
        assert_eq!(d.positions[0].change, ChangeKind::Appeared);
        assert!(d.positions[0].imprecise);
        assert_eq!(d.demands.len(), 1);
        assert_eq!(d.demands[0].change, ChangeKind::Appeared);
        assert!(d.demands[0].imprecise);

        // A window holding the whole month: the same claims, precise.
        let d = find(&r, Filter::default(), date("2025-02"), date("2025-03"));
        assert_eq!(d.positions.len(), 1);
        assert!(!d.positions[0].imprecise);
        // A window after the month: nothing new.
        let d = find(
            &r,
            Filter::default(),
            date("2025-03-01"),
            date("2025-03-20"),
        );
        assert!(d.positions.is_empty() && d.demands.is_empty());
    }

    #[test]
    fn a_status_change_dated_by_its_month_is_in_the_window_and_imprecise() {
        let mut rejected = demand("d", 1, 0, 0, Direction::Oppose);
        rejected.date = date("2025-01-10");
        rejected.status = DemandStatus::Rejected;
        rejected.history = vec![StatusChange {
            date: date("2025-02"),
            status: DemandStatus::Rejected,
            sources: vec![],
        }];
        let r = record(vec![], vec![rejected]);
        let d = find(
            &r,
            Filter::default(),
            date("2025-02-10"),
            date("2025-02-20"),
        );
        assert_eq!(d.demands.len(), 1, "{d:?}");
        assert_eq!(d.demands[0].change, ChangeKind::Changed);
        assert_eq!(
            d.demands[0].summary,
            "oppose/core/open → oppose/core/rejected"
        );
        assert!(d.demands[0].imprecise);
    }
}
