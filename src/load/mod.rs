//! Loading a record: the only module that reads the user's files.
//!
//! A record directory is read file by file (in name order, so diagnostics come out
//! in a stable order), each file parsed by serde-saphyr into span-keeping raw
//! structs, and all of them handed to one `validate` step that builds the model
//! and reports every problem. Nothing is ever written here.
//!
//! Limits are checked before work is done: a file's size before it is read, YAML
//! depth, node and alias counts by serde-saphyr's budget while it parses. A breach is
//! a located `limit-exceeded` diagnostic naming the flag that raises the limit.

mod files;
mod known;
mod quotes;
mod raw;
mod validate;

pub use files::{SourceFile, SourceFiles};
pub use known::{Known, KnownActor};
pub use quotes::normalise as normalise_quote;
use quotes::verify_quotes;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Record;
use raw::RawFile;
use std::io::Read;
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
    finish(files, to_parse, diagnostics, limits, sources)
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
    finish(files, to_parse, diagnostics, limits, None)
        .expect("without a sources directory nothing is read")
}

/// Parses the read files, checks the record-wide limits and validates.
fn finish(
    files: SourceFiles,
    to_parse: Vec<usize>,
    mut diagnostics: Vec<Diagnostic>,
    limits: &Limits,
    sources: Option<&Path>,
) -> Result<Loaded, LoadError> {
    let mut parsed: Vec<(usize, RawFile)> = Vec::new();
    for file in to_parse {
        match parse(&files, file, limits) {
            Ok(raw) => {
                if raw_is_empty(&raw) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::EmptyFile,
                            Some(files.location_at(file, 0, 0)),
                            "this file holds no record sections",
                        )
                        .hint("add `actors:`, `issues:`, `positions:`, `demands:`, `concessions:` or `events:`, or delete the file"),
                    );
                }
                parsed.push((file, raw));
            }
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    if let Some(diagnostic) = check_claims(&parsed, &files, limits) {
        // Validating (and later querying) a record past the limit is the very work
        // the limit is there to refuse.
        diagnostics.push(diagnostic);
        parsed.clear();
    }

    let parse_failed = diagnostics.iter().any(Diagnostic::is_error);
    let known = Known::collect(parsed.iter().map(|(_, raw)| raw));
    let (record, mut problems, cited) = validate::validate(&parsed, &files);
    diagnostics.append(&mut problems);
    if let Some(dir) = sources {
        diagnostics.extend(verify_quotes(&cited, dir)?);
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
                let offset = if at.offset == u32::MAX {
                    files.offset_of(*file, at.line as usize, at.column as usize)
                } else {
                    at.offset as usize
                };
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

/// The YAML files of a record, in name order, and whether they are entries of a
/// record directory (rather than one file the user named); other entries get a warning.
fn list_record_files(
    path: &Path,
    limits: &Limits,
    files: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<PathBuf>, bool), LoadError> {
    let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => LoadError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if metadata.is_file() {
        return Ok((vec![path.to_path_buf()], false));
    }
    if !metadata.is_dir() {
        // Opening a FIFO would wait for a writer forever; a device may never end.
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io_error)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io_error)?;
    entries.sort();

    let mut yaml = Vec::new();
    for entry in entries {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue; // editor swap files, .gitkeep: not the analyst's record
        }
        if name.eq_ignore_ascii_case("README.md") {
            continue; // the folder's own description (`stancemap init` writes one)
        }
        let is_yaml = matches!(
            entry.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        // symlink_metadata: a link is reported, never followed, so a link cannot
        // pull in a file from outside the record or loop back into it.
        let problem = match std::fs::symlink_metadata(&entry).map(|m| m.file_type()) {
            // Sub-directories (notes/, sources/) are not part of the record.
            Ok(t) if t.is_dir() => continue,
            Ok(t) if t.is_symlink() => {
                Some("is a symbolic link; stancemap does not follow links in a record directory")
            }
            Ok(t) if !t.is_file() => {
                Some("is not a regular file (a pipe, socket or device) and was not opened")
            }
            Ok(_) => None,
            Err(_) => Some("cannot be inspected"),
        };
        if let Some(problem) = problem {
            let file = files.add(display_name(&entry), String::new());
            diagnostics.push(
                Diagnostic::new(
                    Code::IgnoredFile,
                    Some(files.location_at(file, 0, 0)),
                    format!("{} {problem}; it was skipped", display_name(&entry)),
                )
                .hint("keep the record's YAML files as plain files inside the record directory (copy a linked file in instead of linking it)"),
            );
            continue;
        }
        if is_yaml {
            yaml.push(entry);
        } else {
            let file = files.add(display_name(&entry), String::new());
            diagnostics.push(
                Diagnostic::new(
                    Code::IgnoredFile,
                    Some(files.location_at(file, 0, 0)),
                    format!("{} is not a YAML file and was skipped", display_name(&entry)),
                )
                .hint("record files end in .yaml or .yml; move other files out of the record directory"),
            );
        }
    }
    if yaml.len() > limits.max_files {
        diagnostics.push(too_many_files(&path.display().to_string(), limits));
        yaml.truncate(limits.max_files);
    }
    if yaml.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::EmptyRecord,
                None,
                format!("{} holds no YAML files (*.yaml, *.yml)", path.display()),
            )
            .hint("point stancemap at the record directory, e.g. `stancemap check data`"),
        );
    }
    Ok((yaml, true))
}

fn too_many_files(what: &str, limits: &Limits) -> Diagnostic {
    Diagnostic::new(
        Code::LimitExceeded,
        None,
        format!(
            "{what} holds more YAML files than the limit of {} (max-files); the rest were not read",
            limits.max_files
        ),
    )
    .hint("split the record, or raise the limit with --max-files N")
}

/// Which size limit a file of `size` bytes breaks, after `total` bytes already read.
fn size_over_limit(size: u64, total: u64, limits: &Limits) -> Option<String> {
    if size > limits.max_file_bytes {
        Some(format!(
            "is {size} bytes, more than the per-file limit of {} bytes (max-file-mib {}); it was not read",
            limits.max_file_bytes,
            mib(limits.max_file_bytes)
        ))
    } else if total.saturating_add(size) > limits.max_record_bytes {
        Some(format!(
            "takes the record past its limit of {} bytes in all (max-record-mib {}); it was not read",
            limits.max_record_bytes,
            mib(limits.max_record_bytes)
        ))
    } else {
        None
    }
}

fn mib(bytes: u64) -> String {
    if bytes.is_multiple_of(1 << 20) {
        (bytes >> 20).to_string()
    } else {
        format!("{:.3}", bytes as f64 / (1 << 20) as f64)
    }
}

fn size_diagnostic(files: &SourceFiles, file: usize, name: &str, over: String) -> Diagnostic {
    let flag = if over.contains("per-file") {
        "--max-file-mib N"
    } else {
        "--max-record-mib N"
    };
    Diagnostic::new(
        Code::LimitExceeded,
        Some(files.location_at(file, 0, 0)),
        format!("{name} {over}"),
    )
    .hint(format!(
        "split the record into smaller files, or raise the limit with {flag}"
    ))
}

/// Opens a record file for reading without following a link that replaced it since
/// it was listed, and without blocking on a FIFO.
fn open_record_file(path: &Path, in_dir: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if in_dir { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    #[cfg(not(unix))]
    let _ = in_dir;
    options.open(path)
}

/// Reads one file as UTF-8 text within the limits; `None` when a diagnostic replaced it.
fn read_text(
    path: &Path,
    in_dir: bool,
    limits: &Limits,
    total_bytes: &mut u64,
    files: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = open_record_file(path, in_dir).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        // Swapped for a pipe or device between listing and opening.
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let size = metadata.len();
    let over = |size| size_over_limit(size, *total_bytes, limits);
    if let Some(over) = over(size) {
        let file = files.add(display_name(path), String::new());
        diagnostics.push(size_diagnostic(files, file, &display_name(path), over));
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // take(): a file that grows while we read cannot push us past the limit.
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if let Some(over) = over(bytes.len() as u64) {
        let file = files.add(display_name(path), String::new());
        diagnostics.push(size_diagnostic(files, file, &display_name(path), over));
        return Ok(None);
    }
    *total_bytes += bytes.len() as u64;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = files.add(display_name(path), prefix);
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    Some(files.location_at(file, valid, 0)),
                    format!("{} is not valid UTF-8 (byte {valid} starts an invalid sequence)", display_name(path)),
                )
                .label("invalid UTF-8 here")
                .hint("save the file as UTF-8 text; a binary file does not belong in the record directory"),
            );
            Ok(None)
        }
    }
}

fn parse(files: &SourceFiles, file: usize, limits: &Limits) -> Result<RawFile, Box<Diagnostic>> {
    let text = files.text(file);
    if let Some(offset) = find_tag(text) {
        return Err(Box::new(
            Diagnostic::new(
                Code::YamlSyntax,
                Some(files.location_at(file, offset, tag_len(text, offset))),
                "YAML tags such as `!!binary` are not allowed in a record",
            )
            .label("tag")
            .hint("write the value as plain text without the tag"),
        ));
    }
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    // Replayed events build values as written ones do: count them against the nodes.
    alias_limits.max_total_replayed_events = limits.max_nodes;
    alias_limits.max_replay_stack_depth = limits.max_depth;
    let options = serde_saphyr::options! {
        alias_limits: alias_limits,
        budget: serde_saphyr::budget! {
            max_nodes: limits.max_nodes,
            max_events: limits.max_nodes.saturating_mul(4),
            max_depth: limits.max_depth,
            // `[[[…]]]` is bounded by the scanner, `- - - …` by the depth budget.
            flow_nesting_limit: limits.max_depth,
            max_aliases: limits.max_aliases,
            max_total_scalar_bytes: usize::try_from(limits.max_file_bytes).unwrap_or(usize::MAX),
        },
    };
    // Several documents (`---`) in one file are read as one: `new --append` adds a
    // document where the file's style leaves no other way to append.
    serde_saphyr::from_str_multiple_with_options::<RawFile, Vec<RawFile>>(text, options)
        .map(RawFile::merge)
        .map_err(|err| Box::new(yaml_error(files, file, &err, limits)))
}

#[derive(Clone, Copy)]
enum LimitKind {
    Depth,
    Aliases,
    Nodes,
    TextBytes,
}

/// Turns serde-saphyr's error into a located diagnostic with a stable code.
fn yaml_error(
    files: &SourceFiles,
    file: usize,
    err: &serde_saphyr::Error,
    limits: &Limits,
) -> Diagnostic {
    use serde_saphyr::Error as E;
    // Unwrap snippets and alias context down to the error itself.
    let mut inner = err;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = inner {
        inner = error;
    }
    let code = match inner {
        E::DuplicateMappingKey { .. } => Code::DuplicateKey,
        E::SerdeUnknownField { .. } => Code::UnknownField,
        E::SerdeMissingField { .. } => Code::MissingField,
        E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::SerdeInvalidLength { .. }
        | E::NullIntoString { .. }
        | E::Unexpected { .. }
        | E::InvalidBinaryBase64 { .. }
        | E::BinaryNotUtf8 { .. }
        | E::TaggedScalarCannotDeserializeIntoString { .. } => Code::WrongType,
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => Code::LimitExceeded,
        _ => Code::YamlSyntax,
    };
    let mut message = inner.to_string();
    // serde-saphyr appends "at line L, column C"; we print the location ourselves.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    if let Some(cut) = message.find(", set DuplicateKeyPolicy") {
        message.truncate(cut);
    }
    // Which limit, named as its flag: the analyst must be able to raise it.
    let limit = match inner {
        E::Budget { breach, .. } => Some(match breach {
            serde_saphyr::budget::BudgetBreach::Depth { .. } => LimitKind::Depth,
            serde_saphyr::budget::BudgetBreach::ScalarBytes { .. } => LimitKind::TextBytes,
            serde_saphyr::budget::BudgetBreach::Aliases { .. }
            | serde_saphyr::budget::BudgetBreach::Anchors { .. }
            | serde_saphyr::budget::BudgetBreach::AliasAnchorRatio { .. }
            | serde_saphyr::budget::BudgetBreach::MergeKeys { .. } => LimitKind::Aliases,
            _ => LimitKind::Nodes,
        }),
        E::AliasReplayLimitExceeded { .. } | E::AliasReplayCounterOverflow { .. } => {
            Some(LimitKind::Nodes)
        }
        E::AliasReplayStackDepthExceeded { .. } => Some(LimitKind::Depth),
        E::AliasExpansionLimitExceeded { .. } => Some(LimitKind::Aliases),
        _ if message.contains("recursion limit") => Some(LimitKind::Depth),
        _ => None,
    };
    let code = if limit.is_some() {
        Code::LimitExceeded
    } else {
        code
    };
    if let Some(limit) = limit {
        message = match limit {
            LimitKind::Depth => format!(
                "nesting deeper than the limit of {} levels (max-depth)",
                limits.max_depth
            ),
            LimitKind::Aliases => format!(
                "more alias references or alias expansion than the limit of {} aliases (max-aliases): {message}",
                limits.max_aliases
            ),
            LimitKind::Nodes => format!(
                "more YAML nodes than the limit of {} per file (max-yaml-nodes), aliases expanded: {message}",
                limits.max_nodes
            ),
            LimitKind::TextBytes => format!(
                "more text than the per-file limit of {} bytes (max-file-mib {}), aliases expanded",
                limits.max_file_bytes,
                mib(limits.max_file_bytes)
            ),
        };
    }
    let location = err.location().map(|loc| {
        let offset = loc
            .span()
            .byte_offset()
            .map(|o| o as usize)
            .unwrap_or_else(|| files.offset_of(file, loc.line() as usize, loc.column() as usize));
        let len = loc.span().byte_len().unwrap_or(0) as usize;
        files.location_at(file, offset, len)
    });
    let hint = match code {
        Code::DuplicateKey => "remove one of the two keys: YAML keeps only one value per key".to_string(),
        Code::UnknownField => "fix the field's spelling; `stancemap check --explain` and docs/record-format.md list the fields".to_string(),
        Code::WrongType => "a record file is a mapping of sections (actors:, issues:, …), each a list of entries; check this value's shape against docs/record-format.md".to_string(),
        Code::LimitExceeded => match limit.unwrap_or(LimitKind::Nodes) {
            LimitKind::Depth => "a record needs only a few levels: check for runaway nesting, or raise the limit with --max-depth N".to_string(),
            LimitKind::Aliases => "write the values out instead of using `&anchor`/`*alias`, or raise the limit with --max-aliases N".to_string(),
            LimitKind::Nodes => "split the file, or raise the limit with --max-yaml-nodes N if the record is genuine".to_string(),
            LimitKind::TextBytes => "write the values out instead of repeating a long `*alias`, split the file, or raise the limit with --max-file-mib N".to_string(),
        },
        _ if message.contains("tab") => "indent with spaces; YAML does not allow tabs for indentation".to_string(),
        _ => "fix the YAML syntax here (an unclosed bracket or quote, a bad indent, …)".to_string(),
    };
    Diagnostic::new(code, location, message).hint(hint)
}

/// The first `!!tag` outside comments and quotes, roughly: where YAML would read a
/// tag. serde-saphyr decodes `!!binary` silently into text, which no analyst means.
fn find_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut search_from = 0;
    while let Some(found) = text[search_from..].find("!!") {
        let at = search_from + found;
        let before = if at == 0 { b' ' } else { bytes[at - 1] };
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let in_comment = text[line_start..at].contains('#');
        let quotes = text[line_start..at].matches(['"', '\'']).count();
        if matches!(before, b' ' | b'\t' | b'[' | b',' | b'{' | b'\n')
            && !in_comment
            && quotes.is_multiple_of(2)
        {
            return Some(at);
        }
        search_from = at + 2;
    }
    None
}

fn tag_len(text: &str, offset: usize) -> usize {
    text[offset..]
        .find(|c: char| c.is_whitespace())
        .unwrap_or(text.len() - offset)
}

fn raw_is_empty(raw: &RawFile) -> bool {
    raw.actors.is_none()
        && raw.issues.is_none()
        && raw.positions.is_none()
        && raw.demands.is_none()
        && raw.concessions.is_none()
        && raw.events.is_none()
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}
