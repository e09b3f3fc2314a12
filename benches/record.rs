//! Criterion benchmarks on synthetic records of 10k, 100k and 200k positions:
//! the plain parse (the floor), `check` (load + validate), building the graph,
//! `conflicts` and `overlaps` written as JSON (to a sink), and the overview map
//! as DOT. The queries start from the loaded record; `benches/compare.sh` times
//! whole processes. `coalitions` runs on 2k and 5k positions only: its answer
//! (every maximal clique of friendly parties) grows exponentially with the
//! record, see docs/scaling.md.
//!
//! `cargo bench --bench record` runs them all (the large sizes take about a quarter
//! of an hour on two cores; `cargo bench --bench record -- /100000` picks one size).
//! Under `cargo test` each runs once, on the smallest record of its kind only.

#[path = "support/plain.rs"]
mod plain;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use stancemap::graph::RecordGraph;
use stancemap::load::{load, Limits};
use stancemap::query::{
    coalitions, conflicts, conflicts::ConflictRows, overlaps::OverlapRows, Filter,
};
use stancemap::render::dot::{self, MapKind, MapOptions};
use stancemap::render::{coalitions_json, pairs_json, query_json};
use stancemap::state::NegotiationState;
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

/// `cargo bench` passes --bench; `cargo test --all-targets` does not.
fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn sizes() -> Vec<usize> {
    if benching() {
        vec![10_000, 100_000, 200_000]
    } else {
        vec![10_000]
    }
}

fn loaded(dir: &Path) -> stancemap::model::Record {
    load(dir, &Limits::default(), None)
        .expect("loads")
        .record
        .expect("valid")
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("record");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
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
        group.bench_with_input(BenchmarkId::new("state", positions), &positions, |b, _| {
            b.iter(|| {
                NegotiationState::build(&record, &Filter::default())
                    .stances()
                    .len()
            })
        });
        let view = NegotiationState::build(&record, &Filter::default());
        group.bench_with_input(
            BenchmarkId::new("conflicts-camps", positions),
            &positions,
            |b, _| {
                b.iter(|| {
                    let state = NegotiationState::build(&record, &Filter::default());
                    query_json::write(&mut std::io::sink(), &conflicts::by_issue(&state, false))
                        .expect("writes")
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("conflicts-pairs", positions),
            &positions,
            |b, _| {
                b.iter(|| {
                    pairs_json::write_conflict_pairs(
                        &mut std::io::sink(),
                        &ConflictRows::find(&view, None),
                        pairs_json::Layout::Document,
                    )
                    .expect("writes")
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("overlaps", positions),
            &positions,
            |b, _| {
                b.iter(|| {
                    pairs_json::write_overlap_pairs(
                        &mut std::io::sink(),
                        &OverlapRows::find(&view, None),
                        pairs_json::Layout::Document,
                    )
                    .expect("writes")
                })
            },
        );
        let overview = MapKind::parse(&record, "overview").expect("overview map");
        group.bench_with_input(
            BenchmarkId::new("render-overview", positions),
            &positions,
            |b, _| {
                b.iter(|| {
                    let st = stancemap::state::NegotiationState::build(
                        &record,
                        &stancemap::state::Filter::default(),
                    );
                    let mut map = dot::build(&st, &overview, &MapOptions::default());
                    map.cap_nodes(150);
                    map.to_dot().len()
                })
            },
        );
    }
    // Coalitions: small records only (see the module header).
    let small: &[usize] = if benching() {
        &[2_000, 5_000]
    } else {
        &[2_000]
    };
    for &positions in small {
        let dir = tempfile::tempdir().expect("temp dir");
        record(dir.path(), positions);
        let record = loaded(dir.path());
        group.bench_with_input(
            BenchmarkId::new("coalitions", positions),
            &positions,
            |b, _| {
                b.iter(|| {
                    // The relation is built on first use: a fresh state each time.
                    let state = NegotiationState::build(&record, &Filter::default());
                    // As the CLI writes it: the links laid out from pieces.
                    let answer = coalitions::CoalitionRows::find(&state, None);
                    coalitions_json::write(&mut std::io::sink(), &answer).expect("writes")
                })
            },
        );
    }
    group.finish();
}

criterion_group!(record_benches, benches);
criterion_main!(record_benches);
