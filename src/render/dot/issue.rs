//! The issue map (`--map issue:ID`): the camps on one topic.
//!
//! Camps are the negotiation state's, as `stancemap issue ID` answers: each
//! party once, in the camp of its stance on the root issue (sub-issue stances
//! folded in by their polarity, so support for "Russia keeps the territories"
//! counts against "Ukraine regains them"), observers apart. Beside the camps:
//! the parties' own current positions on the sub-issues, and the topic's live
//! demands and concessions (settled ones with `--history`) in a box of their
//! own, who asks what of whom and who concedes said on each, so no edge runs
//! from the camps across the map to them; a concession points at the demands
//! it answers.

use super::brief::set;
use super::maps::{
    add_actor, add_concession, add_demand, add_issue, append_label, labelled, position_attrs,
    shows_concession, shows_demand, with, MapOptions,
};
use super::style::EdgeLook;
use super::{node_name, Map};
use crate::model::*;
use crate::state::{Basis, Camp, NegotiationState};
use std::collections::BTreeSet;

pub fn issue_map(st: &NegotiationState, opts: &MapOptions, root: IssueIdx, map: &mut Map) {
    let record = st.record;
    let in_state: BTreeSet<IssueIdx> = st.issues.iter().copied().collect();
    let issues: BTreeSet<IssueIdx> = record
        .issue_with_descendants(root)
        .into_iter()
        .filter(|i| in_state.contains(i))
        .collect();
    let mut centre = Vec::new();
    for &i in &issues {
        let name = add_issue(record, map, i, None);
        map.pin(&name);
        centre.push(name);
    }
    map.same_rank.push(centre);
    for &i in &issues {
        if let Some(parent) = record.issue(i).parent.filter(|p| issues.contains(p)) {
            map.add_edge(
                node_name("issue", &record.issue(i).id),
                node_name("issue", &record.issue(parent).id),
                // A labelled edge inside a rank=same group makes `dot` fail
                // ("trouble in init_rank") on deep issue trees: tooltip only,
                // and no say in the ranking.
                with(
                    with(EdgeLook::PartOf.attrs(), "tooltip", "part of"),
                    "constraint",
                    "false",
                ),
            );
        }
    }
    let camps = [
        (Camp::For, "For", EdgeLook::Support),
        (Camp::Conditional, "Conditional", EdgeLook::Conditional),
        (Camp::Against, "Against", EdgeLook::Oppose),
        (Camp::Mixed, "Mixed", EdgeLook::Ambiguous),
        (Camp::Ambiguous, "Ambiguous", EdgeLook::Ambiguous),
    ];
    let root_name = node_name("issue", &record.issue(root).id);
    let mut in_camp: BTreeSet<ActorIdx> = BTreeSet::new();
    for (camp, title, look) in camps {
        let key = format!("camp_{}", camp.as_str());
        map.add_cluster(
            key.clone(),
            vec![
                ("label", title.into()),
                ("style", "rounded".into()),
                ("color", look.color().into()),
            ],
            None,
        );
        for s in st.stances_on(root) {
            if s.camp != camp || !st.keeps(&[s.party]) {
                continue;
            }
            in_camp.insert(s.party);
            let actor = add_actor(record, map, s.party, Some(key.clone()));
            let mut attrs = look.attrs();
            let via = match &s.basis {
                Basis::Own => String::new(),
                Basis::Bloc(b) => format!(" (as {})", record.actor(*b).name),
                Basis::SubIssues { flipped, .. } if !flipped.is_empty() => {
                    " (from sub-issues, opposite ones turned round)".into()
                }
                Basis::SubIssues { .. } => " (from sub-issues)".into(),
            };
            attrs.push((
                "tooltip",
                format!(
                    "{}: {} on {}{via}",
                    record.actor(s.party).name,
                    camp.as_str(),
                    record.issue(root).title
                ),
            ));
            // Those for the issue to the left of it, everyone else to the right.
            if camp.direction() == Some(Direction::Support) {
                map.add_edge(actor, root_name.clone(), attrs);
            } else {
                set(&mut attrs, "dir", "back".into());
                map.add_edge(root_name.clone(), actor, attrs);
            }
        }
    }
    // The parties' own positions on the sub-issues, as claimed (not folded).
    for &p in &st.positions {
        let pos = record.position(p);
        let party = st.party(pos.actor);
        if pos.issue == root
            || !issues.contains(&pos.issue)
            || !in_camp.contains(&party)
            || !st.is_current_position(p)
        {
            continue;
        }
        let actor = node_name("actor", &record.actor(party).id);
        let issue = node_name("issue", &record.issue(pos.issue).id);
        let mut attrs = position_attrs(record, pos);
        set(&mut attrs, "constraint", "false".into());
        map.add_edge(actor, issue, attrs);
    }
    let mut drawn: BTreeSet<DemandIdx> = BTreeSet::new();
    for &d in &st.demands {
        let demand = record.demand(d);
        if !issues.contains(&demand.issue)
            || !st.keeps(&[st.party(demand.by)])
            || !shows_demand(st, opts, d)
        {
            continue;
        }
        drawn.insert(d);
        let node = add_demand(st, map, d, Some("claims".into()));
        // Who asks it of whom is said on the demand: edges from the camps to
        // the claims would cross the whole map.
        let names = |list: &mut dyn Iterator<Item = ActorIdx>| -> String {
            let mut parties: Vec<ActorIdx> = list.map(|a| st.party(a)).collect();
            parties.sort_by_key(|&a| st.actor_rank(a));
            parties.dedup();
            let names: Vec<&str> = parties
                .iter()
                .map(|&a| record.actor(a).name.as_str())
                .collect();
            names.join(", ")
        };
        let of = names(&mut demand.of.iter().copied());
        append_label(
            map,
            &node,
            &format!("{} asks it of {of}", record.actor(st.party(demand.by)).name),
        );
    }
    for &c in &st.concessions {
        let concession = record.concession(c);
        if !issues.contains(&concession.issue)
            || !st.keeps(&[st.party(concession.by)])
            || !shows_concession(st, opts, c)
        {
            continue;
        }
        let node = add_concession(st, map, c, Some("claims".into()));
        append_label(
            map,
            &node,
            &format!("by {}", record.actor(st.party(concession.by)).name),
        );
        for (d, _) in st.answered_by(c) {
            if !drawn.contains(&d) {
                continue;
            }
            let target = node_name("demand", &record.demand(d).id);
            map.add_edge(node.clone(), target, labelled(EdgeLook::Answers, "answers"));
        }
    }
    if map
        .nodes
        .iter()
        .any(|n| n.cluster.as_deref() == Some("claims"))
    {
        map.add_cluster(
            "claims".into(),
            vec![
                ("label", "Demands and concessions".into()),
                ("style", "rounded".into()),
                ("color", "#bbbbbb".into()),
            ],
            None,
        );
    }
    map.clusters.retain(|c| {
        map.nodes
            .iter()
            .any(|n| n.cluster.as_deref() == Some(c.key.as_str()))
    });
}
