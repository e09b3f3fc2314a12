//! The record with the places its ids are written: for the language server.
//!
//! `check` needs only the model and the diagnostics; an editor also needs to know
//! where each id is defined and used (go to definition, rename, hover) and must
//! check the record again on every keystroke. This file gives both without a
//! second parser: it loads a record directory with unsaved buffers in place of
//! their files, keeps each file's parse in a [`LoadCache`] so that only the edited
//! file is parsed again, and lists the id sites from the same span-keeping raw
//! structs that `validate` reads.

use super::raw::{At, RawFile, RawSource, Spanned, Text, TextList};
use super::{
    display_name, finish_parsed, list_record_files, parse::parse, read_text, size_diagnostic,
    size_over_limit, Limits, LoadError, Loaded, SourceFiles,
};
use crate::diagnostic::{Code, Diagnostic, Location};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The kinds of entry an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    Actor,
    Issue,
    Position,
    Demand,
    Concession,
    Event,
}

impl IdKind {
    pub const ALL: &'static [IdKind] = &[
        IdKind::Actor,
        IdKind::Issue,
        IdKind::Position,
        IdKind::Demand,
        IdKind::Concession,
        IdKind::Event,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Actor => "actor",
            IdKind::Issue => "issue",
            IdKind::Position => "position",
            IdKind::Demand => "demand",
            IdKind::Concession => "concession",
            IdKind::Event => "event",
        }
    }

    /// The record section that defines ids of this kind.
    pub fn section(self) -> &'static str {
        match self {
            IdKind::Actor => "actors",
            IdKind::Issue => "issues",
            IdKind::Position => "positions",
            IdKind::Demand => "demands",
            IdKind::Concession => "concessions",
            IdKind::Event => "events",
        }
    }
}

const ACTOR: &[IdKind] = &[IdKind::Actor];
const ISSUE: &[IdKind] = &[IdKind::Issue];
const EVENT: &[IdKind] = &[IdKind::Event];
const DEMAND: &[IdKind] = &[IdKind::Demand];
const CLAIM: &[IdKind] = &[IdKind::Demand, IdKind::Position];

/// Every field that names ids, by section, with the kinds it may name: the
/// references `validate` resolves. A unit test checks each against the loader.
pub const REFERENCE_FIELDS: &[(&str, &str, &[IdKind])] = &[
    ("actors", "member_of", ACTOR),
    ("issues", "parent", ISSUE),
    ("positions", "actor", ACTOR),
    ("positions", "issue", ISSUE),
    ("positions", "event", EVENT),
    ("demands", "by", ACTOR),
    ("demands", "of", ACTOR),
    ("demands", "issue", ISSUE),
    ("demands", "conflicts_with", CLAIM),
    ("demands", "event", EVENT),
    ("concessions", "by", ACTOR),
    ("concessions", "to", ACTOR),
    ("concessions", "issue", ISSUE),
    ("concessions", "answers", DEMAND),
    ("concessions", "event", EVENT),
    ("events", "participants", ACTOR),
];

/// One place an id is written: its definition (`id:`) or a reference to it.
#[derive(Clone, Debug)]
pub struct IdSite {
    pub kind: IdKind,
    pub id: String,
    /// Exactly the id's characters (without quotes or surrounding blanks).
    pub location: Location,
    pub definition: bool,
    pub section: &'static str,
    pub field: &'static str,
    /// For a definition: the entry's name, title or text.
    pub detail: String,
    /// For an actor's definition: its aliases.
    pub aliases: Vec<String>,
}

/// One cited source (`{doc, quote}`) with where each part is written.
#[derive(Clone, Debug)]
pub struct SourceSite {
    pub doc: Option<String>,
    pub doc_location: Option<Location>,
    pub quote: Option<String>,
    pub quote_location: Option<Location>,
    /// The whole source entry.
    pub location: Location,
}

/// A loaded record with its id and source sites, and the path of each file.
#[derive(Debug)]
pub struct Located {
    pub loaded: Loaded,
    pub ids: Vec<IdSite>,
    pub sources: Vec<SourceSite>,
    /// The path of each of `loaded.files`, by file index.
    pub paths: Vec<PathBuf>,
}

/// Each file's last parse, kept between loads so that an edit re-parses one file.
#[derive(Default)]
pub struct LoadCache {
    files: HashMap<PathBuf, CachedFile>,
}

struct CachedFile {
    text: String,
    raw: RawFile,
    /// What the parse reported besides the raw file (fields it could not read).
    problems: Vec<Diagnostic>,
    sites: FileSites,
}

/// A file's sites as offsets; located once the file's index in a load is known.
#[derive(Default)]
struct FileSites {
    ids: Vec<RawSite>,
    sources: Vec<RawSourceSite>,
}

struct RawSite {
    kinds: &'static [IdKind],
    id: String,
    at: At,
    definition: bool,
    section: &'static str,
    field: &'static str,
    detail: String,
    aliases: Vec<String>,
}

struct RawSourceSite {
    doc: Option<(String, At)>,
    quote: Option<(String, At)>,
    at: At,
}

/// Loads the record in directory `dir`, reading `overrides` (unsaved buffers, by
/// path) instead of their files and re-parsing only files whose text changed
/// since the load that filled `cache`.
pub fn load_located(
    dir: &Path,
    overrides: &HashMap<PathBuf, String>,
    limits: &Limits,
    sources: Option<&Path>,
    cache: &mut LoadCache,
) -> Result<Located, LoadError> {
    let mut files = SourceFiles::default();
    let mut diagnostics = Vec::new();
    let (mut paths, _) = list_record_files(dir, limits, &mut files, &mut diagnostics)?;
    // A buffer not saved yet is part of the record all the same.
    for path in overrides.keys() {
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && path.parent() == Some(dir) && !paths.contains(path) {
            paths.push(path.clone());
        }
    }
    paths.sort();
    paths.truncate(limits.max_files);
    if !paths.is_empty() {
        diagnostics.retain(|d| d.code != Code::EmptyRecord);
    }

    // File indices already taken by skipped entries have no path of interest.
    let mut file_paths: Vec<PathBuf> = (0..files.iter().count()).map(|_| PathBuf::new()).collect();
    let mut parsed: Vec<(usize, RawFile)> = Vec::new();
    let mut sites: Vec<(usize, FileSites, Vec<Diagnostic>)> = Vec::new();
    let mut total_bytes: u64 = 0;
    for path in paths {
        let text = match overrides.get(&path) {
            Some(text) => {
                let name = display_name(&path);
                if let Some(over) = size_over_limit(text.len() as u64, total_bytes, limits) {
                    let file = files.add(name.clone(), String::new());
                    file_paths.push(path);
                    diagnostics.push(size_diagnostic(&files, file, &name, over));
                    continue;
                }
                total_bytes += text.len() as u64;
                text.clone()
            }
            None => {
                let before = files.iter().count();
                let text = read_text(
                    &path,
                    true,
                    limits,
                    &mut total_bytes,
                    &mut files,
                    &mut diagnostics,
                )?;
                // A file refused for its size or encoding was added with a diagnostic.
                for _ in before..files.iter().count() {
                    file_paths.push(path.clone());
                }
                match text {
                    Some(text) => text,
                    None => continue,
                }
            }
        };
        let file = files.add(display_name(&path), text);
        file_paths.push(path.clone());
        let cached = cache
            .files
            .remove(&path)
            .filter(|c| c.text == files.text(file));
        let (raw, mut problems, file_sites) = match cached {
            Some(c) => (c.raw, c.problems, c.sites),
            None => match parse(&files, file, limits, &super::Cache::off()) {
                (Some(raw), problems) => {
                    let file_sites = collect_sites(&raw);
                    (raw, problems, file_sites)
                }
                (None, mut problems) => {
                    diagnostics.append(&mut problems);
                    continue;
                }
            },
        };
        // The text is the same, so only the file's index in this load may differ.
        for problem in &mut problems {
            renumber(problem, file);
        }
        diagnostics.extend(problems.iter().cloned());
        parsed.push((file, raw));
        sites.push((file, file_sites, problems));
    }

    let loaded = finish_parsed(files, &mut parsed, diagnostics, limits, sources, true)?;
    let (ids, source_sites) = locate(&loaded.files, &sites);
    cache.files.clear();
    for ((file, raw), (_, file_sites, problems)) in parsed.into_iter().zip(sites) {
        cache.files.insert(
            file_paths[file].clone(),
            CachedFile {
                text: loaded.files.text(file).to_string(),
                raw,
                problems,
                sites: file_sites,
            },
        );
    }
    Ok(Located {
        loaded,
        ids,
        sources: source_sites,
        paths: file_paths,
    })
}

/// Points a cached file's diagnostic at the file's index in this load.
fn renumber(diagnostic: &mut Diagnostic, file: usize) {
    if let Some(location) = &mut diagnostic.location {
        location.file = file;
    }
    for note in &mut diagnostic.related {
        note.location.file = file;
    }
}

/// Places every file's sites in the loaded files, and resolves the kind of each
/// reference that may name more than one kind (`conflicts_with`).
fn locate(
    files: &SourceFiles,
    sites: &[(usize, FileSites, Vec<Diagnostic>)],
) -> (Vec<IdSite>, Vec<SourceSite>) {
    let mut defined: HashSet<(IdKind, &str)> = HashSet::new();
    for (_, file_sites, _) in sites {
        for site in file_sites.ids.iter().filter(|s| s.definition) {
            defined.insert((site.kinds[0], site.id.as_str()));
        }
    }
    let mut ids = Vec::new();
    let mut sources = Vec::new();
    for (file, file_sites, _) in sites {
        for site in &file_sites.ids {
            let kind = site
                .kinds
                .iter()
                .copied()
                .find(|k| defined.contains(&(*k, site.id.as_str())))
                .unwrap_or(site.kinds[0]);
            ids.push(IdSite {
                kind,
                id: site.id.clone(),
                location: id_location(files, *file, &site.at, &site.id),
                definition: site.definition,
                section: site.section,
                field: site.field,
                detail: site.detail.clone(),
                aliases: site.aliases.clone(),
            });
        }
        for source in &file_sites.sources {
            sources.push(SourceSite {
                doc: source.doc.as_ref().map(|(d, _)| d.clone()),
                doc_location: source
                    .doc
                    .as_ref()
                    .map(|(d, at)| id_location(files, *file, at, d)),
                quote: source.quote.as_ref().map(|(q, _)| q.clone()),
                quote_location: source
                    .quote
                    .as_ref()
                    .map(|(_, at)| at_location(files, *file, at)),
                location: at_location(files, *file, &source.at),
            });
        }
    }
    (ids, sources)
}

fn at_location(files: &SourceFiles, file: usize, at: &At) -> Location {
    files.location_at(file, at.offset as usize, at.len as usize)
}

/// The location of exactly `id` within the value written at `at` (which may be
/// quoted, or padded with blanks).
fn id_location(files: &SourceFiles, file: usize, at: &At, id: &str) -> Location {
    let whole = at_location(files, file, at);
    let text = files.text(file);
    let start = whole.range.start;
    let end = whole.range.end.max(start);
    let found = text
        .get(start..end)
        .and_then(|value| value.find(id))
        .map(|i| start + i)
        // A span the parser gave without its length: the id starts there.
        .or_else(|| text[start..].starts_with(id).then_some(start));
    match found {
        Some(offset) if !id.is_empty() => files.location_at(file, offset, id.len()),
        _ => whole,
    }
}

/// Every id and source written in one parsed file, as offsets.
fn collect_sites(raw: &RawFile) -> FileSites {
    let mut s = FileSites::default();
    for a in raw.actors.iter().flatten() {
        let v = &a.value;
        let aliases = v
            .aliases
            .as_ref()
            .map(|l| {
                TextList::items(l)
                    .into_iter()
                    .map(|(t, _)| t.trim().to_string())
                    .collect()
            })
            .unwrap_or_default();
        s.define(IdKind::Actor, &v.id, &v.name, aliases);
        s.list("actors", "member_of", &v.member_of);
        s.sources(&v.sources);
    }
    for i in raw.issues.iter().flatten() {
        let v = &i.value;
        s.define(IdKind::Issue, &v.id, &v.title, Vec::new());
        s.one("issues", "parent", &v.parent);
        s.sources(&v.sources);
    }
    for p in raw.positions.iter().flatten() {
        let v = &p.value;
        s.define(IdKind::Position, &v.id, &v.summary, Vec::new());
        s.one("positions", "actor", &v.actor);
        s.one("positions", "issue", &v.issue);
        s.one("positions", "event", &v.event);
        s.sources(&v.sources);
    }
    for d in raw.demands.iter().flatten() {
        let v = &d.value;
        s.define(IdKind::Demand, &v.id, &v.text, Vec::new());
        s.one("demands", "by", &v.by);
        s.list("demands", "of", &v.of);
        s.one("demands", "issue", &v.issue);
        s.list("demands", "conflicts_with", &v.conflicts_with);
        s.one("demands", "event", &v.event);
        s.sources(&v.sources);
    }
    for c in raw.concessions.iter().flatten() {
        let v = &c.value;
        s.define(IdKind::Concession, &v.id, &v.text, Vec::new());
        s.one("concessions", "by", &v.by);
        s.list("concessions", "to", &v.to);
        s.one("concessions", "issue", &v.issue);
        s.list("concessions", "answers", &v.answers);
        s.one("concessions", "event", &v.event);
        s.sources(&v.sources);
    }
    for e in raw.events.iter().flatten() {
        let v = &e.value;
        s.define(IdKind::Event, &v.id, &v.title, Vec::new());
        s.list("events", "participants", &v.participants);
        s.sources(&v.sources);
    }
    s
}

impl FileSites {
    fn define<T: std::borrow::Borrow<Text>>(
        &mut self,
        kind: IdKind,
        id: &Option<T>,
        detail: &Option<Text>,
        aliases: Vec<String>,
    ) {
        let Some(id) = id.as_ref().map(T::borrow) else {
            return;
        };
        let value = id.value.trim();
        if value.is_empty() {
            return;
        }
        let kinds = IdKind::ALL
            .iter()
            .position(|k| *k == kind)
            .map_or(ACTOR, |i| &IdKind::ALL[i..=i]);
        self.ids.push(RawSite {
            kinds,
            id: value.to_string(),
            at: id.at,
            definition: true,
            section: kind.section(),
            field: "id",
            detail: detail
                .as_ref()
                .map(|t| t.value.trim().to_string())
                .unwrap_or_default(),
            aliases,
        });
    }

    fn reference(&mut self, section: &'static str, field: &'static str, id: &str, at: At) {
        let id = id.trim();
        let Some(kinds) = reference_kinds(section, field) else {
            return;
        };
        if id.is_empty() {
            return;
        }
        self.ids.push(RawSite {
            kinds,
            id: id.to_string(),
            at,
            definition: false,
            section,
            field,
            detail: String::new(),
            aliases: Vec::new(),
        });
    }

    fn one<T: std::borrow::Borrow<Text>>(
        &mut self,
        section: &'static str,
        field: &'static str,
        value: &Option<T>,
    ) {
        if let Some(text) = value.as_ref().map(T::borrow) {
            self.reference(section, field, &text.value, text.at);
        }
    }

    fn list(
        &mut self,
        section: &'static str,
        field: &'static str,
        value: &Option<Spanned<TextList>>,
    ) {
        for (id, at) in value.as_ref().map(TextList::items).unwrap_or_default() {
            self.reference(section, field, id, at);
        }
    }

    fn sources(&mut self, sources: &Option<Vec<Spanned<RawSource>>>) {
        for source in sources.iter().flatten() {
            let text = |t: &Option<Text>| t.as_ref().map(|t| (t.value.trim().to_string(), t.at));
            self.sources.push(RawSourceSite {
                doc: text(&source.value.doc),
                quote: text(&source.value.quote),
                at: source.at,
            });
        }
    }
}

/// The kinds a field of a section may name, from [`REFERENCE_FIELDS`].
pub fn reference_kinds(section: &str, field: &str) -> Option<&'static [IdKind]> {
    REFERENCE_FIELDS
        .iter()
        .find(|(s, f, _)| *s == section && *f == field)
        .map(|(_, _, kinds)| *kinds)
}

#[cfg(test)]
mod tests;
