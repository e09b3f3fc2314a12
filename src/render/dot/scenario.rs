//! A map after a scenario's moves (`render --scenario`), with what the moves
//! changed drawn so it can be seen at a glance: a conflict the moves resolve
//! stays on the map as a grey dashed line, a tie that is new after the moves is
//! drawn bold, and the legend says so.
//!
//! Both maps are drawn by the ordinary map builder, one from the record and one
//! from the record after the moves; this module only compares their edges.
//! Node names come from record ids, so the same party or issue has the same
//! name in both maps and edges are matched by their ends and their look.

use super::brief::set;
use super::style::EdgeLook;
use super::Attrs;
use super::{Map, MapEdge, MapNode};
use crate::render::dot::html_text;
use std::collections::BTreeSet;

/// The class added to a conflict edge the moves resolve.
pub const RESOLVED: &str = "scenario-resolved";
/// The class added to an edge that is new after the moves.
pub const NEW: &str = "scenario-new";

fn get<'a>(attrs: &'a Attrs, key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .rev()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}

/// An edge's identity across the two maps: its ends and what it means.
fn key(e: &MapEdge) -> (String, String, Option<EdgeLook>) {
    let look = get(&e.attrs, "class").and_then(EdgeLook::from_class);
    (e.from.clone(), e.to.clone(), look)
}

fn is_conflict(look: Option<EdgeLook>) -> bool {
    matches!(
        look,
        Some(EdgeLook::ConflictHigh | EdgeLook::ConflictMedium | EdgeLook::ConflictLow)
    )
}

/// What marking found: how many edges were marked each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marked {
    pub resolved: usize,
    pub new: usize,
}

/// Marks on `after` (a finished map) what differs from `before` (the same map
/// drawn from the record): resolved conflicts added back dashed and grey, new
/// edges bold; then adds the scenario's rows to the legend.
pub fn mark(before: &Map, after: &mut Map, scenario: &str) -> Marked {
    let had: BTreeSet<_> = before.edges.iter().map(key).collect();
    let has: BTreeSet<_> = after.edges.iter().map(key).collect();
    let mut marked = Marked::default();
    for e in &mut after.edges {
        let k = key(e);
        if k.2.is_some() && !had.contains(&k) {
            let class = get(&e.attrs, "class").unwrap_or_default().to_string();
            set(&mut e.attrs, "class", format!("{class} {NEW}"));
            set(&mut e.attrs, "style", "bold".into());
            let width = get(&e.attrs, "penwidth")
                .and_then(|w| w.parse::<f64>().ok())
                .unwrap_or(1.0)
                .max(3.0);
            set(&mut e.attrs, "penwidth", format!("{width}"));
            marked.new += 1;
        }
    }
    let names: BTreeSet<&str> = after.nodes.iter().map(|n| n.name.as_str()).collect();
    let mut gone: Vec<MapEdge> = before
        .edges
        .iter()
        .filter(|e| {
            let k = key(e);
            is_conflict(k.2)
                && !has.contains(&k)
                && names.contains(e.from.as_str())
                && names.contains(e.to.as_str())
        })
        .cloned()
        .collect();
    for e in &mut gone {
        let class = get(&e.attrs, "class").unwrap_or_default().to_string();
        set(&mut e.attrs, "class", format!("{class} {RESOLVED}"));
        set(&mut e.attrs, "style", "dashed".into());
        set(&mut e.attrs, "color", "#888888".into());
        set(&mut e.attrs, "penwidth", "1.5".into());
        let id = get(&e.attrs, "id").unwrap_or_default().to_string();
        set(&mut e.attrs, "id", format!("{id}--resolved"));
        set(
            &mut e.attrs,
            "tooltip",
            "conflict resolved by the scenario".into(),
        );
    }
    marked.resolved = gone.len();
    after.edges.extend(gone);
    add_legend(after, scenario, marked);
    marked
}

/// The scenario's rows, beside the map's own legend (in its cluster).
fn add_legend(map: &mut Map, scenario: &str, marked: Marked) {
    let rows = [
        (
            "╌╌╌╌",
            "#888888",
            format!(
                "conflict resolved by the moves (dashed, grey): {}",
                marked.resolved
            ),
        ),
        (
            "━━━━",
            "#333333",
            format!("new after the moves (bold): {}", marked.new),
        ),
    ];
    let mut html = format!(
        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">\
         <TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Scenario {}</B></TD></TR>",
        html_text(scenario)
    );
    for (glyph, color, text) in &rows {
        html.push_str(&format!(
            "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"{color}\">{glyph}</FONT></TD>\
             <TD ALIGN=\"LEFT\">{}</TD></TR>",
            html_text(text)
        ));
    }
    html.push_str("</TABLE>");
    map.add_cluster(
        "zz_legend".into(),
        vec![("label", String::new()), ("color", "#BBBBBB".into())],
        None,
    );
    map.nodes.retain(|n| n.name != "legend_scenario");
    map.nodes.push(MapNode {
        name: "legend_scenario".into(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: &str, to: &str, look: EdgeLook) -> MapEdge {
        MapEdge {
            from: from.into(),
            to: to.into(),
            attrs: look.attrs(),
        }
    }

    fn map(edges: Vec<MapEdge>) -> Map {
        let mut m = Map::new("conflicts");
        for n in ["a", "b", "c"] {
            m.add_node(n.into(), vec![], None);
        }
        m.edges = edges;
        m
    }

    #[test]
    fn resolved_conflicts_come_back_dashed_and_new_ties_are_bold() {
        let before = map(vec![
            edge("a", "b", EdgeLook::ConflictHigh),
            edge("b", "c", EdgeLook::ConflictLow),
        ]);
        let mut after = map(vec![
            edge("b", "c", EdgeLook::ConflictLow),
            edge("a", "b", EdgeLook::Agree),
        ]);
        let marked = mark(&before, &mut after, "deal");
        assert_eq!(
            marked,
            Marked {
                resolved: 1,
                new: 1
            }
        );
        let find = |class: &str| {
            after
                .edges
                .iter()
                .filter(|e| get(&e.attrs, "class").is_some_and(|c| c.contains(class)))
                .collect::<Vec<_>>()
        };
        let resolved = find(RESOLVED);
        assert_eq!(resolved.len(), 1);
        assert_eq!(
            (resolved[0].from.as_str(), resolved[0].to.as_str()),
            ("a", "b")
        );
        assert_eq!(get(&resolved[0].attrs, "style"), Some("dashed"));
        let new = find(NEW);
        assert_eq!(new.len(), 1);
        assert!(get(&new[0].attrs, "class").unwrap().contains("look-agree"));
        assert_eq!(get(&new[0].attrs, "style"), Some("bold"));
        // The unchanged conflict is left as it was.
        let same = after
            .edges
            .iter()
            .find(|e| e.from == "b" && e.to == "c")
            .unwrap();
        assert_eq!(get(&same.attrs, "style"), Some("dashed"));
        assert!(!get(&same.attrs, "class").unwrap().contains("scenario"));
        let dot = after.to_dot();
        assert!(dot.contains("Scenario deal"), "{dot}");
        assert!(dot.contains("conflict resolved by the moves"), "{dot}");
        assert!(dot.contains("new after the moves (bold)"), "{dot}");
    }
}
