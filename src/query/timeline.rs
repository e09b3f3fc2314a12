//! Every dated thing in the record, in order: positions, demands, concessions,
//! events, and the dated status changes of demands and concessions.
//!
//! The actor filter keeps what an actor (or, for a party, anyone who speaks for
//! it) said or took part in; the issue filter keeps claims on the issue and its
//! sub-issues (events have no issue and drop out then). Entries sort by date
//! (interval start, wider first), then kind, then id and text, so the same
//! record gives the same timeline.

use crate::model::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Entry {
    pub date: Date,
    /// position, demand, concession, event, status-change.
    pub kind: &'static str,
    /// The claim's or event's id, when it has one.
    pub id: Option<String>,
    /// Who said it (the event's participants, joined, for an event).
    pub actor: String,
    pub issue: Option<String>,
    /// A stance, a direction, an event kind, or `from → to` for a status change.
    pub what: String,
    pub text: String,
}

pub struct TimelineFilter {
    pub actor: Option<ActorIdx>,
    pub issues: Option<Vec<IssueIdx>>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

pub fn timeline(record: &Record, f: &TimelineFilter) -> Vec<Entry> {
    let by = |a: ActorIdx| f.actor.is_none_or(|x| a == x || record.party_of(a) == x);
    let on = |i: IssueIdx| {
        f.issues
            .as_ref()
            .is_none_or(|l| l.binary_search(&i).is_ok())
    };
    let when = |d: Date| {
        f.from.is_none_or(|from| d.start() >= from.start())
            && f.to.is_none_or(|to| d.start() <= to.end())
    };
    let id = |a: ActorIdx| record.actor(a).id.clone();
    let issue = |i: IssueIdx| Some(record.issue(i).id.clone());
    let mut out = Vec::new();
    for p in &record.positions {
        if by(p.actor) && on(p.issue) && when(p.date) {
            out.push(Entry {
                date: p.date,
                kind: "position",
                id: p.id.clone(),
                actor: id(p.actor),
                issue: issue(p.issue),
                what: format!("{} ({})", p.stance, p.strength),
                text: p.summary.clone(),
            });
        }
    }
    // A demand's or concession's first step is the claim (`first` says what it
    // was); each later step is a change of status.
    let mut claim = |kind,
                     claim_id: &str,
                     actor,
                     on_issue,
                     steps: Vec<Step>,
                     first: &dyn Fn(&str) -> String,
                     text: &str| {
        for step in steps.into_iter().filter(|s| when(s.date)) {
            let (kind, what) = match step.from {
                None => (kind, first(step.to)),
                Some(from) => ("status-change", format!("{from} → {}", step.to)),
            };
            out.push(Entry {
                date: step.date,
                kind,
                id: Some(claim_id.to_string()),
                actor: id(actor),
                issue: issue(on_issue),
                what,
                text: text.to_string(),
            });
        }
    };
    for d in record.demands.iter().filter(|d| by(d.by) && on(d.issue)) {
        let first = |status: &str| format!("{} ({}, {status})", d.stance, d.priority);
        claim("demand", &d.id, d.by, d.issue, d.steps(), &first, &d.text);
    }
    for c in record
        .concessions
        .iter()
        .filter(|c| by(c.by) && on(c.issue))
    {
        let first = |status: &str| status.to_string();
        claim(
            "concession",
            &c.id,
            c.by,
            c.issue,
            c.steps(),
            &first,
            &c.text,
        );
    }
    if f.issues.is_none() {
        for e in &record.events {
            if when(e.date)
                && f.actor
                    .is_none_or(|_| e.participants.iter().any(|&a| by(a)))
            {
                out.push(Entry {
                    date: e.date,
                    kind: "event",
                    id: Some(e.id.clone()),
                    actor: e
                        .participants
                        .iter()
                        .map(|&a| id(a))
                        .collect::<Vec<_>>()
                        .join(", "),
                    issue: None,
                    what: e.kind.to_string(),
                    text: e.title.clone(),
                });
            }
        }
    }
    out.sort();
    out
}
