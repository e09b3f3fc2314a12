//! `conflicts`: where the record's claims cannot all hold at once.
//!
//! Three kinds, each found by grouping claims by issue first so the cost follows
//! the claims per issue: opposed positions, a demand its addressee's own position
//! opposes, and two demands that cannot both be met (opposite directions on one
//! issue, or named in `conflicts_with`). An ambiguous stance points nowhere and
//! never conflicts. A person folded into their party never conflicts with it.

use super::{ActorRef, Claim, Ranks, View};
use crate::model::*;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    OpposedPositions,
    DemandVsPosition,
    DemandVsDemand,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::OpposedPositions => "opposed-positions",
            ConflictKind::DemandVsPosition => "demand-vs-position",
            ConflictKind::DemandVsDemand => "demand-vs-demand",
        }
    }
}

/// Red line against red line first: the order rows are sorted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Both sides hold it as a red line.
    Critical,
    /// One side holds it as a red line.
    High,
    /// A firm position or a core demand is at stake.
    Medium,
    Low,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    fn of(a: Hardness, b: Hardness) -> Severity {
        match (a, b) {
            (Hardness::RedLine, Hardness::RedLine) => Severity::Critical,
            (Hardness::RedLine, _) | (_, Hardness::RedLine) => Severity::High,
            (Hardness::Firm, _) | (_, Hardness::Firm) => Severity::Medium,
            _ => Severity::Low,
        }
    }
}

/// How hard one side holds its claim, on one scale for positions and demands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hardness {
    RedLine,
    Firm,
    Soft,
}

/// One side of a conflict or an agreement: a position or a demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Side {
    Position(PositionIdx),
    Demand(DemandIdx),
}

impl Side {
    pub(crate) fn author(self, record: &Record) -> ActorIdx {
        match self {
            Side::Position(p) => record.position(p).actor,
            Side::Demand(d) => record.demand(d).by,
        }
    }

    pub(crate) fn issue(self, record: &Record) -> IssueIdx {
        match self {
            Side::Position(p) => record.position(p).issue,
            Side::Demand(d) => record.demand(d).issue,
        }
    }

    pub(crate) fn claim(self, view: &View) -> Claim {
        match self {
            Side::Position(p) => Claim::position(view, p),
            Side::Demand(d) => Claim::demand(view, d),
        }
    }

    fn hardness(self, record: &Record) -> Hardness {
        match self {
            Side::Position(p) => match record.position(p).strength {
                Strength::RedLine => Hardness::RedLine,
                Strength::Firm => Hardness::Firm,
                _ => Hardness::Soft,
            },
            Side::Demand(d) => match record.demand(d).priority {
                Priority::RedLine => Hardness::RedLine,
                Priority::Core => Hardness::Firm,
                Priority::Secondary => Hardness::Soft,
            },
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub severity: Severity,
    pub issue: String,
    pub a: ActorRef,
    pub b: ActorRef,
    /// Why the two claims conflict, in words.
    pub reason: String,
    pub claim_a: Claim,
    pub claim_b: Claim,
}

/// The answer to `conflicts`.
#[derive(Clone, Debug, Serialize)]
pub struct Conflicts {
    pub conflicts: Vec<Conflict>,
}

/// A conflict before its claims are written out: indices only, so finding and
/// sorting millions of them costs no strings. [`RawConflict::row`] writes one out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawConflict {
    pub kind: ConflictKind,
    pub a: Side,
    pub b: Side,
    pub parties: (ActorIdx, ActorIdx),
    pub reason: &'static str,
}

impl RawConflict {
    pub(crate) fn severity(&self, record: &Record) -> Severity {
        Severity::of(self.a.hardness(record), self.b.hardness(record))
    }

    pub(crate) fn row(&self, view: &View) -> Conflict {
        let r = view.record;
        let claim_a = self.a.claim(view);
        Conflict {
            kind: self.kind,
            severity: self.severity(r),
            issue: claim_a.issue.clone(),
            a: ActorRef::new(r, self.parties.0),
            b: ActorRef::new(r, self.parties.1),
            reason: self.reason.to_string(),
            claim_a,
            claim_b: self.b.claim(view),
        }
    }
}

/// Builds rows, skipping self-conflicts and repeats and applying the actor filter.
struct Collector<'v, 'r> {
    view: &'v View<'r>,
    /// Rows that could repeat (demands named twice, `conflicts_with` both ways);
    /// two positions meet at most once, so their rows skip this set.
    seen: HashSet<(Side, Side)>,
    rows: Vec<RawConflict>,
}

impl Collector<'_, '_> {
    /// `symmetric` kinds put the alphabetically first actor on side a.
    fn push(
        &mut self,
        kind: ConflictKind,
        a: Side,
        b: Side,
        symmetric: bool,
        reason: &'static str,
    ) {
        let r = self.view.record;
        let (mut a, mut b) = (a, b);
        let (mut pa, mut pb) = (self.view.party(a.author(r)), self.view.party(b.author(r)));
        if pa == pb || !self.view.keeps(&[pa, pb]) {
            return;
        }
        if symmetric && (r.actor(pb).id < r.actor(pa).id || (pa == pb && b < a)) {
            std::mem::swap(&mut a, &mut b);
            std::mem::swap(&mut pa, &mut pb);
        }
        if kind != ConflictKind::OpposedPositions {
            let key = if a <= b { (a, b) } else { (b, a) };
            if !self.seen.insert(key) {
                return;
            }
        }
        self.rows.push(RawConflict {
            kind,
            a,
            b,
            parties: (pa, pb),
            reason,
        });
    }
}

/// Splits sides into those pointing to support and those pointing to oppose;
/// sides without a direction (ambiguous positions) fall out here.
fn by_direction(sides: impl Iterator<Item = (Side, Option<Direction>)>) -> (Vec<Side>, Vec<Side>) {
    let (mut support, mut oppose) = (vec![], vec![]);
    for (side, direction) in sides {
        match direction {
            Some(Direction::Support) => support.push(side),
            Some(Direction::Oppose) => oppose.push(side),
            None => {}
        }
    }
    (support, oppose)
}

/// Every conflict in view, unsorted, as indices.
pub(crate) fn raw(view: &View) -> Vec<RawConflict> {
    let r = view.record;
    let mut c = Collector {
        view,
        seen: HashSet::new(),
        rows: vec![],
    };

    for positions in view.positions_by_issue().values() {
        let (support, oppose) = by_direction(
            positions
                .iter()
                .map(|&p| (Side::Position(p), r.position(p).stance.direction())),
        );
        for &s in &support {
            for &o in &oppose {
                c.push(
                    ConflictKind::OpposedPositions,
                    s,
                    o,
                    true,
                    "opposite stances on the issue",
                );
            }
        }
    }

    let current: HashSet<PositionIdx> = view.positions.iter().copied().collect();
    let demands = view.live_demands_by_issue();
    for list in demands.values() {
        for &d in list {
            let demand = r.demand(d);
            for &target in &demand.of {
                let Some(p) = view.current_position(view.party(target), demand.issue) else {
                    continue;
                };
                let position = r.position(p);
                if position.stance.direction() == Some(demand.stance.opposite()) {
                    let reason = if position.strength == Strength::RedLine {
                        "the demand crosses the addressee's red line"
                    } else {
                        "the addressee's position opposes the demand"
                    };
                    c.push(
                        ConflictKind::DemandVsPosition,
                        Side::Demand(d),
                        Side::Position(p),
                        false,
                        reason,
                    );
                }
            }
            for other in &demand.conflicts_with {
                if let crate::model::ClaimRef::Position(p) = *other {
                    if current.contains(&p) {
                        c.push(
                            ConflictKind::DemandVsPosition,
                            Side::Demand(d),
                            Side::Position(p),
                            false,
                            "named in conflicts_with",
                        );
                    }
                }
            }
        }
    }

    let live: HashSet<DemandIdx> = demands.values().flatten().copied().collect();
    for list in demands.values() {
        let (support, oppose) = by_direction(
            list.iter()
                .map(|&d| (Side::Demand(d), Some(r.demand(d).stance))),
        );
        for &s in &support {
            for &o in &oppose {
                c.push(
                    ConflictKind::DemandVsDemand,
                    s,
                    o,
                    true,
                    "the demands ask for opposite outcomes",
                );
            }
        }
        for &d in list {
            for other in &r.demand(d).conflicts_with {
                if let crate::model::ClaimRef::Demand(o) = *other {
                    if live.contains(&o) {
                        c.push(
                            ConflictKind::DemandVsDemand,
                            Side::Demand(d),
                            Side::Demand(o),
                            true,
                            "named in conflicts_with",
                        );
                    }
                }
            }
        }
    }

    c.rows
}

/// Every conflict in view as indices, in the order rows are written: severity,
/// issue, actor a, actor b, kind, then the two claims' texts. The keys are ranks,
/// so sorting millions of rows compares integers, never strings.
pub(crate) fn sorted(view: &View) -> Vec<RawConflict> {
    let r = view.record;
    let ranks = Ranks::new(r);
    let text = |s: Side| match s {
        Side::Position(p) => ranks.position_text(p),
        Side::Demand(d) => ranks.demand_text(d),
    };
    let issue = |s: Side| match s {
        Side::Position(p) => r.position(p).issue,
        Side::Demand(d) => r.demand(d).issue,
    };
    let mut rows = raw(view);
    // A stable sort on the same keys as the strings give: equal keys keep the
    // order the rows were found in.
    rows.sort_by_cached_key(|c| {
        (
            c.severity(r),
            ranks.issue(issue(c.a)),
            ranks.actor(c.parties.0),
            ranks.actor(c.parties.1),
            c.kind,
            text(c.a),
            text(c.b),
        )
    });
    rows
}

pub fn find(view: &View) -> Conflicts {
    Conflicts {
        conflicts: sorted(view).iter().map(|c| c.row(view)).collect(),
    }
}

/// The answer to `conflicts`, written out one row at a time: serialises to the
/// same bytes as [`Conflicts`] without holding every row's strings at once.
pub struct ConflictRows<'v, 'r> {
    view: &'v View<'r>,
    rows: Vec<RawConflict>,
}

impl<'v, 'r> ConflictRows<'v, 'r> {
    pub fn find(view: &'v View<'r>) -> Self {
        ConflictRows {
            view,
            rows: sorted(view),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl Serialize for ConflictRows<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Rows<'a, 'v, 'r>(&'a ConflictRows<'v, 'r>);
        impl Serialize for Rows<'_, '_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let view = self.0.view;
                serializer.collect_seq(self.0.rows.iter().map(|c| c.row(view)))
            }
        }
        let mut s = serializer.serialize_struct("Conflicts", 1)?;
        s.serialize_field("conflicts", &Rows(self))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::tests::*;
    use crate::query::Filter;

    fn kinds(r: &Record, filter: Filter) -> Vec<(ConflictKind, String, String)> {
        find(&View::new(r, filter))
            .conflicts
            .into_iter()
            .map(|c| (c.kind, c.a.id, c.b.id))
            .collect()
    }

    #[test]
    fn opposite_directions_conflict() {
        let r = record(
            vec![
                position(0, 0, Stance::Oppose, "2025-01"),
                position(1, 0, Stance::Support, "2025-01"),
            ],
            vec![],
        );
        assert_eq!(
            kinds(&r, Filter::default()),
            vec![(
                ConflictKind::OpposedPositions,
                "russia".into(),
                "ukraine".into()
            )]
        );
    }

    #[test]
    fn conditional_versus_oppose_conflicts() {
        let r = record(
            vec![
                position(0, 0, Stance::Oppose, "2025-01"),
                position(1, 0, Stance::Conditional, "2025-01"),
            ],
            vec![],
        );
        assert_eq!(kinds(&r, Filter::default()).len(), 1);
    }

    #[test]
    fn ambiguous_never_conflicts() {
        let r = record(
            vec![
                position(0, 0, Stance::Oppose, "2025-01"),
                position(1, 0, Stance::Ambiguous, "2025-01"),
                position(2, 0, Stance::Support, "2025-01"),
            ],
            vec![],
        );
        let rows = kinds(&r, Filter::default());
        assert_eq!(
            rows,
            vec![(ConflictKind::OpposedPositions, "russia".into(), "us".into())]
        );
    }

    #[test]
    fn a_folded_person_never_conflicts_with_their_party() {
        let r = record(
            vec![
                position(0, 0, Stance::Oppose, "2025-01"),
                position(3, 0, Stance::Support, "2025-01"),
            ],
            vec![demand("d", 3, 0, 0, Direction::Support)],
        );
        assert!(kinds(&r, Filter::default()).is_empty());
        let people = Filter {
            people: true,
            ..Filter::default()
        };
        assert!(!kinds(&r, people).is_empty());
    }

    #[test]
    fn a_demand_its_addressee_opposes_conflicts() {
        let r = record(
            vec![position(1, 0, Stance::Support, "2025-01")],
            vec![demand("d", 0, 1, 0, Direction::Oppose)],
        );
        assert_eq!(
            kinds(&r, Filter::default()),
            vec![(
                ConflictKind::DemandVsPosition,
                "russia".into(),
                "ukraine".into()
            )]
        );
    }

    #[test]
    fn red_line_against_red_line_is_critical() {
        let mut a = position(0, 0, Stance::Oppose, "2025-01");
        let mut b = position(1, 0, Stance::Support, "2025-01");
        a.strength = Strength::RedLine;
        b.strength = Strength::RedLine;
        let r = record(vec![a, b], vec![]);
        let rows = find(&View::new(&r, Filter::default())).conflicts;
        assert_eq!(rows[0].severity, Severity::Critical);
    }

    #[test]
    fn opposite_demands_on_one_issue_conflict() {
        let r = record(
            vec![],
            vec![
                demand("d-a", 0, 2, 0, Direction::Oppose),
                demand("d-b", 1, 2, 0, Direction::Support),
                demand("d-c", 2, 0, 0, Direction::Oppose),
            ],
        );
        let rows = kinds(&r, Filter::default());
        assert_eq!(
            rows,
            vec![
                (
                    ConflictKind::DemandVsDemand,
                    "russia".into(),
                    "ukraine".into()
                ),
                (ConflictKind::DemandVsDemand, "ukraine".into(), "us".into()),
            ]
        );
    }
}
