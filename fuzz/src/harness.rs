//! The fuzz harness shared by the libFuzzer targets (`fuzz/fuzz_targets/`) and the
//! stable smoke test of the main crate (`tests/fuzz_smoke.rs`, through `#[path]`).
//!
//! `check_texts` loads a record from memory and asserts what must hold for any
//! input: no panic, a record exactly when there is no error, every diagnostic
//! located inside its file, diagnostics that render, and a valid record that the
//! graph, the queries and the maps accept. `mutate` turns fuzz bytes into a
//! structure-aware mutation of the bundled record in `data/`.

use stancemap::diagnostic::Code;
use stancemap::load::{load_texts, Limits};

/// The bundled record, as the structure-aware target's starting point.
pub const BUNDLED: &[(&str, &str)] = &[
    ("actors.yaml", include_str!("../../data/actors.yaml")),
    ("analyst.yaml", include_str!("../../data/analyst.yaml")),
    ("events.yaml", include_str!("../../data/events.yaml")),
    ("issues.yaml", include_str!("../../data/issues.yaml")),
    ("nato.yaml", include_str!("../../data/nato.yaml")),
    ("process.yaml", include_str!("../../data/process.yaml")),
    (
        "sanctions-economy.yaml",
        include_str!("../../data/sanctions-economy.yaml"),
    ),
    ("security.yaml", include_str!("../../data/security.yaml")),
    ("territory.yaml", include_str!("../../data/territory.yaml")),
];

/// Limits small enough that one fuzz input cannot take long, yet large enough
/// for the bundled record.
pub fn fuzz_limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_record_bytes: 4 << 20,
        max_nodes: 50_000,
        max_depth: 64,
        max_aliases: 1_000,
        max_files: 32,
        max_claims: 5_000,
        max_source_bytes: 1 << 20,
    }
}

/// Loads `texts` and checks every invariant; panics (a crash for the fuzzer) when
/// one does not hold.
pub fn check_texts(texts: Vec<(String, String)>) {
    let limits = fuzz_limits();
    let loaded = load_texts(texts, &limits);
    let errors = loaded.error_count();
    assert_eq!(
        loaded.record.is_some(),
        errors == 0,
        "a record is valid exactly when there is no error: {:#?}",
        loaded.diagnostics
    );
    for d in &loaded.diagnostics {
        assert!(!d.message.is_empty(), "empty message: {d:?}");
        match &d.location {
            Some(loc) => {
                let text = loaded.files.text(loc.file);
                assert!(
                    loc.range.start <= loc.range.end && loc.range.end <= text.len(),
                    "range outside its file: {d:?}"
                );
                assert!(
                    text.is_char_boundary(loc.range.start) && text.is_char_boundary(loc.range.end)
                );
                assert!(loc.line >= 1 && loc.column >= 1, "{d:?}");
            }
            None => assert!(
                matches!(d.code, Code::EmptyRecord | Code::LimitExceeded),
                "an error with no place in a file: {d:?}"
            ),
        }
    }
    let mut out = Vec::new();
    stancemap::render::diagnostics::write_human(&mut out, &loaded.files, &loaded.diagnostics, true)
        .expect("human diagnostics render");
    out.clear();
    stancemap::render::diagnostics::write_json(&mut out, &loaded.files, &loaded.diagnostics)
        .expect("JSON diagnostics render");
    serde_json::from_slice::<serde_json::Value>(&out).expect("JSON diagnostics parse");

    if let Some(record) = &loaded.record {
        let graph = stancemap::graph::RecordGraph::build(record);
        assert!(graph.node_count() >= record.actors.len() + record.issues.len());
        let state =
            stancemap::state::NegotiationState::build(record, &stancemap::state::Filter::default());
        let _ = stancemap::query::conflicts::find(&state);
        let _ = stancemap::query::conflicts::by_issue(&state, true);
        let _ = stancemap::query::bargaining::find(&state);
        let _ = stancemap::query::coalitions::find(&state, None);
        use stancemap::render::dot::{build, MapKind, MapOptions};
        for kind in [MapKind::Overview, MapKind::Conflicts, MapKind::Demands] {
            let dot = build(&state, &kind, &MapOptions::default()).to_dot();
            assert!(dot.starts_with("digraph") || dot.starts_with("graph") || dot.contains('{'));
        }
    }
}

/// Raw bytes as a record: split into files at 0xFF bytes (never in UTF-8), each
/// read as lossy UTF-8.
pub fn raw_texts(data: &[u8]) -> Vec<(String, String)> {
    data.split(|&b| b == 0xFF)
        .take(8)
        .enumerate()
        .map(|(i, part)| {
            (
                format!("f{i}.yaml"),
                String::from_utf8_lossy(part).into_owned(),
            )
        })
        .collect()
}

/// Values a mutation may write in place of a scalar.
pub const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "[]",
    "{}",
    "[a, b",
    "{a: 1",
    "'",
    "\"",
    "\"\\",
    "- x",
    ": x",
    "? x",
    "|",
    ">-",
    "!!binary aGVsbG8=",
    "!custom x",
    "&x",
    "*x",
    "*undefined",
    "<<: *x",
    "2025-13-45",
    "2025-02-30",
    "0000-00-00",
    "99999-01-01",
    "-1",
    "18446744073709551616",
    "1e400",
    ".nan",
    ".inf",
    "true",
    "0x1F",
    "yes",
    "\t",
    "#",
    "%YAML 1.2",
    "---",
    "...",
    "\u{FEFF}",
    "\u{202E}",
    "\0",
    "\"\\uFFFE\"",
    "\"\\x01 \\e]0;t\\a\"",
    "\"a; b\"",
    "support",
    "oppose",
    "red-line",
    "high",
    "state",
    "security",
];

/// A cursor over fuzz bytes; yields zeros when they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let v = (self.u8() as usize) << 8 | self.u8() as usize;
        v % n
    }
    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

/// Ids written in the bundled record (`id: x` values), for swapping references.
fn ids(files: &[(String, String)]) -> Vec<String> {
    let mut ids: Vec<String> = files
        .iter()
        .flat_map(|(_, t)| t.lines())
        .filter_map(|l| l.trim_start().trim_start_matches("- ").strip_prefix("id: "))
        .map(|s| s.trim().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The bundled record with a mutation program from `data` applied to it.
pub fn mutate(data: &[u8]) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = BUNDLED
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let ids = ids(&files);
    let mut bytes = Bytes(data);
    let mut ops = 0;
    while !bytes.done() && ops < 16 {
        ops += 1;
        let op = bytes.u8() % 14;
        if files.is_empty() {
            files.push(("empty.yaml".into(), String::new()));
        }
        let f = bytes.below(files.len());
        let mut lines: Vec<String> = files[f].1.split('\n').map(str::to_string).collect();
        let i = bytes.below(lines.len());
        let j = bytes.below(lines.len());
        match op {
            0 => {
                lines.remove(i);
            }
            1 => {
                let line = lines[i].clone();
                lines.insert(j, line);
            }
            2 => lines.swap(i, j),
            3 | 4 => {
                // A scalar after `key: ` becomes an id or a hostile value.
                let value = if op == 3 && !ids.is_empty() {
                    ids[bytes.below(ids.len())].clone()
                } else {
                    VALUES[bytes.below(VALUES.len())].to_string()
                };
                let line = &mut lines[i];
                match line.find(": ") {
                    Some(at) => line.replace_range(at + 2.., &value),
                    None => line.push_str(&value),
                }
            }
            5 => {
                // An anchor on one value, aliases to it elsewhere.
                let name = format!("a{}", bytes.u8() % 4);
                if let Some(at) = lines[i].find(": ") {
                    lines[i].insert_str(at + 2, &format!("&{name} "));
                }
                let times = 1 + bytes.below(8);
                for _ in 0..times {
                    let k = bytes.below(lines.len());
                    if let Some(at) = lines[k].find(": ") {
                        lines[k].replace_range(at + 2.., &format!("*{name}"));
                    }
                }
            }
            6 => {
                // Deep nesting, flow or block.
                let depth = 1 + bytes.below(200);
                let nest = if bytes.u8() % 2 == 0 {
                    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
                } else {
                    format!("{}x", "{a: ".repeat(depth)) + &"}".repeat(depth)
                };
                match lines[i].find(": ") {
                    Some(at) => lines[i].replace_range(at + 2.., &nest),
                    None => lines.insert(i, format!("x: {nest}")),
                }
            }
            7 => {
                // Truncate the file at a byte (on a character boundary).
                let text = lines.join("\n");
                let mut cut = bytes.below(text.len() + 1);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = text[..cut].split('\n').map(str::to_string).collect();
            }
            8 => {
                // Raw fuzz bytes spliced into a line.
                let n = bytes.below(16);
                let raw: Vec<u8> = (0..n).map(|_| bytes.u8()).collect();
                let raw = String::from_utf8_lossy(&raw).into_owned();
                let line = &mut lines[i];
                let mut at = bytes.below(line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.insert_str(at, &raw);
            }
            9 => {
                // Indentation changed: more, less, or a tab.
                let line = &mut lines[i];
                match bytes.u8() % 3 {
                    0 => line.insert_str(0, "  "),
                    1 => {
                        let trimmed = line.strip_prefix("  ").unwrap_or(line).to_string();
                        *line = trimmed;
                    }
                    _ => line.insert(0, '\t'),
                }
            }
            10 => {
                // A line moved to another file.
                let line = lines.remove(i);
                files[f].1 = lines.join("\n");
                let g = bytes.below(files.len());
                let mut other: Vec<String> = files[g].1.split('\n').map(str::to_string).collect();
                let k = bytes.below(other.len() + 1);
                other.insert(k, line);
                files[g].1 = other.join("\n");
                continue;
            }
            11 => {
                // A whole file dropped or duplicated under another name.
                if bytes.u8() % 2 == 0 && files.len() > 1 {
                    files.remove(f);
                } else {
                    let copy = (format!("copy-{}", files[f].0), files[f].1.clone());
                    files.push(copy);
                }
                continue;
            }
            12 => {
                // A list item duplicated whole (duplicate ids, duplicate claims).
                let start = (0..=i)
                    .rev()
                    .find(|&k| lines[k].trim_start().starts_with("- "));
                if let Some(start) = start {
                    let indent = lines[start].len() - lines[start].trim_start().len();
                    let end = (start + 1..lines.len())
                        .find(|&k| {
                            let l = &lines[k];
                            !l.trim().is_empty() && l.len() - l.trim_start().len() <= indent
                        })
                        .unwrap_or(lines.len());
                    let item: Vec<String> = lines[start..end].to_vec();
                    for (n, l) in item.into_iter().enumerate() {
                        lines.insert(end + n, l);
                    }
                }
            }
            _ => {
                // A hostile value as a whole line.
                let value = VALUES[bytes.below(VALUES.len())];
                lines.insert(i, value.to_string());
            }
        }
        files[f].1 = lines.join("\n");
    }
    files
}
