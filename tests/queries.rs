//! CLI tests of the query commands, run on the real binary against the small
//! fixture record, with insta snapshots of each command's table and JSON.

use std::process::{Command, Output};

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small");

fn stancemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// `command IDS… RECORD EXTRA…`: `actor`, `issue` and `path` take ids before
/// the record path.
fn run_ids(command: &str, ids: &[&str], extra: &[&str]) -> Output {
    let mut args = vec![command];
    args.extend_from_slice(ids);
    args.push(SMALL);
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
    snapshot_both("conflicts", "conflicts", &[], &[]);
}

#[test]
fn overlaps_output() {
    snapshot_both("overlaps", "overlaps", &[], &[]);
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
    let v = json("conflicts", &["--issue", "ukraine-territory"]);
    let rows = v["conflicts"].as_array().unwrap();
    assert!(rows.iter().any(|c| c["a"]["id"] == "russia"
        && c["b"]["id"] == "ukraine"
        && c["issue"] == "occupied-territories-russian-control"
        && c["severity"] == "critical"));
}

#[test]
fn regression_us_and_russia_overlap_on_nato_membership() {
    let v = json("overlaps", &["--actor", "US"]);
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
    let v = json("overlaps", &["--as-of", "2025-02-15"]);
    let rows = v["overlaps"].as_array().unwrap();
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn people_keep_persons_apart() {
    let v = json(
        "conflicts",
        &["--people", "--issue", "ukraine-nato-membership"],
    );
    let rows = v["conflicts"].as_array().unwrap();
    assert!(rows
        .iter()
        .any(|c| c["b"]["id"] == "zelenskyy" || c["a"]["id"] == "zelenskyy"));
}
