//! The relation (or a part of it) as flat lists: every tie gathered, sorted by
//! pair and cut into pairs. The relation graph is built from these; answers
//! that only read pairs in order or look a few up (`coalitions`, the maps) read
//! them directly, skipping the graph's list of ties per pair.
//!
//! On a large record (millions of ties) the sort is most of the cost, so each
//! tie and its pair are packed into one `u64` that sorts as they do
//! ([`Packing`]); a record too large for that (ids or issues past what 64 bits
//! hold) sorts the ties as they are.

use super::*;

/// A part of the relation (or all of it) as flat lists, without the graph:
/// the pairs in id order, each with its ties sorted and once each. Cheaper to
/// build than [`Relation`] (no allocation per pair), which is built from it.
pub struct Ties {
    /// (a, b, where its ties start and end in `ties`), a before b by id.
    pairs: Vec<(ActorIdx, ActorIdx, u32, u32)>,
    ties: Vec<Tie>,
    /// Each actor's id rank (the state's), to find a pair's ties.
    rank: Vec<u32>,
    /// Where the pairs whose first party has each rank start in `pairs`
    /// (one more entry than ranks): a pair is looked up among its first
    /// party's pairs only.
    first: Vec<u32>,
}

impl Ties {
    pub fn gather(state: &NegotiationState, want: Wanted) -> Ties {
        Ties::gather_as(state, want, Packing::of(state))
    }

    /// [`Ties::gather`], packed when `packing` is given.
    fn gather_as(state: &NegotiationState, want: Wanted, packing: Option<Packing>) -> Ties {
        // Every tie in one flat list keyed by its pair, sorted, then cut into
        // pairs: on a large record (millions of ties) several times faster
        // than a map from pair to a growing list.
        match packing {
            Some(p) => {
                let mut packed: Vec<u64> = Vec::with_capacity(expected_ties(state, want));
                each_tie(state, want, |a, b, tie| {
                    if a != b {
                        packed.push(p.pack(state.actor_rank(a), state.actor_rank(b), tie));
                    }
                });
                packed.sort_unstable();
                packed.dedup();
                Ties::cut(state, packed.len(), packed.into_iter().map(|k| p.unpack(k)))
            }
            None => {
                let mut keyed: Vec<(u64, Tie)> = Vec::new();
                each_tie(state, want, |a, b, tie| {
                    if a != b {
                        keyed.push((pair_key(state, a, b), tie));
                    }
                });
                keyed.sort_unstable();
                keyed.dedup();
                let len = keyed.len();
                let split = |(k, t): (u64, Tie)| (((k >> 32) as u32, k as u32), t);
                Ties::cut(state, len, keyed.into_iter().map(split))
            }
        }
    }

    /// The ties, sorted by pair (id ranks, the lower first) and once each,
    /// cut into pairs.
    fn cut(
        state: &NegotiationState,
        len: usize,
        sorted: impl Iterator<Item = ((u32, u32), Tie)>,
    ) -> Ties {
        // Ranks back to actors, for the pairs.
        let actors = state.record.actors.len();
        let mut actor_of = vec![ActorIdx(0); actors];
        for i in 0..actors {
            let a = ActorIdx(i as u32);
            actor_of[state.actor_rank(a) as usize] = a;
        }
        let mut pairs: Vec<(ActorIdx, ActorIdx, u32, u32)> = vec![];
        let mut ties = Vec::with_capacity(len);
        let mut first = vec![0u32; actors + 1];
        let mut last = None;
        for (pair, tie) in sorted {
            if last != Some(pair) {
                if let Some(open) = pairs.last_mut() {
                    open.3 = ties.len() as u32;
                }
                last = Some(pair);
                first[pair.0 as usize + 1] += 1;
                let (a, b) = (actor_of[pair.0 as usize], actor_of[pair.1 as usize]);
                pairs.push((a, b, ties.len() as u32, 0));
            }
            ties.push(tie);
        }
        if let Some(open) = pairs.last_mut() {
            open.3 = ties.len() as u32;
        }
        for r in 0..actors {
            first[r + 1] += first[r];
        }
        Ties {
            pairs,
            ties,
            rank: state.actor_rank.clone(),
            first,
        }
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Every pair with its ties, `a` before `b` by id, sorted by (a, b) ids.
    pub fn links(&self) -> impl Iterator<Item = (ActorIdx, ActorIdx, &[Tie])> + '_ {
        self.pairs
            .iter()
            .map(|&(a, b, from, to)| (a, b, &self.ties[from as usize..to as usize]))
    }

    /// Each party's friendly neighbours (agree at least once, never conflict),
    /// as indices into `state.parties`, sorted: [`Relation::friendly_neighbours`]
    /// of these ties.
    pub fn friendly_neighbours(&self, state: &NegotiationState) -> Vec<Vec<u32>> {
        let mut node_of = vec![u32::MAX; self.rank.len()];
        for (n, &a) in state.parties.iter().enumerate() {
            node_of[a.index()] = n as u32;
        }
        let mut out = vec![vec![]; state.parties.len()];
        for (a, b, ties) in self.links() {
            let agree = ties.iter().any(|t| t.sign == Sign::Agree);
            if agree && ties.iter().all(|t| t.sign == Sign::Agree) {
                let (x, y) = (node_of[a.index()], node_of[b.index()]);
                out[x as usize].push(y);
                out[y as usize].push(x);
            }
        }
        for list in &mut out {
            list.sort_unstable();
        }
        out
    }
}

impl PairTies for Ties {
    fn ties(&self, a: ActorIdx, b: ActorIdx) -> Option<&[Tie]> {
        let (ra, rb) = (self.rank[a.index()], self.rank[b.index()]);
        let (lo, hi) = (ra.min(rb) as usize, ra.max(rb));
        let theirs = &self.pairs[self.first[lo] as usize..self.first[lo + 1] as usize];
        let at = theirs
            .binary_search_by_key(&hi, |&(_, y, _, _)| self.rank[y.index()])
            .ok()?;
        let (_, _, from, to) = theirs[at];
        Some(&self.ties[from as usize..to as usize])
    }
}

/// How many ties of opposed or shared stances the whole relation holds (the
/// most there can be, each pair once per issue), to size the list once; a
/// part of the relation is gathered into a list that grows.
fn expected_ties(state: &NegotiationState, want: Wanted) -> usize {
    if !matches!(want.among, Among::All) {
        return 0;
    }
    state
        .issues
        .iter()
        .map(|&i| {
            let pointing = state
                .stances_on(i)
                .iter()
                .filter(|s| s.camp.direction().is_some())
                .count();
            pointing * pointing.saturating_sub(1) / 2
        })
        .sum()
}

/// How a tie and its pair pack into a `u64` that sorts as (pair ranks, tie):
/// from the top, the lower id rank, the higher, the issue, then the sign,
/// basis and severity in the order their enums declare them.
#[derive(Clone, Copy, Debug)]
struct Packing {
    rank_bits: u32,
    issue_bits: u32,
}

/// Sign (1 bit), basis (2) and severity (3: none, then the four in order).
const TIE_BITS: u32 = 6;

impl Packing {
    /// The packing for this record, if its ranks and issues fit.
    fn of(state: &NegotiationState) -> Option<Packing> {
        // Bits to hold every number below `n`.
        let bits = |n: usize| (usize::BITS - n.saturating_sub(1).leading_zeros()).max(1);
        let p = Packing {
            rank_bits: bits(state.record.actors.len()),
            issue_bits: bits(state.record.issues.len()),
        };
        (2 * p.rank_bits + p.issue_bits + TIE_BITS <= 64).then_some(p)
    }

    fn pair_shift(self) -> u32 {
        self.issue_bits + TIE_BITS
    }

    fn pack(self, ra: u32, rb: u32, t: Tie) -> u64 {
        let severity = match t.severity {
            None => 0,
            Some(Severity::Critical) => 1,
            Some(Severity::High) => 2,
            Some(Severity::Medium) => 3,
            Some(Severity::Low) => 4,
        };
        let basis = match t.basis {
            TieBasis::Stances => 0,
            TieBasis::NamedConflict => 1,
            TieBasis::ConcessionAnswersDemand => 2,
        };
        let sign = match t.sign {
            Sign::Agree => 0,
            Sign::Conflict => 1,
        };
        let tie = (u64::from(t.issue.0) << TIE_BITS) | (sign << 5) | (basis << 3) | severity;
        let (lo, hi) = (u64::from(ra.min(rb)), u64::from(ra.max(rb)));
        (lo << (self.rank_bits + self.pair_shift())) | (hi << self.pair_shift()) | tie
    }

    fn unpack(self, k: u64) -> ((u32, u32), Tie) {
        let mask = |bits: u32| (1u64 << bits) - 1;
        let lo = k >> (self.rank_bits + self.pair_shift());
        let hi = (k >> self.pair_shift()) & mask(self.rank_bits);
        let tie = Tie {
            issue: IssueIdx(((k >> TIE_BITS) & mask(self.issue_bits)) as u32),
            sign: if (k >> 5) & 1 == 0 {
                Sign::Agree
            } else {
                Sign::Conflict
            },
            basis: match (k >> 3) & 3 {
                0 => TieBasis::Stances,
                1 => TieBasis::NamedConflict,
                _ => TieBasis::ConcessionAnswersDemand,
            },
            severity: match k & 7 {
                0 => None,
                1 => Some(Severity::Critical),
                2 => Some(Severity::High),
                3 => Some(Severity::Medium),
                _ => Some(Severity::Low),
            },
        };
        ((lo as u32, hi as u32), tie)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, load_texts, Limits};
    use crate::model::Record;
    use crate::synth::{generate, SynthSpec};

    /// Every tie a record can hold, in `Tie`'s order.
    fn every_tie(issues: u32) -> Vec<Tie> {
        let severities = [
            None,
            Some(Severity::Critical),
            Some(Severity::High),
            Some(Severity::Medium),
            Some(Severity::Low),
        ];
        let mut all = vec![];
        for issue in 0..issues {
            for sign in [Sign::Agree, Sign::Conflict] {
                for basis in [
                    TieBasis::Stances,
                    TieBasis::NamedConflict,
                    TieBasis::ConcessionAnswersDemand,
                ] {
                    for severity in severities {
                        all.push(Tie {
                            issue: IssueIdx(issue),
                            sign,
                            basis,
                            severity,
                        });
                    }
                }
            }
        }
        all.sort();
        all
    }

    #[test]
    fn a_packed_tie_unpacks_to_itself_and_sorts_as_ties_do() {
        let p = Packing {
            rank_bits: 3,
            issue_bits: 2,
        };
        let mut keyed = vec![];
        for (ra, rb) in [(0, 7), (7, 0), (3, 4), (2, 2)] {
            for tie in every_tie(4) {
                let k = p.pack(ra, rb, tie);
                assert_eq!(p.unpack(k), ((ra.min(rb), ra.max(rb)), tie));
                keyed.push(((ra.min(rb), ra.max(rb)), tie, k));
            }
        }
        let mut by_tie = keyed.clone();
        by_tie.sort_by_key(|&(pair, tie, _)| (pair, tie));
        keyed.sort_by_key(|&(_, _, k)| k);
        assert_eq!(keyed, by_tie);
    }

    fn same_either_way(record: &Record) -> usize {
        let filters = [
            Filter::default(),
            Filter {
                people: true,
                include_observers: true,
                ..Filter::default()
            },
        ];
        let mut pairs = 0;
        for filter in filters {
            let state = NegotiationState::build(record, &filter);
            let packing = Packing::of(&state).expect("a small record packs");
            let packed = Ties::gather_as(&state, Wanted::ALL, Some(packing));
            let plain = Ties::gather_as(&state, Wanted::ALL, None);
            assert_eq!(packed.pairs, plain.pairs);
            assert_eq!(packed.ties, plain.ties);
            assert_eq!(packed.first, plain.first);
            pairs += packed.len();
            // Every pair is found, either way round; a pair with no ties is not.
            for (a, b, ties) in packed.links() {
                assert_eq!(packed.ties(a, b), Some(ties));
                assert_eq!(packed.ties(b, a), Some(ties));
            }
            let linked: std::collections::HashSet<(ActorIdx, ActorIdx)> =
                packed.links().map(|(a, b, _)| (a, b)).collect();
            for &a in &state.parties {
                for &b in &state.parties {
                    if !linked.contains(&(a, b)) && !linked.contains(&(b, a)) {
                        assert_eq!(packed.ties(a, b), None);
                    }
                }
            }
        }
        pairs
    }

    #[test]
    fn packed_and_plain_gathering_give_the_same_ties() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let loaded = load(&dir, &Limits::default(), None).expect("data/ loads");
        assert!(same_either_way(&loaded.record.expect("data/ is valid")) > 0);
        let spec = SynthSpec {
            actors: 80,
            issues: 12,
            positions: 600,
            demands: 120,
            concessions: 60,
            seed: 11,
            files: 2,
        };
        let loaded = load_texts(generate(&spec), &Limits::default());
        assert!(same_either_way(&loaded.record.expect("synthetic record is valid")) > 0);
    }
}
