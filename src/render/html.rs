//! Self-contained HTML pages: the claims a page shows, one map to explore (see
//! `explore`), and the index of `--all`.
//!
//! No network: CSS and JS are inline. Record text reaches the page in two ways
//! only: inside the SVG, which Graphviz has already escaped, and as JSON inside
//! `<script type="application/json">` with `<`, `>` and `&` written as `\u003c`,
//! `\u003e`, `\u0026`, so no record text can close the script element. The
//! sidebar is built with `textContent`, never `innerHTML`.

use super::dot::{Map, View};
use crate::model::*;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Claim {
    what: &'static str,
    text: String,
    detail: String,
    date: String,
    sources: Vec<JsonSource>,
    /// On a page of a scenario, a claim that one of its moves made or changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<ScenarioMark>,
}

/// What a claim owes to a scenario: which move, and the move's note and (for a
/// claim the move changed rather than made) its sources.
#[derive(Serialize)]
pub(super) struct ScenarioMark {
    /// "added by" or "changed by", then the scenario and the move.
    pub said: String,
    pub note: Option<String>,
    pub sources: Vec<JsonSource>,
}

impl ScenarioMark {
    pub(super) fn new(said: String, note: Option<String>, list: &[Source]) -> Self {
        ScenarioMark {
            said,
            note,
            sources: sources(list),
        }
    }
}

impl Claim {
    /// The claim, marked as made or changed by a scenario's move.
    pub(super) fn with_scenario(self, mark: ScenarioMark) -> Claim {
        Claim {
            scenario: Some(mark),
            ..self
        }
    }
}

#[derive(Serialize)]
pub(super) struct JsonSource {
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

pub(super) fn position_claim(record: &Record, p: &Position) -> Claim {
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
        scenario: None,
    }
}

pub(super) fn demand_claim(record: &Record, d: &Demand) -> Claim {
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
        scenario: None,
    }
}

pub(super) fn concession_claim(record: &Record, c: &Concession) -> Claim {
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
        scenario: None,
    }
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
pub(super) fn svg_element(svg: &str) -> &str {
    svg.find("<svg").map_or(svg, |start| &svg[start..])
}

/// One map as a self-contained page to explore, drawn as of one date only
/// (the command draws one per date: see [`super::explore`]).
pub fn map_page(record: &Record, view: &View, map: &Map, svg: &str) -> String {
    let title = map
        .graph_attrs
        .iter()
        .find(|(k, _)| *k == "label")
        .map_or(map.name.as_str(), |(_, v)| v.as_str());
    let (head, sub) = title.split_once('\n').unwrap_or((title, ""));
    let snapshot = super::explore::Snapshot {
        date: String::new(),
        view: view.clone(),
        map: map.clone(),
        svg: svg.to_string(),
    };
    super::explore::explore_page(record, &format!("stancemap — {head}"), sub, &[snapshot])
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
