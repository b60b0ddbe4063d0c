//! Saving one change to a coder's file (`CoderStore::apply`): what the TUI pays for every
//! coding added, resized or recoded, measured at about 10,000 and 100,000 codings.
//! `apply_update` is the save as it is now: one line appended to the journal and flushed.
//! `apply_update_and_fold` also folds the journal into the coder file after each save
//! (the whole file rewritten atomically and durably): that is what every save cost before
//! the journal (#16), measured in the same run for comparison. `apply_add_and_fold` adds
//! a new coding and folds: a fold of additions appends their lines to the coder file
//! (what `glose code add` pays for its save when it ends).
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
        // One save: the coding's memo set or cleared, alternately.
        let mut save = |store: &mut CoderStore| {
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
        };
        group.bench_function(BenchmarkId::new("apply_update", n), |b| {
            b.iter(|| save(&mut store));
        });
        group.bench_function(BenchmarkId::new("apply_update_and_fold", n), |b| {
            b.iter(|| {
                save(&mut store);
                store.compact().expect("fold");
            });
        });
        let model = store.file().codings[n / 3].clone();
        group.bench_function(BenchmarkId::new("apply_add_and_fold", n), |b| {
            b.iter(|| {
                let mut added = model.clone();
                added.id = glose::store::new_id();
                store.apply(&Op::Add(added)).expect("add");
                store.compact().expect("fold");
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
