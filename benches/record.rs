//! Criterion benchmarks on synthetic records of 10k, 100k and 200k positions:
//! the plain parse (the floor), `check` (load + validate), and building the graph.
//! `cargo bench` runs them all (the large sizes take minutes); under `cargo test`
//! each runs once, on the 10k record only.

#[path = "support/plain.rs"]
mod plain;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use stancemap::graph::RecordGraph;
use stancemap::load::{load, Limits};
use stancemap::synth::{generate, SynthSpec};
use std::path::Path;
use std::time::Duration;

/// A synthetic record with the issue's proportions, scaled to `positions`.
fn record(dir: &Path, positions: usize) {
    let spec = SynthSpec {
        actors: positions / 20,
        issues: positions / 50,
        positions,
        demands: positions / 5,
        concessions: positions / 10,
        seed: 1,
        files: (positions / 2_000).max(5),
    };
    for (name, text) in generate(&spec) {
        std::fs::write(dir.join(name), text).expect("temp dir is writable");
    }
}

fn sizes() -> Vec<usize> {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    if std::env::args().any(|a| a == "--bench") {
        vec![10_000, 100_000, 200_000]
    } else {
        vec![10_000]
    }
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("record");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(1));
    let limits = Limits::default();
    for positions in sizes() {
        let dir = tempfile::tempdir().expect("temp dir");
        record(dir.path(), positions);
        group.bench_with_input(
            BenchmarkId::new("parse-plain", positions),
            &positions,
            |b, _| b.iter(|| plain::parse_dir(dir.path())),
        );
        group.bench_with_input(BenchmarkId::new("check", positions), &positions, |b, _| {
            b.iter(|| {
                load(dir.path(), &limits, None)
                    .expect("loads")
                    .record
                    .expect("valid")
            })
        });
        let record = load(dir.path(), &limits, None)
            .expect("loads")
            .record
            .expect("valid");
        group.bench_with_input(BenchmarkId::new("graph", positions), &positions, |b, _| {
            b.iter(|| RecordGraph::build(&record).edge_count())
        });
    }
    group.finish();
}

criterion_group!(record_benches, benches);
criterion_main!(record_benches);
