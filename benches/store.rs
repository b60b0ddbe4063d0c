//! Saving one change to a coder's file (`CoderStore::apply`): what the TUI pays for every
//! coding added, resized or recoded. The file is rewritten whole, atomically and durably,
//! so the cost grows with the file: measured at about 10,000 and 100,000 codings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

mod common;

use criterion::{BenchmarkId, criterion_group, criterion_main};
use glose::store::{CoderStore, Op};

fn apply(c: &mut criterion::Criterion) {
    let mut group = c.benchmark_group("store");
    for interviews in [200, 2000] {
        let study = common::generated(interviews);
        let scratch = tempfile::tempdir_in(common::target_dir()).expect("scratch folder");
        let codings = scratch.path().join("codings");
        std::fs::create_dir_all(&codings).expect("codings folder");
        std::fs::copy(
            study.join("codings/coder-a.jsonl"),
            codings.join("coder-a.jsonl"),
        )
        .expect("copy coder file");
        let mut store = CoderStore::open_at(&codings, &scratch.path().join("locks"), "coder-a")
            .expect("store opens");
        let n = store.file().codings.len();
        let mut current = store.file().codings[n / 2].clone();
        group.bench_function(BenchmarkId::new("apply_update", n), |b| {
            b.iter(|| {
                let mut after = current.clone();
                after.memo = match after.memo {
                    Some(_) => None,
                    None => Some("relu".to_string()),
                };
                store
                    .apply(&Op::Update {
                        before: current.clone(),
                        after: after.clone(),
                    })
                    .expect("apply");
                current = after;
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = apply
}
criterion_main!(benches);
