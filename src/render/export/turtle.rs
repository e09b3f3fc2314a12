//! RDF Turtle with the small `sm:` vocabulary documented in `docs/exporting.md`,
//! for SPARQL stores (Oxigraph, Apache Jena, GraphDB) and RDF tooling.
//!
//! RDF has no edge properties, so positions are resources (`sm:Position` with
//! `sm:actor`, `sm:issue`, `sm:stance`, …) as demands and concessions are. Things
//! are named `<urn:stancemap:KIND:ID>`; a position without an id is named by
//! actor, issue and date. Keywords are plain literals (`"oppose"`), dates
//! `xsd:date` or, at month precision, `xsd:gYearMonth`; sources are blank nodes.

use super::position_keys;
use crate::model::*;
use std::io::{self, Write};

pub const VOCAB: &str = "https://w3id.org/stancemap/vocab#";

/// The predicate-object pairs of one subject, written as one Turtle statement.
struct Subject {
    iri: String,
    class: &'static str,
    pairs: Vec<(&'static str, String)>,
}

impl Subject {
    fn new(iri: String, class: &'static str) -> Subject {
        Subject {
            iri,
            class,
            pairs: Vec::new(),
        }
    }

    fn lit(&mut self, pred: &'static str, text: &str) -> &mut Self {
        self.pairs.push((pred, literal(text)));
        self
    }

    fn opt(&mut self, pred: &'static str, text: Option<&str>) -> &mut Self {
        if let Some(t) = text {
            self.lit(pred, t);
        }
        self
    }

    fn iri(&mut self, pred: &'static str, iri: String) -> &mut Self {
        self.pairs.push((pred, iri));
        self
    }

    fn date(&mut self, date: Date) -> &mut Self {
        let datatype = match date.precision() {
            Precision::Day => "xsd:date",
            Precision::Month => "xsd:gYearMonth",
            Precision::Year => "xsd:gYear",
        };
        self.pairs
            .push(("sm:date", format!("\"{date}\"^^{datatype}")));
        self
    }

    fn sources(&mut self, sources: &[Source]) -> &mut Self {
        for s in sources {
            self.pairs.push((
                "sm:source",
                format!(
                    "[ sm:doc {} ; sm:quote {} ; sm:confidence {} ]",
                    literal(&s.doc),
                    literal(&s.quote),
                    literal(s.confidence.as_str())
                ),
            ));
        }
        self
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{} a {}", self.iri, self.class)?;
        for (pred, object) in &self.pairs {
            write!(out, " ;\n    {pred} {object}")?;
        }
        writeln!(out, " .\n")
    }
}

fn node(kind: &str, id: &str) -> String {
    // Ids are slugs and position keys slugs with `--`/`~`: all legal in an IRI.
    format!("<urn:stancemap:{kind}:{id}>")
}

pub fn write(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    writeln!(out, "@prefix sm: <{VOCAB}> .")?;
    writeln!(
        out,
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."
    )?;
    writeln!(out, "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")?;
    let actor = |a: ActorIdx| node("actor", &record.actor(a).id);
    let issue = |i: IssueIdx| node("issue", &record.issue(i).id);
    let demand = |d: DemandIdx| node("demand", &record.demand(d).id);
    let event = |e: EventIdx| node("event", &record.event(e).id);
    let keys = position_keys(record);

    for a in &record.actors {
        let mut s = Subject::new(node("actor", &a.id), "sm:Actor");
        s.lit("sm:id", &a.id)
            .lit("rdfs:label", &a.name)
            .lit("sm:name", &a.name)
            .lit("sm:kind", a.kind.as_str());
        for alias in &a.aliases {
            s.lit("sm:alias", alias);
        }
        for m in &a.member_of {
            s.iri("sm:memberOf", actor(*m));
        }
        s.opt("sm:role", a.role.as_deref())
            .opt("sm:notes", a.notes.as_deref())
            .sources(&a.sources)
            .write(out)?;
    }
    for i in &record.issues {
        let mut s = Subject::new(node("issue", &i.id), "sm:Issue");
        s.lit("sm:id", &i.id)
            .lit("rdfs:label", &i.title)
            .lit("sm:title", &i.title)
            .lit("sm:category", i.category.as_str())
            .opt("sm:description", i.description.as_deref());
        if let Some(p) = i.parent {
            s.iri("sm:parent", issue(p));
        }
        s.sources(&i.sources).write(out)?;
    }
    for (p, key) in record.positions.iter().zip(&keys) {
        let mut s = Subject::new(node("position", key), "sm:Position");
        s.opt("sm:id", p.id.as_deref())
            .iri("sm:actor", actor(p.actor))
            .iri("sm:issue", issue(p.issue))
            .lit("sm:stance", p.stance.as_str())
            .lit("sm:strength", p.strength.as_str())
            .lit("sm:summary", &p.summary)
            .date(p.date)
            .opt("sm:conditions", p.conditions.as_deref());
        if let Some(e) = p.event {
            s.iri("sm:event", event(e));
        }
        s.opt("sm:notes", p.notes.as_deref())
            .sources(&p.sources)
            .write(out)?;
    }
    for d in &record.demands {
        let mut s = Subject::new(node("demand", &d.id), "sm:Demand");
        s.lit("sm:id", &d.id).iri("sm:by", actor(d.by));
        for of in &d.of {
            s.iri("sm:of", actor(*of));
        }
        s.iri("sm:issue", issue(d.issue))
            .lit("sm:stance", d.stance.as_str())
            .lit("sm:text", &d.text)
            .lit("sm:priority", d.priority.as_str())
            .lit("sm:status", d.status.as_str())
            .date(d.date);
        for c in &d.conflicts_with {
            let target = match *c {
                ClaimRef::Demand(o) => demand(o),
                ClaimRef::Position(p) => node("position", &keys[p.index()]),
            };
            s.iri("sm:conflictsWith", target);
        }
        if let Some(e) = d.event {
            s.iri("sm:event", event(e));
        }
        s.opt("sm:notes", d.notes.as_deref())
            .sources(&d.sources)
            .write(out)?;
    }
    for c in &record.concessions {
        let mut s = Subject::new(node("concession", &c.id), "sm:Concession");
        s.lit("sm:id", &c.id).iri("sm:by", actor(c.by));
        for to in &c.to {
            s.iri("sm:to", actor(*to));
        }
        s.iri("sm:issue", issue(c.issue))
            .opt("sm:stance", c.stance.map(|d| d.as_str()));
        for d in &c.answers {
            s.iri("sm:answers", demand(*d));
        }
        s.lit("sm:text", &c.text)
            .lit("sm:status", c.status.as_str())
            .date(c.date);
        if let Some(e) = c.event {
            s.iri("sm:event", event(e));
        }
        s.opt("sm:notes", c.notes.as_deref())
            .sources(&c.sources)
            .write(out)?;
    }
    for e in &record.events {
        let mut s = Subject::new(node("event", &e.id), "sm:Event");
        s.lit("sm:id", &e.id)
            .lit("rdfs:label", &e.title)
            .lit("sm:kind", e.kind.as_str())
            .lit("sm:title", &e.title)
            .date(e.date)
            .opt("sm:place", e.place.as_deref());
        for p in &e.participants {
            s.iri("sm:participant", actor(*p));
        }
        s.opt("sm:notes", e.notes.as_deref())
            .sources(&e.sources)
            .write(out)?;
    }
    Ok(())
}

/// A Turtle string literal with the escapes `STRING_LITERAL_QUOTE` needs.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn positions_are_resources_with_escaped_literals() {
        let mut out = Vec::new();
        write(&mut out, &sample()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("<urn:stancemap:position:russia--nato--2025-02-18> a sm:Position"));
        assert!(text.contains(r#"sm:summary "It's \"so\"""#));
        assert!(text.contains(r#"sm:notes "line one\nline <two> & 'three'""#));
        assert!(text.contains(r#"sm:date "2025-02-18"^^xsd:date"#));
        assert!(
            text.contains("sm:conflictsWith <urn:stancemap:position:ukraine--nato--2025-02-18>")
        );
    }
}
