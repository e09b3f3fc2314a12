//! Issue 19's item 6: long work shows a bar on a terminal's stderr, nothing when
//! stderr is a pipe or `--quiet` is given. `script` runs the binary on a
//! pseudo-terminal; the bar's delay is set to 0 so the bundled record, which loads
//! in well under a second, shows it.

use super::support::{bin, require_command, sm};
use std::path::Path;
use std::process::Command;

/// Runs `stancemap ARGS` on a pseudo-terminal; what the terminal received.
fn on_terminal(args: &str) -> String {
    let bin = bin();
    let out = Command::new("script")
        .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .env("STANCEMAP_PROGRESS_DELAY_MS", "0")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .output()
        .expect("script runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_terminal_sees_the_bar_and_the_bar_is_cleared() {
    if !require_command("script", "--version") {
        return;
    }
    let tty = tempfile::tempdir().unwrap();
    let seen = on_terminal(&format!(
        "render data --all {} --dot-only",
        tty.path().display()
    ));
    assert!(seen.contains("reading data"), "{seen:?}");
    assert!(seen.contains("drawing maps"), "{seen:?}");
    // Each redraw and the final clear erase the line: no bar is left standing.
    assert!(seen.contains("\u{1b}[2K"), "{seen:?}");
    let last_line = seen.rsplit(['\r', '\n']).find(|l| !l.trim().is_empty());
    assert!(
        last_line.is_some_and(|l| l.contains("wrote")),
        "the last thing on the terminal is the summary, not a bar: {seen:?}"
    );
}

#[test]
fn quiet_or_a_pipe_gets_no_bar() {
    if !require_command("script", "--version") {
        return;
    }
    let seen = on_terminal("--quiet conflicts data --format json");
    assert!(!seen.contains("reading data"), "{seen:?}");
    assert!(!seen.contains('\u{1b}'), "{seen:?}");
    let piped = sm(["conflicts", "data", "--format", "json"])
        .env("STANCEMAP_PROGRESS_DELAY_MS", "0")
        .run()
        .success();
    assert!(!piped.stderr().contains("reading"), "{}", piped.stderr());
    assert!(!piped.stderr().contains('\u{1b}'), "{}", piped.stderr());
}
