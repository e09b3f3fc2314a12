//! Hostile input through the real binary: every limit names itself and the flag
//! that raises it; links, pipes and unreadable files in a record directory are
//! reported, never followed or waited on; so are cited documents under
//! `check --sources`; exit codes 0/1/2 and a closed pipe.

mod support;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn stancemap(args: &[&str]) -> Output {
    support::sm(args).output()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A copy of the small valid record in a fresh directory.
fn small_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir("tests/fixtures/small").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Checks `record` with `flags`: exit 1 and a `limit-exceeded` error whose message
/// names `limit` and whose hint names `flag`; then with `flag raised` the same
/// record has no limit error.
fn assert_limit(record: &Path, flags: &[&str], limit: &str, flag: &str, raised: &str) {
    let mut args = vec!["check", s(record)];
    args.extend_from_slice(flags);
    let out = stancemap(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{limit}: {err}");
    assert!(err.contains("error[limit-exceeded]"), "{limit}: {err}");
    assert!(err.contains(limit), "message names {limit}: {err}");
    assert!(
        err.contains(&format!("raise the limit with {flag}")),
        "hint names {flag}: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    let mut args = vec!["check", s(record)];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[flag, raised]);
    let out = stancemap(&args);
    assert!(
        !stderr(&out).contains("limit-exceeded"),
        "{flag} {raised} lifts the limit: {}",
        stderr(&out)
    );
}

#[test]
fn file_size_limit_names_max_file_mib() {
    let dir = small_copy();
    let notes = "x".repeat((1 << 20) + 10);
    fs::write(
        dir.path().join("big.yaml"),
        format!("events:\n  - id: e-big\n    kind: talks\n    title: big\n    date: 2025-01-01\n    notes: {notes}\n"),
    )
    .unwrap();
    assert_limit(
        dir.path(),
        &["--max-file-mib", "1"],
        "per-file limit of 1048576 bytes (max-file-mib 1)",
        "--max-file-mib",
        "2",
    );
}

#[test]
fn record_size_limit_names_max_record_mib() {
    let dir = small_copy();
    for name in ["a", "b"] {
        let notes = "x".repeat(600_000);
        fs::write(
            dir.path().join(format!("{name}.yaml")),
            format!("events:\n  - id: e-{name}\n    kind: talks\n    title: big\n    date: 2025-01-01\n    notes: {notes}\n"),
        )
        .unwrap();
    }
    assert_limit(
        dir.path(),
        &["--max-record-mib", "1"],
        "limit of 1048576 bytes in all (max-record-mib 1)",
        "--max-record-mib",
        "2",
    );
}

#[test]
fn nesting_depth_limit_names_max_depth() {
    let dir = small_copy();
    // Deep enough that the parser's look-ahead meets the limit before the
    // deserialiser meets the wrong type.
    let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
    fs::write(dir.path().join("deep.yaml"), deep).unwrap();
    assert_limit(
        dir.path(),
        &[],
        "nesting deeper than the limit of 64 levels (max-depth)",
        "--max-depth",
        "400",
    );
}

#[test]
fn alias_limit_names_max_aliases() {
    let dir = small_copy();
    fs::write(
        dir.path().join("aliases.yaml"),
        "events:\n  - id: e-alias\n    kind: talks\n    title: &t talks\n    date: 2025-01-01\n    place: *t\n    notes: *t\n    participants: [russia]\n",
    )
    .unwrap();
    assert_limit(
        dir.path(),
        &["--max-aliases", "1"],
        "limit of 1 aliases (max-aliases)",
        "--max-aliases",
        "2",
    );
}

#[test]
fn alias_expansion_bomb_is_stopped_by_the_size_limit() {
    // One 1 MB scalar repeated through aliases would be 5 GB in memory.
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(1_000_000);
    let aliases = "      - *big\n".repeat(5_000);
    fs::write(
        dir.path().join("bomb.yaml"),
        format!(
            "actors:\n  - id: a\n    name: &big {big}\n    kind: state\n    aliases:\n{aliases}"
        ),
    )
    .unwrap();
    let start = Instant::now();
    let out = stancemap(&["check", s(dir.path())]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[limit-exceeded]") && err.contains("aliases expanded"),
        "{err}"
    );
    assert!(err.contains("bomb.yaml:"), "located: {err}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn node_limit_names_max_yaml_nodes() {
    let dir = small_copy();
    assert_limit(
        dir.path(),
        &["--max-yaml-nodes", "20"],
        "limit of 20 per file (max-yaml-nodes)",
        "--max-yaml-nodes",
        "100000",
    );
}

#[test]
fn file_count_limit_names_max_files() {
    let dir = small_copy();
    assert_limit(
        dir.path(),
        &["--max-files", "2"],
        "more YAML files than the limit of 2 (max-files)",
        "--max-files",
        "3",
    );
}

#[test]
fn claim_limit_names_max_claims_at_the_first_claim_past_it() {
    let dir = small_copy();
    // The small record has 5 positions, 2 demands and 1 concession.
    assert_limit(
        dir.path(),
        &["--max-claims", "7"],
        "more claims (positions, demands and concessions) than the limit of 7 (max-claims)",
        "--max-claims",
        "8",
    );
    let out = stancemap(&["check", s(dir.path()), "--max-claims", "7"]);
    assert!(
        stderr(&out).contains("claims.yaml:"),
        "located: {}",
        stderr(&out)
    );
}

// ---- the record directory ----

fn check_dir(dir: &Path) -> (Option<i32>, String) {
    let start = Instant::now();
    let out = stancemap(&["check", s(dir)]);
    assert!(start.elapsed() < Duration::from_secs(20), "no hang");
    (out.status.code(), stderr(&out))
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_followed() {
    let dir = small_copy();
    std::os::unix::fs::symlink("loop-b.yaml", dir.path().join("loop-a.yaml")).unwrap();
    std::os::unix::fs::symlink("loop-a.yaml", dir.path().join("loop-b.yaml")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("self.yaml")).unwrap();
    let (code, err) = check_dir(dir.path());
    assert_eq!(code, Some(0), "a warning, the rest still checked: {err}");
    for name in ["loop-a.yaml", "loop-b.yaml", "self.yaml"] {
        assert!(
            err.contains(&format!(
                "{name} is a symbolic link; stancemap does not follow links"
            )),
            "{name}: {err}"
        );
    }
    assert!(err.contains("6 actors"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlink_to_a_file_outside_the_record_is_reported_not_read() {
    let dir = small_copy();
    let outside = tempfile::tempdir().unwrap();
    // Outside the record: an entry that would clash with the record's ids.
    fs::write(
        outside.path().join("secret.yaml"),
        "actors:\n  - id: russia\n    name: Outside\n    kind: state\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        dir.path().join("linked.yaml"),
    )
    .unwrap();
    let (code, err) = check_dir(dir.path());
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("linked.yaml is a symbolic link"), "{err}");
    assert!(
        !err.contains("duplicate"),
        "the linked file was not read: {err}"
    );
    let out = stancemap(&["check", "--deny-warnings", s(dir.path())]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a warning fails --deny-warnings"
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn fifo_in_the_record_is_skipped_without_blocking() {
    let dir = small_copy();
    let fifo = dir.path().join("pipe.yaml");
    mkfifo(&fifo);
    let (code, err) = check_dir(dir.path());
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(
            "pipe.yaml is not a regular file (a pipe, socket or device) and was not opened"
        ),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn fifo_named_as_the_record_is_a_usage_error_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("record.yaml");
    mkfifo(&fifo);
    let (code, err) = check_dir(&fifo);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("record.yaml is not a regular file or directory"),
        "{err}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn unreadable_file_is_an_io_error_naming_it() {
    // chmod 000 does not stop root (CI runs as root), but reading the start of a
    // process's own memory fails for everyone: an unreadable regular file.
    let out = stancemap(&["check", "/proc/self/mem"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot read /proc/self/mem"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_in_a_directory_is_an_io_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = small_copy();
    let locked = dir.path().join("locked.yaml");
    fs::write(&locked, "actors: []\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads a mode-000 file: as root, run the check as `nobody` instead.
    let mut cmd = if support::is_root() {
        if !support::require_command("setpriv", "--version") {
            return;
        }
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(support::bin());
        cmd
    } else {
        support::command()
    };
    let out = cmd.args(["check", s(dir.path())]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("locked.yaml") && err.contains("ermission denied"),
        "{err}"
    );
}

// ---- cited documents (`check --sources`) ----

/// The small record checked against a copy of its sources where `doc-a.txt` is
/// replaced by `hazard`: one located `unsafe-document` error, quickly, the rest checked.
#[cfg(unix)]
fn source_hazard(hazard: impl FnOnce(&Path), extra: &[&str]) -> serde_json::Value {
    let record = small_copy();
    let sources = tempfile::tempdir().unwrap();
    fs::copy(
        "tests/fixtures/small-sources/doc-b.txt",
        sources.path().join("doc-b.txt"),
    )
    .unwrap();
    hazard(&sources.path().join("doc-a.txt"));
    let start = Instant::now();
    let out = support::sm(["check", "--format", "json", "--sources", s(sources.path())])
        .args(extra)
        .arg(record.path())
        .run()
        .code(1);
    // Generous for a loaded machine; a hang or a read of /dev/zero never ends.
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout()).unwrap();
    let unsafe_docs: Vec<serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "unsafe-document")
        .cloned()
        .collect();
    assert_eq!(unsafe_docs.len(), 1, "{report:#}");
    let d = &unsafe_docs[0];
    assert!(d["file"].as_str().unwrap().ends_with(".yaml"), "{d}");
    assert!(d["line"].as_u64().unwrap() > 0, "located: {d}");
    d.clone()
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_sources_folder_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    // Holds every quote the record cites from doc-a: followed, it would "confirm" them.
    fs::copy("tests/fixtures/small-sources/doc-a.txt", &secret).unwrap();
    let d = source_hazard(|p| std::os::unix::fs::symlink(&secret, p).unwrap(), &[]);
    assert!(
        d["message"].as_str().unwrap().contains("symbolic link"),
        "{d}"
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_as_a_source_is_a_located_error_at_once_as_root() {
    let d = source_hazard(|p| std::os::unix::fs::symlink("/dev/zero", p).unwrap(), &[]);
    assert!(
        d["message"].as_str().unwrap().contains("symbolic link"),
        "{d}"
    );
    if support::require_root() {
        // The device itself (mknod needs root), not a link to it.
        let d = source_hazard(
            |p| {
                let status = Command::new("mknod")
                    .arg(p)
                    .args(["c", "1", "5"])
                    .status()
                    .unwrap();
                assert!(status.success());
            },
            &[],
        );
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .contains("not a regular file"),
            "{d}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_source_is_a_located_error_without_blocking() {
    let d = source_hazard(mkfifo, &[]);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file"),
        "{d}"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_as_a_source_and_a_source_past_the_size_cap_are_located_errors() {
    let d = source_hazard(|p| fs::create_dir(p).unwrap(), &[]);
    assert!(d["message"].as_str().unwrap().contains("a folder"), "{d}");
    let d = source_hazard(
        |p| fs::write(p, vec![b'x'; 2 << 20]).unwrap(),
        &["--max-source-size", "1"],
    );
    assert!(
        d["message"].as_str().unwrap().contains("--max-source-size"),
        "{d}"
    );
}

#[test]
fn a_nul_in_a_cited_document_name_is_a_located_error_not_an_abort() {
    let record = small_copy();
    fs::write(
        record.path().join("nul.yaml"),
        "positions:\n  - {actor: russia, issue: ukraine-nato-membership, stance: oppose, strength: firm, summary: S, date: 2025-03,\n     sources: [{doc: \"a\\0b.txt\", quote: \"x\", confidence: low}]}\n",
    )
    .unwrap();
    let out = support::sm(["check", "--sources", "tests/fixtures/small-sources"])
        .arg(record.path())
        .run()
        .code(1)
        .stderr_has("error[unsafe-document]")
        .stderr_has("NUL");
    assert!(!out.stderr().contains("panicked"));
}

#[test]
fn missing_record_is_exit_2_and_names_it() {
    let out = stancemap(&["check", "no/such/record"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/record does not exist"));
}

// ---- exit codes ----

#[test]
fn exit_codes_0_ok_1_invalid_2_usage() {
    assert_eq!(
        stancemap(&["check", "tests/fixtures/small"]).status.code(),
        Some(0)
    );
    assert_eq!(
        stancemap(&["check", "tests/fixtures/mistakes"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        stancemap(&["conflicts", "tests/fixtures/mistakes"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        stancemap(&["check", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(stancemap(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(
        stancemap(&["conflicts", "tests/fixtures/small", "--fail-on-conflict"])
            .status
            .code(),
        Some(1)
    );
}

/// A large synthetic record, so a query prints far more than a pipe buffer holds.
fn synth_record() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = stancemap(&[
        "synth",
        "--quiet",
        "-o",
        s(dir.path()),
        "--actors",
        "200",
        "--issues",
        "20",
        "--positions",
        "4000",
        "--demands",
        "100",
        "--concessions",
        "50",
        "--files",
        "4",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

#[test]
fn closed_pipe_after_one_line_exits_quietly() {
    let record = synth_record();
    let mut child = support::command()
        .args(["conflicts", s(record.path())])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    // The reader is gone (`| head -1`): the rest of the output has nowhere to go.
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn closed_pipe_before_any_output_exits_quietly() {
    for command in ["conflicts", "export"] {
        let record = PathBuf::from("tests/fixtures/small");
        let mut child = support::command()
            .args([command, s(&record)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{command}: {err}");
        assert!(
            !err.to_lowercase().contains("broken pipe"),
            "{command}: {err}"
        );
    }
}

// ---- terminal-safe text ----

/// No raw control or bidi character in bytes meant for a terminal.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || ('\u{202A}'..='\u{202E}').contains(&c)
        })
        .collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?} in\n{text}");
}

#[test]
fn an_escape_in_a_name_reaches_neither_a_table_nor_a_diagnostic_raw() {
    let record = small_copy();
    let evil = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    fs::write(
        record.path().join("evil.yaml"),
        format!(
            "actors:\n  - id: evil\n    name: {}\n    kind: state\n    aliases: [{}]\n",
            stancemap::write::yaml::quote(evil),
            stancemap::write::yaml::quote(&format!("{evil}x")),
        ),
    )
    .unwrap();
    // Valid: the name shows in the actor table, escaped.
    let out = support::sm(["actor", "evil", s(record.path())])
        .run()
        .success();
    assert_terminal_safe("actor table", &out.0.stdout);
    assert!(
        out.stdout().contains("Evil\\u{1b}]0;pwned\\u{7}"),
        "{}",
        out.stdout()
    );
    // JSON stays exact.
    let json = support::sm(["actor", "evil", "--format", "json", s(record.path())])
        .run()
        .success();
    let doc: serde_json::Value = serde_json::from_str(&json.stdout()).unwrap();
    assert_eq!(doc["actor"]["name"], evil);

    // Invalid: the bad id, the source line under the caret and the file's name
    // in a diagnostic.
    let bad = record.path().join("bad\u{1b}[2J.yaml");
    fs::write(
        &bad,
        "issues:\n  - {id: \"x\\e]8;;http://evil\\a\", title: \"t\u{202e}\", category: nope}\n",
    )
    .unwrap();
    let out = support::sm(["check", s(record.path())]).run().code(1);
    assert_terminal_safe("diagnostics", &out.0.stderr);
    assert!(
        out.stderr().contains("bad\\u{1b}[2J.yaml"),
        "{}",
        out.stderr()
    );
    let out = support::sm(["conflicts", s(record.path())]).run().code(1);
    assert_terminal_safe("invalid-record summary", &out.0.stderr);
}

// ---- tests that cannot fail: one gate, one builder ----

/// A missing tool is a failure where tools are required (CI), a skip elsewhere,
/// and a present one always runs the test.
#[test]
fn a_missing_tool_fails_the_test_where_tools_are_required() {
    assert!(support::require_tool_when(true, "x", || true));
    assert!(!support::require_tool_when(false, "x", || false));
    let failed = std::panic::catch_unwind(|| support::require_tool_when(true, "x", || false));
    assert!(
        failed.is_err(),
        "a missing tool passed under STANCEMAP_REQUIRE_TOOLS=1"
    );
}

/// No test decides for itself whether a tool is required or builds its own
/// command for the binary: both go through tests/support (a gate of its own is
/// how a test came to return early and pass).
#[test]
fn every_test_gates_tools_and_runs_the_binary_through_support() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("tests"), &mut files);
    assert!(files.len() > 10);
    // Spelled in pieces so this file does not match itself.
    let forbidden = [
        ["STANCEMAP_REQUIRE", "_TOOLS\")"].concat(),
        ["CARGO_BIN", "_EXE_stancemap"].concat(),
        ["cargo", "_bin(\"stancemap\")"].concat(),
    ];
    let mut offenders = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with("tests/support")) {
        let text = fs::read_to_string(file).unwrap();
        for needle in &forbidden {
            if text.contains(needle.as_str()) {
                offenders.push(format!("{}: {needle}", file.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "use tests/support instead: {offenders:#?}"
    );
}
