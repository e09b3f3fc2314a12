//! One file from text to raw structs: YAML → located tree → raw, with every
//! problem found on the way as a located diagnostic.

use super::raw::{Marks, RawFile};
use super::tree::{Tree, YamlProblem};
use super::{de, tree, Cache, Limits, SourceFiles};
use crate::diagnostic::Diagnostic;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One file's parse: its raw entries (if its YAML was read to the end) and problems.
pub type Parsed = (Option<RawFile>, Vec<Diagnostic>);

/// Parses `to_parse` in parallel, results in the order given. The calling thread
/// parses too, beside `rayon::current_num_threads() - 1` helpers, each taking the
/// next file not yet taken. Why not the rayon pool alone: glibc's allocator gives
/// each thread an arena of its own, and memory freed by another thread goes back
/// to the arena it came from. Validation, on the calling thread, drops each raw
/// position as soon as it is converted and allocates the model's; only what the
/// calling thread parsed is freed where the model is built. With the pool doing all
/// the parsing none was, and the model grew beside the freed raw entries
/// (docs/scaling.md, "Memory").
pub fn parse_all(
    files: &SourceFiles,
    to_parse: &[usize],
    limits: &Limits,
    cache: &Cache,
) -> Vec<Parsed> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&file) = to_parse.get(i) else {
                return done;
            };
            done.push((i, parse(files, file, limits, cache)));
        }
    };
    let helpers = rayon::current_num_threads()
        .min(to_parse.len())
        .saturating_sub(1);
    let mut done: Vec<(usize, Parsed)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for handle in handles {
            // A panic in a helper is a bug: carry it to the caller as rayon did.
            done.extend(
                handle
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, parsed)| parsed).collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Files taken by whichever thread is free come back in the order given, each
    /// with its own problems, however many files and threads there are.
    #[test]
    fn parse_all_keeps_the_files_order() {
        let mut files = SourceFiles::default();
        for i in 0..40 {
            let text = if i % 3 == 0 {
                format!("actors:\n  - id: a{i}\n    nmae: x\n")
            } else {
                format!("actors:\n  - id: a{i}\n")
            };
            files.add(format!("f{i:02}.yaml"), text);
        }
        let to_parse: Vec<usize> = (0..40).rev().collect();
        let parsed = parse_all(&files, &to_parse, &Limits::default(), &Cache::off());
        assert_eq!(parsed.len(), to_parse.len());
        for (&file, (raw, problems)) in to_parse.iter().zip(&parsed) {
            let actors = raw.as_ref().unwrap().actors.as_ref().unwrap();
            let id = actors[0].value.id.as_ref().unwrap();
            assert_eq!(id.value.as_str(), format!("a{file}"));
            assert_eq!(problems.len(), usize::from(file % 3 == 0), "{problems:?}");
            for p in problems {
                assert_eq!(p.location.as_ref().unwrap().file, file);
            }
        }
    }
}
