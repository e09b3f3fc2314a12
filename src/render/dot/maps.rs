//! The maps: each turns a [`View`] of the record into a [`Map`].
//!
//! Conflicts and coalitions are computed here by two small self-contained
//! functions ([`conflict_pairs`], `coalitions`) because the query module is not
//! yet available to this one; they should later be pointed at `crate::query`.

use super::brief::set;
use super::style::{okabe_ito, EdgeLook};
use super::{label, node_name, Attrs, Map, View};
use crate::model::*;
use crate::state::{Basis, Camp};
use std::collections::{BTreeMap, BTreeSet};

/// Which map to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapKind {
    Overview,
    Conflicts,
    Coalitions,
    Demands,
    Issue(IssueIdx),
    Actor(ActorIdx),
    Timeline,
}

impl MapKind {
    /// Parses `overview`, `issue:ID`, `actor:ID` (actor by alias too).
    pub fn parse(record: &Record, text: &str) -> Result<MapKind, String> {
        if let Some(id) = text.strip_prefix("issue:") {
            return record
                .find_issue(id)
                .map(MapKind::Issue)
                .ok_or_else(|| format!("no issue `{id}` in the record"));
        }
        if let Some(id) = text.strip_prefix("actor:") {
            return record
                .find_actor(id)
                .map(MapKind::Actor)
                .ok_or_else(|| format!("no actor `{id}` in the record"));
        }
        match text {
            "overview" => Ok(MapKind::Overview),
            "conflicts" => Ok(MapKind::Conflicts),
            "coalitions" => Ok(MapKind::Coalitions),
            "demands" => Ok(MapKind::Demands),
            "timeline" => Ok(MapKind::Timeline),
            _ => Err(format!(
                "unknown map `{text}`: expected overview, conflicts, coalitions, demands, \
                 timeline, issue:ID or actor:ID"
            )),
        }
    }

    /// The map's name, also its file stem under `--all` (`issue-ukraine-nato`).
    pub fn name(&self, record: &Record) -> String {
        match self {
            MapKind::Overview => "overview".into(),
            MapKind::Conflicts => "conflicts".into(),
            MapKind::Coalitions => "coalitions".into(),
            MapKind::Demands => "demands".into(),
            MapKind::Timeline => "timeline".into(),
            MapKind::Issue(i) => format!("issue-{}", record.issue(*i).id),
            MapKind::Actor(a) => format!("actor-{}", record.actor(*a).id),
        }
    }
}

/// How bad a conflict is, from the red lines involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    fn from_red_lines(count: usize) -> Severity {
        match count {
            0 => Severity::Low,
            1 => Severity::Medium,
            _ => Severity::High,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// Heavier, then solid, then dashed as it gets worse: the width and the
    /// line tell severity apart without the colour.
    pub fn look(self) -> EdgeLook {
        match self {
            Severity::Low => EdgeLook::ConflictLow,
            Severity::Medium => EdgeLook::ConflictMedium,
            Severity::High => EdgeLook::ConflictHigh,
        }
    }
}

/// Two actors (`a < b`, after folding people into parties) at odds on an issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictPair {
    pub a: ActorIdx,
    pub b: ActorIdx,
    pub issue: IssueIdx,
    pub severity: Severity,
}

/// Every conflict in the view: opposite position directions on one issue; a
/// demand against its addressee's position; opposite demands on one issue; and
/// explicit `conflicts_with`. One pair per actor pair and issue, at its worst
/// severity. Self-contained stand-in for the query module's conflicts.
pub fn conflict_pairs(record: &Record, view: &View) -> Vec<ConflictPair> {
    let mut found: BTreeMap<(ActorIdx, ActorIdx, IssueIdx), Severity> = BTreeMap::new();
    let mut add = |x: ActorIdx, y: ActorIdx, issue: IssueIdx, red_lines: usize| {
        let (x, y) = (view.fold(record, x), view.fold(record, y));
        if x == y {
            return;
        }
        let key = (x.min(y), x.max(y), issue);
        let severity = Severity::from_red_lines(red_lines);
        let entry = found.entry(key).or_insert(severity);
        *entry = (*entry).max(severity);
    };
    let positions: Vec<&Position> = view.positions.iter().map(|&p| record.position(p)).collect();
    let red = |p: &Position| usize::from(p.strength == Strength::RedLine);
    let red_d = |d: &Demand| usize::from(d.priority == Priority::RedLine);
    for (i, p) in positions.iter().enumerate() {
        for q in &positions[i + 1..] {
            if p.issue == q.issue {
                if let (Some(x), Some(y)) = (p.stance.direction(), q.stance.direction()) {
                    if x == y.opposite() {
                        add(p.actor, q.actor, p.issue, red(p) + red(q));
                    }
                }
            }
        }
    }
    let demands: Vec<&Demand> = view.demands.iter().map(|&d| record.demand(d)).collect();
    let in_view_position: BTreeSet<PositionIdx> = view.positions.iter().copied().collect();
    for d in &demands {
        for p in &positions {
            if p.issue == d.issue
                && d.of.contains(&p.actor)
                && p.stance.direction() == Some(d.stance.opposite())
            {
                add(d.by, p.actor, d.issue, red_d(d) + red(p));
            }
        }
        for other in &d.conflicts_with {
            match *other {
                ClaimRef::Demand(e) => {
                    let e = record.demand(e);
                    add(d.by, e.by, d.issue, red_d(d) + red_d(e));
                }
                ClaimRef::Position(p) if in_view_position.contains(&p) => {
                    let p = record.position(p);
                    add(d.by, p.actor, d.issue, red_d(d) + red(p));
                }
                ClaimRef::Position(_) => {}
            }
        }
    }
    for (i, d) in demands.iter().enumerate() {
        for e in &demands[i + 1..] {
            if d.issue == e.issue && d.stance == e.stance.opposite() {
                add(d.by, e.by, d.issue, red_d(d) + red_d(e));
            }
        }
    }
    found
        .into_iter()
        .map(|((a, b, issue), severity)| ConflictPair {
            a,
            b,
            issue,
            severity,
        })
        .collect()
}

/// How many issues each pair of actors agrees on.
type AgreeCounts = BTreeMap<(ActorIdx, ActorIdx), usize>;

/// Groups of actors who agree: connected components of "same direction on some
/// issue and no conflict at all", each sorted, the groups ordered by first member.
fn coalitions(
    record: &Record,
    view: &View,
    conflicts: &[ConflictPair],
) -> (Vec<Vec<ActorIdx>>, AgreeCounts) {
    let at_odds: BTreeSet<(ActorIdx, ActorIdx)> = conflicts.iter().map(|c| (c.a, c.b)).collect();
    let mut agree: BTreeMap<(ActorIdx, ActorIdx), usize> = BTreeMap::new();
    let mut actors: BTreeSet<ActorIdx> = BTreeSet::new();
    let positions: Vec<(ActorIdx, &Position)> = view
        .positions
        .iter()
        .map(|&p| {
            let p = record.position(p);
            (view.fold(record, p.actor), p)
        })
        .collect();
    for (i, (x, p)) in positions.iter().enumerate() {
        actors.insert(*x);
        for (y, q) in &positions[i + 1..] {
            let key = ((*x).min(*y), (*x).max(*y));
            if x != y
                && p.issue == q.issue
                && p.stance.direction().is_some()
                && p.stance.direction() == q.stance.direction()
                && !at_odds.contains(&key)
            {
                *agree.entry(key).or_default() += 1;
            }
        }
    }
    // Union-find, small and deterministic: the root is always the smaller index.
    let mut parent: BTreeMap<ActorIdx, ActorIdx> = actors.iter().map(|&a| (a, a)).collect();
    fn root(parent: &BTreeMap<ActorIdx, ActorIdx>, mut a: ActorIdx) -> ActorIdx {
        while parent[&a] != a {
            a = parent[&a];
        }
        a
    }
    for &(x, y) in agree.keys() {
        let (rx, ry) = (root(&parent, x), root(&parent, y));
        if rx != ry {
            parent.insert(rx.max(ry), rx.min(ry));
        }
    }
    let mut groups: BTreeMap<ActorIdx, Vec<ActorIdx>> = BTreeMap::new();
    for &a in &actors {
        groups.entry(root(&parent, a)).or_default().push(a);
    }
    let mut groups: Vec<Vec<ActorIdx>> = groups.into_values().collect();
    for g in &mut groups {
        g.sort_by(|x, y| record.actor(*x).id.cmp(&record.actor(*y).id));
    }
    groups.sort_by(|x, y| record.actor(x[0]).id.cmp(&record.actor(y[0]).id));
    (groups, agree)
}

/// Builds one map of the view.
pub fn build(record: &Record, view: &View, kind: &MapKind) -> Map {
    let mut map = Map::new(kind.name(record));
    map.node_defaults = vec![("fontname", "Helvetica".into()), ("fontsize", "11".into())];
    map.edge_defaults = vec![("fontname", "Helvetica".into()), ("fontsize", "9".into())];
    let title = match kind {
        MapKind::Overview => "Overview: who stands where".to_string(),
        MapKind::Conflicts => "Conflicts".to_string(),
        MapKind::Coalitions => "Coalitions".to_string(),
        MapKind::Demands => "Demands and concessions".to_string(),
        MapKind::Timeline => "Timeline: claims and status changes by party".to_string(),
        MapKind::Issue(i) => format!("Issue: {}", record.issue(*i).title),
        MapKind::Actor(a) => format!("Actor: {}", record.actor(*a).name),
    };
    map.graph_attrs = vec![
        ("label", label(&title).replace('\n', " ")),
        ("labelloc", "t".into()),
        ("fontname", "Helvetica".into()),
        ("fontsize", "16".into()),
        ("rankdir", "LR".into()),
        ("nodesep", "0.3".into()),
        ("ranksep", "0.6".into()),
    ];
    match kind {
        MapKind::Overview => overview(record, view, &mut map),
        MapKind::Conflicts => conflicts_map(record, view, &mut map),
        MapKind::Coalitions => coalitions_map(record, view, &mut map),
        MapKind::Demands => demands_map(record, view, &mut map),
        MapKind::Timeline => super::timeline::timeline(record, view, &mut map),
        MapKind::Issue(i) => issue_map(record, view, *i, &mut map),
        MapKind::Actor(a) => actor_map(record, view, *a, &mut map),
    }
    if map.nodes.iter().all(|n| n.name.starts_with("legend_")) {
        map.nodes.push(super::MapNode {
            name: "note_empty".into(),
            attrs: vec![
                ("label", "Nothing to show with these filters.".into()),
                ("shape", "plaintext".into()),
            ],
            cluster: None,
            pinned: true,
        });
    }
    map
}

fn actor_shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "box",
        ActorKind::Bloc => "box3d",
        ActorKind::Organisation => "hexagon",
        ActorKind::Person => "ellipse",
        ActorKind::Group => "octagon",
        ActorKind::Analyst => "parallelogram",
    }
}

fn actor_attrs(record: &Record, a: ActorIdx) -> Attrs {
    let actor = record.actor(a);
    let name = node_name("actor", &actor.id);
    let mut text = actor.name.clone();
    if let Some(role) = &actor.role {
        text = format!("{text} ({role})");
    }
    vec![
        ("label", label(&text)),
        ("shape", actor_shape(actor.kind).into()),
        ("style", "filled".into()),
        ("fillcolor", "#e8f0fe".into()),
        ("id", name),
        ("class", format!("actor {}", actor.kind)),
        ("tooltip", format!("{} ({})", actor.name, actor.kind)),
    ]
}

fn add_actor(record: &Record, map: &mut Map, a: ActorIdx, cluster: Option<String>) -> String {
    let name = node_name("actor", &record.actor(a).id);
    map.add_node(name.clone(), actor_attrs(record, a), cluster);
    name
}

fn add_issue(record: &Record, map: &mut Map, i: IssueIdx, cluster: Option<String>) -> String {
    let issue = record.issue(i);
    let name = node_name("issue", &issue.id);
    map.add_node(
        name.clone(),
        vec![
            ("label", label(&issue.title)),
            ("shape", "box".into()),
            ("style", "rounded,filled".into()),
            ("fillcolor", "#fff6d5".into()),
            ("id", name.clone()),
            ("class", format!("issue {}", issue.category)),
            ("tooltip", format!("{} [{}]", issue.title, issue.category)),
        ],
        cluster,
    );
    name
}

fn add_demand(record: &Record, map: &mut Map, d: DemandIdx, cluster: Option<String>) -> String {
    let demand = record.demand(d);
    let name = node_name("demand", &demand.id);
    let open = demand.status == DemandStatus::Open;
    let text = format!(
        "{}\n[{} · {}]",
        label(&demand.text),
        demand.priority,
        demand.status
    );
    let mut attrs = vec![
        ("label", text),
        ("shape", "box".into()),
        ("id", name.clone()),
        ("class", format!("demand {}", demand.status)),
        ("tooltip", demand.text.clone()),
    ];
    // Status is told by the border's line (bold, double, dashed, dotted), the
    // fill only repeats it: open demands stand out, settled ones recede.
    if open {
        attrs.push(("style", "filled,bold".into()));
        attrs.push(("fillcolor", "#FBE3D6".into()));
        attrs.push(("color", okabe_ito::VERMILLION.into()));
        attrs.push(("penwidth", "2".into()));
    } else {
        let (style, peripheries) = match demand.status {
            DemandStatus::Met => ("filled", "2"),
            DemandStatus::Rejected => ("filled,dashed", "1"),
            _ => ("filled,dotted", "1"),
        };
        attrs.push(("style", style.into()));
        attrs.push(("peripheries", peripheries.into()));
        attrs.push(("fillcolor", "#F0F0F0".into()));
        attrs.push(("fontcolor", "#444444".into()));
    }
    map.add_node(name.clone(), attrs, cluster);
    name
}

fn add_concession(
    record: &Record,
    map: &mut Map,
    c: ConcessionIdx,
    cluster: Option<String>,
) -> String {
    let concession = record.concession(c);
    let name = node_name("concession", &concession.id);
    map.add_node(
        name.clone(),
        vec![
            (
                "label",
                format!("{}\n[{}]", label(&concession.text), concession.status),
            ),
            ("shape", "box".into()),
            ("style", "rounded,filled".into()),
            ("fillcolor", "#DDF2EC".into()),
            ("id", name.clone()),
            ("class", format!("concession {}", concession.status)),
            ("tooltip", concession.text.clone()),
        ],
        cluster,
    );
    name
}

fn stance_look(stance: Stance) -> EdgeLook {
    match stance {
        Stance::Support => EdgeLook::Support,
        Stance::Oppose => EdgeLook::Oppose,
        Stance::Conditional => EdgeLook::Conditional,
        Stance::Ambiguous => EdgeLook::Ambiguous,
    }
}

fn position_attrs(record: &Record, p: &Position) -> Attrs {
    let mut attrs = stance_look(p.stance).attrs();
    set(&mut attrs, "penwidth", strength_width(p.strength).into());
    attrs.extend([(
        "tooltip",
        format!(
            "{} — {} ({}, {}): {}",
            record.actor(p.actor).name,
            p.stance,
            p.strength,
            p.date,
            p.summary
        ),
    )]);
    if p.strength == Strength::Floated {
        set(&mut attrs, "style", "dashed".into());
    }
    attrs
}

fn strength_width(strength: Strength) -> &'static str {
    match strength {
        Strength::RedLine => "4",
        Strength::Firm => "2",
        Strength::Flexible | Strength::Floated => "1.2",
    }
}

/// The top of an actor's `member_of` chain: the bloc or government it belongs to.
fn group_of(record: &Record, a: ActorIdx) -> ActorIdx {
    let mut current = a;
    for _ in 0..record.actors.len() {
        match record.actor(current).member_of.first() {
            Some(&p) => current = p,
            None => break,
        }
    }
    current
}

/// The top-level issue an issue belongs to.
fn topic_of(record: &Record, i: IssueIdx) -> IssueIdx {
    let mut current = i;
    for _ in 0..record.issues.len() {
        match record.issue(current).parent {
            Some(p) => current = p,
            None => break,
        }
    }
    current
}

/// `items` grouped under `root_of` each, groups and members in order.
fn group_by<T: Ord + Copy>(
    items: impl Iterator<Item = T>,
    root_of: impl Fn(T) -> T,
) -> BTreeMap<T, BTreeSet<T>> {
    let mut groups: BTreeMap<T, BTreeSet<T>> = BTreeMap::new();
    for item in items {
        groups.entry(root_of(item)).or_default().insert(item);
    }
    groups
}

/// Adds a cluster for each group that is more than its root alone (named and
/// styled by `cluster_of`), and returns each group with its cluster key, if any.
fn add_group_clusters<'g, T: Ord + Copy>(
    map: &mut Map,
    groups: &'g BTreeMap<T, BTreeSet<T>>,
    cluster_of: impl Fn(T) -> (String, Attrs),
) -> Vec<(T, &'g BTreeSet<T>, Option<String>)> {
    groups
        .iter()
        .map(|(&root, members)| {
            let clustered = members.len() > 1 || !members.contains(&root);
            let cluster = clustered.then(|| {
                let (key, attrs) = cluster_of(root);
                map.add_cluster(key.clone(), attrs, None);
                key
            });
            (root, members, cluster)
        })
        .collect()
}

fn overview(record: &Record, view: &View, map: &mut Map) {
    let positions: Vec<&Position> = view
        .positions
        .iter()
        .map(|&p| record.position(p))
        .filter(|p| view.touches(record, &[p.actor]))
        .collect();
    // Actors sharing a bloc or government are drawn in one cluster with it.
    let groups = group_by(positions.iter().map(|p| p.actor), |a| group_of(record, a));
    for (root, members, cluster) in add_group_clusters(map, &groups, |root| {
        (
            node_name("group", &record.actor(root).id),
            vec![
                ("label", label(&record.actor(root).name)),
                ("style", "rounded".into()),
                ("color", "#7986cb".into()),
            ],
        )
    }) {
        if cluster.is_some() {
            add_actor(record, map, root, cluster.clone());
        }
        for &a in members {
            add_actor(record, map, a, cluster.clone());
        }
    }
    // Sub-issues sit in one cluster per topic (their top-level issue), which
    // reads better than "part of" edges that stretch the map across ranks.
    let topics = group_by(positions.iter().map(|p| p.issue), |i| topic_of(record, i));
    for (_, members, cluster) in add_group_clusters(map, &topics, |topic| {
        (
            node_name("topic", &record.issue(topic).id),
            vec![
                ("label", label(&record.issue(topic).title)),
                ("style", "rounded,dashed".into()),
                ("color", "#c8a951".into()),
            ],
        )
    }) {
        for &i in members {
            add_issue(record, map, i, cluster.clone());
        }
    }
    for p in positions {
        map.add_edge(
            node_name("actor", &record.actor(p.actor).id),
            node_name("issue", &record.issue(p.issue).id),
            position_attrs(record, p),
        );
    }
}

fn conflict_edge(record: &Record, c: &ConflictPair) -> Attrs {
    let mut attrs = c.severity.look().attrs();
    attrs.extend([
        ("label", label(&record.issue(c.issue).title)),
        ("weight", (c.severity as u8 + 1).to_string()),
        (
            "tooltip",
            format!(
                "{} vs {} on {}: {} severity",
                record.actor(c.a).name,
                record.actor(c.b).name,
                record.issue(c.issue).title,
                c.severity.as_str()
            ),
        ),
    ]);
    attrs
}

fn conflicts_map(record: &Record, view: &View, map: &mut Map) {
    let conflicts: Vec<ConflictPair> = conflict_pairs(record, view)
        .into_iter()
        .filter(|c| view.touches(record, &[c.a, c.b]))
        .collect();
    for c in &conflicts {
        let a = add_actor(record, map, c.a, None);
        let b = add_actor(record, map, c.b, None);
        map.add_edge(a, b, conflict_edge(record, c));
    }
}

fn coalitions_map(record: &Record, view: &View, map: &mut Map) {
    let conflicts = conflict_pairs(record, view);
    let (groups, agree) = coalitions(record, view, &conflicts);
    let focus_group: Option<&Vec<ActorIdx>> = view
        .focus
        .and_then(|f| groups.iter().find(|g| g.contains(&view.fold(record, f))));
    let mut shown: BTreeSet<ActorIdx> = BTreeSet::new();
    let mut number = 0;
    for group in &groups {
        if group.len() > 1 {
            number += 1;
        }
        if view.focus.is_some() && Some(group) != focus_group {
            continue;
        }
        let cluster = (group.len() > 1).then(|| node_name("coalition", &record.actor(group[0]).id));
        if let Some(key) = &cluster {
            map.add_cluster(
                key.clone(),
                vec![
                    (
                        "label",
                        format!("Coalition {number}: agree, never conflict"),
                    ),
                    ("style", "rounded,filled".into()),
                    ("fillcolor", "#EAF6F2".into()),
                    ("color", okabe_ito::BLUISH_GREEN.into()),
                ],
                None,
            );
        }
        for &a in group {
            add_actor(record, map, a, cluster.clone());
            shown.insert(a);
        }
    }
    for (&(x, y), &count) in &agree {
        if shown.contains(&x) && shown.contains(&y) {
            map.add_edge(
                node_name("actor", &record.actor(x).id),
                node_name("actor", &record.actor(y).id),
                {
                    let mut attrs = EdgeLook::Agree.attrs();
                    attrs.push((
                        "tooltip",
                        format!(
                            "agree on {count} issue{}",
                            if count == 1 { "" } else { "s" }
                        ),
                    ));
                    attrs
                },
            );
        }
    }
    // One edge per pair of actors at odds, at its worst severity, naming the issues.
    let mut pairs: BTreeMap<(ActorIdx, ActorIdx), (Severity, Vec<String>)> = BTreeMap::new();
    for c in &conflicts {
        if view.focus.is_some() && !(shown.contains(&c.a) || shown.contains(&c.b)) {
            continue;
        }
        let entry = pairs.entry((c.a, c.b)).or_insert((c.severity, Vec::new()));
        entry.0 = entry.0.max(c.severity);
        entry.1.push(record.issue(c.issue).title.clone());
    }
    for ((x, y), (severity, issues)) in pairs {
        let a = add_actor(record, map, x, None);
        let b = add_actor(record, map, y, None);
        let text = issues
            .iter()
            .map(|t| label(t))
            .collect::<Vec<_>>()
            .join("\n—\n");
        map.add_edge(a, b, {
            let mut attrs = severity.look().attrs();
            attrs.push(("label", text));
            attrs.push((
                "tooltip",
                format!(
                    "{} vs {}: {}",
                    record.actor(x).name,
                    record.actor(y).name,
                    issues.join("; ")
                ),
            ));
            attrs
        });
    }
}

fn demands_map(record: &Record, view: &View, map: &mut Map) {
    map.graph_attrs.push(("concentrate", "true".into()));
    let mut answered: BTreeSet<DemandIdx> = BTreeSet::new();
    for &d in &view.demands {
        let demand = record.demand(d);
        let mut involved = vec![demand.by];
        involved.extend(&demand.of);
        if !view.touches(record, &involved) {
            continue;
        }
        answered.insert(d);
        let node = add_demand(record, map, d, None);
        let by = add_actor(record, map, demand.by, None);
        map.add_edge(
            by,
            node.clone(),
            stance_look(demand.stance.as_stance()).attrs(),
        );
        for &of in &demand.of {
            let of = add_actor(record, map, of, None);
            map.add_edge(node.clone(), of, labelled(EdgeLook::Target, "of"));
        }
    }
    for &c in &view.concessions {
        let concession = record.concession(c);
        let mut involved = vec![concession.by];
        involved.extend(&concession.to);
        if !view.touches(record, &involved) {
            continue;
        }
        let node = add_concession(record, map, c, None);
        let by = add_actor(record, map, concession.by, None);
        map.add_edge(by, node.clone(), EdgeLook::Concession.attrs());
        let answers: Vec<DemandIdx> = concession
            .answers
            .iter()
            .copied()
            .filter(|d| answered.contains(d))
            .collect();
        for d in &answers {
            map.add_edge(
                node.clone(),
                node_name("demand", &record.demand(*d).id),
                with(
                    labelled(EdgeLook::Answers, "answers"),
                    "constraint",
                    "false",
                ),
            );
        }
        for &to in &concession.to {
            let to = add_actor(record, map, to, None);
            map.add_edge(node.clone(), to, labelled(EdgeLook::Target, "to"));
        }
    }
}

fn issue_map(record: &Record, view: &View, root: IssueIdx, map: &mut Map) {
    let issues: BTreeSet<IssueIdx> = record
        .issue_with_descendants(root)
        .into_iter()
        .filter(|i| view.issues.contains(i))
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
    // Camps come from the negotiation state, as `stancemap issue` answers:
    // each party once, in the camp of its stance on the root issue, with
    // sub-issue stances folded in by their polarity (support for "Russia keeps
    // the territories" counts against "Ukraine regains them"), observers apart.
    let filter = crate::state::Filter {
        issues: Some(view.issues.iter().copied().collect()),
        as_of: view.as_of,
        min_confidence: view.min_confidence,
        people: view.people,
        ..crate::state::Filter::default()
    };
    let state = crate::state::NegotiationState::build(record, &filter);
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
        for s in state.stances_on(root) {
            if s.camp != camp || !view.touches(record, &[s.party]) {
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
    for &p in &view.positions {
        let pos = record.position(p);
        let party = view.fold(record, pos.actor);
        if pos.issue == root || !issues.contains(&pos.issue) || !in_camp.contains(&party) {
            continue;
        }
        let actor = node_name("actor", &record.actor(party).id);
        let issue = node_name("issue", &record.issue(pos.issue).id);
        let mut attrs = position_attrs(record, pos);
        set(&mut attrs, "constraint", "false".into());
        map.add_edge(actor, issue, attrs);
    }
    for &d in &view.demands {
        let demand = record.demand(d);
        if !issues.contains(&demand.issue) || !view.touches(record, &[demand.by]) {
            continue;
        }
        let node = add_demand(record, map, d, Some("claims".into()));
        let by = add_actor(record, map, demand.by, None);
        map.add_edge(
            by,
            node.clone(),
            with(
                stance_look(demand.stance.as_stance()).attrs(),
                "constraint",
                "false",
            ),
        );
        for &of in &demand.of {
            let of = add_actor(record, map, of, None);
            map.add_edge(
                node.clone(),
                of,
                with(labelled(EdgeLook::Target, "of"), "constraint", "false"),
            );
        }
    }
    for &c in &view.concessions {
        let concession = record.concession(c);
        if !issues.contains(&concession.issue) || !view.touches(record, &[concession.by]) {
            continue;
        }
        let node = add_concession(record, map, c, Some("claims".into()));
        let by = add_actor(record, map, concession.by, None);
        map.add_edge(
            by,
            node.clone(),
            with(EdgeLook::Concession.attrs(), "constraint", "false"),
        );
        for d in &concession.answers {
            let target = node_name("demand", &record.demand(*d).id);
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
fn actor_map(record: &Record, view: &View, ego: ActorIdx, map: &mut Map) {
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
    for &p in &view.positions {
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
    for &p in &view.positions {
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
    for c in conflict_pairs(record, view) {
        let other = if speaks_for_ego(c.a) {
            c.b
        } else if speaks_for_ego(c.b) {
            c.a
        } else {
            continue;
        };
        if ego_stances.contains_key(&c.issue)
            && map.has_node(&node_name("actor", &record.actor(other).id))
        {
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
        map.add_edge(ego_name.clone(), other, conflict_edge(record, &c));
    }
    for &d in &view.demands {
        let demand = record.demand(d);
        let made = speaks_for_ego(demand.by);
        let received = demand.of.iter().any(|&a| speaks_for_ego(a));
        if !made && !received {
            continue;
        }
        let node = add_demand(record, map, d, None);
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
    for &c in &view.concessions {
        let concession = record.concession(c);
        let given = speaks_for_ego(concession.by);
        let received = concession.to.iter().any(|&a| speaks_for_ego(a));
        if !given && !received {
            continue;
        }
        let node = add_concession(record, map, c, None);
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

/// A look with a label (`of`, `to`, `answers`).
fn labelled(look: EdgeLook, text: &str) -> Attrs {
    with(look.attrs(), "label", text)
}

/// `attrs` with one more attribute.
fn with(mut attrs: Attrs, key: &'static str, value: &str) -> Attrs {
    set(&mut attrs, key, value.to_string());
    attrs
}
