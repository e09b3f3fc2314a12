//! Every diagnostic code, one small record each, through the real binary: the
//! code, the line and the words of the message (and hint) a reader relies on.
//! A code added to `diagnostic.rs` without a case here fails
//! `every_code_has_a_case`; one file with many mistakes gives them all in one run.

mod support;

use stancemap::diagnostic::Code;
use std::path::Path;

/// A valid record the cases add to: two states, a minister, two issues, a demand.
const BASE: &str = "\
actors:
  - {id: russia, name: Russia, kind: state, sources: [{doc: d.txt, quote: q}]}
  - {id: ukraine, name: Ukraine, kind: state, sources: [{doc: d.txt, quote: q}]}
  - {id: lavrov, name: Lavrov, kind: person, member_of: [russia], sources: [{doc: d.txt, quote: q}]}
issues:
  - {id: land, title: Ukraine regains its land, category: territory}
  - {id: nato, title: Ukraine joins NATO, category: security}
demands:
  - {id: d1, by: russia, of: [ukraine], issue: land, stance: oppose, text: t, priority: core, status: open, date: 2025-02-10, sources: [{doc: d.txt, quote: q}]}
";

const SRC: &str = "sources: [{doc: d.txt, quote: q}]";

struct Case {
    code: &'static str,
    /// The case's file (`case.yaml`), written beside the base record.
    text: String,
    /// Extra files, and whether the base record is left out.
    extra: Vec<(&'static str, Vec<u8>)>,
    no_base: bool,
    args: Vec<&'static str>,
    /// The line in `case.yaml` (or the extra file) the diagnostic points at; 0: no place.
    line: usize,
    words: Vec<&'static str>,
}

fn case(code: &'static str, text: impl Into<String>, line: usize, words: &[&'static str]) -> Case {
    Case {
        code,
        text: text.into(),
        extra: Vec::new(),
        no_base: false,
        args: Vec::new(),
        line,
        words: words.to_vec(),
    }
}

fn position(actor: &str, stance: &str, date: &str) -> String {
    format!("  - {{actor: {actor}, issue: land, stance: {stance}, strength: firm, summary: s, date: {date}, {SRC}}}\n")
}

fn history(status: &str, changes: &str) -> String {
    format!("demands:\n  - id: d2\n    by: russia\n    of: [ukraine]\n    issue: land\n    stance: oppose\n    text: t\n    priority: core\n    status: {status}\n    date: 2025-02-10\n    {SRC}\n    history:\n{changes}")
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        case("yaml-syntax", "actors:\n  - id: x\n    name: [a, b\n", 3, &["unclosed bracket", "fix the YAML"]),
        case("duplicate-key", "issues:\n  - id: x\n    id: y\n", 3, &["`id`", "twice"]),
        case("unknown-field", format!("positions:\n  - actor: russia\n    issue: land\n    stnace: oppose\n    strength: firm\n    summary: s\n    date: 2025-02-18\n    {SRC}\n"), 4, &["`stnace`", "did you mean `stance`"]),
        case("wrong-type", "issues:\n  - id: [a, b]\n    title: t\n    category: security\n", 2, &["expected text", "a list"]),
        case("missing-field", "issues:\n  - id: x\n    category: security\n", 2, &["`title`"]),
        case("bad-value", position("russia", "supports", "2025-02-18").replace("  - ", "positions:\n  - "), 2, &["`supports`", "stance", "did you mean `support`"]),
        case("bad-id", "issues:\n  - {id: Big Issue, title: t, category: security}\n", 2, &["`Big Issue`", "slug", "big-issue"]),
        case("duplicate-id", "issues:\n  - {id: land, title: t, category: security}\n", 2, &["`land`", "twice"]),
        case("bad-date", format!("positions:\n{}", position("russia", "oppose", "2025-02-30")), 2, &["2025-02-30"]),
        case("unknown-actor", format!("positions:\n{}", position("rusia", "oppose", "2025-02-18")), 2, &["`rusia`", "did you mean `russia`"]),
        case("unknown-issue", format!("positions:\n  - {{actor: russia, issue: lnd, stance: oppose, strength: firm, summary: s, date: 2025-02-18, {SRC}}}\n"), 2, &["`lnd`", "did you mean `land`"]),
        case("unknown-demand", format!("concessions:\n  - {{id: c1, by: ukraine, to: [russia], issue: land, answers: [d9], text: t, status: offered, date: 2025-03-01, {SRC}}}\n"), 2, &["`d9`"]),
        case("unknown-event", format!("positions:\n  - {{actor: russia, issue: land, stance: oppose, strength: firm, summary: s, date: 2025-02-18, event: nope, {SRC}}}\n"), 2, &["`nope`", "event"]),
        case("unknown-claim", format!("demands:\n  - {{id: d2, by: ukraine, of: [russia], issue: land, stance: support, text: t, priority: core, status: open, date: 2025-02-10, conflicts_with: [d9], {SRC}}}\n"), 2, &["`d9`", "demand or position"]),
        case("self-demand", format!("demands:\n  - {{id: d2, by: russia, of: [russia], issue: land, stance: oppose, text: t, priority: core, status: open, date: 2025-02-10, {SRC}}}\n"), 2, &["addressed to the actor who makes it"]),
        case("self-concession", format!("concessions:\n  - {{id: c1, by: ukraine, to: [ukraine], issue: land, text: t, status: offered, date: 2025-03-01, {SRC}}}\n"), 2, &["given to the actor who makes it"]),
        case("duplicate-position", format!("positions:\n{}{}", position("russia", "oppose", "2025-02-18"), position("russia", "oppose", "2025-02-18")), 3, &["repeats"]),
        case("issue-cycle", "issues:\n  - {id: a, title: t, category: security, parent: b}\n  - {id: b, title: t, category: security, parent: a}\n", 2, &["own ancestor"]),
        case("membership-cycle", format!("actors:\n  - {{id: x, name: X, kind: state, member_of: [y], {SRC}}}\n  - {{id: y, name: Y, kind: bloc, member_of: [x], {SRC}}}\n"), 2, &["member of itself"]),
        case("missing-source", "actors:\n  - {id: x, name: X, kind: state}\n", 2, &["cites no source"]),
        case("ambiguous-name", format!("actors:\n  - {{id: x, name: Russia, kind: state, {SRC}}}\n"), 2, &["`russia`", "names actor"]),
        case("answer-mismatch", format!("concessions:\n  - {{id: c1, by: ukraine, to: [russia], issue: nato, answers: [d1], text: t, status: offered, date: 2025-03-01, {SRC}}}\n"), 2, &["cannot meet", "`d1`"]),
        case("history-out-of-order", history("met", &format!("      - {{date: 2025-03-01, status: rejected, {SRC}}}\n      - {{date: 2025-02-20, status: met, {SRC}}}\n")), 14, &["not later than", "oldest first"]),
        case("history-before-claim", history("rejected", &format!("      - {{date: 2025-02, status: rejected, {SRC}}}\n")), 13, &["before"]),
        case("history-status-mismatch", history("met", &format!("      - {{date: 2025-03-01, status: rejected, {SRC}}}\n")), 13, &["`met`"]),
        case("answer-before-demand", format!("concessions:\n  - {{id: c1, by: ukraine, to: [russia], issue: land, answers: [d1], text: t, status: offered, date: 2025-02-09, {SRC}}}\n"), 2, &["`d1`"]),
        case("polarity-without-parent", "issues:\n  - {id: crimea, title: Crimea stays Russian, category: territory, polarity: opposite}\n", 2, &["polarity", "parent"]),
        case("contradictory-claims", format!("positions:\n{}{}", position("russia", "oppose", "2025-02-18"), position("lavrov", "support", "2025-02-18")), 3, &["lavrov", "russia"]),
        case("quote-not-found", "actors:\n  - {id: x, name: X, kind: state, sources: [{doc: d.txt, quote: not in it}]}\n", 2, &["does not occur", "d.txt"]),
        case("missing-document", "actors:\n  - {id: x, name: X, kind: state, sources: [{doc: e.txt, quote: q}]}\n", 2, &["`e.txt`"]),
        case("empty-file", "# nothing yet\n", 1, &["no record sections"]),
        case("unsafe-document", "actors:\n  - {id: x, name: X, kind: state, sources: [{doc: \"e\\0.txt\", quote: q}]}\n", 2, &["NUL", "plain text file"]),
        case("confusable-names", format!("actors:\n  - {{id: x, name: \"Ru\u{455}\u{455}ia\", kind: state, {SRC}}}\n"), 2, &["looks like", "another script", "`russia`"]),
    ];
    let mut utf8 = case("invalid-utf8", "", 2, &["not valid UTF-8"]);
    utf8.extra
        .push(("bad.yaml", b"actors:\n  - id: \"x\xff\"\n".to_vec()));
    utf8.text = "# placeholder\nactors: []\n".into();
    cases.push(utf8);
    let mut limit = case(
        "limit-exceeded",
        format!(
            "positions:\n{}{}",
            position("russia", "oppose", "2025-02-18"),
            position("russia", "oppose", "2025-02-19")
        ),
        3,
        &["max-claims"],
    );
    limit.args = vec!["--max-claims", "2"];
    cases.push(limit);
    let mut empty = case("empty-record", "", 0, &["holds no YAML files"]);
    empty.no_base = true;
    cases.push(empty);
    let mut ignored = case("ignored-file", "actors: []\n", 1, &["not a YAML file"]);
    ignored.extra.push(("notes.txt", b"notes\n".to_vec()));
    cases.push(ignored);
    cases
}

fn run(case: &Case) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record");
    let sources = dir.path().join("sources");
    std::fs::create_dir_all(&record).unwrap();
    std::fs::create_dir_all(&sources).unwrap();
    std::fs::write(sources.join("d.txt"), "q, and some more text").unwrap();
    if !case.no_base {
        std::fs::write(record.join("base.yaml"), BASE).unwrap();
        std::fs::write(record.join("case.yaml"), &case.text).unwrap();
    }
    for (name, bytes) in &case.extra {
        std::fs::write(record.join(name), bytes).unwrap();
    }
    let out = support::command()
        .args(["check", "--no-cache", "--format", "json", "--sources"])
        .arg(&sources)
        .arg(&record)
        .args(&case.args)
        .output()
        .expect("the stancemap binary runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: no JSON report ({e}): {}",
            case.code,
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn every_code_is_produced_where_and_as_its_case_says() {
    let mut failures = Vec::new();
    for case in cases() {
        let diagnostics = run(&case);
        let found = diagnostics.iter().find(|d| {
            let line = d["line"].as_u64().unwrap_or(0) as usize;
            d["code"] == case.code && line == case.line
        });
        let Some(found) = found else {
            failures.push(format!(
                "{}: not at line {}; got {}",
                case.code,
                case.line,
                serde_json::to_string_pretty(&diagnostics).unwrap()
            ));
            continue;
        };
        let said = format!(
            "{} {}",
            found["message"].as_str().unwrap_or(""),
            found["hint"].as_str().unwrap_or("")
        );
        for word in &case.words {
            if !said.contains(word) {
                failures.push(format!("{}: `{word}` not in: {said}", case.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_has_a_case() {
    let covered: Vec<&str> = cases().iter().map(|c| c.code).collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !covered.contains(c))
        .collect();
    assert!(missing.is_empty(), "codes without a case: {missing:?}");
}

#[test]
fn one_file_with_many_mistakes_reports_them_all_in_one_run() {
    // Ten independent mistakes, several of which serde would stop at the first of.
    let text = "\
actors:
  - id: x
    nmae: X
    kind: state
    sources: [{doc: d.txt, quote: q}]
  - id: y
    name: [Y]
    kind: sate
    sources: [{doc: d.txt, quote: q, confidnce: high}]
issues:
  - id: Bad Id
    title: t
    category: security
    parnt: land
  - just a word
positions:
  - actor: russia
    issue: land
    stance: oppose
    strength: firm
    summary: null
    date: 2025-13-01
    sources: [{doc: d.txt, quote: q}]
    extra: 1
";
    let case = case("many", text, 0, &[]);
    let diagnostics = run(&case);
    let got: Vec<(String, u64)> = diagnostics
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| Path::new(f).ends_with("case.yaml"))
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(&str, u64)> = vec![
        ("missing-field", 2),  // no `name` (it is misspelt)
        ("unknown-field", 3),  // nmae
        ("wrong-type", 7),     // name: [Y]
        ("bad-value", 8),      // sate
        ("unknown-field", 9),  // confidnce
        ("bad-id", 11),        // Bad Id
        ("unknown-field", 14), // parnt
        ("wrong-type", 15),    // just a word
        ("missing-field", 21), // summary: null
        ("bad-date", 22),      // 2025-13-01
        ("unknown-field", 24), // extra
    ];
    let got_ref: Vec<(&str, u64)> = got.iter().map(|(c, l)| (c.as_str(), *l)).collect();
    assert_eq!(
        got_ref,
        expected,
        "{}",
        serde_json::to_string_pretty(&diagnostics).unwrap()
    );
    let null = diagnostics.iter().find(|d| d["line"] == 21).unwrap();
    assert!(
        null["message"].as_str().unwrap().contains("null: quote it"),
        "{null}"
    );
    let typo = diagnostics.iter().find(|d| d["line"] == 3).unwrap();
    assert!(
        typo["hint"]
            .as_str()
            .unwrap()
            .contains("did you mean `name`"),
        "{typo}"
    );
}
