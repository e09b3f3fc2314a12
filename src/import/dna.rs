//! Reads a Discourse Network Analyzer (DNA 3) database: its documents and the
//! statements coded on them (person, organisation, concept, agreement).
//!
//! A DNA 3 file is SQLite. Statement values live in one table per data type
//! (`DATASHORTTEXT` pointing at `ENTITIES`, `DATABOOLEAN`), keyed by statement
//! and variable; a statement's text is the span `Start..Stop` of its document's
//! `Text`, in UTF-16 code units (DNA is Java). Only statements whose type has the
//! variables asked for are read; the others (annotations, narrative codings) are
//! counted and left out.

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;

/// Which DNA variables hold what stancemap needs.
#[derive(Clone, Debug)]
pub struct Variables {
    pub organisation: String,
    pub person: String,
    pub concept: String,
    pub agreement: String,
}

impl Default for Variables {
    fn default() -> Variables {
        Variables {
            organisation: "organization".into(),
            person: "person".into(),
            concept: "concept".into(),
            agreement: "agreement".into(),
        }
    }
}

/// One coded statement, with its document's title, date and the coded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnaStatement {
    pub id: i64,
    pub organisation: String,
    pub person: String,
    pub concept: String,
    pub agreement: bool,
    /// Seconds since 1970-01-01 (UTC), the document's date.
    pub seconds: i64,
    pub document: String,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub struct DnaData {
    pub statements: Vec<DnaStatement>,
    /// Statements of other types, or missing a concept or agreement.
    pub skipped: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DnaError {
    #[error("{path}: cannot open as a DNA database: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: not a DNA 3 database ({what}); DNA 2 `.dna` files must be opened and saved in DNA 3 first")]
    NotDna { path: String, what: String },
    #[error("{path}: no statement type has the variables {organisation}, {concept} and {agreement}; name them with --organisation-var, --concept-var, --agreement-var")]
    NoStatementType {
        path: String,
        organisation: String,
        concept: String,
        agreement: String,
    },
    #[error("{path}: reading the database failed: {source}")]
    Query {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
}

/// Reads every statement that codes `vars`, in statement id order.
pub fn read(path: &Path, vars: &Variables) -> Result<DnaData, DnaError> {
    let shown = path.display().to_string();
    // Read-only: an import never changes the database it reads.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| DnaError::Open {
        path: shown.clone(),
        source,
    })?;
    let q = |source| DnaError::Query {
        path: shown.clone(),
        source,
    };
    for table in [
        "DOCUMENTS",
        "STATEMENTS",
        "VARIABLES",
        "DATASHORTTEXT",
        "DATABOOLEAN",
        "ENTITIES",
    ] {
        let found: Option<String> = conn
            .query_row(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .optional()
            .map_err(|source| match source {
                rusqlite::Error::SqliteFailure(..) => DnaError::NotDna {
                    path: shown.clone(),
                    what: "not an SQLite file".into(),
                },
                other => DnaError::Query {
                    path: shown.clone(),
                    source: other,
                },
            })?;
        if found.is_none() {
            return Err(DnaError::NotDna {
                path: shown.clone(),
                what: format!("no {table} table"),
            });
        }
    }
    // Variable ids per statement type, for the four variables.
    let mut types: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT ID, Variable, StatementTypeId FROM VARIABLES")
            .map_err(q)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(q)?;
        for row in rows {
            let (id, name, ty) = row.map_err(q)?;
            types.entry(ty).or_default().insert(name, id);
        }
    }
    let wanted: HashMap<i64, [Option<i64>; 4]> = types
        .iter()
        .filter_map(|(&ty, vs)| {
            let get = |n: &String| vs.get(n).copied();
            let ids = [
                get(&vars.organisation),
                get(&vars.person),
                get(&vars.concept),
                get(&vars.agreement),
            ];
            (ids[0].is_some() && ids[2].is_some() && ids[3].is_some()).then_some((ty, ids))
        })
        .collect();
    if wanted.is_empty() {
        return Err(DnaError::NoStatementType {
            path: shown,
            organisation: vars.organisation.clone(),
            concept: vars.concept.clone(),
            agreement: vars.agreement.clone(),
        });
    }

    let mut texts: HashMap<(i64, i64), String> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT d.StatementId, d.VariableId, e.Value FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity")
            .map_err(q)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(q)?;
        for row in rows {
            let (s, v, value) = row.map_err(q)?;
            texts.insert((s, v), value);
        }
    }
    let mut booleans: HashMap<(i64, i64), i64> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT StatementId, VariableId, Value FROM DATABOOLEAN")
            .map_err(q)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(q)?;
        for row in rows {
            let (s, v, value) = row.map_err(q)?;
            booleans.insert((s, v), value);
        }
    }

    let mut data = DnaData::default();
    let mut stmt = conn
        .prepare(
            "SELECT s.ID, s.StatementTypeId, s.Start, s.Stop, d.Title, d.Date, d.Text \
             FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId ORDER BY s.ID",
        )
        .map_err(q)?;
    let mut rows = stmt.query([]).map_err(q)?;
    while let Some(r) = rows.next().map_err(q)? {
        let id: i64 = r.get(0).map_err(q)?;
        let ty: Option<i64> = r.get(1).map_err(q)?;
        let Some(ids) = ty.and_then(|t| wanted.get(&t)) else {
            data.skipped += 1;
            continue;
        };
        let text_of = |v: Option<i64>| {
            v.and_then(|v| texts.get(&(id, v)))
                .cloned()
                .unwrap_or_default()
        };
        let organisation = text_of(ids[0]).trim().to_string();
        let person = text_of(ids[1]).trim().to_string();
        let concept = text_of(ids[2]).trim().to_string();
        let agreement = booleans.get(&(id, ids[3].expect("wanted has it"))).copied();
        let (Some(agreement), false, false) = (
            agreement,
            concept.is_empty(),
            organisation.is_empty() && person.is_empty(),
        ) else {
            data.skipped += 1;
            continue;
        };
        let (start, stop): (i64, i64) = (r.get(2).map_err(q)?, r.get(3).map_err(q)?);
        let document: String = r.get(4).map_err(q)?;
        let seconds: i64 = r.get(5).map_err(q)?;
        let body: String = r.get(6).map_err(q)?;
        data.statements.push(DnaStatement {
            id,
            organisation,
            person,
            concept,
            agreement: agreement != 0,
            seconds,
            document,
            text: utf16_span(&body, start, stop),
        });
    }
    Ok(data)
}

/// The text between two UTF-16 offsets (Java's string indices), whitespace
/// collapsed; offsets past the end are clamped.
fn utf16_span(text: &str, start: i64, stop: i64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let start = (start.max(0) as usize).min(units.len());
    let stop = (stop.max(0) as usize).clamp(start, units.len());
    String::from_utf16_lossy(&units[start..stop])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_utf16_units() {
        // "é" is one UTF-16 unit, "𝄞" two: Java's offsets, not bytes.
        assert_eq!(utf16_span("é𝄞 says\n  yes", 3, 14), "says yes");
        assert_eq!(utf16_span("short", 2, 99), "ort");
        assert_eq!(utf16_span("short", 9, 2), "");
    }
}
