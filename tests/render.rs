//! `stancemap render`: DOT snapshots of every map on the small fixture, Graphviz
//! rendering, the HTML page in a headless browser, and the committed `graphs/`.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const SMALL: &str = "tests/fixtures/small";

const MAPS: &[&str] = &[
    "overview",
    "conflicts",
    "coalitions",
    "demands",
    "issue:ukraine-territory",
    "issue:ukraine-nato-membership",
    "actor:russia",
    "actor:kyiv",
];

fn stancemap() -> Command {
    Command::cargo_bin("stancemap").unwrap()
}

fn render(args: &[&str]) -> String {
    let out = stancemap().arg("render").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "render {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn dot_installed() -> bool {
    std::process::Command::new("dot").arg("-V").output().is_ok()
}

/// A test that needs a missing tool notes it and skips, except where
/// `STANCEMAP_REQUIRE_TOOLS` is set (CI sets it after installing them): there a
/// skip would hide a broken install, so it fails.
fn skip(why: &str) {
    assert!(
        std::env::var_os("STANCEMAP_REQUIRE_TOOLS").is_none(),
        "{why}, and STANCEMAP_REQUIRE_TOOLS is set"
    );
    eprintln!("notice: {why}; skipping");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stancemap-render-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_map_snapshot() {
    for map in MAPS {
        let dot = render(&[SMALL, "--map", map]);
        insta::assert_snapshot!(format!("map_{}", map.replace(':', "_")), dot);
    }
}

#[test]
fn filtered_maps_snapshot() {
    insta::assert_snapshot!(
        "overview_issue_nato_as_of",
        render(&[
            SMALL,
            "--issue",
            "ukraine-nato-membership",
            "--as-of",
            "2025-02-15"
        ])
    );
    insta::assert_snapshot!(
        "conflicts_people",
        render(&[SMALL, "--map", "conflicts", "--people"])
    );
    insta::assert_snapshot!(
        "demands_actor_alias",
        render(&[SMALL, "--map", "demands", "--actor", "Washington"])
    );
}

#[test]
fn same_record_same_bytes() {
    for map in MAPS {
        assert_eq!(
            render(&[SMALL, "--map", map]),
            render(&[SMALL, "--map", map])
        );
    }
}

#[test]
fn every_map_parses_and_renders_to_svg() {
    for map in MAPS {
        let dot = render(&[SMALL, "--map", map]);
        graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{map}: {e}"));
    }
    if !dot_installed() {
        skip("Graphviz `dot` is not installed (CI installs it)");
        return;
    }
    let dir = temp_dir("svg");
    for map in MAPS {
        let path = dir.join(format!("{}.svg", map.replace(':', "-")));
        let out = stancemap()
            .args(["render", SMALL, "--map", map, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{map}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{map}: dot warned: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.contains("<svg"), "{map}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_graphviz_says_how_to_install_it_and_keeps_the_dot() {
    let dir = temp_dir("nodot");
    let empty_path = dir.join("bin");
    std::fs::create_dir_all(&empty_path).unwrap();
    let svg = dir.join("map.svg");
    let out = stancemap()
        .env("PATH", &empty_path)
        .args(["render", SMALL, "--keep-dot", "-o"])
        .arg(&svg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(stderr.contains("brew install graphviz"), "{stderr}");
    assert!(!svg.exists());
    let dot = std::fs::read_to_string(dir.join("map.dot")).unwrap();
    assert_eq!(dot, render(&[SMALL]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn node_cap_leaves_out_the_least_connected_and_says_so() {
    let out = stancemap()
        .args(["render", SMALL, "--max-nodes", "10"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("least-connected"), "{stderr}");
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.contains("note_left_out") && dot.contains("left out (--max-nodes 10)"));
}

#[test]
fn unknown_map_issue_or_actor_is_a_usage_error() {
    for args in [
        &["--map", "nonsense"][..],
        &["--map", "issue:nope"],
        &["--actor", "nobody"],
        &["--issue", "nope"],
        &["-o", "map.txt"],
    ] {
        let out = stancemap()
            .arg("render")
            .arg(SMALL)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn all_writes_every_map_and_an_index() {
    let dir = temp_dir("all");
    let mut cmd = stancemap();
    cmd.args(["render", SMALL, "--all"]).arg(&dir);
    if !dot_installed() {
        skip("Graphviz `dot` is not installed; writing DOT only");
        cmd.arg("--dot-only");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".dot"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "actor-nato.dot",
            "actor-russia.dot",
            "actor-ukraine.dot",
            "actor-united-states.dot",
            "coalitions.dot",
            "conflicts.dot",
            "demands.dot",
            "issue-ukraine-nato-membership.dot",
            "issue-ukraine-territory.dot",
            "overview.dot",
        ]
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains("overview.dot"));
    if dot_installed() {
        assert!(dir.join("overview.svg").exists() && index.contains("overview.svg"));
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("overview.dot")).unwrap(),
        render(&[SMALL])
    );
    // No temp files left behind.
    assert!(std::fs::read_dir(&dir).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with('.')));
    std::fs::remove_dir_all(&dir).unwrap();
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok()
        })
}

#[test]
fn html_map_loads_in_a_browser_without_errors() {
    if !dot_installed() {
        skip("Graphviz `dot` is not installed");
        return;
    }
    let dir = temp_dir("html");
    let page = dir.join("overview.html");
    let out = stancemap()
        .args(["render", SMALL, "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<svg") && html.contains("id=\"actor_russia\""));
    assert!(
        !html.contains("http://") || !html.contains("src=\"http"),
        "no network"
    );
    assert_eq!(html.matches("<script").count(), 2);
    let Some(browser) = chromium() else {
        skip("chromium is not installed");
        return;
    };
    let profile = dir.join("profile");
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(file_url(&page))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    for line in log.lines() {
        assert!(
            !(line.contains("Uncaught") || line.contains("ERROR:CONSOLE")),
            "console error: {line}"
        );
    }
    assert!(dom.contains("<svg"), "no map in the DOM:\n{dom}");
    // The script ran: the sidebar holds the claims, with their quotes.
    assert!(
        dom.contains("class=\"claim position\""),
        "sidebar not built"
    );
    assert!(dom.contains("Ukraine flatly refuses to cede any land"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// The committed `graphs/*.dot` must be what the code draws from `data/`:
/// regenerate with `stancemap render data --all graphs/`.
#[test]
fn committed_graphs_match_the_bundled_record() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (data, graphs) = (root.join("data"), root.join("graphs"));
    assert!(
        graphs.is_dir(),
        "graphs/ is missing; run `stancemap render data --all graphs/`"
    );
    let dir = temp_dir("graphs");
    let out = stancemap()
        .args(["render", "--quiet", "--dot-only", "--all"])
        .arg(&dir)
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dots = |d: &Path| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "dot"))
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (want, have) = (dots(&dir), dots(&graphs));
    let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&have),
        names(&want),
        "graphs/ holds other maps than data/ gives; run `stancemap render data --all graphs/`"
    );
    for ((name, h), (_, w)) in have.iter().zip(&want) {
        assert!(
            h == w,
            "graphs/{name} is out of date; run `stancemap render data --all graphs/`"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_help_snapshot() {
    let out = stancemap().args(["render", "--help"]).output().unwrap();
    insta::assert_snapshot!("render_help", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn category_keeps_only_that_categorys_issues() {
    let issues = |dot: &str| -> Vec<String> {
        let mut v: Vec<String> = dot
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"issue_"))
            .filter_map(|l| l.split('"').next())
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let all = issues(&render(&[SMALL]));
    let security = issues(&render(&[SMALL, "--category", "security"]));
    assert!(all.len() > security.len(), "{all:?}");
    assert_eq!(security, vec!["ukraine_nato_membership"]);
    let territory = issues(&render(&[SMALL, "--category", "territory"]));
    assert!(!territory.is_empty() && !territory.contains(&"ukraine_nato_membership".to_string()));
}
