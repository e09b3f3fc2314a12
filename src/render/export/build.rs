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

/// The edges a demand and a concession share: who makes it (`by`), whom it is
/// addressed to (`to`), and its issue; the relation names differ by kind.
struct ClaimEdges<'a> {
    me: &'a str,
    by: (&'static str, ActorIdx),
    to: (&'static str, &'a [ActorIdx]),
    issue: IssueIdx,
}

fn docs(sources: &[Source]) -> Vec<String> {
    sources.iter().map(|s| s.doc.clone()).collect()
}

impl PropertyGraph {
    /// An edge; `key` tells apart parallel edges of one relation (a position's key).
    fn edge(
        &mut self,
        rel: &'static str,
        source: String,
        target: String,
        key: Option<&str>,
        props: Vec<(&'static str, Prop)>,
    ) {
        let uid = match key {
            Some(k) => format!("{rel}:{source}->{target}@{k}"),
            None => format!("{rel}:{source}->{target}"),
        };
        self.edges.push(PEdge {
            uid,
            source,
            target,
            rel,
            props,
        });
    }

    /// An edge without properties.
    fn link(&mut self, rel: &'static str, source: String, target: String) {
        self.edge(rel, source, target, None, vec![]);
    }

    fn claim_head(&mut self, record: &Record, claim: &ClaimEdges) {
        let me = claim.me.to_string();
        self.link(claim.by.0, actor_uid(record, claim.by.1), me.clone());
        for to in claim.to.1 {
            self.link(claim.to.0, me.clone(), actor_uid(record, *to));
        }
        self.link("ON", me, issue_uid(record, claim.issue));
    }

    fn stated_at(&mut self, record: &Record, me: &str, event: Option<EventIdx>) {
        if let Some(e) = event {
            self.link("STATED_AT", me.to_string(), event_uid(record, e));
        }
    }

    /// Flattens the record; the relations are those of [`crate::graph::Edge`].
    pub fn build(record: &Record) -> PropertyGraph {
        let mut g = PropertyGraph::default();
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
                g.link("MEMBER_OF", me.clone(), actor_uid(record, *m));
            }
        }
        for (i, issue) in record.issues.iter().enumerate() {
            if let Some(parent) = issue.parent {
                let me = issue_uid(record, IssueIdx(i as u32));
                g.link("SUB_ISSUE_OF", me, issue_uid(record, parent));
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
            let (from, to) = (actor_uid(record, pos.actor), issue_uid(record, pos.issue));
            g.edge("POSITION", from, to, Some(key), props);
        }
        for (i, d) in record.demands.iter().enumerate() {
            let me = demand_uid(record, DemandIdx(i as u32));
            let claim = ClaimEdges {
                me: &me,
                by: ("MAKES", d.by),
                to: ("ASKED_OF", &d.of),
                issue: d.issue,
            };
            g.claim_head(record, &claim);
            for other in &d.conflicts_with {
                match *other {
                    ClaimRef::Demand(o) => {
                        g.link("CONFLICTS_WITH", me.clone(), demand_uid(record, o));
                    }
                    ClaimRef::Position(pi) => {
                        let target = issue_uid(record, record.position(pi).issue);
                        let key = &keys[pi.index()];
                        let props = p().text("position", key).0;
                        g.edge("CONFLICTS_WITH", me.clone(), target, Some(key), props);
                    }
                }
            }
            g.stated_at(record, &me, d.event);
        }
        for (i, c) in record.concessions.iter().enumerate() {
            let me = concession_uid(record, ConcessionIdx(i as u32));
            let claim = ClaimEdges {
                me: &me,
                by: ("GIVES", c.by),
                to: ("GIVEN_TO", &c.to),
                issue: c.issue,
            };
            g.claim_head(record, &claim);
            for d in &c.answers {
                g.link("ANSWERS", me.clone(), demand_uid(record, *d));
            }
            g.stated_at(record, &me, c.event);
        }
        for (i, e) in record.events.iter().enumerate() {
            let me = event_uid(record, EventIdx(i as u32));
            for a in &e.participants {
                g.link("PARTICIPATES_IN", actor_uid(record, *a), me.clone());
            }
        }
        g
    }
}
