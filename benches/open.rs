//! Opening a study: `Study::open` (glose.toml, codebook, cases, transcript headers), then
//! every coder file (`load_all`), then every transcript in full.
//!
//! Peak memory is measured by `examples/mem_open.rs` (see BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

mod common;

use criterion::{BenchmarkId, criterion_group, criterion_main};
use glose::study::Study;

fn open(c: &mut criterion::Criterion) {
    let mut group = c.benchmark_group("open");
    for (name, root) in common::studies() {
        group.bench_with_input(BenchmarkId::new("study_open", name), &root, |b, root| {
            b.iter(|| Study::open(root).expect("study opens"));
        });
        group.bench_with_input(
            BenchmarkId::new("study_open_and_codings", name),
            &root,
            |b, root| {
                b.iter(|| {
                    let study = Study::open(root).expect("study opens");
                    let all = glose::store::load_all(&study);
                    (study, all)
                });
            },
        );
        let study = Study::open(&root).expect("study opens");
        group.bench_with_input(
            BenchmarkId::new("load_every_document", name),
            &study,
            |b, study| {
                b.iter(|| {
                    study
                        .entries
                        .iter()
                        .map(|e| study.load_document(&e.id).expect("loads").text.len())
                        .sum::<usize>()
                });
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = open
}
criterion_main!(benches);
