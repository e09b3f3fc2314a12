//! `overlaps`: where parties agree, with the claims that show it.
//!
//! Read from the negotiation state. By default the answer goes issue by issue:
//! the camps where at least two parties stand together, and the concessions
//! that answer another party's live demand. `--pairs` writes the pairwise rows:
//! every pair of claims behind two stances pointing the same way (two positions
//! `same-stance`, two demands `compatible-demands`) and each concession that
//! answers a demand (`concession-answers-demand`).

use super::camps::{issue_camps, IssueCamps};
use super::{sort_by_fields, ActorRef, Claim, Ranks};
use crate::model::*;
use crate::state::relation::live_answers;
use crate::state::{ClaimId, NegotiationState, PartyStance};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverlapKind {
    SameStance,
    CompatibleDemands,
    ConcessionAnswersDemand,
}

impl OverlapKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OverlapKind::SameStance => "same-stance",
            OverlapKind::CompatibleDemands => "compatible-demands",
            OverlapKind::ConcessionAnswersDemand => "concession-answers-demand",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Overlap {
    pub kind: OverlapKind,
    pub issue: String,
    pub a: ActorRef,
    pub b: ActorRef,
    /// The direction both sides take on the issue.
    pub direction: Option<Direction>,
    pub reason: String,
    pub claim_a: Claim,
    pub claim_b: Claim,
}

/// The answer to `overlaps --pairs`.
#[derive(Clone, Debug, Serialize)]
pub struct Overlaps {
    pub overlaps: Vec<Overlap>,
}

/// A concession answering a live demand of another party.
#[derive(Clone, Debug, Serialize)]
pub struct AnswerRow {
    pub concession: Claim,
    pub demand: Claim,
}

/// One issue where parties agree.
#[derive(Clone, Debug, Serialize)]
pub struct IssueAgreement {
    #[serde(flatten)]
    pub camps: IssueCamps,
    pub answers: Vec<AnswerRow>,
}

/// The answer to `overlaps` (by issue, the default).
#[derive(Clone, Debug, Serialize)]
pub struct OverlapsByIssue {
    pub issues: Vec<IssueAgreement>,
}

/// Issues where two or more parties point the same way, or a concession answers
/// a demand; in issue id order.
pub fn by_issue(state: &NegotiationState) -> OverlapsByIssue {
    let r = state.record;
    let mut answers: std::collections::BTreeMap<IssueIdx, Vec<AnswerRow>> = Default::default();
    for (c, d) in live_answers(state) {
        let (pc, pd) = (state.party(r.concession(c).by), state.party(r.demand(d).by));
        if state.keeps(&[pc, pd]) {
            answers
                .entry(r.demand(d).issue)
                .or_default()
                .push(AnswerRow {
                    concession: Claim::concession(state, c),
                    demand: Claim::demand(state, d),
                });
        }
    }
    let mut issues: Vec<IssueIdx> = state.issues.clone();
    issues.sort_by_key(|&i| r.issue(i).id.as_str());
    let mut out = vec![];
    for issue in issues {
        let list = state.stances_on(issue);
        let together = [Direction::Support, Direction::Oppose].iter().any(|&dir| {
            let side: Vec<_> = list
                .iter()
                .filter(|s| s.camp.direction() == Some(dir))
                .collect();
            side.len() >= 2 && side.iter().any(|s| state.keeps(&[s.party]))
        });
        let answered = answers.remove(&issue).unwrap_or_default();
        if together || !answered.is_empty() {
            out.push(IssueAgreement {
                camps: issue_camps(state, issue),
                answers: answered,
            });
        }
    }
    OverlapsByIssue { issues: out }
}

/// An overlap row before its claims are written out: indices only.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawOverlap {
    pub kind: OverlapKind,
    pub issue: IssueIdx,
    pub direction: Option<Direction>,
    pub reason: &'static str,
    pub a: ClaimId,
    pub b: ClaimId,
    pub parties: (ActorIdx, ActorIdx),
}

impl RawOverlap {
    pub(crate) fn row(&self, state: &NegotiationState) -> Overlap {
        let r = state.record;
        Overlap {
            kind: self.kind,
            issue: r.issue(self.issue).id.clone(),
            a: ActorRef::new(r, self.parties.0),
            b: ActorRef::new(r, self.parties.1),
            direction: self.direction,
            reason: self.reason.to_string(),
            claim_a: Claim::of(state, self.a),
            claim_b: Claim::of(state, self.b),
        }
    }
}

/// The stances on one issue pointing `dir`'s way.
fn side(list: &[PartyStance], dir: Direction) -> Vec<&PartyStance> {
    list.iter()
        .filter(|s| s.camp.direction() == Some(dir))
        .collect()
}

/// Every overlap row in the state, unsorted, as indices.
pub(crate) fn raw(state: &NegotiationState) -> Vec<RawOverlap> {
    let r = state.record;
    let mut answers = vec![];
    for &c in &state.concessions {
        for (d, reason) in state.answered_by(c) {
            let (pc, pd) = (state.party(r.concession(c).by), state.party(r.demand(d).by));
            if state.demand_phase(d) != Some(crate::state::Phase::Live)
                || pc == pd
                || !state.keeps(&[pc, pd])
            {
                continue;
            }
            answers.push(RawOverlap {
                kind: OverlapKind::ConcessionAnswersDemand,
                issue: r.demand(d).issue,
                direction: r.concession(c).stance,
                reason,
                a: ClaimId::Concession(c),
                b: ClaimId::Demand(d),
                parties: (pc, pd),
            });
        }
    }
    // Millions of rows on a large record: sized once (every pair of claims of
    // two parties on one side, when no actor focus drops some) rather than
    // grown by copying.
    let pairs: usize = match state.filter.actor {
        Some(_) => 0,
        None => state
            .issues
            .iter()
            .flat_map(|&issue| {
                [Direction::Support, Direction::Oppose].map(|dir| {
                    let counts: Vec<usize> = side(state.stances_on(issue), dir)
                        .iter()
                        .map(|s| s.claims.len())
                        .collect();
                    let total: usize = counts.iter().sum();
                    (total * total - counts.iter().map(|c| c * c).sum::<usize>()) / 2
                })
            })
            .sum(),
    };
    let mut rows = Vec::with_capacity(pairs + answers.len());
    for &issue in &state.issues {
        let list = state.stances_on(issue);
        for dir in [Direction::Support, Direction::Oppose] {
            let side = side(list, dir);
            for (i, a) in side.iter().enumerate() {
                for b in &side[i + 1..] {
                    if !state.keeps(&[a.party, b.party]) {
                        continue;
                    }
                    for &ca in &a.claims {
                        for &cb in &b.claims {
                            let (kind, reason) = match (ca, cb) {
                                (ClaimId::Demand(_), ClaimId::Demand(_)) => (
                                    OverlapKind::CompatibleDemands,
                                    "both ask for the same outcome",
                                ),
                                (ClaimId::Position(_), ClaimId::Position(_)) => {
                                    (OverlapKind::SameStance, "same direction on the issue")
                                }
                                _ => (
                                    OverlapKind::SameStance,
                                    "the demand points the way of the position",
                                ),
                            };
                            // Stances are in id order, so `a` is the first by id.
                            rows.push(RawOverlap {
                                kind,
                                issue,
                                direction: Some(dir),
                                reason,
                                a: ca,
                                b: cb,
                                parties: (a.party, b.party),
                            });
                        }
                    }
                }
            }
        }
    }
    rows.extend(answers);
    rows
}

/// Every overlap row as indices, in the order rows are written: issue, actor a,
/// actor b, kind, then the two claims' texts, compared as ranks.
pub(crate) fn sorted(state: &NegotiationState) -> Vec<RawOverlap> {
    let ranks = Ranks::new(state.record);
    let mut rows = raw(state);
    let (actors, issues) = (ranks.actors.len() as u64, ranks.issues.len() as u64);
    // The kind by its place, which is its order.
    let limits = [
        issues,
        actors,
        actors,
        3,
        ranks.text_limit(),
        ranks.text_limit(),
    ];
    sort_by_fields(&mut rows, limits, |o| {
        [
            ranks.issue(o.issue).into(),
            ranks.actor(o.parties.0).into(),
            ranks.actor(o.parties.1).into(),
            o.kind as u64,
            ranks.claim_text(o.a).into(),
            ranks.claim_text(o.b).into(),
        ]
    });
    rows
}

pub fn find(state: &NegotiationState) -> Overlaps {
    Overlaps {
        overlaps: sorted(state).iter().map(|o| o.row(state)).collect(),
    }
}

/// The answer to `overlaps --pairs` as index rows: [`collect`](Self::collect)
/// writes every row out (for a table); `render::pairs_json` streams them.
pub struct OverlapRows<'s, 'r> {
    state: &'s NegotiationState<'r>,
    rows: Vec<RawOverlap>,
}

impl<'s, 'r> OverlapRows<'s, 'r> {
    pub fn find(state: &'s NegotiationState<'r>, limit: Option<usize>) -> Self {
        let mut rows = sorted(state);
        if let Some(n) = limit {
            rows.truncate(n);
        }
        OverlapRows { state, rows }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every row written out, for a table.
    pub fn collect(&self) -> Overlaps {
        Overlaps {
            overlaps: self.rows.iter().map(|o| o.row(self.state)).collect(),
        }
    }

    /// The state the rows were found in.
    pub fn state(&self) -> &'s NegotiationState<'r> {
        self.state
    }

    /// The rows in order, as indices, for a writer that writes each claim
    /// once however many rows cite it (`render::pairs_json`).
    pub(crate) fn raw(&self) -> &[RawOverlap] {
        &self.rows
    }
}
