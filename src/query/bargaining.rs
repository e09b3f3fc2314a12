//! `bargaining`: what is on the table and what could be traded.
//!
//! Open demands and whom they bind; demands a concession answers; each party's
//! red lines; possible trades (A asks X of B while B asks Y of A, and neither ask
//! crosses the other's red line); and demands that cross a red line, which block
//! any deal until one side moves.

use super::{overlaps, ActorRef, Claim, View};
use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Serialize)]
pub struct OpenDemand {
    pub demand: Claim,
    pub addressed_to: Vec<ActorRef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Answered {
    pub demand: Claim,
    /// `full` when the demand is met, else `partial`.
    pub answer: String,
    pub concessions: Vec<Claim>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RedLines {
    pub actor: ActorRef,
    pub claims: Vec<Claim>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Trade {
    pub a: ActorRef,
    pub b: ActorRef,
    /// What A asks of B.
    pub a_asks: Claim,
    /// What B asks of A.
    pub b_asks: Claim,
}

#[derive(Clone, Debug, Serialize)]
pub struct Blocker {
    pub demand: Claim,
    pub addressee: ActorRef,
    /// The addressee's red line the demand crosses.
    pub red_line: Claim,
}

/// The answer to `bargaining`.
#[derive(Clone, Debug, Serialize)]
pub struct Bargaining {
    pub open_demands: Vec<OpenDemand>,
    pub answered: Vec<Answered>,
    pub red_lines: Vec<RedLines>,
    pub trades: Vec<Trade>,
    pub blockers: Vec<Blocker>,
}

/// The addressee's red line a demand crosses, if any: a red-line position or a
/// red-line demand pointing the other way on the demand's issue.
fn crossed_red_line(
    view: &View,
    by_issue: &BTreeMap<IssueIdx, Vec<DemandIdx>>,
    d: DemandIdx,
    party: ActorIdx,
) -> Option<Claim> {
    let r = view.record;
    let demand = r.demand(d);
    if let Some(p) = view.current_position(party, demand.issue) {
        let pos = r.position(p);
        if pos.strength == Strength::RedLine
            && pos.stance.direction() == Some(demand.stance.opposite())
        {
            return Some(Claim::position(view, p));
        }
    }
    // Only the demands on the same issue can cross it: look there, not at all demands.
    by_issue
        .get(&demand.issue)
        .into_iter()
        .flatten()
        .find(|&&o| {
            let other = r.demand(o);
            view.party(other.by) == party
                && other.priority == Priority::RedLine
                && other.stance == demand.stance.opposite()
        })
        .map(|&o| Claim::demand(view, o))
}

pub fn find(view: &View) -> Bargaining {
    let r = view.record;
    let live = view.live_demands_by_issue();
    let open: Vec<DemandIdx> = view
        .demands
        .iter()
        .copied()
        .filter(|&d| r.demand(d).status == DemandStatus::Open)
        .collect();

    let mut open_demands = vec![];
    let mut blockers = vec![];
    // (asker, asked) → open demands, for trades.
    let mut asks: BTreeMap<(ActorIdx, ActorIdx), Vec<DemandIdx>> = BTreeMap::new();
    for &d in &open {
        let demand = r.demand(d);
        let by = view.party(demand.by);
        let targets: BTreeSet<ActorIdx> = demand
            .of
            .iter()
            .map(|&a| view.party(a))
            .filter(|&a| a != by)
            .collect();
        if !view.keeps(&[&[by][..], &targets.iter().copied().collect::<Vec<_>>()].concat()) {
            continue;
        }
        open_demands.push(OpenDemand {
            demand: Claim::demand(view, d),
            addressed_to: targets.iter().map(|&a| ActorRef::new(r, a)).collect(),
        });
        for &t in &targets {
            asks.entry((by, t)).or_default().push(d);
            if let Some(red_line) = crossed_red_line(view, &live, d, t) {
                blockers.push(Blocker {
                    demand: Claim::demand(view, d),
                    addressee: ActorRef::new(r, t),
                    red_line,
                });
            }
        }
    }

    let mut trades = vec![];
    for (&(a, b), xs) in &asks {
        if r.actor(a).id >= r.actor(b).id {
            continue;
        }
        let Some(ys) = asks.get(&(b, a)) else {
            continue;
        };
        for &x in xs {
            if crossed_red_line(view, &live, x, b).is_some() {
                continue;
            }
            for &y in ys {
                if crossed_red_line(view, &live, y, a).is_none() {
                    trades.push(Trade {
                        a: ActorRef::new(r, a),
                        b: ActorRef::new(r, b),
                        a_asks: Claim::demand(view, x),
                        b_asks: Claim::demand(view, y),
                    });
                }
            }
        }
    }

    let mut answered_map: BTreeMap<String, Answered> = BTreeMap::new();
    // Only the answer rows are written out with their claims; the same-stance
    // rows (millions on a large record) are skipped as indices.
    let answers = overlaps::sorted(view)
        .into_iter()
        .filter(|o| o.kind == overlaps::OverlapKind::ConcessionAnswersDemand)
        .map(|o| o.row(view));
    for o in answers {
        let id = o.claim_b.id.clone().unwrap_or_default();
        let met = o.claim_b.status.as_deref() == Some("met");
        answered_map
            .entry(id)
            .or_insert_with(|| Answered {
                demand: o.claim_b.clone(),
                answer: if met { "full" } else { "partial" }.to_string(),
                concessions: vec![],
            })
            .concessions
            .push(o.claim_a);
    }

    let mut lines: BTreeMap<String, (ActorIdx, Vec<Claim>)> = BTreeMap::new();
    for &p in &view.positions {
        let pos = r.position(p);
        if pos.strength == Strength::RedLine {
            let party = view.party(pos.actor);
            lines
                .entry(r.actor(party).id.clone())
                .or_insert((party, vec![]))
                .1
                .push(Claim::position(view, p));
        }
    }
    for &d in &view.demands {
        let demand = r.demand(d);
        if demand.priority == Priority::RedLine && demand.status != DemandStatus::Dropped {
            let party = view.party(demand.by);
            lines
                .entry(r.actor(party).id.clone())
                .or_insert((party, vec![]))
                .1
                .push(Claim::demand(view, d));
        }
    }
    let red_lines = lines
        .into_values()
        .filter(|(a, _)| view.keeps(&[*a]))
        .map(|(a, claims)| RedLines {
            actor: ActorRef::new(r, a),
            claims,
        })
        .collect();

    Bargaining {
        open_demands,
        answered: answered_map.into_values().collect(),
        red_lines,
        trades,
        blockers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::tests::*;
    use crate::query::Filter;

    #[test]
    fn mutual_asks_are_a_trade_unless_one_crosses_a_red_line() {
        // Russia asks oppose of Ukraine, Ukraine asks support of Russia, on one issue.
        let asks = vec![
            demand("d-ru", 0, 1, 0, Direction::Oppose),
            demand("d-ua", 1, 0, 0, Direction::Support),
        ];
        let r = record(vec![], asks.clone());
        let b = find(&View::new(&r, Filter::default()));
        assert_eq!(b.trades.len(), 1);
        assert!(b.blockers.is_empty());

        let mut red = position(1, 0, Stance::Support, "2025-01");
        red.strength = Strength::RedLine;
        let r = record(vec![red], asks);
        let b = find(&View::new(&r, Filter::default()));
        assert!(b.trades.is_empty());
        assert_eq!(b.blockers.len(), 1);
        assert_eq!(b.blockers[0].demand.id.as_deref(), Some("d-ru"));
    }
}
