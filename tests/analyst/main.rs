//! The analyst's day (issue 19): starting a record, tables that fit, the briefing,
//! and the README's tour, all through the real binary. One test binary, one builder.

mod brief;
mod errors;
mod init;
mod new_flags;
mod progress;
mod sources;
mod tables;
mod tour;

#[path = "../support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Output;

/// Runs stancemap in `dir` with `args`; colour off and a fixed width, so output
/// does not depend on the terminal the tests run in.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    support::command()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .expect("the stancemap binary runs")
}

/// Runs stancemap in the project folder.
pub fn run(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Asserts the exit code, showing stderr when it differs.
#[track_caller]
pub fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}
