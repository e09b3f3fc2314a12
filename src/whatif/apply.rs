//! Playing a scenario's moves on a copy of the record. The record's files are
//! never touched: the moves change an in-memory model, and the negotiation state
//! is then built from it exactly as from the record.

use super::scenario::{Move, PlannedMove, Removal};
use crate::model::*;
use std::collections::HashMap;

/// The record after the moves, every move dated `date`.
pub fn play(record: &Record, moves: &[PlannedMove], date: Date) -> Record {
    play_traced(record, moves, date).0
}

/// Which move made or changed a claim of the record after the moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The move's place in the scenario, from 1.
    pub move_no: usize,
    /// Made by the move (else an existing claim the move changed: a demand met).
    pub added: bool,
}

/// The claims of the record after the moves that the moves made or changed, by
/// their places in that record: what a page marks as coming from the scenario
/// (removals renumber claims, so places of the record before do not carry over).
#[derive(Clone, Debug, Default)]
pub struct Origins {
    pub positions: HashMap<PositionIdx, Origin>,
    pub demands: HashMap<DemandIdx, Origin>,
    pub concessions: HashMap<ConcessionIdx, Origin>,
}

/// Where the claims of the record the moves were resolved against stand in
/// the record as played so far (`None` once a move removed them). Moves name
/// claims by their places in that first record; a removal renumbers the
/// claims after it, so every move finds its target through these places and
/// acts on the claim it names, not on the one that moved into its place.
#[derive(Clone, Debug)]
pub struct Places {
    positions: Vec<Option<u32>>,
    demands: Vec<Option<u32>>,
    concessions: Vec<Option<u32>>,
}

impl Places {
    /// Every claim of `record` where it is.
    pub fn of(record: &Record) -> Places {
        let all = |n: usize| (0..n as u32).map(Some).collect();
        Places {
            positions: all(record.positions.len()),
            demands: all(record.demands.len()),
            concessions: all(record.concessions.len()),
        }
    }

    fn position(&self, p: PositionIdx) -> Option<PositionIdx> {
        self.positions[p.index()].map(PositionIdx)
    }

    fn demand(&self, d: DemandIdx) -> Option<DemandIdx> {
        self.demands[d.index()].map(DemandIdx)
    }

    fn concession(&self, c: ConcessionIdx) -> Option<ConcessionIdx> {
        self.concessions[c.index()].map(ConcessionIdx)
    }

    fn demands_of(&self, list: Vec<DemandIdx>) -> Vec<DemandIdx> {
        list.into_iter().filter_map(|d| self.demand(d)).collect()
    }
}

/// Follows a renumbering (`moved`: new places of the current claims) through
/// the places of the first record's claims.
fn follow(places: &mut [Option<u32>], moved: &[Option<u32>]) {
    for p in places {
        *p = p.and_then(|now| moved[now as usize]);
    }
}

/// [`play`], also saying which claims the moves made or changed. Claims are
/// followed by id (every claim a move makes gets one), so a claim a later move
/// removes is not reported.
pub fn play_traced(record: &Record, moves: &[PlannedMove], date: Date) -> (Record, Origins) {
    let mut after = record.clone();
    let mut places = Places::of(record);
    let (mut positions, mut demands, mut concessions) =
        (HashMap::new(), HashMap::new(), HashMap::new());
    for (n, planned) in moves.iter().enumerate() {
        let n = n + 1;
        let added = Origin {
            move_no: n,
            added: true,
        };
        match &planned.action {
            Move::Concede { .. } => {
                concessions.entry(format!("whatif-{n}")).or_insert(added);
            }
            Move::Shift { id, .. } => {
                let id = id.clone().unwrap_or_else(|| format!("whatif-{n}"));
                positions.entry(id).or_insert(added);
            }
            Move::AddDemand { id, .. } => {
                demands.entry(id.clone()).or_insert(added);
            }
            Move::AddConcession { id, .. } => {
                concessions.entry(id.clone()).or_insert(added);
            }
            Move::SetStatus { demand, .. } => {
                let changed = Origin {
                    move_no: n,
                    added: false,
                };
                demands
                    .entry(record.demands[demand.index()].id.clone())
                    .or_insert(changed);
            }
            Move::Join { .. } | Move::Leave { .. } | Move::Remove(_) => {}
        }
        apply(&mut after, &mut places, planned, date, n);
    }
    let mut origins = Origins::default();
    for (i, p) in after.positions.iter().enumerate() {
        if let Some(&o) = p.id.as_ref().and_then(|id| positions.get(id)) {
            origins.positions.insert(PositionIdx(i as u32), o);
        }
    }
    for (i, d) in after.demands.iter().enumerate() {
        if let Some(&o) = demands.get(&d.id) {
            origins.demands.insert(DemandIdx(i as u32), o);
        }
    }
    for (i, c) in after.concessions.iter().enumerate() {
        if let Some(&o) = concessions.get(&c.id) {
            origins.concessions.insert(ConcessionIdx(i as u32), o);
        }
    }
    (after, origins)
}

/// Plays one move, the `n`th, on `r`, finding the claims it names through
/// `places` and keeping them up to date.
pub(super) fn apply(
    r: &mut Record,
    places: &mut Places,
    planned: &PlannedMove,
    date: Date,
    n: usize,
) {
    let sources = planned.sources.clone();
    let notes = planned.note.clone();
    match planned.action.clone() {
        Move::Concede {
            by,
            issue,
            stance,
            to,
            answers,
            text,
        } => {
            r.concessions.push(Concession {
                id: format!("whatif-{n}"),
                by,
                to,
                issue,
                stance: Some(stance),
                answers: places.demands_of(answers),
                answers_too_early: Vec::new(),
                text,
                status: ConcessionStatus::Made,
                history: Vec::new(),
                date,
                event: None,
                notes,
                sources,
            });
        }
        Move::Shift {
            actor,
            issue,
            stance,
            strength,
            summary,
            id,
            conditions,
            date: own_date,
        } => {
            // The move replaces what the party said that very day, so it reads as
            // its new stance and not as a same-day contradiction.
            let date = own_date.unwrap_or(date);
            let party = r.party_of(actor);
            let same_day: Vec<bool> = r
                .positions
                .iter()
                .map(|p| p.issue == issue && p.date == date && r.party_of(p.actor) == party)
                .collect();
            retain_positions(r, places, |i| !same_day[i]);
            r.positions.push(Position {
                id: Some(id.unwrap_or_else(|| format!("whatif-{n}"))),
                actor,
                issue,
                stance,
                strength,
                summary,
                date,
                conditions,
                event: None,
                notes,
                sources,
            });
        }
        Move::SetStatus { demand, status } => {
            // The resolver refuses a demand an earlier move removed.
            let Some(demand) = places.demand(demand) else {
                return;
            };
            let d = &mut r.demands[demand.index()];
            d.history.retain(|c| c.date < date);
            d.history.push(StatusChange {
                date,
                status,
                sources,
            });
            d.status = status;
        }
        Move::Join { actor, bloc } => r.actors[actor.index()].member_of.push(bloc),
        Move::Leave { actor, bloc } => r.actors[actor.index()].member_of.retain(|&b| b != bloc),
        Move::AddDemand {
            id,
            by,
            of,
            issue,
            stance,
            priority,
            text,
            conflicts_with,
        } => {
            // Named by id, found in the record as played so far (a removal
            // renumbers claims; a claim removed by an earlier move is gone).
            let conflicts_with = conflicts_with
                .iter()
                .filter_map(|name| {
                    let demand = r.demands.iter().position(|d| &d.id == name);
                    let position = || r.positions.iter().position(|p| p.id.as_ref() == Some(name));
                    demand
                        .map(|d| ClaimRef::Demand(DemandIdx(d as u32)))
                        .or_else(|| position().map(|p| ClaimRef::Position(PositionIdx(p as u32))))
                })
                .collect();
            r.demands.push(Demand {
                id,
                by,
                of,
                issue,
                stance,
                text,
                priority,
                status: DemandStatus::Open,
                history: Vec::new(),
                date,
                conflicts_with,
                event: None,
                notes,
                sources,
            });
        }
        Move::AddConcession {
            id,
            by,
            to,
            issue,
            stance,
            answers,
            text,
            status,
        } => {
            r.concessions.push(Concession {
                id,
                by,
                to,
                issue,
                stance,
                answers: places.demands_of(answers),
                answers_too_early: Vec::new(),
                text,
                status,
                history: Vec::new(),
                date,
                event: None,
                notes,
                sources,
            });
        }
        // A claim already gone (a shift replaced that day's position) stays gone.
        Move::Remove(Removal::Position(p)) => {
            if let Some(p) = places.position(p) {
                retain_positions(r, places, |i| i != p.index());
            }
        }
        Move::Remove(Removal::Demand(d)) => {
            if let Some(d) = places.demand(d) {
                retain_demands(r, places, |i| i != d.index());
            }
        }
        Move::Remove(Removal::Concession(c)) => {
            if let Some(c) = places.concession(c) {
                let moved = renumber(r.concessions.len(), |i| i != c.index());
                follow(&mut places.concessions, &moved);
                r.concessions.remove(c.index());
            }
        }
    }
}

/// New places of kept items (`None` for the removed), and the kept count.
fn renumber(len: usize, keep: impl Fn(usize) -> bool) -> Vec<Option<u32>> {
    let mut next = 0;
    (0..len)
        .map(|i| {
            keep(i).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// Keeps the positions `keep` says, renumbering the references to them.
fn retain_positions(r: &mut Record, first: &mut Places, keep: impl Fn(usize) -> bool) {
    let places = renumber(r.positions.len(), &keep);
    follow(&mut first.positions, &places);
    let mut i = 0;
    r.positions.retain(|_| {
        i += 1;
        keep(i - 1)
    });
    for d in &mut r.demands {
        d.conflicts_with = d
            .conflicts_with
            .iter()
            .filter_map(|c| match *c {
                ClaimRef::Position(p) => {
                    places[p.index()].map(|n| ClaimRef::Position(PositionIdx(n)))
                }
                other => Some(other),
            })
            .collect();
    }
}

/// Keeps the demands `keep` says, renumbering the references to them.
fn retain_demands(r: &mut Record, first: &mut Places, keep: impl Fn(usize) -> bool) {
    let places = renumber(r.demands.len(), &keep);
    follow(&mut first.demands, &places);
    let mut i = 0;
    r.demands.retain(|_| {
        i += 1;
        keep(i - 1)
    });
    let map = |list: &mut Vec<DemandIdx>| {
        *list = list
            .iter()
            .filter_map(|d| places[d.index()].map(DemandIdx))
            .collect();
    };
    for c in &mut r.concessions {
        map(&mut c.answers);
        map(&mut c.answers_too_early);
    }
    for d in &mut r.demands {
        d.conflicts_with = d
            .conflicts_with
            .iter()
            .filter_map(|c| match *c {
                ClaimRef::Demand(x) => places[x.index()].map(|n| ClaimRef::Demand(DemandIdx(n))),
                other => Some(other),
            })
            .collect();
    }
}
