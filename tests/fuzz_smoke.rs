//! A bounded, stable-Rust run of the fuzz harness (`fuzz/src/harness.rs`), and the
//! minimised crashers the fuzzer found, kept as regression tests.
//!
//! The smoke run is deterministic (a fixed-seed generator feeds the same mutation
//! programs as the libFuzzer targets) and stops after `STANCEMAP_FUZZ_ITERS`
//! inputs (default 300) or `STANCEMAP_FUZZ_SECS` seconds (default 20), whichever
//! comes first; raise them to fuzz longer without a nightly toolchain.

#[path = "../fuzz/src/append.rs"]
mod append;
#[path = "../fuzz/src/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "../fuzz/src/structured.rs"]
mod structured;
#[path = "../fuzz/src/writers.rs"]
mod writers;

use std::time::{Duration, Instant};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// xorshift64*: enough to spread mutation programs, and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = (self.next() as usize) % (max + 1);
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn smoke(name: &str, seed: u64, run: impl Fn(&[u8])) {
    let iters = env_or("STANCEMAP_FUZZ_ITERS", 300);
    let budget = Duration::from_secs(env_or("STANCEMAP_FUZZ_SECS", 20));
    let start = Instant::now();
    let mut rng = Rng(seed);
    let mut done = 0;
    while done < iters && start.elapsed() < budget {
        let input = rng.bytes(64);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&input)));
        assert!(
            result.is_ok(),
            "{name}: input {input:?} (iteration {done}) panicked"
        );
        done += 1;
    }
    eprintln!("{name}: {done} inputs in {:.1?}", start.elapsed());
    assert!(done > 0);
}

#[test]
fn fuzz_smoke_structure_aware_mutations_of_the_bundled_record() {
    smoke("load_mutated", 0x5EED_0001, |input| {
        harness::check_texts(harness::mutate(input))
    });
}

#[test]
fn fuzz_smoke_raw_bytes() {
    smoke("load_raw", 0x5EED_0002, |input| {
        harness::check_texts(harness::raw_texts(input))
    });
}

#[test]
fn fuzz_smoke_append() {
    smoke("append", 0x5EED_0003, append::check);
}

#[test]
fn fuzz_smoke_writers() {
    smoke("writers", 0x5EED_0004, |input| {
        writers::check(harness::mutate(input))
    });
}

#[test]
fn fuzz_smoke_structured_records_with_fields_removed_or_broken() {
    smoke("structured", 0x5EED_0005, |input| {
        let texts = structured::record(input);
        harness::check_texts(texts.clone());
        writers::check(texts);
    });
}

#[test]
fn unmutated_bundled_record_is_valid_in_the_harness() {
    let files = harness::mutate(&[]);
    let loaded = stancemap::load::load_texts(files, &harness::fuzz_limits());
    assert!(loaded.record.is_some(), "{:#?}", loaded.diagnostics);
}

/// Inputs that once went wrong (or were built to): each loads with the default
/// limits to an error located in its file, quickly, and never panics (the nested
/// alias bomb stops at its first wrongly typed value, unexpanded). The long alias
/// bomb was misreported as `yaml-syntax` before the limit messages named
/// their limit; a flow nesting past `--max-depth` named the parser's fixed limit.
#[test]
fn fuzz_regressions_give_located_errors() {
    let dir = std::path::Path::new("tests/fixtures/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let start = Instant::now();
        let loaded = stancemap::load::load_texts(
            vec![(name.clone(), text)],
            &stancemap::load::Limits::default(),
        );
        assert!(start.elapsed() < Duration::from_secs(10), "{name} is slow");
        assert!(loaded.record.is_none(), "{name} was accepted");
        let error = loaded.diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert!(error.location.is_some(), "{name}: {error:?}");
        if name == "alias-expansion-bomb-long-scalar.yaml" || name.contains("max-depth") {
            assert_eq!(error.code.as_str(), "limit-exceeded", "{name}: {error:?}");
            assert!(error.message.contains("(max-"), "{name}: {error:?}");
        }
        seen += 1;
    }
    assert!(seen >= 4);
}

/// The structured generator reaches the record that once panicked `check` (an
/// issue without `category` whose demand a concession answers: the answers rule
/// ran on an entry whose issue had been dropped), within a few hundred inputs of
/// the smoke run's generator; the harness reports it, without a panic.
#[test]
fn structured_generator_reaches_the_issue_without_category_crash() {
    let mut rng = Rng(0x5EED_0006);
    for tried in 1..=20_000 {
        let input = rng.bytes(256);
        let texts = structured::record(&input);
        let all: String = texts.iter().map(|(_, t)| t.as_str()).collect();
        let loaded = stancemap::load::load_texts(texts.clone(), &harness::fuzz_limits());
        let no_category = loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("no `category`"));
        if no_category && all.contains("answers: [d") {
            harness::check_texts(texts);
            eprintln!("reached after {tried} inputs");
            return;
        }
    }
    panic!(
        "the structured generator never built an issue without category with an answered demand"
    );
}

/// A sample of the corpus each libFuzzer target kept (about 16 inputs spread
/// over sizes, in `tests/fixtures/fuzz-corpus/TARGET/`; not minimised) replayed
/// through the same checks: a change that breaks an input the fuzzer
/// once found interesting fails here, on stable Rust.
#[test]
fn fuzz_corpora_replay() {
    let root = std::path::Path::new("tests/fixtures/fuzz-corpus");
    let mut seen = 0;
    for target in ["append", "writers", "structured"] {
        let dir = std::fs::read_dir(root.join(target))
            .unwrap_or_else(|e| panic!("the kept corpus of {target} is missing: {e}"));
        for entry in dir {
            let input = std::fs::read(entry.unwrap().path()).unwrap();
            match target {
                "append" => append::check(&input),
                "writers" => writers::check(harness::mutate(&input)),
                _ => {
                    let texts = structured::record(&input);
                    harness::check_texts(texts.clone());
                    writers::check(texts);
                }
            }
            seen += 1;
        }
    }
    assert!(seen >= 40, "only {seen} corpus inputs replayed");
}
