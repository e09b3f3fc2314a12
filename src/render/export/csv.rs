//! CSV for `neo4j-admin database import full`: one node file per label, one
//! relationship file per type, with Neo4j's header syntax (`uid:ID`, `:LABEL`,
//! `:START_ID`, `:END_ID`, `:TYPE`, `aliases:string[]`).
//!
//! Every non-empty field is quoted (`"` doubled inside); an absent property is an
//! empty unquoted field, which the importer reads as no property. List items are
//! joined with U+001F ([`super::ARRAY_DELIMITER`]), not the importer's default `;`,
//! which real aliases hold: import with `--array-delimiter=U+001F`. Texts may span
//! lines, so import with `--multiline-fields=true`.

use super::{is_list, PropertyGraph, EDGE_SCHEMA, NODE_SCHEMA};
use std::io::{self, Write};

/// One file of the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Nodes(&'static str),
    Edges(&'static str),
}

/// Every file, with its name: `nodes-actor.csv`, …, `rels-position.csv`, ….
pub fn parts() -> Vec<(String, Part)> {
    let nodes = NODE_SCHEMA.iter().map(|(label, _)| {
        (
            format!("nodes-{}.csv", label.to_lowercase()),
            Part::Nodes(label),
        )
    });
    let edges = EDGE_SCHEMA.iter().map(|(rel, _)| {
        (
            format!("rels-{}.csv", rel.to_lowercase().replace('_', "-")),
            Part::Edges(rel),
        )
    });
    nodes.chain(edges).collect()
}

pub fn write_part(out: &mut dyn Write, g: &PropertyGraph, part: Part) -> io::Result<()> {
    match part {
        Part::Nodes(label) => {
            let props = schema(NODE_SCHEMA, label);
            let mut header = vec!["uid:ID".to_string()];
            header.extend(props.iter().map(|p| column(p)));
            header.push(":LABEL".into());
            writeln!(out, "{}", header.join(","))?;
            for n in g.nodes.iter().filter(|n| n.label == label) {
                let mut fields = vec![n.uid.clone()];
                fields.extend(
                    props
                        .iter()
                        .map(|p| n.prop(p).map(|v| v.for_csv()).unwrap_or_default()),
                );
                fields.push(label.to_string());
                row(out, fields.iter().map(|f| f.as_str()))?;
            }
        }
        Part::Edges(rel) => {
            let props = schema(EDGE_SCHEMA, rel);
            let mut header: Vec<String> = [":START_ID", ":END_ID", ":TYPE", "uid"]
                .map(String::from)
                .into();
            header.extend(props.iter().map(|p| column(p)));
            writeln!(out, "{}", header.join(","))?;
            for e in g.edges.iter().filter(|e| e.rel == rel) {
                let mut fields = vec![
                    e.source.clone(),
                    e.target.clone(),
                    rel.into(),
                    e.uid.clone(),
                ];
                fields.extend(
                    props
                        .iter()
                        .map(|p| e.prop(p).map(|v| v.for_csv()).unwrap_or_default()),
                );
                row(out, fields.iter().map(|f| f.as_str()))?;
            }
        }
    }
    Ok(())
}

fn schema(table: &[(&str, &'static [&'static str])], name: &str) -> &'static [&'static str] {
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| *p)
        .unwrap_or(&[])
}

fn column(prop: &str) -> String {
    if is_list(prop) {
        format!("{prop}:string[]")
    } else {
        prop.to_string()
    }
}

fn row<'a>(out: &mut dyn Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let line: Vec<String> = fields.map(field).collect();
    writeln!(out, "{}", line.join(","))
}

/// Quotes a field; an empty one stays empty so the importer treats it as absent.
pub fn field(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("\"{}\"", text.replace('"', "\"\""))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn neo4j_headers_and_quoting() {
        let g = PropertyGraph::build(&sample());
        let mut out = Vec::new();
        write_part(&mut out, &g, Part::Nodes("Actor")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(
            "uid:ID,id,name,kind,aliases:string[],role,notes,sources:string[],:LABEL\n"
        ));
        assert!(text.contains(r#""A; ""B""""#), "{text}");
        assert!(text.contains(",,"), "an absent role is an empty field");
        let mut out = Vec::new();
        write_part(&mut out, &g, Part::Edges("POSITION")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(":START_ID,:END_ID,:TYPE,uid,id,stance"));
        assert_eq!(text.lines().count(), 3);
        assert!(parts().iter().any(|(n, _)| n == "rels-member-of.csv"));
    }
}
