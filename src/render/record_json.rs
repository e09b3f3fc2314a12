//! The whole validated record as one JSON document, for other tools.
//!
//! Field names are the YAML's; references are written as ids, not indices; lists
//! are in the model's order (sorted by id; positions by actor, issue, date).

use crate::model::*;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonRecord<'a> {
    actors: Vec<JsonActor<'a>>,
    issues: Vec<JsonIssue<'a>>,
    positions: Vec<JsonPosition<'a>>,
    demands: Vec<JsonDemand<'a>>,
    concessions: Vec<JsonConcession<'a>>,
    events: Vec<JsonEvent<'a>>,
}

#[derive(Serialize)]
pub struct JsonSource<'a> {
    pub doc: &'a str,
    pub quote: &'a str,
    pub confidence: Confidence,
}

#[derive(Serialize)]
struct JsonActor<'a> {
    id: &'a str,
    name: &'a str,
    kind: ActorKind,
    aliases: &'a [String],
    member_of: Vec<&'a str>,
    role: Option<&'a str>,
    notes: Option<&'a str>,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonIssue<'a> {
    id: &'a str,
    title: &'a str,
    category: Category,
    description: Option<&'a str>,
    parent: Option<&'a str>,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonPosition<'a> {
    id: Option<&'a str>,
    actor: &'a str,
    issue: &'a str,
    stance: Stance,
    strength: Strength,
    summary: &'a str,
    date: Date,
    conditions: Option<&'a str>,
    event: Option<&'a str>,
    notes: Option<&'a str>,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonDemand<'a> {
    id: &'a str,
    by: &'a str,
    of: Vec<&'a str>,
    issue: &'a str,
    stance: Direction,
    text: &'a str,
    priority: Priority,
    status: DemandStatus,
    date: Date,
    conflicts_with: Vec<&'a str>,
    event: Option<&'a str>,
    notes: Option<&'a str>,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonConcession<'a> {
    id: &'a str,
    by: &'a str,
    to: Vec<&'a str>,
    issue: &'a str,
    stance: Option<Direction>,
    answers: Vec<&'a str>,
    text: &'a str,
    status: ConcessionStatus,
    date: Date,
    event: Option<&'a str>,
    notes: Option<&'a str>,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    kind: EventKind,
    title: &'a str,
    date: Date,
    place: Option<&'a str>,
    participants: Vec<&'a str>,
    notes: Option<&'a str>,
    sources: Vec<JsonSource<'a>>,
}

pub fn sources_json(sources: &[Source]) -> Vec<JsonSource<'_>> {
    sources
        .iter()
        .map(|s| JsonSource {
            doc: &s.doc,
            quote: &s.quote,
            confidence: s.confidence,
        })
        .collect()
}

/// The id a claim reference is written as.
pub fn claim_id(record: &Record, claim: ClaimRef) -> &str {
    match claim {
        ClaimRef::Demand(d) => &record.demand(d).id,
        // Only positions with an id can be named by conflicts_with.
        ClaimRef::Position(p) => record.position(p).id.as_deref().unwrap_or_default(),
    }
}

pub fn write(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    let actor_ids = |list: &'_ [ActorIdx]| -> Vec<&str> {
        list.iter().map(|a| record.actor(*a).id.as_str()).collect()
    };
    let event_id = |e: Option<EventIdx>| e.map(|e| record.event(e).id.as_str());
    let doc = JsonRecord {
        actors: record
            .actors
            .iter()
            .map(|a| JsonActor {
                id: &a.id,
                name: &a.name,
                kind: a.kind,
                aliases: &a.aliases,
                member_of: actor_ids(&a.member_of),
                role: a.role.as_deref(),
                notes: a.notes.as_deref(),
                sources: sources_json(&a.sources),
            })
            .collect(),
        issues: record
            .issues
            .iter()
            .map(|i| JsonIssue {
                id: &i.id,
                title: &i.title,
                category: i.category,
                description: i.description.as_deref(),
                parent: i.parent.map(|p| record.issue(p).id.as_str()),
                sources: sources_json(&i.sources),
            })
            .collect(),
        positions: record
            .positions
            .iter()
            .map(|p| JsonPosition {
                id: p.id.as_deref(),
                actor: &record.actor(p.actor).id,
                issue: &record.issue(p.issue).id,
                stance: p.stance,
                strength: p.strength,
                summary: &p.summary,
                date: p.date,
                conditions: p.conditions.as_deref(),
                event: event_id(p.event),
                notes: p.notes.as_deref(),
                sources: sources_json(&p.sources),
            })
            .collect(),
        demands: record
            .demands
            .iter()
            .map(|d| JsonDemand {
                id: &d.id,
                by: &record.actor(d.by).id,
                of: actor_ids(&d.of),
                issue: &record.issue(d.issue).id,
                stance: d.stance,
                text: &d.text,
                priority: d.priority,
                status: d.status,
                date: d.date,
                conflicts_with: d
                    .conflicts_with
                    .iter()
                    .map(|c| claim_id(record, *c))
                    .collect(),
                event: event_id(d.event),
                notes: d.notes.as_deref(),
                sources: sources_json(&d.sources),
            })
            .collect(),
        concessions: record
            .concessions
            .iter()
            .map(|c| JsonConcession {
                id: &c.id,
                by: &record.actor(c.by).id,
                to: actor_ids(&c.to),
                issue: &record.issue(c.issue).id,
                stance: c.stance,
                answers: c
                    .answers
                    .iter()
                    .map(|d| record.demand(*d).id.as_str())
                    .collect(),
                text: &c.text,
                status: c.status,
                date: c.date,
                event: event_id(c.event),
                notes: c.notes.as_deref(),
                sources: sources_json(&c.sources),
            })
            .collect(),
        events: record
            .events
            .iter()
            .map(|e| JsonEvent {
                id: &e.id,
                kind: e.kind,
                title: &e.title,
                date: e.date,
                place: e.place.as_deref(),
                participants: actor_ids(&e.participants),
                notes: e.notes.as_deref(),
                sources: sources_json(&e.sources),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
