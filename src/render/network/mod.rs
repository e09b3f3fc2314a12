//! Discourse networks written out: JSON, CSV (edge list or matrix), GraphML and
//! DOT, for one network or a series of windows.
//!
//! Edge lists stream row by row (a 100k-position record has millions of edges).
//! GraphML follows what Gephi, visone and networkx read cleanly: every key
//! declared with its type, `label` on nodes, `weight` as a double on edges, one
//! scalar per key (no lists joined into strings), and one `<graph>` per window
//! with its `start`, `end` and `statements` as graph data.

use crate::model::Record;
use crate::query::network::{Count, Network, Series, Snapshot, TwoModeRow, Window};
use crate::render::dot::{label, node_name, quote};
use crate::render::export::xml_escape;
use std::io::{self, Write};

mod text;

use text::{json_str, push_num, Num, QuotedIds};

fn window_dates(w: Option<Window>) -> (String, String) {
    match w {
        Some(w) => (w.start_date().to_string(), w.last_date().to_string()),
        None => (String::new(), String::new()),
    }
}

fn json_header<T>(out: &mut dyn Write, series: &Series<T>, mode: &str) -> io::Result<()> {
    let spec = &series.spec;
    let source = match spec.source {
        crate::query::network::Source::Live => "live",
        crate::query::network::Source::Statements => "statements",
        crate::query::network::Source::Windows(_) => "windows",
    };
    write!(
        out,
        "{{\n  \"mode\": \"{mode}\",\n  \"kind\": {},\n  \"count\": {},\n  \"normalize\": {},\n  \"source\": \"{source}\",\n  \"networks\": [",
        serde_json::to_string(&spec.kind).map_err(io::Error::other)?,
        serde_json::to_string(&spec.count).map_err(io::Error::other)?,
        serde_json::to_string(&spec.normalize).map_err(io::Error::other)?,
    )
}

fn json_window<T>(out: &mut dyn Write, snap: &Snapshot<T>) -> io::Result<()> {
    match snap.window {
        Some(w) => write!(
            out,
            "\n    {{\n      \"start\": \"{}\",\n      \"end\": \"{}\",",
            w.start_date(),
            w.last_date()
        )?,
        None => write!(
            out,
            "\n    {{\n      \"start\": null,\n      \"end\": null,"
        )?,
    }
    write!(out, "\n      \"statements\": {},", snap.statements)
}

/// `{mode, kind, count, normalize, source, networks: [{start, end, statements, nodes, edges}]}`.
pub fn one_mode_json(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Network>,
) -> io::Result<()> {
    json_header(out, series, "one-mode")?;
    let mut quoted_ids = QuotedIds::new(record);
    for (k, snap) in series.snapshots.iter().enumerate() {
        if k > 0 {
            write!(out, ",")?;
        }
        json_window(out, snap)?;
        write!(out, "\n      \"nodes\": [")?;
        for (i, n) in snap.network.nodes.iter().enumerate() {
            let actor = record.actor(n.party);
            write!(out, "{}\n        {{\"id\": ", if i > 0 { "," } else { "" })?;
            json_str(out, &actor.id)?;
            write!(out, ", \"name\": ")?;
            json_str(out, &actor.name)?;
            write!(out, ", \"activity\": {}}}", Num(n.activity))?;
        }
        write!(out, "\n      ],\n      \"edges\": [")?;
        // Millions of edges at scale: each is put together in one buffer, from
        // ids quoted once, and written with one call.
        let mut line = Vec::with_capacity(160);
        for (i, e) in snap.network.edges.iter().enumerate() {
            line.clear();
            line.extend_from_slice(if i > 0 { b",\n" } else { b"\n" });
            line.extend_from_slice(b"        {\"a\": ");
            line.extend_from_slice(quoted_ids.get(e.a).as_bytes());
            line.extend_from_slice(b", \"b\": ");
            line.extend_from_slice(quoted_ids.get(e.b).as_bytes());
            line.extend_from_slice(b", \"weight\": ");
            push_num(&mut line, e.weight);
            line.extend_from_slice(b", \"congruence\": ");
            push_num(&mut line, e.congruence);
            line.extend_from_slice(b", \"conflict\": ");
            push_num(&mut line, e.conflict);
            line.push(b'}');
            out.write_all(&line)?;
        }
        write!(out, "\n      ]\n    }}")?;
    }
    writeln!(out, "\n  ]\n}}")
}

/// Two-mode rows: `{party, issue, support, oppose, value}` per window.
pub fn two_mode_json(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Vec<TwoModeRow>>,
) -> io::Result<()> {
    json_header(out, series, "two-mode")?;
    let count = series.spec.count;
    for (k, snap) in series.snapshots.iter().enumerate() {
        if k > 0 {
            write!(out, ",")?;
        }
        json_window(out, snap)?;
        write!(out, "\n      \"rows\": [")?;
        for (i, r) in snap.network.iter().enumerate() {
            write!(
                out,
                "{}\n        {{\"party\": ",
                if i > 0 { "," } else { "" }
            )?;
            json_str(out, &record.actor(r.party).id)?;
            write!(out, ", \"issue\": ")?;
            json_str(out, &record.issue(r.issue).id)?;
            write!(
                out,
                ", \"support\": {}, \"oppose\": {}, \"value\": {}}}",
                r.support,
                r.oppose,
                r.value(count)
            )?;
        }
        write!(out, "\n      ]\n    }}")?;
    }
    writeln!(out, "\n  ]\n}}")
}

/// Edge list: `start,end,a,b,weight,congruence,conflict` (ids are slugs: no quoting needed).
pub fn one_mode_csv(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Network>,
) -> io::Result<()> {
    writeln!(out, "start,end,a,b,weight,congruence,conflict")?;
    for snap in &series.snapshots {
        let (start, end) = window_dates(snap.window);
        for e in &snap.network.edges {
            writeln!(
                out,
                "{start},{end},{},{},{},{},{}",
                record.actor(e.a).id,
                record.actor(e.b).id,
                Num(e.weight),
                Num(e.congruence),
                Num(e.conflict)
            )?;
        }
    }
    Ok(())
}

/// Edge list: `start,end,party,issue,support,oppose,value`.
pub fn two_mode_csv(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Vec<TwoModeRow>>,
) -> io::Result<()> {
    writeln!(out, "start,end,party,issue,support,oppose,value")?;
    for snap in &series.snapshots {
        let (start, end) = window_dates(snap.window);
        for r in &snap.network {
            writeln!(
                out,
                "{start},{end},{},{},{},{},{}",
                record.actor(r.party).id,
                record.issue(r.issue).id,
                r.support,
                r.oppose,
                r.value(series.spec.count)
            )?;
        }
    }
    Ok(())
}

/// The party × party matrix of one network (symmetric, 0 on the diagonal).
pub fn one_mode_matrix(out: &mut dyn Write, record: &Record, network: &Network) -> io::Result<()> {
    let parties: Vec<_> = network.nodes.iter().map(|n| n.party).collect();
    let at = |p| parties.binary_search(&p).expect("edges join nodes");
    let n = parties.len();
    let mut m = vec![0.0; n * n];
    for e in &network.edges {
        let (i, j) = (at(e.a), at(e.b));
        m[i * n + j] = e.weight;
        m[j * n + i] = e.weight;
    }
    write!(out, "\"\"")?;
    for &p in &parties {
        write!(out, ",{}", record.actor(p).id)?;
    }
    writeln!(out)?;
    for (i, &p) in parties.iter().enumerate() {
        write!(out, "{}", record.actor(p).id)?;
        for v in &m[i * n..(i + 1) * n] {
            write!(out, ",{v}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The party × issue matrix of one two-mode network.
pub fn two_mode_matrix(
    out: &mut dyn Write,
    record: &Record,
    rows: &[TwoModeRow],
    count: Count,
) -> io::Result<()> {
    let mut parties: Vec<_> = rows.iter().map(|r| r.party).collect();
    parties.dedup();
    let mut issues: Vec<_> = rows.iter().map(|r| r.issue).collect();
    issues.sort_unstable();
    issues.dedup();
    write!(out, "\"\"")?;
    for &i in &issues {
        write!(out, ",{}", record.issue(i).id)?;
    }
    writeln!(out)?;
    let mut k = 0;
    for &p in &parties {
        write!(out, "{}", record.actor(p).id)?;
        for &i in &issues {
            if k < rows.len() && rows[k].party == p && rows[k].issue == i {
                write!(out, ",{}", rows[k].value(count))?;
                k += 1;
            } else {
                write!(out, ",0")?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

const GRAPHML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="record_id" for="node" attr.name="record_id" attr.type="string"/>
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="activity" for="node" attr.name="activity" attr.type="double"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="congruence" for="edge" attr.name="congruence" attr.type="double"/>
  <key id="conflict" for="edge" attr.name="conflict" attr.type="double"/>
  <key id="support" for="edge" attr.name="support" attr.type="double"/>
  <key id="oppose" for="edge" attr.name="oppose" attr.type="double"/>
  <key id="start" for="graph" attr.name="start" attr.type="string"/>
  <key id="end" for="graph" attr.name="end" attr.type="string"/>
  <key id="statements" for="graph" attr.name="statements" attr.type="long"/>
"#;

/// Node ids are unique in the whole document: with several windows each graph's
/// ids carry its window number (`w3:russia`); `record_id` keeps the plain id.
fn node_prefix(series_len: usize, k: usize) -> String {
    if series_len > 1 {
        format!("w{k}:")
    } else {
        String::new()
    }
}

fn graph_open<T>(out: &mut dyn Write, k: usize, snap: &Snapshot<T>) -> io::Result<()> {
    writeln!(out, "  <graph id=\"g{k}\" edgedefault=\"undirected\">")?;
    if let Some(w) = snap.window {
        writeln!(out, "    <data key=\"start\">{}</data>", w.start_date())?;
        writeln!(out, "    <data key=\"end\">{}</data>", w.last_date())?;
    }
    writeln!(
        out,
        "    <data key=\"statements\">{}</data>",
        snap.statements
    )
}

fn graphml_node(
    out: &mut dyn Write,
    id: &str,
    label: &str,
    record_id: &str,
    kind: &str,
    activity: Option<f64>,
) -> io::Result<()> {
    write!(
        out,
        "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"record_id\">{}</data><data key=\"kind\">{kind}</data>",
        xml_escape(id),
        xml_escape(label),
        xml_escape(record_id)
    )?;
    if let Some(a) = activity {
        write!(out, "<data key=\"activity\">{a}</data>")?;
    }
    writeln!(out, "</node>")
}

pub fn one_mode_graphml(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Network>,
) -> io::Result<()> {
    out.write_all(GRAPHML_HEAD.as_bytes())?;
    let len = series.snapshots.len();
    for (k, snap) in series.snapshots.iter().enumerate() {
        let prefix = node_prefix(len, k);
        graph_open(out, k, snap)?;
        for n in &snap.network.nodes {
            let a = record.actor(n.party);
            graphml_node(
                out,
                &format!("{prefix}{}", a.id),
                &a.name,
                &a.id,
                a.kind.as_str(),
                Some(n.activity),
            )?;
        }
        for e in &snap.network.edges {
            writeln!(
                out,
                "    <edge source=\"{prefix}{}\" target=\"{prefix}{}\"><data key=\"weight\">{}</data><data key=\"congruence\">{}</data><data key=\"conflict\">{}</data></edge>",
                xml_escape(&record.actor(e.a).id),
                xml_escape(&record.actor(e.b).id),
                e.weight,
                e.congruence,
                e.conflict
            )?;
        }
        writeln!(out, "  </graph>")?;
    }
    writeln!(out, "</graphml>")
}

/// Parties and issues as two kinds of node (`kind` says which); edge `weight` is the value.
pub fn two_mode_graphml(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Vec<TwoModeRow>>,
) -> io::Result<()> {
    out.write_all(GRAPHML_HEAD.as_bytes())?;
    let len = series.snapshots.len();
    for (k, snap) in series.snapshots.iter().enumerate() {
        let prefix = node_prefix(len, k);
        graph_open(out, k, snap)?;
        let mut parties: Vec<_> = snap.network.iter().map(|r| r.party).collect();
        parties.dedup();
        let mut issues: Vec<_> = snap.network.iter().map(|r| r.issue).collect();
        issues.sort_unstable();
        issues.dedup();
        for p in parties {
            let a = record.actor(p);
            graphml_node(
                out,
                &format!("{prefix}actor:{}", a.id),
                &a.name,
                &a.id,
                "party",
                None,
            )?;
        }
        for i in issues {
            let issue = record.issue(i);
            graphml_node(
                out,
                &format!("{prefix}issue:{}", issue.id),
                &issue.title,
                &issue.id,
                "issue",
                None,
            )?;
        }
        for r in &snap.network {
            writeln!(
                out,
                "    <edge source=\"{prefix}actor:{}\" target=\"{prefix}issue:{}\"><data key=\"weight\">{}</data><data key=\"support\">{}</data><data key=\"oppose\">{}</data></edge>",
                xml_escape(&record.actor(r.party).id),
                xml_escape(&record.issue(r.issue).id),
                r.value(series.spec.count),
                r.support,
                r.oppose
            )?;
        }
        writeln!(out, "  </graph>")?;
    }
    writeln!(out, "</graphml>")
}

/// A weight as an edge label: at most three decimals, no trailing zeros.
fn short(w: f64) -> String {
    let s = format!("{w:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One network as DOT: edge width by |weight|, green for agreement (positive),
/// red for conflict (the conflict network, or a negative subtract weight).
pub fn one_mode_dot(record: &Record, network: &Network, conflict: bool, title: &str) -> String {
    let mut s = String::from("graph network {\n");
    s.push_str(&format!(
        "  graph [layout=neato, overlap=false, splines=true, fontname=\"Helvetica\", label={}, labelloc=t];\n",
        quote(title)
    ));
    s.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f4f4\", fontname=\"Helvetica\", fontsize=11];\n");
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for n in &network.nodes {
        let a = record.actor(n.party);
        s.push_str(&format!(
            "  {} [label={}];\n",
            node_name("actor", &a.id),
            quote(&label(&a.name))
        ));
    }
    let max = network
        .edges
        .iter()
        .map(|e| e.weight.abs())
        .fold(0.0, f64::max);
    for e in &network.edges {
        let red = conflict || e.weight < 0.0;
        let width = if max > 0.0 {
            1.0 + 4.0 * e.weight.abs() / max
        } else {
            1.0
        };
        s.push_str(&format!(
            "  {} -- {} [label=\"{}\", penwidth={width:.2}, color=\"{}\"];\n",
            node_name("actor", &record.actor(e.a).id),
            node_name("actor", &record.actor(e.b).id),
            short(e.weight),
            if red { "#c0392b" } else { "#27ae60" }
        ));
    }
    s.push_str("}\n");
    s
}

fn table(header: &[&str]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .force_no_tty()
        .set_header(header.to_vec());
    t
}

/// For people: one table per network, strongest edges first.
pub fn one_mode_table(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Network>,
) -> io::Result<()> {
    for snap in &series.snapshots {
        if let Some(w) = snap.window {
            writeln!(
                out,
                "{} to {} ({} statements)",
                w.start_date(),
                w.last_date(),
                snap.statements
            )?;
        }
        let mut edges: Vec<_> = snap.network.edges.iter().collect();
        edges.sort_by(|x, y| y.weight.abs().total_cmp(&x.weight.abs()));
        let mut t = table(&["a", "b", "weight", "congruence", "conflict"]);
        for e in edges {
            t.add_row(vec![
                record.actor(e.a).id.clone(),
                record.actor(e.b).id.clone(),
                short(e.weight),
                short(e.congruence),
                short(e.conflict),
            ]);
        }
        writeln!(out, "{t}")?;
        writeln!(
            out,
            "{} parties, {} edges",
            snap.network.nodes.len(),
            snap.network.edges.len()
        )?;
    }
    Ok(())
}

pub fn two_mode_table(
    out: &mut dyn Write,
    record: &Record,
    series: &Series<Vec<TwoModeRow>>,
) -> io::Result<()> {
    for snap in &series.snapshots {
        if let Some(w) = snap.window {
            writeln!(
                out,
                "{} to {} ({} statements)",
                w.start_date(),
                w.last_date(),
                snap.statements
            )?;
        }
        let mut t = table(&["party", "issue", "support", "oppose", "value"]);
        for r in &snap.network {
            t.add_row(vec![
                record.actor(r.party).id.clone(),
                record.issue(r.issue).id.clone(),
                short(r.support),
                short(r.oppose),
                short(r.value(series.spec.count)),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}
