//! The demands map: who asks what of whom, grouped by addressee.
//!
//! Each addressee is a cluster of the demands made of it (named by its title,
//! with how many), so a reader sees at a glance what each party is asked for;
//! the demanders stand in one column on the left and point at each demand;
//! other addressees are named in the demand's label. A demand's status is its status at the as-of date (the
//! state's), told by its border: open bold, met double, rejected dashed,
//! dropped dotted. Only live demands are drawn unless `--history`, and the map
//! says how many settled ones it leaves out. Concessions are drawn right of
//! the drawn demands they answer (the state's `answered_by`), their giver named
//! in their label.

use super::brief::set;
use super::maps::{
    add_actor, add_concession, add_demand, demand_label, labelled, note, set_label,
    shows_concession, shows_demand, stance_look, MapOptions,
};
use super::style::EdgeLook;
use super::{label, label_wrapped, node_name, Map};
use crate::model::*;
use crate::state::{NegotiationState, Phase};
use std::collections::BTreeSet;

/// Characters a line of a demand's or concession's text.
const WIDE: usize = 46;

/// Adds `more` to the label's last line (the status line) when it fits in
/// [`WIDE`], else on a line of its own.
fn tail_line(text: &mut String, more: &str) {
    let last = text.rsplit('\n').next().unwrap_or("").chars().count();
    if last + 3 + more.chars().count() <= WIDE {
        text.push_str(" · ");
    } else {
        text.push('\n');
    }
    text.push_str(&label_wrapped(more, WIDE));
}

pub fn demands_map(st: &NegotiationState, opts: &MapOptions, map: &mut Map) {
    let record = st.record;
    let involved = |d: DemandIdx| {
        let demand = record.demand(d);
        let mut parties = vec![st.party(demand.by)];
        parties.extend(demand.of.iter().map(|&a| st.party(a)));
        parties
    };
    let known: Vec<DemandIdx> = st
        .demands
        .iter()
        .copied()
        .filter(|&d| st.keeps(&involved(d)))
        .collect();
    let settled_hidden = known
        .iter()
        .filter(|&&d| !shows_demand(st, opts, d) && st.demand_phase(d) == Some(Phase::History))
        .count();
    let mut shown: Vec<DemandIdx> = known
        .into_iter()
        .filter(|&d| shows_demand(st, opts, d))
        .collect();
    // Past the cap, live before settled, red lines first, the latest first.
    shown.sort_by_key(|&d| {
        let demand = record.demand(d);
        (
            st.demand_phase(d) != Some(Phase::Live),
            demand.priority != Priority::RedLine,
            demand.priority != Priority::Core,
            std::cmp::Reverse(demand.date),
            demand.id.as_str(),
        )
    });
    let room = (opts.max_nodes / 2).max(1);
    let cut = shown.len().saturating_sub(room);
    shown.truncate(room);
    // One cluster per addressee, named by its title: the addressee needs no
    // node of its own, so a party both asking and asked stays in the one
    // column of those who ask, and no edge runs into the clusters but the
    // demanders' and the answers'.
    let addressee = |d: DemandIdx| {
        record
            .demand(d)
            .of
            .iter()
            .map(|&a| st.party(a))
            .min_by_key(|&a| st.actor_rank(a))
    };
    let mut addressees: Vec<ActorIdx> = shown.iter().filter_map(|&d| addressee(d)).collect();
    addressees.sort_by_key(|&a| st.actor_rank(a));
    addressees.dedup();
    for &a in &addressees {
        let asked = shown.iter().filter(|&&d| addressee(d) == Some(a)).count();
        map.add_cluster(
            node_name("asked", &record.actor(a).id),
            vec![
                (
                    "label",
                    label(&format!("Asked of {} ({asked})", record.actor(a).name))
                        .replace('\n', " "),
                ),
                ("style", "rounded".into()),
                ("color", "#999999".into()),
            ],
            None,
        );
    }
    let mut drawn: BTreeSet<DemandIdx> = BTreeSet::new();
    let mut demanders: Vec<String> = vec![];
    for &d in &shown {
        let demand = record.demand(d);
        let cluster = addressee(d).map(|a| node_name("asked", &record.actor(a).id));
        let node = add_demand(st, map, d, cluster);
        drawn.insert(d);
        let by = add_actor(record, map, st.party(demand.by), None);
        demanders.push(by.clone());
        map.add_edge(
            by,
            node.clone(),
            stance_look(demand.stance.as_stance()).attrs(),
        );
        // The cluster says whom it is asked of; the label says who else (an
        // edge back across the map to each would cross every other), on the
        // status line: one or two wide lines a demand, the map reads as a table.
        let mut to: Vec<ActorIdx> = demand.of.iter().map(|&a| st.party(a)).collect();
        to.sort_by_key(|&a| st.actor_rank(a));
        to.dedup();
        let also: Vec<&str> = to
            .iter()
            .skip(1)
            .map(|&a| record.actor(a).name.as_str())
            .collect();
        let mut text = demand_label(st, d, &label_wrapped(&demand.text, WIDE));
        if !also.is_empty() {
            tail_line(&mut text, &format!("also of {}", also.join(", ")));
        }
        set_label(map, &node, text);
    }
    // Those who ask in one column, left of what they ask.
    map.same_rank.push(demanders);
    for &c in &st.concessions {
        if !shows_concession(st, opts, c) {
            continue;
        }
        let answers: Vec<DemandIdx> = st
            .answered_by(c)
            .into_iter()
            .map(|(d, _)| d)
            .filter(|d| drawn.contains(d))
            .collect();
        if answers.is_empty() {
            continue;
        }
        // Right of the demands it answers, its giver named in its label: an
        // edge from the giver would run back across the whole map.
        let concession = record.concession(c);
        let node = add_concession(st, map, c, None);
        let status = st.concession_status(c).unwrap_or(concession.status);
        let mut text = format!("{}\n[{status}]", label_wrapped(&concession.text, WIDE));
        let by = &record.actor(st.party(concession.by)).name;
        tail_line(&mut text, &format!("by {by}"));
        set_label(map, &node, text);
        for d in answers {
            let mut attrs = labelled(EdgeLook::Answers, "answers");
            set(&mut attrs, "dir", "back".into());
            map.add_edge(
                node_name("demand", &record.demand(d).id),
                node.clone(),
                attrs,
            );
        }
    }
    if cut > 0 {
        map.cuts.push(format!(
            "{cut} demand{} left out (--max-nodes {})",
            if cut == 1 { "" } else { "s" },
            opts.max_nodes
        ));
    }
    if settled_hidden > 0 {
        note(
            map,
            "note_history",
            format!(
                "{settled_hidden} settled demand{} (met, rejected, dropped)\nnot drawn: add --history",
                if settled_hidden == 1 { "" } else { "s" }
            ),
        );
    }
}
