//! One file from text to raw structs: YAML → located tree → raw, with every
//! problem found on the way as a located diagnostic.

use super::raw::RawFile;
use super::{de, tree, Limits, SourceFiles};
use crate::diagnostic::Diagnostic;

/// Parses one file. `None` when its YAML could not be read to the end; the
/// diagnostics say why.
pub fn parse(
    files: &SourceFiles,
    file: usize,
    limits: &Limits,
) -> (Option<RawFile>, Vec<Diagnostic>) {
    let text = files.text(file);
    let (tree, problems) = tree::build(text, limits);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            Diagnostic::new(
                p.code,
                Some(files.location_at(file, p.offset, p.len)),
                p.message,
            )
            .label(p.label)
            .hint(p.hint)
        })
        .collect();
    let Some(tree) = tree else {
        return (None, diagnostics);
    };
    let (mut raw, marks, problems) = de::read::<RawFile>(&tree, text, limits);
    raw.marks = marks;
    diagnostics.extend(problems.into_iter().map(|p| {
        let location = files.location_at(file, p.at.offset as usize, p.at.len as usize);
        Diagnostic::new(p.code, Some(location), p.message)
            .label(p.label)
            .hint(p.hint)
    }));
    (Some(raw), diagnostics)
}
