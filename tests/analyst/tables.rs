//! Tables that fit: terminal width, CSV and Markdown.

use super::{assert_code, run, run_in, text};
use std::process::Output;
use unicode_width::UnicodeWidthStr;

/// Every command that prints a table, on the bundled record.
const TABLE_COMMANDS: &[&[&str]] = &[
    &["conflicts", "data"],
    &["conflicts", "data", "--pairs"],
    &["overlaps", "data"],
    &["camps", "data"],
    &["coalitions", "data"],
    &["actor", "russia", "data"],
    &["issue", "ukraine-nato-membership", "data"],
    &["bargaining", "data"],
    &["diff", "data", "--from", "2025-02-01", "--to", "2025-03-31"],
    &["path", "ukraine", "russia", "data"],
];

fn run_width(args: &[&str], columns: &str) -> Output {
    let out = super::support::command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    assert_code(&out, 0);
    out
}

#[test]
fn tables_fit_80_and_200_columns_and_cut_quotes_with_an_ellipsis() {
    for width in [80usize, 200] {
        for args in TABLE_COMMANDS {
            let out = text(&run_width(args, &width.to_string()).stdout);
            for line in out.lines() {
                assert!(
                    line.width() <= width,
                    "{args:?} at {width}: {} columns: {line}",
                    line.width()
                );
            }
        }
    }
    // At 200 the conflicts are one box table, a row per issue in conflict, quotes cut.
    let wide = text(&run_width(&["conflicts", "data"], "200").stdout);
    assert!(wide.starts_with('┌'), "{wide}");
    assert!(wide.contains('…'));
    // At 80 each conflict is a block of readable lines; the rows stay whole.
    let narrow = text(&run_width(&["conflicts", "data"], "80").stdout);
    let n = conflict_count();
    assert!(narrow.contains(&format!("── 1 of {n} ")), "{narrow}");
    assert!(narrow.contains(&format!("── {n} of {n} ")));
    assert!(narrow.contains("strongest for  "));
}

#[test]
fn without_a_terminal_or_columns_tables_are_80_wide() {
    let out = text(&run(&["issue", "ukraine-nato-membership", "data"]).stdout);
    let widest = out.lines().map(|l| l.width()).max().unwrap();
    assert_eq!(widest, 80, "{out}");
}

fn conflict_count() -> usize {
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["conflicts", "data", "--format", "json"]).stdout).unwrap();
    json["issues"].as_array().unwrap().len()
}

#[test]
fn csv_parses_back_one_row_per_issue_in_conflict() {
    let out = run(&["conflicts", "data", "--format", "csv"]);
    assert_code(&out, 0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "severity");
    assert!(header.contains(&"strongest for".to_string()));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), conflict_count());
    // Cells are whole (not cut) and keep their line breaks.
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["conflicts", "data", "--format", "json"]).stdout).unwrap();
    let first_text = json["issues"][0]["strongest_for"]["text"].as_str().unwrap();
    let strongest = header.iter().position(|h| h == "strongest for").unwrap();
    assert!(
        rows[0][strongest].starts_with(first_text),
        "{}",
        &rows[0][strongest]
    );
}

#[test]
fn csv_of_a_many_table_answer_names_each_rows_section() {
    let out = run(&["bargaining", "data", "--format", "csv"]);
    assert_code(&out, 0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(&reader.headers().unwrap()[0], "section");
    let width = reader.headers().unwrap().len();
    let sections: std::collections::BTreeSet<String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), width, "RFC 4180: every record has every field");
            r[0].to_string()
        })
        .collect();
    assert!(sections.contains("Open demands"), "{sections:?}");
    assert!(sections.contains("Red lines"), "{sections:?}");
}

#[test]
fn csv_cells_that_look_like_formulas_are_inert() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.yaml"),
        r#"actors:
  - {id: a, name: A, kind: state}
  - {id: b, name: B, kind: state}
issues:
  - {id: i, title: "=HYPERLINK(\"http://x\")", category: other}
positions:
  - {actor: a, issue: i, stance: support, strength: firm, summary: "=1+1", date: 2025-01-01}
  - {actor: b, issue: i, stance: oppose, strength: firm, summary: "@SUM(A1)", date: 2025-01-01}
"#,
    )
    .unwrap();
    let out = run_in(tmp.path(), &["conflicts", ".", "--format", "csv"]);
    assert_code(&out, 0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "live formula: {cell}"
            );
        }
    }
    assert!(cells > 0);
    assert!(text(&out.stdout).contains("'=1+1"));
}

/// The tables of a Markdown document: each a list of rows (header first), each
/// row a list of cell texts.
fn markdown_tables(doc: &str) -> Vec<Vec<Vec<String>>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut tables = Vec::new();
    let mut cell = None::<String>;
    for event in Parser::new_ext(doc, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                tables.last_mut().unwrap().push(Vec::new())
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let c = cell.take().unwrap();
                tables.last_mut().unwrap().last_mut().unwrap().push(c);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::InlineHtml(h) if h.as_ref() == "<br>" => {
                if let Some(c) = cell.as_mut() {
                    c.push('\n');
                }
            }
            _ => {}
        }
    }
    tables
}

#[test]
fn markdown_parses_back_as_a_table_with_one_row_per_issue_in_conflict() {
    let out = run(&["conflicts", "data", "--format", "markdown"]);
    assert_code(&out, 0);
    let tables = markdown_tables(&text(&out.stdout));
    assert_eq!(tables.len(), 1);
    let header = &tables[0][0];
    assert_eq!(header[0], "severity");
    assert_eq!(tables[0].len() - 1, conflict_count());
    for row in &tables[0][1..] {
        assert_eq!(row.len(), header.len());
    }
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["conflicts", "data", "--format", "json"]).stdout).unwrap();
    let strongest = header.iter().position(|h| h == "strongest for").unwrap();
    let first_text = json["issues"][0]["strongest_for"]["text"].as_str().unwrap();
    assert!(tables[0][1][strongest].starts_with(first_text));
}

#[test]
fn every_table_command_writes_markdown_tables() {
    for args in TABLE_COMMANDS {
        let mut args = args.to_vec();
        args.extend(["--format", "markdown"]);
        let out = run(&args);
        assert_code(&out, 0);
        let tables = markdown_tables(&text(&out.stdout));
        assert!(!tables.is_empty(), "{args:?}");
        let mut args_csv = args.clone();
        args_csv.truncate(args.len() - 1);
        args_csv.push("csv");
        let csv_out = run(&args_csv);
        assert_code(&csv_out, 0);
        let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
        assert!(reader.records().all(|r| r.is_ok()), "{args_csv:?}");
    }
}
