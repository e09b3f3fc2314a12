//! Cypher for Neo4j, Memgraph and other openCypher stores: `MERGE` statements
//! keyed on `uid`, so running the script again updates rather than duplicates.
//!
//! Nodes first (with a uniqueness constraint per label, which also indexes the
//! `MATCH` of the edges), then relationships, each keyed on its own `uid`.

use super::{Prop, PropertyGraph, NODE_SCHEMA};
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, g: &PropertyGraph) -> io::Result<()> {
    writeln!(
        out,
        "// stancemap export: run with cypher-shell < this-file"
    )?;
    for (label, _) in NODE_SCHEMA {
        writeln!(
            out,
            "CREATE CONSTRAINT {}_uid IF NOT EXISTS FOR (n:{label}) REQUIRE n.uid IS UNIQUE;",
            label.to_lowercase()
        )?;
    }
    let labels: std::collections::HashMap<&str, &str> =
        g.nodes.iter().map(|n| (n.uid.as_str(), n.label)).collect();
    let label_of = |uid: &str| labels.get(uid).copied().unwrap_or("Actor");
    for n in &g.nodes {
        writeln!(
            out,
            "MERGE (n:{} {{uid: {}}}) SET n += {};",
            n.label,
            string(&n.uid),
            map(&n.props)
        )?;
    }
    for e in &g.edges {
        writeln!(
            out,
            "MATCH (a:{} {{uid: {}}}), (b:{} {{uid: {}}}) MERGE (a)-[r:{} {{uid: {}}}]->(b) SET r += {};",
            label_of(&e.source),
            string(&e.source),
            label_of(&e.target),
            string(&e.target),
            e.rel,
            string(&e.uid),
            map(&e.props)
        )?;
    }
    Ok(())
}

fn map(props: &[(&str, Prop)]) -> String {
    let entries: Vec<String> = props
        .iter()
        .map(|(name, value)| {
            let v = match value {
                Prop::Text(t) => string(t),
                Prop::List(items) => {
                    let items: Vec<String> = items.iter().map(|i| string(i)).collect();
                    format!("[{}]", items.join(", "))
                }
            };
            format!("{name}: {v}")
        })
        .collect();
    format!("{{{}}}", entries.join(", "))
}

/// A single-quoted Cypher string literal with backslash escapes.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn merges_with_escaped_strings() {
        let mut out = Vec::new();
        write(&mut out, &PropertyGraph::build(&sample())).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("MERGE (n:Actor {uid: 'actor:russia'}) SET n += {id: 'russia'"));
        assert!(text.contains(r"'line one\nline <two> & \'three\''"));
        assert!(text.contains(r"'No, \\ never'"));
        assert!(text.contains("aliases: ['A; \"B\"']"));
        assert!(text.contains("-[r:POSITION {uid: "));
    }
}
