//! What every integration test shares: one builder over the real binary and one
//! gate for tests that need a tool or a privilege.
//!
//! Each test binary includes this file (`mod support;`). A test that needs
//! Graphviz, Chromium, Python packages or root asks [`require_tool`] first: when
//! the tool is missing it fails the test if `STANCEMAP_REQUIRE_TOOLS=1` (CI sets
//! it always, after installing them), and otherwise prints a notice and lets the
//! caller skip — the only way a test here may skip.
//!
//! A test that needs root (mounts, device nodes, other owners) ends its name in
//! `_as_root` (`cargo test as_root` runs just those) and asks [`require_root`];
//! CI runs the whole suite as root. The binary is run through [`sm`] (or, where a
//! test must spawn it itself, [`command`]): no test file builds its own.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Whether the tool `what` is there (`probe`); a missing one fails the test when
/// `STANCEMAP_REQUIRE_TOOLS=1` and is a printed notice otherwise.
pub fn require_tool(what: &str, probe: impl FnOnce() -> bool) -> bool {
    let required = std::env::var("STANCEMAP_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    require_tool_when(required, what, probe)
}

/// [`require_tool`] with the variable's answer given (so it can be tested).
pub fn require_tool_when(required: bool, what: &str, probe: impl FnOnce() -> bool) -> bool {
    if probe() {
        return true;
    }
    assert!(
        !required,
        "{what} is needed by this test and missing, and STANCEMAP_REQUIRE_TOOLS=1"
    );
    eprintln!("notice: {what} is missing; this test did not run (set STANCEMAP_REQUIRE_TOOLS=1 to make that a failure)");
    false
}

/// A command on PATH that runs (`cmd --version`-style probe with `arg`).
pub fn require_command(cmd: &str, arg: &str) -> bool {
    require_tool(&format!("`{cmd}`"), || {
        Command::new(cmd)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    })
}

/// python3 able to import `modules` (CI pip-installs them).
pub fn require_python(modules: &[&str]) -> bool {
    let probe = format!("import {}", modules.join(", "));
    require_tool(
        &format!("python3 with {} (pip install them)", modules.join(", ")),
        || {
            Command::new("python3")
                .args(["-c", &probe])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        },
    )
}

/// Root, for tests of mounts, device nodes and other users' files.
pub fn require_root() -> bool {
    require_tool(
        "root (the test mounts file systems or changes owners)",
        is_root,
    )
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Graphviz's `dot`.
pub fn require_dot() -> bool {
    require_command("dot", "-V")
}

/// The path of a fixture under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture record in a fresh temporary directory.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture(name)).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// `stancemap ARGS` as a builder: `sm(["check", "x"]).run().code(1).stderr_has("…")`.
pub struct Run {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

pub fn sm<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = command();
    cmd.args(args);
    Run { cmd, stdin: None }
}

/// The binary as a bare `Command`, for the few tests that spawn it themselves
/// (to read its output as it comes, close a pipe, or run it as another user):
/// the one place the binary and its colour-free environment are chosen.
pub fn command() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// The path of the binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_stancemap")
}

impl Run {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Run {
        self.cmd.arg(arg);
        self
    }
    pub fn args<I, S>(mut self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Run {
        self.cmd.current_dir(dir);
        self
    }
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Run {
        self.stdin = Some(bytes.into());
        self
    }
    /// The finished run's raw output, for tests that assert on it themselves.
    pub fn output(self) -> Output {
        self.run().0
    }
    pub fn run(mut self) -> Done {
        use std::io::Write;
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        self.cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = self.cmd.spawn().expect("the stancemap binary runs");
        if let Some(bytes) = self.stdin {
            let mut input = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                let _ = input.write_all(&bytes);
            });
        }
        Done(child.wait_with_output().unwrap())
    }
}

/// A finished run, with assertions that print stderr when they fail.
pub struct Done(pub Output);

impl Done {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    pub fn code(self, code: i32) -> Done {
        assert_eq!(
            self.0.status.code(),
            Some(code),
            "stderr:\n{}\nstdout:\n{}",
            self.stderr(),
            self.stdout()
        );
        self
    }
    pub fn success(self) -> Done {
        self.code(0)
    }
    pub fn stderr_has(self, needle: &str) -> Done {
        assert!(
            self.stderr().contains(needle),
            "no {needle:?} in stderr:\n{}",
            self.stderr()
        );
        self
    }
    pub fn stdout_has(self, needle: &str) -> Done {
        assert!(
            self.stdout().contains(needle),
            "no {needle:?} in stdout:\n{}",
            self.stdout()
        );
        self
    }
}
