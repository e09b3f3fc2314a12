//! Self-contained HTML pages: one map with its claims, and the index of `--all`.
//!
//! No network: CSS and JS are inline. Record text reaches the page in two ways
//! only: inside the SVG, which Graphviz has already escaped, and as JSON inside
//! `<script type="application/json">` with `<`, `>` and `&` written as `\u003c`,
//! `\u003e`, `\u0026`, so no record text can close the script element. The
//! sidebar is built with `textContent`, never `innerHTML`.

use super::dot::{node_name, Map, View};
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Entry {
    title: String,
    kind: String,
    claims: Vec<Claim>,
}

#[derive(Serialize)]
struct Claim {
    what: &'static str,
    text: String,
    detail: String,
    date: String,
    sources: Vec<JsonSource>,
}

#[derive(Serialize)]
struct JsonSource {
    doc: String,
    quote: String,
    confidence: Confidence,
}

fn sources(list: &[Source]) -> Vec<JsonSource> {
    list.iter()
        .map(|s| JsonSource {
            doc: s.doc.clone(),
            quote: s.quote.clone(),
            confidence: s.confidence,
        })
        .collect()
}

fn position_claim(record: &Record, p: &Position) -> Claim {
    let mut detail = format!(
        "{} · {} — {} on “{}”",
        p.stance,
        p.strength,
        record.actor(p.actor).name,
        record.issue(p.issue).title
    );
    if let Some(c) = &p.conditions {
        detail.push_str(&format!(" (conditions: {c})"));
    }
    Claim {
        what: "position",
        text: p.summary.clone(),
        detail,
        date: p.date.to_string(),
        sources: sources(&p.sources),
    }
}

fn demand_claim(record: &Record, d: &Demand) -> Claim {
    let of: Vec<&str> =
        d.of.iter()
            .map(|&a| record.actor(a).name.as_str())
            .collect();
    Claim {
        what: "demand",
        text: d.text.clone(),
        detail: format!(
            "{} of {} · {} · {} · {} on “{}”",
            record.actor(d.by).name,
            of.join(", "),
            d.priority,
            d.status,
            d.stance,
            record.issue(d.issue).title
        ),
        date: d.date.to_string(),
        sources: sources(&d.sources),
    }
}

fn concession_claim(record: &Record, c: &Concession) -> Claim {
    let to: Vec<&str> =
        c.to.iter()
            .map(|&a| record.actor(a).name.as_str())
            .collect();
    Claim {
        what: "concession",
        text: c.text.clone(),
        detail: format!(
            "{} to {} · {} on “{}”",
            record.actor(c.by).name,
            to.join(", "),
            c.status,
            record.issue(c.issue).title
        ),
        date: c.date.to_string(),
        sources: sources(&c.sources),
    }
}

/// The claims behind each node of the map, keyed by the node's SVG id.
fn entries(record: &Record, view: &View, map: &Map) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for (i, actor) in record.actors.iter().enumerate() {
        let a = ActorIdx(i as u32);
        let name = node_name("actor", &actor.id);
        if !map.has_node(&name) {
            continue;
        }
        let mut claims = Vec::new();
        if !actor.sources.is_empty() || actor.role.is_some() || actor.notes.is_some() {
            claims.push(Claim {
                what: "actor",
                text: actor.notes.clone().unwrap_or_else(|| actor.name.clone()),
                detail: actor.role.clone().unwrap_or_default(),
                date: String::new(),
                sources: sources(&actor.sources),
            });
        }
        for &p in &view.positions {
            let p = record.position(p);
            if p.actor == a {
                claims.push(position_claim(record, p));
            }
        }
        for &d in &view.demands {
            let d = record.demand(d);
            if d.by == a || d.of.contains(&a) {
                claims.push(demand_claim(record, d));
            }
        }
        for &c in &view.concessions {
            let c = record.concession(c);
            if c.by == a || c.to.contains(&a) {
                claims.push(concession_claim(record, c));
            }
        }
        out.insert(
            name,
            Entry {
                title: actor.name.clone(),
                kind: format!("actor · {}", actor.kind),
                claims,
            },
        );
    }
    for (i, issue) in record.issues.iter().enumerate() {
        let idx = IssueIdx(i as u32);
        let name = node_name("issue", &issue.id);
        if !map.has_node(&name) {
            continue;
        }
        let mut claims = Vec::new();
        if let Some(d) = &issue.description {
            claims.push(Claim {
                what: "issue",
                text: d.clone(),
                detail: String::new(),
                date: String::new(),
                sources: sources(&issue.sources),
            });
        }
        for &p in &view.positions {
            let p = record.position(p);
            if p.issue == idx {
                claims.push(position_claim(record, p));
            }
        }
        for &d in &view.demands {
            let d = record.demand(d);
            if d.issue == idx {
                claims.push(demand_claim(record, d));
            }
        }
        for &c in &view.concessions {
            let c = record.concession(c);
            if c.issue == idx {
                claims.push(concession_claim(record, c));
            }
        }
        out.insert(
            name,
            Entry {
                title: issue.title.clone(),
                kind: format!("issue · {}", issue.category),
                claims,
            },
        );
    }
    for d in &record.demands {
        let name = node_name("demand", &d.id);
        if map.has_node(&name) {
            let claims = vec![demand_claim(record, d)];
            out.insert(
                name,
                Entry {
                    title: d.text.clone(),
                    kind: "demand".into(),
                    claims,
                },
            );
        }
    }
    for c in &record.concessions {
        let name = node_name("concession", &c.id);
        if map.has_node(&name) {
            let claims = vec![concession_claim(record, c)];
            out.insert(
                name,
                Entry {
                    title: c.text.clone(),
                    kind: "concession".into(),
                    claims,
                },
            );
        }
    }
    out
}

/// JSON that is safe inside a `<script>` element: `<`, `>`, `&` (and the JS line
/// separators) as `\u` escapes. They can only occur inside JSON strings, where
/// the escapes mean the same characters.
pub fn script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("serialising plain data cannot fail");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // As JSON escapes: the same text for the script, nothing raw in the page.
            c if !crate::render::xml_chars::is_xml_char(c) && c != '\0' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text as HTML character data or a quoted attribute value; what XML cannot
/// carry becomes U+FFFD, so the page stays well-formed (`render::xml_chars`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !crate::render::xml_chars::is_xml_char(c) => {
                out.push(crate::render::xml_chars::REPLACEMENT)
            }
            c => out.push(c),
        }
    }
    out
}

/// The `<svg>` element of Graphviz's output, without its XML prologue and doctype.
fn svg_element(svg: &str) -> &str {
    svg.find("<svg").map_or(svg, |start| &svg[start..])
}

const STYLE: &str = r#"
body { margin: 0; font: 14px/1.4 Helvetica, Arial, sans-serif; color: #222; display: flex; height: 100vh; }
main { flex: 1 1 auto; overflow: auto; padding: 8px; background: #fafafa; }
main svg { width: 100%; height: auto; }
main.natural svg { width: auto; }
main g.node { cursor: pointer; }
main g.node.selected polygon, main g.node.selected ellipse, main g.node.selected path { stroke: #1565c0; stroke-width: 3px; }
aside { flex: 0 0 420px; overflow: auto; border-left: 1px solid #ddd; padding: 8px 16px; background: #fff; }
aside h1 { font-size: 18px; margin: 8px 0; }
aside h2 { font-size: 15px; margin: 16px 0 2px; }
aside .kind { color: #666; font-size: 12px; }
aside .claim { border-left: 3px solid #bbb; padding: 2px 8px; margin: 8px 0; }
aside .claim.position { border-color: #1a8a1a; } aside .claim.demand { border-color: #c62828; }
aside .claim.concession { border-color: #ef8f00; }
aside .meta { color: #555; font-size: 12px; }
aside blockquote { margin: 4px 0 4px 8px; font-style: italic; color: #333; }
aside .doc { color: #777; font-size: 12px; font-style: normal; }
button { font: inherit; margin: 4px 0; }
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claims").textContent);
  var list = document.getElementById("claims-list");
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function entry(key) {
    var item = data[key];
    var box = el("section");
    box.appendChild(el("h2", null, item.title));
    box.appendChild(el("div", "kind", item.kind));
    item.claims.forEach(function (c) {
      var div = el("div", "claim " + c.what);
      div.appendChild(el("div", null, c.text));
      div.appendChild(el("div", "meta", [c.what, c.date, c.detail].filter(Boolean).join(" · ")));
      c.sources.forEach(function (s) {
        var q = el("blockquote", null, "\u201c" + s.quote + "\u201d ");
        q.appendChild(el("span", "doc", "\u2014 " + s.doc + " (" + s.confidence + ")"));
        div.appendChild(q);
      });
      if (c.sources.length === 0) div.appendChild(el("div", "meta", "no source"));
      box.appendChild(div);
    });
    return box;
  }
  function show(keys) {
    list.replaceChildren();
    keys.forEach(function (k) { if (data[k]) list.appendChild(entry(k)); });
  }
  var nodes = document.querySelectorAll("main g.node");
  // A node drawn twice (an actor on both sides of an issue) is `name__side`.
  function keyOf(g) { return data[g.id] ? g.id : g.id.split("__")[0]; }
  function select(key) {
    nodes.forEach(function (g) { g.classList.toggle("selected", keyOf(g) === key); });
    show([key]);
  }
  nodes.forEach(function (g) {
    var key = keyOf(g);
    if (!data[key]) return;
    g.addEventListener("click", function () { select(key); });
  });
  document.getElementById("zoom").addEventListener("click", function () {
    document.getElementById("map").classList.toggle("natural");
  });
  document.getElementById("show-all").addEventListener("click", function () {
    nodes.forEach(function (g) { g.classList.remove("selected"); });
    show(Object.keys(data));
  });
  show(Object.keys(data));
})();
"#;

/// One map as a self-contained page: the SVG beside its claims.
pub fn map_page(record: &Record, view: &View, map: &Map, svg: &str) -> String {
    let title = escape_html(&format!("stancemap — {}", map.name));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <main id=\"map\">\n{svg}\n</main>\n<aside>\n<h1>{title}</h1>\n\
         <p class=\"meta\">Click a node to see its claims and their sources.</p>\n\
         <button id=\"show-all\" type=\"button\">Show all</button> \
         <button id=\"zoom\" type=\"button\">Fit width / actual size</button>\n\
         <div id=\"claims-list\"></div>\n</aside>\n\
         <script type=\"application/json\" id=\"claims\">{json}</script>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        svg = svg_element(svg),
        json = script_json(&entries(record, view, map)),
    )
}

/// The index of `--all`: a link to each map's SVG and DOT.
pub fn index_page(maps: &[(String, String)], with_svg: bool) -> String {
    let mut items = String::new();
    for (stem, title) in maps {
        let stem = escape_html(stem);
        let link = if with_svg {
            format!("<a href=\"{stem}.svg\">{}</a> · ", escape_html(title))
        } else {
            format!("{} · ", escape_html(title))
        };
        items.push_str(&format!("<li>{link}<a href=\"{stem}.dot\">DOT</a></li>\n"));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>stancemap maps</title>\n<style>body {{ font: 15px/1.5 Helvetica, Arial, sans-serif; \
         margin: 2em; }}</style>\n</head>\n<body>\n<h1>stancemap maps</h1>\n<ul>\n{items}</ul>\n\
         </body>\n</html>\n"
    )
}
