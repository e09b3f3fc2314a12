//! What a discourse network counts: each party's statements (dated claims that
//! point one way on an issue) and, for the live network, each party's current
//! stance per issue.
//!
//! A statement is a position whose stance has a direction (support, or
//! conditional as support on conditions, or oppose; an ambiguous stance says
//! neither) or a demand (its stance is the outcome it asks for). Its weight is
//! the number of its sources, at least 1: DNA counts every coded span, and a
//! claim the record backs with three quotes was made three times on the record.
//! People count for the party they speak for (unless `--people`); analysts are
//! observers and stay out unless asked for.

use super::window::day_number;
use crate::model::{ActorIdx, Direction, IssueIdx, Record};
use crate::query::Filter;
use crate::state::NegotiationState;

/// One party's statement on one issue, on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Statement {
    pub party: ActorIdx,
    pub issue: IssueIdx,
    pub direction: Direction,
    /// Day number of the claim's date (its first day for a month-precision date).
    pub day: i64,
    /// How many times it was stated: its sources, at least one.
    pub weight: u32,
}

/// Whether an actor counts as a party in networks: observers (analysts, and
/// actors marked `observer`) do not, unless the filter includes them.
fn is_party(record: &Record, actor: ActorIdx, filter: &Filter) -> bool {
    filter.include_observers || record.is_party(actor)
}

/// Every statement the filters keep (issue, category, confidence; dates are the
/// windows' business), sorted by day, then party, issue and direction.
pub fn statements(record: &Record, filter: &Filter) -> Vec<Statement> {
    let party = |a: ActorIdx| {
        if filter.people {
            a
        } else {
            record.party_of(a)
        }
    };
    let mut out = Vec::with_capacity(record.positions.len() + record.demands.len());
    for p in &record.positions {
        let Some(direction) = p.stance.direction() else {
            continue;
        };
        if !filter.keeps_issue(record, p.issue) || !filter.keeps_sources(&p.sources) {
            continue;
        }
        let who = party(p.actor);
        if !is_party(record, who, filter) {
            continue;
        }
        out.push(Statement {
            party: who,
            issue: p.issue,
            direction,
            day: day_number(p.date),
            weight: p.sources.len().max(1) as u32,
        });
    }
    for d in &record.demands {
        if !filter.keeps_issue(record, d.issue) || !filter.keeps_sources(&d.sources) {
            continue;
        }
        let who = party(d.by);
        if !is_party(record, who, filter) {
            continue;
        }
        out.push(Statement {
            party: who,
            issue: d.issue,
            direction: d.stance,
            day: day_number(d.date),
            weight: d.sources.len().max(1) as u32,
        });
    }
    out.sort_unstable_by_key(|s| (s.day, s.party, s.issue, s.direction));
    out
}

/// Each party's live stance on each issue, as a direction, read from the
/// negotiation state: the one place that says who stands where, so the live
/// network agrees with `conflicts`, `overlaps` and `camps`. A mixed or
/// ambiguous stance points no way and so neither agrees nor conflicts.
pub fn live_stances(state: &NegotiationState) -> Vec<(ActorIdx, IssueIdx, Direction)> {
    let mut out: Vec<_> = state
        .stances()
        .iter()
        .filter_map(|s| Some((s.party, s.issue, s.camp.direction()?)))
        .collect();
    out.sort_unstable();
    out
}
