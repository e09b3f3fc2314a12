//! data/sources: the bundled record's quotes, shipped inside the project.

use super::{assert_code, run};
use std::path::Path;

#[test]
fn every_quote_checks_against_the_shipped_excerpts() {
    assert_code(
        &run(&[
            "check",
            "--deny-warnings",
            "--sources",
            "data/sources",
            "data",
        ]),
        0,
    );
}

/// Each excerpt is the articles' own wording: every passage occurs in the
/// original (../shared/seeds, beside the project as CI lays it out).
#[test]
fn every_excerpt_occurs_in_its_original_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/seeds");
    assert!(
        seeds.is_dir(),
        "../shared/seeds must sit beside the project"
    );
    let mut passages = 0;
    for entry in std::fs::read_dir(root.join("data/sources")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let name = path.file_name().unwrap();
        let original =
            stancemap::load::normalise_quote(&std::fs::read_to_string(seeds.join(name)).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, body) = text
            .split_once("\n\n")
            .expect("a header, then the passages");
        for passage in body.split("\n\n").filter(|p| !p.trim().is_empty()) {
            passages += 1;
            assert!(
                original.contains(&stancemap::load::normalise_quote(passage)),
                "{name:?}: not in the original: {passage}"
            );
        }
    }
    assert!(passages > 100, "{passages}");
}
