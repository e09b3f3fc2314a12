//! The coalitions map: the `coalitions` query's answer, drawn.
//!
//! A coalition is a maximal group of parties who agree and never conflict; one
//! party can sit in several, so coalitions are not clusters (Graphviz clusters
//! cannot overlap) but a node each, labelled with its shared issues and its
//! weakest link, with an edge from each member. Every edge is one member of one
//! coalition of the answer. Parties in no coalition are named in a note.
//! Observers are no parties, so they are in none (unless `--include-observers`).
//! Past [`MAX_DRAWN`] coalitions (the answer lists the largest first) the rest
//! are counted on the map, not drawn.

use super::maps::{add_actor, note, MapOptions};
use super::style::{okabe_ito, EdgeLook};
use super::{html_text, Map};
use crate::model::*;
use crate::query::coalitions;
use crate::state::NegotiationState;
use std::collections::{BTreeSet, HashMap};

/// Most coalitions drawn; a map with more is no longer read at a glance.
pub const MAX_DRAWN: usize = 40;
/// Most shared issues named on a coalition's node.
const MAX_ISSUES_NAMED: usize = 4;

/// The node name of the `n`th coalition of the answer (1-based).
pub fn coalition_node(n: usize) -> String {
    format!("coalition_{n}")
}

pub fn coalitions_map(st: &NegotiationState, opts: &MapOptions, map: &mut Map) {
    let record = st.record;
    // The answer's coalitions, written out only for those drawn.
    let (groups, truncated) = coalitions::groups(st);
    let ids = |g: &Vec<u32>| -> Vec<&str> {
        g.iter()
            .map(|&n| record.actor(st.parties[n as usize]).id.as_str())
            .collect()
    };
    let by_id: HashMap<&str, ActorIdx> = st
        .parties
        .iter()
        .map(|&a| (record.actor(a).id.as_str(), a))
        .collect();
    let title_of = |id: &str| {
        record
            .find_issue(id)
            .map_or_else(|| id.to_string(), |i| record.issue(i).title.clone())
    };
    // As many coalitions, largest first, as fit under the node cap with their
    // members (two places kept for the legend and a note), so the cap never
    // drops a member and leaves a coalition drawn short.
    // The same for edges (one per member) and the edge cap.
    let (mut drawn, mut edges) = (0, 0);
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for g in groups.iter().take(MAX_DRAWN) {
        let members = ids(g);
        let new = members.iter().filter(|m| !seen.contains(*m)).count();
        if drawn + 1 + seen.len() + new + 2 > opts.max_nodes || edges + g.len() > opts.max_edges {
            break;
        }
        seen.extend(members);
        drawn += 1;
        edges += g.len();
    }
    let mut members_drawn: BTreeSet<ActorIdx> = BTreeSet::new();
    // Only the links between the drawn coalitions' members are read.
    let part;
    let rel = match st.relation_if_built() {
        Some(rel) => rel,
        None => {
            part = coalitions::among_members(st, &groups[..drawn]);
            &part
        }
    };
    for (i, g) in groups.iter().take(drawn).enumerate() {
        let c = &coalitions::coalition(st, rel, g);
        let hub = coalition_node(i + 1);
        let mut issues: Vec<String> = c
            .issues
            .iter()
            .take(MAX_ISSUES_NAMED)
            .map(|id| title_of(id))
            .collect();
        if c.issues.len() > MAX_ISSUES_NAMED {
            issues.push(format!("… and {} more", c.issues.len() - MAX_ISSUES_NAMED));
        }
        let w = &c.weakest_link;
        let mut html = format!(
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">\
             <TR><TD><B>Coalition {} · {} parties</B></TD></TR>\
             <TR><TD ALIGN=\"LEFT\"><I>agree on:</I></TD></TR>",
            i + 1,
            c.members.len()
        );
        for t in &issues {
            html.push_str(&format!(
                "<TR><TD ALIGN=\"LEFT\">{}</TD></TR>",
                html_text(&super::label(t).replace('\n', " "))
            ));
        }
        html.push_str(&format!(
            "<TR><TD ALIGN=\"LEFT\"><I>weakest link:</I> {} – {} ({} agreement{})</TD></TR></TABLE>",
            html_text(&w.a.name),
            html_text(&w.b.name),
            w.agreements,
            if w.agreements == 1 { "" } else { "s" }
        ));
        map.add_node(
            hub.clone(),
            vec![
                ("html_label", html),
                ("shape", "box".into()),
                ("style", "rounded,filled".into()),
                ("fillcolor", "#EAF6F2".into()),
                ("color", okabe_ito::BLUISH_GREEN.into()),
                ("id", hub.clone()),
                ("class", "coalition".into()),
                (
                    "tooltip",
                    format!(
                        "Coalition {}: {}",
                        i + 1,
                        c.members
                            .iter()
                            .map(|m| m.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            ],
            None,
        );
        map.pin(&hub);
        for m in &c.members {
            let Some(&a) = by_id.get(m.id.as_str()) else {
                continue;
            };
            members_drawn.insert(a);
            let actor = add_actor(record, map, a, None);
            let mut attrs = EdgeLook::Agree.attrs();
            attrs.push((
                "tooltip",
                format!("{} is in coalition {}", record.actor(a).name, i + 1),
            ));
            map.add_edge(actor, hub.clone(), attrs);
        }
    }
    let cut = groups.len() - drawn;
    if cut > 0 || truncated {
        map.cuts.push(format!(
            "{cut} smaller coalition{} of {}{} not drawn",
            if cut == 1 { "" } else { "s" },
            groups.len(),
            if truncated {
                " (the search stopped at its budget)"
            } else {
                ""
            }
        ));
    }
    let alone: Vec<&str> = st
        .parties
        .iter()
        .filter(|&&a| st.keeps(&[a]) && !members_drawn.contains(&a))
        .map(|&a| record.actor(a).name.as_str())
        .collect();
    if !alone.is_empty() && cut == 0 {
        let shown: Vec<&str> = alone.iter().take(12).copied().collect();
        let more = alone.len() - shown.len();
        let mut text = format!("In no coalition:\n{}", shown.join("\n"));
        if more > 0 {
            text.push_str(&format!("\n… and {more} more"));
        }
        note(map, "note_alone", text);
    }
}
