//! `stancemap whatif`: each kind of move on a small record written for it, each
//! kind of change it reports, located errors for impossible moves, and the
//! record's files left byte for byte as they were.

mod support;

use serde_json::Value;
use std::fs;
use std::path::Path;
use support::sm;

const ACTORS: &str = "\
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: state}
  - {id: gamma, name: Gamma, kind: state}
  - {id: union, name: The Union, kind: bloc}
issues:
  - {id: treaty, title: The treaty is signed, category: process}
  - {id: aid, title: Aid is sent, category: economy}
";

const CLAIMS: &str = "\
positions:
  - {id: p-alpha, actor: alpha, issue: treaty, stance: support, strength: red-line, summary: Alpha wants the treaty., date: 2025-01-10}
  - {id: p-beta, actor: beta, issue: treaty, stance: oppose, strength: firm, summary: Beta rejects the treaty., date: 2025-01-10}
  - {id: p-gamma, actor: gamma, issue: treaty, stance: support, strength: flexible, summary: Gamma likes the treaty., date: 2025-01-10}
  - {id: p-union, actor: union, issue: aid, stance: support, strength: firm, summary: The Union sends aid., date: 2025-01-10}
  - {id: p-beta-aid, actor: beta, issue: aid, stance: oppose, strength: firm, summary: Beta is against aid., date: 2025-01-10}
demands:
  - {id: d-sign, by: alpha, of: [beta], issue: treaty, stance: support, text: Beta signs the treaty., priority: core, status: open, date: 2025-01-12}
";

fn record() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("actors.yaml"), ACTORS).unwrap();
    fs::write(dir.path().join("claims.yaml"), CLAIMS).unwrap();
    dir
}

fn scenario(dir: &Path, name: &str, moves: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, format!("date: 2025-02-01\nmoves:\n{moves}")).unwrap();
    path.display().to_string()
}

/// Plays one scenario and returns its JSON answer.
fn play(moves: &str) -> Value {
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(scen.path(), "s.yaml", moves);
    let out = sm([
        "whatif",
        &s,
        rec.path().to_str().unwrap(),
        "--format",
        "json",
    ])
    .run()
    .success()
    .stdout();
    let all: Value = serde_json::from_str(&out).unwrap();
    all[0].clone()
}

fn pairs(rows: &Value) -> Vec<(String, String, String, String)> {
    let mut v: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["issue"].as_str().unwrap().to_string(),
                c["a"]["id"].as_str().unwrap().to_string(),
                c["b"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn camp_changes(w: &Value) -> Vec<(String, String, String, String)> {
    w["camp_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("issue"), s("party"), s("before"), s("after"))
        })
        .collect()
}

fn t(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), d.into())
}

#[test]
fn json_has_the_documented_top_level_keys() {
    let w = play("  - meet: d-sign\n");
    for key in [
        "resolved",
        "created",
        "camp_changes",
        "answered",
        "red_lines_crossed",
        "coalitions",
        "bargaining",
    ] {
        assert!(w.get(key).is_some(), "missing key {key} in {w}");
    }
}

#[test]
fn shift_resolves_conflicts_moves_a_camp_creates_a_coalition() {
    let w = play("  - shift: {actor: beta, issue: treaty, stance: support}\n");
    let resolved = pairs(&w["resolved"]);
    assert!(
        resolved.contains(&t("opposed-positions", "treaty", "alpha", "beta")),
        "{resolved:?}"
    );
    assert!(
        resolved.contains(&t("opposed-positions", "treaty", "beta", "gamma")),
        "{resolved:?}"
    );
    assert!(
        resolved.contains(&t("demand-vs-position", "treaty", "alpha", "beta")),
        "{resolved:?}"
    );
    assert!(pairs(&w["created"]).is_empty(), "{}", w["created"]);
    assert_eq!(
        camp_changes(&w),
        vec![t("treaty", "beta", "against", "for")]
    );
    let formed: Vec<Vec<String>> =
        serde_json::from_value(w["coalitions"]["formed"].clone()).unwrap();
    assert!(
        formed
            .iter()
            .any(|c| c.contains(&"alpha".into()) && c.contains(&"beta".into())),
        "{formed:?}"
    );
}

#[test]
fn a_move_against_a_red_line_is_flagged_with_whose_it_is() {
    let w = play("  - shift: {actor: alpha, issue: treaty, stance: oppose}\n");
    let crossed = w["red_lines_crossed"].as_array().unwrap();
    assert_eq!(crossed.len(), 1, "{crossed:?}");
    assert_eq!(crossed[0]["whose"], "alpha");
    assert_eq!(crossed[0]["own"], true);
    // Alpha now opposes what Gamma supports: a conflict that was not there.
    assert!(pairs(&w["created"]).contains(&t("opposed-positions", "treaty", "alpha", "gamma")));
}

#[test]
fn meeting_a_demand_takes_it_out_of_the_live_answers() {
    let w = play("  - meet: d-sign\n");
    assert!(pairs(&w["resolved"]).contains(&t("demand-vs-position", "treaty", "alpha", "beta")));
    let newly = w["answered"]["newly"].as_array().unwrap();
    assert_eq!(newly.len(), 1);
    assert_eq!(newly[0]["id"], "d-sign");
    assert_eq!(w["bargaining"]["before"]["open_demands"], 1);
    assert_eq!(w["bargaining"]["after"]["open_demands"], 0);
}

#[test]
fn rejecting_or_dropping_a_demand_ends_it_without_answering_it() {
    for verb in ["reject", "drop"] {
        let w = play(&format!("  - {verb}: d-sign\n"));
        assert!(
            w["answered"]["newly"].as_array().unwrap().is_empty(),
            "{verb}"
        );
        assert_eq!(w["bargaining"]["after"]["open_demands"], 0, "{verb}");
        assert!(pairs(&w["resolved"]).contains(&t(
            "demand-vs-position",
            "treaty",
            "alpha",
            "beta"
        )));
    }
}

#[test]
fn a_concession_answering_a_demand_answers_it() {
    let w = play("  - concede: {by: beta, issue: treaty, stance: support, answers: [d-sign]}\n");
    let newly = w["answered"]["newly"].as_array().unwrap();
    assert_eq!(newly.len(), 1, "{newly:?}");
    assert_eq!(newly[0]["id"], "d-sign");
}

#[test]
fn joining_a_bloc_puts_a_silent_member_in_its_camp_and_leaving_takes_it_out() {
    let w = play("  - join: {actor: gamma, bloc: union}\n");
    assert_eq!(camp_changes(&w), vec![t("aid", "gamma", "none", "for")]);
    assert!(pairs(&w["created"]).contains(&t("opposed-positions", "aid", "beta", "gamma")));
    // Leaving: a member of the bloc in the record leaves it.
    let rec = record();
    let member = ACTORS.replace(
        "{id: gamma, name: Gamma, kind: state}",
        "{id: gamma, name: Gamma, kind: state, member_of: [union]}",
    );
    fs::write(rec.path().join("actors.yaml"), member).unwrap();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(
        scen.path(),
        "leave.yaml",
        "  - leave: {actor: gamma, bloc: union}\n",
    );
    let out = sm([
        "whatif",
        &s,
        rec.path().to_str().unwrap(),
        "--format",
        "json",
    ])
    .run()
    .success()
    .stdout();
    let w: Value = serde_json::from_str::<Value>(&out).unwrap()[0].clone();
    assert_eq!(camp_changes(&w), vec![t("aid", "gamma", "for", "none")]);
    assert!(pairs(&w["resolved"]).contains(&t("opposed-positions", "aid", "beta", "gamma")));
}

#[test]
fn adding_a_demand_and_removing_a_position() {
    let w = play("  - add: {demands: [{id: d-no, by: gamma, of: [alpha], issue: aid, stance: oppose, text: Alpha sends no aid.}]}\n");
    assert_eq!(camp_changes(&w), vec![t("aid", "gamma", "none", "against")]);
    let w = play("  - remove: p-beta\n");
    assert!(
        camp_changes(&w).contains(&t("treaty", "beta", "against", "none")),
        "{}",
        w["camp_changes"]
    );
    assert!(pairs(&w["resolved"]).contains(&t("opposed-positions", "treaty", "alpha", "beta")));
}

#[test]
fn impossible_moves_and_unknown_ids_are_located_errors() {
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(
        scen.path(),
        "bad.yaml",
        "  - meet: d-sgn\n  - concede: {by: alpha, issue: treaty, stance: support, answers: [d-sign]}\n  - join: {actor: gamma, bloc: unoin}\n",
    );
    let done = sm(["whatif", &s, rec.path().to_str().unwrap()])
        .run()
        .code(1);
    let err = done.stderr();
    assert!(
        err.contains("unknown-demand") && err.contains("did you mean `d-sign`"),
        "{err}"
    );
    assert!(err.contains("bad.yaml:3:11"), "{err}");
    assert!(err.contains("self-concession"), "{err}");
    assert!(
        err.contains("unknown-actor") && err.contains("did you mean `union`"),
        "{err}"
    );
    // A demand already ended cannot be met again.
    let once = scenario(scen.path(), "ended.yaml", "  - meet: d-sign\n");
    sm(["whatif", &once, rec.path().to_str().unwrap()])
        .run()
        .success();
    let met = CLAIMS.replace("status: open", "status: met");
    fs::write(rec.path().join("claims.yaml"), met).unwrap();
    sm(["whatif", &once, rec.path().to_str().unwrap()])
        .run()
        .code(1)
        .stderr_has("already met");
}

#[test]
fn the_record_files_are_byte_identical_after_any_whatif() {
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let before: Vec<Vec<u8>> = ["actors.yaml", "claims.yaml"]
        .iter()
        .map(|f| fs::read(rec.path().join(f)).unwrap())
        .collect();
    let names: Vec<u8> = fs::read_dir(rec.path())
        .unwrap()
        .count()
        .to_le_bytes()
        .to_vec();
    let a = scenario(
        scen.path(),
        "a.yaml",
        "  - shift: {actor: beta, issue: treaty, stance: support}\n  - remove: p-gamma\n",
    );
    let b = scenario(
        scen.path(),
        "b.yaml",
        "  - add: {positions: [{actor: gamma, issue: aid, stance: oppose}]}\n  - meet: d-sign\n",
    );
    let out = sm(["whatif", &a, &b, rec.path().to_str().unwrap()])
        .run()
        .success()
        .stdout();
    assert!(out.contains("Scenarios side by side"), "{out}");
    let after: Vec<Vec<u8>> = ["actors.yaml", "claims.yaml"]
        .iter()
        .map(|f| fs::read(rec.path().join(f)).unwrap())
        .collect();
    assert_eq!(before, after);
    assert_eq!(
        names,
        fs::read_dir(rec.path())
            .unwrap()
            .count()
            .to_le_bytes()
            .to_vec()
    );
}

#[test]
fn the_bundled_scenarios_play_on_the_bundled_record() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = sm([
        "whatif",
        "data/scenarios/ceasefire-along-the-line.yaml",
        "data/scenarios/phased-sanctions-relief.yaml",
        "data",
        "--format",
        "json",
    ])
    .current_dir(root)
    .run()
    .success()
    .stdout();
    let all: Value = serde_json::from_str(&out).unwrap();
    // Dropping Ukraine's "no land" demand ends live conflicts over territory.
    assert!(!all[0]["resolved"].as_array().unwrap().is_empty());
    // The US concession answers Russia's demand to lift sanctions.
    assert!(all[1]["answered"]["newly"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == "d-russia-lift-sanctions"));
}

/// A record written for the `--suggest` ranking test. Beta stands in two live
/// conflicts: on the treaty (its red line, against Alpha's red line and
/// Gamma; Eps stands with it) and on aid (against Delta; its own demand d-aid
/// stands behind it). Alpha asks Beta to sign (d-sign).
const SUGGEST_RECORD: &str = "\
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: state}
  - {id: delta, name: Delta, kind: state}
  - {id: eps, name: Eps, kind: state}
  - {id: gamma, name: Gamma, kind: state}
issues:
  - {id: aid, title: Aid is sent, category: economy}
  - {id: treaty, title: The treaty is signed, category: process}
positions:
  - {id: p-a-treaty, actor: alpha, issue: treaty, stance: support, strength: red-line, summary: Alpha wants the treaty., date: 2025-01-10}
  - {id: p-b-treaty, actor: beta, issue: treaty, stance: oppose, strength: red-line, summary: Beta will never sign., date: 2025-01-10}
  - {id: p-e-treaty, actor: eps, issue: treaty, stance: oppose, strength: flexible, summary: Eps doubts the treaty., date: 2025-01-10}
  - {id: p-g-treaty, actor: gamma, issue: treaty, stance: support, strength: flexible, summary: Gamma likes the treaty., date: 2025-01-10}
  - {id: p-b-aid, actor: beta, issue: aid, stance: oppose, strength: flexible, summary: Beta is against aid., date: 2025-01-10}
  - {id: p-d-aid, actor: delta, issue: aid, stance: support, strength: firm, summary: Delta sends aid., date: 2025-01-10}
demands:
  - {id: d-sign, by: alpha, of: [beta], issue: treaty, stance: support, text: Beta signs the treaty., priority: core, status: open, date: 2025-01-12}
  - {id: d-aid, by: beta, of: [delta], issue: aid, stance: oppose, text: Delta stops the aid., priority: core, status: open, date: 2025-01-12}
";

fn suggest(extra: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("record.yaml"), SUGGEST_RECORD).unwrap();
    let mut args = vec![
        "whatif",
        "--suggest",
        dir.path().to_str().unwrap(),
        "--by",
        "beta",
        "--as-of",
        "2025-02-01",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = sm(args).run().success().stdout();
    serde_json::from_str(&out).unwrap()
}

/// Each row as (score, the moves' scenario lines).
fn ranking(answer: &Value) -> Vec<(i64, Vec<String>)> {
    answer["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let moves = s["moves"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["scenario"].as_str().unwrap().to_string())
                .collect();
            (s["score"].as_i64().unwrap(), moves)
        })
        .collect()
}

/// The ranking worked out by hand (moves dated 2025-02-01, the as-of date;
/// score = conflicts resolved − created − red lines crossed; ties: more demands
/// answered, fewer moves, then the scenario lines in text order):
/// - aid, step back (no side): ends beta–delta; Beta has no red line on aid → 1.
/// - aid, give way (conditional): ends beta–delta, nobody else opposes aid → 1.
/// - treaty, step back: ends alpha–beta and beta–gamma (2), creates none, but
///   gives up Beta's own red line p-b-treaty (1) → 1.
/// - aid, drop d-aid: Beta's older position still opposes aid → 0.
/// - treaty, give way: ends alpha–beta and beta–gamma (2), creates beta–eps
///   (1), crosses p-b-treaty (1) → 0.
/// - treaty, concede (answering d-sign): concessions do not move stances (0),
///   crosses p-b-treaty → −1, but answers d-sign, so before the meet.
/// - treaty, meet d-sign: Alpha's position still wants the treaty (0), crosses
///   p-b-treaty → −1.
#[test]
fn suggest_ranks_single_moves_as_worked_out_by_hand() {
    let answer = suggest(&["--max-moves", "1", "--top", "20"]);
    assert_eq!(answer["by"], "beta");
    assert_eq!(answer["date"], "2025-02-01");
    assert_eq!(answer["singles_tried"], 7);
    assert_eq!(answer["pairs_tried"], 0);
    let shift = |issue: &str, stance: &str| {
        vec![format!(
            "- shift: {{actor: beta, issue: {issue}, stance: {stance}, strength: flexible}}"
        )]
    };
    let expected = vec![
        (1, shift("aid", "ambiguous")),
        (1, shift("aid", "conditional")),
        (1, shift("treaty", "ambiguous")),
        (0, vec!["- drop: d-aid".to_string()]),
        (0, shift("treaty", "conditional")),
        (
            -1,
            vec!["- concede: {by: beta, issue: treaty, stance: support, answers: [d-sign]}".into()],
        ),
        (-1, vec!["- meet: d-sign".to_string()]),
    ];
    assert_eq!(ranking(&answer), expected);
    // The reasoning names the conflicts, the red line and the answered demand.
    let rows = answer["suggestions"].as_array().unwrap();
    let give_way = &rows[4];
    assert_eq!(
        pairs_of(&give_way["resolved"]),
        ["treaty alpha beta", "treaty beta gamma"]
    );
    assert_eq!(pairs_of(&give_way["created"]), ["treaty beta eps"]);
    assert_eq!(
        give_way["red_lines_crossed"][0]["red_line"]["id"],
        "p-b-treaty"
    );
    let why = give_way["reasoning"].as_str().unwrap();
    assert!(
        why.contains("alpha vs beta on treaty (alpha: p-a-treaty"),
        "{why}"
    );
    assert!(
        why.contains("crosses 1 red line(s): beta's p-b-treaty"),
        "{why}"
    );
    assert_eq!(rows[5]["answered"][0]["id"], "d-sign");
    assert!(rows[5]["reasoning"]
        .as_str()
        .unwrap()
        .contains("answers d-sign"));
}

fn pairs_of(rows: &Value) -> Vec<String> {
    let mut v: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut ab = [
                c["a"]["id"].as_str().unwrap(),
                c["b"]["id"].as_str().unwrap(),
            ];
            ab.sort();
            format!("{} {} {}", c["issue"].as_str().unwrap(), ab[0], ab[1])
        })
        .collect();
    v.sort();
    v
}

/// Pairs: moves on different issue families add up (step back on aid and on the
/// treaty: 1 + 1); two shifts of Beta on one issue are never paired.
#[test]
fn suggest_pairs_two_moves_of_the_party_and_ranks_them_first_when_better() {
    let answer = suggest(&["--top", "2"]);
    assert!(answer["pairs_tried"].as_u64().unwrap() > 0);
    let shift = |issue: &str, stance: &str| {
        format!("- shift: {{actor: beta, issue: {issue}, stance: {stance}, strength: flexible}}")
    };
    assert_eq!(
        ranking(&answer),
        vec![
            (
                2,
                vec![shift("aid", "ambiguous"), shift("treaty", "ambiguous")]
            ),
            (
                2,
                vec![shift("aid", "conditional"), shift("treaty", "ambiguous")]
            ),
        ]
    );
}

/// A conflict row's identity: its issue, parties and claims.
fn row_key(c: &Value) -> (String, String) {
    let claim = |k: &str| {
        let c = &c[k];
        c["id"]
            .as_str()
            .unwrap_or(c["text"].as_str().unwrap())
            .to_string()
    };
    let mut ab = [
        c["a"]["id"].as_str().unwrap(),
        c["b"]["id"].as_str().unwrap(),
    ];
    ab.sort();
    let pair = format!("{} {} {}", c["issue"].as_str().unwrap(), ab[0], ab[1]);
    (pair, format!("{}|{}", claim("claim_a"), claim("claim_b")))
}

/// The search reads each try on its issue family alone; the same moves played
/// as a scenario on the whole record must end and start the same conflicts. A
/// pair of parties is in conflict while any conflict row between them stands:
/// the rows before (`conflicts --pairs`), less the rows `whatif` says are
/// resolved, plus those it says are created.
#[test]
fn suggested_moves_played_as_a_scenario_resolve_the_same_conflicts() {
    let answer = suggest(&["--top", "40"]);
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("record.yaml"), SUGGEST_RECORD).unwrap();
    let rec = dir.path().to_str().unwrap();
    let out = sm([
        "conflicts",
        rec,
        "--pairs",
        "--as-of",
        "2025-02-01",
        "--format",
        "json",
    ])
    .run()
    .success()
    .stdout();
    let rows: Value = serde_json::from_str(&out).unwrap();
    let before: std::collections::BTreeSet<(String, String)> = rows["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(row_key)
        .collect();
    let pairs = |rows: &std::collections::BTreeSet<(String, String)>| {
        rows.iter()
            .map(|(p, _)| p.clone())
            .collect::<std::collections::BTreeSet<String>>()
    };
    let rows_of = |v: &Value| -> Vec<(String, String)> {
        v.as_array().unwrap().iter().map(row_key).collect()
    };
    assert!(answer["suggestions"].as_array().unwrap().len() > 7);
    for row in answer["suggestions"].as_array().unwrap() {
        let moves: String = row["moves"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| format!("  {}\n", m["scenario"].as_str().unwrap()))
            .collect();
        let scen = tempfile::tempdir().unwrap();
        let s = scenario(scen.path(), "s.yaml", &moves);
        let out = sm([
            "whatif",
            &s,
            rec,
            "--as-of",
            "2025-02-01",
            "--format",
            "json",
        ])
        .run()
        .success()
        .stdout();
        let w: Value = serde_json::from_str(&out).unwrap();
        let mut after = before.clone();
        for r in rows_of(&w[0]["resolved"]) {
            after.remove(&r);
        }
        after.extend(rows_of(&w[0]["created"]));
        let (was, now) = (pairs(&before), pairs(&after));
        let resolved: Vec<String> = was.difference(&now).cloned().collect();
        let created: Vec<String> = now.difference(&was).cloned().collect();
        assert_eq!(resolved, pairs_of(&row["resolved"]), "{moves}");
        assert_eq!(created, pairs_of(&row["created"]), "{moves}");
        assert_eq!(
            w[0]["red_lines_crossed"].as_array().unwrap().len(),
            row["red_lines_crossed"].as_array().unwrap().len(),
            "{moves}"
        );
    }
}

#[test]
fn suggest_takes_no_scenario_and_an_unknown_party_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("record.yaml"), SUGGEST_RECORD).unwrap();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(scen.path(), "s.yaml", "  - meet: d-sign\n");
    sm(["whatif", "--suggest", &s, dir.path().to_str().unwrap()])
        .run()
        .code(2)
        .stderr_has("--suggest searches moves itself");
    sm([
        "whatif",
        "--suggest",
        "--by",
        "betta",
        dir.path().to_str().unwrap(),
    ])
    .run()
    .code(2)
    .stderr_has("betta");
}

/// `render --scenario`: the conflicts map after the moves, a resolved conflict
/// drawn back grey and dashed with the issues it ended, a new one bold, and the
/// legend saying so; the record's files are not written.
#[test]
fn render_scenario_marks_resolved_conflicts_dashed_and_new_ones_bold() {
    let rec = record();
    let before: Vec<Vec<u8>> = ["actors.yaml", "claims.yaml"]
        .iter()
        .map(|f| fs::read(rec.path().join(f)).unwrap())
        .collect();
    let scen = tempfile::tempdir().unwrap();
    // Beta comes round on the treaty (ends alpha–beta and beta–gamma there);
    // Gamma turns against it (a new conflict with Alpha).
    let s = scenario(
        scen.path(),
        "turn.yaml",
        "  - shift: {actor: beta, issue: treaty, stance: support}\n  - shift: {actor: gamma, issue: treaty, stance: oppose}\n",
    );
    let dot = sm([
        "render",
        rec.path().to_str().unwrap(),
        "--map",
        "conflicts",
        "--scenario",
        &s,
    ])
    .run()
    .success()
    .stdout();
    let edge = |from: &str, to: &str, class: &str| {
        dot.lines().find(|l| {
            l.contains(&format!("\"actor_{from}\" -> \"actor_{to}\"")) && l.contains(class)
        })
    };
    let resolved = edge("alpha", "beta", "scenario-resolved").expect(&dot);
    assert!(resolved.contains("style=\"dashed\""), "{resolved}");
    assert!(
        resolved.contains("resolved: The treaty is signed"),
        "{resolved}"
    );
    let new = edge("alpha", "gamma", "scenario-new").expect(&dot);
    assert!(new.contains("style=\"bold\""), "{new}");
    // Beta still opposes aid against the Union: that conflict is left as it was.
    let kept = dot
        .lines()
        .find(|l| l.contains("\"actor_beta\" -> \"actor_union\""))
        .expect(&dot);
    assert!(!kept.contains("scenario-"), "{kept}");
    assert!(dot.contains("<B>Scenario turn</B>"), "{dot}");
    assert!(dot.contains("conflicts resolved by the moves (dashed, grey)"));
    assert!(dot.contains("new after the moves (bold)"));
    // Without --scenario the same map marks nothing.
    let plain = sm(["render", rec.path().to_str().unwrap(), "--map", "conflicts"])
        .run()
        .success()
        .stdout();
    assert!(!plain.contains("scenario-"));
    for (f, bytes) in ["actors.yaml", "claims.yaml"].iter().zip(before) {
        assert_eq!(fs::read(rec.path().join(f)).unwrap(), bytes, "{f} changed");
    }
}

/// `add: {concessions: […]}`: a concession written as in the record, played
/// like the record's own (an offered one answers, a withdrawn one does not),
/// and checked like it.
#[test]
fn adding_a_concession_answers_the_demand_it_names() {
    let w = play("  - add: {concessions: [{id: c-sign, by: beta, to: [alpha], issue: treaty, stance: support, answers: [d-sign], text: Beta offers to sign., status: offered}]}\n");
    let newly = w["answered"]["newly"].as_array().unwrap();
    assert_eq!(newly.len(), 1, "{newly:?}");
    assert_eq!(newly[0]["id"], "d-sign");
    assert_eq!(w["moves"][0]["do_"], "add concession c-sign by beta");
    // Toward support, against nobody's red line against it; Alpha's red line
    // points the same way, so none is crossed.
    assert_eq!(w["red_lines_crossed"].as_array().unwrap().len(), 0);
    // A withdrawn concession answers nothing.
    let w = play("  - add: {concessions: [{id: c-sign, by: beta, to: [alpha], issue: treaty, answers: [d-sign], text: Beta offered to sign., status: withdrawn}]}\n");
    assert!(w["answered"]["newly"].as_array().unwrap().is_empty());
    // Against a red line: Beta concedes opposition to Alpha, whose red line wants the treaty.
    let w = play("  - add: {concessions: [{id: c-no, by: beta, to: [alpha], issue: treaty, stance: oppose, text: Beta concedes nothing.}]}\n");
    let crossed = w["red_lines_crossed"].as_array().unwrap();
    assert_eq!(crossed.len(), 1, "{crossed:?}");
    assert_eq!(crossed[0]["whose"], "alpha");
}

#[test]
fn an_added_concession_is_checked_like_the_records_own() {
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(
        scen.path(),
        "bad.yaml",
        "  - add: {concessions: [{id: c-1, by: beta, to: [beta], issue: treaty, text: To itself.}]}\n  - add: {concessions: [{id: c-2, by: beta, to: [alpha], issue: treaty, answers: [d-sgn], text: Unknown demand.}]}\n  - add: {concessions: [{id: c-3, by: beta, issue: treaty, text: To nobody.}]}\n  - add: {concessions: [{id: c-4, by: beta, to: [alpha], issue: treaty, status: given, text: Bad status.}]}\n  - add: {concessions: [{id: c-5, by: alpha, to: [beta], issue: treaty, answers: [d-sign], text: Its own demand.}]}\n",
    );
    let err = sm(["whatif", &s, rec.path().to_str().unwrap()])
        .run()
        .code(1)
        .stderr();
    assert!(err.contains("self-concession"), "{err}");
    assert!(err.contains("bad.yaml:3:"), "{err}");
    assert!(
        err.contains("unknown-demand") && err.contains("did you mean `d-sign`"),
        "{err}"
    );
    assert!(err.contains("has no `to`"), "{err}");
    assert!(err.contains("`given` is not one of"), "{err}");
    assert!(err.contains("own demand"), "{err}");
    assert!(err.contains("invalid (5 error(s))"), "{err}");
    // An id the record's concessions already use is a duplicate.
    let with = format!(
        "{CLAIMS}concessions:\n  - {{id: c-old, by: beta, to: [alpha], issue: treaty, text: Earlier., status: made, date: 2025-01-20}}\n"
    );
    fs::write(rec.path().join("claims.yaml"), with).unwrap();
    let dup = scenario(
        scen.path(),
        "dup.yaml",
        "  - add: {concessions: [{id: c-old, by: beta, to: [alpha], issue: treaty, text: Again.}]}\n",
    );
    sm(["whatif", &dup, rec.path().to_str().unwrap()])
        .run()
        .code(1)
        .stderr_has("duplicate-id");
}

/// Same record, same answer, byte for byte (the search's order never leaks).
#[test]
fn suggest_output_is_byte_identical_across_runs() {
    let first = suggest(&["--top", "40"]);
    let again = suggest(&["--top", "40"]);
    assert_eq!(first.to_string(), again.to_string());
    // Every row names the sources of the claims it rests on.
    for row in first["suggestions"].as_array().unwrap() {
        for c in row["resolved"].as_array().unwrap() {
            for claim in c["claims_a"].as_array().unwrap() {
                assert!(claim["sources"].is_array(), "{claim}");
            }
        }
    }
}

/// A bad scenario given to `render` is a located error, and nothing is drawn.
#[test]
fn render_with_a_bad_scenario_is_a_located_error() {
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(scen.path(), "bad.yaml", "  - meet: d-sgn\n");
    let done = sm([
        "render",
        rec.path().to_str().unwrap(),
        "--map",
        "conflicts",
        "--scenario",
        &s,
    ])
    .run()
    .code(1);
    assert!(done.stdout().is_empty(), "{}", done.stdout());
    let err = done.stderr();
    assert!(
        err.contains("bad.yaml:3:11") && err.contains("did you mean `d-sign`"),
        "{err}"
    );
}

/// `add: {positions: […]}` takes the record's `id`, `conditions` and `date`; an
/// added demand takes `conflicts_with`, and the claim it names conflicts with it.
#[test]
fn added_claims_take_the_records_id_date_and_conflicts_with() {
    let w = play("  - add: {positions: [{id: p-gamma-aid, actor: gamma, issue: aid, stance: oppose, conditions: only after the treaty, date: 2025-01-20}]}\n  - add: {demands: [{id: d-first, by: gamma, of: [beta], issue: treaty, stance: support, text: Beta signs first., conflicts_with: [p-union]}]}\n");
    assert_eq!(
        w["moves"][0]["do_"],
        "add position p-gamma-aid of gamma on aid"
    );
    let created = w["created"].as_array().unwrap();
    // The added position, under its own id and date (not the move's 2025-02-01).
    let aid = created
        .iter()
        .find(|c| c["issue"] == "aid" && c["kind"] == "opposed-positions")
        .expect("gamma now opposes the Union on aid");
    assert_eq!(aid["claim_a"]["id"], "p-gamma-aid");
    assert_eq!(aid["claim_a"]["date"], "2025-01-20");
    // The Union's position on aid is on another issue than the demand: only
    // `conflicts_with` makes them conflict.
    let named = created
        .iter()
        .find(|c| c["reason"] == "named in conflicts_with")
        .expect("a conflict named by conflicts_with");
    assert_eq!(
        (&named["claim_a"]["id"], &named["claim_b"]["id"]),
        (&"d-first".into(), &"p-union".into())
    );
}

/// An added claim's id, date and `conflicts_with` are checked as the loader
/// checks the record's: every problem located, "did you mean" for a near miss.
#[test]
fn added_claims_ids_dates_and_conflicts_with_are_checked() {
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(
        scen.path(),
        "bad.yaml",
        "  - add: {positions: [{id: P Bad, actor: gamma, issue: aid, stance: oppose}]}
  - add: {positions: [{id: p-alpha, actor: gamma, issue: aid, stance: oppose}]}
  - add: {positions: [{id: d-sign, actor: gamma, issue: aid, stance: oppose}]}
  - add: {positions: [{id: p-new, actor: gamma, issue: aid, stance: oppose, date: 2025-13-01}]}
  - add: {demands: [{id: d-new, by: gamma, of: [beta], issue: aid, stance: oppose, text: No aid., conflicts_with: [p-alpah]}]}
  - add: {demands: [{id: d-new, by: gamma, of: [alpha], issue: aid, stance: oppose, text: Again.}]}
",
    );
    let err = sm(["whatif", &s, rec.path().to_str().unwrap()])
        .run()
        .code(1)
        .stderr();
    for (code, at) in [
        ("bad-id", "bad.yaml:3:28"),
        ("duplicate-id", "bad.yaml:4:28"),
        ("duplicate-id", "bad.yaml:5:28"),
        ("bad-date", "bad.yaml:6:83"),
        ("unknown-claim", "bad.yaml:7:116"),
        ("duplicate-id", "bad.yaml:8:26"),
    ] {
        let found = err
            .split("\n\n")
            .any(|block| block.contains(&format!("error[{code}]")) && block.contains(at));
        assert!(found, "no {code} at {at}: {err}");
    }
    assert!(err.contains("a position of the record already has the id `p-alpha`"));
    assert!(err.contains("a demand of the record already has the id `d-sign`"));
    assert!(err.contains("did you mean `p-alpha`"), "{err}");
    assert!(err.contains("a claim an earlier move added already has the id `d-new`"));
    assert!(err.contains("invalid (6 error(s))"), "{err}");
}

/// A record of three open demands, for moves that name claims after a removal
/// has renumbered the record.
const THREE_DEMANDS: &str = "\
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: state}
issues:
  - {id: treaty, title: The treaty is signed, category: process}
positions:
  - {id: p-alpha, actor: alpha, issue: treaty, stance: support, strength: firm, summary: Alpha wants it., date: 2025-01-10}
  - {id: p-beta, actor: beta, issue: treaty, stance: oppose, strength: firm, summary: Beta rejects it., date: 2025-01-10}
  - {id: p-beta-2, actor: beta, issue: treaty, stance: oppose, strength: firm, summary: Beta still rejects it., date: 2025-01-11}
demands:
  - {id: d1, by: alpha, of: [beta], issue: treaty, stance: support, text: One., priority: core, status: open, date: 2025-01-12}
  - {id: d2, by: alpha, of: [beta], issue: treaty, stance: support, text: Two., priority: core, status: open, date: 2025-01-12}
  - {id: d3, by: alpha, of: [beta], issue: treaty, stance: support, text: Three., priority: core, status: open, date: 2025-01-12}
concessions:
  - {id: c1, by: beta, to: [alpha], issue: treaty, text: One., status: made, date: 2025-01-13}
  - {id: c2, by: beta, to: [alpha], issue: treaty, text: Two., status: made, date: 2025-01-13}
";

/// Reads `moves` as a scenario on [`THREE_DEMANDS`]: the record after them,
/// or the problems' text.
fn played_on_three(moves: &str) -> Result<stancemap::model::Record, String> {
    use stancemap::load::{load_texts, Limits, SourceFiles};
    let loaded = load_texts(
        [("r.yaml".to_string(), THREE_DEMANDS.to_string())],
        &Limits::default(),
    );
    let record = loaded
        .record
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let mut files = SourceFiles::default();
    let text = format!("date: 2025-02-01\nmoves:\n{moves}");
    let s = stancemap::whatif::scenario::read(
        &record,
        &mut files,
        "s.yaml".into(),
        text,
        &Limits::default(),
    )
    .map_err(|d| format!("{d:?}"))?;
    Ok(stancemap::whatif::apply::play(
        &record,
        &s.moves,
        s.date.unwrap(),
    ))
}

fn statuses(r: &stancemap::model::Record) -> Vec<(String, &'static str)> {
    r.demands
        .iter()
        .map(|d| (d.id.clone(), d.status.as_str()))
        .collect()
}

#[test]
fn moves_after_a_removal_act_on_the_claim_they_name() {
    let s = |id: &str, st: &'static str| (id.to_string(), st);
    for (verb, status) in [("meet", "met"), ("reject", "rejected"), ("drop", "dropped")] {
        let after = played_on_three(&format!("  - remove: d1\n  - {verb}: d2\n")).unwrap();
        assert_eq!(
            statuses(&after),
            [s("d2", status), s("d3", "open")],
            "{verb}"
        );
    }
    // Removals one after another each take the claim they name.
    let after = played_on_three("  - remove: d1\n  - remove: d2\n  - remove: c1\n  - remove: c2\n  - remove: p-alpha\n  - remove: p-beta-2\n").unwrap();
    assert_eq!(statuses(&after), [s("d3", "open")]);
    assert!(after.concessions.is_empty());
    let left: Vec<_> = after.positions.iter().map(|p| p.id.clone()).collect();
    assert_eq!(left, [Some("p-beta".to_string())]);
    // A concession's answers too.
    for moves in [
        "  - remove: d1\n  - concede: {by: beta, issue: treaty, stance: support, answers: [d3]}\n",
        "  - remove: d2\n  - add: {concessions: [{id: c-new, by: beta, to: [alpha], issue: treaty, answers: [d3], text: Yes.}]}\n",
    ] {
        let after = played_on_three(moves).unwrap();
        let c = after.concessions.last().unwrap();
        let answered: Vec<&str> = c.answers.iter().map(|&d| after.demand(d).id.as_str()).collect();
        assert_eq!(answered, ["d3"], "{moves}");
    }
    // A shift replacing a same-day position renumbers positions; a later
    // removal still takes the one it names.
    let after = played_on_three(
        "  - add: {positions: [{actor: beta, issue: treaty, stance: support, date: 2025-01-10}]}\n  - remove: p-beta-2\n",
    )
    .unwrap();
    let left: Vec<_> = after.positions.iter().map(|p| p.id.clone()).collect();
    assert_eq!(
        left,
        [Some("p-alpha".to_string()), Some("whatif-1".to_string())]
    );
}

#[test]
fn a_claim_removed_or_ended_by_an_earlier_move_cannot_be_moved_again() {
    for moves in [
        "  - remove: d1\n  - meet: d1\n",
        "  - remove: d1\n  - remove: d1\n",
        "  - remove: d1\n  - concede: {by: beta, issue: treaty, stance: support, answers: [d1]}\n",
        "  - remove: p-beta\n  - add: {demands: [{id: d-new, by: alpha, of: [beta], issue: treaty, stance: support, text: New., conflicts_with: [p-beta]}]}\n",
    ] {
        let err = played_on_three(moves).unwrap_err();
        assert!(err.contains("removed by an earlier move"), "{moves}: {err}");
    }
    let err = played_on_three("  - meet: d1\n  - reject: d1\n").unwrap_err();
    assert!(err.contains("already met by an earlier move"), "{err}");
}

#[test]
fn the_map_after_moves_dated_later_says_the_moves_date() {
    // The record's latest claim is of 2025-01-12; the moves are played on 2025-02-01.
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(scen.path(), "later.yaml", "  - meet: d-sign\n");
    let record_dir = rec.path().to_str().unwrap();
    let map = |extra: &[&str]| {
        let mut args = vec!["render", record_dir, "--map", "conflicts"];
        args.extend_from_slice(extra);
        sm(args).run().success().stdout()
    };
    assert!(map(&[]).contains("as of 2025-01-12"));
    let after = map(&["--scenario", &s]);
    assert!(
        after.contains("as of 2025-02-01") && !after.contains("as of 2025-01-12"),
        "{after}"
    );
    // With an earlier as-of date the moves still show, as of their own date.
    let after = map(&["--scenario", &s, "--as-of", "2025-01-12"]);
    assert!(after.contains("as of 2025-02-01"), "{after}");
    if !support::require_dot() {
        return;
    }
    let page = scen.path().join("later.html");
    sm([
        "render",
        record_dir,
        "--map",
        "conflicts",
        "--scenario",
        &s,
        "-o",
        page.to_str().unwrap(),
    ])
    .run()
    .success();
    let html = fs::read_to_string(&page).unwrap();
    let start = html.find("id=\"data\">").unwrap() + "id=\"data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: Value = serde_json::from_str(&html[start..end]).unwrap();
    let last_date = |list: &Value| list.as_array().unwrap().last().unwrap()["date"].clone();
    assert_eq!(last_date(&data["snapshots"]), "2025-01-12");
    assert_eq!(last_date(&data["scenario"]["after"]), "2025-02-01");
}

#[test]
fn moves_dated_after_the_as_of_date_still_count() {
    // The moves are played on 2025-02-01, after --as-of: the state after them holds them.
    let rec = record();
    let scen = tempfile::tempdir().unwrap();
    let s = scenario(scen.path(), "later.yaml", "  - meet: d-sign\n");
    let out = sm([
        "whatif",
        &s,
        rec.path().to_str().unwrap(),
        "--as-of",
        "2025-01-12",
        "--format",
        "json",
    ])
    .run()
    .success()
    .stdout();
    let w = serde_json::from_str::<Value>(&out).unwrap()[0].clone();
    assert_eq!(w["answered"]["newly"][0]["id"], "d-sign", "{w}");
    assert_eq!(w["bargaining"]["before"]["open_demands"], 1);
    assert_eq!(w["bargaining"]["after"]["open_demands"], 0);
}
