//! A JSON Schema (draft 2020-12) of the record format, for editors and CI.
//!
//! The loader's raw structs keep spans (`Spanned<String>`) and take every field as
//! optional text, so that validation can report all problems at once; a schema
//! generated from them would say nothing useful. These schema-only types mirror
//! `load::raw` field for field, but say what `validate` enforces: required fields,
//! keyword enums (from the model's own spellings), slugs, dates, and one-or-many
//! lists. Every object is closed (`additionalProperties: false`), as the loader
//! rejects unknown keys. A unit test keeps the field names in step with `raw`.

// The fields exist only to be described by the derive, never read.
#![allow(dead_code)]

use crate::model::{
    ActorKind, Category, ConcessionStatus, Confidence, DemandStatus, Direction, EventKind,
    Polarity, Priority, Stance, Strength,
};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// Keyword enums as `{"type": "string", "enum": [spellings]}` under `$defs`.
macro_rules! keyword_schema {
    ($($name:ident),+ $(,)?) => {$(
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "enum": $name::spellings() })
            }
        }
    )+};
}

keyword_schema!(
    ActorKind,
    Category,
    ConcessionStatus,
    Confidence,
    DemandStatus,
    Direction,
    EventKind,
    Polarity,
    Priority,
    Stance,
    Strength,
);

/// A lowercase slug: letters, digits and `-`, not at either end.
struct Slug;

impl JsonSchema for Slug {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
            "description": "A lowercase slug of letters, digits and `-`."
        })
    }
}

/// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` at month or year precision (YAML reads a
/// bare year as a number, which the loader accepts).
struct DateText;

impl JsonSchema for DateText {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "minimum": 1000,
            "maximum": 9999,
            "description": "ISO 8601 date: YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only the month or year (the whole month or year)."
        })
    }
}

/// One id or name, or a list of them (`of: nato`, `of: [nato, eu]`).
struct OneOrMany;

impl JsonSchema for OneOrMany {
    fn schema_name() -> Cow<'static, str> {
        "OneOrMany".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One item, or a list of items.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

/// One YAML file of the record: any of the six sections.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, title = "stancemap record file")]
struct RecordFile {
    actors: Option<Vec<Actor>>,
    issues: Option<Vec<Issue>>,
    positions: Option<Vec<Position>>,
    demands: Option<Vec<Demand>>,
    concessions: Option<Vec<Concession>>,
    events: Option<Vec<Event>>,
}

/// Where a claim comes from.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Source {
    /// The source document's file name.
    doc: String,
    /// A short exact quote from it.
    quote: String,
    /// How sure the record is (default medium).
    confidence: Option<Confidence>,
}

/// A party: a state, bloc, organisation, person, group or analyst.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Actor {
    id: Slug,
    name: String,
    kind: ActorKind,
    /// Other names and spellings.
    aliases: Option<OneOrMany>,
    /// Actor ids this actor belongs to.
    member_of: Option<OneOrMany>,
    role: Option<String>,
    /// True for an actor that comments but is no party (media, scholars); analysts
    /// are observers by their kind.
    observer: Option<bool>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

/// A proposition whose outcome parties support or oppose.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Issue {
    id: Slug,
    /// The proposition that `support` and `oppose` refer to.
    title: String,
    category: Category,
    description: Option<String>,
    /// The id of the issue this is a sub-issue of.
    parent: Option<Slug>,
    /// How this sub-issue's proposition reads on its parent's (default same);
    /// only with `parent`.
    polarity: Option<Polarity>,
    sources: Option<Vec<Source>>,
}

/// One actor's stance on one issue at a date.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Position {
    /// Needed only as a target of `conflicts_with`.
    id: Option<Slug>,
    actor: String,
    issue: String,
    stance: Stance,
    strength: Strength,
    summary: String,
    date: DateText,
    conditions: Option<String>,
    event: Option<String>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

/// What one actor asks of others.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Demand {
    id: Slug,
    by: String,
    of: OneOrMany,
    issue: String,
    /// The outcome asked for, as a direction on the issue's proposition.
    stance: Direction,
    text: String,
    priority: Priority,
    /// Where the demand stands now.
    status: DemandStatus,
    /// Dated changes of status, oldest first; the last one's status is `status`.
    history: Option<Vec<DemandStatusChange>>,
    date: DateText,
    /// Demand or position ids it cannot coexist with.
    conflicts_with: Option<OneOrMany>,
    event: Option<String>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

/// Ground given on an issue.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Concession {
    id: Slug,
    by: String,
    to: OneOrMany,
    issue: String,
    /// The direction the conceder now accepts.
    stance: Option<Direction>,
    /// Demand ids it answers.
    answers: Option<OneOrMany>,
    text: String,
    /// Where the concession stands now.
    status: ConcessionStatus,
    /// Dated changes of status, oldest first; the last one's status is `status`.
    history: Option<Vec<ConcessionStatusChange>>,
    date: DateText,
    event: Option<String>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

/// A dated change of a demand's status, with the sources that report it.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct DemandStatusChange {
    date: DateText,
    status: DemandStatus,
    sources: Option<Vec<Source>>,
}

/// A dated change of a concession's status, with the sources that report it.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ConcessionStatusChange {
    date: DateText,
    status: ConcessionStatus,
    sources: Option<Vec<Source>>,
}

/// Talks, a call, a meeting, a statement or a summit.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Event {
    id: Slug,
    kind: EventKind,
    title: String,
    date: DateText,
    place: Option<String>,
    /// Actor ids.
    participants: Option<OneOrMany>,
    notes: Option<String>,
    sources: Option<Vec<Source>>,
}

/// The schema as pretty JSON with a trailing newline, as committed in
/// `docs/stancemap.schema.json`.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(RecordFile);
    schema.insert(
        "$id".into(),
        "https://w3id.org/stancemap/stancemap.schema.json".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_draft_2020_12_and_closed() {
        let value: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        assert_eq!(
            value["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(value["additionalProperties"], false);
        for (name, def) in value["$defs"].as_object().unwrap() {
            if def["type"] == "object" {
                assert_eq!(def["additionalProperties"], false, "{name} is closed");
            }
        }
        assert_eq!(
            value["$defs"]["Stance"]["enum"],
            serde_json::json!(["support", "oppose", "conditional", "ambiguous"])
        );
    }

    /// The schema's fields are the loader's: a field added to `raw` must be added here.
    #[test]
    fn fields_match_the_loader() {
        let value: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        let fields = |def: &str| -> Vec<String> {
            let mut f: Vec<String> = value["$defs"][def]["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            f.sort();
            f
        };
        let raw = include_str!("load/raw.rs");
        for (def, raw_struct) in [
            ("Actor", "RawActor"),
            ("Issue", "RawIssue"),
            ("Position", "RawPosition"),
            ("Demand", "RawDemand"),
            ("Concession", "RawConcession"),
            ("Event", "RawEvent"),
            ("Source", "RawSource"),
            ("DemandStatusChange", "RawStatusChange"),
            ("ConcessionStatusChange", "RawStatusChange"),
        ] {
            let start = raw.find(&format!("pub struct {raw_struct} {{")).unwrap();
            let body = &raw[start..start + raw[start..].find('}').unwrap()];
            let mut raw_fields: Vec<String> = body
                .lines()
                .filter_map(|l| l.trim().strip_prefix("pub "))
                .filter_map(|l| l.split(':').next())
                .filter(|f| !f.starts_with("struct"))
                .map(str::to_string)
                .collect();
            raw_fields.sort();
            assert_eq!(fields(def), raw_fields, "{def} against {raw_struct}");
        }
    }
}
