//! The actor map (`--map actor:ID`): one party, its stances, its allies and
//! opponents on its issues, the conflicts the relation holds for it, and the
//! demands and concessions it makes or receives.
//!
//! Allies and opponents come from the state's stances on the ego's issues;
//! opponents the stances alone do not show (a named conflict, a demand against
//! its stance) come from the state's relation, as `stancemap actor` reads it.

use super::conflicts::{conflict_attrs, conflict_links};
use super::maps::{
    add_actor, add_concession, add_demand, add_issue, labelled, position_attrs, shows_concession,
    shows_demand, stance_look, with, MapOptions,
};
use super::style::{okabe_ito, EdgeLook};
use super::{node_name, Map};
use crate::model::*;
use crate::state::{Among, NegotiationState, Sign, Ties, Wanted};
use std::collections::BTreeMap;

/// Draws a demand or concession of an ego map: its author → `node` in `color`,
/// then `node` → each target, labelled. What the ego makes flows right of it and
/// what it receives sits left: only the edges on that path constrain the layout.
fn link_ego_claim(
    record: &Record,
    map: &mut Map,
    node: String,
    (author, look): (ActorIdx, EdgeLook),
    (targets, label): (&[ActorIdx], &str),
    own: bool,
    speaks_for_ego: &dyn Fn(ActorIdx) -> bool,
) {
    let by = add_actor(record, map, author, None);
    map.add_edge(
        by,
        node.clone(),
        with(look.attrs(), "constraint", &own.to_string()),
    );
    for &target in targets {
        let constrains = own || speaks_for_ego(target);
        let target = add_actor(record, map, target, None);
        map.add_edge(
            node.clone(),
            target,
            with(
                labelled(EdgeLook::Target, label),
                "constraint",
                &constrains.to_string(),
            ),
        );
    }
}
pub fn actor_map(st: &NegotiationState, opts: &MapOptions, ego: ActorIdx, map: &mut Map) {
    let record = st.record;
    let current: Vec<PositionIdx> = st
        .positions
        .iter()
        .copied()
        .filter(|&p| st.is_current_position(p))
        .collect();
    let speaks_for_ego = |a: ActorIdx| a == ego || record.party_of(a) == ego;
    let ego_cluster = node_name("ego", &record.actor(ego).id);
    map.add_cluster(
        ego_cluster.clone(),
        vec![
            ("label", String::new()),
            ("style", "rounded,filled".into()),
            ("fillcolor", "#f3f6ff".into()),
            ("color", "#7986cb".into()),
        ],
        None,
    );
    let ego_name = add_actor(record, map, ego, Some(ego_cluster.clone()));
    map.pin(&ego_name);
    let mut ego_stances: BTreeMap<IssueIdx, Direction> = BTreeMap::new();
    for &p in &current {
        let pos = record.position(p);
        if !speaks_for_ego(pos.actor) {
            continue;
        }
        let actor = add_actor(record, map, pos.actor, Some(ego_cluster.clone()));
        let issue = add_issue(record, map, pos.issue, None);
        map.add_edge(actor, issue, position_attrs(record, pos));
        if let Some(d) = pos.stance.direction() {
            ego_stances.insert(pos.issue, d);
        }
    }
    // Allies and opponents: others' positions on the ego's issues, to the right.
    for &p in &current {
        let pos = record.position(p);
        if speaks_for_ego(pos.actor) {
            continue;
        }
        let (Some(&mine), Some(theirs)) = (ego_stances.get(&pos.issue), pos.stance.direction())
        else {
            continue;
        };
        let (key, title, color) = if mine == theirs {
            ("allies", "Allies", okabe_ito::BLUE)
        } else {
            ("opponents", "Opponents", okabe_ito::VERMILLION)
        };
        map.add_cluster(
            key.into(),
            vec![
                ("label", title.into()),
                ("style", "rounded".into()),
                ("color", color.into()),
                ("fontcolor", color.into()),
            ],
            None,
        );
        let other = add_actor(record, map, pos.actor, Some(key.into()));
        let issue = node_name("issue", &record.issue(pos.issue).id);
        let mut attrs = position_attrs(record, pos);
        attrs.push(("dir", "back".into()));
        map.add_edge(issue, other, attrs);
    }
    // Opponents the positions alone do not show: demands against the ego's stance.
    // Only the ego's conflict ties: the whole relation is far larger.
    let ties = Ties::gather(
        st,
        Wanted {
            sign: Some(Sign::Conflict),
            among: Among::Touching(&speaks_for_ego),
        },
    );
    for c in conflict_links(st, &ties) {
        let other = if speaks_for_ego(c.a) {
            c.b
        } else if speaks_for_ego(c.b) {
            c.a
        } else {
            continue;
        };
        if map.has_node(&node_name("actor", &record.actor(other).id)) {
            continue;
        }
        map.add_cluster(
            "opponents".into(),
            vec![
                ("label", "Opponents".into()),
                ("style", "rounded".into()),
                ("color", okabe_ito::VERMILLION.into()),
                ("fontcolor", okabe_ito::VERMILLION.into()),
            ],
            None,
        );
        let other = add_actor(record, map, other, Some("opponents".into()));
        map.add_edge(ego_name.clone(), other, conflict_attrs(record, &c));
    }
    for &d in &st.demands {
        if !shows_demand(st, opts, d) {
            continue;
        }
        let demand = record.demand(d);
        let made = speaks_for_ego(demand.by);
        let received = demand.of.iter().any(|&a| speaks_for_ego(a));
        if !made && !received {
            continue;
        }
        let node = add_demand(st, map, d, None);
        let look = stance_look(demand.stance.as_stance());
        let targets = (&demand.of[..], "of");
        link_ego_claim(
            record,
            map,
            node,
            (demand.by, look),
            targets,
            made,
            &speaks_for_ego,
        );
    }
    for &c in &st.concessions {
        if !shows_concession(st, opts, c) {
            continue;
        }
        let concession = record.concession(c);
        let given = speaks_for_ego(concession.by);
        let received = concession.to.iter().any(|&a| speaks_for_ego(a));
        if !given && !received {
            continue;
        }
        let node = add_concession(st, map, c, None);
        let targets = (&concession.to[..], "to");
        link_ego_claim(
            record,
            map,
            node,
            (concession.by, EdgeLook::Concession),
            targets,
            given,
            &speaks_for_ego,
        );
    }
}
