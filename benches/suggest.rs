//! The assistants of #21, against the targets: training every code of a coder
//! with 1,000 codings under 1 s (the generated 20-interview study: 50 codings an interview
//! and coder), ranking the suggestions of one document under 100 ms and similar passages
//! under 50 ms at 2,000 interviews; and building the passage vectors (from the
//! transcripts, then from the cache under `.glose/cache/suggest/`), and at 2,000 interviews
//! training one code on a coder's 100,000 codings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

mod common;

use std::collections::BTreeSet;

use criterion::{BenchmarkId, criterion_group, criterion_main};
use glose::study::Study;
use glose::suggest::logreg::TrainOptions;
use glose::suggest::{
    CodeModel, Corpus, Labels, Rejections, SimilarFilter, Unit, load_coder, rank, similar,
};

fn assistants(c: &mut criterion::Criterion) {
    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    let only = std::env::var("GLOSE_BENCH_STUDIES").unwrap_or_default();
    for (name, root) in [
        ("sample", common::sample_root()),
        ("gen20", common::generated(20)),
        ("gen2000", common::generated(2000)),
    ] {
        if !only.is_empty() && !only.split(',').any(|s| s == name) {
            continue;
        }
        let study = Study::open(&root).expect("study opens");
        if name != "gen2000" {
            group.bench_function(BenchmarkId::new("corpus_build", name), |b| {
                b.iter(|| Corpus::build(&study, Unit::Sentence).expect("corpus"));
            });
        }
        let started = std::time::Instant::now();
        let corpus = Corpus::open(&study, Unit::Sentence).expect("corpus");
        eprintln!(
            "{name}: {} passages, {} terms, opened in {:.2} s (fills the cache when cold)",
            corpus.passages.len(),
            corpus.dim(),
            started.elapsed().as_secs_f64()
        );
        group.bench_function(BenchmarkId::new("corpus_open_cached", name), |b| {
            b.iter(|| Corpus::open(&study, Unit::Sentence).expect("corpus"));
        });
        let file = load_coder(&study, "coder-a").expect("coder-a");
        let codes: BTreeSet<&str> = file.codings.iter().map(|c| c.code.as_str()).collect();
        if name != "gen2000" {
            let id = format!("train_all_codes_{}_codings", file.codings.len());
            group.bench_function(BenchmarkId::new(id, name), |b| {
                b.iter(|| {
                    for code in &codes {
                        let labels = Labels::of(&corpus, &file.codings, code);
                        CodeModel::train_unchecked(&corpus, labels, &TrainOptions::default());
                    }
                });
            });
        }
        let code = *codes.iter().next().expect("a code");
        let doc = study.entries[0].id.clone();
        let labels = Labels::of(&corpus, &file.codings, code);
        let model = CodeModel::train_unchecked(&corpus, labels, &TrainOptions::default());
        if name == "gen2000" {
            let id = format!("train_one_code_{}_codings", file.codings.len());
            group.bench_function(BenchmarkId::new(id, name), |b| {
                b.iter(|| {
                    let labels = Labels::of(&corpus, &file.codings, code);
                    CodeModel::train_unchecked(&corpus, labels, &TrainOptions::default())
                });
            });
        }
        let range = corpus.doc_passages(&doc);
        group.bench_function(BenchmarkId::new("rank_one_doc", name), |b| {
            b.iter(|| {
                rank(
                    &corpus,
                    &model,
                    &file.codings,
                    &Rejections::default(),
                    code,
                    range.clone(),
                    50,
                )
            });
        });
        let started = std::time::Instant::now();
        let postings = corpus.postings();
        eprintln!(
            "{name}: postings of {} passages built in {:.0} ms, {} MB",
            corpus.passages.len(),
            started.elapsed().as_secs_f64() * 1e3,
            postings.heap_bytes() / 1_000_000
        );
        let source = &corpus.passages[range.start];
        group.bench_function(BenchmarkId::new("similar", name), |b| {
            b.iter(|| {
                similar(
                    &corpus,
                    &source.vector,
                    (&source.doc, source.range.clone()),
                    &file.codings,
                    SimilarFilter::default(),
                    50,
                )
            });
        });
        let middle = &corpus.passages[corpus.passages.len() / 2];
        group.bench_function(BenchmarkId::new("similar_mid_corpus", name), |b| {
            b.iter(|| {
                similar(
                    &corpus,
                    &middle.vector,
                    (&middle.doc, middle.range.clone()),
                    &file.codings,
                    SimilarFilter {
                        coder: Some("coder-a"),
                        uncoded: true,
                        ..SimilarFilter::default()
                    },
                    50,
                )
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = assistants
}
criterion_main!(benches);
