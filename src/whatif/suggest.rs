//! `whatif --suggest`: which move would end the most conflicts at the least
//! cost? For each party (or the one given), on each issue where it stands in a
//! live conflict, the moves it could make are tried ([`candidates`]): give way
//! (take the other side, flexibly), step back (no stance), drop its own demand,
//! meet a demand made of it, or concede what is asked of it. Each try is played
//! on that issue family alone ([`super::slice`]); then pairs of the best single
//! moves are tried. Rows rank by score = conflicts resolved − conflicts created
//! − red lines crossed, then by demands newly answered, fewer moves, and text.
//!
//! A conflict here is a pair of parties on one issue: opposite stances, or a
//! live demand naming the other's claim (the relation's conflict ties), so a
//! row counts what an analyst would count, not claim pairs.

use super::compare::{crossed, Crossing};
use super::scenario::{Move, PlannedMove};
use super::slice::{self, Pair, Slice};
use crate::model::*;
use crate::state::{Filter, NegotiationState};
use std::collections::{BTreeMap, BTreeSet};

/// What the search is asked.
#[derive(Clone, Debug)]
pub struct Ask {
    /// The party whose moves are tried; every party in a live conflict if none.
    pub by: Option<ActorIdx>,
    /// 1: single moves; 2: pairs too (of the best singles).
    pub max_moves: usize,
    /// How many rows to keep.
    pub limit: usize,
    pub date: Date,
}

/// How many of a party's best single moves are paired with each other: with
/// `--by`, 40 (780 pairs at most); for every party, 8 each (28 pairs a party).
pub const PAIR_POOL_BY: usize = 40;
pub const PAIR_POOL_EACH: usize = 8;

/// One move tried, on one family, in that family's slice numbering.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Index of the family in [`Search::families`].
    pub family: usize,
    pub party: ActorIdx,
    pub issue: IssueIdx,
    pub planned: PlannedMove,
    /// The move as a scenario line, to paste into a scenario file.
    pub yaml: String,
}

/// A tried set of moves, with its counts.
#[derive(Clone, Debug)]
pub struct Tried {
    /// Indices into [`Search::candidates`].
    pub moves: Vec<usize>,
    pub resolved: Vec<Pair>,
    pub created: Vec<Pair>,
    /// The red lines crossed; `by_move` indexes `moves`, the claim is in the
    /// numbering of that move's family.
    pub crossings: Vec<Crossing>,
    /// Demands newly answered: (family, demand in its numbering).
    pub answered: Vec<(usize, DemandIdx)>,
}

impl Tried {
    pub fn score(&self) -> i64 {
        self.resolved.len() as i64 - self.created.len() as i64 - self.crossings.len() as i64
    }
}

/// The search's working state and its results.
pub struct Search {
    pub families: Vec<Slice>,
    pub candidates: Vec<Candidate>,
    /// Every try, best first, cut to the limit.
    pub ranked: Vec<Tried>,
    pub singles_tried: usize,
    pub pairs_tried: usize,
}

/// Runs the search on the record under `filter`.
pub fn search(record: &Record, filter: &Filter, ask: &Ask) -> Search {
    let full = NegotiationState::build(record, filter);
    let by = ask.by.map(|a| full.party(a));
    // The (party, issue) pairs in a live conflict, grouped by issue family.
    let mut by_family: BTreeMap<Vec<IssueIdx>, BTreeSet<(IssueIdx, ActorIdx)>> = BTreeMap::new();
    for &issue in &full.issues {
        let list = full.stances_on(issue);
        let has = |d: Direction| list.iter().any(|s| s.camp.direction() == Some(d));
        if !(has(Direction::Support) && has(Direction::Oppose)) {
            continue;
        }
        for s in list {
            if s.camp.direction().is_some() && by.is_none_or(|b| b == s.party) {
                by_family
                    .entry(slice::family(record, &full.issues, issue))
                    .or_default()
                    .insert((issue, s.party));
            }
        }
    }
    drop(full);

    let (mut before_rec, mut work) = (slice::workbench(record), slice::workbench(record));
    let mut search = Search {
        families: vec![],
        candidates: vec![],
        ranked: vec![],
        singles_tried: 0,
        pairs_tried: 0,
    };
    let mut tried = vec![];
    for (issues, targets) in by_family {
        let family = search.families.len();
        let cut = Slice::cut(record, issues);
        let f = cut.filter(filter);
        cut.load(&mut before_rec, &[], ask.date);
        let before = NegotiationState::build(&before_rec, &f);
        let first = search.candidates.len();
        for (issue, party) in targets {
            search
                .candidates
                .extend(candidates(&before, family, party, issue));
        }
        for n in first..search.candidates.len() {
            tried.push(try_moves(
                &before,
                &mut work,
                &cut,
                &f,
                &search.candidates,
                &[n],
                ask.date,
            ));
        }
        search.families.push(cut);
    }
    search.singles_tried = tried.len();
    rank(&mut tried, &search.candidates);

    if ask.max_moves >= 2 {
        // A pair is two moves of one party: each party's best singles, paired.
        let size = if by.is_some() {
            PAIR_POOL_BY
        } else {
            PAIR_POOL_EACH
        };
        let mut pools: BTreeMap<ActorIdx, Vec<&Tried>> = BTreeMap::new();
        for t in &tried {
            let pool = pools
                .entry(search.candidates[t.moves[0]].party)
                .or_default();
            if pool.len() < size {
                pool.push(t);
            }
        }
        let mut pairs = vec![];
        for pool in pools.values() {
            for (i, x) in pool.iter().enumerate() {
                for y in &pool[i + 1..] {
                    let (a, b) = (x.moves[0], y.moves[0]);
                    let (ca, cb) = (&search.candidates[a], &search.candidates[b]);
                    if ca.family != cb.family {
                        // Different families share no issue: the effects add up.
                        pairs.push(combine(x, y));
                    } else if !(ca.party == cb.party
                        && ca.issue == cb.issue
                        && matches!(ca.planned.action, Move::Shift { .. })
                        && matches!(cb.planned.action, Move::Shift { .. }))
                    {
                        // Same family: played together (two shifts of one party on
                        // one issue are not a pair: the second replaces the first).
                        let cut = &search.families[ca.family];
                        cut.load(&mut before_rec, &[], ask.date);
                        let f = cut.filter(filter);
                        let before = NegotiationState::build(&before_rec, &f);
                        pairs.push(try_moves(
                            &before,
                            &mut work,
                            cut,
                            &f,
                            &search.candidates,
                            &[a, b],
                            ask.date,
                        ));
                    }
                }
            }
        }
        search.pairs_tried = pairs.len();
        tried.extend(pairs);
        rank(&mut tried, &search.candidates);
    }
    tried.truncate(ask.limit);
    search.ranked = tried;
    search
}

/// Plays the candidates `moves` (one family) and reads what changes.
fn try_moves(
    before: &NegotiationState,
    work: &mut Record,
    cut: &Slice,
    filter: &Filter,
    all: &[Candidate],
    moves: &[usize],
    date: Date,
) -> Tried {
    let planned: Vec<&PlannedMove> = moves.iter().map(|&n| &all[n].planned).collect();
    cut.load(work, &planned, date);
    let after = NegotiationState::build(work, filter);
    let change = slice::change(before, &after, &cut.issues);
    let concedes = planned
        .iter()
        .any(|m| matches!(m.action, Move::Concede { .. }));
    let family = all[moves[0]].family;
    let answered = if concedes {
        slice::newly_answered(before, &after)
            .into_iter()
            .map(|d| (family, d))
            .collect()
    } else {
        vec![]
    };
    let crossings = crossed(before, planned.iter().copied());
    Tried {
        moves: moves.to_vec(),
        resolved: change.resolved,
        created: change.created,
        crossings,
        answered,
    }
}

/// Two tries on different families taken together.
fn combine(x: &Tried, y: &Tried) -> Tried {
    let mut crossings = x.crossings.clone();
    crossings.extend(y.crossings.iter().map(|&c| Crossing {
        by_move: c.by_move + x.moves.len(),
        ..c
    }));
    let mut answered = x.answered.clone();
    answered.extend(&y.answered);
    Tried {
        moves: x.moves.iter().chain(&y.moves).copied().collect(),
        resolved: x.resolved.iter().chain(&y.resolved).copied().collect(),
        created: x.created.iter().chain(&y.created).copied().collect(),
        crossings,
        answered,
    }
}

/// Best first: score, then demands answered, fewer moves, then the moves' text.
fn rank(tried: &mut [Tried], all: &[Candidate]) {
    tried.sort_by_cached_key(|t| {
        (
            std::cmp::Reverse(t.score()),
            std::cmp::Reverse(t.answered.len()),
            t.moves.len(),
            t.moves
                .iter()
                .map(|&n| all[n].yaml.clone())
                .collect::<Vec<_>>(),
        )
    });
}

/// The moves `party` could make on `issue`, where it stands in a live conflict.
pub fn candidates(
    s: &NegotiationState,
    family: usize,
    party: ActorIdx,
    issue: IssueIdx,
) -> Vec<Candidate> {
    let r = s.record;
    let Some(dir) = s.stance(party, issue).and_then(|st| st.camp.direction()) else {
        return vec![];
    };
    let (pid, iid) = (&r.actor(party).id, &r.issue(issue).id);
    let other = dir.opposite();
    let mut out = vec![];
    let mut push = |kind: &'static str, label: String, action: Move, yaml: String| {
        out.push(Candidate {
            family,
            party,
            issue,
            planned: PlannedMove {
                kind,
                label,
                action,
                note: None,
                sources: vec![],
            },
            yaml,
        })
    };
    // Give way: the other side, flexibly (support on conditions, or opposition).
    let give = match other {
        Direction::Support => Stance::Conditional,
        Direction::Oppose => Stance::Oppose,
    };
    for (stance, how) in [(give, "gives way"), (Stance::Ambiguous, "steps back")] {
        push(
            "shift",
            match stance {
                Stance::Ambiguous => format!("{pid} steps back on {iid} (no side)"),
                _ => format!("{pid} gives way on {iid} ({}, flexible)", stance.as_str()),
            },
            Move::Shift {
                actor: party,
                issue,
                stance,
                strength: Strength::Flexible,
                summary: format!("{} {how} on {}", r.actor(party).name, r.issue(issue).title),
                id: None,
                conditions: None,
                date: None,
            },
            format!(
                "- shift: {{actor: {pid}, issue: {iid}, stance: {}, strength: flexible}}",
                stance.as_str()
            ),
        );
    }
    // Its own live demands on the issue; the live demands made of it the other way.
    let mut asked = vec![];
    for &d in s.demands_on(issue) {
        if s.demand_status(d) != Some(DemandStatus::Open) {
            continue;
        }
        let demand = r.demand(d);
        if s.party(demand.by) == party {
            push(
                "drop",
                format!("{} is dropped", demand.id),
                Move::SetStatus {
                    demand: d,
                    status: DemandStatus::Dropped,
                },
                format!("- drop: {}", demand.id),
            );
        } else if demand.stance == other && demand.of.iter().any(|&a| s.party(a) == party) {
            push(
                "meet",
                format!("{} is met", demand.id),
                Move::SetStatus {
                    demand: d,
                    status: DemandStatus::Met,
                },
                format!("- meet: {}", demand.id),
            );
            asked.push(d);
        }
    }
    if !asked.is_empty() {
        let mut to: Vec<ActorIdx> = asked.iter().map(|&d| r.demand(d).by).collect();
        to.sort();
        to.dedup();
        let ids: Vec<&str> = asked.iter().map(|&d| r.demand(d).id.as_str()).collect();
        push(
            "concede",
            format!("{pid} concedes on {iid} ({})", other.as_str()),
            Move::Concede {
                by: party,
                issue,
                stance: other,
                to,
                answers: asked,
                text: format!(
                    "{} concedes: {} {}",
                    r.actor(party).name,
                    other.as_str(),
                    r.issue(issue).title
                ),
            },
            format!(
                "- concede: {{by: {pid}, issue: {iid}, stance: {}, answers: [{}]}}",
                other.as_str(),
                ids.join(", ")
            ),
        );
    }
    out
}
