//! Flags into the entry's fields: references resolved to ids (with "did you
//! mean"), keywords and dates checked, free text quoted; and the entry's lines.

use super::source::source_list;
use super::*;

/// Checks a keyword flag against its vocabulary.
pub(super) fn keyword<K: Keyword>(
    flag: &str,
    value: &Option<String>,
) -> Result<Option<String>, CliError> {
    match value {
        None => Ok(None),
        Some(v) if K::parse(v).is_some() => Ok(Some(v.clone())),
        Some(v) => Err(usage(format!(
            "--{flag} `{v}` is not one of: {}",
            K::spellings().join(", ")
        ))),
    }
}

pub(super) fn spellings<K: Keyword>() -> String {
    K::spellings().join(" | ")
}

/// Resolves references against the record's ids, writing them as ids.
pub(super) struct Resolver<'a> {
    pub(super) known: &'a Known,
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
        let slug = crate::model::is_slug(id);
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

pub(super) fn unknown<'a>(
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
pub(super) fn quoted(text: &Option<String>) -> Option<String> {
    text.as_deref().map(yaml::quote)
}

pub(super) fn date(value: &Option<String>) -> Result<Option<String>, CliError> {
    match value {
        None => Ok(None),
        Some(d) => Date::parse(d)
            .map(|d| Some(d.to_string()))
            .map_err(|e| usage(format!("--date: {e}"))),
    }
}

/// The field flags given, as (flag, field) pairs.
pub(super) fn given(args: &NewArgs) -> Vec<(&'static str, &'static str)> {
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
pub(super) fn fields(
    kind: EntryKind,
    args: &NewArgs,
    r: &Resolver,
) -> Result<Vec<Field>, CliError> {
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

/// How a date may be written, in every template.
const DATE_HELP: &str = "YYYY-MM-DD, YYYY-MM or YYYY";

pub(super) fn all_fields(
    kind: EntryKind,
    args: &NewArgs,
    r: &Resolver,
) -> Result<Vec<Field>, CliError> {
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
    // A demand and a concession end alike: their dated status changes and date,
    // what only one of them has (`own`), where they were stated, notes, sources.
    let claim =
        |mut rows: Vec<Field>, own: Vec<Field>, sources: Field| -> Result<Vec<Field>, CliError> {
            rows.push(f(
                "history",
                None,
                false,
                "[{date: D, status: S, sources: [...]}]: dated changes, the last = status",
            ));
            rows.push(f("date", date(&args.date)?, true, DATE_HELP));
            rows.extend(own);
            rows.push(f("event", r.event(&args.event)?, false, "event id"));
            rows.push(f("notes", None, false, ""));
            rows.push(sources);
            Ok(rows)
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
            f("date", date(&args.date)?, true, DATE_HELP),
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
        EntryKind::Demand => claim(
            vec![
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
            ],
            vec![f("conflicts_with", None, false, "[demand or position ids]")],
            sources,
        )?,
        EntryKind::Concession => claim(
            vec![
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
            ],
            vec![],
            sources,
        )?,
        EntryKind::Event => vec![
            f("id", r.new_id(kind, &args.id)?, true, "lowercase slug"),
            f(
                "kind",
                keyword::<EventKind>("kind", &args.kind)?,
                true,
                &spellings::<EventKind>(),
            ),
            f("title", quoted(&args.title), true, ""),
            f("date", date(&args.date)?, true, DATE_HELP),
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
pub(super) fn entry_lines(fields: &[Field], indent: &str, annotated: bool) -> Vec<String> {
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
