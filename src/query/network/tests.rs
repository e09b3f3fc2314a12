//! The network sums and every normalisation, on a tally small enough to work
//! out by hand (docs/networks.md walks through the same numbers).

use super::*;

/// Parties A (0), B (1), C (2); issues x (0), y (1).
/// A: x support ×2, y oppose ×1 (n = 3)
/// B: x support ×1, x oppose ×1, y oppose ×2 (n = 4)
/// C: y support ×1 (n = 1)
fn hand() -> Vec<Statement> {
    let s = |party, issue, direction, weight, day| Statement {
        party: ActorIdx(party),
        issue: IssueIdx(issue),
        direction,
        day,
        weight,
    };
    use Direction::{Oppose as O, Support as S};
    let mut all = vec![
        s(0, 0, S, 2, 10),
        s(0, 1, O, 1, 10),
        s(1, 0, S, 1, 10),
        s(1, 0, O, 1, 40),
        s(1, 1, O, 2, 40),
        s(2, 1, S, 1, 40),
    ];
    all.sort_unstable_by_key(|s| (s.day, s.party, s.issue, s.direction));
    all
}

fn weights(kind: Kind, normalize: Normalize, count: Count) -> Vec<(u32, u32, f64)> {
    let tally = Tally::of_statements(&hand(), None, count);
    one_mode(&tally, kind, normalize)
        .edges
        .iter()
        .map(|e| (e.a.0, e.b.0, (e.weight * 1e6).round() / 1e6))
        .collect()
}

#[test]
fn congruence_with_each_normalisation() {
    use Normalize::*;
    let s = Count::Statements;
    // A–B: x 2·1 + y 1·2 = 4; A–C and B–C share no side.
    assert_eq!(weights(Kind::Congruence, None, s), vec![(0, 1, 4.0)]);
    assert_eq!(
        weights(Kind::Congruence, Average, s),
        vec![(0, 1, 1.142857)]
    ); // 4 / 3.5
    assert_eq!(weights(Kind::Congruence, Jaccard, s), vec![(0, 1, 0.8)]); // 4 / (0 + 1 + 4)
    assert_eq!(weights(Kind::Congruence, Cosine, s), vec![(0, 1, 0.333333)]); // 4 / 12
}

#[test]
fn conflict_with_each_normalisation() {
    use Normalize::*;
    let s = Count::Statements;
    // A–B: x 2·1 = 2; A–C: y 1·1 = 1; B–C: y 2·1 = 2.
    assert_eq!(
        weights(Kind::Conflict, None, s),
        vec![(0, 1, 2.0), (0, 2, 1.0), (1, 2, 2.0)]
    );
    assert_eq!(
        weights(Kind::Conflict, Average, s),
        vec![(0, 1, 0.571429), (0, 2, 0.5), (1, 2, 0.8)]
    );
    assert_eq!(
        weights(Kind::Conflict, Jaccard, s),
        vec![(0, 1, 0.4), (0, 2, 0.25), (1, 2, 0.4)]
    );
    assert_eq!(
        weights(Kind::Conflict, Cosine, s),
        vec![(0, 1, 0.166667), (0, 2, 0.333333), (1, 2, 0.5)]
    );
}

#[test]
fn subtract_is_congruence_minus_conflict_after_normalising() {
    assert_eq!(
        weights(Kind::Subtract, Normalize::None, Count::Statements),
        vec![(0, 1, 2.0), (0, 2, -1.0), (1, 2, -2.0)]
    );
    assert_eq!(
        weights(Kind::Subtract, Normalize::Jaccard, Count::Statements),
        vec![(0, 1, 0.4), (0, 2, -0.25), (1, 2, -0.4)]
    );
}

#[test]
fn counting_issues_counts_each_side_once() {
    // A: x+, y−; B: x+, x−, y−; C: y+.
    assert_eq!(
        weights(Kind::Congruence, Normalize::None, Count::Issues),
        vec![(0, 1, 2.0)]
    );
    assert_eq!(
        weights(Kind::Conflict, Normalize::None, Count::Issues),
        vec![(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0)]
    );
    // m11 = 2, m10 = 0, m01 = 1.
    assert_eq!(
        weights(Kind::Congruence, Normalize::Jaccard, Count::Issues),
        vec![(0, 1, 0.666667)]
    );
}

#[test]
fn a_window_keeps_only_its_statements() {
    let w = Window { start: 0, end: 20 };
    let tally = Tally::of_statements(&hand(), Some(w), Count::Statements);
    assert_eq!(tally.statements, 4);
    let net = one_mode(&tally, Kind::Congruence, Normalize::None);
    // Before day 20: A x+ ×2, y− ×1; B x+ ×1.
    assert_eq!(net.edges.len(), 1);
    assert_eq!(net.edges[0].weight, 2.0);
    assert_eq!(net.nodes.len(), 2);
}

#[test]
fn two_mode_values() {
    let tally = Tally::of_statements(&hand(), None, Count::Statements);
    let rows = tally.two_mode();
    let b_x = rows
        .iter()
        .find(|r| r.party == ActorIdx(1) && r.issue == IssueIdx(0))
        .unwrap();
    assert_eq!((b_x.support, b_x.oppose), (1.0, 1.0));
    assert_eq!(b_x.value(Count::Issues), 0.0, "mixed");
    let a_x = rows[0];
    assert_eq!(a_x.value(Count::Statements), 2.0);
    assert_eq!(a_x.value(Count::Issues), 1.0);
}
