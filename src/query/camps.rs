//! Camps: who stands where on an issue, as the state has it, and the parties ×
//! issues grid of the `camps` command.
//!
//! Every answer that names camps (conflicts by issue, overlaps by issue, `issue`,
//! `coalitions --issue`) writes them through [`issue_camps`], so they agree.

use super::{ActorRef, Claim};
use crate::model::*;
use crate::state::{Basis, Camp, ClaimId, NegotiationState, PartyStance};
use serde::Serialize;
use std::collections::BTreeMap;

/// A party in a camp, and how it got there when not by its own claims.
#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub actor: ActorRef,
    /// `bloc ID` when its bloc's claim counts for it; `sub-issues ID, …` when its
    /// stance is folded from sub-issues; null for its own claims.
    pub via: Option<String>,
}

/// A bloc member whose own stance differs from its bloc's.
#[derive(Clone, Debug, Serialize)]
pub struct DepartureRow {
    pub member: ActorRef,
    pub bloc: ActorRef,
    pub member_camp: Camp,
    pub bloc_camp: Camp,
    /// In words: `hungary departs from its bloc european-union (against, bloc for)`.
    pub note: String,
}

/// The camps on one issue.
#[derive(Clone, Debug, Serialize)]
pub struct IssueCamps {
    pub issue: String,
    pub title: String,
    pub parent: Option<String>,
    #[serde(rename = "for")]
    pub for_: Vec<Member>,
    pub conditional: Vec<Member>,
    pub against: Vec<Member>,
    pub mixed: Vec<Member>,
    pub ambiguous: Vec<Member>,
    /// Sub-issues phrased the other way, whose stances were turned round here.
    pub flipped: Vec<String>,
    pub departures: Vec<DepartureRow>,
}

pub fn via(state: &NegotiationState, s: &PartyStance) -> Option<String> {
    let r = state.record;
    match &s.basis {
        Basis::Own => None,
        Basis::Bloc(b) => Some(format!("bloc {}", r.actor(*b).id)),
        Basis::SubIssues { from, .. } => Some(format!(
            "sub-issues {}",
            from.iter()
                .map(|&i| r.issue(i).id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub fn issue_camps(state: &NegotiationState, issue: IssueIdx) -> IssueCamps {
    let r = state.record;
    let i = r.issue(issue);
    let mut out = IssueCamps {
        issue: i.id.clone(),
        title: i.title.clone(),
        parent: i.parent.map(|p| r.issue(p).id.clone()),
        for_: vec![],
        conditional: vec![],
        against: vec![],
        mixed: vec![],
        ambiguous: vec![],
        flipped: vec![],
        departures: vec![],
    };
    let mut flipped: Vec<IssueIdx> = vec![];
    for s in state.stances_on(issue) {
        if !state.keeps(&[s.party]) {
            continue;
        }
        let member = Member {
            actor: ActorRef::new(r, s.party),
            via: via(state, s),
        };
        match s.camp {
            Camp::For => out.for_.push(member),
            Camp::Conditional => out.conditional.push(member),
            Camp::Against => out.against.push(member),
            Camp::Mixed => out.mixed.push(member),
            Camp::Ambiguous => out.ambiguous.push(member),
        }
        if let Basis::SubIssues { flipped: f, .. } = &s.basis {
            flipped.extend_from_slice(f);
        }
    }
    flipped.sort_by_key(|&i| r.issue(i).id.as_str());
    flipped.dedup();
    out.flipped = flipped.iter().map(|&i| r.issue(i).id.clone()).collect();
    out.departures = state
        .departures
        .iter()
        .filter(|d| d.issue == issue && state.keeps(&[d.member, d.bloc]))
        .map(|d| DepartureRow {
            member: ActorRef::new(r, d.member),
            bloc: ActorRef::new(r, d.bloc),
            member_camp: d.member_camp,
            bloc_camp: d.bloc_camp,
            note: format!(
                "{} departs from its bloc {} ({}, bloc {})",
                r.actor(d.member).id,
                r.actor(d.bloc).id,
                d.member_camp.as_str(),
                d.bloc_camp.as_str()
            ),
        })
        .collect();
    out
}

/// The strongest claim behind a set of stances: the hardest, then the latest,
/// then the first by kind and index, so the choice is stable.
pub fn strongest<'s>(
    state: &NegotiationState,
    stances: impl Iterator<Item = &'s PartyStance>,
) -> Option<ClaimId> {
    let r = state.record;
    stances
        .flat_map(|s| s.claims.iter().copied())
        .min_by_key(|&c| {
            (
                crate::state::Hardness::of(r, c),
                std::cmp::Reverse(c.date(r)),
                c,
            )
        })
}

/// The answer to `camps`: every party's camp on every issue in scope.
#[derive(Clone, Debug, Serialize)]
pub struct CampsGrid {
    /// The issues, in id order: the grid's columns.
    pub issues: Vec<String>,
    /// One row per party with a stance, in id order.
    pub parties: Vec<PartyCamps>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PartyCamps {
    pub actor: ActorRef,
    /// Issue id → camp, for the issues the party has a stance on.
    pub camps: BTreeMap<String, Camp>,
}

pub fn grid(state: &NegotiationState) -> CampsGrid {
    let r = state.record;
    let mut issues: Vec<IssueIdx> = state
        .issues
        .iter()
        .copied()
        .filter(|&i| !state.stances_on(i).is_empty())
        .collect();
    issues.sort_by_key(|&i| r.issue(i).id.as_str());
    let mut rows: BTreeMap<u32, PartyCamps> = BTreeMap::new();
    for &i in &issues {
        for s in state.stances_on(i) {
            if !state.keeps(&[s.party]) {
                continue;
            }
            rows.entry(state.actor_rank(s.party))
                .or_insert_with(|| PartyCamps {
                    actor: ActorRef::new(r, s.party),
                    camps: BTreeMap::new(),
                })
                .camps
                .insert(r.issue(i).id.clone(), s.camp);
        }
    }
    CampsGrid {
        issues: issues.iter().map(|&i| r.issue(i).id.clone()).collect(),
        parties: rows.into_values().collect(),
    }
}

/// A claim written out for a camp answer.
pub fn claim(state: &NegotiationState, c: ClaimId) -> Claim {
    Claim::of(state, c)
}
