//! `stancemap new KIND`: a commented YAML template for one new entry, filled from
//! flags, optionally appended to a record file.
//!
//! References given as flags are checked against the ids the record defines (an
//! unknown actor is a usage error with "did you mean"), and written as ids even
//! when given as a name or alias (`--actor Moscow` writes `actor: russia`). This
//! works on a record with errors elsewhere: only the new entry must be sound.
//! The append itself — lock, bytes after the old, proof, restore — is
//! `crate::write::append`'s; this file builds the entry and judges the record.

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
struct Field {
    name: &'static str,
    value: Option<String>,
    required: bool,
    help: String,
}

fn usage(message: String) -> CliError {
    CliError::Usage(message)
}

/// Checks a keyword flag against its vocabulary.
fn keyword<K: Keyword>(flag: &str, value: &Option<String>) -> Result<Option<String>, CliError> {
    match value {
        None => Ok(None),
        Some(v) if K::parse(v).is_some() => Ok(Some(v.clone())),
        Some(v) => Err(usage(format!(
            "--{flag} `{v}` is not one of: {}",
            K::spellings().join(", ")
        ))),
    }
}

fn spellings<K: Keyword>() -> String {
    K::spellings().join(" | ")
}

/// Resolves references against the record's ids, writing them as ids.
struct Resolver<'a> {
    known: &'a Known,
}

impl Resolver<'_> {
    fn actor(&self, flag: &str, name: &str) -> Result<String, CliError> {
        match self.known.find_actor(name) {
            Some(id) => Ok(id.to_string()),
            None => {
                let names = self.known.actor_names();
                Err(unknown(
                    flag,
                    "actor",
                    name,
                    names.iter().map(String::as_str),
                ))
            }
        }
    }

    fn actors(&self, flag: &str, names: &[String]) -> Result<Option<String>, CliError> {
        if names.is_empty() {
            return Ok(None);
        }
        let ids: Result<Vec<String>, CliError> =
            names.iter().map(|n| self.actor(flag, n)).collect();
        Ok(Some(format!("[{}]", ids?.join(", "))))
    }

    fn issue(&self, flag: &str, id: &Option<String>) -> Result<Option<String>, CliError> {
        let Some(id) = id else { return Ok(None) };
        match self.known.find_issue(id) {
            Some(i) => Ok(Some(i.to_string())),
            None => Err(unknown(
                flag,
                "issue",
                id,
                self.known.issues.iter().map(String::as_str),
            )),
        }
    }

    fn event(&self, id: &Option<String>) -> Result<Option<String>, CliError> {
        let Some(id) = id else { return Ok(None) };
        let ids = || self.known.events.iter().map(String::as_str);
        if ids().any(|e| e == id) {
            Ok(Some(id.clone()))
        } else {
            Err(unknown("event", "event", id, ids()))
        }
    }

    fn demands(&self, ids: &[String]) -> Result<Option<String>, CliError> {
        if ids.is_empty() {
            return Ok(None);
        }
        let known = || self.known.demands.iter().map(String::as_str);
        for id in ids {
            if !known().any(|d| d == id) {
                return Err(unknown("answers", "demand", id, known()));
            }
        }
        Ok(Some(format!("[{}]", ids.join(", "))))
    }

    /// The new entry's id must be a slug not yet taken in its section.
    fn new_id(&self, kind: EntryKind, id: &Option<String>) -> Result<Option<String>, CliError> {
        let Some(id) = id else { return Ok(None) };
        let slug = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        if !slug {
            return Err(usage(format!(
                "--id `{id}` is not a lowercase slug of letters, digits and `-`"
            )));
        }
        let k = self.known;
        let taken = match kind {
            EntryKind::Actor => k.actors.iter().any(|a| a.id == *id),
            EntryKind::Issue => k.issues.contains(id),
            EntryKind::Position => k.positions.contains(id),
            EntryKind::Demand => k.demands.contains(id),
            EntryKind::Concession => k.concessions.contains(id),
            EntryKind::Event => k.events.contains(id),
        };
        if taken {
            return Err(usage(format!(
                "--id `{id}` is already a {} id in the record",
                kind.section().trim_end_matches('s')
            )));
        }
        Ok(Some(id.clone()))
    }
}

fn unknown<'a>(
    flag: &str,
    what: &str,
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> CliError {
    let hint = did_you_mean(name, candidates)
        .map(|h| format!("; {h}"))
        .unwrap_or_default();
    usage(format!("--{flag}: no {what} `{name}` in the record{hint}"))
}

/// A free-text value as a YAML double-quoted scalar that reads back exactly.
fn quoted(text: &Option<String>) -> Option<String> {
    text.as_deref().map(yaml::quote)
}

fn date(value: &Option<String>) -> Result<Option<String>, CliError> {
    match value {
        None => Ok(None),
        Some(d) => Date::parse(d)
            .map(|d| Some(d.to_string()))
            .map_err(|e| usage(format!("--date: {e}"))),
    }
}

/// `--source`, `--quote`, `--confidence` as a block list under `sources:` (the
/// bundled record's style), its lines after a leading newline.
fn source_list(args: &NewArgs) -> Result<Option<String>, CliError> {
    let Some(doc) = &args.source else {
        return Ok(None);
    };
    let plain = !doc.is_empty()
        && !doc.starts_with(['.', '-'])
        && doc
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if !plain {
        return Err(usage(format!(
            "--source `{}` is not a file name (letters, digits, `.`, `_`, `-`) of a document in the sources folder",
            safe(doc)
        )));
    }
    let mut text = format!("\n- doc: {doc}");
    if let Some(quote) = &args.quote {
        text.push_str(&format!("\n  quote: {}", yaml::quote(quote)));
    }
    if let Some(confidence) = keyword::<Confidence>("confidence", &args.confidence)? {
        text.push_str(&format!("\n  confidence: {confidence}"));
    }
    Ok(Some(text))
}

/// What the quote check found.
enum QuoteCheck {
    Confirmed(PathBuf),
    NotChecked(String),
}

/// `--quote` against its document, when the document is there: a quote that does
/// not occur is refused, as `check --sources` would report it.
fn check_quote(args: &NewArgs, limits: &Limits) -> Result<QuoteCheck, CliError> {
    let (Some(doc), Some(quote)) = (&args.source, &args.quote) else {
        return Ok(QuoteCheck::NotChecked("no --quote given".into()));
    };
    let dir = match &args.sources {
        Some(dir) => dir.clone(),
        None if args.record.is_dir() => args.record.join("sources"),
        None => {
            return Ok(QuoteCheck::NotChecked(
                "no sources folder (give --sources DIR)".into(),
            ))
        }
    };
    let path = dir.join(doc);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => {
            return Ok(QuoteCheck::NotChecked(format!(
                "{} is not a regular file",
                path.display()
            )))
        }
        Err(_) => {
            return Ok(QuoteCheck::NotChecked(format!(
                "{doc} is not in {}",
                dir.display()
            )))
        }
    }
    let text = load::read_text_file(&path, limits)?;
    if load::normalise_quote(&text).contains(&load::normalise_quote(quote)) {
        Ok(QuoteCheck::Confirmed(path))
    } else {
        Err(usage(format!(
            "--quote does not occur in {}: copy a short passage exactly (quote marks, dashes and spacing may differ; words may not)",
            path.display()
        )))
    }
}

/// The record file `--append` without a FILE means: the one holding the most
/// entries of this kind on the entry's issue, else the most of this kind.
fn chosen_file(loaded: &Loaded, kind: EntryKind, issue: Option<&str>) -> Option<PathBuf> {
    let section_key = format!("{}:", kind.section());
    let mut best: Option<(usize, usize, &str)> = None;
    for file in loaded.files.iter() {
        let name = file.name.as_str();
        if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
            continue;
        }
        let Some(start) = file
            .text
            .lines()
            .position(|l| l.trim_end().starts_with(&section_key))
        else {
            continue;
        };
        // Entries of the section: dash lines after its key, up to the next top-level key.
        let body: Vec<&str> = file
            .text
            .lines()
            .skip(start + 1)
            .take_while(|l| l.is_empty() || l.starts_with([' ', '-', '#']))
            .collect();
        let entries = body
            .iter()
            .filter(|l| l.trim_start().starts_with("- ") && !l.starts_with("      "))
            .count();
        let on_issue = issue.map_or(0, |id| {
            body.iter()
                .filter(|l| {
                    l.trim_start()
                        .trim_start_matches("- ")
                        .trim_start_matches('{')
                        .split([',', '}'])
                        .next()
                        .is_some_and(|kv| kv.trim() == format!("issue: {id}"))
                })
                .count()
        });
        if best.is_none_or(|(i, e, _)| (on_issue, entries) > (i, e)) {
            best = Some((on_issue, entries, name));
        }
    }
    best.map(|(_, _, name)| PathBuf::from(name))
}

/// The field flags given, as (flag, field) pairs.
fn given(args: &NewArgs) -> Vec<(&'static str, &'static str)> {
    let one = |v: &Option<String>| v.is_some();
    let many = |v: &Vec<String>| !v.is_empty();
    [
        ("id", "id", one(&args.id)),
        ("name", "name", one(&args.name)),
        ("title", "title", one(&args.title)),
        ("kind", "kind", one(&args.kind)),
        ("category", "category", one(&args.category)),
        ("actor", "actor", one(&args.actor)),
        ("issue", "issue", one(&args.issue)),
        ("by", "by", one(&args.by)),
        ("of", "of", many(&args.of)),
        ("to", "to", many(&args.to)),
        ("member-of", "member_of", many(&args.member_of)),
        ("participants", "participants", many(&args.participants)),
        ("answers", "answers", many(&args.answers)),
        ("parent", "parent", one(&args.parent)),
        ("polarity", "polarity", one(&args.polarity)),
        ("event", "event", one(&args.event)),
        ("stance", "stance", one(&args.stance)),
        ("strength", "strength", one(&args.strength)),
        ("priority", "priority", one(&args.priority)),
        ("status", "status", one(&args.status)),
        ("date", "date", one(&args.date)),
        ("summary", "summary", one(&args.summary)),
        ("text", "text", one(&args.text)),
        ("source", "sources", one(&args.source)),
    ]
    .into_iter()
    .filter(|(_, _, given)| *given)
    .map(|(flag, field, _)| (flag, field))
    .collect()
}

/// The template's fields, or a usage error for a flag the entry has no field for
/// (a flag silently dropped would surprise more than an error does).
fn fields(kind: EntryKind, args: &NewArgs, r: &Resolver) -> Result<Vec<Field>, CliError> {
    let fields = all_fields(kind, args, r)?;
    for (flag, field) in given(args) {
        if !fields.iter().any(|f| f.name == field) {
            return Err(usage(format!(
                "--{flag} does not apply to a new {}",
                kind.section().trim_end_matches('s')
            )));
        }
    }
    Ok(fields)
}

fn all_fields(kind: EntryKind, args: &NewArgs, r: &Resolver) -> Result<Vec<Field>, CliError> {
    let f = |name, value, required, help: &str| Field {
        name,
        value,
        required,
        help: help.to_string(),
    };
    let sources = f(
        "sources",
        source_list(args)?,
        false,
        "[{doc: FILE, quote: \"exact words\", confidence: high}]",
    );
    let single = |flag: &str, v: &Option<String>| -> Result<Option<String>, CliError> {
        v.as_ref().map(|n| r.actor(flag, n)).transpose()
    };
    Ok(match kind {
        EntryKind::Actor => vec![
            f("id", r.new_id(kind, &args.id)?, true, "lowercase slug"),
            f("name", quoted(&args.name), true, ""),
            f(
                "kind",
                keyword::<ActorKind>("kind", &args.kind)?,
                true,
                &spellings::<ActorKind>(),
            ),
            f("aliases", None, false, "[other names and spellings]"),
            f("role", None, false, "free text"),
            f(
                "observer",
                None,
                false,
                "true: comments but is no party (media, scholars)",
            ),
            f(
                "member_of",
                r.actors("member-of", &args.member_of)?,
                false,
                "[actor ids]",
            ),
            f("notes", None, false, ""),
            sources,
        ],
        EntryKind::Issue => vec![
            f("id", r.new_id(kind, &args.id)?, true, "lowercase slug"),
            f(
                "title",
                quoted(&args.title),
                true,
                "a proposition: \"Ukraine joins NATO\"",
            ),
            f(
                "category",
                keyword::<Category>("category", &args.category)?,
                true,
                &spellings::<Category>(),
            ),
            f("description", None, false, ""),
            f(
                "parent",
                r.issue("parent", &args.parent)?,
                false,
                "issue id",
            ),
            f(
                "polarity",
                keyword::<Polarity>("polarity", &args.polarity)?,
                false,
                "same | opposite: how it reads on its parent",
            ),
        ],
        EntryKind::Position => vec![
            f("actor", single("actor", &args.actor)?, true, "actor id"),
            f("issue", r.issue("issue", &args.issue)?, true, "issue id"),
            f(
                "stance",
                keyword::<Stance>("stance", &args.stance)?,
                true,
                &spellings::<Stance>(),
            ),
            f(
                "strength",
                keyword::<Strength>("strength", &args.strength)?,
                true,
                &spellings::<Strength>(),
            ),
            f(
                "summary",
                quoted(&args.summary),
                true,
                "one line in your words",
            ),
            f(
                "date",
                date(&args.date)?,
                true,
                "YYYY-MM-DD, YYYY-MM or YYYY",
            ),
            f(
                "id",
                r.new_id(kind, &args.id)?,
                false,
                "needed only as a target of conflicts_with",
            ),
            f("conditions", None, false, "for stance conditional"),
            f("event", r.event(&args.event)?, false, "event id"),
            f("notes", None, false, ""),
            sources,
        ],
        EntryKind::Demand => vec![
            f("id", r.new_id(kind, &args.id)?, true, "lowercase slug"),
            f("by", single("by", &args.by)?, true, "actor id: who asks"),
            f(
                "of",
                r.actors("of", &args.of)?,
                true,
                "[actor ids]: whom it is asked of",
            ),
            f("issue", r.issue("issue", &args.issue)?, true, "issue id"),
            f(
                "stance",
                keyword::<Direction>("stance", &args.stance)?,
                true,
                "support | oppose: the outcome asked for",
            ),
            f("text", quoted(&args.text), true, "what is asked"),
            f(
                "priority",
                keyword::<Priority>("priority", &args.priority)?,
                true,
                &spellings::<Priority>(),
            ),
            f(
                "status",
                keyword::<DemandStatus>("status", &args.status)?,
                true,
                &spellings::<DemandStatus>(),
            ),
            f(
                "history",
                None,
                false,
                "[{date: D, status: S, sources: [...]}]: dated changes, the last = status",
            ),
            f(
                "date",
                date(&args.date)?,
                true,
                "YYYY-MM-DD, YYYY-MM or YYYY",
            ),
            f("conflicts_with", None, false, "[demand or position ids]"),
            f("event", r.event(&args.event)?, false, "event id"),
            f("notes", None, false, ""),
            sources,
        ],
        EntryKind::Concession => vec![
            f("id", r.new_id(kind, &args.id)?, true, "lowercase slug"),
            f(
                "by",
                single("by", &args.by)?,
                true,
                "actor id: who concedes",
            ),
            f("to", r.actors("to", &args.to)?, true, "[actor ids]"),
            f("issue", r.issue("issue", &args.issue)?, true, "issue id"),
            f(
                "stance",
                keyword::<Direction>("stance", &args.stance)?,
                false,
                "support | oppose: the direction now accepted",
            ),
            f("answers", r.demands(&args.answers)?, false, "[demand ids]"),
            f("text", quoted(&args.text), true, "what is given"),
            f(
                "status",
                keyword::<ConcessionStatus>("status", &args.status)?,
                true,
                &spellings::<ConcessionStatus>(),
            ),
            f(
                "history",
                None,
                false,
                "[{date: D, status: S, sources: [...]}]: dated changes, the last = status",
            ),
            f(
                "date",
                date(&args.date)?,
                true,
                "YYYY-MM-DD, YYYY-MM or YYYY",
            ),
            f("event", r.event(&args.event)?, false, "event id"),
            f("notes", None, false, ""),
            sources,
        ],
        EntryKind::Event => vec![
            f("id", r.new_id(kind, &args.id)?, true, "lowercase slug"),
            f(
                "kind",
                keyword::<EventKind>("kind", &args.kind)?,
                true,
                &spellings::<EventKind>(),
            ),
            f("title", quoted(&args.title), true, ""),
            f(
                "date",
                date(&args.date)?,
                true,
                "YYYY-MM-DD, YYYY-MM or YYYY",
            ),
            f("place", None, false, ""),
            f(
                "participants",
                r.actors("participants", &args.participants)?,
                false,
                "[actor ids]",
            ),
            f("notes", None, false, ""),
            sources,
        ],
    })
}

/// The entry's lines at `indent` (the list's dash column). As a template
/// (`annotated`): required fields always (empty when unknown, so `check` names
/// what is missing), optional ones commented out unless given, each with what it
/// takes. Appended to a record: only the fields given, in the record's plain style.
fn entry_lines(fields: &[Field], indent: &str, annotated: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for field in fields {
        if !annotated && field.value.is_none() {
            continue;
        }
        let lead = if lines.is_empty() {
            format!("{indent}- ")
        } else {
            format!("{indent}  ")
        };
        let comment = match (annotated, field.required, field.help.is_empty()) {
            (false, _, _) | (true, false, true) => String::new(),
            (true, true, true) => "# required".to_string(),
            (true, true, false) => format!("# required: {}", field.help),
            (true, false, false) => format!("# {}", field.help),
        };
        // A value that starts on its own line (the sources list) nests under the key.
        let (inline, nested) = match &field.value {
            Some(v) if v.starts_with('\n') => (None, Some(v)),
            v => (v.as_ref(), None),
        };
        let line = match (inline, nested) {
            (Some(v), _) => format!("{lead}{}: {v}", field.name),
            (None, Some(_)) => format!("{lead}{}:", field.name),
            (None, None) if field.required => format!("{lead}{}:", field.name),
            (None, None) => format!("{lead}# {}:", field.name),
        };
        if comment.is_empty() {
            lines.push(line);
        } else {
            lines.push(format!("{line:<40} {comment}"));
        }
        for sub in nested.iter().flat_map(|v| v.lines().skip(1)) {
            lines.push(format!("{indent}    {sub}"));
        }
    }
    lines
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

fn report_quote(ctx: &Context, quote: &QuoteCheck) {
    if ctx.quiet {
        return;
    }
    match quote {
        QuoteCheck::Confirmed(path) => eprintln!(
            "stancemap: the quote occurs in {}",
            safe(&path.display().to_string())
        ),
        QuoteCheck::NotChecked(why) => {
            eprintln!("stancemap: the quote was not checked: {}", safe(why))
        }
    }
}

/// `--dry-run`: the bytes `--append` would add, and where, without writing.
fn dry_run(
    file: &Path,
    kind: EntryKind,
    lines: &[String],
    limits: &Limits,
) -> Result<(), CliError> {
    let old = if file.exists() {
        load::read_text_file(file, limits)?
    } else {
        String::new()
    };
    let (new, how) = crate::write::yaml::append(&old, kind.section(), lines)
        .map_err(|reason| usage(format!("--append {}: {reason}", file.display())))?;
    let mut stdout = std::io::stdout().lock();
    let text = format!(
        "# would add to {} ({how}); nothing written\n{}",
        safe(&file.display().to_string()),
        &new[old.len()..]
    );
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(CliError::io("writing to stdout"))
}

/// The errors of a loaded record, by where and what they are: the old part of the
/// file keeps its bytes, so an old error keeps its place.
fn error_keys(loaded: &Loaded) -> Vec<(String, usize, usize, String)> {
    let mut keys: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d: &Diagnostic| {
            let (file, start, end) = d.location.as_ref().map_or((String::new(), 0, 0), |l| {
                (
                    loaded.files.name(l.file).to_string(),
                    l.range.start,
                    l.range.end,
                )
            });
            (file, start, end, d.message.clone())
        })
        .collect();
    keys.sort();
    keys
}

fn append(
    ctx: &Context,
    record_path: &Path,
    file: &Path,
    kind: EntryKind,
    lines: &[String],
    limits: &Limits,
) -> Result<(), CliError> {
    let load_keys = || {
        load::load(record_path, limits, None)
            .map(|l| error_keys(&l))
            .map_err(|e| e.to_string())
    };
    let appended = append_entry(file, kind.section(), lines, load_keys, |before| {
        let loaded = load::load(record_path, limits, None).map_err(|e| e.to_string())?;
        let new: Vec<_> = error_keys(&loaded)
            .into_iter()
            .filter(|k| !before.contains(k))
            .collect();
        match new.first() {
            None => Ok(loaded),
            Some((name, _, _, message)) => Err(format!(
                "it would add {} error{} to the record, the first in {name}: {message}",
                new.len(),
                if new.len() == 1 { "" } else { "s" }
            )),
        }
    })
    .map_err(|e| CliError::Write(Box::new(e)))?;
    let loaded = appended.verified;
    let errors = loaded.error_count();
    let shown: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || !ctx.quiet)
        .cloned()
        .collect();
    let mut stderr = std::io::stderr().lock();
    diagnostics::write_human(&mut stderr, &loaded.files, &shown, ctx.color)
        .map_err(CliError::io("writing diagnostics"))?;
    if !ctx.quiet || errors > 0 {
        let _ = writeln!(
            stderr,
            "stancemap: added a {} to {} ({}); {} now has {} error{} and {} warning{}{}",
            kind.section().trim_end_matches('s'),
            safe(&file.display().to_string()),
            appended.how,
            safe(&record_path.display().to_string()),
            errors,
            if errors == 1 { "" } else { "s" },
            loaded.warning_count(),
            if loaded.warning_count() == 1 { "" } else { "s" },
            if errors > 0 {
                " (all of them there before this entry)"
            } else {
                ""
            }
        );
    }
    if errors > 0 {
        return Err(CliError::Invalid);
    }
    Ok(())
}
