//! GraphML (<http://graphml.graphdrawing.org/>) for Gephi, yEd, networkx and igraph.
//!
//! Every property is a `string` key (lists joined with `;`), declared once per
//! domain; a node also carries `type` (its label) and `label` (its caption, which
//! Gephi shows), an edge `relation` (its type) and `uid`. The record's `id` is
//! `record_id`, as Gephi keeps `id` for itself.

use super::{all_props, xml_attr_name, xml_escape, PropertyGraph, EDGE_SCHEMA, NODE_SCHEMA};
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, g: &PropertyGraph) -> io::Result<()> {
    let node_keys = {
        let mut keys = vec!["type", "label"];
        keys.extend(all_props(NODE_SCHEMA));
        keys
    };
    let edge_keys = {
        let mut keys = vec!["relation", "uid"];
        keys.extend(all_props(EDGE_SCHEMA));
        keys
    };
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for k in &node_keys {
        writeln!(
            out,
            r#"  <key id="n_{k}" for="node" attr.name="{}" attr.type="string"/>"#,
            xml_attr_name(k)
        )?;
    }
    for k in &edge_keys {
        writeln!(
            out,
            r#"  <key id="e_{k}" for="edge" attr.name="{}" attr.type="string"/>"#,
            xml_attr_name(k)
        )?;
    }
    writeln!(out, r#"  <graph id="stancemap" edgedefault="directed">"#)?;
    for n in &g.nodes {
        writeln!(out, r#"    <node id="{}">"#, xml_escape(&n.uid))?;
        data(out, "n_type", n.label)?;
        data(out, "n_label", &n.caption)?;
        for (name, value) in &n.props {
            data(out, &format!("n_{name}"), &value.as_text())?;
        }
        writeln!(out, "    </node>")?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            xml_escape(&e.source),
            xml_escape(&e.target)
        )?;
        data(out, "e_relation", e.rel)?;
        data(out, "e_uid", &e.uid)?;
        for (name, value) in &e.props {
            data(out, &format!("e_{name}"), &value.as_text())?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn data(out: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(
        out,
        r#"      <data key="{key}">{}</data>"#,
        xml_escape(value)
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn escapes_and_declares_keys() {
        let mut out = Vec::new();
        write(&mut out, &PropertyGraph::build(&sample())).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#"<key id="e_stance" for="edge" attr.name="stance""#));
        assert!(text.contains("line &lt;two&gt; &amp; &apos;three&apos;"));
        assert!(text.contains(r#"<data key="e_relation">POSITION</data>"#));
        assert!(text.contains(r#"<key id="n_id" for="node" attr.name="record_id""#));
    }
}
