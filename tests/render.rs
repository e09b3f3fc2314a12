//! `stancemap render`: DOT snapshots of every map on the small fixture, Graphviz
//! rendering, the HTML page in a headless browser, and the committed `graphs/`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

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
    support::command()
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

/// Runs `args -o page`, which must succeed, and returns the page written.
fn render_page(args: &[&str], page: &Path) -> String {
    let out = stancemap().args(args).arg("-o").arg(page).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(page).unwrap()
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
    if !support::require_dot() {
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
    if !support::require_dot() {
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
    let with_dot = support::require_dot();
    if !with_dot {
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
    if with_dot {
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

/// Runs tests/browser/explore.mjs on `page` in `mode` ("map" or "scenario")
/// and returns what it saw, having checked what every page must: no console
/// error, no request leaving it, no URL pointing outside it, and detectors that
/// do see a page reaching out. `None` when the tools are missing (and not required).
fn explored_in_a_browser(page: &Path, mode: &str) -> Option<serde_json::Value> {
    let tools = browser_tools();
    let why = tools.as_ref().err().cloned().unwrap_or_default();
    let Some(browser) = tools.ok() else {
        support::require_tool(&format!("the browser test's tools ({why})"), || false);
        return None;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/explore.mjs");
    let out = std::process::Command::new("node")
        .arg(&script)
        .arg(page)
        .arg(&browser)
        .arg(mode)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "explore.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(seen["errors"], serde_json::json!([]), "console errors");
    // With the network off and every other request aborted, none was even tried…
    for log in ["requests", "blocked", "websockets"] {
        assert_eq!(
            seen[log],
            serde_json::json!([]),
            "{log}: the page reached out"
        );
    }
    // …and no attribute or style of the live page, at load or after the
    // interactions, points outside it.
    for scan in ["urls_at_load", "urls_at_end"] {
        let outside: Vec<_> = seen[scan]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["inside"] != true)
            .collect();
        assert!(outside.is_empty(), "{scan}: {outside:?}");
    }
    // The detectors see a page that does reach out: an image, a style sheet and
    // a CSS background added to it are each requested (and aborted) and scanned.
    let probe = &seen["probe"];
    for url in [
        "https://example.invalid/a.png",
        "http://example.invalid/s.css",
        "https://example.invalid/b.png",
    ] {
        assert!(
            probe["requests"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!(url)),
            "the request log missed {url}: {probe}"
        );
        assert!(
            probe["urls"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!(url)),
            "the scan missed {url}: {probe}"
        );
    }
    Some(seen)
}

/// The HTML map in a real headless Chromium, driven by tests/browser/explore.mjs
/// (Playwright): the page loads with no console error and no request leaving
/// it; search by alias centres and shows the party; clicking a conflict edge
/// shows its claims with their quotes; hover highlights the neighbours; the
/// wheel zooms; the date slider swaps in the map as of an earlier date.
#[test]
fn html_map_explored_in_a_browser() {
    if !support::require_dot() {
        return;
    }
    let dir = temp_dir("html");
    let page = dir.join("conflicts.html");
    let html = render_page(&["render", "data", "--map", "conflicts"], &page);
    // Self-contained: no URL at all, one inline SVG per date, the data inline.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert_eq!(
        urls_leaving(&html),
        Vec::<String>::new(),
        "URLs out of the page"
    );
    assert!(html.contains("<template id=\"snap-0\"><svg"));
    assert_eq!(html.matches("<script").count(), 2);
    let Some(seen) = explored_in_a_browser(&page, "map") else {
        return;
    };
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

/// A scenario's HTML page (`render --scenario S.yaml -o map.html`) in a real
/// headless Chromium: it opens on the map after the moves with the resolved
/// conflict dashed and the changes listed; the toggle shows the map before,
/// where the same pair is a live conflict with the record's quotes; claims the
/// moves made say so with the scenario's quote and note; a claim the removal
/// renumbered still shows its own quotes; the date slider works on each side.
#[test]
fn scenario_page_toggles_before_and_after_in_a_browser() {
    if !support::require_dot() {
        return;
    }
    let dir = temp_dir("scenario-html");
    let page = dir.join("turn.html");
    let html = render_page(
        &[
            "render",
            "tests/fixtures/scenario/record",
            "--map",
            "conflicts",
            "--scenario",
            "tests/fixtures/scenario/turn.yaml",
        ],
        &page,
    );
    // One page holds both states, each drawn as of every date.
    for id in ["snap-0", "snap-1", "after-0", "after-1"] {
        assert!(
            html.contains(&format!("<template id=\"{id}\"><svg")),
            "{id}"
        );
    }
    assert_eq!(urls_leaving(&html), Vec::<String>::new());
    let Some(seen) = explored_in_a_browser(&page, "scenario") else {
        return;
    };
    assert_eq!(seen["changes_title"], "Scenario turn");
    let changes: Vec<&str> = seen["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for line in [
        "conflict resolved: Alpha — Beta on treaty (high opposed-positions)",
        "conflict created: Alpha — Gamma on treaty (high opposed-positions)",
        "beta changes camp on treaty: against → for",
        "gamma changes camp on treaty: for → against",
    ] {
        assert!(changes.contains(&line), "{line} not in {changes:?}");
    }
    // After the moves (shown first): Alpha–Beta resolved, Alpha–Gamma new.
    let after = &seen["after"];
    assert_eq!(after["after_pressed"], "true");
    assert_eq!(
        after["resolved"],
        serde_json::json!(["e--actor_alpha--actor_beta--resolved"])
    );
    assert_eq!(
        after["new_edges"],
        serde_json::json!(["e--actor_alpha--actor_gamma"])
    );
    let resolved = &seen["after_resolved_panel"];
    assert_eq!(resolved["title"], "Alpha — Beta");
    assert!(
        resolved["kind"]
            .as_str()
            .unwrap()
            .starts_with("conflict resolved by the moves"),
        "{resolved}"
    );
    // Beta's new position says where it comes from, with the scenario's source and note.
    assert!(resolved["claims"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("Beta would sign the treaty.")));
    assert_eq!(
        resolved["scenario"],
        serde_json::json!(["added by scenario turn, move 2 (beta takes support (firm) on treaty)"])
    );
    let quotes = resolved["quotes"].to_string();
    assert!(
        quotes.contains("Beta could be brought to sign") && quotes.contains("scenario-report.txt"),
        "{quotes}"
    );
    assert!(resolved["meta"]
        .to_string()
        .contains("Scenario note: What a mediator proposed"));
    // p-gamma's removal renumbers the positions after it: Beta–Union still
    // shows its own two claims and quotes.
    let aid = &seen["after_aid_panel"];
    assert_eq!(
        aid["claims"],
        serde_json::json!(["Beta is against aid.", "The Union sends aid."])
    );
    assert_eq!(aid["quotes"].as_array().unwrap().len(), 2);
    assert!(aid["quotes"]
        .to_string()
        .contains("Beta is against any aid"));
    // Before: no marks, and Alpha–Beta is a live conflict with the record's quotes.
    let before = &seen["before"];
    assert_eq!(before["after_pressed"], "false");
    assert_eq!(before["resolved"], serde_json::json!([]));
    assert!(before["edges"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("e--actor_alpha--actor_beta")));
    let pair = &seen["before_pair_panel"];
    assert!(pair["kind"]
        .as_str()
        .unwrap()
        .starts_with("conflict, one red line"));
    assert!(pair["quotes"]
        .to_string()
        .contains("Beta rejects the treaty outright"));
    assert_eq!(pair["scenario"], serde_json::json!([]));
    // The date slider swaps drawings on the after side too.
    assert_eq!(seen["after_first"]["date"], "2025-01-10");
    assert_eq!(seen["after_first"]["after_pressed"], "true");
    // The latest after drawing is as of the moves' date (the scenario's,
    // later than the record's latest claim).
    assert_eq!(seen["after_last"]["date"], "2025-02-01");
    assert_eq!(seen["after_last"]["resolved"], after["resolved"]);
    assert_eq!(seen["changes_again"].as_u64(), Some(changes.len() as u64));
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

/// `--include-observers` counts them as parties, as it does in the queries.
#[test]
fn include_observers_puts_them_back_in_the_maps() {
    let dot = render(&["data", "--map", "conflicts", "--include-observers"]);
    assert!(
        ["korybko", "bolton", "vindman"]
            .iter()
            .any(|o| dot.contains(&format!("\"actor_{o}\" [label="))),
        "no observer drawn with --include-observers"
    );
    assert!(dot.contains("observers counted as parties"));
}

/// The demands map draws live demands; a settled one (Trump's land-for-peace
/// demand, rejected) only with `--history`, its status told by a dashed border,
/// and the map says how many it left out without it.
#[test]
fn demands_map_shows_history_only_when_asked() {
    let live = render(&["data", "--map", "demands"]);
    assert!(!live.contains("\"demand_d_trump_ukraine_cede_land\""));
    assert!(live.contains("settled demand (met, rejected, dropped)\\nnot drawn: add --history"));
    let all = render(&["data", "--map", "demands", "--history"]);
    let node = all
        .lines()
        .find(|l| l.contains("\"demand_d_trump_ukraine_cede_land\" ["))
        .expect("the rejected demand drawn with --history");
    assert!(
        node.contains("class=\"demand rejected\"") && node.contains("dashed"),
        "{node}"
    );
    assert!(!all.contains("not drawn: add --history"));
    // Grouped by addressee: each open demand sits in its addressee's cluster.
    assert!(live.contains("subgraph \"cluster_asked_ukraine\""));
}

/// Every URL in the page's text that points outside it: the value of each
/// URL-bearing attribute (`src`, `href`, `xlink:href`, `srcset`, `action`,
/// `poster`, `data`, …), each `url(...)` and `@import` in CSS, each `<base>` and
/// refresh. A fragment (`#id`) or inline `data:` stays in the page. A text scan,
/// so it sees inside `<template>`s and scripts too; the browser test scans the
/// live document as well.
fn urls_leaving(html: &str) -> Vec<String> {
    const ATTRS: &[&str] = &[
        "src",
        "href",
        "xlink:href",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "ping",
        "manifest",
        "cite",
        "longdesc",
        "codebase",
        "archive",
        "usemap",
        "icon",
        "lowsrc",
    ];
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let inside = |v: &str| {
        let v = v.trim();
        v.is_empty() || v.starts_with('#') || v.starts_with("data:")
    };
    // The value after `at`: quoted, or up to white space or `>`/`)`/`;`.
    let value_at = |mut at: usize| -> String {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let (start, end) = match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = lower[at + 1..]
                    .find(q as char)
                    .map_or(bytes.len(), |e| at + 1 + e);
                (at + 1, end)
            }
            _ => {
                let end = lower[at..]
                    .find(|c: char| c.is_ascii_whitespace() || matches!(c, '>' | ')' | ';'))
                    .map_or(bytes.len(), |e| at + e);
                (at, end)
            }
        };
        html[start..end].to_string()
    };
    let mut out = Vec::new();
    for attr in ATTRS {
        for (at, _) in lower.match_indices(attr) {
            // A whole attribute name (after white space, before `=`) in a tag
            // (after a `<` not yet closed), not a word in a script.
            let in_tag = lower[..at].rfind('<') > lower[..at].rfind('>');
            if at == 0 || !bytes[at - 1].is_ascii_whitespace() || !in_tag {
                continue;
            }
            let rest = lower[at + attr.len()..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let value = value_at(lower.len() - rest.len());
            let values: Vec<&str> = if *attr == "srcset" {
                value
                    .split(',')
                    .map(|c| c.split_whitespace().next().unwrap_or(""))
                    .collect()
            } else {
                vec![value.as_str()]
            };
            out.extend(values.into_iter().filter(|v| !inside(v)).map(String::from));
        }
    }
    for (at, _) in lower.match_indices("url(") {
        let value = value_at(at + 4);
        if !inside(&value) {
            out.push(value);
        }
    }
    for (at, _) in lower.match_indices("@import") {
        let rest = &lower[at + 7..];
        let skip = if rest.trim_start().starts_with("url(") {
            rest.len() - rest.trim_start().len() + 4
        } else {
            0
        };
        out.push(value_at(at + 7 + skip));
    }
    for needle in ["<base", "http-equiv=\"refresh\"", "http-equiv=refresh"] {
        out.extend(
            lower
                .match_indices(needle)
                .map(|(at, _)| html[at..].chars().take(60).collect()),
        );
    }
    out
}

/// The scan finds each kind of URL a page could leave by, and passes a page's
/// own fragments and inline data.
#[test]
fn url_scan_finds_every_way_out_of_a_page() {
    let page = r##"<html><head><base href="https://e.x/"><meta http-equiv="refresh" content="0;url=https://e.x/r">
<link rel=stylesheet href=https://e.x/1.css><style>@import "https://e.x/2.css"; a { background: url('https://e.x/3.png') }</style>
<script src="https://e.x/4.js"></script></head><body>
<img src="https://e.x/5.png" srcset="#ok 1x, https://e.x/6.png 2x"><video poster='https://e.x/7.png'></video>
<form action="https://e.x/8"><button formaction="https://e.x/9">go</button></form><object data="https://e.x/10"></object>
<svg><a xlink:href="https://e.x/11"><use href="#here"/></a><image href="data:image/png;base64,AAAA"/></svg>
<div style="background-image:url(https://e.x/12.png)"></div><a ping="https://e.x/13" href="#top">top</a>
<template><img SRC="https://e.x/14.png"></template></body></html>"##;
    let urls = urls_leaving(page);
    let found = urls.join("\n");
    for n in 1..=14 {
        let url = format!("https://e.x/{n}");
        assert!(
            urls.iter()
                .any(|u| *u == url || u.starts_with(&format!("{url}."))),
            "missed {url}:\n{found}"
        );
    }
    assert!(
        found.contains("<base") && found.contains("refresh"),
        "{found}"
    );
    for inside in ["#ok", "#here", "#top", "data:image"] {
        assert!(
            !found.contains(inside),
            "{inside} is the page's own:\n{found}"
        );
    }
}
