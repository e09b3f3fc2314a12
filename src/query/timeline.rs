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
    for d in &record.demands {
        if !(by(d.by) && on(d.issue)) {
            continue;
        }
        if when(d.date) {
            out.push(Entry {
                date: d.date,
                kind: "demand",
                id: Some(d.id.clone()),
                actor: id(d.by),
                issue: issue(d.issue),
                what: format!("{} ({}, {})", d.stance, d.priority, d.initial_status()),
                text: d.text.clone(),
            });
        }
        for t in d.transitions() {
            if when(t.date) {
                out.push(Entry {
                    date: t.date,
                    kind: "status-change",
                    id: Some(d.id.clone()),
                    actor: id(d.by),
                    issue: issue(d.issue),
                    what: format!("{} → {}", t.from, t.to),
                    text: d.text.clone(),
                });
            }
        }
    }
    for c in &record.concessions {
        if !(by(c.by) && on(c.issue)) {
            continue;
        }
        if when(c.date) {
            out.push(Entry {
                date: c.date,
                kind: "concession",
                id: Some(c.id.clone()),
                actor: id(c.by),
                issue: issue(c.issue),
                what: c.initial_status().to_string(),
                text: c.text.clone(),
            });
        }
        for t in c.transitions() {
            if when(t.date) {
                out.push(Entry {
                    date: t.date,
                    kind: "status-change",
                    id: Some(c.id.clone()),
                    actor: id(c.by),
                    issue: issue(c.issue),
                    what: format!("{} → {}", t.from, t.to),
                    text: c.text.clone(),
                });
            }
        }
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
