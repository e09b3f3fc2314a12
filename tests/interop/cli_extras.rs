use super::{fixture, run_ok, stancemap};

#[test]
fn completions_for_every_shell_mention_check() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run_ok(&["completions", shell]);
        assert!(script.contains("check"), "{shell} completions lack `check`");
        assert!(
            script.contains("export"),
            "{shell} completions lack `export`"
        );
    }
}

#[test]
fn man_page_is_roff_and_covers_subcommands() {
    let page = run_ok(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH stancemap"),
        "{page}"
    );
    assert!(page.contains("check"));
    assert!(page.contains("COMMAND: STANCEMAP EXPORT"));
}

/// stderr of `check` on a record with mistakes, under `env` and `args`.
fn check_stderr(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut command = stancemap();
    command.env_remove("NO_COLOR");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command
        .args(args)
        .arg("check")
        .arg(fixture("mistakes"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let piped = check_stderr(&[], &["--color", "auto"]);
    assert!(piped.contains("error"), "{piped}");
    assert!(!piped.contains('\x1b'), "piped output is plain");
    let no_color = check_stderr(&[("NO_COLOR", "1")], &["--color", "auto"]);
    assert!(!no_color.contains('\x1b'), "NO_COLOR is honoured");
    let always = check_stderr(&[("NO_COLOR", "1")], &["--color", "always"]);
    assert!(always.contains("\x1b["), "--color always colours: {always}");
    let never = check_stderr(&[], &["--color", "never"]);
    assert!(!never.contains('\x1b'));
}

#[test]
fn quiet_export_writes_no_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = stancemap()
        .args(["--quiet", "export", "--format", "csv"])
        .arg(fixture("small"))
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
