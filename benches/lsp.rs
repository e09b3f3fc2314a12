//! Re-check latency of `stancemap lsp` after one keystroke, on the 5,000-position
//! synthetic record (`stancemap synth` proportions: 250 actors, 100 issues,
//! 1,000 demands, 500 concessions in 5 files). Measured in process: the
//! workspace check the server runs after its debounce (load with the open
//! buffer in place of its file, parse cache, validate) plus turning the
//! diagnostics into the protocol's. `check-cold` is the same without the parse
//! cache, for comparison.
//!
//! `cargo bench --bench lsp`; under `cargo test` each runs once.

use criterion::{criterion_group, criterion_main, Criterion};
use stancemap::load::Limits;
use stancemap::lsp::{Encoding, Workspace};
use stancemap::synth::{generate, SynthSpec};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

fn keystroke(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = SynthSpec {
        actors: 250,
        issues: 100,
        positions: 5_000,
        demands: 1_000,
        concessions: 500,
        seed: 1,
        files: 5,
    };
    let mut largest: (usize, PathBuf, String) = (0, PathBuf::new(), String::new());
    for (name, text) in generate(&spec) {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).expect("temp dir is writable");
        if text.len() > largest.0 {
            largest = (text.len(), path, text);
        }
    }
    let (_, path, text) = largest;
    // One keystroke in the middle of the largest file, and its undo.
    let middle = text[text.len() / 2..]
        .find("summary: ")
        .map(|i| text.len() / 2 + i + "summary: ".len())
        .expect("a summary to type into");
    let mut typed = text.clone();
    typed.insert(middle, 'x');
    let buffers = [
        HashMap::from([(path.clone(), typed)]),
        HashMap::from([(path.clone(), text)]),
    ];
    let limits = Limits::default();
    let open = [path.clone()];

    let mut group = c.benchmark_group("lsp");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    let mut workspace = Workspace::new(dir.path().to_path_buf());
    workspace.check(&buffers[1], &limits, None).expect("loads");
    let mut turn = 0;
    group.bench_function("recheck-after-keystroke/5000", |b| {
        b.iter(|| {
            turn = 1 - turn;
            workspace
                .check(&buffers[turn], &limits, None)
                .expect("loads");
            workspace.diagnostics_to_publish(Encoding::Utf16, &open)
        })
    });
    group.bench_function("check-cold/5000", |b| {
        b.iter(|| {
            let mut cold = Workspace::new(dir.path().to_path_buf());
            cold.check(&buffers[0], &limits, None).expect("loads");
            cold.diagnostics_to_publish(Encoding::Utf16, &open)
        })
    });
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
