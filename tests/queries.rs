//! CLI tests of the query commands, run on the real binary against the small
//! fixture record, with insta snapshots of each command's table and JSON.

mod support;

use std::process::Output;

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small");
/// Conditional and ambiguous stances, a change of stance, demand against demand,
/// a trade, and a minister against their own state.
const QUERIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/queries");

fn stancemap(args: &[&str]) -> Output {
    support::command()
        .args(args)
        .env("NO_COLOR", "1")
        // Wide enough that no cell is cut: the snapshots show every claim whole
        // (fitting tables to a width is tested in tests/analyst).
        .env("COLUMNS", "1000")
        .output()
        .expect("the binary runs")
}

/// `command IDS… RECORD EXTRA…`: `actor`, `issue` and `path` take ids before
/// the record path.
fn run_ids(command: &str, ids: &[&str], extra: &[&str]) -> Output {
    run_in(SMALL, command, ids, extra)
}

fn run_in(record: &str, command: &str, ids: &[&str], extra: &[&str]) -> Output {
    let mut args = vec![command];
    args.extend_from_slice(ids);
    args.push(record);
    args.extend_from_slice(extra);
    stancemap(&args)
}

/// Runs a command on the small record and returns its stdout; it must exit 0.
fn ok_ids(command: &str, ids: &[&str], extra: &[&str]) -> String {
    let out = run_ids(command, ids, extra);
    assert!(
        out.status.success(),
        "{command} {ids:?} {extra:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn ok(command: &str, extra: &[&str]) -> String {
    ok_ids(command, &[], extra)
}

fn json(command: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = extra.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&ok(command, &args)).expect("valid JSON")
}

/// Both output formats of one command, snapshotted under `name`.
fn snapshot_both(name: &str, command: &str, ids: &[&str], extra: &[&str]) {
    insta::assert_snapshot!(format!("{name}_table"), ok_ids(command, ids, extra));
    let mut args = extra.to_vec();
    args.extend(["--format", "json"]);
    insta::assert_snapshot!(format!("{name}_json"), ok_ids(command, ids, &args));
}

#[test]
fn conflicts_output() {
    snapshot_both("conflicts", "conflicts", &[], &["--pairs"]);
    snapshot_both("conflicts_camps", "conflicts", &[], &[]);
}

#[test]
fn overlaps_output() {
    snapshot_both("overlaps", "overlaps", &[], &["--pairs"]);
    snapshot_both("overlaps_camps", "overlaps", &[], &[]);
}

#[test]
fn camps_output() {
    snapshot_both("camps", "camps", &[], &[]);
}

#[test]
fn coalitions_output() {
    snapshot_both("coalitions", "coalitions", &[], &[]);
}

#[test]
fn coalitions_on_one_issue_show_the_camps() {
    snapshot_both(
        "coalitions_nato",
        "coalitions",
        &[],
        &["--issue", "ukraine-nato-membership"],
    );
}

#[test]
fn actor_profile_output() {
    snapshot_both("actor_russia", "actor", &["russia"], &[]);
}

#[test]
fn issue_output_includes_sub_issues() {
    snapshot_both("issue_territory", "issue", &["ukraine-territory"], &[]);
}

#[test]
fn bargaining_output() {
    snapshot_both("bargaining", "bargaining", &[], &[]);
}

#[test]
fn diff_output() {
    snapshot_both(
        "diff",
        "diff",
        &[],
        &["--from", "2025-02-01", "--to", "2025-02-28"],
    );
}

#[test]
fn diff_keeps_a_month_overlapping_its_window_and_marks_it_imprecise() {
    // Russia's `2025-02` position may fall between the 10th and the 20th.
    let v = json("diff", &["--from", "2025-02-10", "--to", "2025-02-20"]);
    let russia = v["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["actor"] == "russia" && c["issue"] == "occupied-territories-russian-control")
        .unwrap_or_else(|| panic!("the 2025-02 position is in the diff: {v}"));
    assert_eq!(russia["change"], "appeared");
    assert_eq!(russia["imprecise"], true);
    assert!(ok("diff", &["--from", "2025-02-10", "--to", "2025-02-20"])
        .contains("appeared (imprecise)"));
    // The day-dated NATO position of the 18th lies inside: precise.
    let nato = v["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["actor"] == "russia" && c["issue"] == "ukraine-nato-membership")
        .unwrap_or_else(|| panic!("the 2025-02-18 position is in the diff: {v}"));
    assert_eq!(nato["imprecise"], false);
    // After the month: nothing of it.
    let v = json("diff", &["--from", "2025-03-01", "--to", "2025-03-20"]);
    assert!(v["positions"].as_array().unwrap().is_empty(), "{v}");
}

#[test]
fn the_camps_grid_reads_on_80_columns_issues_as_rows() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let out = support::command()
        .args(["camps", data])
        .env("COLUMNS", "80")
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("── 1 of"),
        "a grid, not stacked blocks:\n{text}"
    );
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80: {line}"
        );
    }
    // Russia (a numbered column) supports keeping the occupied territories.
    let key = text.lines().find(|l| l.contains(" russia")).unwrap();
    let n: usize = key
        .split("   ")
        .find_map(|item| item.strip_suffix(" russia").and_then(|n| n.parse().ok()))
        .expect("russia is numbered in the key");
    let row = text
        .lines()
        .find(|l| l.starts_with("│ russia-keeps-occupied-territories "))
        .expect("one row per issue");
    let cells: Vec<&str> = row.split(['┆', '│']).map(str::trim).collect();
    assert_eq!(cells[1 + n], "+", "{row}");
}

#[test]
fn path_output() {
    snapshot_both(
        "path_lavrov_zelenskyy",
        "path",
        &["lavrov", "zelenskyy"],
        &[],
    );
}

#[test]
fn regression_russia_and_ukraine_conflict_on_territory() {
    let v = json("conflicts", &["--pairs", "--issue", "ukraine-territory"]);
    let rows = v["conflicts"].as_array().unwrap();
    assert!(rows.iter().any(|c| c["a"]["id"] == "russia"
        && c["b"]["id"] == "ukraine"
        && c["issue"] == "occupied-territories-russian-control"
        && c["severity"] == "critical"));
}

#[test]
fn regression_us_and_russia_overlap_on_nato_membership() {
    let v = json("overlaps", &["--pairs", "--actor", "US"]);
    let rows = v["overlaps"].as_array().unwrap();
    assert!(rows.iter().any(|o| o["kind"] == "same-stance"
        && o["issue"] == "ukraine-nato-membership"
        && o["a"]["id"] == "russia"
        && o["b"]["id"] == "united-states"));
}

#[test]
fn fail_on_conflict_exits_1_and_plain_conflicts_exit_0() {
    assert_eq!(stancemap(&["conflicts", SMALL]).status.code(), Some(0));
    let out = stancemap(&["conflicts", SMALL, "--fail-on-conflict"]);
    assert_eq!(out.status.code(), Some(1));
    // No conflicts before any claim is dated: --fail-on-conflict passes.
    let out = stancemap(&[
        "conflicts",
        SMALL,
        "--fail-on-conflict",
        "--as-of",
        "2025-01",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "No conflicts.\n");
}

#[test]
fn unknown_actor_is_a_usage_error_with_a_hint() {
    let out = stancemap(&["conflicts", SMALL, "--actor", "zelenskyi"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no actor is called `zelenskyi`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean"), "{stderr}");
    let out = run_ids("issue", &["ukraine-natto"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean"));
}

#[test]
fn an_alias_finds_the_actor_ignoring_case() {
    let out = run_ids("actor", &["ZELENSKY"], &["--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["actor"]["id"], "zelenskyy");
}

#[test]
fn as_of_drops_later_claims() {
    // On 2025-02-15 Russia's NATO position (2025-02-18) is not yet in the record.
    let v = json("overlaps", &["--pairs", "--as-of", "2025-02-15"]);
    let rows = v["overlaps"].as_array().unwrap();
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn people_keep_persons_apart() {
    let v = json(
        "conflicts",
        &["--pairs", "--people", "--issue", "ukraine-nato-membership"],
    );
    let rows = v["conflicts"].as_array().unwrap();
    assert!(rows
        .iter()
        .any(|c| c["b"]["id"] == "zelenskyy" || c["a"]["id"] == "zelenskyy"));
}

/// Runs a command on the `queries` fixture and returns its stdout; it must exit 0.
fn ok_queries(command: &str, extra: &[&str]) -> String {
    let out = run_in(QUERIES, command, &[], extra);
    assert!(
        out.status.success(),
        "{command} {extra:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn json_queries(command: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = extra.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&ok_queries(command, &args)).expect("valid JSON")
}

#[test]
fn every_kind_of_conflict() {
    insta::assert_snapshot!(
        "queries_conflicts_table",
        ok_queries("conflicts", &["--pairs"])
    );
    insta::assert_snapshot!(
        "queries_conflicts_json",
        ok_queries("conflicts", &["--pairs", "--format", "json"])
    );
    insta::assert_snapshot!(
        "queries_conflicts_camps_table",
        ok_queries("conflicts", &[])
    );
}

#[test]
fn ambiguous_stances_never_conflict() {
    let v = json_queries("conflicts", &["--pairs", "--actor", "gamma republic"]);
    // Gamma's only stance on border-north is ambiguous: no position row there.
    for c in v["conflicts"].as_array().unwrap() {
        let position_row = c["claim_a"]["kind"] == "position" || c["claim_b"]["kind"] == "position";
        assert!(!(c["issue"] == "border-north" && position_row), "{c}");
    }
}

#[test]
fn a_minister_against_their_own_state_is_no_conflict_unless_people() {
    let pair = |c: &serde_json::Value| {
        (
            c["a"]["id"].as_str().unwrap().to_string(),
            c["b"]["id"].as_str().unwrap().to_string(),
        )
    };
    let folded = json_queries("conflicts", &["--pairs", "--issue", "ceasefire"]);
    assert!(folded["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["a"]["id"] != "alpha-minister" && c["b"]["id"] != "alpha-minister"));
    // With --people the minister's (older) position stands on its own.
    let apart = json_queries(
        "conflicts",
        &["--pairs", "--issue", "ceasefire", "--people"],
    );
    let pairs: Vec<_> = apart["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(pair)
        .collect();
    assert!(
        pairs.contains(&("alpha".into(), "alpha-minister".into())),
        "{pairs:?}"
    );
}

#[test]
fn bargaining_finds_trades_answers_and_blockers() {
    insta::assert_snapshot!("queries_bargaining_table", ok_queries("bargaining", &[]));
    let v = json_queries("bargaining", &[]);
    assert_eq!(v["trades"].as_array().unwrap().len(), 1);
    assert_eq!(v["blockers"][0]["demand"]["id"], "d-alpha-border");
    assert_eq!(v["answered"][0]["answer"], "partial");
}

#[test]
fn diff_shows_a_change_of_stance() {
    insta::assert_snapshot!(
        "queries_diff_table",
        ok_queries("diff", &["--from", "2025-02-01", "--to", "2025-03-31"])
    );
    let v = json_queries("diff", &["--from", "2025-02-01", "--to", "2025-03-31"]);
    let beta = v["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["actor"] == "beta" && c["issue"] == "border-north")
        .unwrap_or_else(|| panic!("beta's change is in the diff: {v}"));
    assert_eq!(beta["change"], "changed");
    assert_eq!(beta["summary"], "support/flexible → oppose/red-line");
}

#[test]
fn as_of_brings_back_the_earlier_stance() {
    // Before 2025-03-01 Beta still supports moving the border: no conflict with Alpha there.
    let v = json_queries(
        "conflicts",
        &["--pairs", "--issue", "border", "--as-of", "2025-02-28"],
    );
    assert!(v["conflicts"].as_array().unwrap().is_empty(), "{v}");
    let v = json_queries(
        "overlaps",
        &["--pairs", "--issue", "border", "--as-of", "2025-02-28"],
    );
    assert_eq!(v["overlaps"][0]["kind"], "same-stance");
}

#[test]
fn coalitions_and_issue_camps_on_the_queries_record() {
    insta::assert_snapshot!("queries_coalitions_table", ok_queries("coalitions", &[]));
    insta::assert_snapshot!(
        "queries_issue_border_table",
        String::from_utf8(run_in(QUERIES, "issue", &["border"], &[]).stdout).unwrap()
    );
}

/// `--format jsonl`: the rows of `--format json`, one compact row a line, the
/// same bytes but for layout; the pairs (written by their own writer) and an
/// ordinary answer of one list (through the generic one).
#[test]
fn jsonl_writes_the_json_rows_one_a_line() {
    for (command, extra, list) in [
        ("conflicts", vec!["--pairs"], "conflicts"),
        ("overlaps", vec!["--pairs"], "overlaps"),
        ("overlaps", vec![], "issues"),
        ("timeline", vec![], "entries"),
    ] {
        let mut rows_seen = 0;
        for record in [SMALL, QUERIES] {
            let mut args = vec![command, record];
            args.extend(&extra);
            let mut json_args = args.clone();
            json_args.extend(["--format", "json"]);
            let out = stancemap(&json_args);
            assert!(out.status.success(), "{json_args:?}");
            // Rows kept as the text the document holds, keys in its order.
            let document: std::collections::BTreeMap<
                String,
                Vec<Box<serde_json::value::RawValue>>,
            > = serde_json::from_slice(&out.stdout).expect("JSON");
            let rows = &document[list];
            args.extend(["--format", "jsonl"]);
            let out = stancemap(&args);
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).expect("utf-8");
            assert!(text.is_empty() || text.ends_with('\n'), "{args:?}");
            let lines: Vec<&str> = text.lines().collect();
            let expected: Vec<String> = rows.iter().map(|row| compact(row.get())).collect();
            assert_eq!(lines, expected, "{args:?}");
            rows_seen += rows.len();
        }
        assert!(rows_seen > 0, "{command} {extra:?} gave no rows to compare");
    }
}

/// JSON text without the layout between its tokens.
fn compact(pretty: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in pretty.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn jsonl_refuses_an_answer_that_is_not_one_list_of_rows() {
    for (command, ids, says) in [
        ("conflicts", vec![], "add --pairs"),
        ("actor", vec!["zelensky"], "(it has actor, allies, "),
        (
            "bargaining",
            vec![],
            "(it has answered, blockers, history, open_demands",
        ),
    ] {
        let out = run_ids(command, &ids, &["--format", "jsonl"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(out.stdout.is_empty(), "{command} wrote nothing");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("--format jsonl writes one row per line"),
            "{stderr}"
        );
        assert!(stderr.contains("use --format json"), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
    }
}
