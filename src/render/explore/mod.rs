//! The HTML map to explore: one self-contained page (no network, no external
//! URL) with pan and zoom, a search box, a side panel with the claims behind a
//! clicked node or edge (dates, status, quotes, sources), neighbour highlight on
//! hover, and a date slider.
//!
//! The slider does not recompute anything in the browser: the command draws the
//! map once per date (each snapshot an SVG that stancemap computed as of that
//! date) and the page only swaps them. So the page cannot drift from the
//! command's answers. Record text reaches the page only through Graphviz's SVG
//! (escaped by Graphviz) and through JSON in `<script type="application/json">`
//! written by [`script_json`]; the panel is built with `textContent`.
//!
//! The page's parts live beside it: `claims` picks what a click shows,
//! `scenario` adds the map after a scenario's moves, `page.css` and `page.js`
//! are the page's inline style and script.

mod claims;
mod scenario;

pub use scenario::ScenarioSide;

use super::dot::style::EdgeLook;
use super::dot::{node_name, Map, View};
use super::html::{escape_html, script_json, svg_element, Claim};
use crate::model::*;
use claims::{edge_claims, node_entry, things, title_of, Claims, Thing};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One drawing of the map: as of `date`, from `view`, laid out by Graphviz as `svg`.
pub struct Snapshot {
    pub date: String,
    pub view: View,
    pub map: Map,
    pub svg: String,
}

#[derive(Serialize)]
struct Entry {
    title: String,
    kind: String,
    /// Indices into the page's claim table.
    claims: Vec<usize>,
}

#[derive(Serialize)]
struct EdgeEntry {
    from: String,
    to: String,
    title: String,
    kind: String,
    claims: Vec<usize>,
}

#[derive(Serialize)]
struct SnapshotData {
    date: String,
    nodes: BTreeMap<String, Entry>,
    edges: BTreeMap<String, EdgeEntry>,
}

#[derive(Serialize)]
struct SearchEntry {
    node: String,
    label: String,
    names: Vec<String>,
}

#[derive(Serialize)]
struct PageData {
    claims: Vec<Claim>,
    snapshots: Vec<SnapshotData>,
    search: Vec<SearchEntry>,
    /// On a scenario's page: the map after the moves, and what they change.
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<scenario::ScenarioData>,
}

/// A node drawn twice (an actor on both sides of an issue) is `name__side`.
fn base(name: &str) -> &str {
    name.split("__").next().unwrap_or(name)
}

fn get<'a>(attrs: &'a [(&'static str, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .rev()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}

fn snapshot_data(
    record: &Record,
    things: &HashMap<String, Thing>,
    snap: &Snapshot,
    claims: &mut Claims,
) -> SnapshotData {
    let mut nodes = BTreeMap::new();
    for n in &snap.map.nodes {
        let Some(&thing) = things.get(base(&n.name)) else {
            continue;
        };
        let (title, kind, list) = node_entry(record, &snap.view, thing, claims);
        let id = get(&n.attrs, "id").unwrap_or(&n.name).to_string();
        nodes.insert(
            id,
            Entry {
                title,
                kind,
                claims: list,
            },
        );
    }
    let mut edges = BTreeMap::new();
    for e in &snap.map.edges {
        let Some(id) = get(&e.attrs, "id") else {
            continue;
        };
        let class = get(&e.attrs, "class").unwrap_or_default();
        let kind = scenario::edge_kind(class).unwrap_or_else(|| {
            EdgeLook::from_class(class)
                .map_or("link", EdgeLook::meaning)
                .to_string()
        });
        let (Some(&from), Some(&to)) = (things.get(base(&e.from)), things.get(base(&e.to))) else {
            continue;
        };
        let tooltip = get(&e.attrs, "tooltip").unwrap_or_default();
        let list = edge_claims(record, &snap.view, from, to, tooltip, claims);
        edges.insert(
            id.to_string(),
            EdgeEntry {
                from: e.from.clone(),
                to: e.to.clone(),
                title: format!("{} — {}", title_of(record, from), title_of(record, to)),
                kind,
                claims: list,
            },
        );
    }
    SnapshotData {
        date: snap.date.clone(),
        nodes,
        edges,
    }
}

fn search_index(record: &Record) -> Vec<SearchEntry> {
    let mut out = Vec::new();
    for a in &record.actors {
        let mut names = vec![a.name.clone(), a.id.clone()];
        names.extend(a.aliases.iter().cloned());
        out.push(SearchEntry {
            node: node_name("actor", &a.id),
            label: a.name.clone(),
            names,
        });
    }
    for i in &record.issues {
        out.push(SearchEntry {
            node: node_name("issue", &i.id),
            label: i.title.clone(),
            names: vec![i.title.clone(), i.id.clone()],
        });
    }
    out
}

/// The SVG as an inline element: no prologue, and without the namespace
/// declarations (the HTML parser supplies them), so the page holds no URL.
fn inline_svg(svg: &str) -> String {
    svg_element(svg)
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
        .replacen(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "", 1)
}

/// The page: `snapshots` oldest first; the last is shown first.
pub fn explore_page(
    record: &Record,
    title: &str,
    subtitle: &str,
    snapshots: &[Snapshot],
) -> String {
    page(record, title, subtitle, snapshots, None)
}

/// The page of a scenario: the map before the moves (`snapshots`, drawn from
/// `record`) and after them (`after`, drawn as of the same dates), a toggle
/// between the two, and the list of what the moves change.
pub fn scenario_page(
    record: &Record,
    title: &str,
    subtitle: &str,
    snapshots: &[Snapshot],
    after: &ScenarioSide,
) -> String {
    page(record, title, subtitle, snapshots, Some(after))
}

fn page(
    record: &Record,
    title: &str,
    subtitle: &str,
    snapshots: &[Snapshot],
    after: Option<&ScenarioSide>,
) -> String {
    let things = things(record);
    // Declared before the table that borrows it.
    let mark = |key| after.and_then(|side| side.mark(key));
    let mut claims = Claims::new(record, after.is_some());
    let data: Vec<SnapshotData> = snapshots
        .iter()
        .map(|s| snapshot_data(record, &things, s, &mut claims))
        .collect();
    let mut templates = String::new();
    for (i, s) in snapshots.iter().enumerate() {
        templates.push_str(&format!(
            "<template id=\"snap-{i}\">{}</template>\n",
            inline_svg(&s.svg)
        ));
    }
    let mut toggle = "";
    let scenario = after.map(|side| {
        claims.read_after(side.record, &mark);
        let things = self::things(side.record);
        let after: Vec<SnapshotData> = side
            .snapshots
            .iter()
            .map(|s| snapshot_data(side.record, &things, s, &mut claims))
            .collect();
        for (i, s) in side.snapshots.iter().enumerate() {
            templates.push_str(&format!(
                "<template id=\"after-{i}\">{}</template>\n",
                inline_svg(&s.svg)
            ));
        }
        toggle = scenario::TOGGLE;
        side.data(after)
    });
    let page = PageData {
        claims: claims.into_list(),
        snapshots: data,
        search: search_index(record),
        scenario,
    };
    let last = snapshots.len().saturating_sub(1);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n<p class=\"sub\">{subtitle}</p>\n<div class=\"tools\">\
         <form id=\"search-form\" role=\"search\"><input id=\"search\" type=\"search\" \
         placeholder=\"Find a party or issue (name or alias)\" aria-label=\"Find a party or issue\" \
         list=\"names\"><button type=\"submit\">Find</button></form>\
         <span id=\"search-status\" role=\"status\"></span>\
         <span class=\"zoom\"><button id=\"zoom-in\" type=\"button\" aria-label=\"Zoom in\">+</button>\
         <button id=\"zoom-out\" type=\"button\" aria-label=\"Zoom out\">−</button>\
         <button id=\"zoom-fit\" type=\"button\">Fit</button></span>{toggle}\
         <label class=\"date\">As of <input id=\"date\" type=\"range\" min=\"0\" max=\"{last}\" \
         value=\"{last}\" step=\"1\"> <output id=\"date-label\"></output></label>\
         </div>\n</header>\n<div id=\"wrap\">\n<main id=\"map\" tabindex=\"0\" \
         aria-label=\"Map: drag to pan, wheel to zoom\"></main>\n\
         <aside id=\"panel\" aria-live=\"polite\"><p class=\"meta\">Click a node or an edge to see \
         its claims: dates, status, quotes and sources. Hover to highlight neighbours.</p></aside>\n\
         </div>\n<datalist id=\"names\"></datalist>\n{templates}\
         <script type=\"application/json\" id=\"data\">{json}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        title = escape_html(title),
        subtitle = escape_html(subtitle),
        json = script_json(&page),
    )
}

/// The page's style, inline (the page loads nothing).
const STYLE: &str = include_str!("page.css");

/// The page's script, inline: pan, zoom, search, the side panel and the date slider.
const SCRIPT: &str = include_str!("page.js");
