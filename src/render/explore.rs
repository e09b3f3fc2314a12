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

use super::dot::style::EdgeLook;
use super::dot::{node_name, Map, View};
use super::html::{
    concession_claim, demand_claim, escape_html, position_claim, script_json, svg_element, Claim,
};
use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Position(u32),
    Demand(u32),
    Concession(u32),
}

#[derive(Clone, Copy)]
enum Thing {
    Actor(ActorIdx),
    Issue(IssueIdx),
    Demand(DemandIdx),
    Concession(ConcessionIdx),
}

/// The page's claim table: each claim once, referred to by index.
struct Claims<'r> {
    record: &'r Record,
    index: HashMap<Key, usize>,
    list: Vec<Claim>,
}

impl Claims<'_> {
    fn get(&mut self, key: Key) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let r = self.record;
        let claim = match key {
            Key::Position(p) => position_claim(r, r.position(PositionIdx(p))),
            Key::Demand(d) => demand_claim(r, r.demand(DemandIdx(d))),
            Key::Concession(c) => concession_claim(r, r.concession(ConcessionIdx(c))),
        };
        self.list.push(claim);
        self.index.insert(key, self.list.len() - 1);
        self.list.len() - 1
    }
}

/// Node names of the record's actors, issues, demands and concessions.
fn things(record: &Record) -> HashMap<String, Thing> {
    let mut out = HashMap::new();
    for (i, a) in record.actors.iter().enumerate() {
        out.insert(node_name("actor", &a.id), Thing::Actor(ActorIdx(i as u32)));
    }
    for (i, x) in record.issues.iter().enumerate() {
        out.insert(node_name("issue", &x.id), Thing::Issue(IssueIdx(i as u32)));
    }
    for (i, d) in record.demands.iter().enumerate() {
        out.insert(
            node_name("demand", &d.id),
            Thing::Demand(DemandIdx(i as u32)),
        );
    }
    for (i, c) in record.concessions.iter().enumerate() {
        out.insert(
            node_name("concession", &c.id),
            Thing::Concession(ConcessionIdx(i as u32)),
        );
    }
    out
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

/// Whether `claimant` speaks as `actor` (is it, or folds into it).
fn speaks_as(record: &Record, claimant: ActorIdx, actor: ActorIdx) -> bool {
    claimant == actor || record.party_of(claimant) == actor
}

/// The claims of the view that involve `a` on `issue` (positions, demands
/// made or received, concessions made or received).
fn claims_of(
    record: &Record,
    view: &View,
    a: ActorIdx,
    issue: Option<IssueIdx>,
    claims: &mut Claims,
) -> Vec<usize> {
    let on = |i: IssueIdx| issue.is_none_or(|x| x == i);
    let mut out = Vec::new();
    for &p in &view.positions {
        let pos = record.position(p);
        if speaks_as(record, pos.actor, a) && on(pos.issue) {
            out.push(claims.get(Key::Position(p.0)));
        }
    }
    for &d in &view.demands {
        let dem = record.demand(d);
        let involved =
            speaks_as(record, dem.by, a) || dem.of.iter().any(|&o| speaks_as(record, o, a));
        if involved && on(dem.issue) {
            out.push(claims.get(Key::Demand(d.0)));
        }
    }
    for &c in &view.concessions {
        let con = record.concession(c);
        let involved =
            speaks_as(record, con.by, a) || con.to.iter().any(|&o| speaks_as(record, o, a));
        if involved && on(con.issue) {
            out.push(claims.get(Key::Concession(c.0)));
        }
    }
    out
}

fn issues_of(record: &Record, view: &View, a: ActorIdx) -> BTreeSet<IssueIdx> {
    let mut out = BTreeSet::new();
    for &p in &view.positions {
        let pos = record.position(p);
        if speaks_as(record, pos.actor, a) {
            out.insert(pos.issue);
        }
    }
    for &d in &view.demands {
        let dem = record.demand(d);
        if speaks_as(record, dem.by, a) {
            out.insert(dem.issue);
        }
    }
    out
}

fn node_entry(
    record: &Record,
    view: &View,
    thing: Thing,
    claims: &mut Claims,
) -> (String, String, Vec<usize>) {
    match thing {
        Thing::Actor(a) => {
            let actor = record.actor(a);
            (
                actor.name.clone(),
                format!("actor · {}", actor.kind),
                claims_of(record, view, a, None, claims),
            )
        }
        Thing::Issue(i) => {
            let issue = record.issue(i);
            let mut list = Vec::new();
            for &p in &view.positions {
                if record.position(p).issue == i {
                    list.push(claims.get(Key::Position(p.0)));
                }
            }
            for &d in &view.demands {
                if record.demand(d).issue == i {
                    list.push(claims.get(Key::Demand(d.0)));
                }
            }
            for &c in &view.concessions {
                if record.concession(c).issue == i {
                    list.push(claims.get(Key::Concession(c.0)));
                }
            }
            (
                issue.title.clone(),
                format!("issue · {}", issue.category),
                list,
            )
        }
        Thing::Demand(d) => (
            record.demand(d).text.clone(),
            format!("demand · {}", record.demand(d).status),
            vec![claims.get(Key::Demand(d.0))],
        ),
        Thing::Concession(c) => (
            record.concession(c).text.clone(),
            format!("concession · {}", record.concession(c).status),
            vec![claims.get(Key::Concession(c.0))],
        ),
    }
}

/// The claims behind an edge, found from what it joins: an actor and an issue,
/// the actor's claims on it; two actors, their claims on the issues the edge
/// names (its tooltip), else on every issue both speak to; a demand or
/// concession, that claim.
fn edge_claims(
    record: &Record,
    view: &View,
    from: Thing,
    to: Thing,
    tooltip: &str,
    claims: &mut Claims,
) -> Vec<usize> {
    match (from, to) {
        (Thing::Demand(d), _) | (_, Thing::Demand(d)) => vec![claims.get(Key::Demand(d.0))],
        (Thing::Concession(c), _) | (_, Thing::Concession(c)) => {
            vec![claims.get(Key::Concession(c.0))]
        }
        (Thing::Actor(a), Thing::Issue(i)) | (Thing::Issue(i), Thing::Actor(a)) => {
            claims_of(record, view, a, Some(i), claims)
        }
        (Thing::Actor(a), Thing::Actor(b)) => {
            let common: BTreeSet<IssueIdx> = issues_of(record, view, a)
                .intersection(&issues_of(record, view, b))
                .copied()
                .collect();
            let named: BTreeSet<IssueIdx> = common
                .iter()
                .copied()
                .filter(|&i| tooltip.contains(&record.issue(i).title))
                .collect();
            let issues = if named.is_empty() { common } else { named };
            let mut out = Vec::new();
            for &i in &issues {
                out.extend(claims_of(record, view, a, Some(i), claims));
                out.extend(claims_of(record, view, b, Some(i), claims));
            }
            out.sort_unstable();
            out.dedup();
            out
        }
        (Thing::Issue(_), Thing::Issue(_)) => Vec::new(),
    }
}

fn title_of(record: &Record, thing: Thing) -> String {
    match thing {
        Thing::Actor(a) => record.actor(a).name.clone(),
        Thing::Issue(i) => record.issue(i).title.clone(),
        Thing::Demand(d) => record.demand(d).text.clone(),
        Thing::Concession(c) => record.concession(c).text.clone(),
    }
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
        let kind = get(&e.attrs, "class")
            .and_then(EdgeLook::from_class)
            .map_or("link", EdgeLook::meaning)
            .to_string();
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
    let things = things(record);
    let mut claims = Claims {
        record,
        index: HashMap::new(),
        list: Vec::new(),
    };
    let data: Vec<SnapshotData> = snapshots
        .iter()
        .map(|s| snapshot_data(record, &things, s, &mut claims))
        .collect();
    let page = PageData {
        claims: claims.list,
        snapshots: data,
        search: search_index(record),
    };
    let mut templates = String::new();
    for (i, s) in snapshots.iter().enumerate() {
        templates.push_str(&format!(
            "<template id=\"snap-{i}\">{}</template>\n",
            inline_svg(&s.svg)
        ));
    }
    let last = snapshots.len().saturating_sub(1);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n<p class=\"sub\">{subtitle}</p>\n<div class=\"tools\">\
         <form id=\"search-form\" role=\"search\"><input id=\"search\" type=\"search\" \
         placeholder=\"Find a party or issue (name or alias)\" aria-label=\"Find a party or issue\" \
         list=\"names\"><button type=\"submit\">Find</button></form>\
         <span id=\"search-status\" role=\"status\"></span>\
         <span class=\"zoom\"><button id=\"zoom-in\" type=\"button\" aria-label=\"Zoom in\">+</button>\
         <button id=\"zoom-out\" type=\"button\" aria-label=\"Zoom out\">−</button>\
         <button id=\"zoom-fit\" type=\"button\">Fit</button></span>\
         <label class=\"date\">As of <input id=\"date\" type=\"range\" min=\"0\" max=\"{last}\" \
         value=\"{last}\" step=\"1\"> <output id=\"date-label\"></output></label>\
         </div>\n</header>\n<div id=\"wrap\">\n<main id=\"map\" tabindex=\"0\" \
         aria-label=\"Map: drag to pan, wheel to zoom\"></main>\n\
         <aside id=\"panel\" aria-live=\"polite\"><p class=\"meta\">Click a node or an edge to see \
         its claims: dates, status, quotes and sources. Hover to highlight neighbours.</p></aside>\n\
         </div>\n<datalist id=\"names\"></datalist>\n{templates}\
         <script type=\"application/json\" id=\"data\">{json}</script>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        title = escape_html(title),
        subtitle = escape_html(subtitle),
        json = script_json(&page),
    )
}

const STYLE: &str = r#"
html, body { margin: 0; height: 100%; }
body { font: 14px/1.4 Helvetica, Arial, sans-serif; color: #1a1a1a; display: flex; flex-direction: column; }
header { padding: 6px 12px; border-bottom: 1px solid #ccc; background: #fff; }
header h1 { font-size: 18px; margin: 0; }
header .sub { margin: 0 0 4px; color: #444; font-size: 12px; white-space: pre-line; }
.tools { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
.tools input[type=search] { width: 22em; font: inherit; }
#search-status { color: #444; font-size: 12px; }
#wrap { flex: 1 1 auto; display: flex; min-height: 0; }
main { flex: 1 1 auto; overflow: hidden; background: #fff; cursor: grab; position: relative; }
main.dragging { cursor: grabbing; }
main svg { width: 100%; height: 100%; display: block; }
g.node, g.edge { cursor: pointer; }
g.edge path { pointer-events: stroke; }
g.edge path.hit { stroke: transparent; stroke-width: 12px; fill: none; }
svg.hovering g.node:not(.hl), svg.hovering g.edge:not(.hl) { opacity: 0.25; }
g.selected polygon, g.selected ellipse, g.selected path:not(.hit) { stroke: #000 !important; stroke-width: 3px; }
aside { flex: 0 0 400px; overflow: auto; border-left: 1px solid #ccc; padding: 8px 14px; background: #fff; }
aside h2 { font-size: 16px; margin: 8px 0 2px; }
aside .kind, aside .meta { color: #444; font-size: 12px; }
aside .claim { border-left: 3px solid #888; padding: 2px 8px; margin: 8px 0; }
aside .claim.position { border-color: #0072B2; } aside .claim.demand { border-color: #D55E00; }
aside .claim.concession { border-color: #009E73; }
aside blockquote { margin: 4px 0 4px 8px; font-style: italic; color: #1a1a1a; }
aside .doc { color: #444; font-size: 12px; font-style: normal; }
button { font: inherit; }
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var map = document.getElementById("map");
  var panel = document.getElementById("panel");
  var slider = document.getElementById("date");
  var dateLabel = document.getElementById("date-label");
  var status = document.getElementById("search-status");
  var snap = null, svg = null, view = null, full = null, selected = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  (function () {
    var list = document.getElementById("names");
    data.search.forEach(function (s) {
      s.names.forEach(function (n) { var o = document.createElement("option"); o.value = n; list.appendChild(o); });
    });
  })();

  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" "));
  }
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = view.w * factor, h = view.h * factor;
    setView({ x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: w, h: h });
  }
  function toSvg(clientX, clientY) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width * s - view.w) / 2, oy = (r.height * s - view.h) / 2;
    return { x: view.x - ox + (clientX - r.left) * s, y: view.y - oy + (clientY - r.top) * s };
  }
  function centreOn(g) {
    var b = g.getBBox();
    var m = svg.getScreenCTM().inverse().multiply(g.getScreenCTM());
    var p = svg.createSVGPoint();
    p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
    p = p.matrixTransform(m);
    var w = Math.min(full.w, Math.max(400, full.w / 2.5)), h = w * full.h / full.w;
    setView({ x: p.x - w / 2, y: p.y - h / 2, w: w, h: h });
  }

  function showClaims(entry) {
    panel.replaceChildren();
    panel.appendChild(el("h2", null, entry.title));
    panel.appendChild(el("div", "kind", entry.kind + " · as of " + snap.date));
    if (entry.claims.length === 0) panel.appendChild(el("p", "meta", "No claims behind this as of that date."));
    entry.claims.forEach(function (i) {
      var c = data.claims[i];
      var div = el("div", "claim " + c.what);
      div.appendChild(el("div", null, c.text));
      div.appendChild(el("div", "meta", [c.what, c.date, c.detail].filter(Boolean).join(" · ")));
      c.sources.forEach(function (s) {
        var q = el("blockquote", null, "\u201c" + s.quote + "\u201d ");
        q.appendChild(el("span", "doc", "\u2014 " + s.doc + " (" + s.confidence + " confidence)"));
        div.appendChild(q);
      });
      if (c.sources.length === 0) div.appendChild(el("div", "meta", "no source"));
      panel.appendChild(div);
    });
  }
  function select(g, entry) {
    if (selected) selected.classList.remove("selected");
    selected = g;
    g.classList.add("selected");
    showClaims(entry);
  }
  function neighbours(id) {
    var set = {}; set[id] = true;
    var edges = [];
    Object.keys(snap.edges).forEach(function (eid) {
      var e = snap.edges[eid];
      if (e.from === id || e.to === id) { set[e.from] = true; set[e.to] = true; edges.push(eid); }
    });
    return { nodes: set, edges: edges };
  }
  function hover(id, on) {
    svg.classList.toggle("hovering", on);
    svg.querySelectorAll(".hl").forEach(function (g) { g.classList.remove("hl"); });
    if (!on) return;
    var n = neighbours(id);
    Object.keys(n.nodes).forEach(function (k) { var g = document.getElementById(k); if (g) g.classList.add("hl"); });
    n.edges.forEach(function (k) { var g = document.getElementById(k); if (g) g.classList.add("hl"); });
  }

  function load(i) {
    var keep = view && full ? { view: view, full: full } : null;
    var selectedId = selected ? selected.id : null;
    snap = data.snapshots[i];
    dateLabel.textContent = snap.date;
    var tpl = document.getElementById("snap-" + i);
    map.replaceChildren(document.importNode(tpl.content, true));
    svg = map.querySelector("svg");
    svg.removeAttribute("width"); svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    var vb = svg.viewBox.baseVal;
    full = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    setView(keep && keep.full.w === full.w && keep.full.h === full.h ? keep.view : full);
    selected = null;
    svg.querySelectorAll("g.node").forEach(function (g) {
      var entry = snap.nodes[g.id];
      if (!entry) return;
      g.addEventListener("click", function (ev) { ev.stopPropagation(); select(g, entry); });
      g.addEventListener("mouseenter", function () { hover(g.id, true); });
      g.addEventListener("mouseleave", function () { hover(g.id, false); });
    });
    svg.querySelectorAll("g.edge").forEach(function (g) {
      var entry = snap.edges[g.id];
      if (!entry) return;
      g.querySelectorAll("path").forEach(function (p) {
        var hit = p.cloneNode(false); hit.setAttribute("class", "hit"); p.parentNode.insertBefore(hit, p);
      });
      g.addEventListener("click", function (ev) { ev.stopPropagation(); select(g, entry); });
      g.addEventListener("mouseenter", function () { svg.classList.add("hovering"); g.classList.add("hl");
        [entry.from, entry.to].forEach(function (k) { var n = document.getElementById(k); if (n) n.classList.add("hl"); }); });
      g.addEventListener("mouseleave", function () { hover(null, false); });
    });
    if (selectedId) {
      var again = document.getElementById(selectedId);
      var entry = again && (snap.nodes[selectedId] || snap.edges[selectedId]);
      if (entry) select(again, entry);
      else { panel.replaceChildren(el("p", "meta", "Not on the map as of " + snap.date + ".")); }
    }
  }

  map.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toSvg(ev.clientX, ev.clientY);
    zoom(ev.deltaY < 0 ? 1 / 1.2 : 1.2, p.x, p.y);
  }, { passive: false });
  var drag = null;
  map.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, view: view, moved: false };
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true; map.classList.add("dragging");
    var r = svg.getBoundingClientRect();
    var s = Math.max(drag.view.w / r.width, drag.view.h / r.height);
    setView({ x: drag.view.x - dx * s, y: drag.view.y - dy * s, w: drag.view.w, h: drag.view.h });
  });
  window.addEventListener("pointerup", function () { drag = null; map.classList.remove("dragging"); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1 / 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.4); });
  document.getElementById("zoom-fit").addEventListener("click", function () { setView(full); });
  map.addEventListener("keydown", function (ev) {
    var step = view.w / 10;
    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[ev.key]) { ev.preventDefault(); setView({ x: view.x + moves[ev.key][0], y: view.y + moves[ev.key][1], w: view.w, h: view.h }); }
    else if (ev.key === "+" || ev.key === "=") zoom(1 / 1.4);
    else if (ev.key === "-") zoom(1.4);
  });

  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("search").value.trim().toLowerCase();
    if (!q) return;
    function score(s) {
      var best = 0;
      s.names.forEach(function (n) {
        n = n.toLowerCase();
        if (n === q) best = Math.max(best, 3);
        else if (n.indexOf(q) === 0) best = Math.max(best, 2);
        else if (n.indexOf(q) >= 0) best = Math.max(best, 1);
      });
      return best;
    }
    var hits = data.search.map(function (s) { return { s: s, score: score(s) }; })
      .filter(function (h) { return h.score > 0; })
      .sort(function (a, b) { return b.score - a.score; });
    for (var i = 0; i < hits.length; i++) {
      var g = document.getElementById(hits[i].s.node) ||
        svg.querySelector("g.node[id^='" + hits[i].s.node + "__']");
      if (g) {
        centreOn(g);
        var entry = snap.nodes[g.id];
        if (entry) select(g, entry);
        status.textContent = "Found: " + hits[i].s.label;
        return;
      }
    }
    status.textContent = hits.length ? hits[0].s.label + " is not on this map as of " + snap.date : "No party or issue matches \u201c" + q + "\u201d";
  });
  slider.addEventListener("input", function () { load(Number(slider.value)); });
  load(Number(slider.value));
})();
"#;
