//! Small records written for one rule each, loaded from text, and their
//! diagnostics as (code, file, line, column) for located assertions.

use crate::load::{load_texts, Limits, Loaded};

/// Two states, a minister of the first, an analyst, and two issues; a test
/// appends its own sections.
pub const BASE: &str = "\
actors:
  - {id: russia, name: Russia, kind: state, sources: [{doc: d.txt, quote: q}]}
  - {id: ukraine, name: Ukraine, kind: state, sources: [{doc: d.txt, quote: q}]}
  - {id: lavrov, name: Lavrov, kind: person, member_of: [russia], sources: [{doc: d.txt, quote: q}]}
  - {id: korybko, name: Korybko, kind: analyst, sources: [{doc: d.txt, quote: q}]}
issues:
  - {id: land, title: Ukraine regains its land, category: territory}
  - {id: nato, title: Ukraine joins NATO, category: security}
";

pub fn load(extra: &str) -> Loaded {
    load_texts(
        [("r.yaml".to_string(), format!("{BASE}{extra}"))],
        &Limits::default(),
    )
}

/// Every diagnostic as `code@file:line:column`.
pub fn located(loaded: &Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|d| match &d.location {
            Some(l) => format!(
                "{}@{}:{}:{}",
                d.code.as_str(),
                loaded.files.name(l.file),
                l.line,
                l.column
            ),
            None => d.code.as_str().to_string(),
        })
        .collect()
}

/// `r.yaml:line:column` of `col_needle` on the first line containing `line_needle`.
pub fn at(extra: &str, line_needle: &str, col_needle: &str) -> String {
    let text = format!("{BASE}{extra}");
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(line_needle))
        .expect("line needle in the record");
    let col = line.find(col_needle).expect("column needle on the line");
    format!("r.yaml:{}:{}", i + 1, line[..col].chars().count() + 1)
}
