//! How far the parties split into two opposed camps, per network.
//!
//! The measure (docs/networks.md): take the signed graph w = agreement −
//! conflict (raw sums of one window's tally). Split the parties in two by the
//! sign of the leading eigenvector of w (spectral bisection: on a clean two-camp
//! split that vector is +1 on one camp and −1 on the other), then move single
//! parties across while a move raises Σ w·sᵢ·sⱼ (a Kernighan–Lin-style local
//! refinement). With A and C the total agreement and conflict, A_in the
//! agreement inside the groups and C_across the conflict between them:
//!
//!   polarization = (C_across / C) × (A_in / A)
//!
//! 1 when all conflict runs between two camps that agree inside; 0 when there is
//! no conflict; low when conflict runs inside the camps as much as across.
//! (A = 0: only the first factor; C = 0: 0.)

use super::{Network, Node};
use crate::model::ActorIdx;

/// The split of one network and its score.
#[derive(Clone, Debug, PartialEq)]
pub struct Polarization {
    pub score: f64,
    /// The two groups, each sorted; the first holds the lowest-indexed party.
    pub groups: [Vec<ActorIdx>; 2],
    pub agreement: f64,
    pub conflict: f64,
    pub agreement_within: f64,
    pub conflict_between: f64,
}

/// Power-iteration rounds: enough for a two-camp split to show in the signs.
const ROUNDS: usize = 300;
/// Passes of single-party moves (each pass moves at least one party or stops).
const PASSES: usize = 100;

/// Polarization of a network whose edges carry raw `congruence` and `conflict`
/// (built with every pair that has either: see [`super::one_mode_all_pairs`]).
pub fn polarization(network: &Network) -> Polarization {
    let nodes: Vec<ActorIdx> = network.nodes.iter().map(|n: &Node| n.party).collect();
    let n = nodes.len();
    let at = |p: ActorIdx| nodes.binary_search(&p).expect("edges join nodes");
    // Adjacency lists of signed weights.
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let (mut total_a, mut total_c) = (0.0, 0.0);
    for e in &network.edges {
        let (i, j) = (at(e.a), at(e.b));
        let w = e.congruence - e.conflict;
        adj[i].push((j, w));
        adj[j].push((i, w));
        total_a += e.congruence;
        total_c += e.conflict;
    }
    let mut side = spectral_sides(&adj);
    refine(&adj, &mut side);
    if side.first() == Some(&false) {
        for s in &mut side {
            *s = !*s;
        }
    }
    let (mut a_in, mut c_across) = (0.0, 0.0);
    for e in &network.edges {
        if side[at(e.a)] == side[at(e.b)] {
            a_in += e.congruence;
        } else {
            c_across += e.conflict;
        }
    }
    let score = if total_c == 0.0 {
        0.0
    } else if total_a == 0.0 {
        c_across / total_c
    } else {
        (c_across / total_c) * (a_in / total_a)
    };
    let mut groups = [Vec::new(), Vec::new()];
    for (k, &p) in nodes.iter().enumerate() {
        groups[usize::from(!side[k])].push(p);
    }
    Polarization {
        score,
        groups,
        agreement: total_a,
        conflict: total_c,
        agreement_within: a_in,
        conflict_between: c_across,
    }
}

/// Sides by the sign of the leading eigenvector of w (largest eigenvalue), found
/// by power iteration on w + c·I, c bounding |eigenvalues| (Gershgorin), so the
/// largest eigenvalue of w is the one that dominates.
fn spectral_sides(adj: &[Vec<(usize, f64)>]) -> Vec<bool> {
    let n = adj.len();
    let shift = adj
        .iter()
        .map(|row| row.iter().map(|(_, w)| w.abs()).sum::<f64>())
        .fold(0.0, f64::max);
    // A fixed, uneven start: deterministic, and not orthogonal to a split.
    let mut x: Vec<f64> = (0..n).map(|i| 1.0 + (i % 7) as f64 / 10.0).collect();
    let mut next = vec![0.0; n];
    for _ in 0..ROUNDS {
        for (i, row) in adj.iter().enumerate() {
            next[i] = shift * x[i] + row.iter().map(|&(j, w)| w * x[j]).sum::<f64>();
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 {
            break;
        }
        let mut change: f64 = 0.0;
        for i in 0..n {
            let v = next[i] / norm;
            change = change.max((v - x[i]).abs());
            x[i] = v;
        }
        if change < 1e-10 {
            break;
        }
    }
    x.iter().map(|&v| v >= 0.0).collect()
}

/// Moves single parties to the other side while that raises Σ w·sᵢ·sⱼ.
fn refine(adj: &[Vec<(usize, f64)>], side: &mut [bool]) {
    let sign = |b: bool| if b { 1.0 } else { -1.0 };
    for _ in 0..PASSES {
        let mut moved = false;
        for i in 0..adj.len() {
            // Flipping i changes the objective by −2·sᵢ·Σ w·sⱼ.
            let pull: f64 = adj[i].iter().map(|&(j, w)| w * sign(side[j])).sum();
            if -2.0 * sign(side[i]) * pull > 1e-9 {
                side[i] = !side[i];
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::network::Edge;

    fn network(n: u32, edges: &[(u32, u32, f64, f64)]) -> Network {
        Network {
            nodes: (0..n)
                .map(|p| Node {
                    party: ActorIdx(p),
                    activity: 1.0,
                })
                .collect(),
            edges: edges
                .iter()
                .map(|&(a, b, congruence, conflict)| Edge {
                    a: ActorIdx(a),
                    b: ActorIdx(b),
                    weight: congruence - conflict,
                    congruence,
                    conflict,
                })
                .collect(),
        }
    }

    #[test]
    fn two_clean_camps_score_one() {
        // Camps {0, 1, 2} and {3, 4, 5}: agreement inside, conflict across.
        let mut edges = Vec::new();
        for a in 0..6 {
            for b in a + 1..6 {
                let same = (a < 3) == (b < 3);
                edges.push((
                    a,
                    b,
                    if same { 2.0 } else { 0.0 },
                    if same { 0.0 } else { 1.0 },
                ));
            }
        }
        let p = polarization(&network(6, &edges));
        assert_eq!(p.score, 1.0);
        assert_eq!(p.groups[0], vec![ActorIdx(0), ActorIdx(1), ActorIdx(2)]);
    }

    #[test]
    fn consensus_scores_zero() {
        let edges: Vec<_> = (0..5)
            .flat_map(|a| (a + 1..5).map(move |b| (a, b, 1.0, 0.0)))
            .collect();
        let p = polarization(&network(5, &edges));
        assert_eq!(p.score, 0.0);
    }

    #[test]
    fn conflict_inside_the_camps_lowers_the_score() {
        // A triangle of pure conflict cannot be split in two cleanly.
        let p = polarization(&network(
            3,
            &[(0, 1, 0.0, 1.0), (0, 2, 0.0, 1.0), (1, 2, 0.0, 1.0)],
        ));
        assert!((p.score - 2.0 / 3.0).abs() < 1e-9, "{}", p.score);
    }
}
