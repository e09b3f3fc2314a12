//! Before and after: the negotiation state of the record and of the record after
//! the moves, built the same way, compared answer by answer. Rows are matched by
//! ids (actors, issues, claims), never by index, since the moves renumber claims.

use super::scenario::{Move, PlannedMove};
use crate::model::*;
use crate::query::bargaining::{self, Bargaining};
use crate::query::coalitions;
use crate::query::conflicts::{self, Conflict};
use crate::query::Claim;
use crate::state::{ClaimId, Filter, Hardness, NegotiationState};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The difference a scenario makes. The top-level keys are part of the interface
/// (docs/whatif.md): add, don't rename.
#[derive(Clone, Debug, Serialize)]
pub struct WhatIf {
    pub scenario: String,
    pub title: Option<String>,
    /// The date the moves are played on.
    pub date: Date,
    pub moves: Vec<MoveRow>,
    /// Live conflicts before that are gone after (rows as `conflicts --pairs`).
    pub resolved: Vec<Conflict>,
    /// Live conflicts after that were not there before.
    pub created: Vec<Conflict>,
    pub camp_changes: Vec<CampChange>,
    pub answered: Answered,
    pub red_lines_crossed: Vec<RedLineCrossed>,
    pub coalitions: CoalitionChange,
    pub bargaining: BargainingChange,
}

#[derive(Clone, Debug, Serialize)]
pub struct MoveRow {
    pub kind: String,
    pub do_: String,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct CampChange {
    pub issue: String,
    pub party: String,
    /// `none` when the party had no stance on the issue.
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Answered {
    /// Demands answered after the moves and not before.
    pub newly: Vec<Claim>,
    /// Demands still open after the moves.
    pub still_open: Vec<Claim>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RedLineCrossed {
    /// The move, as one line.
    pub by_move: String,
    /// Whose red line: the mover's own (it gives up its red line) or another party's.
    pub whose: String,
    pub own: bool,
    pub red_line: Claim,
}

#[derive(Clone, Debug, Serialize)]
pub struct CoalitionChange {
    pub formed: Vec<Vec<String>>,
    pub dissolved: Vec<Vec<String>>,
    pub before: usize,
    pub after: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Counts {
    pub open_demands: usize,
    pub trades: usize,
    pub blockers: usize,
    pub red_lines: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct BargainingChange {
    pub before: Counts,
    pub after: Counts,
    /// Trades (as "a ⇄ b: demand / demand") new after the moves.
    pub trades_new: Vec<String>,
    pub trades_gone: Vec<String>,
    /// Blockers ("demand → addressee") new and gone.
    pub blockers_new: Vec<String>,
    pub blockers_gone: Vec<String>,
}

/// Compares the state of `before` and `after` under one filter.
pub fn compare(
    before: &Record,
    after: &Record,
    filter: &Filter,
    scenario: &super::Scenario,
    date: Date,
) -> WhatIf {
    // Moves played after the as-of date are still in the state after them.
    let after_filter = Filter {
        as_of: filter
            .as_of
            .map(|d| if date.end() > d.end() { date } else { d }),
        ..filter.clone()
    };
    let (sb, sa) = (
        NegotiationState::build(before, filter),
        NegotiationState::build(after, &after_filter),
    );
    let (cb, ca) = (
        conflicts::find(&sb).conflicts,
        conflicts::find(&sa).conflicts,
    );
    let keys_b: BTreeSet<String> = cb.iter().map(conflict_key).collect();
    let keys_a: BTreeSet<String> = ca.iter().map(conflict_key).collect();
    let resolved = cb
        .into_iter()
        .filter(|c| !keys_a.contains(&conflict_key(c)))
        .collect();
    let created = ca
        .into_iter()
        .filter(|c| !keys_b.contains(&conflict_key(c)))
        .collect();

    let (bb, ba) = (bargaining::find(&sb), bargaining::find(&sa));
    let answered_before: BTreeSet<String> =
        bb.answered.iter().map(|a| claim_key(&a.demand)).collect();
    let answered = Answered {
        newly: ba
            .answered
            .iter()
            .filter(|a| !answered_before.contains(&claim_key(&a.demand)))
            .map(|a| a.demand.clone())
            .collect(),
        still_open: ba.open_demands.iter().map(|o| o.demand.clone()).collect(),
    };

    let (kb, ka) = (coalition_sets(&sb), coalition_sets(&sa));
    let coalitions = CoalitionChange {
        formed: ka.difference(&kb).cloned().collect(),
        dissolved: kb.difference(&ka).cloned().collect(),
        before: kb.len(),
        after: ka.len(),
    };

    WhatIf {
        scenario: scenario.name.clone(),
        title: scenario.title.clone(),
        date,
        moves: scenario.moves.iter().map(move_row).collect(),
        resolved,
        created,
        camp_changes: camp_changes(&sb, &sa),
        answered,
        red_lines_crossed: red_lines_crossed(&sb, &scenario.moves),
        coalitions,
        bargaining: bargaining_change(&bb, &ba),
    }
}

fn move_row(m: &PlannedMove) -> MoveRow {
    MoveRow {
        kind: m.kind.to_string(),
        do_: m.label.clone(),
        note: m.note.clone(),
        sources: m.sources.iter().map(|s| s.doc.clone()).collect(),
    }
}

fn conflict_key(c: &Conflict) -> String {
    format!(
        "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
        c.kind.as_str(),
        c.issue,
        c.a.id,
        c.b.id,
        claim_key(&c.claim_a),
        claim_key(&c.claim_b)
    )
}

fn claim_key(c: &Claim) -> String {
    format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        c.kind.as_str(),
        c.id.as_deref().unwrap_or(&c.text),
        c.actor,
        c.issue
    )
}

fn camp_changes(sb: &NegotiationState, sa: &NegotiationState) -> Vec<CampChange> {
    let camps = |s: &NegotiationState| -> BTreeMap<(String, String), &'static str> {
        s.stances()
            .iter()
            .map(|st| {
                (
                    (
                        s.record.issue(st.issue).id.clone(),
                        s.record.actor(st.party).id.clone(),
                    ),
                    st.camp.as_str(),
                )
            })
            .collect()
    };
    let (b, a) = (camps(sb), camps(sa));
    let keys: BTreeSet<&(String, String)> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (before, after) = (
                b.get(k).copied().unwrap_or("none"),
                a.get(k).copied().unwrap_or("none"),
            );
            (before != after).then(|| CampChange {
                issue: k.0.clone(),
                party: k.1.clone(),
                before: before.into(),
                after: after.into(),
            })
        })
        .collect()
}

/// Red lines a move goes against: a red-line claim (before the moves) behind a
/// party's stance on the move's issue that points the other way from the move;
/// and the mover's own red lines on the issue when the move gives them up
/// (stepping back to no stance, dropping its own red-line demand).
pub(super) fn red_lines_crossed(
    sb: &NegotiationState,
    moves: &[PlannedMove],
) -> Vec<RedLineCrossed> {
    let r = sb.record;
    crossed(sb, moves.iter())
        .into_iter()
        .map(|x| RedLineCrossed {
            by_move: moves[x.by_move].label.clone(),
            whose: r.actor(x.whose).id.clone(),
            own: x.own,
            red_line: Claim::of(sb, x.claim),
        })
        .collect()
}

/// One red line a move crosses, by index (see [`red_lines_crossed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crossing {
    /// The move's place in the list.
    pub by_move: usize,
    pub whose: ActorIdx,
    pub own: bool,
    pub claim: ClaimId,
}

pub fn crossed<'m>(
    sb: &NegotiationState,
    moves: impl Iterator<Item = &'m PlannedMove>,
) -> Vec<Crossing> {
    let r = sb.record;
    let mut out = Vec::new();
    for (n, m) in moves.enumerate() {
        let (actor, issue, direction) = match &m.action {
            Move::Concede {
                by, issue, stance, ..
            } => (*by, *issue, Some(*stance)),
            // An added concession that stands (floated, offered, made) moves its
            // conceder its way, like `concede`.
            Move::AddConcession {
                by,
                issue,
                stance: Some(stance),
                status,
                ..
            } if crate::state::lifecycle::concession_phase(*status)
                == crate::state::Phase::Live =>
            {
                (*by, *issue, Some(*stance))
            }
            Move::Shift {
                actor,
                issue,
                stance,
                ..
            } => (*actor, *issue, stance.direction()),
            Move::SetStatus { demand, status } => {
                let d = r.demand(*demand);
                match status {
                    // Meeting a demand moves its addressees its way.
                    DemandStatus::Met => match d.of.first() {
                        Some(&of) => (of, d.issue, Some(d.stance)),
                        None => continue,
                    },
                    // Dropping one's own red-line demand gives that red line up.
                    DemandStatus::Dropped => {
                        let claim = ClaimId::Demand(*demand);
                        if Hardness::of(r, claim) == Hardness::RedLine {
                            out.push(Crossing {
                                by_move: n,
                                whose: sb.party(d.by),
                                own: true,
                                claim,
                            });
                        }
                        continue;
                    }
                    _ => continue,
                }
            }
            _ => continue,
        };
        let mover = sb.party(actor);
        for st in sb.stances_on(issue) {
            let own = st.party == mover;
            for &c in &st.claims {
                let against = match direction {
                    Some(d) => c.direction(r) == Some(d.opposite()),
                    // A stance pointing no way gives up the mover's own red lines.
                    None => own,
                };
                if against && Hardness::of(r, c) == Hardness::RedLine {
                    out.push(Crossing {
                        by_move: n,
                        whose: st.party,
                        own,
                        claim: c,
                    });
                }
            }
        }
    }
    out
}

fn coalition_sets(s: &NegotiationState) -> BTreeSet<Vec<String>> {
    // The coalitions only: their links (every linked pair) are never written out.
    coalitions::CoalitionRows::find(s, None)
        .coalitions
        .into_iter()
        .map(|c| c.members.into_iter().map(|m| m.id).collect())
        .collect()
}

fn counts(b: &Bargaining) -> Counts {
    Counts {
        open_demands: b.open_demands.len(),
        trades: b.trades.len(),
        blockers: b.blockers.len(),
        red_lines: b.red_lines.iter().map(|r| r.claims.len()).sum(),
    }
}

fn bargaining_change(bb: &Bargaining, ba: &Bargaining) -> BargainingChange {
    let trades = |b: &Bargaining| -> BTreeSet<String> {
        b.trades
            .iter()
            .map(|t| {
                format!(
                    "{} ⇄ {}: {} / {}",
                    t.a.id,
                    t.b.id,
                    t.a_asks.label(),
                    t.b_asks.label()
                )
            })
            .collect()
    };
    let blockers = |b: &Bargaining| -> BTreeSet<String> {
        b.blockers
            .iter()
            .map(|x| format!("{} → {}", x.demand.label(), x.addressee.id))
            .collect()
    };
    let (tb, ta, xb, xa) = (trades(bb), trades(ba), blockers(bb), blockers(ba));
    BargainingChange {
        before: counts(bb),
        after: counts(ba),
        trades_new: ta.difference(&tb).cloned().collect(),
        trades_gone: tb.difference(&ta).cloned().collect(),
        blockers_new: xa.difference(&xb).cloned().collect(),
        blockers_gone: xb.difference(&xa).cloned().collect(),
    }
}
