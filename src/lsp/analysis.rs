//! One record as the editor sees it: checked again after edits, with its
//! diagnostics turned into the protocol's, file by file.
//!
//! The record is the folder of an open file. Its unsaved buffers stand in for
//! their files, and the loader's [`LoadCache`] keeps every file's parse, so a
//! keystroke re-parses one file and re-validates the record.

use super::text::{path_to_uri, Encoding, LineIndex};
use crate::diagnostic::{suggested_replacement, Diagnostic, Severity};
use crate::load::{load_located, IdSite, Limits, LoadCache, LoadError, Located};
use crate::model::Record;
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A record directory and what its last check found.
pub struct Workspace {
    pub dir: PathBuf,
    cache: LoadCache,
    pub located: Option<Located>,
    /// The model of the last check that found no errors, for hover's counts
    /// while the record is being edited.
    last_record: Option<Record>,
    /// What was last published for each file, to clear and to skip repeats.
    published: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
}

impl Workspace {
    pub fn new(dir: PathBuf) -> Self {
        Workspace {
            dir,
            cache: LoadCache::default(),
            located: None,
            last_record: None,
            published: HashMap::new(),
        }
    }

    /// Checks the record again with `overrides` (open buffers by path).
    pub fn check(
        &mut self,
        overrides: &HashMap<PathBuf, String>,
        limits: &Limits,
        sources: Option<&Path>,
    ) -> Result<(), LoadError> {
        let located = load_located(&self.dir, overrides, limits, sources, &mut self.cache)?;
        let previous = self.located.replace(located);
        let current_is_valid = self
            .located
            .as_ref()
            .is_some_and(|l| l.loaded.record.is_some());
        if current_is_valid {
            self.last_record = None;
        } else if let Some(record) = previous.and_then(|p| p.loaded.record) {
            // Moved, not cloned: a keystroke must not copy the model.
            self.last_record = Some(record);
        }
        Ok(())
    }

    /// The record's model, or the last valid one while the record has errors.
    pub fn record(&self) -> Option<&Record> {
        self.located
            .as_ref()
            .and_then(|l| l.loaded.record.as_ref())
            .or(self.last_record.as_ref())
    }

    /// The file index of `path` in the last check.
    pub fn file_of(&self, path: &Path) -> Option<usize> {
        let located = self.located.as_ref()?;
        located.paths.iter().position(|p| p == path)
    }

    pub fn text_of(&self, file: usize) -> &str {
        self.located
            .as_ref()
            .map_or("", |l| l.loaded.files.text(file))
    }

    /// Every id site of the last check.
    pub fn ids(&self) -> &[IdSite] {
        self.located.as_ref().map_or(&[], |l| &l.ids)
    }

    /// The diagnostics to publish, by file URI: every file of the record (empty
    /// lists clear what was shown before) whose diagnostics changed since the
    /// last call. `open` are the open files of this record, where problems without
    /// a place in a file (an empty record) are shown.
    pub fn diagnostics_to_publish(
        &mut self,
        encoding: Encoding,
        open: &[PathBuf],
    ) -> Vec<(Uri, Vec<lsp_types::Diagnostic>)> {
        let Some(located) = &self.located else {
            return Vec::new();
        };
        let mut by_path: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        for path in located.paths.iter().filter(|p| !p.as_os_str().is_empty()) {
            by_path.entry(path.clone()).or_default();
        }
        for path in self.published.keys() {
            by_path.entry(path.clone()).or_default();
        }
        let mut indexes: HashMap<usize, LineIndex> = HashMap::new();
        for diagnostic in &located.loaded.diagnostics {
            let (path, converted) = match &diagnostic.location {
                Some(location) => {
                    let path = &located.paths[location.file];
                    if path.as_os_str().is_empty() {
                        continue;
                    }
                    let index = indexes.entry(location.file).or_insert_with(|| {
                        LineIndex::new(located.loaded.files.text(location.file), encoding)
                    });
                    let range = index.range(&location.range);
                    (path.clone(), convert(diagnostic, range, located, encoding))
                }
                None => match open.first() {
                    Some(path) => (
                        path.clone(),
                        convert(diagnostic, lsp_types::Range::default(), located, encoding),
                    ),
                    None => continue,
                },
            };
            by_path.entry(path).or_default().push(converted);
        }
        let mut out = Vec::new();
        for (path, diagnostics) in by_path {
            if self.published.get(&path) == Some(&diagnostics) {
                continue;
            }
            if let Some(uri) = path_to_uri(&path) {
                out.push((uri, diagnostics.clone()));
            }
            if diagnostics.is_empty() {
                self.published.remove(&path);
            } else {
                self.published.insert(path, diagnostics);
            }
        }
        out
    }
}

/// One loader diagnostic as the protocol's: the code, the severity, the message
/// with its hint, "first defined here" notes as related information, and the
/// fix a code action can apply in `data`.
fn convert(
    diagnostic: &Diagnostic,
    range: lsp_types::Range,
    located: &Located,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|note| {
            let uri = path_to_uri(&located.paths[note.location.file])?;
            let index = LineIndex::new(located.loaded.files.text(note.location.file), encoding);
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, index.range(&note.location.range)),
                message: note.label.clone(),
            })
        })
        .collect();
    let fix = diagnostic.hint.as_deref().and_then(suggested_replacement);
    lsp_types::Diagnostic {
        range,
        severity: Some(match diagnostic.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_string())),
        source: Some("stancemap".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: fix.map(|fix| serde_json::json!({ "replacement": fix })),
        ..lsp_types::Diagnostic::default()
    }
}
