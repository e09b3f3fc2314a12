//! Which claims lie behind a drawn node or edge: the page's claim table (each
//! claim once, referred to by index) and the rules that pick, for an actor, an
//! issue, a demand, a concession or an edge between two of them, the claims of
//! the drawn view that a click should show.

use super::super::dot::{node_name, View};
use super::super::html::{concession_claim, demand_claim, position_claim, Claim, ScenarioMark};
use crate::model::*;
use std::collections::{BTreeSet, HashMap};

/// A claim of the record being read: its kind and its place in the record.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Key {
    Position(u32),
    Demand(u32),
    Concession(u32),
}

#[derive(Clone, Copy)]
pub(super) enum Thing {
    Actor(ActorIdx),
    Issue(IssueIdx),
    Demand(DemandIdx),
    Concession(ConcessionIdx),
}

/// Says which claims of the record after a scenario's moves the moves made or
/// changed, and how to mark them.
pub(super) type Mark<'r> = &'r dyn Fn(Key) -> Option<ScenarioMark>;

/// The page's claim table: each claim once, referred to by index. A scenario's
/// page reads two records (before and after the moves, whose claims are
/// numbered differently once a move removes one); a claim of the second that
/// reads exactly as one of the first shares its entry.
pub(super) struct Claims<'r> {
    /// The record being read, and which of the page's records it is.
    record: &'r Record,
    side: u8,
    mark: Option<Mark<'r>>,
    index: HashMap<(u8, Key), usize>,
    /// With two records: each unmarked claim's JSON, to share equal entries.
    same: Option<HashMap<String, usize>>,
    list: Vec<Claim>,
}

impl<'r> Claims<'r> {
    /// A table reading `record`; `two_sides` when a second record follows.
    pub(super) fn new(record: &'r Record, two_sides: bool) -> Self {
        Claims {
            record,
            side: 0,
            mark: None,
            index: HashMap::new(),
            same: two_sides.then(HashMap::new),
            list: Vec::new(),
        }
    }

    /// From now on, read `record` (after the moves), marking what `mark` says.
    pub(super) fn read_after(&mut self, record: &'r Record, mark: Mark<'r>) {
        self.record = record;
        self.side = 1;
        self.mark = Some(mark);
    }

    /// The table, in the order the claims were first asked for.
    pub(super) fn into_list(self) -> Vec<Claim> {
        self.list
    }

    fn get(&mut self, key: Key) -> usize {
        if let Some(&i) = self.index.get(&(self.side, key)) {
            return i;
        }
        let r = self.record;
        let claim = match key {
            Key::Position(p) => position_claim(r, r.position(PositionIdx(p))),
            Key::Demand(d) => demand_claim(r, r.demand(DemandIdx(d))),
            Key::Concession(c) => concession_claim(r, r.concession(ConcessionIdx(c))),
        };
        let marked = self.mark.and_then(|m| m(key));
        let i = match (marked, &mut self.same) {
            (Some(mark), _) => self.push(claim.with_scenario(mark)),
            (None, Some(_)) => {
                let text = serde_json::to_string(&claim).expect("plain data serialises");
                match self.same.as_ref().and_then(|s| s.get(&text)) {
                    Some(&i) => i,
                    None => {
                        let i = self.push(claim);
                        if let Some(same) = &mut self.same {
                            same.insert(text, i);
                        }
                        i
                    }
                }
            }
            (None, None) => self.push(claim),
        };
        self.index.insert((self.side, key), i);
        i
    }

    fn push(&mut self, claim: Claim) -> usize {
        self.list.push(claim);
        self.list.len() - 1
    }
}

/// Node names of the record's actors, issues, demands and concessions.
pub(super) fn things(record: &Record) -> HashMap<String, Thing> {
    let mut out = HashMap::new();
    for (i, a) in record.actors.iter().enumerate() {
        out.insert(node_name("actor", &a.id), Thing::Actor(ActorIdx(i as u32)));
    }
    for (i, x) in record.issues.iter().enumerate() {
        out.insert(node_name("issue", &x.id), Thing::Issue(IssueIdx(i as u32)));
    }
    for (i, d) in record.demands.iter().enumerate() {
        out.insert(
            node_name("demand", &d.id),
            Thing::Demand(DemandIdx(i as u32)),
        );
    }
    for (i, c) in record.concessions.iter().enumerate() {
        out.insert(
            node_name("concession", &c.id),
            Thing::Concession(ConcessionIdx(i as u32)),
        );
    }
    out
}

/// Whether `claimant` speaks as `actor` (is it, or folds into it).
fn speaks_as(record: &Record, claimant: ActorIdx, actor: ActorIdx) -> bool {
    claimant == actor || record.party_of(claimant) == actor
}

/// The claims of the view that involve `a` on `issue` (positions, demands
/// made or received, concessions made or received).
fn claims_of(
    record: &Record,
    view: &View,
    a: ActorIdx,
    issue: Option<IssueIdx>,
    claims: &mut Claims,
) -> Vec<usize> {
    let on = |i: IssueIdx| issue.is_none_or(|x| x == i);
    let mut out = Vec::new();
    for &p in &view.positions {
        let pos = record.position(p);
        if speaks_as(record, pos.actor, a) && on(pos.issue) {
            out.push(claims.get(Key::Position(p.0)));
        }
    }
    for &d in &view.demands {
        let dem = record.demand(d);
        let involved =
            speaks_as(record, dem.by, a) || dem.of.iter().any(|&o| speaks_as(record, o, a));
        if involved && on(dem.issue) {
            out.push(claims.get(Key::Demand(d.0)));
        }
    }
    for &c in &view.concessions {
        let con = record.concession(c);
        let involved =
            speaks_as(record, con.by, a) || con.to.iter().any(|&o| speaks_as(record, o, a));
        if involved && on(con.issue) {
            out.push(claims.get(Key::Concession(c.0)));
        }
    }
    out
}

fn issues_of(record: &Record, view: &View, a: ActorIdx) -> BTreeSet<IssueIdx> {
    let mut out = BTreeSet::new();
    for &p in &view.positions {
        let pos = record.position(p);
        if speaks_as(record, pos.actor, a) {
            out.insert(pos.issue);
        }
    }
    for &d in &view.demands {
        let dem = record.demand(d);
        if speaks_as(record, dem.by, a) {
            out.insert(dem.issue);
        }
    }
    out
}

pub(super) fn node_entry(
    record: &Record,
    view: &View,
    thing: Thing,
    claims: &mut Claims,
) -> (String, String, Vec<usize>) {
    match thing {
        Thing::Actor(a) => {
            let actor = record.actor(a);
            (
                actor.name.clone(),
                format!("actor · {}", actor.kind),
                claims_of(record, view, a, None, claims),
            )
        }
        Thing::Issue(i) => {
            let issue = record.issue(i);
            let mut list = Vec::new();
            for &p in &view.positions {
                if record.position(p).issue == i {
                    list.push(claims.get(Key::Position(p.0)));
                }
            }
            for &d in &view.demands {
                if record.demand(d).issue == i {
                    list.push(claims.get(Key::Demand(d.0)));
                }
            }
            for &c in &view.concessions {
                if record.concession(c).issue == i {
                    list.push(claims.get(Key::Concession(c.0)));
                }
            }
            (
                issue.title.clone(),
                format!("issue · {}", issue.category),
                list,
            )
        }
        Thing::Demand(d) => (
            record.demand(d).text.clone(),
            format!("demand · {}", record.demand(d).status),
            vec![claims.get(Key::Demand(d.0))],
        ),
        Thing::Concession(c) => (
            record.concession(c).text.clone(),
            format!("concession · {}", record.concession(c).status),
            vec![claims.get(Key::Concession(c.0))],
        ),
    }
}

/// The claims behind an edge, found from what it joins: an actor and an issue,
/// the actor's claims on it; two actors, their claims on the issues the edge
/// names (its tooltip), else on every issue both speak to; a demand or
/// concession, that claim.
pub(super) fn edge_claims(
    record: &Record,
    view: &View,
    from: Thing,
    to: Thing,
    tooltip: &str,
    claims: &mut Claims,
) -> Vec<usize> {
    match (from, to) {
        (Thing::Demand(d), _) | (_, Thing::Demand(d)) => vec![claims.get(Key::Demand(d.0))],
        (Thing::Concession(c), _) | (_, Thing::Concession(c)) => {
            vec![claims.get(Key::Concession(c.0))]
        }
        (Thing::Actor(a), Thing::Issue(i)) | (Thing::Issue(i), Thing::Actor(a)) => {
            claims_of(record, view, a, Some(i), claims)
        }
        (Thing::Actor(a), Thing::Actor(b)) => {
            let common: BTreeSet<IssueIdx> = issues_of(record, view, a)
                .intersection(&issues_of(record, view, b))
                .copied()
                .collect();
            let named: BTreeSet<IssueIdx> = common
                .iter()
                .copied()
                .filter(|&i| tooltip.contains(&record.issue(i).title))
                .collect();
            let issues = if named.is_empty() { common } else { named };
            let mut out = Vec::new();
            for &i in &issues {
                out.extend(claims_of(record, view, a, Some(i), claims));
                out.extend(claims_of(record, view, b, Some(i), claims));
            }
            out.sort_unstable();
            out.dedup();
            out
        }
        (Thing::Issue(_), Thing::Issue(_)) => Vec::new(),
    }
}

pub(super) fn title_of(record: &Record, thing: Thing) -> String {
    match thing {
        Thing::Actor(a) => record.actor(a).name.clone(),
        Thing::Issue(i) => record.issue(i).title.clone(),
        Thing::Demand(d) => record.demand(d).text.clone(),
        Thing::Concession(c) => record.concession(c).text.clone(),
    }
}
