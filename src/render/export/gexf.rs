//! GEXF 1.2 (<https://gexf.net/>), Gephi's own format, also read by networkx.
//!
//! Attributes are declared per class with numeric ids; a node's label is its
//! caption, an edge's label its relationship type (also the `relation` attribute).
//! The record's `id` is the `record_id` attribute: Gephi keeps `id` for itself.

use super::{all_props, xml_attr_name, xml_escape, PropertyGraph, EDGE_SCHEMA, NODE_SCHEMA};
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, g: &PropertyGraph) -> io::Result<()> {
    let node_attrs = {
        let mut keys = vec!["type"];
        keys.extend(all_props(NODE_SCHEMA));
        keys
    };
    let edge_attrs = {
        let mut keys = vec!["relation", "uid"];
        keys.extend(all_props(EDGE_SCHEMA));
        keys
    };
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">"#
    )?;
    writeln!(out, "  <meta>\n    <creator>stancemap</creator>\n  </meta>")?;
    writeln!(out, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    declare(out, "node", &node_attrs)?;
    declare(out, "edge", &edge_attrs)?;
    let index = |attrs: &[&str], name: &str| attrs.iter().position(|a| *a == name).unwrap();
    writeln!(out, "    <nodes>")?;
    for n in &g.nodes {
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            xml_escape(&n.uid),
            xml_escape(&n.caption)
        )?;
        writeln!(out, "        <attvalues>")?;
        attvalue(out, index(&node_attrs, "type"), n.label)?;
        for (name, value) in &n.props {
            attvalue(out, index(&node_attrs, name), &value.as_text())?;
        }
        writeln!(out, "        </attvalues>\n      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" label="{}">"#,
            xml_escape(&e.source),
            xml_escape(&e.target),
            e.rel
        )?;
        writeln!(out, "        <attvalues>")?;
        attvalue(out, index(&edge_attrs, "relation"), e.rel)?;
        attvalue(out, index(&edge_attrs, "uid"), &e.uid)?;
        for (name, value) in &e.props {
            attvalue(out, index(&edge_attrs, name), &value.as_text())?;
        }
        writeln!(out, "        </attvalues>\n      </edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

fn declare(out: &mut dyn Write, class: &str, attrs: &[&str]) -> io::Result<()> {
    writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
    for (i, a) in attrs.iter().enumerate() {
        writeln!(
            out,
            r#"      <attribute id="{i}" title="{}" type="string"/>"#,
            xml_attr_name(a)
        )?;
    }
    writeln!(out, "    </attributes>")
}

fn attvalue(out: &mut dyn Write, id: usize, value: &str) -> io::Result<()> {
    writeln!(
        out,
        r#"          <attvalue for="{id}" value="{}"/>"#,
        xml_escape(value)
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn writes_labels_and_attvalues() {
        let mut out = Vec::new();
        write(&mut out, &PropertyGraph::build(&sample())).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#"<node id="actor:russia" label="Russia">"#));
        assert!(text.contains(r#"label="POSITION">"#));
        assert!(text.contains("&quot;so&quot;"));
    }
}
