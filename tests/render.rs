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
    "timeline",
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
        .args(["render", SMALL, "--map", "actor:russia", "--max-nodes", "5"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("left out 6 least-connected nodes (--max-nodes 5)"),
        "{stderr}"
    );
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.contains("note_left_out") && dot.contains("left out (--max-nodes 5)"));
    // The cut is said under the title too.
    assert!(dot.contains("\\nCut: 6 least-connected nodes left out (--max-nodes 5)"));
}

#[test]
fn edge_cap_leaves_out_the_thinnest_and_says_so_on_the_map() {
    let out = stancemap()
        .args(["render", SMALL, "--map", "actor:russia", "--max-edges", "2"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("left out 9 thinnest edges (--max-edges 2)"),
        "{stderr}"
    );
    let dot = String::from_utf8(out.stdout).unwrap();
    assert_eq!(dot.matches(" -> ").count(), 2);
    assert!(dot.contains("Cut: 9 thinnest edges left out (--max-edges 2)"));
}

/// Graphviz stamps a PDF with the time it was written; the command replaces it
/// with the map's as-of date, so the same record gives the same PDF.
#[test]
fn pdf_is_byte_identical_across_runs() {
    if !dot_installed() {
        skip("Graphviz `dot` is not installed");
        return;
    }
    let dir = temp_dir("pdf");
    let pdf = |name: &str| {
        let path = dir.join(name);
        let out = stancemap()
            .args(["render", SMALL, "--map", "conflicts", "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(&path).unwrap()
    };
    let first = pdf("a.pdf");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = pdf("b.pdf");
    let stamp = b"/CreationDate (D:20250218000000";
    assert!(first.windows(stamp.len()).any(|w| w == stamp));
    assert!(first == second, "two renders of one record differ");
    let _ = std::fs::remove_dir_all(&dir);
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
            "timeline.dot",
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

/// The browser test's tools: node, the npm packages of tests/browser
/// (`npm ci --prefix tests/browser`, which .ci/run does) and Chromium.
fn browser_tools() -> Result<PathBuf, String> {
    let browser = chromium().ok_or("chromium is not installed")?;
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        return Err("node is not installed".into());
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Err(
            "tests/browser's npm packages are missing (run `npm ci --prefix tests/browser`)".into(),
        );
    }
    let path = which(browser).ok_or("chromium is not on PATH")?;
    Ok(path)
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

/// The HTML map in a real headless Chromium, driven by tests/browser/explore.mjs
/// (Playwright): the page loads with no console error and no request leaving
/// it; search by alias centres and shows the party; clicking a conflict edge
/// shows its claims with their quotes; hover highlights the neighbours; the
/// wheel zooms; the date slider swaps in the map as of an earlier date.
#[test]
fn html_map_explored_in_a_browser() {
    if !dot_installed() {
        skip("Graphviz `dot` is not installed");
        return;
    }
    let dir = temp_dir("html");
    let page = dir.join("conflicts.html");
    let out = stancemap()
        .args(["render", "data", "--map", "conflicts", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: no URL at all, one inline SVG per date, the data inline.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(html.contains("<template id=\"snap-0\"><svg"));
    assert_eq!(html.matches("<script").count(), 2);
    let browser = match browser_tools() {
        Ok(b) => b,
        Err(why) => {
            skip(&why);
            return;
        }
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/explore.mjs");
    let out = std::process::Command::new("node")
        .arg(&script)
        .arg(&page)
        .arg(&browser)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "explore.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(seen["errors"], serde_json::json!([]), "console errors");
    assert_eq!(
        seen["requests"],
        serde_json::json!([]),
        "requests left the page"
    );
    assert_eq!(seen["search_status"], "Found: Russia");
    assert_eq!(seen["search_panel"], "Russia");
    assert_ne!(
        seen["viewbox_after_search"], seen["viewbox_start"],
        "not centred"
    );
    assert_ne!(
        seen["viewbox_after_wheel"], seen["viewbox_start"],
        "no zoom"
    );
    assert!(seen["conflict_edges"].as_u64().unwrap() > 0);
    assert!(seen["edge_kind"].as_str().unwrap().starts_with("conflict"));
    let quotes = seen["edge_quotes"].as_array().unwrap();
    assert!(
        !quotes.is_empty(),
        "no quote behind the conflict edge: {seen}"
    );
    // Each quote is one the record holds, with its source document.
    let record: String = std::fs::read_dir("data")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for q in quotes {
        let q = q.as_str().unwrap();
        let text = q
            .trim_start_matches('\u{201c}')
            .split('\u{201d}')
            .next()
            .unwrap();
        assert!(record.contains(text.split('"').next().unwrap()), "{q}");
        assert!(q.contains(".txt ("), "{q}");
    }
    assert!(seen["edge_meta"][0].as_str().unwrap().contains("2025"));
    assert_eq!(seen["hover_dims"], true);
    let lit: Vec<&str> = seen["hover_highlighted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        lit.contains(&"actor_ukraine") && lit.contains(&"actor_russia"),
        "{lit:?}"
    );
    assert_eq!(seen["date_latest"], "2025-04");
    let previous = &seen["date_previous"];
    assert_ne!(previous["date"], "2025-04");
    assert!(previous["subtitle"]
        .as_str()
        .unwrap()
        .contains(&format!("as of {}", previous["date"].as_str().unwrap())));
    assert!(seen["date_first"]["edges"].as_u64() < seen["edges_latest"].as_u64());
    let _ = std::fs::remove_dir_all(&dir);
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
    // The overview grid has a row per issue, its full title in the row's TITLE.
    let titles = [
        "Ukraine joins NATO",
        "Ukraine regains the territory Russia occupies",
    ];
    let rows = |dot: &str| -> Vec<&str> {
        titles
            .into_iter()
            .filter(|t| dot.contains(&format!("TITLE=\"{t}\"")))
            .collect()
    };
    assert_eq!(rows(&render(&[SMALL])), titles);
    let security = render(&[SMALL, "--category", "security"]);
    assert_eq!(rows(&security), ["Ukraine joins NATO"]);
    let territory = render(&[SMALL, "--category", "territory"]);
    assert_eq!(
        rows(&territory),
        ["Ukraine regains the territory Russia occupies"]
    );
}

/// The timeline: one row per party, a date axis in order, each party's claims
/// of a date in one node, the kind of claim marked in black and white.
#[test]
fn timeline_puts_claims_on_a_date_axis_per_party() {
    let dot = render(&["data", "--map", "timeline"]);
    let axis: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("style=\"invis\""))
        .collect();
    assert!(axis.len() >= 5, "{dot}");
    // The axis runs oldest to newest: each invisible edge goes to a later date.
    for line in &axis {
        let names: Vec<&str> = line
            .split('"')
            .filter(|s| s.starts_with("date_") && *s != "date_start")
            .collect();
        if names.len() == 2 {
            assert!(names[0] < names[1], "{line}");
        }
    }
    assert!(
        dot.contains("\"t_russia_2025_02_18\""),
        "no Russia cell on 18 Feb 2025"
    );
    assert!(dot.contains("▲ support (red-line)") || dot.contains("▲ support (firm)"));
    assert!(dot.contains("✉ demands [open]"));
    assert!(dot.contains("\"actor_russia\" -> \"t_russia_"));
    // As of an earlier date, nothing later is drawn.
    let early = render(&["data", "--map", "timeline", "--as-of", "2025-02-12"]);
    assert!(!early.contains("date_2025_02_18") && early.contains("date_2025_02_12"));
}

/// The issue map's camps are the negotiation state's: each party once, with
/// sub-issue stances folded by polarity. Russia supports "Russia keeps control
/// of the Ukrainian territories it occupies" (phrased the other way), so it is
/// against "Ukraine regains the territory Russia occupies"; observers are in no camp.
#[test]
fn territory_map_puts_russia_against_ukraine_regaining_territory() {
    let dot = render(&["data", "--map", "issue:ukraine-territory"]);
    let camp = |name: &str| -> String {
        let start = dot
            .find(&format!("subgraph \"cluster_camp_{name}\" {{"))
            .unwrap_or_else(|| panic!("no {name} camp:\n{dot}"));
        let end = start + dot[start..].find("\n  }\n").unwrap();
        dot[start..end].to_string()
    };
    let (against, for_) = (camp("against"), camp("for"));
    assert!(against.contains("\"actor_russia\" ["), "{against}");
    assert!(!for_.contains("\"actor_russia\" ["), "{for_}");
    assert!(for_.contains("\"actor_ukraine\" ["), "{for_}");
    assert_eq!(dot.matches("\"actor_russia\" [label=").count(), 1);
    assert_eq!(dot.matches("\"actor_ukraine\" [label=").count(), 1);
    assert!(
        !dot.contains("\"actor_korybko\" [label="),
        "an observer in a camp"
    );
}

/// Observers (analysts, commentators) comment on the talks; the conflicts and
/// coalitions maps, like the queries, keep them out.
#[test]
fn no_observer_in_conflicts_or_coalitions_maps() {
    for map in ["conflicts", "coalitions"] {
        let dot = render(&["data", "--map", map]);
        for observer in ["korybko", "bolton", "vindman"] {
            assert!(
                !dot.contains(&format!("\"actor_{observer}\" [label=")),
                "{map} draws the observer {observer}"
            );
        }
        assert!(dot.contains("\"actor_russia\" [label="), "{map}");
    }
}
