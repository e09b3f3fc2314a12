use super::{copy_record, fixture, run_ok, stancemap};

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

#[test]
fn check_watch_rechecks_after_an_edit() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::sync::mpsc;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    copy_record(dir.path());
    let mut child = stancemap()
        .args(["--color", "never", "check", "--watch"])
        .arg(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |needle: &str| -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(line) => {
                    let found = line.contains(needle);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(_) => panic!("no `{needle}` in {seen:?}"),
            }
        }
    };
    let first = wait_for("watching");
    assert!(first.iter().any(|l| l.contains("0 errors")), "{first:?}");
    // Break the record: a misspelt key.
    let issues = dir.path().join("issues.yaml");
    let text = std::fs::read_to_string(&issues).unwrap();
    std::fs::write(
        &issues,
        text.replacen("category: security", "categroy: security", 1),
    )
    .unwrap();
    let second = wait_for("watching");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        second.iter().any(|l| l.contains("change detected")),
        "{second:?}"
    );
    assert!(second.iter().any(|l| l.contains("categroy")), "{second:?}");
}
