//! The negotiation state: built once from the record and the filters, read by
//! every query, map and export.
//!
//! An analyst asks "who stands where, at this date, and who is against whom".
//! Answering that in each query (and again in the maps) let the answers drift
//! apart; here it is answered once. [`NegotiationState::build`] decides:
//! - which claims are known at the as-of date, and the status each demand and
//!   concession has then (live, or history);
//! - who is a party (observers stand apart, people fold into their party);
//! - each party's stance on each issue, with the claims behind it, a bloc's
//!   stance counting for its silent members, sub-issues folded into their parent
//!   by polarity, same-day opposite claims making a `mixed` stance;
//! - the signed agree/conflict relation between parties, a petgraph graph
//!   ([`relation`]), built on first use since only some answers need it.
//!
//! The rules are in [`lifecycle`] (time and status), [`parties`] (who counts),
//! [`stances`] (current stances, blocs) and [`fold`] (sub-issues); docs/model.md
//! says them in words.

mod filter;
pub mod fold;
pub mod lifecycle;
pub mod parties;
pub mod relation;
mod severity;
mod stances;
#[cfg(test)]
pub(crate) mod tests;

pub use crate::model::Polarity;
pub use filter::Filter;
pub use lifecycle::Phase;
pub use relation::{Among, Link, PairTies, Relation, Sign, Tie, TieBasis, Ties, Wanted};
pub use severity::{Hardness, Severity};

use crate::model::*;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One claim of the record, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimId {
    Position(PositionIdx),
    Demand(DemandIdx),
    Concession(ConcessionIdx),
}

impl ClaimId {
    pub fn issue(self, record: &Record) -> IssueIdx {
        match self {
            ClaimId::Position(p) => record.position(p).issue,
            ClaimId::Demand(d) => record.demand(d).issue,
            ClaimId::Concession(c) => record.concession(c).issue,
        }
    }

    pub fn author(self, record: &Record) -> ActorIdx {
        match self {
            ClaimId::Position(p) => record.position(p).actor,
            ClaimId::Demand(d) => record.demand(d).by,
            ClaimId::Concession(c) => record.concession(c).by,
        }
    }

    pub fn date(self, record: &Record) -> Date {
        match self {
            ClaimId::Position(p) => record.position(p).date,
            ClaimId::Demand(d) => record.demand(d).date,
            ClaimId::Concession(c) => record.concession(c).date,
        }
    }

    /// The way the claim points on its issue, if it points one way.
    pub fn direction(self, record: &Record) -> Option<Direction> {
        match self {
            ClaimId::Position(p) => record.position(p).stance.direction(),
            ClaimId::Demand(d) => Some(record.demand(d).stance),
            ClaimId::Concession(c) => record.concession(c).stance,
        }
    }
}

/// Where a party stands on an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Camp {
    For,
    /// Support on conditions: points to support, agrees with `for`.
    Conditional,
    Against,
    /// Opposite claims on the same day: no one way, shown with both claims.
    Mixed,
    /// Claims that point no way.
    Ambiguous,
}

impl Camp {
    pub const ALL: [Camp; 5] = [
        Camp::For,
        Camp::Conditional,
        Camp::Against,
        Camp::Mixed,
        Camp::Ambiguous,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Camp::For => "for",
            Camp::Conditional => "conditional",
            Camp::Against => "against",
            Camp::Mixed => "mixed",
            Camp::Ambiguous => "ambiguous",
        }
    }

    /// The way the camp points; mixed and ambiguous camps point no way, so
    /// they neither agree nor conflict with anyone.
    pub fn direction(self) -> Option<Direction> {
        match self {
            Camp::For | Camp::Conditional => Some(Direction::Support),
            Camp::Against => Some(Direction::Oppose),
            Camp::Mixed | Camp::Ambiguous => None,
        }
    }

    /// The camp seen from a parent issue whose proposition points the other way.
    pub fn flip(self) -> Camp {
        match self {
            Camp::For | Camp::Conditional => Camp::Against,
            Camp::Against => Camp::For,
            other => other,
        }
    }

    /// Two stances of one party taken together (a bloc's and another bloc's,
    /// or several sub-issues'): opposite ways make `mixed`.
    pub fn merge(self, other: Camp) -> Camp {
        match (self, other) {
            (a, b) if a == b => a,
            (Camp::Ambiguous, x) | (x, Camp::Ambiguous) => x,
            (a, b) if a.direction().is_some() && a.direction() == b.direction() => Camp::For,
            _ => Camp::Mixed,
        }
    }
}

/// Why a party holds a stance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Its own claims (its people's, folded in).
    Own,
    /// It said nothing on the issue; its bloc did.
    Bloc(ActorIdx),
    /// It said nothing on this issue but spoke on sub-issues, folded in by
    /// polarity; `flipped` are the sub-issues whose stance was turned round.
    SubIssues {
        from: Vec<IssueIdx>,
        flipped: Vec<IssueIdx>,
    },
}

/// A party's current stance on one issue, with the claims behind it.
#[derive(Clone, Debug)]
pub struct PartyStance {
    pub party: ActorIdx,
    pub issue: IssueIdx,
    pub camp: Camp,
    /// The claims behind the stance: its latest claims (same date), and older
    /// live demands pointing the same way. Sorted.
    pub claims: Vec<ClaimId>,
    pub basis: Basis,
    /// The hardest claim behind it.
    pub hardness: Hardness,
}

/// A bloc member whose own claim differs from its bloc's on an issue.
#[derive(Clone, Debug)]
pub struct Departure {
    pub member: ActorIdx,
    pub bloc: ActorIdx,
    pub issue: IssueIdx,
    pub member_camp: Camp,
    pub bloc_camp: Camp,
}

/// The negotiation state at a date, under a filter. See the module header.
pub struct NegotiationState<'r> {
    pub record: &'r Record,
    pub filter: Filter,
    /// Issues in scope, sorted.
    pub issues: Vec<IssueIdx>,
    /// Parties with at least one stance or live claim, sorted by id.
    pub parties: Vec<ActorIdx>,
    /// Positions known at the as-of date (superseded ones too), in record order.
    pub positions: Vec<PositionIdx>,
    /// Demands known at the as-of date, by parties, in record order.
    pub demands: Vec<DemandIdx>,
    /// Concessions known at the as-of date, by parties, in record order.
    pub concessions: Vec<ConcessionIdx>,
    /// Events known at the as-of date.
    pub events: Vec<EventIdx>,
    /// Claims by observers (kept out of camps unless `include_observers`).
    pub observer_claims: Vec<ClaimId>,
    /// Observers' own stances.
    pub observer_stances: Vec<PartyStance>,
    /// Bloc members whose own stance differs from their bloc's.
    pub departures: Vec<Departure>,
    /// Every party's stance, grouped by issue (issue index order), parties in id order.
    stances: Vec<PartyStance>,
    /// Per issue (by index): the range of `stances` it holds.
    by_issue: Vec<(u32, u32)>,
    index: HashMap<(ActorIdx, IssueIdx), u32>,
    demands_by_issue: HashMap<IssueIdx, Vec<DemandIdx>>,
    demand_status: Vec<Option<DemandStatus>>,
    concession_status: Vec<Option<ConcessionStatus>>,
    actor_rank: Vec<u32>,
    relation: OnceLock<Relation>,
}

impl<'r> NegotiationState<'r> {
    /// Builds the state: linear in the claims kept, plus the folding of sub-issues.
    pub fn build(record: &'r Record, filter: &Filter) -> NegotiationState<'r> {
        stances::build(record, filter.clone())
    }

    /// The party an actor's claims count for.
    pub fn party(&self, a: ActorIdx) -> ActorIdx {
        parties::fold(self.record, &self.filter, a)
    }

    /// Whether an actor's claims count as a party's (it is no observer, nor is its party).
    pub fn is_party(&self, a: ActorIdx) -> bool {
        parties::is_party(self.record, &self.filter, a)
    }

    /// Whether a row about these parties passes the actor focus.
    pub fn keeps(&self, parties: &[ActorIdx]) -> bool {
        match self.filter.actor {
            None => true,
            Some(a) => parties.contains(&self.party(a)),
        }
    }

    /// Every stance on one issue, parties in id order.
    pub fn stances_on(&self, issue: IssueIdx) -> &[PartyStance] {
        match self.by_issue.get(issue.index()) {
            Some(&(from, to)) => &self.stances[from as usize..to as usize],
            None => &[],
        }
    }

    /// Every stance, grouped by issue.
    pub fn stances(&self) -> &[PartyStance] {
        &self.stances
    }

    /// A party's stance on an issue, if it has one.
    pub fn stance(&self, party: ActorIdx, issue: IssueIdx) -> Option<&PartyStance> {
        self.index
            .get(&(party, issue))
            .map(|&i| &self.stances[i as usize])
    }

    /// A demand's status at the as-of date; `None` when the filters drop it.
    pub fn demand_status(&self, d: DemandIdx) -> Option<DemandStatus> {
        self.demand_status[d.index()]
    }

    /// A concession's status at the as-of date; `None` when the filters drop it.
    pub fn concession_status(&self, c: ConcessionIdx) -> Option<ConcessionStatus> {
        self.concession_status[c.index()]
    }

    /// Demands open at the as-of date.
    pub fn live_demands(&self) -> impl Iterator<Item = DemandIdx> + '_ {
        self.demands
            .iter()
            .copied()
            .filter(|&d| self.demand_phase(d) == Some(Phase::Live))
    }

    pub fn demand_phase(&self, d: DemandIdx) -> Option<Phase> {
        self.demand_status(d).map(lifecycle::demand_phase)
    }

    pub fn concession_phase(&self, c: ConcessionIdx) -> Option<Phase> {
        self.concession_status(c).map(lifecycle::concession_phase)
    }

    /// The demands a concession answers at the as-of date, with why: named in
    /// `answers`, or on the demand's issue, in its direction, given to the one who
    /// asked. Only an offered or made concession answers, only demands open or
    /// met, and only from the demand's date on.
    pub fn answered_by(&self, c: ConcessionIdx) -> Vec<(DemandIdx, &'static str)> {
        let r = self.record;
        let con = r.concession(c);
        if !self
            .concession_status(c)
            .is_some_and(lifecycle::concession_answers)
        {
            return vec![];
        }
        let answerable = |d: DemandIdx| {
            matches!(
                self.demand_status(d),
                Some(DemandStatus::Open | DemandStatus::Met)
            ) && lifecycle::not_earlier(con.date, r.demand(d).date)
        };
        let mut out: Vec<(DemandIdx, &'static str)> = con
            .answers
            .iter()
            .copied()
            .filter(|&d| answerable(d))
            .map(|d| (d, "named in answers"))
            .collect();
        if let Some(dir) = con.stance {
            let given_to: Vec<ActorIdx> = con.to.iter().map(|&a| self.party(a)).collect();
            for &d in self.demands_on(con.issue) {
                let demand = r.demand(d);
                if demand.stance == dir
                    && self.demand_phase(d) == Some(Phase::Live)
                    && given_to.contains(&self.party(demand.by))
                    && lifecycle::not_earlier(con.date, demand.date)
                    && !out.iter().any(|(x, _)| *x == d)
                {
                    out.push((d, "same issue and direction, given to the demander"));
                }
            }
        }
        out.sort();
        out
    }

    /// Demands known at the as-of date on one issue, in record order.
    pub fn demands_on(&self, issue: IssueIdx) -> &[DemandIdx] {
        self.demands_by_issue
            .get(&issue)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The rank of an actor's id among all ids: sorting by it sorts by id.
    pub fn actor_rank(&self, a: ActorIdx) -> u32 {
        self.actor_rank[a.index()]
    }

    /// Whether a position is current: behind its party's own stance on its issue.
    pub fn is_current_position(&self, p: PositionIdx) -> bool {
        let pos = self.record.position(p);
        self.stance(self.party(pos.actor), pos.issue)
            .is_some_and(|s| s.basis == Basis::Own && s.claims.contains(&ClaimId::Position(p)))
    }

    /// The signed agree/conflict relation between parties, built on first use.
    pub fn relation(&self) -> &Relation {
        self.relation.get_or_init(|| relation::build(self))
    }

    /// The relation if something has built it already.
    pub fn relation_if_built(&self) -> Option<&Relation> {
        self.relation.get()
    }

    pub fn actor_id(&self, a: ActorIdx) -> &'r str {
        &self.record.actor(a).id
    }

    pub fn issue_id(&self, i: IssueIdx) -> &'r str {
        &self.record.issue(i).id
    }
}
