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
pub mod timeline;

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

    /// Every text rank is below this.
    pub(crate) fn text_limit(&self) -> u64 {
        self.texts.len() as u64
    }

    pub(crate) fn claim_text(&self, c: crate::state::ClaimId) -> u32 {
        match c {
            crate::state::ClaimId::Position(p) => self.position_text(p),
            crate::state::ClaimId::Demand(d) => self.demand_text(d),
            crate::state::ClaimId::Concession(c) => self.concession_text(c),
        }
    }
}

/// Sorts rows on a key of small numbers (ranks, enum places) compared in order,
/// equal rows keeping their order, as `sort_by_cached_key` would. Each field is
/// below its `limits` entry, so the fields and the row's place usually pack
/// into one `u128`, and millions of rows sort as plain integers on every core;
/// a key too wide for that, or a field over its limit, takes the general sort.
pub(crate) fn sort_by_fields<T: Copy + Send + Sync, const N: usize>(
    rows: &mut Vec<T>,
    limits: [u64; N],
    key: impl Fn(&T) -> [u64; N] + Sync,
) {
    use rayon::prelude::*;
    let bits = |limit: u64| 64 - limit.saturating_sub(1).leading_zeros();
    let place_bits = bits(rows.len() as u64);
    let widths = limits.map(bits);
    // The fields and the row's place fit in one u128 (and the mask below can
    // be formed).
    if widths.iter().sum::<u32>() + place_bits < 128 {
        let packed: Option<Vec<u128>> = rows
            .par_iter()
            .enumerate()
            .map(|(place, row)| {
                let mut k: u128 = 0;
                for ((v, limit), width) in key(row).into_iter().zip(limits).zip(widths) {
                    if v >= limit {
                        return None;
                    }
                    k = (k << width) | u128::from(v);
                }
                Some((k << place_bits) | place as u128)
            })
            .collect();
        if let Some(mut packed) = packed {
            packed.par_sort_unstable();
            let mask = (1u128 << place_bits) - 1;
            // Gathered into a new list on every core rather than moved in
            // place cycle by cycle: each step of a cycle waits for the row it
            // reads before it knows the next, so millions of rows cost one
            // cache miss after another; the gather's reads are independent
            // and overlap. It costs the rows' size again for a moment.
            let places: Vec<usize> = packed.par_iter().map(|k| (k & mask) as usize).collect();
            drop(packed);
            let sorted: Vec<T> = places.par_iter().map(|&at| rows[at]).collect();
            *rows = sorted;
            return;
        }
    }
    rows.sort_by_cached_key(|row| key(row));
}

#[cfg(test)]
mod tests {
    use super::sort_by_fields;

    /// Rows with many ties, so the order of equal keys shows.
    fn rows() -> Vec<(u64, u64, u32)> {
        let mut seed = 12345u64;
        (0..5000)
            .map(|n| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((seed >> 33) % 7, (seed >> 45) % 300, n)
            })
            .collect()
    }

    #[test]
    fn packed_sort_orders_as_the_general_sort_and_keeps_ties_in_place() {
        let mut expected = rows();
        expected.sort_by_cached_key(|r| (r.0, r.1));
        for limits in [[7, 300], [u64::MAX, u64::MAX], [7, 100]] {
            // Packed; too wide to pack; a field over its limit.
            let mut got = rows();
            sort_by_fields(&mut got, limits, |r| [r.0, r.1]);
            assert_eq!(got, expected, "limits {limits:?}");
        }
    }
}
