//! The filter and output flags the query commands share, and their resolution
//! against the record: ids become indices here, before any query runs, so an
//! unknown id is a usage error with a "did you mean" and never an empty answer.

use super::CliError;
use crate::diagnostic::did_you_mean;
use crate::model::{ActorIdx, Category, Confidence, Date, IssueIdx, Record};
use crate::query::Filter;
use crate::render::pairs_json::Layout;
use crate::render::query_json::{self, LinesError};
use crate::render::tables::{TableStyle, Tables};
use crate::render::terminal::SafeWriter;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// Filters on the claims themselves, which every query accepts.
#[derive(Args, Debug, Clone)]
pub struct ClaimFilters {
    /// Keep only issues of this category.
    #[arg(long, value_name = "CATEGORY", help_heading = "Filters")]
    pub category: Option<Category>,
    /// Keep only claims dated on or before DATE (YYYY-MM-DD or YYYY-MM).
    #[arg(long, value_name = "DATE", help_heading = "Filters")]
    pub as_of: Option<Date>,
    /// Drop claims whose best source is less sure than LEVEL (high, medium, low).
    #[arg(long, value_name = "LEVEL", help_heading = "Filters")]
    pub min_confidence: Option<Confidence>,
    /// Keep people apart instead of folding them into the party they belong to.
    #[arg(long, help_heading = "Filters")]
    pub people: bool,
    /// Count analysts and other observers as parties (in camps, coalitions, bargaining).
    #[arg(long, help_heading = "Filters")]
    pub include_observers: bool,
}

impl ClaimFilters {
    pub fn filter(&self) -> Filter {
        Filter {
            category: self.category,
            as_of: self.as_of,
            min_confidence: self.min_confidence,
            people: self.people,
            include_observers: self.include_observers,
            ..Filter::default()
        }
    }
}

/// Claim filters plus the issue and actor a list can be narrowed to.
#[derive(Args, Debug, Clone)]
pub struct FilterArgs {
    /// Keep only this issue and its sub-issues.
    #[arg(long, value_name = "ID", help_heading = "Filters")]
    pub issue: Option<String>,
    /// Keep only rows that involve this actor (any id, name or alias).
    #[arg(long, value_name = "ID", help_heading = "Filters")]
    pub actor: Option<String>,
    #[command(flatten)]
    pub claims: ClaimFilters,
}

impl FilterArgs {
    pub fn resolve(&self, record: &Record) -> Result<Filter, CliError> {
        let mut filter = self.claims.filter();
        if let Some(id) = &self.issue {
            filter.issues = Some(record.issue_with_descendants(resolve_issue(record, id)?));
        }
        if let Some(name) = &self.actor {
            filter.actor = Some(resolve_actor(record, name)?);
        }
        Ok(filter)
    }
}

pub fn resolve_actor(record: &Record, name: &str) -> Result<ActorIdx, CliError> {
    record.find_actor(name).ok_or_else(|| {
        let hint = did_you_mean(name, record.actor_names())
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        CliError::Usage(format!("no actor is called `{name}`{hint}"))
    })
}

pub fn resolve_issue(record: &Record, id: &str) -> Result<IssueIdx, CliError> {
    record.find_issue(id).ok_or_else(|| {
        let hint = did_you_mean(id, record.issue_ids())
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        CliError::Usage(format!("no issue has the id `{id}`{hint}"))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people, fitted to the terminal (COLUMNS, else 80 when not a terminal).
    Table,
    /// Pretty JSON with a stable shape (see docs/queries.md).
    Json,
    /// JSON Lines: each row compact on its own line, for jq, DuckDB or pandas
    /// (answers that are one list of rows, such as --pairs).
    Jsonl,
    /// CSV (RFC 4180) for a spreadsheet; formula-like cells are made inert.
    Csv,
    /// Markdown tables for a report.
    Markdown,
}

/// Lets a pipe on stdout hold 1 MiB instead of the kernel's default 64 KiB
/// when an answer runs to gigabytes (`--pairs`): with the default, the writer
/// and the reader take turns every 64 KiB and the switching costs more than
/// the copying. Best effort: stdout that is a file or a terminal, or a
/// system that refuses, stays as it was.
fn widen_stdout_pipe() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::pipe::fcntl_setpipe_size(io::stdout(), 1 << 20);
    }
}

/// Writes an answer one of the row writers lays out (`--pairs`, `coalitions`)
/// to stdout as a JSON document or JSON Lines (`format` is one of the two),
/// through a widened pipe.
pub fn write_json_rows(
    format: Format,
    write: impl FnOnce(&mut dyn Write, Layout) -> io::Result<()>,
) -> Result<(), CliError> {
    let layout = match format {
        Format::Jsonl => Layout::Lines,
        _ => Layout::Document,
    };
    widen_stdout_pipe();
    let mut stdout = io::stdout().lock();
    write(&mut stdout, layout)
        .and_then(|()| stdout.flush())
        .map_err(CliError::io("writing to stdout"))
}

/// The output flag every query takes.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The width a table is fitted to: `COLUMNS` when set, else the terminal's
/// width when stdout is one, else 80.
pub fn table_width() -> u16 {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|&n| n >= 20)
    {
        return n;
    }
    if io::stdout().is_terminal() {
        // comfy-table asks the terminal for its size when it is one.
        if let Some(w) = comfy_table::Table::new().width() {
            return w.max(20);
        }
    }
    80
}

impl OutputArgs {
    /// Writes a query's answer to stdout as a table (terminal, CSV, Markdown) or as JSON.
    pub fn emit<T: Serialize>(
        &self,
        value: &T,
        table: impl FnOnce(&mut Tables, &T) -> io::Result<()>,
    ) -> Result<(), CliError> {
        let mut stdout = io::stdout().lock();
        let style = match self.format {
            Format::Json => {
                return query_json::write(&mut stdout, value)
                    .and_then(|()| stdout.flush())
                    .map_err(CliError::io("writing to stdout"))
            }
            Format::Jsonl => {
                return match query_json::write_lines(&mut stdout, value) {
                    Ok(()) => stdout.flush().map_err(CliError::io("writing to stdout")),
                    Err(LinesError::Io(e)) => Err(CliError::io("writing to stdout")(e)),
                    Err(LinesError::NotRows(parts)) => Err(CliError::Usage(format!(
                        "--format jsonl writes one row per line, and this answer is not one list \
                         of rows (it has {}): use --format json",
                        if parts.is_empty() {
                            "no list".to_owned()
                        } else {
                            parts.join(", ")
                        }
                    ))),
                };
            }
            Format::Table => TableStyle::Terminal {
                width: table_width(),
            },
            Format::Csv => TableStyle::Csv,
            Format::Markdown => TableStyle::Markdown,
        };
        // CSV stays exact, like JSON (it is data for another program); what is
        // read on a terminal has record text made safe (`render::terminal`).
        let result = if matches!(style, TableStyle::Csv) {
            let mut tables = Tables::new(&mut stdout, style);
            table(&mut tables, value).and_then(|()| tables.finish())
        } else {
            let mut safe = SafeWriter::new(&mut stdout);
            let written = {
                let mut tables = Tables::new(&mut safe, style);
                table(&mut tables, value).and_then(|()| tables.finish())
            };
            written.and_then(|()| safe.finish())
        };
        result.map_err(CliError::io("writing to stdout"))
    }
}
