//! `stancemap new KIND`: a commented YAML template for one new entry, filled from
//! flags, optionally appended to a record file.
//!
//! References given as flags are checked against the ids the record defines (an
//! unknown actor is a usage error with "did you mean"), and written as ids even
//! when given as a name or alias (`--actor Moscow` writes `actor: russia`). This
//! works on a record with errors elsewhere: only the new entry must be sound.
//! The append itself — lock, bytes after the old, proof, restore — is
//! `crate::write::append`'s; this module builds the entry and judges the record.
//!
//! Split by concern: [`fields`] turns flags into the entry's fields (ids
//! resolved, keywords checked), [`source`] builds and checks `sources:`, and
//! [`place`] picks the file and appends (or shows, with `--dry-run`).

mod fields;
mod place;
mod source;

use super::{CliError, Context};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::{self, Known, Limits, Loaded};
use crate::model::*;
use crate::render::diagnostics;
use crate::render::terminal::safe;
use crate::write::{append::append_entry, yaml, Guard};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

use fields::{entry_lines, fields, Resolver};
use place::{append, chosen_file, dry_run};
use source::{check_quote, report_quote};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EntryKind {
    Actor,
    Issue,
    Position,
    Demand,
    Concession,
    Event,
}

impl EntryKind {
    fn section(self) -> &'static str {
        match self {
            EntryKind::Actor => "actors",
            EntryKind::Issue => "issues",
            EntryKind::Position => "positions",
            EntryKind::Demand => "demands",
            EntryKind::Concession => "concessions",
            EntryKind::Event => "events",
        }
    }
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// What to add.
    #[arg(value_enum)]
    pub entry: EntryKind,
    /// The record the references are checked against.
    #[arg(long, value_name = "PATH", default_value = "data")]
    pub record: PathBuf,
    /// Append the entry to a YAML file of the record instead of printing it. Without
    /// FILE: the file already holding the most entries of this kind on this issue
    /// (or of this kind at all).
    #[arg(long, value_name = "FILE")]
    #[allow(clippy::option_option)] // clap: absent, `--append`, `--append FILE`
    pub append: Option<Option<PathBuf>>,
    /// With --append: print what would be added, and where, and write nothing.
    #[arg(long, requires = "append")]
    pub dry_run: bool,
    /// The source document (a file name in the record's sources folder).
    #[arg(long, value_name = "DOC", help_heading = "Source")]
    pub source: Option<String>,
    /// The exact words quoted from the source document.
    #[arg(long, requires = "source", help_heading = "Source")]
    pub quote: Option<String>,
    /// How sure the reading of the source is: high | medium | low.
    #[arg(long, requires = "source", help_heading = "Source")]
    pub confidence: Option<String>,
    /// The folder the quote is checked against (default: the record's `sources/`).
    #[arg(long, value_name = "DIR", help_heading = "Source")]
    pub sources: Option<PathBuf>,
    /// The new entry's id (a lowercase slug, not yet taken).
    #[arg(long, help_heading = "Fields")]
    pub id: Option<String>,
    /// Actor name.
    #[arg(long, help_heading = "Fields")]
    pub name: Option<String>,
    /// Issue proposition or event title.
    #[arg(long, help_heading = "Fields")]
    pub title: Option<String>,
    /// Actor kind or event kind.
    #[arg(long, help_heading = "Fields")]
    pub kind: Option<String>,
    /// Issue category.
    #[arg(long, help_heading = "Fields")]
    pub category: Option<String>,
    /// Position: the actor (id, name or alias).
    #[arg(long, help_heading = "Fields")]
    pub actor: Option<String>,
    /// The issue id.
    #[arg(long, help_heading = "Fields")]
    pub issue: Option<String>,
    /// Demand or concession: who asks or concedes.
    #[arg(long, help_heading = "Fields")]
    pub by: Option<String>,
    /// Demand: whom it is asked of (comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = "Fields")]
    pub of: Vec<String>,
    /// Concession: to whom (comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = "Fields")]
    pub to: Vec<String>,
    /// Actor: the actors it belongs to (comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = "Fields")]
    pub member_of: Vec<String>,
    /// Event: the actors taking part (comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = "Fields")]
    pub participants: Vec<String>,
    /// Concession: the demand ids it answers (comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = "Fields")]
    pub answers: Vec<String>,
    /// Issue: the parent issue id.
    #[arg(long, help_heading = "Fields")]
    pub parent: Option<String>,
    /// Issue: how it reads on its parent (same | opposite).
    #[arg(long, help_heading = "Fields")]
    pub polarity: Option<String>,
    /// The event id where it was stated.
    #[arg(long, help_heading = "Fields")]
    pub event: Option<String>,
    /// support | oppose (| conditional | ambiguous for positions).
    #[arg(long, help_heading = "Fields")]
    pub stance: Option<String>,
    /// Position strength.
    #[arg(long, help_heading = "Fields")]
    pub strength: Option<String>,
    /// Demand priority.
    #[arg(long, help_heading = "Fields")]
    pub priority: Option<String>,
    /// Demand or concession status.
    #[arg(long, help_heading = "Fields")]
    pub status: Option<String>,
    /// YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only the month or year.
    #[arg(long, help_heading = "Fields")]
    pub date: Option<String>,
    /// Position: one line in your words.
    #[arg(long, help_heading = "Fields")]
    pub summary: Option<String>,
    /// Demand or concession text.
    #[arg(long, help_heading = "Fields")]
    pub text: Option<String>,
}

/// One line of the template: a field, its value if known, and what it takes.
pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) value: Option<String>,
    pub(super) required: bool,
    pub(super) help: String,
}

pub(super) fn usage(message: String) -> CliError {
    CliError::Usage(message)
}

pub fn run(ctx: &Context, args: NewArgs) -> Result<(), CliError> {
    let kind = args.entry;
    let limits = Limits::default();
    let loaded = load::load(&args.record, &limits, None)?;
    let fields = fields(
        kind,
        &args,
        &Resolver {
            known: &loaded.known,
        },
    )?;
    let quote = check_quote(&args, &limits)?;
    let Some(file) = &args.append else {
        let mut stdout = std::io::stdout().lock();
        let mut text = format!("{}:\n", kind.section());
        for l in entry_lines(&fields, "  ", true) {
            text.push_str(&l);
            text.push('\n');
        }
        report_quote(ctx, &quote);
        return stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(CliError::io("writing to stdout"));
    };
    let missing: Vec<String> = fields
        .iter()
        .filter(|f| f.required && f.value.is_none())
        .map(|f| format!("--{}", f.name.replace('_', "-")))
        .collect();
    if !missing.is_empty() {
        return Err(usage(format!(
            "a new {} appended to the record needs {}: give them, or print the template (without --append) and fill it in by hand",
            kind.section().trim_end_matches('s'),
            missing.join(", ")
        )));
    }
    let file = if let Some(file) = file {
        file.clone()
    } else {
        let issue = fields
            .iter()
            .find(|f| f.name == "issue")
            .and_then(|f| f.value.as_deref());
        chosen_file(&loaded, kind, issue).ok_or_else(|| {
            usage(format!(
                "--append: no file of {} holds {} yet; name the file (`--append FILE`)",
                args.record.display(),
                kind.section()
            ))
        })?
    };
    if !Guard::record(&args.record).holds(&file) {
        return Err(usage(format!(
            "--append {}: the file is not part of the record {} (give a YAML file inside it, or --record)",
            file.display(),
            args.record.display()
        )));
    }
    let lines = entry_lines(&fields, "", false);
    report_quote(ctx, &quote);
    if args.dry_run {
        return dry_run(&file, kind, &lines, &limits);
    }
    append(ctx, &args.record, &file, kind, &lines, &limits)
}
