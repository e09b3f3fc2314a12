//! `stancemap network` on a record worked out by hand (tests/fixtures/network,
//! the example of docs/networks.md), and its GraphML read back by networkx.

use super::{fixture, python, run_ok};
use serde_json::Value;

fn edges(args: &[&str]) -> Vec<(String, String, f64)> {
    let dir = fixture("network");
    let mut all = vec!["network", dir.to_str().unwrap(), "--format", "json"];
    all.extend_from_slice(args);
    let json: Value = serde_json::from_str(&run_ok(&all)).unwrap();
    json["networks"][0]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["a"].as_str().unwrap().to_string(),
                e["b"].as_str().unwrap().to_string(),
                (e["weight"].as_f64().unwrap() * 1e6).round() / 1e6,
            )
        })
        .collect()
}

fn e(a: &str, b: &str, w: f64) -> (String, String, f64) {
    (a.into(), b.into(), w)
}

// Statement counts: A x+ ×2, y− ×1 (n 3); B x+ ×1, x− ×1, y− ×2 (n 4); C y+ ×1 (n 1).
// The analyst's y+ stays out (an observer).

#[test]
fn congruence_of_statements_under_each_normalisation() {
    let s = ["--count", "statements", "--normalize"];
    let with = |n: &str| edges(&[s[0], s[1], s[2], n]);
    // A–B: x 2·1 + y 1·2 = 4.
    assert_eq!(with("none"), vec![e("a", "b", 4.0)]);
    assert_eq!(with("average"), vec![e("a", "b", 1.142857)]); // 4 / ((3 + 4) / 2)
    assert_eq!(with("jaccard"), vec![e("a", "b", 0.8)]); // 4 / (m10 0 + m01 1 + m11 4)
    assert_eq!(with("cosine"), vec![e("a", "b", 0.333333)]); // 4 / (3 · 4)
}

#[test]
fn conflict_of_statements_under_each_normalisation() {
    let with = |n: &str| {
        edges(&[
            "--count",
            "statements",
            "--kind",
            "conflict",
            "--normalize",
            n,
        ])
    };
    assert_eq!(
        with("none"),
        vec![e("a", "b", 2.0), e("a", "c", 1.0), e("b", "c", 2.0)]
    );
    assert_eq!(
        with("average"),
        vec![e("a", "b", 0.571429), e("a", "c", 0.5), e("b", "c", 0.8)]
    );
    assert_eq!(
        with("jaccard"),
        vec![e("a", "b", 0.4), e("a", "c", 0.25), e("b", "c", 0.4)]
    );
    assert_eq!(
        with("cosine"),
        vec![
            e("a", "b", 0.166667),
            e("a", "c", 0.333333),
            e("b", "c", 0.5)
        ]
    );
    assert_eq!(
        edges(&["--count", "statements", "--kind", "subtract"]),
        vec![e("a", "b", 2.0), e("a", "c", -1.0), e("b", "c", -2.0)]
    );
}

#[test]
fn the_live_network_counts_issues_on_the_latest_stances() {
    // Live: A x+, y−; B x− (its later position), y−; C y+.
    assert_eq!(edges(&[]), vec![e("a", "b", 1.0)]);
    assert_eq!(
        edges(&["--kind", "conflict"]),
        vec![e("a", "b", 1.0), e("a", "c", 1.0), e("b", "c", 1.0)]
    );
    // Before B turned, A and B agreed on X and no one else had spoken.
    assert_eq!(edges(&["--as-of", "2025-01-31"]), vec![e("a", "b", 1.0)]);
    // The analyst counts when asked for.
    assert_eq!(
        edges(&["--include-observers"]),
        vec![e("a", "b", 1.0), e("c", "pundit", 1.0)]
    );
}

#[test]
fn windows_split_the_statements() {
    let dir = fixture("network");
    let json: Value = serde_json::from_str(&run_ok(&[
        "network",
        dir.to_str().unwrap(),
        "--count",
        "statements",
        "--window",
        "1m",
        "--format",
        "json",
    ]))
    .unwrap();
    let nets = json["networks"].as_array().unwrap();
    assert_eq!(nets.len(), 2);
    assert_eq!(nets[0]["start"], "2025-01-10");
    assert_eq!(nets[0]["end"], "2025-02-09");
    assert_eq!(nets[0]["statements"], 4);
    // January: A x+ ×2 with B x+ ×1.
    assert_eq!(nets[0]["edges"][0]["weight"], 2.0);
    assert_eq!(nets[1]["edges"].as_array().unwrap().len(), 0);
}

#[test]
fn two_mode_gives_sides_per_issue() {
    let dir = fixture("network");
    let csv = run_ok(&[
        "network",
        dir.to_str().unwrap(),
        "--two-mode",
        "--count",
        "statements",
        "--format",
        "csv",
        "--matrix",
    ]);
    assert_eq!(csv, "\"\",x,y\na,2,-1\nb,0,-2\nc,0,1\n");
}

/// The GraphML of a series, read back with networkx: every graph has the same
/// edges and weights as the JSON, with typed attributes.
#[test]
fn graphml_reads_back_in_networkx_with_the_same_edges_and_weights() {
    let dir = fixture("network");
    let dir = dir.to_str().unwrap();
    let args = [
        "--count",
        "statements",
        "--kind",
        "subtract",
        "--normalize",
        "jaccard",
    ];
    let mut json_args = vec!["network", dir, "--format", "json", "--window", "1m"];
    json_args.extend_from_slice(&args);
    let json: Value = serde_json::from_str(&run_ok(&json_args)).unwrap();
    let mut gml_args = vec!["network", dir, "--format", "graphml", "--window", "1m"];
    gml_args.extend_from_slice(&args);
    let graphml = run_ok(&gml_args);
    let script = r#"
import sys, json, networkx as nx
from networkx.readwrite.graphml import GraphMLReader
graphs = list(GraphMLReader()(string=sys.stdin.read()))
out = []
for g in graphs:
    assert not g.is_directed()
    edges = []
    for a, b, d in g.edges(data=True):
        assert isinstance(d["weight"], float), d
        ra, rb = sorted([g.nodes[a]["record_id"], g.nodes[b]["record_id"]])
        edges.append([ra, rb, round(d["weight"], 6)])
    for n, d in g.nodes(data=True):
        assert isinstance(d["label"], str) and isinstance(d["activity"], float)
    out.append({"start": g.graph["start"], "statements": g.graph["statements"], "edges": sorted(edges)})
print(json.dumps(out))
"#;
    let Some(out) = python(&["networkx"], script, &graphml) else {
        return;
    };
    let read: Value = serde_json::from_slice(&out.stdout).unwrap();
    let nets = json["networks"].as_array().unwrap();
    assert_eq!(read.as_array().unwrap().len(), nets.len());
    for (r, n) in read.as_array().unwrap().iter().zip(nets) {
        assert_eq!(r["start"], n["start"]);
        assert_eq!(r["statements"], n["statements"]);
        let want: Vec<Value> = n["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                serde_json::json!([
                    e["a"],
                    e["b"],
                    (e["weight"].as_f64().unwrap() * 1e6).round() / 1e6
                ])
            })
            .collect();
        assert_eq!(r["edges"], Value::Array(want));
    }
    // And the one-network file opens with read_graphml, as a user would.
    let one = run_ok(&["network", dir, "--format", "graphml", "--kind", "conflict"]);
    let script = r#"
import sys, networkx as nx, tempfile
f = tempfile.NamedTemporaryFile("w", suffix=".graphml", delete=False); f.write(sys.stdin.read()); f.close()
g = nx.read_graphml(f.name)
print(sorted((a, b, d["weight"]) for a, b, d in g.edges(data=True)))
print(g.nodes["c"]["label"])
"#;
    let out = python(&["networkx"], script, &one).unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[('a', 'b', 1.0), ('a', 'c', 1.0), ('b', 'c', 1.0)]\nParty C, \"the third\"\n"
    );
}
