//! One file from text to raw structs: YAML → located tree → raw, with every
//! problem found on the way as a located diagnostic.

use super::raw::{Marks, RawFile};
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
    // Several documents (`---`) in one file are read as one: `new --append` adds a
    // document where the file's style leaves no other way to append.
    let mut docs = Vec::with_capacity(tree.roots.len());
    let mut marks = Marks::default();
    for &root in &tree.roots {
        let (raw, more, problems) = de::read::<RawFile>(&tree, Some(root), text, limits);
        docs.push(raw);
        marks.spoiled.extend(more.spoiled);
        marks.nulls.extend(more.nulls);
        diagnostics.extend(problems.into_iter().map(|p| {
            let location = files.location_at(file, p.at.offset as usize, p.at.len as usize);
            Diagnostic::new(p.code, Some(location), p.message)
                .label(p.label)
                .hint(p.hint)
        }));
    }
    let mut raw = RawFile::merge(docs);
    raw.marks = marks;
    (Some(raw), diagnostics)
}
