//! The filter and output flags the query commands share, and their resolution
//! against the record: ids become indices here, before any query runs, so an
//! unknown id is a usage error with a "did you mean" and never an empty answer.

use super::CliError;
use crate::diagnostic::did_you_mean;
use crate::model::{ActorIdx, Category, Confidence, Date, IssueIdx, Record};
use crate::query::Filter;
use crate::render::query_json;
use crate::render::tables::{TableStyle, Tables};
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
    /// CSV (RFC 4180) for a spreadsheet; formula-like cells are made inert.
    Csv,
    /// Markdown tables for a report.
    Markdown,
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
            Format::Table => TableStyle::Terminal {
                width: table_width(),
            },
            Format::Csv => TableStyle::Csv,
            Format::Markdown => TableStyle::Markdown,
        };
        let mut tables = Tables::new(&mut stdout, style);
        table(&mut tables, value)
            .and_then(|()| tables.finish())
            .map_err(CliError::io("writing to stdout"))
    }
}
