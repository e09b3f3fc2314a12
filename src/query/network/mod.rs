//! Discourse networks: who agrees and who disagrees with whom, counted the way
//! the Discourse Network Analyzer (DNA) counts, over the live state or over the
//! statements of a time window.
//!
//! Everything starts from a [`Tally`]: for each party, issue and direction, a
//! number (statements, or 1 for "holds this stance"). DNA's one-mode networks
//! are sums over that array (docs/networks.md gives the formulas):
//! congruence(i, j) = Σ over issues and directions of a[i]·a[j] on the same
//! direction; conflict the same on opposite directions; subtract the
//! difference; each divided by a normalisation of the pair (average activity,
//! Jaccard, cosine). The sums run per issue over the parties on that issue only,
//! so the cost follows pairs of parties that share an issue, never all pairs.

pub mod series;
pub mod statements;
pub mod window;

pub use series::{one_mode_series, two_mode_series, Series, Snapshot, Source, Spec};
pub use statements::{live_stances, statements, Statement};
pub use window::{Span, Window};

use crate::model::{ActorIdx, Direction, IssueIdx};
use serde::Serialize;

/// Which relation an edge weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Pairs on the same side of an issue.
    Congruence,
    /// Pairs on opposite sides.
    Conflict,
    /// Congruence minus conflict.
    Subtract,
}

/// What one unit of an edge is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Count {
    /// Issues (each party-issue-direction counted once).
    Issues,
    /// Pairs of statements (DNA's default).
    Statements,
}

/// DNA's one-mode normalisations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalize {
    None,
    /// Divide by the mean of the two parties' activity: (n_i + n_j) / 2.
    Average,
    /// Divide by m10 + m01 + m11 (cells only i uses, only j uses, both use).
    Jaccard,
    /// Divide by n_i · n_j.
    Cosine,
}

/// A party's statements (or stances) per issue and direction.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Sorted by party, issue, direction; one cell per triple, count > 0.
    cells: Vec<Cell>,
    /// How many statements went in (0 for a live tally).
    pub statements: u64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Cell {
    party: u32,
    issue: u32,
    dir: u8,
    count: f64,
}

fn dir_code(d: Direction) -> u8 {
    match d {
        Direction::Support => 0,
        Direction::Oppose => 1,
    }
}

impl Tally {
    /// The live state: 1 for each stance a party holds.
    pub fn live(stances: &[(ActorIdx, IssueIdx, Direction)]) -> Tally {
        Tally::from_units(
            stances.iter().map(|&(p, i, d)| (p, i, d, 1.0)),
            0,
            Count::Issues,
        )
    }

    /// The statements inside `window` (all of them with `None`), counted as `count` says.
    pub fn of_statements(all: &[Statement], window: Option<Window>, count: Count) -> Tally {
        let slice = match window {
            None => all,
            Some(w) => {
                let from = all.partition_point(|s| s.day < w.start);
                let to = all.partition_point(|s| s.day < w.end);
                &all[from..to]
            }
        };
        let n = slice.iter().map(|s| u64::from(s.weight)).sum();
        Tally::from_units(
            slice
                .iter()
                .map(|s| (s.party, s.issue, s.direction, f64::from(s.weight))),
            n,
            count,
        )
    }

    fn from_units(
        units: impl Iterator<Item = (ActorIdx, IssueIdx, Direction, f64)>,
        statements: u64,
        count: Count,
    ) -> Tally {
        let mut cells: Vec<Cell> = units
            .map(|(p, i, d, n)| Cell {
                party: p.0,
                issue: i.0,
                dir: dir_code(d),
                count: n,
            })
            .collect();
        cells.sort_unstable_by_key(|c| (c.party, c.issue, c.dir));
        cells.dedup_by(|later, kept| {
            let same = (later.party, later.issue, later.dir) == (kept.party, kept.issue, kept.dir);
            if same {
                kept.count += later.count;
            }
            same
        });
        if count == Count::Issues {
            for c in &mut cells {
                c.count = 1.0;
            }
        }
        Tally { cells, statements }
    }

    /// The two-mode party × issue rows: support and oppose counts per pair.
    pub fn two_mode(&self) -> Vec<TwoModeRow> {
        let mut out: Vec<TwoModeRow> = Vec::new();
        for c in &self.cells {
            let (party, issue) = (ActorIdx(c.party), IssueIdx(c.issue));
            if out
                .last()
                .is_none_or(|r| (r.party, r.issue) != (party, issue))
            {
                out.push(TwoModeRow {
                    party,
                    issue,
                    support: 0.0,
                    oppose: 0.0,
                });
            }
            let row = out.last_mut().expect("pushed above");
            if c.dir == 0 {
                row.support += c.count;
            } else {
                row.oppose += c.count;
            }
        }
        out
    }

    /// The parties with at least one cell, and their activity (sum of counts).
    fn activity(&self) -> Vec<(ActorIdx, f64)> {
        let mut out: Vec<(ActorIdx, f64)> = Vec::new();
        for c in &self.cells {
            match out.last_mut() {
                Some((p, n)) if p.0 == c.party => *n += c.count,
                _ => out.push((ActorIdx(c.party), c.count)),
            }
        }
        out
    }
}

/// One party × issue entry of a two-mode network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoModeRow {
    pub party: ActorIdx,
    pub issue: IssueIdx,
    pub support: f64,
    pub oppose: f64,
}

impl TwoModeRow {
    /// +1 for support only, −1 for oppose only, 0 for both (mixed); with
    /// statement counts, support minus oppose (DNA's "subtract").
    pub fn value(&self, count: Count) -> f64 {
        match count {
            Count::Statements => self.support - self.oppose,
            Count::Issues => self.support.min(1.0) - self.oppose.min(1.0),
        }
    }
}

/// A node of a one-mode network: a party active in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    pub party: ActorIdx,
    /// Its activity: statements (or stances) in the tally.
    pub activity: f64,
}

/// An undirected edge, `a < b`, with its raw sums and its normalised weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub a: ActorIdx,
    pub b: ActorIdx,
    pub weight: f64,
    pub congruence: f64,
    pub conflict: f64,
}

/// One one-mode network.
#[derive(Clone, Debug, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

#[derive(Clone, Copy, Default)]
struct Acc {
    congruence: f64,
    conflict: f64,
    /// Σ a_i·a_j over cells both use (Jaccard's m11), and each side's own sum there.
    both: f64,
    shared_a: f64,
    shared_b: f64,
}

/// DNA's one-mode network of `tally`. Edges with weight 0 are left out.
pub fn one_mode(tally: &Tally, kind: Kind, normalize: Normalize) -> Network {
    let cells = &tally.cells;
    let activity = tally.activity();
    let max_party = cells
        .iter()
        .map(|c| c.party as usize + 1)
        .max()
        .unwrap_or(0);
    let mut total = vec![0.0; max_party];
    for &(p, n) in &activity {
        total[p.index()] = n;
    }
    // The same cells by issue, then party: the parties to pair a cell with.
    let mut by_issue: Vec<u32> = (0..cells.len() as u32).collect();
    by_issue.sort_unstable_by_key(|&i| {
        let c = &cells[i as usize];
        (c.issue, c.party, c.dir)
    });
    let max_issue = cells
        .iter()
        .map(|c| c.issue as usize + 1)
        .max()
        .unwrap_or(0);
    let mut issue_start = vec![0usize; max_issue + 1];
    for &i in &by_issue {
        issue_start[cells[i as usize].issue as usize + 1] += 1;
    }
    for k in 1..issue_start.len() {
        issue_start[k] += issue_start[k - 1];
    }

    let mut acc = vec![Acc::default(); max_party];
    let mut touched: Vec<u32> = Vec::new();
    let mut edges = Vec::new();
    let mut row_start = 0;
    while row_start < cells.len() {
        let party = cells[row_start].party;
        let mut row_end = row_start;
        while row_end < cells.len() && cells[row_end].party == party {
            row_end += 1;
        }
        for cell in &cells[row_start..row_end] {
            let on_issue =
                &by_issue[issue_start[cell.issue as usize]..issue_start[cell.issue as usize + 1]];
            // Only partners after this party: each pair is summed once, from its first party.
            let from = on_issue.partition_point(|&i| cells[i as usize].party <= party);
            for &j in &on_issue[from..] {
                let other = &cells[j as usize];
                let slot = &mut acc[other.party as usize];
                if slot.congruence == 0.0 && slot.conflict == 0.0 && slot.both == 0.0 {
                    touched.push(other.party);
                }
                let product = cell.count * other.count;
                if other.dir == cell.dir {
                    slot.congruence += product;
                    slot.both += product;
                    slot.shared_a += cell.count;
                    slot.shared_b += other.count;
                } else {
                    slot.conflict += product;
                }
            }
        }
        touched.sort_unstable();
        for &other in &touched {
            let s = std::mem::take(&mut acc[other as usize]);
            let (na, nb) = (total[party as usize], total[other as usize]);
            let norm = match normalize {
                Normalize::None => 1.0,
                Normalize::Average => (na + nb) / 2.0,
                Normalize::Jaccard => (na - s.shared_a) + (nb - s.shared_b) + s.both,
                Normalize::Cosine => na * nb,
            };
            let (congruence, conflict) = if norm == 0.0 {
                (0.0, 0.0)
            } else {
                (s.congruence / norm, s.conflict / norm)
            };
            let weight = match kind {
                Kind::Congruence => congruence,
                Kind::Conflict => conflict,
                Kind::Subtract => congruence - conflict,
            };
            if weight != 0.0 {
                edges.push(Edge {
                    a: ActorIdx(party),
                    b: ActorIdx(other),
                    weight,
                    congruence: s.congruence,
                    conflict: s.conflict,
                });
            }
        }
        touched.clear();
        row_start = row_end;
    }
    Network {
        nodes: activity
            .into_iter()
            .map(|(party, activity)| Node { party, activity })
            .collect(),
        edges,
    }
}

#[cfg(test)]
mod tests;
