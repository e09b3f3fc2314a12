//! Flattening the record into the [`PropertyGraph`] every graph export writes:
//! one node per actor, issue, demand, concession and event, one typed edge per
//! relation, each with the properties of [`NODE_SCHEMA`] and [`EDGE_SCHEMA`].
//! Kept apart from the types and the schema so the writers' shared vocabulary
//! reads in one short file.

use super::*;

struct Props(Vec<(&'static str, Prop)>);

impl Props {
    fn text(mut self, name: &'static str, value: impl ToString) -> Props {
        self.0.push((name, Prop::Text(value.to_string())));
        self
    }

    fn opt(self, name: &'static str, value: Option<impl ToString>) -> Props {
        match value {
            Some(v) => self.text(name, v),
            None => self,
        }
    }

    /// A list, left out when empty (an empty list and no list read the same).
    fn list(mut self, name: &'static str, items: Vec<String>) -> Props {
        if !items.is_empty() {
            self.0.push((name, Prop::List(items)));
        }
        self
    }
}

fn docs(sources: &[Source]) -> Vec<String> {
    sources.iter().map(|s| s.doc.clone()).collect()
}

impl PropertyGraph {
    /// Flattens the record; the relations are those of [`crate::graph::Edge`].
    pub fn build(record: &Record) -> PropertyGraph {
        let mut g = PropertyGraph::default();
        let edge = |g: &mut PropertyGraph,
                    rel: &'static str,
                    source: String,
                    target: String,
                    key: Option<&str>,
                    props: Vec<(&'static str, Prop)>| {
            let uid = match key {
                Some(k) => format!("{rel}:{source}->{target}@{k}"),
                None => format!("{rel}:{source}->{target}"),
            };
            g.edges.push(PEdge {
                uid,
                source,
                target,
                rel,
                props,
            });
        };
        let p = || Props(Vec::new());

        for a in &record.actors {
            g.nodes.push(PNode {
                uid: format!("actor:{}", a.id),
                label: "Actor",
                caption: a.name.clone(),
                props: p()
                    .text("id", &a.id)
                    .text("name", &a.name)
                    .text("kind", a.kind)
                    .list("aliases", a.aliases.clone())
                    .opt("role", a.role.as_ref())
                    .opt("notes", a.notes.as_ref())
                    .list("sources", docs(&a.sources))
                    .0,
            });
        }
        for i in &record.issues {
            g.nodes.push(PNode {
                uid: format!("issue:{}", i.id),
                label: "Issue",
                caption: i.title.clone(),
                props: p()
                    .text("id", &i.id)
                    .text("title", &i.title)
                    .text("category", i.category)
                    .opt("description", i.description.as_ref())
                    .0,
            });
        }
        for d in &record.demands {
            g.nodes.push(PNode {
                uid: format!("demand:{}", d.id),
                label: "Demand",
                caption: d.text.clone(),
                props: p()
                    .text("id", &d.id)
                    .text("text", &d.text)
                    .text("stance", d.stance)
                    .text("priority", d.priority)
                    .text("status", d.status)
                    .text("date", d.date)
                    .opt("notes", d.notes.as_ref())
                    .list("sources", docs(&d.sources))
                    .0,
            });
        }
        for c in &record.concessions {
            g.nodes.push(PNode {
                uid: format!("concession:{}", c.id),
                label: "Concession",
                caption: c.text.clone(),
                props: p()
                    .text("id", &c.id)
                    .text("text", &c.text)
                    .opt("stance", c.stance)
                    .text("status", c.status)
                    .text("date", c.date)
                    .opt("notes", c.notes.as_ref())
                    .list("sources", docs(&c.sources))
                    .0,
            });
        }
        for e in &record.events {
            g.nodes.push(PNode {
                uid: format!("event:{}", e.id),
                label: "Event",
                caption: e.title.clone(),
                props: p()
                    .text("id", &e.id)
                    .text("kind", e.kind)
                    .text("title", &e.title)
                    .text("date", e.date)
                    .opt("place", e.place.as_ref())
                    .opt("notes", e.notes.as_ref())
                    .list("sources", docs(&e.sources))
                    .0,
            });
        }

        for (i, a) in record.actors.iter().enumerate() {
            let me = actor_uid(record, ActorIdx(i as u32));
            for m in &a.member_of {
                edge(
                    &mut g,
                    "MEMBER_OF",
                    me.clone(),
                    actor_uid(record, *m),
                    None,
                    vec![],
                );
            }
        }
        for (i, issue) in record.issues.iter().enumerate() {
            if let Some(parent) = issue.parent {
                let me = issue_uid(record, IssueIdx(i as u32));
                edge(
                    &mut g,
                    "SUB_ISSUE_OF",
                    me,
                    issue_uid(record, parent),
                    None,
                    vec![],
                );
            }
        }
        let keys = position_keys(record);
        for (pos, key) in record.positions.iter().zip(&keys) {
            let props = p()
                .opt("id", pos.id.as_ref())
                .text("stance", pos.stance)
                .text("strength", pos.strength)
                .text("date", pos.date)
                .text("summary", &pos.summary)
                .opt("conditions", pos.conditions.as_ref())
                .opt("event", pos.event.map(|e| &record.event(e).id))
                .opt("notes", pos.notes.as_ref())
                .list("sources", docs(&pos.sources))
                .0;
            edge(
                &mut g,
                "POSITION",
                actor_uid(record, pos.actor),
                issue_uid(record, pos.issue),
                Some(key),
                props,
            );
        }
        for (i, d) in record.demands.iter().enumerate() {
            let me = demand_uid(record, DemandIdx(i as u32));
            edge(
                &mut g,
                "MAKES",
                actor_uid(record, d.by),
                me.clone(),
                None,
                vec![],
            );
            for of in &d.of {
                edge(
                    &mut g,
                    "ASKED_OF",
                    me.clone(),
                    actor_uid(record, *of),
                    None,
                    vec![],
                );
            }
            edge(
                &mut g,
                "ON",
                me.clone(),
                issue_uid(record, d.issue),
                None,
                vec![],
            );
            for other in &d.conflicts_with {
                match *other {
                    ClaimRef::Demand(o) => {
                        let target = demand_uid(record, o);
                        edge(&mut g, "CONFLICTS_WITH", me.clone(), target, None, vec![]);
                    }
                    ClaimRef::Position(pi) => {
                        let target = issue_uid(record, record.position(pi).issue);
                        let key = &keys[pi.index()];
                        let props = p().text("position", key).0;
                        edge(
                            &mut g,
                            "CONFLICTS_WITH",
                            me.clone(),
                            target,
                            Some(key),
                            props,
                        );
                    }
                }
            }
            if let Some(e) = d.event {
                edge(
                    &mut g,
                    "STATED_AT",
                    me.clone(),
                    event_uid(record, e),
                    None,
                    vec![],
                );
            }
        }
        for (i, c) in record.concessions.iter().enumerate() {
            let me = concession_uid(record, ConcessionIdx(i as u32));
            edge(
                &mut g,
                "GIVES",
                actor_uid(record, c.by),
                me.clone(),
                None,
                vec![],
            );
            for to in &c.to {
                edge(
                    &mut g,
                    "GIVEN_TO",
                    me.clone(),
                    actor_uid(record, *to),
                    None,
                    vec![],
                );
            }
            edge(
                &mut g,
                "ON",
                me.clone(),
                issue_uid(record, c.issue),
                None,
                vec![],
            );
            for d in &c.answers {
                edge(
                    &mut g,
                    "ANSWERS",
                    me.clone(),
                    demand_uid(record, *d),
                    None,
                    vec![],
                );
            }
            if let Some(e) = c.event {
                edge(
                    &mut g,
                    "STATED_AT",
                    me.clone(),
                    event_uid(record, e),
                    None,
                    vec![],
                );
            }
        }
        for (i, e) in record.events.iter().enumerate() {
            let me = event_uid(record, EventIdx(i as u32));
            for a in &e.participants {
                let from = actor_uid(record, *a);
                edge(&mut g, "PARTICIPATES_IN", from, me.clone(), None, vec![]);
            }
        }
        g
    }
}
