//! The timeline map (`--map timeline`): every claim and every status change on a
//! date axis, one row per party.
//!
//! Why its own file: the other maps show the state as of one date; this one
//! shows how it came to be, so it reads every position a party took (not just
//! the latest) and the dated status changes of demands and concessions.
//! Layout: dates are ranks left to right (an invisible chain of date nodes
//! fixes their order); each party's claims of one date share one node, a line
//! each, marked ▲ support, ▼ oppose, ◆ conditional, ○ ambiguous, ✉ demand,
//! ⇄ concession, ↪ status change (so the kind reads without colour), chained in
//! date order from the party's row label, so a row reads left to right.

use super::brief::set;
use super::style::EdgeLook;
use super::{html_text, label, node_name, Map, MapNode};
use crate::model::*;
use crate::state::NegotiationState;
use std::collections::{BTreeMap, BTreeSet};

/// Most claims drawn: the latest; the map says how many earlier ones it left out.
pub const MAX_ITEMS: usize = 120;

/// One mark on the timeline.
struct Item {
    date: Date,
    party: ActorIdx,
    /// One line: a mark, what kind of claim and its gist.
    line: String,
    tooltip: String,
}

/// A mark that tells the kind of claim in black and white.
fn stance_mark(stance: Stance) -> &'static str {
    match stance {
        Stance::Support => "▲",
        Stance::Oppose => "▼",
        Stance::Conditional => "◆",
        Stance::Ambiguous => "○",
    }
}

/// Rows in id order.
fn party_rank(record: &Record, party: ActorIdx) -> u32 {
    let id = &record.actor(party).id;
    record.actors.iter().filter(|a| a.id < *id).count() as u32
}

fn short(text: &str) -> String {
    let cut: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        format!("{cut}…")
    } else {
        cut
    }
}

fn items(st: &NegotiationState) -> Vec<Item> {
    let record = st.record;
    let party = |a: ActorIdx| st.party(a);
    let in_time = |d: Date| st.filter.as_of.is_none_or(|a| d.starts_by(a));
    // The same issue, focus and source filters as the state: only time is read
    // here, since this map shows what the state forgets (earlier claims).
    let kept = |issue: IssueIdx, actor: ActorIdx, sources: &[Source]| {
        st.filter.keeps_issue(record, issue)
            && st.keeps(&[party(actor)])
            && st.filter.keeps_sources(sources)
    };
    let mut out = Vec::new();
    for p in &record.positions {
        if !kept(p.issue, p.actor, &p.sources) || !in_time(p.date) {
            continue;
        }
        out.push(Item {
            date: p.date,
            party: party(p.actor),
            line: format!(
                "{} {} ({}): {}",
                stance_mark(p.stance),
                p.stance,
                p.strength,
                short(&record.issue(p.issue).title)
            ),
            tooltip: format!(
                "{} ({}): {} — {}",
                record.actor(p.actor).name,
                p.date,
                p.stance,
                p.summary
            ),
        });
    }
    // A demand's or concession's first step is the claim (`made`: its mark and
    // its verb); each later step is a change of status.
    let mut claim = |kind: &str, made: (&str, &str), by: ActorIdx, steps: Vec<Step>, text: &str| {
        for step in steps.into_iter().filter(|s| in_time(s.date)) {
            let (line, tooltip) = match step.from {
                None => (
                    format!("{} {} [{}]: {}", made.0, made.1, step.to, short(text)),
                    format!(
                        "{} {} ({}): {text}",
                        record.actor(by).name,
                        made.1,
                        step.date
                    ),
                ),
                Some(from) => (
                    format!("↪ {kind} {from} → {}: {}", step.to, short(text)),
                    format!("{}: {kind} {from} → {}: {text}", step.date, step.to),
                ),
            };
            out.push(Item {
                date: step.date,
                party: party(by),
                line,
                tooltip,
            });
        }
    };
    for d in record
        .demands
        .iter()
        .filter(|d| kept(d.issue, d.by, &d.sources))
    {
        claim("demand", ("✉", "demands"), d.by, d.steps(), &d.text);
    }
    for c in record
        .concessions
        .iter()
        .filter(|c| kept(c.issue, c.by, &c.sources))
    {
        claim("concession", ("⇄", "concedes"), c.by, c.steps(), &c.text);
    }
    // Oldest first, then by party and name: the order rows are chained in.
    out.sort_by(|a, b| {
        (a.date, record.actor(a.party).id.as_str(), &a.line).cmp(&(
            b.date,
            record.actor(b.party).id.as_str(),
            &b.line,
        ))
    });
    out
}

pub fn timeline(st: &NegotiationState, map: &mut Map) {
    let record = st.record;
    let mut all = items(st);
    let left_out = all.len().saturating_sub(MAX_ITEMS);
    let all: Vec<Item> = all.drain(left_out..).collect();
    set(&mut map.graph_attrs, "ranksep", "0.35".into());
    set(&mut map.graph_attrs, "nodesep", "0.15".into());
    let dates: BTreeSet<Date> = all.iter().map(|i| i.date).collect();
    let date_name = |d: Date| format!("date_{}", d.to_string().replace('-', "_"));
    // The axis: date nodes in order, chained invisibly; a row-label column first.
    let mut previous = "date_start".to_string();
    map.nodes.push(MapNode {
        name: previous.clone(),
        attrs: vec![("label", "Party".into()), ("shape", "plaintext".into())],
        cluster: None,
        pinned: true,
    });
    let mut ranks: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for &d in &dates {
        let name = date_name(d);
        map.nodes.push(MapNode {
            name: name.clone(),
            attrs: vec![
                ("label", d.to_string()),
                ("shape", "plaintext".into()),
                ("fontsize", "12".into()),
                ("class", "date".into()),
            ],
            cluster: None,
            pinned: true,
        });
        map.add_edge(previous, name.clone(), vec![("style", "invis".into())]);
        ranks.entry(name.clone()).or_default().push(name.clone());
        previous = name;
    }
    let mut last_of: BTreeMap<ActorIdx, String> = BTreeMap::new();
    let mut parties: BTreeSet<ActorIdx> = BTreeSet::new();
    for item in &all {
        parties.insert(item.party);
    }
    let mut row_labels = vec!["date_start".to_string()];
    for &p in &parties {
        let name = node_name("actor", &record.actor(p).id);
        map.nodes.push(MapNode {
            name: name.clone(),
            attrs: vec![
                ("label", label(&record.actor(p).name)),
                ("shape", "box".into()),
                ("style", "filled".into()),
                ("fillcolor", "#E8F0FE".into()),
                ("id", name.clone()),
                ("class", format!("actor {}", record.actor(p).kind)),
            ],
            cluster: None,
            pinned: true,
        });
        row_labels.push(name.clone());
        last_of.insert(p, name);
    }
    map.same_rank.push(row_labels);
    // One node per party and date, a line per claim: a row stays one line high
    // however many claims a party made that day.
    let mut cells: BTreeMap<(Date, u32, ActorIdx), Vec<Item>> = BTreeMap::new();
    for item in all {
        let rank = party_rank(record, item.party);
        cells
            .entry((item.date, rank, item.party))
            .or_default()
            .push(item);
    }
    for ((date, _, party), items) in cells {
        let name = format!(
            "t_{}_{}",
            record.actor(party).id.replace('-', "_"),
            date.to_string().replace('-', "_")
        );
        let mut html = String::from(
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">",
        );
        for item in &items {
            html.push_str(&format!(
                "<TR><TD ALIGN=\"LEFT\">{}</TD></TR>",
                html_text(&item.line)
            ));
        }
        html.push_str("</TABLE>");
        let tooltip: Vec<&str> = items.iter().map(|i| i.tooltip.as_str()).collect();
        map.nodes.push(MapNode {
            name: name.clone(),
            attrs: vec![
                ("html_label", html),
                ("shape", "box".into()),
                ("style", "rounded".into()),
                ("color", "#888888".into()),
                ("fontsize", "9".into()),
                ("id", name.clone()),
                ("class", "claims".into()),
                ("tooltip", tooltip.join("\n")),
            ],
            cluster: None,
            pinned: false,
        });
        ranks.entry(date_name(date)).or_default().push(name.clone());
        let from = last_of.insert(party, name.clone()).unwrap_or_default();
        map.add_edge(from, name, EdgeLook::Claim.attrs());
    }
    map.same_rank.extend(ranks.into_values());
    if left_out > 0 {
        map.nodes.push(MapNode {
            name: "note_timeline_cut".into(),
            attrs: vec![
                (
                    "label",
                    format!("{left_out} earlier claims not drawn (the latest {MAX_ITEMS} are)"),
                ),
                ("shape", "note".into()),
                ("style", "filled".into()),
                ("fillcolor", "#FFF8DC".into()),
            ],
            cluster: None,
            pinned: true,
        });
    }
}
