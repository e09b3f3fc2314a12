//! The README's five-minute tour, run exactly as printed.

use super::text;
use std::path::Path;
use std::process::Command;

/// The commands of the `sh` block after `<!-- tour -->`, continuation lines joined.
fn tour_commands() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let block = readme
        .split("<!-- tour -->\n```sh\n")
        .nth(1)
        .expect("the README has a tour block")
        .split("\n```")
        .next()
        .unwrap();
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        match line.strip_suffix('\\') {
            Some(part) => current.push_str(part),
            None => {
                current.push_str(line);
                commands.push(std::mem::take(&mut current));
            }
        }
    }
    commands
}

#[test]
fn the_readme_tour_runs_as_printed() {
    let commands = tour_commands();
    assert!(commands[0].starts_with("stancemap init"));
    assert!(commands
        .iter()
        .any(|c| c.starts_with("stancemap new position")));
    let bin = Path::new(super::support::bin()).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let tmp = tempfile::tempdir().unwrap();
    let mut last = String::new();
    for command in &commands {
        assert!(command.starts_with("stancemap "), "{command}");
        let out = Command::new("sh")
            .args(["-c", command])
            .current_dir(tmp.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{command}\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        if command.starts_with("stancemap conflicts") {
            last = text(&out.stdout);
        }
    }
    assert!(last.contains("ukraine-nato-membership"), "{last}");
    assert!(
        last.contains("russia") && last.contains("ukraine"),
        "{last}"
    );
    let dot = std::fs::read_to_string(tmp.path().join("conflicts.dot")).unwrap();
    assert!(dot.contains("digraph") || dot.contains("graph"), "{dot}");
}
