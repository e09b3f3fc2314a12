//! One file from text to raw structs: YAML → located tree → raw, with every
//! problem found on the way as a located diagnostic.

use super::raw::{Marks, RawFile};
use super::tree::{Tree, YamlProblem};
use super::{de, tree, Cache, Limits, SourceFiles};
use crate::diagnostic::Diagnostic;

/// Parses one file, or takes its tree from the cache. `None` when its YAML could
/// not be read to the end; the diagnostics say why.
pub fn parse(
    files: &SourceFiles,
    file: usize,
    limits: &Limits,
    cache: &Cache,
) -> (Option<RawFile>, Vec<Diagnostic>) {
    let text = files.text(file);
    let (tree, mut diagnostics) = match cache.get(text) {
        // The limits are the tree's: a cached tree must fit the ones of this run.
        Some(tree)
            if tree.nodes.len() <= limits.max_nodes
                && tree.depth as usize <= limits.max_depth
                && tree.aliases as usize <= limits.max_aliases =>
        {
            (Some(tree), Vec::new())
        }
        _ => {
            let (tree, problems) = tree::build(text, limits);
            if let (Some(tree), true) = (&tree, problems.is_empty()) {
                cache.put(text, tree);
            }
            (tree, located_yaml_problems(files, file, problems))
        }
    };
    let Some(tree) = tree else {
        return (None, diagnostics);
    };
    // Several documents (`---`) in one file are read as one: `new --append` adds a
    // document where the file's style leaves no other way to append.
    let mut docs = Vec::with_capacity(tree.roots.len());
    let mut marks = Marks::default();
    for &root in &tree.roots {
        let (raw, more) =
            read_root::<RawFile>(files, file, &tree, Some(root), limits, &mut diagnostics);
        docs.push(raw);
        marks.spoiled.extend(more.spoiled);
        marks.nulls.extend(more.nulls);
    }
    let mut raw = RawFile::merge(docs);
    raw.marks = marks;
    (Some(raw), diagnostics)
}

/// Parses one file's YAML into its located tree (no cache), with the problems
/// found as located diagnostics.
pub fn build_located(
    files: &SourceFiles,
    file: usize,
    limits: &Limits,
) -> (Option<Tree>, Vec<Diagnostic>) {
    let (tree, problems) = tree::build(files.text(file), limits);
    (tree, located_yaml_problems(files, file, problems))
}

fn located_yaml_problems(
    files: &SourceFiles,
    file: usize,
    problems: Vec<YamlProblem>,
) -> Vec<Diagnostic> {
    problems
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
        .collect()
}

/// Reads the document at `root` of a file's tree into `T`, adding the problems
/// found to `diagnostics` as located diagnostics.
pub fn read_root<T: serde::de::DeserializeOwned + Default>(
    files: &SourceFiles,
    file: usize,
    tree: &Tree,
    root: Option<u32>,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> (T, Marks) {
    let (value, marks, problems) = de::read::<T>(tree, root, files.text(file), limits);
    diagnostics.extend(problems.into_iter().map(|p| {
        let location = files.location_at(file, p.at.offset as usize, p.at.len as usize);
        Diagnostic::new(p.code, Some(location), p.message)
            .label(p.label)
            .hint(p.hint)
    }));
    (value, marks)
}
