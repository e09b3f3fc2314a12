//! The briefing: the answers of the other queries, gathered for one document.
//!
//! Nothing is counted or decided here that a command does not answer itself:
//! the conflicts are `conflicts::by_issue`'s, the bargaining space is
//! `bargaining::find`'s, the changes `diff::find`'s, the camps the negotiation
//! state's stances. A briefing's "7 issues in conflict" is therefore the same
//! number `stancemap conflicts --format json` prints under the same filters.

use super::bargaining::{self, Bargaining};
use super::camps::via;
use super::claim::{ActorRef, Claim, SourceInfo};
use super::conflicts::{self, ConflictsByIssue};
use super::diff::{self, Diff};
use crate::model::{ActorIdx, Date, IssueIdx};
use crate::state::{Camp, NegotiationState};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Party {
    pub actor: ActorRef,
    pub kind: String,
    pub role: Option<String>,
    /// The parties (blocs, states) it belongs to.
    pub member_of: Vec<ActorRef>,
    /// The actors in the record that belong to it.
    pub members: Vec<ActorRef>,
    pub sources: Vec<SourceInfo>,
}

/// One party's stance on one issue, with the claims behind it.
#[derive(Clone, Debug, Serialize)]
pub struct Stand {
    pub party: ActorRef,
    pub camp: Camp,
    /// How the stance was reached when not by the party's own claim.
    pub via: Option<String>,
    pub claims: Vec<Claim>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IssueStands {
    pub issue: String,
    pub title: String,
    pub stands: Vec<Stand>,
}

#[derive(Debug, Serialize)]
pub struct Brief {
    pub as_of: Option<Date>,
    pub parties: Vec<Party>,
    pub issues: Vec<IssueStands>,
    pub conflicts: ConflictsByIssue,
    pub bargaining: Bargaining,
    /// What changed after `--since`, when asked.
    pub changes: Option<Diff>,
}

/// Gathers the briefing from the state; `since` adds the changes from that
/// date to the as-of date (or the record's latest claim).
pub fn find(state: &NegotiationState, since: Option<Date>) -> Brief {
    let r = state.record;
    let parties = state
        .parties
        .iter()
        .map(|&a| {
            let actor = r.actor(a);
            Party {
                actor: ActorRef::new(r, a),
                kind: actor.kind.to_string(),
                role: actor.role.clone(),
                member_of: actor
                    .member_of
                    .iter()
                    .map(|&m| ActorRef::new(r, m))
                    .collect(),
                members: (0..r.actors.len() as u32)
                    .map(ActorIdx)
                    .filter(|&m| r.actor(m).member_of.contains(&a))
                    .map(|m| ActorRef::new(r, m))
                    .collect(),
                sources: actor
                    .sources
                    .iter()
                    .map(|s| SourceInfo {
                        doc: s.doc.clone(),
                        quote: s.quote.clone(),
                        confidence: s.confidence,
                    })
                    .collect(),
            }
        })
        .collect();
    let issues = state
        .issues
        .iter()
        .map(|&i| issue_stands(state, i))
        .filter(|s| !s.stands.is_empty())
        .collect();
    let changes = since.map(|from| {
        let to = state.filter.as_of.unwrap_or_else(|| latest_date(state));
        let mut filter = state.filter.clone();
        filter.as_of = None;
        diff::find(r, filter, from, to.max(from))
    });
    Brief {
        as_of: state.filter.as_of,
        parties,
        issues,
        conflicts: conflicts::by_issue(state, false),
        bargaining: bargaining::find(state),
        changes,
    }
}

fn issue_stands(state: &NegotiationState, issue: IssueIdx) -> IssueStands {
    let r = state.record;
    let stands = state
        .stances_on(issue)
        .iter()
        .filter(|s| state.keeps(&[s.party]))
        .map(|s| Stand {
            party: ActorRef::new(r, s.party),
            camp: s.camp,
            via: via(state, s),
            claims: s.claims.iter().map(|&c| Claim::of(state, c)).collect(),
        })
        .collect();
    IssueStands {
        issue: r.issue(issue).id.clone(),
        title: r.issue(issue).title.clone(),
        stands,
    }
}

/// The date of the record's latest claim.
fn latest_date(state: &NegotiationState) -> Date {
    let r = state.record;
    let positions = r.positions.iter().map(|p| p.date);
    let demands = r.demands.iter().map(|d| d.date);
    let concessions = r.concessions.iter().map(|c| c.date);
    positions
        .chain(demands)
        .chain(concessions)
        .max()
        .unwrap_or_else(|| Date::parse("1970-01-01").expect("a valid date"))
}
