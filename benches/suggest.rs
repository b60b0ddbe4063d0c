//! The assistants of #21: building the passage vectors, training every code of one coder,
//! suggesting for one document and finding similar passages, on the sample study and the
//! generated 200-interview study (targets in issue #21: training every code of a coder
//! with 1,000 codings under 1 s, suggestions for one document under 100 ms).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

mod common;

use std::collections::BTreeSet;

use criterion::{BenchmarkId, criterion_group, criterion_main};
use glose::study::Study;
use glose::suggest::logreg::TrainOptions;
use glose::suggest::{
    CodeModel, Corpus, EvalOptions, Labels, Rejections, SimilarFilter, SuggestRequest, Unit,
    load_coder, similar, suggest,
};

fn assistants(c: &mut criterion::Criterion) {
    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    for (name, root) in [
        ("sample", common::sample_root()),
        ("gen200", common::generated(200)),
    ] {
        let study = Study::open(&root).expect("study opens");
        group.bench_function(BenchmarkId::new("corpus_build", name), |b| {
            b.iter(|| Corpus::build(&study, Unit::Sentence).expect("corpus"));
        });
        let corpus = Corpus::build(&study, Unit::Sentence).expect("corpus");
        let file = load_coder(&study, "coder-a").expect("coder-a");
        let codes: BTreeSet<&str> = file.codings.iter().map(|c| c.code.as_str()).collect();
        let id = format!("train_all_codes_{}_codings", file.codings.len());
        group.bench_function(BenchmarkId::new(id, name), |b| {
            b.iter(|| {
                for code in &codes {
                    let labels = Labels::of(&corpus, &file.codings, code);
                    CodeModel::train_unchecked(&corpus, labels, &TrainOptions::default());
                }
            });
        });
        let code = *codes.iter().next().expect("a code");
        let doc = study.entries[0].id.clone();
        let req = SuggestRequest {
            code,
            doc: Some(&doc),
            limit: 10,
            gate: false,
            opts: EvalOptions::default(),
        };
        group.bench_function(BenchmarkId::new("suggest_one_doc", name), |b| {
            b.iter(|| {
                suggest(
                    &study.codebook,
                    &corpus,
                    &file,
                    &Rejections::default(),
                    &req,
                )
            });
        });
        let source = &corpus.passages[0];
        group.bench_function(BenchmarkId::new("similar", name), |b| {
            b.iter(|| {
                similar(
                    &corpus,
                    &source.vector,
                    (&source.doc, source.range.clone()),
                    &file.codings,
                    SimilarFilter::default(),
                    10,
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
