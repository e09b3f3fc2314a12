//! Questions asked of the record, one module per question.
//!
//! Every query reads the negotiation state ([`crate::state::NegotiationState`],
//! built once from the record and the filters; for paths, the graph too) and
//! returns plain data that derives `Serialize`. Queries know nothing of tables
//! or JSON: `render` writes their results.

pub mod bargaining;
pub mod brief;
pub mod camps;
mod claim;
pub mod coalitions;
pub mod conflicts;
pub mod diff;
pub mod network;
pub mod overlaps;
pub mod path;
pub mod profile;

pub use crate::state::Filter;
pub use claim::{ActorRef, Claim, ClaimContext, ClaimKind, SourceInfo};

use crate::model::Record;

/// Each item's place when the items are sorted by their string, equal strings
/// sharing a place: rows then sort on integers, in the order the strings give.
pub(crate) fn ranks<'a>(items: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let items: Vec<&str> = items.collect();
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    order.sort_unstable_by_key(|&i| items[i as usize]);
    let mut rank = vec![0; items.len()];
    let mut place = 0;
    for (n, &i) in order.iter().enumerate() {
        if n > 0 && items[i as usize] != items[order[n - 1] as usize] {
            place += 1;
        }
        rank[i as usize] = place;
    }
    rank
}

/// Sort keys for query rows: actor and issue ids, and claim texts, as ranks.
pub(crate) struct Ranks {
    pub actors: Vec<u32>,
    pub issues: Vec<u32>,
    /// Position summaries, demand texts and concession texts, ranked together.
    texts: Vec<u32>,
    demands_at: usize,
    concessions_at: usize,
}

impl Ranks {
    pub(crate) fn new(r: &Record) -> Ranks {
        let texts = r
            .positions
            .iter()
            .map(|p| p.summary.as_str())
            .chain(r.demands.iter().map(|d| d.text.as_str()))
            .chain(r.concessions.iter().map(|c| c.text.as_str()));
        Ranks {
            actors: ranks(r.actors.iter().map(|a| a.id.as_str())),
            issues: ranks(r.issues.iter().map(|i| i.id.as_str())),
            texts: ranks(texts),
            demands_at: r.positions.len(),
            concessions_at: r.positions.len() + r.demands.len(),
        }
    }

    pub(crate) fn actor(&self, a: crate::model::ActorIdx) -> u32 {
        self.actors[a.index()]
    }

    pub(crate) fn issue(&self, i: crate::model::IssueIdx) -> u32 {
        self.issues[i.index()]
    }

    pub(crate) fn position_text(&self, p: crate::model::PositionIdx) -> u32 {
        self.texts[p.index()]
    }

    pub(crate) fn demand_text(&self, d: crate::model::DemandIdx) -> u32 {
        self.texts[self.demands_at + d.index()]
    }

    pub(crate) fn concession_text(&self, c: crate::model::ConcessionIdx) -> u32 {
        self.texts[self.concessions_at + c.index()]
    }

    pub(crate) fn claim_text(&self, c: crate::state::ClaimId) -> u32 {
        match c {
            crate::state::ClaimId::Position(p) => self.position_text(p),
            crate::state::ClaimId::Demand(d) => self.demand_text(d),
            crate::state::ClaimId::Concession(c) => self.concession_text(c),
        }
    }
}
