//! `actor` and `issue`: everything the record holds about one actor or one issue.
//!
//! An actor's profile gathers the claims of the party it counts as (with people
//! folded in, each claim saying who made it) and names its allies and opponents
//! from the same overlaps and conflicts the other commands report.

use super::{conflicts, overlaps, ActorRef, Claim, SourceInfo, View};
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

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

fn relations<'a>(
    view: &View,
    me: ActorIdx,
    rows: impl Iterator<Item = ((ActorIdx, ActorIdx), &'a str)>,
) -> Vec<Relation> {
    let mut by_other: BTreeMap<String, (ActorIdx, usize, Vec<String>)> = BTreeMap::new();
    for ((a, b), issue) in rows {
        let other = if a == me {
            b
        } else if b == me {
            a
        } else {
            continue;
        };
        let entry = by_other
            .entry(view.actor_id(other).to_string())
            .or_insert((other, 0, vec![]));
        entry.1 += 1;
        if !entry.2.iter().any(|i| i == issue) {
            entry.2.push(issue.to_string());
        }
    }
    let mut out: Vec<Relation> = by_other
        .into_values()
        .map(|(a, count, mut issues)| {
            issues.sort();
            Relation {
                actor: ActorRef::new(view.record, a),
                count,
                issues,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| x.actor.id.cmp(&y.actor.id))
    });
    out
}

pub fn actor(view: &View, subject: ActorIdx) -> ActorProfile {
    let r = view.record;
    let me = view.party(subject);
    let a = r.actor(subject);
    let mine = |x: ActorIdx| view.party(x) == me;
    let positions = view
        .positions
        .iter()
        .filter(|&&p| mine(r.position(p).actor))
        .map(|&p| Claim::position(view, p))
        .collect();
    let demands_made = view
        .demands
        .iter()
        .filter(|&&d| mine(r.demand(d).by))
        .map(|&d| Claim::demand(view, d))
        .collect();
    let demands_received = view
        .demands
        .iter()
        .filter(|&&d| r.demand(d).of.iter().any(|&x| mine(x)))
        .map(|&d| Claim::demand(view, d))
        .collect();
    let concessions_made = view
        .concessions
        .iter()
        .filter(|&&c| mine(r.concession(c).by))
        .map(|&c| Claim::concession(view, c))
        .collect();
    let concessions_received = view
        .concessions
        .iter()
        .filter(|&&c| r.concession(c).to.iter().any(|&x| mine(x)))
        .map(|&c| Claim::concession(view, c))
        .collect();
    let events = view
        .events
        .iter()
        .filter(|&&e| r.event(e).participants.iter().any(|&x| mine(x)))
        .map(|&e| event_info(r, e))
        .collect();
    // Allies and opponents need only who and on which issue: the index rows, not
    // every row written out with its claims (gigabytes on a large record).
    let overlaps = overlaps::raw(view);
    let conflicts = conflicts::raw(view);
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
        allies: relations(
            view,
            me,
            overlaps
                .iter()
                .map(|o| (o.parties, r.issue(o.issue).id.as_str())),
        ),
        opponents: relations(
            view,
            me,
            conflicts
                .iter()
                .map(|c| (c.parties, r.issue(c.a.issue(r)).id.as_str())),
        ),
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
    pub support: Vec<Claim>,
    pub conditional: Vec<Claim>,
    pub oppose: Vec<Claim>,
    pub ambiguous: Vec<Claim>,
    pub demands: Vec<Claim>,
    pub concessions: Vec<Claim>,
}

/// The answer to `issue`: the issue first, then each sub-issue.
#[derive(Clone, Debug, Serialize)]
pub struct IssueProfile {
    pub issues: Vec<IssueStances>,
}

pub fn stances(view: &View, issues: &[IssueIdx]) -> Vec<IssueStances> {
    let r = view.record;
    let by_issue = view.positions_by_issue();
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
            };
            for &p in by_issue.get(&i).into_iter().flatten() {
                if !view.keeps(&[view.party(r.position(p).actor)]) {
                    continue;
                }
                let claim = Claim::position(view, p);
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
            s.demands = view
                .demands
                .iter()
                .filter(|&&d| r.demand(d).issue == i)
                .map(|&d| Claim::demand(view, d))
                .collect();
            s.concessions = view
                .concessions
                .iter()
                .filter(|&&c| r.concession(c).issue == i)
                .map(|&c| Claim::concession(view, c))
                .collect();
            s
        })
        .collect()
}

pub fn issue(view: &View, root: IssueIdx) -> IssueProfile {
    let mut issues = view.record.issue_with_descendants(root);
    // The asked-for issue first, its sub-issues after in id order.
    issues.retain(|&i| i != root);
    issues.sort_by(|a, b| view.issue_id(*a).cmp(view.issue_id(*b)));
    issues.insert(0, root);
    IssueProfile {
        issues: stances(view, &issues),
    }
}
