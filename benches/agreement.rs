//! Agreement over all codes at sentence units, on a generated study of 2,000 interviews
//! with three coders and about 100,000 codings in all (17 per interview and coder).
//!
//! For each code, every sentence of every transcript is a unit and each coder's value is
//! 1 when one of their codings of that code overlaps the sentence, else 0; the benchmark
//! builds these reliability data and computes Krippendorff's nominal alpha for every code
//! (`alpha_all_codes`), then bootstraps the alpha of the most used code with 20,000
//! replicates (`bootstrap_20000`). Loading the transcripts (to know the sentences) is done
//! once outside the measurement; `benches/open.rs` measures it (`load_every_document`).

mod common;

use std::collections::BTreeMap;
use std::ops::Range;

use criterion::{criterion_group, criterion_main};
use glose::agreement::{Metric, ReliabilityData, krippendorff_alpha, krippendorff_bootstrap};
use glose::study::Study;

/// Sentences of every document (in one global numbering) and, per code, the
/// (sentence, coder) pairs coded.
struct Prepared {
    coders: Vec<String>,
    sentences: usize,
    marks: BTreeMap<String, Vec<(usize, usize)>>,
    codings: usize,
}

fn prepare() -> Prepared {
    let opts = common::generator::GenOptions {
        interviews: 2000,
        codings_per_interview: 17,
        ..common::generator::GenOptions::default()
    };
    let root = common::generated_with(&opts);
    let study = Study::open(&root).expect("study opens");
    let all = glose::store::load_all(&study);
    let mut by_doc: BTreeMap<&str, Vec<&glose::store::Coding>> = BTreeMap::new();
    for c in &all.codings {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    let coder_index: BTreeMap<&str, usize> = all
        .coders
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut marks: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    let mut offset = 0;
    for entry in &study.entries {
        let doc = study.load_document(&entry.id).expect("document loads");
        let sentences: &[Range<usize>] = &doc.sentences;
        for c in by_doc.get(entry.id.as_str()).into_iter().flatten() {
            let first = sentences.partition_point(|s| s.end <= c.start);
            let last = sentences.partition_point(|s| s.start < c.end);
            let coder = coder_index.get(c.coder.as_str()).copied().unwrap_or(0);
            let list = marks.entry(c.code.clone()).or_default();
            list.extend((first..last).map(|s| (offset + s, coder)));
        }
        offset += sentences.len();
    }
    Prepared {
        coders: all.coders.clone(),
        sentences: offset,
        marks,
        codings: all.codings.len(),
    }
}

fn data_for(p: &Prepared, code: &str) -> ReliabilityData {
    let mut units = vec![vec![Some(0u32); p.coders.len()]; p.sentences];
    for &(s, coder) in p.marks.get(code).into_iter().flatten() {
        if let Some(cell) = units.get_mut(s).and_then(|u| u.get_mut(coder)) {
            *cell = Some(1);
        }
    }
    ReliabilityData::new(p.coders.clone(), units, 2).expect("valid data")
}

fn agreement(c: &mut criterion::Criterion) {
    let p = prepare();
    eprintln!(
        "agreement: {} codings, {} coders, {} sentence units, {} codes used",
        p.codings,
        p.coders.len(),
        p.sentences,
        p.marks.len()
    );
    let mut group = c.benchmark_group("agreement");
    group.bench_function("alpha_all_codes", |b| {
        b.iter(|| {
            p.marks
                .keys()
                .map(|code| krippendorff_alpha(&data_for(&p, code), Metric::Nominal).value())
                .collect::<Vec<_>>()
        });
    });
    let busiest = p
        .marks
        .iter()
        .max_by_key(|(_, m)| m.len())
        .map(|(code, _)| code.clone())
        .unwrap_or_default();
    let data = data_for(&p, &busiest);
    group.bench_function("bootstrap_20000", |b| {
        b.iter(|| krippendorff_bootstrap(&data, Metric::Nominal, 20_000, 1).expect("alpha"));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = agreement
}
criterion_main!(benches);
