//! `overlaps`: where parties agree, with the claims that show it.
//!
//! Three kinds, each found within one issue: positions pointing the same way,
//! demands by different parties asking for the same outcome, and a concession
//! that answers another party's demand (named in `answers`, or on the demand's
//! issue, in its direction, and given to the one who asked).

use super::{ActorRef, Claim, Ranks, View};
use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverlapKind {
    SameStance,
    CompatibleDemands,
    ConcessionAnswersDemand,
}

impl OverlapKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OverlapKind::SameStance => "same-stance",
            OverlapKind::CompatibleDemands => "compatible-demands",
            OverlapKind::ConcessionAnswersDemand => "concession-answers-demand",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Overlap {
    pub kind: OverlapKind,
    pub issue: String,
    pub a: ActorRef,
    pub b: ActorRef,
    /// The direction both sides take on the issue.
    pub direction: Option<Direction>,
    pub reason: String,
    pub claim_a: Claim,
    pub claim_b: Claim,
}

/// The answer to `overlaps`.
#[derive(Clone, Debug, Serialize)]
pub struct Overlaps {
    pub overlaps: Vec<Overlap>,
}

/// One side of an overlap: the claim, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Item {
    Position(PositionIdx),
    Demand(DemandIdx),
    Concession(ConcessionIdx),
}

impl Item {
    pub(crate) fn claim(self, view: &View) -> Claim {
        match self {
            Item::Position(p) => Claim::position(view, p),
            Item::Demand(d) => Claim::demand(view, d),
            Item::Concession(c) => Claim::concession(view, c),
        }
    }
}

/// An overlap before its claims are written out: indices only.
/// [`RawOverlap::row`] writes one out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawOverlap {
    pub kind: OverlapKind,
    pub issue: IssueIdx,
    pub direction: Option<Direction>,
    pub reason: &'static str,
    pub a: Item,
    pub b: Item,
    pub parties: (ActorIdx, ActorIdx),
}

impl RawOverlap {
    pub(crate) fn row(&self, view: &View) -> Overlap {
        let r = view.record;
        Overlap {
            kind: self.kind,
            issue: r.issue(self.issue).id.clone(),
            a: ActorRef::new(r, self.parties.0),
            b: ActorRef::new(r, self.parties.1),
            direction: self.direction,
            reason: self.reason.to_string(),
            claim_a: self.a.claim(view),
            claim_b: self.b.claim(view),
        }
    }
}

/// Every overlap in view, unsorted, as indices.
pub(crate) fn raw(view: &View) -> Vec<RawOverlap> {
    let r = view.record;
    let mut rows = vec![];
    let mut push = |kind,
                    issue: IssueIdx,
                    direction,
                    reason: &'static str,
                    a: (ActorIdx, Item),
                    b: (ActorIdx, Item)| {
        let (mut a, mut b) = (a, b);
        if a.0 == b.0 || !view.keeps(&[a.0, b.0]) {
            return;
        }
        // Same-direction kinds are symmetric: the alphabetically first actor goes first.
        if kind != OverlapKind::ConcessionAnswersDemand && r.actor(b.0).id < r.actor(a.0).id {
            std::mem::swap(&mut a, &mut b);
        }
        rows.push(RawOverlap {
            kind,
            issue,
            direction,
            reason,
            a: a.1,
            b: b.1,
            parties: (a.0, b.0),
        });
    };

    for (&issue, positions) in &view.positions_by_issue() {
        let mut by_dir: BTreeMap<Direction, Vec<PositionIdx>> = BTreeMap::new();
        for &p in positions {
            if let Some(d) = r.position(p).stance.direction() {
                by_dir.entry(d).or_default().push(p);
            }
        }
        for (&dir, list) in &by_dir {
            for (i, &p) in list.iter().enumerate() {
                for &q in &list[i + 1..] {
                    push(
                        OverlapKind::SameStance,
                        issue,
                        Some(dir),
                        "same direction on the issue",
                        (view.party(r.position(p).actor), Item::Position(p)),
                        (view.party(r.position(q).actor), Item::Position(q)),
                    );
                }
            }
        }
    }

    let demands = view.live_demands_by_issue();
    for (&issue, list) in &demands {
        for (i, &d) in list.iter().enumerate() {
            for &e in &list[i + 1..] {
                let (dd, de) = (r.demand(d), r.demand(e));
                if dd.stance == de.stance {
                    push(
                        OverlapKind::CompatibleDemands,
                        issue,
                        Some(dd.stance),
                        "both ask for the same outcome",
                        (view.party(dd.by), Item::Demand(d)),
                        (view.party(de.by), Item::Demand(e)),
                    );
                }
            }
        }
    }

    let live: HashSet<DemandIdx> = demands.values().flatten().copied().collect();
    for &c in &view.concessions {
        if !view.concession_stands(c) {
            continue;
        }
        let con = r.concession(c);
        let given_to: HashSet<ActorIdx> = con.to.iter().map(|&a| view.party(a)).collect();
        let mut answered: Vec<(DemandIdx, &str)> = con
            .answers
            .iter()
            .filter(|d| live.contains(d))
            .map(|&d| (d, "named in answers"))
            .collect();
        if let (Some(dir), Some(list)) = (con.stance, demands.get(&con.issue)) {
            for &d in list {
                let demand = r.demand(d);
                if demand.stance == dir
                    && given_to.contains(&view.party(demand.by))
                    && !answered.iter().any(|(x, _)| *x == d)
                {
                    answered.push((d, "same issue and direction, given to the demander"));
                }
            }
        }
        answered.sort();
        for (d, reason) in answered {
            let demand = r.demand(d);
            push(
                OverlapKind::ConcessionAnswersDemand,
                demand.issue,
                con.stance,
                reason,
                (view.party(con.by), Item::Concession(c)),
                (view.party(demand.by), Item::Demand(d)),
            );
        }
    }

    rows
}

/// Every overlap in view as indices, in the order rows are written: issue,
/// actor a, actor b, kind, then the two claims' texts, compared as ranks.
pub(crate) fn sorted(view: &View) -> Vec<RawOverlap> {
    let ranks = Ranks::new(view.record);
    let text = |i: Item| match i {
        Item::Position(p) => ranks.position_text(p),
        Item::Demand(d) => ranks.demand_text(d),
        Item::Concession(c) => ranks.concession_text(c),
    };
    let mut rows = raw(view);
    // Stable: equal keys keep the order the rows were found in.
    rows.sort_by_cached_key(|o| {
        (
            ranks.issue(o.issue),
            ranks.actor(o.parties.0),
            ranks.actor(o.parties.1),
            o.kind,
            text(o.a),
            text(o.b),
        )
    });
    rows
}

pub fn find(view: &View) -> Overlaps {
    Overlaps {
        overlaps: sorted(view).iter().map(|o| o.row(view)).collect(),
    }
}

/// The answer to `overlaps`, written out one row at a time: serialises to the
/// same bytes as [`Overlaps`] without holding every row's strings at once.
pub struct OverlapRows<'v, 'r> {
    view: &'v View<'r>,
    rows: Vec<RawOverlap>,
}

impl<'v, 'r> OverlapRows<'v, 'r> {
    pub fn find(view: &'v View<'r>) -> Self {
        OverlapRows {
            view,
            rows: sorted(view),
        }
    }
}

impl Serialize for OverlapRows<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Rows<'a, 'v, 'r>(&'a OverlapRows<'v, 'r>);
        impl Serialize for Rows<'_, '_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let view = self.0.view;
                serializer.collect_seq(self.0.rows.iter().map(|o| o.row(view)))
            }
        }
        let mut s = serializer.serialize_struct("Overlaps", 1)?;
        s.serialize_field("overlaps", &Rows(self))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::tests::*;
    use crate::query::Filter;

    #[test]
    fn same_direction_overlaps_and_ambiguous_does_not() {
        let r = record(
            vec![
                position(0, 0, Stance::Oppose, "2025-01"),
                position(1, 0, Stance::Ambiguous, "2025-01"),
                position(2, 0, Stance::Oppose, "2025-01"),
            ],
            vec![],
        );
        let rows = find(&View::new(&r, Filter::default())).overlaps;
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].a.id.as_str(), rows[0].b.id.as_str()),
            ("russia", "us")
        );
    }

    #[test]
    fn a_person_does_not_overlap_with_their_own_party() {
        let r = record(
            vec![
                position(0, 0, Stance::Oppose, "2025-01"),
                position(3, 0, Stance::Oppose, "2025-01-02"),
            ],
            vec![],
        );
        assert!(find(&View::new(&r, Filter::default())).overlaps.is_empty());
    }
}
