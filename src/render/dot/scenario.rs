//! A map after a scenario's moves (`render --scenario`), with what the moves
//! changed drawn so it can be seen at a glance: a conflict the moves resolve
//! stays on the map as a grey dashed line, a tie that is new after the moves is
//! drawn bold, and the legend says so.
//!
//! Both maps are drawn by the ordinary map builder, one from the record and one
//! from the record after the moves; this module only compares their edges.
//! Node names come from record ids, so the same party or issue has the same
//! name in both maps and edges are matched by their ends and their look.

use super::brief::{legend_table, pin_legend, set};
use super::style::EdgeLook;
use super::Attrs;
use super::{label, node_name, Map, MapEdge};
use crate::model::IssueIdx;
use crate::state::{NegotiationState, Sign};
use std::collections::{BTreeMap, BTreeSet};

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

/// Each pair of parties in conflict in a state, by node names, with the issues.
fn conflicts(st: &NegotiationState) -> BTreeMap<(String, String), BTreeSet<IssueIdx>> {
    st.relation()
        .links()
        .filter(|(_, _, link)| link.conflicts() > 0)
        .map(|(a, b, link)| {
            (
                (
                    node_name("actor", st.actor_id(a)),
                    node_name("actor", st.actor_id(b)),
                ),
                link.issues(Sign::Conflict).into_iter().collect(),
            )
        })
        .collect()
}

/// Marks on `after` (a finished map drawn from the state `sa`) what differs from
/// `before` (the same map drawn from the record's state `sb`): an edge that is
/// new, or a conflict edge whose pair conflicts on an issue it did not before,
/// is drawn bold; a conflict edge of `before` whose pair stopped conflicting on
/// some issue comes back as a grey dashed edge naming those issues. Then the
/// legend gets the scenario's rows.
pub fn mark(
    before: &Map,
    after: &mut Map,
    sb: &NegotiationState,
    sa: &NegotiationState,
    scenario: &str,
) -> Marked {
    let had: BTreeSet<_> = before.edges.iter().map(key).collect();
    let (cb, ca) = (conflicts(sb), conflicts(sa));
    let empty = BTreeSet::new();
    let mut marked = Marked::default();
    for e in &mut after.edges {
        let k = key(e);
        let pair = (e.from.clone(), e.to.clone());
        let more_issues = is_conflict(k.2)
            && ca
                .get(&pair)
                .is_some_and(|now| !now.is_subset(cb.get(&pair).unwrap_or(&empty)));
        if k.2.is_some() && (!had.contains(&k) || more_issues) {
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
    let mut drawn: BTreeSet<(String, String)> = BTreeSet::new();
    let mut gone = vec![];
    for e in &before.edges {
        let pair = (e.from.clone(), e.to.clone());
        if !is_conflict(key(e).2)
            || !names.contains(e.from.as_str())
            || !names.contains(e.to.as_str())
            || !drawn.insert(pair.clone())
        {
            continue;
        }
        let now = ca.get(&pair).unwrap_or(&empty);
        let ended: Vec<IssueIdx> = cb
            .get(&pair)
            .map(|was| was.difference(now).copied().collect())
            .unwrap_or_default();
        if ended.is_empty() {
            continue;
        }
        let titles: Vec<&str> = ended
            .iter()
            .map(|&i| sb.record.issue(i).title.as_str())
            .collect();
        let text = format!("resolved: {}", titles.join("; "));
        gone.push(MapEdge {
            from: e.from.clone(),
            to: e.to.clone(),
            attrs: vec![
                ("class", RESOLVED.into()),
                ("color", "#888888".into()),
                ("fontcolor", "#555555".into()),
                ("style", "dashed".into()),
                ("penwidth", "1.5".into()),
                ("dir", "none".into()),
                ("constraint", "false".into()),
                ("label", label(&text)),
                ("tooltip", text),
                ("id", format!("e--{}--{}--resolved", e.from, e.to)),
            ],
        });
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
                "conflicts resolved by the moves (dashed, grey): {} pair(s)",
                marked.resolved
            ),
        ),
        (
            "━━━━",
            "#333333",
            format!("new after the moves (bold): {} edge(s)", marked.new),
        ),
    ];
    let notes: &[&str] = if marked == Marked::default() {
        &["no edge of this map changes (`stancemap whatif` lists every change)"]
    } else {
        &[]
    };
    let rows = rows.map(|(glyph, color, text)| (glyph.to_string(), color.to_string(), text));
    let html = legend_table(&format!("Scenario {scenario}"), &rows, notes);
    pin_legend(map, "legend_scenario", html);
}
