//! `conflicts`: where parties cannot all have their way, issue by issue.
//!
//! Read from the negotiation state: on each issue the parties stand in camps
//! (for, conditional, against, mixed, ambiguous); an issue is in conflict when
//! some party points to support and another to oppose. By default the answer is
//! one entry per issue in conflict, with its camps, each side's strongest live
//! claim and the severity; it grows with parties + issues. `--pairs` writes the
//! old pairwise rows instead: every pair of claims behind two opposite stances
//! (opposed positions, a demand against a position, two opposite demands), plus
//! live demands that name another party's claim in `conflicts_with`.

use super::camps::{issue_camps, strongest, IssueCamps};
use super::{sort_by_fields, ActorRef, Claim, Ranks};
use crate::model::*;
use crate::state::relation::named_conflicts;
use crate::state::{Camp, ClaimId, Hardness, NegotiationState, PartyStance};
use serde::Serialize;
use std::collections::HashSet;

pub use crate::state::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    OpposedPositions,
    DemandVsPosition,
    DemandVsDemand,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::OpposedPositions => "opposed-positions",
            ConflictKind::DemandVsPosition => "demand-vs-position",
            ConflictKind::DemandVsDemand => "demand-vs-demand",
        }
    }
}

/// One issue in conflict: its camps, each side's strongest live claim, how severe.
#[derive(Clone, Debug, Serialize)]
pub struct IssueConflict {
    /// From the two strongest claims: both red lines is critical, one is high,
    /// a firm position or core demand medium, else low.
    pub severity: Severity,
    #[serde(flatten)]
    pub camps: IssueCamps,
    /// The hardest (then latest) claim pointing to support, with its sources.
    pub strongest_for: Claim,
    /// The hardest (then latest) claim pointing to oppose.
    pub strongest_against: Claim,
}

/// The answer to `conflicts` (by issue, the default).
#[derive(Clone, Debug, Serialize)]
pub struct ConflictsByIssue {
    pub issues: Vec<IssueConflict>,
    /// With `--history`: demands met, rejected or dropped and concessions
    /// withdrawn or rejected by the as-of date, on the issues in scope. Never live.
    pub history: Vec<Claim>,
}

/// Each side of an issue: the stances pointing to support and to oppose.
fn sides(list: &[PartyStance]) -> (Vec<&PartyStance>, Vec<&PartyStance>) {
    let (mut pro, mut con) = (vec![], vec![]);
    for s in list {
        match s.camp.direction() {
            Some(Direction::Support) => pro.push(s),
            Some(Direction::Oppose) => con.push(s),
            None => {}
        }
    }
    (pro, con)
}

/// The issues in conflict, most severe first, then by issue id.
pub fn by_issue(state: &NegotiationState, history: bool) -> ConflictsByIssue {
    let r = state.record;
    let mut found = vec![];
    for &issue in &state.issues {
        let (pro, con) = sides(state.stances_on(issue));
        if pro.is_empty() || con.is_empty() {
            continue;
        }
        // With an actor focus: the issues where that party stands on one side.
        if state.filter.actor.is_some() && !pro.iter().chain(&con).any(|s| state.keeps(&[s.party]))
        {
            continue;
        }
        let (Some(f), Some(a)) = (
            strongest(state, pro.iter().copied()),
            strongest(state, con.iter().copied()),
        ) else {
            continue;
        };
        let severity = Severity::of(Hardness::of(r, f), Hardness::of(r, a));
        found.push((severity, issue, f, a));
    }
    found.sort_by(|x, y| (x.0, &r.issue(x.1).id).cmp(&(y.0, &r.issue(y.1).id)));
    let issues = found
        .into_iter()
        .map(|(severity, issue, f, a)| IssueConflict {
            severity,
            camps: issue_camps(state, issue),
            strongest_for: Claim::of(state, f),
            strongest_against: Claim::of(state, a),
        })
        .collect();
    ConflictsByIssue {
        issues,
        history: if history {
            history_claims(state)
        } else {
            vec![]
        },
    }
}

/// Demands and concessions that are history at the as-of date, in record order,
/// filtered by the actor focus.
pub fn history_claims(state: &NegotiationState) -> Vec<Claim> {
    let r = state.record;
    let demands = state
        .demands
        .iter()
        .filter(|&&d| state.demand_phase(d) == Some(crate::state::Phase::History))
        .filter(|&&d| state.keeps(&[state.party(r.demand(d).by)]))
        .map(|&d| Claim::demand(state, d));
    let concessions = state
        .concessions
        .iter()
        .filter(|&&c| state.concession_phase(c) == Some(crate::state::Phase::History))
        .filter(|&&c| state.keeps(&[state.party(r.concession(c).by)]))
        .map(|&c| Claim::concession(state, c));
    demands.chain(concessions).collect()
}

#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub severity: Severity,
    pub issue: String,
    pub a: ActorRef,
    pub b: ActorRef,
    /// Why the two claims conflict, in words.
    pub reason: String,
    pub claim_a: Claim,
    pub claim_b: Claim,
}

/// The answer to `conflicts --pairs`.
#[derive(Clone, Debug, Serialize)]
pub struct Conflicts {
    pub conflicts: Vec<Conflict>,
}

/// A conflict row before its claims are written out: indices only, so finding
/// and sorting millions of them costs no strings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawConflict {
    pub kind: ConflictKind,
    pub issue: IssueIdx,
    pub a: ClaimId,
    pub b: ClaimId,
    pub parties: (ActorIdx, ActorIdx),
    pub reason: &'static str,
    /// From the two claims' hardness, found once: rows sort on it first.
    pub severity: Severity,
}

impl RawConflict {
    pub(crate) fn row(&self, state: &NegotiationState) -> Conflict {
        let r = state.record;
        Conflict {
            kind: self.kind,
            severity: self.severity,
            issue: r.issue(self.issue).id.clone(),
            a: ActorRef::new(r, self.parties.0),
            b: ActorRef::new(r, self.parties.1),
            reason: self.reason.to_string(),
            claim_a: Claim::of(state, self.a),
            claim_b: Claim::of(state, self.b),
        }
    }
}

/// The row for two conflicting claims of two parties: its kind from the claims,
/// the demander first for a demand against a position, else the first by id.
fn pair_row(
    state: &NegotiationState,
    issue: IssueIdx,
    (pa, a): (ActorIdx, ClaimId),
    (pb, b): (ActorIdx, ClaimId),
    named: bool,
) -> RawConflict {
    let r = state.record;
    let ((pa, a), (pb, b)) = match (a, b) {
        (ClaimId::Position(_), ClaimId::Demand(_)) => ((pb, b), (pa, a)),
        (ClaimId::Demand(_), ClaimId::Position(_)) => ((pa, a), (pb, b)),
        _ if state.actor_rank(pb) < state.actor_rank(pa) => ((pb, b), (pa, a)),
        _ => ((pa, a), (pb, b)),
    };
    let (kind, reason) = match (a, b) {
        (ClaimId::Demand(d), ClaimId::Position(p)) => {
            let addressed = r.demand(d).of.iter().any(|&x| state.party(x) == pb);
            let red = r.position(p).strength == Strength::RedLine;
            let reason = match (named, addressed, red) {
                (true, _, _) => "named in conflicts_with",
                (_, true, true) => "the demand crosses the addressee's red line",
                (_, true, false) => "the addressee's position opposes the demand",
                (_, false, _) => "the position opposes the demand",
            };
            (ConflictKind::DemandVsPosition, reason)
        }
        (ClaimId::Demand(_), ClaimId::Demand(_)) => (
            ConflictKind::DemandVsDemand,
            if named {
                "named in conflicts_with"
            } else {
                "the demands ask for opposite outcomes"
            },
        ),
        _ => (
            ConflictKind::OpposedPositions,
            "opposite stances on the issue",
        ),
    };
    RawConflict {
        kind,
        issue,
        a,
        b,
        parties: (pa, pb),
        reason,
        severity: Severity::of(Hardness::of(r, a), Hardness::of(r, b)),
    }
}

/// Every conflict row in the state, unsorted, as indices.
pub(crate) fn raw(state: &NegotiationState) -> Vec<RawConflict> {
    let r = state.record;
    let key = |issue: IssueIdx, x: ClaimId, y: ClaimId| (issue, x.min(y), x.max(y));
    // Named conflicts are few: a pair already opposed by stances is not repeated.
    let named: Vec<(DemandIdx, ClaimId)> = named_conflicts(state);
    let mut covered: HashSet<(IssueIdx, ClaimId, ClaimId)> = named
        .iter()
        .map(|&(d, o)| key(r.demand(d).issue, ClaimId::Demand(d), o))
        .collect();
    let mut stated: HashSet<(IssueIdx, ClaimId, ClaimId)> = HashSet::new();
    // Millions of rows on a large record: sized once (every pair of claims
    // across the two sides, when no actor focus drops some) rather than grown
    // by copying.
    let claims = |side: &[&PartyStance]| side.iter().map(|s| s.claims.len()).sum::<usize>();
    let pairs: usize = match state.filter.actor {
        Some(_) => 0,
        None => state
            .issues
            .iter()
            .map(|&issue| {
                let (pro, con) = sides(state.stances_on(issue));
                claims(&pro) * claims(&con)
            })
            .sum(),
    };
    let mut rows = Vec::with_capacity(pairs + named.len());
    for &issue in &state.issues {
        let (pro, con) = sides(state.stances_on(issue));
        for a in &pro {
            for b in &con {
                if !state.keeps(&[a.party, b.party]) {
                    continue;
                }
                for &ca in &a.claims {
                    for &cb in &b.claims {
                        if !covered.is_empty() && covered.contains(&key(issue, ca, cb)) {
                            stated.insert(key(issue, ca, cb));
                        }
                        rows.push(pair_row(state, issue, (a.party, ca), (b.party, cb), false));
                    }
                }
            }
        }
    }
    covered.clear();
    for (d, other) in named {
        let issue = r.demand(d).issue;
        let (pa, pb) = (state.party(r.demand(d).by), state.party(other.author(r)));
        let a = ClaimId::Demand(d);
        if !state.keeps(&[pa, pb])
            || stated.contains(&key(issue, a, other))
            || !covered.insert(key(issue, a, other))
        {
            continue;
        }
        rows.push(pair_row(state, issue, (pa, a), (pb, other), true));
    }
    rows
}

/// Every conflict row as indices, in the order rows are written: severity,
/// issue, actor a, actor b, kind, then the two claims' texts, compared as ranks.
pub(crate) fn sorted(state: &NegotiationState) -> Vec<RawConflict> {
    let r = state.record;
    let ranks = Ranks::new(r);
    let text = |c: ClaimId| ranks.claim_text(c);
    let mut rows = raw(state);
    let (actors, issues) = (ranks.actors.len() as u64, ranks.issues.len() as u64);
    // Enum fields by their place, which is their order.
    let limits = [
        4,
        issues,
        actors,
        actors,
        3,
        ranks.text_limit(),
        ranks.text_limit(),
    ];
    sort_by_fields(&mut rows, limits, |c| {
        [
            c.severity as u64,
            ranks.issue(c.issue).into(),
            ranks.actor(c.parties.0).into(),
            ranks.actor(c.parties.1).into(),
            c.kind as u64,
            text(c.a).into(),
            text(c.b).into(),
        ]
    });
    rows
}

pub fn find(state: &NegotiationState) -> Conflicts {
    Conflicts {
        conflicts: sorted(state).iter().map(|c| c.row(state)).collect(),
    }
}

/// The answer to `conflicts --pairs` as index rows: [`collect`](Self::collect)
/// writes every row out (for a table); `render::pairs_json` streams them with
/// each claim written once (JSON, where millions of rows share a few hundred
/// thousand claims).
pub struct ConflictRows<'s, 'r> {
    state: &'s NegotiationState<'r>,
    rows: Vec<RawConflict>,
}

impl<'s, 'r> ConflictRows<'s, 'r> {
    pub fn find(state: &'s NegotiationState<'r>, limit: Option<usize>) -> Self {
        let mut rows = sorted(state);
        if let Some(n) = limit {
            rows.truncate(n);
        }
        ConflictRows { state, rows }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every row written out, for a table.
    pub fn collect(&self) -> Conflicts {
        Conflicts {
            conflicts: self.rows.iter().map(|c| c.row(self.state)).collect(),
        }
    }

    /// The state the rows were found in.
    pub fn state(&self) -> &'s NegotiationState<'r> {
        self.state
    }

    /// The rows in order, as indices, for a writer that writes each claim
    /// once however many rows cite it (`render::pairs_json`).
    pub(crate) fn raw(&self) -> &[RawConflict] {
        &self.rows
    }
}

/// Whether two camps point opposite ways.
pub fn opposed(a: Camp, b: Camp) -> bool {
    matches!((a.direction(), b.direction()), (Some(x), Some(y)) if x != y)
}
