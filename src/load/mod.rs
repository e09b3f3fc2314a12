//! Loading a record: the only module that reads the user's files.
//!
//! A record is loaded in four steps, each in its own file: `read` finds and reads
//! the files (in name order, so diagnostics come out in a stable order); `tree`
//! turns each file's YAML into a located tree straight from the parser's events;
//! `de` maps each tree onto span-keeping raw structs; `validate` builds the model
//! from all of them and reports every problem. The files are parsed in parallel;
//! results are gathered in file order, so output does not depend on scheduling.
//! Nothing is ever written here.
//!
//! Limits are checked before work is done: a file's size before it is read, YAML
//! depth, node and alias counts while it is parsed. A breach is a located
//! `limit-exceeded` diagnostic naming the flag that raises the limit.

mod cache;
mod confusables;
mod de;
mod document;
mod files;
mod known;
mod located;
mod parse;
mod quotes;
mod raw;
mod read;
mod tree;
mod validate;

pub use cache::Cache;
pub use document::{read_document, read_text_file};
pub use files::{SourceFile, SourceFiles};
pub use known::{Known, KnownActor};
pub use located::{
    load_located, reference_kinds, IdKind, IdSite, LoadCache, Located, SourceSite, REFERENCE_FIELDS,
};
pub use quotes::normalise as normalise_quote;
use quotes::verify_quotes;
pub use raw::{At, Spanned, Text};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Record;
use raw::RawFile;
use read::{
    display_name, list_record_files, read_text, size_diagnostic, size_over_limit, too_many_files,
};
use std::path::{Path, PathBuf};

/// Bounds on what the loader accepts, so a hostile or mistaken input fails fast.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest single file read, in bytes.
    pub max_file_bytes: u64,
    /// Largest record (all files together), in bytes.
    pub max_record_bytes: u64,
    /// Largest number of YAML nodes in one file (scalars, sequences, mappings).
    pub max_nodes: usize,
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// Most alias references (`*name`) in one file.
    pub max_aliases: usize,
    /// Most YAML files in a record directory.
    pub max_files: usize,
    /// Most claims (positions, demands and concessions) in the whole record.
    pub max_claims: usize,
    /// Largest cited document read by `check --sources`, in bytes.
    pub max_source_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 << 20,
            max_record_bytes: 1 << 30,
            // serde-saphyr's default (250,000) stops at ~12,500 positions in one file;
            // a node costs well under 200 bytes here, so 4 M nodes is < 1 GiB.
            max_nodes: 4_000_000,
            max_depth: 64,
            max_aliases: 10_000,
            max_files: 10_000,
            // The largest benchmark record has 260,000 claims; a record of a real
            // negotiation has a few thousand.
            max_claims: 1_000_000,
            // Articles are kilobytes; a 64 MiB document is a mistake or an attack.
            max_source_bytes: 64 << 20,
        }
    }
}

/// Failures that are not problems in the record but in reaching it (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} does not exist: give the record directory (default ./data) or one YAML file")]
    NotFound { path: PathBuf },
    #[error("{path} is not a regular file or directory (a pipe, socket or device): give the record directory or one YAML file")]
    NotRegular { path: PathBuf },
    #[error(
        "--sources {path} is a file, not a folder: give the folder that holds the cited documents"
    )]
    SourcesNotAFolder { path: PathBuf },
    #[error("--sources {path} holds none of the {cited} documents the record cites (the first, `{first}`, is not there): give the folder that holds them")]
    NoCitedDocuments {
        path: PathBuf,
        cited: usize,
        first: String,
    },
}

/// A loaded record: the model if it is valid, every diagnostic, and the file texts
/// the diagnostics point into.
#[derive(Debug)]
pub struct Loaded {
    pub record: Option<Record>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: SourceFiles,
    /// The ids and names defined, even in an invalid record.
    pub known: Known,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Loads and validates the record at `path` (a directory of YAML files, or one file).
/// With `sources`, every quote is also checked against the documents in that directory.
pub fn load(path: &Path, limits: &Limits, sources: Option<&Path>) -> Result<Loaded, LoadError> {
    load_cached(path, limits, sources, &Cache::off())
}

/// [`load`] through `cache`: an unchanged record is taken whole from it (no YAML,
/// no validation); otherwise each unchanged file's tree is, and what is new is stored.
pub fn load_cached(
    path: &Path,
    limits: &Limits,
    sources: Option<&Path>,
    cache: &Cache,
) -> Result<Loaded, LoadError> {
    let mut files = SourceFiles::default();
    let mut diagnostics = Vec::new();
    let mut to_parse = Vec::new();

    let (paths, in_dir) = list_record_files(path, limits, &mut files, &mut diagnostics)?;
    let mut total_bytes: u64 = 0;
    for file_path in paths {
        let Some(text) = read_text(
            &file_path,
            in_dir,
            limits,
            &mut total_bytes,
            &mut files,
            &mut diagnostics,
        )?
        else {
            continue;
        };
        to_parse.push(files.add(display_name(&file_path), text));
    }
    // The whole-record entry covers what validation reads: every file read
    // cleanly, and no cited documents (`--sources` reads files the key cannot see).
    let key = (cache.dir.is_some() && sources.is_none() && diagnostics.is_empty())
        .then(|| cache::record_key(&files, limits));
    if let Some(validated) = key.and_then(|key| cache.get_record(key)) {
        return Ok(Loaded {
            record: validated.record,
            diagnostics: validated.diagnostics,
            files,
            known: validated.known,
        });
    }
    let loaded = finish(files, to_parse, diagnostics, limits, sources, cache)?;
    let Some(key) = key else {
        return Ok(loaded);
    };
    let validated = cache::Validated {
        record: loaded.record,
        diagnostics: loaded.diagnostics,
        known: loaded.known,
    };
    cache.put_record(key, &validated);
    Ok(Loaded {
        record: validated.record,
        diagnostics: validated.diagnostics,
        files: loaded.files,
        known: validated.known,
    })
}

/// Loads and validates a record given as (file name, text) pairs, with the same
/// checks and limits as [`load`] except those of the file system: for tests and
/// fuzzing, which must not touch the disk.
pub fn load_texts(texts: impl IntoIterator<Item = (String, String)>, limits: &Limits) -> Loaded {
    let mut files = SourceFiles::default();
    let mut diagnostics = Vec::new();
    let mut to_parse = Vec::new();
    let mut total_bytes: u64 = 0;
    for (count, (name, text)) in texts.into_iter().enumerate() {
        if count == limits.max_files {
            diagnostics.push(too_many_files("the record", limits));
            break;
        }
        let size = text.len() as u64;
        if let Some(over) = size_over_limit(size, total_bytes, limits) {
            let file = files.add(name.clone(), String::new());
            diagnostics.push(size_diagnostic(&files, file, &name, over));
            continue;
        }
        total_bytes += size;
        to_parse.push(files.add(name, text));
    }
    finish(files, to_parse, diagnostics, limits, None, &Cache::off())
        .expect("without a sources directory nothing is read")
}

/// Parses the read files, checks the record-wide limits and validates.
fn finish(
    files: SourceFiles,
    to_parse: Vec<usize>,
    mut diagnostics: Vec<Diagnostic>,
    limits: &Limits,
    sources: Option<&Path>,
    cache: &Cache,
) -> Result<Loaded, LoadError> {
    let results = parse::parse_all(&files, &to_parse, limits, cache);
    let mut parsed: Vec<(usize, RawFile)> = Vec::new();
    for (file, (raw, mut problems)) in to_parse.into_iter().zip(results) {
        diagnostics.append(&mut problems);
        if let Some(raw) = raw {
            parsed.push((file, raw));
        }
    }
    finish_parsed(files, &mut parsed, diagnostics, limits, sources, false)
}

/// Checks the record-wide limits of parsed files and validates them. With `keep`
/// the parsed files are left as they were, so the language server can keep them
/// for the next check of an edited record (see `located`); without, validation
/// may empty them as it goes, to hold less in memory at once.
fn finish_parsed(
    files: SourceFiles,
    parsed: &mut Vec<(usize, RawFile)>,
    mut diagnostics: Vec<Diagnostic>,
    limits: &Limits,
    sources: Option<&Path>,
    keep: bool,
) -> Result<Loaded, LoadError> {
    for (file, raw) in parsed.iter() {
        if raw_is_empty(raw) {
            diagnostics.push(
                Diagnostic::new(
                    Code::EmptyFile,
                    Some(files.location_at(*file, 0, 0)),
                    "this file holds no record sections",
                )
                .hint("add `actors:`, `issues:`, `positions:`, `demands:`, `concessions:` or `events:`, or delete the file"),
            );
        }
    }
    if let Some(diagnostic) = check_claims(parsed, &files, limits) {
        // Validating (and later querying) a record past the limit is the very work
        // the limit is there to refuse.
        diagnostics.push(diagnostic);
        parsed.clear();
    }

    let parse_failed = diagnostics.iter().any(Diagnostic::is_error);
    let known = Known::collect(parsed.iter().map(|(_, raw)| raw));
    let (record, mut problems, cited) = validate::validate(parsed, &files, sources.is_some(), keep);
    diagnostics.append(&mut problems);
    if let Some(dir) = sources {
        diagnostics.extend(verify_quotes(&cited, dir, limits.max_source_bytes)?);
    }
    // A file that failed to parse is missing from the model, so a model built
    // without it would silently be partial: only a fully parsed record is valid.
    // Report in reading order: by file, then by position in the file.
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.location
                .as_ref()
                .map(|l| (files.name(l.file).to_string(), l.range.start))
        };
        key(a).cmp(&key(b))
    });
    let record = if parse_failed || diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        record
    };
    Ok(Loaded {
        record,
        diagnostics,
        files,
        known,
    })
}

/// A `limit-exceeded` diagnostic at the first claim past `max_claims`, if any.
fn check_claims(
    parsed: &[(usize, RawFile)],
    files: &SourceFiles,
    limits: &Limits,
) -> Option<Diagnostic> {
    let mut count = 0usize;
    for (file, raw) in parsed {
        let ats = raw
            .positions
            .iter()
            .flatten()
            .map(|p| p.at)
            .chain(raw.demands.iter().flatten().map(|d| d.at))
            .chain(raw.concessions.iter().flatten().map(|c| c.at));
        for at in ats {
            count += 1;
            if count > limits.max_claims {
                let offset = at.offset as usize;
                return Some(
                    Diagnostic::new(
                        Code::LimitExceeded,
                        Some(files.location_at(*file, offset, 0)),
                        format!(
                            "the record holds more claims (positions, demands and concessions) than the limit of {} (max-claims); this is the first past it",
                            limits.max_claims
                        ),
                    )
                    .label("claim past the limit")
                    .hint("raise the limit with --max-claims N if the record is genuine"),
                );
            }
        }
    }
    None
}

fn raw_is_empty(raw: &RawFile) -> bool {
    raw.actors.is_none()
        && raw.issues.is_none()
        && raw.positions.is_none()
        && raw.demands.is_none()
        && raw.concessions.is_none()
        && raw.events.is_none()
}

/// The first problem the loader's YAML reading finds in `text` (a syntax error,
/// a tag, a duplicate key), as its message; `None` when it reads cleanly. Lets a
/// writer refuse text that serde-saphyr accepts but a record may not hold.
pub fn yaml_problem(text: &str) -> Option<String> {
    let (_, problems) = tree::build(text, &Limits::default());
    problems.into_iter().next().map(|p| p.message)
}
