//! The demands map: who asks what of whom, grouped by addressee.
//!
//! Each addressee is a cluster holding its node and the demands made of it, so
//! a reader sees at a glance what each party is asked for; the demander points
//! at each demand. A demand's status is its status at the as-of date (the
//! state's), told by its border: open bold, met double, rejected dashed,
//! dropped dotted. Only live demands are drawn unless `--history`, and the map
//! says how many settled ones it leaves out. Concessions are drawn when they
//! answer a drawn demand (the state's `answered_by`).

use super::maps::{
    add_actor, add_concession, add_demand, labelled, note, shows_concession, shows_demand,
    stance_look, MapOptions,
};
use super::style::EdgeLook;
use super::{label, node_name, Map};
use crate::model::*;
use crate::state::{NegotiationState, Phase};
use std::collections::BTreeSet;

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
    // Addressees first, each in its own cluster, so a demander who is also
    // asked something sits in its cluster rather than outside it.
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
        let key = node_name("asked", &record.actor(a).id);
        map.add_cluster(
            key.clone(),
            vec![
                (
                    "label",
                    label(&format!("Asked of {}", record.actor(a).name)).replace('\n', " "),
                ),
                ("style", "rounded".into()),
                ("color", "#999999".into()),
            ],
            None,
        );
        add_actor(record, map, a, Some(key));
    }
    let mut drawn: BTreeSet<DemandIdx> = BTreeSet::new();
    for &d in &shown {
        let demand = record.demand(d);
        let cluster = addressee(d).map(|a| node_name("asked", &record.actor(a).id));
        let node = add_demand(st, map, d, cluster);
        drawn.insert(d);
        let by = add_actor(record, map, st.party(demand.by), None);
        map.add_edge(
            by,
            node.clone(),
            stance_look(demand.stance.as_stance()).attrs(),
        );
        // The cluster says whom it is asked of; an edge says only who else.
        let mut to: Vec<ActorIdx> = demand.of.iter().map(|&a| st.party(a)).collect();
        to.sort_by_key(|&a| st.actor_rank(a));
        to.dedup();
        for of in to.into_iter().skip(1) {
            let of = add_actor(record, map, of, None);
            map.add_edge(node.clone(), of, labelled(EdgeLook::Target, "also of"));
        }
    }
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
        let concession = record.concession(c);
        let node = add_concession(st, map, c, None);
        let by = add_actor(record, map, st.party(concession.by), None);
        map.add_edge(by, node.clone(), EdgeLook::Concession.attrs());
        for d in answers {
            map.add_edge(
                node.clone(),
                node_name("demand", &record.demand(d).id),
                labelled(EdgeLook::Answers, "answers"),
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
