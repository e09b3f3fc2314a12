//! The answers agree: on the bundled record and on a synthetic one, for every
//! pair of parties and every issue, `conflicts --pairs`, `overlaps --pairs`,
//! `conflicts`, `camps`, `coalitions`, `issue` and `bargaining` say the same
//! thing about who conflicts and who agrees.
//!
//! Each answer is read by one small function into plain sets of facts
//! ([`PairIssue`], [`Pair`]); the checks compare those sets and a failure names
//! the pair and the issue. Another answer (a map's edges) joins by adding one
//! reader that returns the same sets and one `same(…)` line in [`agree`].

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Two parties' ids, in id order.
type Pair = (String, String);
/// An issue id and a pair of parties.
type PairIssue = (String, Pair);

fn pair(a: &str, b: &str) -> Pair {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

fn json(record: &Path, command: &str, ids: &[&str], extra: &[&str]) -> Value {
    let out = support::command()
        .arg(command)
        .args(ids)
        .arg(record)
        .args(extra)
        .args(["--format", "json"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{command} {ids:?} {extra:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("a string, not {v}"))
}

fn rows<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is a list"))
}

/// Which way a camp or a claim's stance points: `Some(true)` support,
/// `Some(false)` oppose, `None` nowhere.
fn points(word: &str) -> Option<bool> {
    match word {
        "for" | "conditional" | "support" => Some(true),
        "against" | "oppose" => Some(false),
        _ => None,
    }
}

/// Each party's camp on each issue.
type Camps = BTreeMap<String, BTreeMap<String, String>>;

/// Pairs of parties whose camps on an issue point opposite ways / the same way.
fn sides(camps: &Camps) -> (BTreeSet<PairIssue>, BTreeSet<PairIssue>) {
    let (mut against, mut with) = (BTreeSet::new(), BTreeSet::new());
    for (issue, members) in camps {
        let pointing: Vec<(&String, bool)> = members
            .iter()
            .filter_map(|(p, c)| points(c).map(|d| (p, d)))
            .collect();
        for (i, (a, da)) in pointing.iter().enumerate() {
            for (b, db) in &pointing[i + 1..] {
                let set = if da == db { &mut with } else { &mut against };
                set.insert((issue.clone(), pair(a, b)));
            }
        }
    }
    (against, with)
}

// ---- one reader per answer -------------------------------------------------

/// `conflicts --pairs`: the (issue, pair) of every row resting on the two
/// parties' stances, and of every row resting only on `conflicts_with`.
fn conflict_pairs(record: &Path) -> (BTreeSet<PairIssue>, BTreeSet<PairIssue>) {
    let v = json(record, "conflicts", &[], &["--pairs"]);
    let (mut stances, mut named) = (BTreeSet::new(), BTreeSet::new());
    for row in rows(&v, "conflicts") {
        let key = (
            s(&row["issue"]).to_string(),
            pair(s(&row["a"]["id"]), s(&row["b"]["id"])),
        );
        if s(&row["reason"]) == "named in conflicts_with" {
            named.insert(key);
        } else {
            stances.insert(key);
        }
    }
    (stances, named)
}

/// `overlaps --pairs`: the (issue, pair) of rows on stances pointing the same
/// way, and of concessions answering a demand.
fn overlap_pairs(record: &Path) -> (BTreeSet<PairIssue>, BTreeSet<PairIssue>) {
    let v = json(record, "overlaps", &[], &["--pairs"]);
    let (mut stances, mut answers) = (BTreeSet::new(), BTreeSet::new());
    for row in rows(&v, "overlaps") {
        let key = (
            s(&row["issue"]).to_string(),
            pair(s(&row["a"]["id"]), s(&row["b"]["id"])),
        );
        if s(&row["kind"]) == "concession-answers-demand" {
            answers.insert(key);
        } else {
            stances.insert(key);
        }
    }
    (stances, answers)
}

/// `camps`: the grid, issue → party → camp; and the issues it covers.
fn camps_grid(record: &Path) -> (Camps, Vec<String>) {
    let v = json(record, "camps", &[], &[]);
    let mut camps = Camps::new();
    for party in rows(&v, "parties") {
        let id = s(&party["actor"]["id"]);
        for (issue, camp) in party["camps"].as_object().expect("camps by issue") {
            camps
                .entry(issue.clone())
                .or_default()
                .insert(id.to_string(), s(camp).to_string());
        }
    }
    let issues = rows(&v, "issues")
        .iter()
        .map(|i| s(i).to_string())
        .collect();
    (camps, issues)
}

/// `issue ID` for each issue: the camps it shows for that issue.
fn issue_camps(record: &Path, issues: &[String]) -> Camps {
    let mut camps = Camps::new();
    for id in issues {
        let v = json(record, "issue", &[id], &[]);
        let first = &rows(&v, "issues")[0];
        assert_eq!(s(&first["issue"]), id, "`issue {id}` answers {id} first");
        let members = camps.entry(id.clone()).or_default();
        for camp in ["for", "conditional", "against", "mixed", "ambiguous"] {
            for m in rows(&first["camps"], camp) {
                members.insert(s(&m["actor"]["id"]).to_string(), camp.to_string());
            }
        }
    }
    camps
}

/// `conflicts` (by issue): the issues it lists.
fn conflict_issues(record: &Path) -> BTreeSet<String> {
    let v = json(record, "conflicts", &[], &[]);
    rows(&v, "issues")
        .iter()
        .map(|i| s(&i["issue"]).to_string())
        .collect()
}

/// `coalitions`: pairs that conflict, pairs that agree (the links), and the
/// pairs inside each coalition.
struct Coalitions {
    conflict: BTreeSet<Pair>,
    agree: BTreeSet<Pair>,
    together: BTreeSet<Pair>,
    truncated: bool,
}

fn coalitions(record: &Path) -> Coalitions {
    let v = json(record, "coalitions", &[], &[]);
    let mut out = Coalitions {
        conflict: BTreeSet::new(),
        agree: BTreeSet::new(),
        together: BTreeSet::new(),
        truncated: v["truncated"].as_bool().expect("truncated is a bool"),
    };
    for l in rows(&v, "links") {
        let p = pair(s(&l["a"]["id"]), s(&l["b"]["id"]));
        if l["conflicts"].as_u64() > Some(0) {
            out.conflict.insert(p.clone());
        }
        if l["agreements"].as_u64() > Some(0) {
            out.agree.insert(p);
        }
    }
    for c in rows(&v, "coalitions") {
        let members: Vec<&str> = rows(c, "members").iter().map(|m| s(&m["id"])).collect();
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                out.together.insert(pair(a, b));
            }
        }
    }
    out
}

/// `bargaining`: blockers as (issue, demander–addressee), red lines as
/// (issue, party, direction), and the ids of open demands.
struct Bargaining {
    blockers: BTreeSet<PairIssue>,
    red_lines: BTreeSet<(String, String, bool)>,
    open: BTreeSet<String>,
    /// Partly answered demands: (issue, conceder–demander).
    answered: BTreeSet<PairIssue>,
}

fn bargaining(record: &Path) -> Bargaining {
    let v = json(record, "bargaining", &[], &[]);
    let mut out = Bargaining {
        blockers: BTreeSet::new(),
        red_lines: BTreeSet::new(),
        open: BTreeSet::new(),
        answered: BTreeSet::new(),
    };
    for b in rows(&v, "blockers") {
        out.blockers.insert((
            s(&b["demand"]["issue"]).to_string(),
            pair(s(&b["demand"]["actor"]), s(&b["addressee"]["id"])),
        ));
    }
    for r in rows(&v, "red_lines") {
        let party = s(&r["actor"]["id"]);
        for c in rows(r, "claims") {
            if let Some(d) = c["stance"].as_str().and_then(points) {
                out.red_lines
                    .insert((s(&c["issue"]).to_string(), party.to_string(), d));
            }
        }
    }
    for d in rows(&v, "open_demands") {
        assert_eq!(s(&d["demand"]["status"]), "open", "{d}");
        out.open.insert(s(&d["demand"]["id"]).to_string());
    }
    for a in rows(&v, "answered") {
        let demand = &a["demand"];
        if s(&demand["status"]) != "open" {
            continue;
        }
        for c in rows(a, "concessions") {
            if s(&c["actor"]) != s(&demand["actor"]) {
                out.answered.insert((
                    s(&demand["issue"]).to_string(),
                    pair(s(&c["actor"]), s(&demand["actor"])),
                ));
            }
        }
    }
    out
}

/// Ids of the demands in `conflicts --pairs` and `overlaps --pairs` rows.
fn demands_in_rows(record: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (command, key) in [("conflicts", "conflicts"), ("overlaps", "overlaps")] {
        let v = json(record, command, &[], &["--pairs"]);
        for row in rows(&v, key) {
            for side in ["claim_a", "claim_b"] {
                if s(&row[side]["kind"]) == "demand" {
                    out.insert(s(&row[side]["id"]).to_string());
                }
            }
        }
    }
    out
}

// ---- the checks ------------------------------------------------------------

/// Two answers hold the same facts; a failure names each fact one says and
/// the other does not.
fn same<T: Ord + std::fmt::Debug>(
    what: &str,
    (a, xs): (&str, &BTreeSet<T>),
    (b, ys): (&str, &BTreeSet<T>),
) {
    let only_a: Vec<&T> = xs.difference(ys).collect();
    let only_b: Vec<&T> = ys.difference(xs).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: {a} and {b} disagree\n  only in {a}: {only_a:?}\n  only in {b}: {only_b:?}"
    );
}

/// Everything `xs` says is in `ys`.
fn within<T: Ord + std::fmt::Debug>(
    what: &str,
    (a, xs): (&str, &BTreeSet<T>),
    (b, ys): (&str, &BTreeSet<T>),
) {
    let missing: Vec<&T> = xs.difference(ys).collect();
    assert!(
        missing.is_empty(),
        "{what}: in {a} but not in {b}: {missing:?}"
    );
}

fn pairs_of(set: &BTreeSet<PairIssue>) -> BTreeSet<Pair> {
    set.iter().map(|(_, p)| p.clone()).collect()
}

fn agree(record: &Path) {
    let (grid, issues) = camps_grid(record);
    let by_issue = issue_camps(record, &issues);
    assert_eq!(
        grid.keys().collect::<Vec<_>>(),
        issues.iter().collect::<Vec<_>>(),
        "`camps` lists the issues it has camps on"
    );
    for (issue, members) in &grid {
        let shown = &by_issue[issue];
        for (party, camp) in members {
            assert_eq!(
                shown.get(party),
                Some(camp),
                "{party} on {issue}: `camps` says {camp}, `issue {issue}` says {:?}",
                shown.get(party)
            );
        }
        assert_eq!(
            shown.len(),
            members.len(),
            "camps on {issue}: {shown:?} vs {members:?}"
        );
    }
    let (against, with) = sides(&by_issue);
    assert!(
        !against.is_empty() && !with.is_empty(),
        "the record has conflicts and agreements to compare"
    );

    let (conflict_rows, named) = conflict_pairs(record);
    same(
        "conflicting stances (issue, pair)",
        ("`conflicts --pairs`", &conflict_rows),
        ("the camps of `issue`", &against),
    );
    let (overlap_rows, answers) = overlap_pairs(record);
    same(
        "agreeing stances (issue, pair)",
        ("`overlaps --pairs`", &overlap_rows),
        ("the camps of `issue`", &with),
    );

    let in_conflict: BTreeSet<String> = against.iter().map(|(i, _)| i.clone()).collect();
    same(
        "issues in conflict",
        ("`conflicts`", &conflict_issues(record)),
        ("the camps of `issue`", &in_conflict),
    );

    let c = coalitions(record);
    let conflicting: BTreeSet<Pair> = pairs_of(&conflict_rows)
        .union(&pairs_of(&named))
        .cloned()
        .collect();
    same(
        "pairs in conflict",
        ("`coalitions` links", &c.conflict),
        ("`conflicts --pairs`", &conflicting),
    );
    let agreeing: BTreeSet<Pair> = pairs_of(&overlap_rows)
        .union(&pairs_of(&answers))
        .cloned()
        .collect();
    same(
        "pairs in agreement",
        ("`coalitions` links", &c.agree),
        ("`overlaps --pairs`", &agreeing),
    );
    let friendly: BTreeSet<Pair> = agreeing.difference(&conflicting).cloned().collect();
    within(
        "pairs in one coalition agree and never conflict",
        ("`coalitions`", &c.together),
        ("`overlaps --pairs` less `conflicts --pairs`", &friendly),
    );
    if !c.truncated {
        within(
            "pairs that agree and never conflict share a coalition",
            ("`overlaps --pairs` less `conflicts --pairs`", &friendly),
            ("`coalitions`", &c.together),
        );
    }

    let b = bargaining(record);
    within(
        "a blocker is a conflict",
        ("`bargaining` blockers", &b.blockers),
        (
            "`conflicts --pairs`",
            &conflict_rows.union(&named).cloned().collect(),
        ),
    );
    within(
        "a partly answered open demand is an agreement",
        ("`bargaining` answered", &b.answered),
        ("`overlaps --pairs` answers", &answers),
    );
    let camp_of = |issue: &str, party: &str| {
        by_issue
            .get(issue)
            .and_then(|m| m.get(party))
            .and_then(|c| points(c))
    };
    for (issue, party, d) in &b.red_lines {
        assert_eq!(
            camp_of(issue, party),
            Some(*d),
            "{party}'s red line on {issue} points {} but `issue {issue}` puts {party} in {:?}",
            if *d { "for" } else { "against" },
            by_issue.get(issue).and_then(|m| m.get(party))
        );
    }
    within(
        "demands in conflict or agreement are open",
        (
            "`conflicts --pairs` and `overlaps --pairs`",
            &demands_in_rows(record),
        ),
        ("`bargaining` open demands", &b.open),
    );
}

#[test]
fn the_answers_agree_on_the_bundled_record() {
    agree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
}

#[test]
fn the_answers_agree_on_the_iran_example() {
    agree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/iran-2015"));
}

#[test]
fn the_answers_agree_on_a_synthetic_record() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = support::command()
        .args(["synth", "--quiet", "--seed", "14", "--files", "3"])
        .args(["--actors", "40", "--issues", "12", "--positions", "400"])
        .args(["--demands", "80", "--concessions", "40", "-o"])
        .arg(dir.path())
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "synth failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    agree(dir.path());
}
