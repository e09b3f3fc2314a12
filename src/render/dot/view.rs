//! Which claims a map shows: the filters every map honours.
//!
//! `--as-of` keeps claims dated on or before the date, and of one actor's
//! positions on one issue only the latest (a later position supersedes);
//! `--min-confidence` keeps claims with at least one source that sure (a claim
//! without sources counts as low); `--issue` keeps an issue and its sub-issues,
//! `--category` the issues of one category.
//! `--actor` is a focus rather than a filter: each map keeps what touches that
//! actor, but computes conflicts and coalitions over the whole view first, so an
//! actor's opponents are still found.

use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default)]
pub struct ViewOptions {
    pub issue: Option<IssueIdx>,
    /// Only issues of this category (with `issue`, both must hold).
    pub category: Option<Category>,
    pub actor: Option<ActorIdx>,
    pub as_of: Option<Date>,
    pub min_confidence: Option<Confidence>,
    /// Keep people as themselves in conflicts and coalitions maps.
    pub people: bool,
}

#[derive(Clone, Debug)]
pub struct View {
    pub issues: BTreeSet<IssueIdx>,
    /// The current positions: one per actor and issue, the latest.
    pub positions: Vec<PositionIdx>,
    pub demands: Vec<DemandIdx>,
    pub concessions: Vec<ConcessionIdx>,
    pub focus: Option<ActorIdx>,
    pub people: bool,
    /// The filters themselves, for maps that read history (the timeline).
    pub as_of: Option<Date>,
    pub min_confidence: Option<Confidence>,
}

/// How sure the record is of a claim: its surest source; unsourced counts as low.
fn confidence(sources: &[Source]) -> Confidence {
    sources
        .iter()
        .map(|s| s.confidence)
        .max()
        .unwrap_or(Confidence::Low)
}

impl View {
    pub fn new(record: &Record, opts: &ViewOptions) -> View {
        let issues: BTreeSet<IssueIdx> = match opts.issue {
            Some(root) => record.issue_with_descendants(root).into_iter().collect(),
            None => (0..record.issues.len() as u32).map(IssueIdx).collect(),
        };
        let issues: BTreeSet<IssueIdx> = issues
            .into_iter()
            .filter(|&i| opts.category.is_none_or(|c| record.issue(i).category == c))
            .collect();
        let keep = |date: Date, sources: &[Source], issue: IssueIdx| {
            opts.as_of.is_none_or(|d| date <= d)
                && opts.min_confidence.is_none_or(|m| confidence(sources) >= m)
                && issues.contains(&issue)
        };
        // Positions are sorted by actor, issue, date: the last kept one per pair wins.
        let mut latest: BTreeMap<(ActorIdx, IssueIdx), PositionIdx> = BTreeMap::new();
        for (i, p) in record.positions.iter().enumerate() {
            if keep(p.date, &p.sources, p.issue) {
                latest.insert((p.actor, p.issue), PositionIdx(i as u32));
            }
        }
        let demands = (0..record.demands.len() as u32)
            .map(DemandIdx)
            .filter(|&d| {
                let d = record.demand(d);
                keep(d.date, &d.sources, d.issue)
            })
            .collect();
        let concessions = (0..record.concessions.len() as u32)
            .map(ConcessionIdx)
            .filter(|&c| {
                let c = record.concession(c);
                keep(c.date, &c.sources, c.issue)
            })
            .collect();
        View {
            issues,
            positions: latest.into_values().collect(),
            demands,
            concessions,
            focus: opts.actor,
            people: opts.people,
            as_of: opts.as_of,
            min_confidence: opts.min_confidence,
        }
    }

    /// Whether a claim with these sources passes `--min-confidence`.
    pub fn keeps_sources(&self, sources: &[Source]) -> bool {
        self.min_confidence.is_none_or(|m| confidence(sources) >= m)
    }

    /// Whether any of `actors` is the focus actor (or speaks for it); true without a focus.
    pub fn touches(&self, record: &Record, actors: &[ActorIdx]) -> bool {
        match self.focus {
            None => true,
            Some(f) => actors.iter().any(|&a| a == f || record.party_of(a) == f),
        }
    }

    /// The party an actor counts as in conflicts and coalitions maps.
    pub fn fold(&self, record: &Record, actor: ActorIdx) -> ActorIdx {
        if self.people {
            actor
        } else {
            record.party_of(actor)
        }
    }
}
