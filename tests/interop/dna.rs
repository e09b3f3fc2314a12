//! `stancemap import dna` on DNA's own sample database (../shared/interop/dna):
//! the record passes `check` with only its one same-day yes-and-no as a warning,
//! and its statement networks equal DNA's, derived here straight from the
//! database with SQL (docs/networks.md, "Checking against DNA").

use super::stancemap;
use rusqlite::Connection;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sample database: in `shared/` beside the checkout (CI and the main
/// checkout), or beside the worktrees' parent.
fn sample() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = ["../shared", "../../shared"]
        .iter()
        .map(|up| root.join(up).join("interop/dna/sample.dna"))
        .find(|p| p.is_file());
    // A missing sample is a missing tool: a notice here, a failure in CI.
    super::support::require_tool(
        "DNA's sample database (../shared/interop/dna/sample.dna)",
        || found.is_some(),
    );
    found
}

fn import(db: &Path, dir: &Path) {
    let out = stancemap()
        .args(["import", "dna"])
        .arg(db)
        .arg("-o")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// DNA's one-mode network with statement counts, no normalisation, duplicates
/// included, by organisation: for each pair of statements on one concept by two
/// organisations, congruence counts equal agreement values, conflict different.
const DNA_NETWORK_SQL: &str = "
WITH s AS (
  SELECT st.ID AS id,
    (SELECT e.Value FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity
       JOIN VARIABLES v ON v.ID = d.VariableId
       WHERE d.StatementId = st.ID AND v.Variable = 'organization') AS org,
    (SELECT e.Value FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity
       JOIN VARIABLES v ON v.ID = d.VariableId
       WHERE d.StatementId = st.ID AND v.Variable = 'concept') AS concept,
    (SELECT b.Value FROM DATABOOLEAN b JOIN VARIABLES v ON v.ID = b.VariableId
       WHERE b.StatementId = st.ID AND v.Variable = 'agreement') AS agree
  FROM STATEMENTS st JOIN STATEMENTTYPES t ON t.ID = st.StatementTypeId
  WHERE t.Label = 'DNA Statement')
SELECT a.org, b.org,
       SUM(CASE WHEN a.agree = b.agree THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.agree <> b.agree THEN 1 ELSE 0 END)
FROM s a JOIN s b ON a.concept = b.concept AND a.org < b.org
GROUP BY a.org, b.org";

type Edges = BTreeMap<(String, String), f64>;

fn dna_networks(db: &Path) -> (Edges, Edges) {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare(DNA_NETWORK_SQL).unwrap();
    let (mut congruence, mut conflict) = (Edges::new(), Edges::new());
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
                r.get::<_, f64>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (a, b, agree, disagree) = row.unwrap();
        if agree > 0.0 {
            congruence.insert((a.clone(), b.clone()), agree);
        }
        if disagree > 0.0 {
            conflict.insert((a, b), disagree);
        }
    }
    (congruence, conflict)
}

/// stancemap's network of the imported record, its edges keyed by organisation names.
fn stancemap_network(record: &Path, kind: &str) -> Edges {
    let out = stancemap()
        .arg("network")
        .arg(record)
        .args(["--count", "statements", "--kind", kind, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let net = &json["networks"][0];
    let names: BTreeMap<&str, &str> = net["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n["name"].as_str().unwrap()))
        .collect();
    net["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut pair = [
                names[e["a"].as_str().unwrap()].to_string(),
                names[e["b"].as_str().unwrap()].to_string(),
            ];
            pair.sort();
            let [a, b] = pair;
            ((a, b), e["weight"].as_f64().unwrap())
        })
        .collect()
}

#[test]
fn the_dna_sample_imports_checks_and_gives_dnas_networks() {
    let Some(db) = sample() else { return };
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("climate");
    import(&db, &record);

    let out = stancemap()
        .arg("check")
        .arg(&record)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    assert_eq!(report["warnings"], 1, "{report:#}");
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "contradictory-claims");
    let text = std::fs::read_to_string(record.join("positions.yaml")).unwrap();
    let line = text
        .lines()
        .nth(d["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    assert_eq!(
        line, "  - actor: joel-bluestein",
        "the same-day yes-and-no (statements 3 and 4)"
    );

    let (congruence, conflict) = dna_networks(&db);
    assert!(
        congruence.len() >= 5 && conflict.len() >= 5,
        "the sample has both kinds of tie"
    );
    assert_eq!(stancemap_network(&record, "congruence"), congruence);
    assert_eq!(stancemap_network(&record, "conflict"), conflict);
}

#[test]
fn import_refuses_a_non_empty_directory_without_force() {
    let Some(db) = sample() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.yaml"), "actors: []\n").unwrap();
    let out = stancemap()
        .args(["import", "dna"])
        .arg(&db)
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    assert!(!dir.path().join("positions.yaml").exists());
    let forced = stancemap()
        .args(["import", "dna"])
        .arg(&db)
        .arg("-o")
        .arg(dir.path())
        .arg("--force")
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert!(dir.path().join("positions.yaml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.yaml")).unwrap(),
        "actors: []\n"
    );
}

#[test]
fn a_file_that_is_not_a_dna_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("notes.dna");
    std::fs::write(&bogus, "this is not SQLite").unwrap();
    let out = stancemap()
        .args(["import", "dna"])
        .arg(&bogus)
        .arg("-o")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.dna") && err.contains("DNA"), "{err}");
    assert!(!dir.path().join("out").exists());
}
