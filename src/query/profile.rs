//! `actor` and `issue`: everything the state holds about one actor or one issue.
//!
//! An actor's profile gathers the claims of the party it counts as (with people
//! folded in, each claim saying who made it) and names its allies and opponents
//! from the state's relation, the same edges the other commands report.

use super::camps::{issue_camps, IssueCamps};
use super::{ActorRef, Claim, SourceInfo};
use crate::model::*;
use crate::state::{Basis, ClaimId, NegotiationState, Sign};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct EventInfo {
    pub id: String,
    pub kind: EventKind,
    pub title: String,
    pub date: Date,
    pub participants: Vec<String>,
}

/// Another party and how often, on which issues, it agrees or conflicts.
#[derive(Clone, Debug, Serialize)]
pub struct Relation {
    pub actor: ActorRef,
    pub count: usize,
    pub issues: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorProfile {
    pub actor: ActorRef,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub member_of: Vec<ActorRef>,
    pub members: Vec<ActorRef>,
    pub positions: Vec<Claim>,
    pub demands_made: Vec<Claim>,
    pub demands_received: Vec<Claim>,
    pub concessions_made: Vec<Claim>,
    pub concessions_received: Vec<Claim>,
    pub events: Vec<EventInfo>,
    pub allies: Vec<Relation>,
    pub opponents: Vec<Relation>,
    pub sources: Vec<SourceInfo>,
}

/// The parties linked to `me` by ties of one sign: how many ties, on which issues.
fn relations(state: &NegotiationState, me: ActorIdx, sign: Sign) -> Vec<Relation> {
    let r = state.record;
    let mut out: Vec<Relation> = state
        .relation()
        .links()
        .filter_map(|(a, b, l)| {
            let other = if a == me {
                b
            } else if b == me {
                a
            } else {
                return None;
            };
            let count = l.ties.iter().filter(|t| t.sign == sign).count();
            (count > 0).then(|| {
                let mut issues: Vec<String> = l
                    .issues(sign)
                    .iter()
                    .map(|&i| r.issue(i).id.clone())
                    .collect();
                issues.sort();
                issues.dedup();
                Relation {
                    actor: ActorRef::new(r, other),
                    count,
                    issues,
                }
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| x.actor.id.cmp(&y.actor.id))
    });
    out
}

pub fn actor(state: &NegotiationState, subject: ActorIdx) -> ActorProfile {
    let r = state.record;
    let me = state.party(subject);
    let a = r.actor(subject);
    let mine = |x: ActorIdx| state.party(x) == me;
    let mut current: Vec<PositionIdx> = state
        .stances()
        .iter()
        .filter(|s| s.party == me && s.basis == Basis::Own)
        .flat_map(|s| s.claims.iter())
        .filter_map(|c| match *c {
            ClaimId::Position(p) => Some(p),
            _ => None,
        })
        .collect();
    current.sort();
    current.dedup();
    let positions = current.iter().map(|&p| Claim::position(state, p)).collect();
    let demands_made = state
        .demands
        .iter()
        .filter(|&&d| mine(r.demand(d).by))
        .map(|&d| Claim::demand(state, d))
        .collect();
    let demands_received = state
        .demands
        .iter()
        .filter(|&&d| r.demand(d).of.iter().any(|&x| mine(x)))
        .map(|&d| Claim::demand(state, d))
        .collect();
    let concessions_made = state
        .concessions
        .iter()
        .filter(|&&c| mine(r.concession(c).by))
        .map(|&c| Claim::concession(state, c))
        .collect();
    let concessions_received = state
        .concessions
        .iter()
        .filter(|&&c| r.concession(c).to.iter().any(|&x| mine(x)))
        .map(|&c| Claim::concession(state, c))
        .collect();
    let events = state
        .events
        .iter()
        .filter(|&&e| r.event(e).participants.iter().any(|&x| mine(x)))
        .map(|&e| event_info(r, e))
        .collect();
    let mut members: Vec<ActorRef> = r
        .actors
        .iter()
        .enumerate()
        .filter(|(_, x)| x.member_of.contains(&subject))
        .map(|(i, _)| ActorRef::new(r, ActorIdx(i as u32)))
        .collect();
    members.sort();
    ActorProfile {
        actor: ActorRef::new(r, subject),
        kind: a.kind,
        role: a.role.clone(),
        member_of: a.member_of.iter().map(|&m| ActorRef::new(r, m)).collect(),
        members,
        positions,
        demands_made,
        demands_received,
        concessions_made,
        concessions_received,
        events,
        allies: relations(state, me, Sign::Agree),
        opponents: relations(state, me, Sign::Conflict),
        sources: a
            .sources
            .iter()
            .map(|s| SourceInfo {
                doc: s.doc.clone(),
                quote: s.quote.clone(),
                confidence: s.confidence,
            })
            .collect(),
    }
}

pub fn event_info(r: &Record, e: EventIdx) -> EventInfo {
    let ev = r.event(e);
    EventInfo {
        id: ev.id.clone(),
        kind: ev.kind,
        title: ev.title.clone(),
        date: ev.date,
        participants: ev
            .participants
            .iter()
            .map(|&p| r.actor(p).id.clone())
            .collect(),
    }
}

/// Who stands where on one issue (not its sub-issues), with the demands and
/// concessions on it.
#[derive(Clone, Debug, Serialize)]
pub struct IssueStances {
    pub issue: String,
    pub title: String,
    pub category: Category,
    pub parent: Option<String>,
    /// Parties' own current positions, by stance.
    pub support: Vec<Claim>,
    pub conditional: Vec<Claim>,
    pub oppose: Vec<Claim>,
    pub ambiguous: Vec<Claim>,
    pub demands: Vec<Claim>,
    pub concessions: Vec<Claim>,
    /// The camps as the state has them: blocs' silent members and sub-issues
    /// folded in (by polarity), the same camps `conflicts` and `camps` show.
    pub camps: IssueCamps,
    /// Observers' current positions on the issue (analysts, media): never in a camp.
    pub observers: Vec<Claim>,
}

/// The answer to `issue`: the issue first, then each sub-issue.
#[derive(Clone, Debug, Serialize)]
pub struct IssueProfile {
    pub issues: Vec<IssueStances>,
}

pub fn stances(state: &NegotiationState, issues: &[IssueIdx]) -> Vec<IssueStances> {
    let r = state.record;
    let position_claims = |list: &[crate::state::PartyStance], own_only: bool| {
        let mut out: Vec<PositionIdx> = list
            .iter()
            .filter(|s| !own_only || s.basis == Basis::Own)
            .filter(|s| state.keeps(&[s.party]))
            .flat_map(|s| s.claims.iter())
            .filter_map(|c| match *c {
                ClaimId::Position(p) => Some(p),
                _ => None,
            })
            .collect();
        out.sort();
        out.dedup();
        out
    };
    issues
        .iter()
        .map(|&i| {
            let issue = r.issue(i);
            let mut s = IssueStances {
                issue: issue.id.clone(),
                title: issue.title.clone(),
                category: issue.category,
                parent: issue.parent.map(|p| r.issue(p).id.clone()),
                support: vec![],
                conditional: vec![],
                oppose: vec![],
                ambiguous: vec![],
                demands: vec![],
                concessions: vec![],
                camps: issue_camps(state, i),
                observers: vec![],
            };
            for p in position_claims(state.stances_on(i), true) {
                if r.position(p).issue != i {
                    continue;
                }
                let claim = Claim::position(state, p);
                match r.position(p).stance {
                    Stance::Support => s.support.push(claim),
                    Stance::Conditional => s.conditional.push(claim),
                    Stance::Oppose => s.oppose.push(claim),
                    Stance::Ambiguous => s.ambiguous.push(claim),
                }
            }
            for list in [
                &mut s.support,
                &mut s.conditional,
                &mut s.oppose,
                &mut s.ambiguous,
            ] {
                list.sort_by(|a, b| a.actor.cmp(&b.actor));
            }
            let observed: Vec<crate::state::PartyStance> = state
                .observer_stances
                .iter()
                .filter(|o| o.issue == i)
                .cloned()
                .collect();
            s.observers = position_claims(&observed, false)
                .into_iter()
                .map(|p| Claim::position(state, p))
                .collect();
            s.demands = state
                .demands_on(i)
                .iter()
                .map(|&d| Claim::demand(state, d))
                .collect();
            s.concessions = state
                .concessions
                .iter()
                .filter(|&&c| r.concession(c).issue == i)
                .map(|&c| Claim::concession(state, c))
                .collect();
            s
        })
        .collect()
}

pub fn issue(state: &NegotiationState, root: IssueIdx) -> IssueProfile {
    let mut issues = state.record.issue_with_descendants(root);
    // The asked-for issue first, its sub-issues after in id order.
    issues.retain(|&i| i != root);
    issues.sort_by(|a, b| state.issue_id(*a).cmp(state.issue_id(*b)));
    issues.insert(0, root);
    IssueProfile {
        issues: stances(state, &issues),
    }
}
