use super::{fixture, python, run_ok};

fn export(format: &str) -> String {
    run_ok(&[
        "export",
        "--format",
        format,
        fixture("small").to_str().unwrap(),
    ])
}

// The small fixture: 6 actors + 3 issues + 2 demands + 1 concession + 1 event;
// edges: 2 member_of, 1 sub-issue, 5 positions, demands 2 makes + 2 asked_of +
// 2 on + 1 conflicts + 1 stated_at, concession gives + given_to + on,
// 3 participations.
const NODES: usize = 13;
const EDGES: usize = 22;

const NETWORKX_CHECK: &str = r#"
import sys, networkx as nx
fmt = sys.argv[1]
g = nx.read_graphml(sys.stdin.buffer) if fmt == "graphml" else nx.read_gexf(sys.stdin.buffer)
stances = sorted(d["stance"] for _, _, d in g.edges(data=True) if d.get("relation") == "POSITION")
assert g.nodes["actor:lavrov"]["record_id"] == "lavrov", g.nodes["actor:lavrov"]
print(g.number_of_nodes(), g.number_of_edges(), g.nodes["actor:russia"]["kind"], ",".join(stances))
"#;

fn networkx_loads(format: &str) {
    let text = export(format);
    let script = format!("import sys; sys.argv = ['-', '{format}']\n{NETWORKX_CHECK}");
    let Some(out) = python(&["networkx"], &script, &text) else {
        return;
    };
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("{NODES} {EDGES} state oppose,oppose,oppose,support,support")
    );
}

#[test]
fn graphml_loads_in_networkx() {
    networkx_loads("graphml");
}

#[test]
fn gexf_loads_in_networkx() {
    networkx_loads("gexf");
}

#[test]
fn turtle_answers_a_sparql_conflict_query() {
    let text = export("turtle");
    let script = r#"
import sys, pyoxigraph as ox
store = ox.Store()
store.load(sys.stdin.buffer.read(), format=ox.RdfFormat.TURTLE)
q = '''PREFIX sm: <https://w3id.org/stancemap/vocab#>
SELECT ?opp ?sup WHERE {
  ?p1 a sm:Position ; sm:issue ?i ; sm:actor ?a ; sm:stance "oppose" .
  ?p2 a sm:Position ; sm:issue ?i ; sm:actor ?b ; sm:stance "support" .
  ?i sm:id "occupied-territories-russian-control" .
  ?a sm:id ?opp . ?b sm:id ?sup .
}'''
for row in store.query(q):
    print(row["opp"].value, row["sup"].value)
"#;
    let Some(out) = python(&["pyoxigraph"], script, &text) else {
        return;
    };
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "ukraine russia"
    );
}

#[test]
fn csv_writes_neo4j_import_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("neo4j");
    run_ok(&[
        "export",
        "--format",
        "csv",
        fixture("small").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let actors = std::fs::read_to_string(out.join("nodes-actor.csv")).unwrap();
    assert!(actors.starts_with("uid:ID,id,name,kind,aliases:string[]"));
    assert_eq!(actors.lines().count(), 7);
    let positions = std::fs::read_to_string(out.join("rels-position.csv")).unwrap();
    assert!(positions.starts_with(":START_ID,:END_ID,:TYPE,"));
    assert_eq!(positions.lines().count(), 6);
}

#[test]
fn csv_without_a_directory_is_a_usage_error() {
    let out = super::stancemap()
        .args([
            "export",
            "--format",
            "csv",
            fixture("small").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o DIR"));
}

#[test]
fn cypher_merges_every_node_and_edge() {
    let text = export("cypher");
    assert_eq!(text.matches("MERGE (n:").count(), NODES);
    assert_eq!(text.matches("MERGE (a)-[r:").count(), EDGES);
}

#[test]
fn output_file_is_written_and_exports_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.graphml");
    let small = fixture("small");
    run_ok(&[
        "export",
        "--format",
        "graphml",
        small.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), export("graphml"));
}

/// Every format of the small fixture, pinned: a change to an export shows in review.
#[test]
fn exports_of_the_small_fixture() {
    for format in ["graphml", "gexf", "cypher", "turtle"] {
        insta::assert_snapshot!(format!("small_{format}"), export(format));
    }
    let dir = tempfile::tempdir().unwrap();
    let small = fixture("small");
    run_ok(&[
        "--quiet",
        "export",
        "--format",
        "csv",
        small.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let mut all = String::new();
    for name in [
        "nodes-actor.csv",
        "nodes-issue.csv",
        "nodes-demand.csv",
        "nodes-concession.csv",
        "nodes-event.csv",
        "rels-position.csv",
        "rels-conflicts-with.csv",
    ] {
        all.push_str(&format!("== {name}\n"));
        all.push_str(&std::fs::read_to_string(dir.path().join(name)).unwrap());
    }
    insta::assert_snapshot!("small_csv", all);
}

/// Issue 21: list items are never split on a `;` they hold — CSV joins them with
/// U+001F, GraphML writes a JSON array.
#[test]
fn an_alias_with_a_semicolon_comes_back_whole_from_csv_graphml_and_gexf() {
    let dir = tempfile::tempdir().unwrap();
    super::copy_record(dir.path());
    let actors = dir.path().join("actors.yaml");
    let text = std::fs::read_to_string(&actors).unwrap().replace(
        "aliases: [Moscow, Kremlin]",
        "aliases: [\"Moscow; the Kremlin\", Kremlin]",
    );
    assert!(text.contains("Moscow; the Kremlin"), "fixture changed");
    std::fs::write(&actors, text).unwrap();
    let record = dir.path().to_str().unwrap();
    let csv_dir = tempfile::tempdir().unwrap();
    run_ok(&[
        "--quiet",
        "export",
        "--format",
        "csv",
        record,
        "-o",
        csv_dir.path().to_str().unwrap(),
    ]);
    let csv_text = std::fs::read_to_string(csv_dir.path().join("nodes-actor.csv")).unwrap();
    let script = r#"
import csv, sys
rows = list(csv.DictReader(sys.stdin))
russia = [r for r in rows if r["id"] == "russia"][0]
print(russia["aliases:string[]"].split("\x1f"))
"#;
    let Some(out) = python(&["csv"], script, &csv_text) else {
        return;
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "['Moscow; the Kremlin', 'Kremlin']"
    );
    // GraphML and GEXF carry a list as JSON text in a string attribute.
    for format in ["graphml", "gexf"] {
        let text = run_ok(&["export", "--format", format, record]);
        let script = format!(
            r#"
import json, sys, networkx
g = networkx.read_{format}(sys.stdin.buffer)
node = g.nodes["actor:russia"] if "actor:russia" in g.nodes else [d for _, d in g.nodes(data=True) if d.get("label") == "Russia"][0]
print(json.loads(node["aliases"]))
"#
        );
        let Some(out) = python(&["networkx"], &script, &text) else {
            return;
        };
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "['Moscow; the Kremlin', 'Kremlin']",
            "{format}"
        );
    }
}
