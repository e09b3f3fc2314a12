//! Linear growth on hostile records, shown by counting steps, not by timing.
//!
//! Each input that once made the loader quadratic (issue 16: a 50,000-deep
//! `parent` chain, a chain of people, thousands of misspelt ids, a 200,000
//! character typo) is loaded at two sizes, ten times apart, inside
//! `stancemap::work::count`; the steps taken by the searches and walks involved
//! may grow at most tenfold (a quadratic path grows a hundredfold). The same
//! records also check that the answers are right, so the counts are of real work.

use stancemap::load::{load_texts, Limits, Loaded};
use stancemap::model::IssueIdx;
use stancemap::work::count;
use std::fmt::Write;

const SRC: &str = "sources: [{doc: d.txt, quote: q}]";

fn load(text: String) -> Loaded {
    load_texts([("r.yaml".to_string(), text)], &Limits::default())
}

/// `n` issues each the parent of the next, `n` people each a member of the
/// previous one (the first of a state), one position each on the deepest issue,
/// and a tenth as many concessions on the deepest issue answering a demand on
/// the root.
fn chains(n: usize) -> String {
    let mut t = String::new();
    writeln!(
        t,
        "actors:\n  - {{id: state, name: State, kind: state, {SRC}}}"
    )
    .unwrap();
    writeln!(t, "  - {{id: other, name: Other, kind: state, {SRC}}}").unwrap();
    for i in 0..n {
        let up = if i == 0 {
            "state".to_string()
        } else {
            format!("p{}", i - 1)
        };
        writeln!(
            t,
            "  - {{id: p{i}, name: P{i}, kind: person, member_of: [{up}], {SRC}}}"
        )
        .unwrap();
    }
    t.push_str("issues:\n");
    for i in 0..n {
        let parent = if i == 0 {
            String::new()
        } else {
            format!(", parent: i{}", i - 1)
        };
        writeln!(t, "  - {{id: i{i}, title: T{i}, category: other{parent}}}").unwrap();
    }
    let deepest = n - 1;
    t.push_str("positions:\n");
    for i in 0..n {
        writeln!(t, "  - {{actor: p{i}, issue: i{deepest}, stance: support, strength: firm, summary: s, date: 2025-01-01, {SRC}}}").unwrap();
    }
    writeln!(t, "demands:\n  - {{id: d, by: other, of: [state], issue: i0, stance: oppose, text: t, priority: core, status: open, date: 2025-01-01, {SRC}}}").unwrap();
    t.push_str("concessions:\n");
    for i in 0..n / 10 {
        writeln!(t, "  - {{id: c{i}, by: p{deepest}, to: [other], issue: i{deepest}, text: t, status: made, date: 2025-02-01, answers: [d], {SRC}}}").unwrap();
    }
    t
}

/// `n` actors and `n` positions whose actor id is misspelt.
fn misspelt(n: usize) -> String {
    let mut t = String::from("actors:\n");
    for i in 0..n {
        writeln!(
            t,
            "  - {{id: actor-{i:06}, name: A{i}, kind: state, {SRC}}}"
        )
        .unwrap();
    }
    writeln!(
        t,
        "issues:\n  - {{id: land, title: Land, category: territory}}\npositions:"
    )
    .unwrap();
    for i in 0..n {
        writeln!(t, "  - {{actor: actr-{i:06}, issue: land, stance: support, strength: firm, summary: s, date: 2025-01-01, {SRC}}}").unwrap();
    }
    t
}

fn steps_of(n: usize, make: fn(usize) -> String, check: fn(&Loaded, usize)) -> u64 {
    let text = make(n);
    let (loaded, steps) = count(|| load(text));
    check(&loaded, n);
    steps
}

fn assert_linear(what: &str, small: u64, large: u64) {
    assert!(small > 0, "{what}: steps are counted");
    assert!(
        large <= 10 * small + 10 * small / 20,
        "{what}: {small} steps at 1x, {large} at 10x (more than tenfold)"
    );
}

#[test]
fn deep_parent_and_membership_chains_load_in_linear_steps() {
    fn check(loaded: &Loaded, n: usize) {
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(loaded.record.is_some(), "{codes:?}");
        let record = loaded.record.as_ref().unwrap();
        // Every sub-issue is under the root, at any depth.
        let root = record.find_issue("i0").unwrap();
        let (all, _) = count(|| record.issue_with_descendants(root));
        assert_eq!(all.len(), n);
        // The deepest person speaks for the state at the top of the chain.
        let deepest = record.find_actor(&format!("p{}", n - 1)).unwrap();
        assert_eq!(record.actor(record.party_of(deepest)).id, "state");
    }
    let small = steps_of(1_000, chains, check);
    let large = steps_of(10_000, chains, check);
    assert_linear("chains", small, large);
}

#[test]
fn sub_issues_of_a_deep_chain_in_linear_steps() {
    let steps = |n: usize| {
        let loaded = load(chains(n));
        let record = loaded.record.expect("valid");
        let root = record.find_issue("i0").unwrap();
        let (all, steps) = count(|| record.issue_with_descendants(root));
        assert_eq!(all, (0..n as u32).map(IssueIdx).collect::<Vec<_>>());
        steps
    };
    assert_linear("issue_with_descendants", steps(1_000), steps(10_000));
}

#[test]
fn misspelt_ids_get_suggestions_in_linear_steps() {
    fn check(loaded: &Loaded, n: usize) {
        let unknown: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "unknown-actor")
            .collect();
        assert_eq!(unknown.len(), n);
        let hint = unknown[7].hint.as_deref().unwrap_or("");
        assert_eq!(hint, "did you mean `actor-000007`?");
    }
    let small = steps_of(300, misspelt, check);
    let large = steps_of(3_000, misspelt, check);
    assert_linear("did you mean", small, large);
}

#[test]
fn a_huge_typo_costs_no_more_than_a_short_one() {
    let typo = |len: usize| {
        let mut t = misspelt(300);
        let wrong = "actor-".to_string() + &"x".repeat(len);
        t = t.replacen("actor: actr-000000", &format!("actor: {wrong}"), 1);
        let (loaded, steps) = count(|| load(t));
        assert!(loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("no actor has the id `actor-xxx")));
        steps
    };
    let (short, huge) = (typo(20), typo(200_000));
    assert!(
        huge <= short,
        "{short} steps with a 20-character typo, {huge} with 200,000"
    );
}
