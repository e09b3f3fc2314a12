//! `stancemap new KIND`: a commented YAML template for one new entry, filled from
//! flags, optionally appended to a record file.
//!
//! References given as flags are checked against the record first (an unknown
//! actor is a usage error with "did you mean"), and written as ids even when given
//! as a name or alias (`--actor Moscow` writes `actor: russia`). Appending treats
//! the file as text: the entry goes in at the end of its section (or a new section
//! at the end of the file), every other byte stays as it was, and the file is
//! replaced atomically. The record is then checked again and the result reported.

use super::output::write_atomic_with;
use super::{CliError, Context};
use crate::diagnostic::did_you_mean;
use crate::load::{self, Limits};
use crate::model::*;
use crate::render::diagnostics;
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
    /// Append the entry to this YAML file (in the record) instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub append: Option<PathBuf>,
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

/// Resolves references against the record, writing them as ids.
struct Resolver<'a> {
    record: &'a Record,
}

impl Resolver<'_> {
    fn actor(&self, flag: &str, name: &str) -> Result<String, CliError> {
        match self.record.find_actor(name) {
            Some(a) => Ok(self.record.actor(a).id.clone()),
            None => Err(unknown(flag, "actor", name, self.record.actor_names())),
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
        match self.record.find_issue(id) {
            Some(i) => Ok(Some(self.record.issue(i).id.clone())),
            None => Err(unknown(flag, "issue", id, self.record.issue_ids())),
        }
    }

    fn event(&self, id: &Option<String>) -> Result<Option<String>, CliError> {
        let Some(id) = id else { return Ok(None) };
        let ids = || self.record.events.iter().map(|e| e.id.as_str());
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
        let known = || self.record.demands.iter().map(|d| d.id.as_str());
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
        let r = self.record;
        let taken = match kind {
            EntryKind::Actor => r.actors.iter().any(|a| a.id == *id),
            EntryKind::Issue => r.issues.iter().any(|i| i.id == *id),
            EntryKind::Position => r.positions.iter().any(|p| p.id.as_deref() == Some(id)),
            EntryKind::Demand => r.demands.iter().any(|d| d.id == *id),
            EntryKind::Concession => r.concessions.iter().any(|c| c.id == *id),
            EntryKind::Event => r.events.iter().any(|e| e.id == *id),
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

/// A free-text value as a YAML double-quoted scalar (JSON's escaping is valid YAML).
fn quoted(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| serde_json::to_string(t).expect("a string serialises"))
}

fn date(value: &Option<String>) -> Result<Option<String>, CliError> {
    match value {
        None => Ok(None),
        Some(d) => Date::parse(d)
            .map(|d| Some(d.to_string()))
            .map_err(|e| usage(format!("--date: {e}"))),
    }
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
        None,
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

/// The entry's lines at `indent` (the list's dash column): required fields always
/// (empty when unknown, so `check` names what is missing), optional ones commented
/// out unless given.
fn entry_lines(fields: &[Field], indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let lead = if i == 0 {
            format!("{indent}- ")
        } else {
            format!("{indent}  ")
        };
        let comment = match (field.required, field.help.is_empty()) {
            (true, true) => "# required".to_string(),
            (true, false) => format!("# required: {}", field.help),
            (false, true) => String::new(),
            (false, false) => format!("# {}", field.help),
        };
        let line = match &field.value {
            Some(v) => format!("{lead}{}: {v}", field.name),
            None if field.required => format!("{lead}{}:", field.name),
            None => format!("{lead}# {}:", field.name),
        };
        if comment.is_empty() {
            lines.push(line);
        } else {
            lines.push(format!("{line:<40} {comment}"));
        }
    }
    lines
}

/// Inserts `entry` (lines without indentation) into `text`, at the end of the
/// top-level `section`, or as a new section at the end. Every other line is kept
/// byte for byte.
pub fn insert_entry(text: &str, section: &str, entry: &[String]) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let top_level =
        |l: &str| !l.is_empty() && !l.starts_with([' ', '\t', '#', '-']) && l.contains(':');
    let key = format!("{section}:");
    let Some(start) = lines
        .iter()
        .position(|l| top_level(l) && l.starts_with(&key))
    else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&key);
        out.push('\n');
        for l in entry {
            out.push_str(&format!("  {l}\n"));
        }
        return Ok(out);
    };
    let rest = lines[start][key.len()..].trim();
    if !rest.is_empty() && !rest.starts_with('#') {
        return Err(format!(
            "`{section}` is written inline (`{}`): add the entry by hand",
            lines[start]
        ));
    }
    // The file's own list indentation, from the section's first item.
    let indent: String = lines[start + 1..]
        .iter()
        .take_while(|l| !top_level(l))
        .find_map(|l| {
            let trimmed = l.trim_start();
            trimmed
                .starts_with('-')
                .then(|| l[..l.len() - trimmed.len()].to_string())
        })
        .unwrap_or_else(|| "  ".to_string());
    let mut end = lines[start + 1..]
        .iter()
        .position(|l| top_level(l))
        .map_or(lines.len(), |p| start + 1 + p);
    // Comments and blank lines just above the next section belong to it.
    while end > start + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].starts_with('#')) {
        end -= 1;
    }
    let mut out = String::with_capacity(text.len() + 512);
    for l in &lines[..end] {
        out.push_str(l);
        out.push('\n');
    }
    for l in entry {
        out.push_str(&format!("{indent}{l}\n"));
    }
    for l in &lines[end..] {
        out.push_str(l);
        out.push('\n');
    }
    if !text.ends_with('\n') && end < lines.len() {
        out.pop();
    }
    Ok(out)
}

pub fn run(ctx: &Context, args: NewArgs) -> Result<(), CliError> {
    let kind = args.entry;
    let limits = Limits::default();
    let loaded = load::load(&args.record, &limits, None)?;
    let record = loaded.record.ok_or_else(|| {
        usage(format!(
            "{} is invalid, so references cannot be checked: run `stancemap check {}`",
            args.record.display(),
            args.record.display()
        ))
    })?;
    let fields = fields(kind, &args, &Resolver { record: &record })?;
    let Some(file) = &args.append else {
        let mut stdout = std::io::stdout().lock();
        let mut text = format!("{}:\n", kind.section());
        for l in entry_lines(&fields, "  ") {
            text.push_str(&l);
            text.push('\n');
        }
        return stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(CliError::io("writing to stdout"));
    };
    append(ctx, &args.record, file, kind, &fields, &limits)
}

fn append(
    ctx: &Context,
    record_path: &Path,
    file: &Path,
    kind: EntryKind,
    fields: &[Field],
    limits: &Limits,
) -> Result<(), CliError> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(CliError::io(format!("reading {}", file.display()))(e)),
    };
    let new_text = insert_entry(&text, kind.section(), &entry_lines(fields, ""))
        .map_err(|e| usage(format!("{}: {e}", file.display())))?;
    write_atomic_with(file, |out| out.write_all(new_text.as_bytes()))
        .map_err(CliError::io(format!("writing {}", file.display())))?;
    let loaded = load::load(record_path, limits, None)?;
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
            "stancemap: added a {} to {}; {} now has {} error{} and {} warning{}",
            kind.section().trim_end_matches('s'),
            file.display(),
            record_path.display(),
            errors,
            if errors == 1 { "" } else { "s" },
            loaded.warning_count(),
            if loaded.warning_count() == 1 { "" } else { "s" },
        );
    }
    if errors > 0 {
        return Err(CliError::Invalid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Vec<String> {
        vec!["- id: x".to_string(), "  name: X".to_string()]
    }

    #[test]
    fn appends_inside_its_section_keeping_the_rest() {
        let text = "# head\nactors:\n    - id: a   # keep\n      name: A\n\n# issues next\nissues:\n  - id: i\n";
        let out = insert_entry(text, "actors", &entry()).unwrap();
        assert_eq!(
            out,
            "# head\nactors:\n    - id: a   # keep\n      name: A\n    - id: x\n      name: X\n\n# issues next\nissues:\n  - id: i\n"
        );
    }

    #[test]
    fn adds_a_section_when_missing() {
        let out = insert_entry("issues:\n  - id: i", "actors", &entry()).unwrap();
        assert_eq!(
            out,
            "issues:\n  - id: i\n\nactors:\n  - id: x\n    name: X\n"
        );
        assert_eq!(
            insert_entry("", "actors", &entry()).unwrap(),
            "actors:\n  - id: x\n    name: X\n"
        );
    }

    #[test]
    fn refuses_inline_sections() {
        assert!(insert_entry("actors: []\n", "actors", &entry()).is_err());
    }
}
