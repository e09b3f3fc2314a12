//! The finishing pass that makes any map fit for a briefing: a title and a
//! subtitle that state the record, the as-of date and every filter; a legend
//! written from the edge looks actually drawn; a cap on edges as well as nodes,
//! said on the map; and every label's colour checked against what lies behind
//! it and darkened until it reaches WCAG AA.
//!
//! It runs after a map is built and capped, so it holds for every map kind,
//! whatever builds it; [`label_contrasts`] is the same arithmetic the tests use
//! to check the result.

use super::style::{contrast, readable, EdgeLook, Rgb, BACKGROUND, MIN_CONTRAST};
use super::{html_text, Attrs, Map, MapNode};
use std::collections::{BTreeMap, BTreeSet};

/// What a map says about itself under its title.
#[derive(Clone, Debug, Default)]
pub struct Briefing {
    /// The record's name (its folder or file name).
    pub record: String,
    /// `2025-03-01`, or the latest claim's date when no `--as-of` was given.
    pub as_of: String,
    /// Whether the as-of date was asked for (`--as-of`) or is the record's latest.
    pub as_of_given: bool,
    /// Every filter in force, as the reader would say it (`category: territory`).
    pub filters: Vec<String>,
    /// What the caps left out (`12 nodes cut (--max-nodes 150)`).
    pub cuts: Vec<String>,
}

impl Briefing {
    pub fn subtitle(&self) -> String {
        let as_of = if self.as_of_given {
            format!("as of {}", self.as_of)
        } else {
            format!("as of {} (latest claim)", self.as_of)
        };
        let filters = if self.filters.is_empty() {
            "no filters".to_string()
        } else {
            format!("filters: {}", self.filters.join(", "))
        };
        let mut line = format!("Record: {} · {as_of} · {filters}", self.record);
        if !self.cuts.is_empty() {
            line.push_str(&format!("\nCut: {}", self.cuts.join("; ")));
        }
        line
    }
}

fn get<'a>(attrs: &'a Attrs, key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .rev()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}

/// Sets `key` to `value`, replacing every earlier value (DOT keeps the last,
/// but one value per key keeps the output and the checks simple).
pub fn set(attrs: &mut Attrs, key: &'static str, value: String) {
    attrs.retain(|(k, _)| *k != key);
    attrs.push((key, value));
}

/// The title, subtitle, legend and label colours; call after the caps.
pub fn finish(map: &mut Map, brief: &Briefing) {
    let title = get(&map.graph_attrs, "label")
        .unwrap_or(&map.name)
        .to_string();
    set(
        &mut map.graph_attrs,
        "label",
        format!("{title}\n{}", brief.subtitle()),
    );
    add_legend(map);
    fix_contrast(map);
    name_edges(map);
}

/// Gives every edge an SVG id from its ends (`e--actor_russia--actor_ukraine`,
/// `--2` for a second edge between the same nodes), so the HTML page can find
/// an edge's claims; the names follow the build order, which is deterministic.
fn name_edges(map: &mut Map) {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for e in &mut map.edges {
        let n = seen.entry((e.from.clone(), e.to.clone())).or_default();
        *n += 1;
        let id = if *n == 1 {
            format!("e--{}--{}", e.from, e.to)
        } else {
            format!("e--{}--{}--{n}", e.from, e.to)
        };
        set(&mut e.attrs, "id", id);
    }
}

/// Drops the weakest edges beyond `max` (thinnest first, then by name, so the
/// same edges go every time) and returns how many it dropped. Invisible edges
/// only hold the layout (the timeline's date axis): they are kept and not counted.
pub fn cap_edges(map: &mut Map, max: usize) -> usize {
    let invisible = |attrs: &Attrs| get(attrs, "style") == Some("invis");
    let drawn = map.edges.iter().filter(|e| !invisible(&e.attrs)).count();
    if drawn <= max {
        return 0;
    }
    let width = |attrs: &Attrs| {
        get(attrs, "penwidth")
            .and_then(|w| w.parse::<f64>().ok())
            .unwrap_or(1.0)
    };
    let mut order: Vec<usize> = (0..map.edges.len())
        .filter(|&i| !invisible(&map.edges[i].attrs))
        .collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&map.edges[a], &map.edges[b]);
        width(&eb.attrs)
            .total_cmp(&width(&ea.attrs))
            .then_with(|| ea.cmp(eb))
    });
    let keep: BTreeSet<usize> = order.into_iter().take(max).collect();
    let dropped = drawn - keep.len();
    let mut i = 0;
    map.edges.retain(|e| {
        i += 1;
        keep.contains(&(i - 1)) || invisible(&e.attrs)
    });
    dropped
}

/// The legend: one row per edge look drawn in this map, in a fixed order, with
/// the line drawn in characters in the edge's colour and the words in black;
/// rows for a red line (wide) and a floated claim (dashed) when any is drawn,
/// and for demand statuses when demands are drawn.
fn add_legend(map: &mut Map) {
    let mut looks: BTreeSet<EdgeLook> = BTreeSet::new();
    let (mut red_line, mut floated) = (false, false);
    for e in &map.edges {
        let Some(look) = get(&e.attrs, "class").and_then(EdgeLook::from_class) else {
            continue;
        };
        looks.insert(look);
        if matches!(
            look,
            EdgeLook::Support | EdgeLook::Oppose | EdgeLook::Conditional | EdgeLook::Ambiguous
        ) {
            red_line |= get(&e.attrs, "penwidth") == Some("4");
            floated |= get(&e.attrs, "style") == Some("dashed");
        }
    }
    let mut rows: Vec<(String, String, String)> = looks
        .iter()
        .map(|l| (l.glyph(), l.color().to_string(), l.meaning().to_string()))
        .collect();
    if red_line {
        rows.push(("━━━━".into(), "#333333".into(), "red line (wide)".into()));
    }
    if floated {
        rows.push(("╌╌╌╌".into(), "#333333".into(), "floated (dashed)".into()));
    }
    let classes: BTreeSet<&str> = map
        .nodes
        .iter()
        .filter_map(|n| get(&n.attrs, "class"))
        .collect();
    let demand_rows = [
        ("demand open", "open demand (bold border)"),
        ("demand met", "met demand (double border)"),
        ("demand rejected", "rejected demand (dashed border)"),
        ("demand dropped", "dropped demand (dotted border)"),
    ];
    for (class, text) in demand_rows {
        if classes.contains(class) {
            rows.push(("▭".into(), "#333333".into(), text.into()));
        }
    }
    if classes.contains("claims") {
        rows.push((
            "▲ ▼ ◆ ○".into(),
            "#333333".into(),
            "support, oppose, conditional, ambiguous".into(),
        ));
        rows.push((
            "✉ ⇄ ↪".into(),
            "#333333".into(),
            "demand, concession, status change".into(),
        ));
    }
    if classes.contains("grid") {
        rows.push((
            "▲ ◆ ▼ ◐ ○".into(),
            "#333333".into(),
            "for, conditional, against, mixed, unclear".into(),
        ));
        rows.push((
            "* †".into(),
            "#333333".into(),
            "the bloc's stance, folded from sub-issues".into(),
        ));
    }
    if rows.is_empty() {
        return;
    }
    pin_legend(map, "legend", legend_table("Legend", &rows, &[]));
}

/// A legend block as an HTML-like table: a bold title, one row per (glyph,
/// colour, meaning), then notes across both columns. Every map's legend and a
/// scenario's block beside it share this layout.
pub(super) fn legend_table(
    title: &str,
    rows: &[(String, String, String)],
    notes: &[&str],
) -> String {
    let mut html = format!(
        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">\
         <TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>{}</B></TD></TR>",
        html_text(title)
    );
    for (glyph, color, text) in rows {
        html.push_str(&format!(
            "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"{}\">{}</FONT></TD>\
             <TD ALIGN=\"LEFT\">{}</TD></TR>",
            html_text(color),
            html_text(glyph),
            html_text(text)
        ));
    }
    for note in notes {
        html.push_str(&format!(
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">{}</TD></TR>",
            html_text(note)
        ));
    }
    html.push_str("</TABLE>");
    html
}

/// Puts a legend block (node `name`, replacing one of that name) in the
/// map's legend cluster, pinned so the node caps never drop it.
pub(super) fn pin_legend(map: &mut Map, name: &str, html: String) {
    map.add_cluster(
        "zz_legend".into(),
        vec![("label", String::new()), ("color", "#BBBBBB".into())],
        None,
    );
    map.nodes.retain(|n| n.name != name);
    map.nodes.push(MapNode {
        name: name.into(),
        attrs: vec![
            ("html_label", html),
            ("shape", "plaintext".into()),
            ("fontsize", "9".into()),
            ("class", "legend".into()),
        ],
        cluster: Some("zz_legend".into()),
        pinned: true,
    });
}

/// One label checked: what it labels, its colour, what lies behind it.
#[derive(Clone, Debug)]
pub struct LabelContrast {
    pub what: String,
    pub text: Rgb,
    pub fill: Rgb,
    pub ratio: f64,
}

/// The fill behind each cluster's contents: its own when filled, else its parent's.
fn cluster_fills(map: &Map) -> BTreeMap<String, Rgb> {
    let white = Rgb::parse(BACKGROUND).unwrap_or(Rgb(255, 255, 255));
    let mut out = BTreeMap::new();
    // Parents before children: at most as many passes as clusters.
    for _ in 0..=map.clusters.len() {
        for c in &map.clusters {
            let behind = c
                .parent
                .as_ref()
                .and_then(|p| out.get(p).copied())
                .unwrap_or(white);
            let filled = get(&c.attrs, "style").is_some_and(|s| s.contains("filled"));
            let own = get(&c.attrs, "fillcolor")
                .or_else(|| get(&c.attrs, "color"))
                .and_then(Rgb::parse);
            let fill = if filled {
                own.unwrap_or(behind)
            } else {
                behind
            };
            out.insert(c.key.clone(), fill);
        }
    }
    out
}

fn node_fill(map: &Map, n: &MapNode, clusters: &BTreeMap<String, Rgb>, white: Rgb) -> Rgb {
    let behind = n
        .cluster
        .as_ref()
        .and_then(|c| clusters.get(c).copied())
        .unwrap_or(white);
    let style = get(&n.attrs, "style").or_else(|| get(&map.node_defaults, "style"));
    if style.is_some_and(|s| s.contains("filled")) {
        get(&n.attrs, "fillcolor")
            .or_else(|| get(&n.attrs, "color"))
            .and_then(Rgb::parse)
            .unwrap_or(Rgb(0xD3, 0xD3, 0xD3))
    } else {
        behind
    }
}

/// Every label of the map with its colour and background, as drawn.
/// An edge label may sit over any filled cluster, so it is checked against the
/// darkest fill in the map.
pub fn label_contrasts(map: &Map) -> Vec<LabelContrast> {
    let white = Rgb::parse(BACKGROUND).unwrap_or(Rgb(255, 255, 255));
    let black = Rgb(0, 0, 0);
    let clusters = cluster_fills(map);
    let darkest = clusters
        .values()
        .copied()
        .chain([white])
        .min_by(|a, b| a.luminance().total_cmp(&b.luminance()))
        .unwrap_or(white);
    let colour = |attrs: &Attrs| {
        get(attrs, "fontcolor")
            .and_then(Rgb::parse)
            .unwrap_or(black)
    };
    let mut out = Vec::new();
    let mut push = |what: String, text: Rgb, fill: Rgb| {
        out.push(LabelContrast {
            what,
            text,
            fill,
            ratio: contrast(text, fill),
        });
    };
    push(
        "map title".into(),
        colour(&map.graph_attrs),
        Rgb::parse(get(&map.graph_attrs, "bgcolor").unwrap_or(BACKGROUND)).unwrap_or(white),
    );
    for c in &map.clusters {
        let fill = clusters.get(&c.key).copied().unwrap_or(white);
        push(format!("cluster {}", c.key), colour(&c.attrs), fill);
    }
    for n in &map.nodes {
        let fill = node_fill(map, n, &clusters, white);
        push(format!("node {}", n.name), colour(&n.attrs), fill);
    }
    for e in &map.edges {
        if get(&e.attrs, "label").is_some() {
            push(
                format!("edge {} -> {}", e.from, e.to),
                colour(&e.attrs),
                darkest,
            );
        }
    }
    out
}

/// Labels below AA get a readable shade of their colour (an edge label starts
/// from its edge's colour, so it still reads as belonging to that edge).
fn fix_contrast(map: &mut Map) {
    let white = Rgb::parse(BACKGROUND).unwrap_or(Rgb(255, 255, 255));
    let black = Rgb(0, 0, 0);
    let clusters = cluster_fills(map);
    let darkest = clusters
        .values()
        .copied()
        .chain([white])
        .min_by(|a, b| a.luminance().total_cmp(&b.luminance()))
        .unwrap_or(white);
    let fix = |attrs: &mut Attrs, fill: Rgb, start: Option<Rgb>| {
        let text = get(attrs, "fontcolor")
            .and_then(Rgb::parse)
            .or(start)
            .unwrap_or(black);
        if contrast(text, fill) < MIN_CONTRAST || start.is_some() {
            set(attrs, "fontcolor", readable(text, fill).hex());
        }
    };
    for c in &mut map.clusters {
        let fill = clusters.get(&c.key).copied().unwrap_or(white);
        fix(&mut c.attrs, fill, None);
    }
    let fills: Vec<Rgb> = map
        .nodes
        .iter()
        .map(|n| node_fill(map, n, &clusters, white))
        .collect();
    for (n, fill) in map.nodes.iter_mut().zip(fills) {
        fix(&mut n.attrs, fill, None);
    }
    for e in &mut map.edges {
        if get(&e.attrs, "label").is_some() {
            let edge = get(&e.attrs, "fontcolor")
                .or_else(|| get(&e.attrs, "color"))
                .and_then(Rgb::parse);
            fix(&mut e.attrs, darkest, edge);
        }
    }
}

/// A map as the command draws it: built, capped to `max_nodes` and
/// `max_edges` (the cuts said under the title), then finished.
pub struct Drawn {
    pub map: Map,
    /// Labels of the nodes the node cap left out.
    pub nodes_cut: Vec<String>,
    pub edges_cut: usize,
}

pub fn draw(
    st: &crate::state::NegotiationState,
    kind: &super::MapKind,
    brief: &Briefing,
    opts: &super::MapOptions,
) -> Drawn {
    let (max_nodes, max_edges) = (opts.max_nodes, opts.max_edges);
    let mut map = super::build(st, kind, opts);
    let nodes_cut = map.cap_nodes(max_nodes);
    let edges_cut = cap_edges(&mut map, max_edges);
    let mut brief = brief.clone();
    brief.cuts.append(&mut map.cuts);
    if !nodes_cut.is_empty() {
        brief.cuts.push(format!(
            "{} least-connected node{} left out (--max-nodes {max_nodes})",
            nodes_cut.len(),
            if nodes_cut.len() == 1 { "" } else { "s" }
        ));
    }
    if edges_cut > 0 {
        brief.cuts.push(format!(
            "{edges_cut} thinnest edge{} left out (--max-edges {max_edges})",
            if edges_cut == 1 { "" } else { "s" }
        ));
    }
    finish(&mut map, &brief);
    Drawn {
        map,
        nodes_cut,
        edges_cut,
    }
}
