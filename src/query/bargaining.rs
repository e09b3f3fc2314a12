//! `bargaining`: what is on the table and what could be traded, at the as-of date.
//!
//! Read from the negotiation state: open demands and whom they bind; demands
//! answered (met, or answered by an offered or made concession dated on or
//! after them); each party's red lines (red-line claims behind its current
//! stances); possible trades (A asks X of B while B asks Y of A, and neither ask
//! crosses the other's red line); demands that cross a red line, which block any
//! deal until one side moves; and, apart, the history (demands met, rejected or
//! dropped, concessions withdrawn or rejected), never counted as live.

use super::{conflicts::history_claims, ActorRef, Claim};
use crate::model::*;
use crate::state::{ClaimId, Hardness, NegotiationState};
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
    /// Demands met, rejected or dropped and concessions withdrawn or rejected by
    /// the as-of date: what happened, never live.
    pub history: Vec<Claim>,
}

/// The addressee's red line a demand crosses, if any: a red-line claim behind
/// the addressee's current stance on the demand's issue, that stance pointing
/// against the demand. The demand must stand behind its author's stance.
fn crossed_red_line(state: &NegotiationState, d: DemandIdx, party: ActorIdx) -> Option<ClaimId> {
    let r = state.record;
    let demand = r.demand(d);
    let mine = state.stance(state.party(demand.by), demand.issue)?;
    if !mine.claims.contains(&ClaimId::Demand(d)) {
        return None;
    }
    let theirs = state.stance(party, demand.issue)?;
    if theirs.camp.direction() != Some(demand.stance.opposite()) {
        return None;
    }
    theirs
        .claims
        .iter()
        .copied()
        .filter(|&c| {
            Hardness::of(r, c) == Hardness::RedLine
                && c.direction(r) == Some(demand.stance.opposite())
        })
        .min()
}

pub fn find(state: &NegotiationState) -> Bargaining {
    let r = state.record;
    let open: Vec<DemandIdx> = state.live_demands().collect();

    let mut open_demands = vec![];
    let mut blockers = vec![];
    // (asker, asked) → open demands, for trades.
    let mut asks: BTreeMap<(ActorIdx, ActorIdx), Vec<DemandIdx>> = BTreeMap::new();
    for &d in &open {
        let demand = r.demand(d);
        let by = state.party(demand.by);
        let targets: BTreeSet<ActorIdx> = demand
            .of
            .iter()
            .filter(|&&a| state.is_party(a))
            .map(|&a| state.party(a))
            .filter(|&a| a != by)
            .collect();
        if !state.keeps(&[&[by][..], &targets.iter().copied().collect::<Vec<_>>()].concat()) {
            continue;
        }
        open_demands.push(OpenDemand {
            demand: Claim::demand(state, d),
            addressed_to: targets.iter().map(|&a| ActorRef::new(r, a)).collect(),
        });
        for &t in &targets {
            asks.entry((by, t)).or_default().push(d);
            if let Some(red_line) = crossed_red_line(state, d, t) {
                blockers.push(Blocker {
                    demand: Claim::demand(state, d),
                    addressee: ActorRef::new(r, t),
                    red_line: Claim::of(state, red_line),
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
            if crossed_red_line(state, x, b).is_some() {
                continue;
            }
            for &y in ys {
                if crossed_red_line(state, y, a).is_none() {
                    trades.push(Trade {
                        a: ActorRef::new(r, a),
                        b: ActorRef::new(r, b),
                        a_asks: Claim::demand(state, x),
                        b_asks: Claim::demand(state, y),
                    });
                }
            }
        }
    }

    // Answered: demands met, and open demands an offered or made concession
    // answers, from the demand's date on.
    let mut answers: BTreeMap<DemandIdx, Vec<ConcessionIdx>> = BTreeMap::new();
    for &c in &state.concessions {
        for (d, _) in state.answered_by(c) {
            if state.party(r.concession(c).by) != state.party(r.demand(d).by) {
                answers.entry(d).or_default().push(c);
            }
        }
    }
    for &d in &state.demands {
        if state.demand_status(d) == Some(DemandStatus::Met) {
            answers.entry(d).or_default();
        }
    }
    let mut answered_map: BTreeMap<String, Answered> = BTreeMap::new();
    for (d, cs) in answers {
        let demand = r.demand(d);
        let mut involved = vec![state.party(demand.by)];
        involved.extend(cs.iter().map(|&c| state.party(r.concession(c).by)));
        if !state.keeps(&involved) {
            continue;
        }
        let met = state.demand_status(d) == Some(DemandStatus::Met);
        answered_map.insert(
            demand.id.clone(),
            Answered {
                demand: Claim::demand(state, d),
                answer: if met { "full" } else { "partial" }.to_string(),
                concessions: cs.iter().map(|&c| Claim::concession(state, c)).collect(),
            },
        );
    }

    let mut lines: BTreeMap<String, (ActorIdx, BTreeSet<ClaimId>)> = BTreeMap::new();
    for s in state.stances() {
        if s.basis != crate::state::Basis::Own {
            continue;
        }
        for &c in &s.claims {
            if Hardness::of(r, c) == Hardness::RedLine && c.issue(r) == s.issue {
                lines
                    .entry(r.actor(s.party).id.clone())
                    .or_insert((s.party, BTreeSet::new()))
                    .1
                    .insert(c);
            }
        }
    }
    let red_lines = lines
        .into_values()
        .filter(|(a, _)| state.keeps(&[*a]))
        .map(|(a, claims)| RedLines {
            actor: ActorRef::new(r, a),
            claims: claims.into_iter().map(|c| Claim::of(state, c)).collect(),
        })
        .collect();

    Bargaining {
        open_demands,
        answered: answered_map.into_values().collect(),
        red_lines,
        trades,
        blockers,
        history: history_claims(state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::*;
    use crate::state::Filter;

    #[test]
    fn mutual_asks_are_a_trade_unless_one_crosses_a_red_line() {
        // Russia asks oppose of Ukraine, Ukraine asks support of Russia, on one issue.
        let asks = vec![
            demand("d-ru", 0, 1, 0, Direction::Oppose),
            demand("d-ua", 1, 0, 0, Direction::Support),
        ];
        let r = record(vec![], asks.clone());
        let b = find(&NegotiationState::build(&r, &Filter::default()));
        assert_eq!(b.trades.len(), 1);
        assert!(b.blockers.is_empty());

        let mut red = position(1, 0, Stance::Support, "2025-02-01");
        red.strength = Strength::RedLine;
        let r = record(vec![red], vec![asks[0].clone()]);
        let b = find(&NegotiationState::build(&r, &Filter::default()));
        assert_eq!(b.blockers.len(), 1);
        assert_eq!(b.blockers[0].demand.id.as_deref(), Some("d-ru"));
    }
}
