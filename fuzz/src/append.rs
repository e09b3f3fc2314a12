//! `new --append` at the text level: a valid record file in a random valid style,
//! a random entry; either the appended file keeps every old byte and reads as the
//! old record plus the entry — no new error in the old part, the file still
//! parses — or nothing is written (the appender refuses). The lock, the rename and
//! the restore around it are tested through the binary (tests/writes.rs).

use crate::harness::{fuzz_limits, BUNDLED, VALUES};
use stancemap::diagnostic::Code;
use stancemap::load::load_texts;
use stancemap::write::yaml::{append, quote};

const SECTIONS: &[&str] = &[
    "actors",
    "issues",
    "positions",
    "demands",
    "concessions",
    "events",
];
const FIELDS: &[&str] = &[
    "id", "name", "kind", "title", "summary", "text", "date", "notes",
];

/// Restyles a valid file without changing what it says.
fn restyle(text: &str, how: u8) -> String {
    match how % 7 {
        0 => format!("\u{FEFF}{text}"),
        1 => text.replace('\n', "\r\n"),
        2 => format!("{text}...\n"),
        3 => text.trim_end_matches('\n').to_string(),
        4 => format!("{text}# a closing comment"),
        5 => format!("---\n{text}"),
        _ => text.to_string(),
    }
}

/// Asserts the append property for the input.
pub fn check(data: &[u8]) {
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next().unwrap_or(0);
    let (name, base) = BUNDLED[next() as usize % BUNDLED.len()];
    let old = restyle(base, next());
    let section = SECTIONS[next() as usize % SECTIONS.len()];
    let mut entry = Vec::new();
    for i in 0..1 + next() % 6 {
        let field = FIELDS[next() as usize % FIELDS.len()];
        let value = match next() % 4 {
            0 => VALUES[next() as usize % VALUES.len()].to_string(),
            1 => {
                // Arbitrary text, as `new` writes free text: quoted.
                let n = next() as usize % 12;
                let raw: Vec<u8> = (0..n).map(|_| next()).collect();
                quote(&String::from_utf8_lossy(&raw))
            }
            _ => format!("v{}", next()),
        };
        let lead = if i == 0 { "- " } else { "  " };
        entry.push(format!("{lead}{field}: {value}"));
    }
    let others: Vec<(String, String)> = BUNDLED
        .iter()
        .filter(|(n, _)| *n != name)
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let load = |text: &str| {
        let mut files = others.clone();
        files.push((name.to_string(), text.to_string()));
        load_texts(files, &fuzz_limits())
    };
    let before = load(&old);
    assert_eq!(
        before.error_count(),
        0,
        "the restyled file is valid: {:#?}",
        before.diagnostics
    );
    let Ok((new, _how)) = append(&old, section, &entry) else {
        return; // refused: nothing is written
    };
    assert!(new.starts_with(&old), "the old bytes are kept");
    let after = load(&new);
    let file = after
        .files
        .iter()
        .position(|f| f.name == name)
        .expect("the file is loaded");
    for d in after.diagnostics.iter().filter(|d| d.is_error()) {
        let loc = d.location.as_ref().expect("errors are located");
        assert!(
            !matches!(d.code, Code::YamlSyntax | Code::DuplicateKey) || loc.file != file,
            "the appended file no longer parses: {d:?}\n{new:?}"
        );
        assert!(
            loc.file != file || loc.range.start >= old.len(),
            "an error in the old part of the file: {d:?}\n{new:?}"
        );
    }
}
