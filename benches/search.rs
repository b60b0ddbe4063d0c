//! Search benchmarks on the sample study: index build (glose vs plain tantivy on the same
//! passages with the same analyser, ratio printed) and query latency by kind.
//!
//! `cargo bench --bench search` (set `GLOSE_SAMPLE_STUDY=DIR` to use another study).
//!
//! The generated studies of 200 and 2,000 interviews (`benches/common`) are measured too:
//! their index build runs once per study (glose then plain tantivy, times and ratio
//! printed; a criterion loop would take many minutes at 2,000 interviews), and their
//! queries go through criterion like the sample's. Their index lives in the generated
//! study's `.glose/` under `target/bench-studies/`, so later runs reuse it.
//!
//! Measured on the sample study (18 interviews, 1 228 passages; 2 shared cores): glose's
//! full rebuild 194 ms against 125–163 ms for plain tantivy (ratio about 1.2–1.5: glose
//! also reads and hashes the transcripts, indexes the filter fields and checks the
//! files); an up-to-date check 22 ms; queries with 50 hits, stored text and highlights:
//! word 0.47 ms, phrase 0.07 ms, prefix 0.76 ms, word + stage filter 0.51 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use glose::search::{INDEXED_UNIT, Index, Lang, SearchOptions, parse_query, passages};
use glose::study::Study;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{IndexWriter, TantivyDocument};

fn copy_dir(from: &Path, to: &Path) {
    glose::testkit::copy_dir(from, to).expect("copy the sample study");
}

/// A temp copy of the sample study (so `.glose/` is never written into the repository).
fn sample() -> (tempfile::TempDir, Study) {
    let root = std::env::var_os("GLOSE_SAMPLE_STUDY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::copy(root.join("glose.toml"), tmp.path().join("glose.toml")).expect("glose.toml");
    copy_dir(&root.join("corpus"), &tmp.path().join("corpus"));
    copy_dir(&root.join("codebooks"), &tmp.path().join("codebooks"));
    let study = Study::open(tmp.path()).expect("sample study");
    (tmp, study)
}

/// Plain tantivy: the same passages, the same analyser, one stored text field, in a dir.
fn plain_tantivy(study: &Study) -> usize {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut schema = Schema::builder();
    let text = schema.add_text_field(
        "text",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("fr")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let index = tantivy::Index::create_in_dir(dir.path(), schema.build()).expect("index");
    index.tokenizers().register("fr", Lang::Fr.analyzer());
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(1, 50_000_000)
        .expect("writer");
    let mut n = 0;
    for e in &study.entries {
        let Ok(doc) = study.load_document(&e.id) else {
            continue;
        };
        for p in passages(&doc, INDEXED_UNIT) {
            let mut d = TantivyDocument::default();
            d.add_text(text, &p.text);
            writer.add_document(d).expect("add");
            n += 1;
        }
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    n
}

/// The generated studies to measure: `GLOSE_BENCH_INTERVIEWS=200` (comma-separated) limits
/// them, e.g. to skip the 2,000-interview build of about a minute; default 200 and 2,000.
fn generated_sizes() -> Vec<usize> {
    std::env::var("GLOSE_BENCH_INTERVIEWS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![200, 2000])
}

fn mean(runs: usize, mut f: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..runs {
        f();
    }
    started.elapsed() / runs as u32
}

fn build(c: &mut Criterion) {
    let (_tmp, study) = sample();
    let glose = mean(5, || {
        Index::rebuild(&study, |_| {}).expect("rebuild");
    });
    let plain = mean(5, || {
        plain_tantivy(&study);
    });
    eprintln!(
        "index build: glose {:.1} ms, plain tantivy {:.1} ms, ratio {:.2}",
        glose.as_secs_f64() * 1e3,
        plain.as_secs_f64() * 1e3,
        glose.as_secs_f64() / plain.as_secs_f64().max(1e-9)
    );
    let mut g = c.benchmark_group("index_build");
    g.sample_size(10);
    g.bench_function("glose_rebuild", |b| {
        b.iter(|| Index::rebuild(&study, |_| {}).expect("rebuild"))
    });
    g.bench_function("plain_tantivy", |b| b.iter(|| plain_tantivy(&study)));
    g.bench_function("glose_up_to_date", |b| {
        b.iter(|| Index::open_or_build(&study, |_| {}).expect("open"))
    });
    g.finish();
    for interviews in generated_sizes() {
        let study = Study::open(&common::generated(interviews)).expect("generated study");
        let started = Instant::now();
        Index::rebuild(&study, |_| {}).expect("rebuild");
        let glose = started.elapsed();
        let started = Instant::now();
        let n = plain_tantivy(&study);
        let plain = started.elapsed();
        eprintln!(
            "index build, {interviews} interviews ({n} passages): glose {:.2} s, plain tantivy \
             {:.2} s, ratio {:.2}",
            glose.as_secs_f64(),
            plain.as_secs_f64(),
            glose.as_secs_f64() / plain.as_secs_f64().max(1e-9)
        );
    }
}

fn queries(c: &mut Criterion) {
    let (_tmp, sample_study) = sample();
    let mut studies = vec![("sample".to_string(), sample_study)];
    for interviews in generated_sizes() {
        let study = Study::open(&common::generated(interviews)).expect("generated study");
        studies.push((format!("gen{interviews}"), study));
    }
    for (study_name, study) in &studies {
        query_group(c, study_name, study);
    }
}

fn query_group(c: &mut Criterion, study_name: &str, study: &Study) {
    let index = Index::open_or_build(study, |_| {}).expect("index");
    let options = SearchOptions::default();
    let mut g = c.benchmark_group(format!("query/{study_name}"));
    for (name, text) in [
        ("word", "communauté"),
        ("phrase", "\"bouche à oreille\""),
        ("prefix", "influenc*"),
        ("stage_filter", "réseaux stage:growth"),
        ("proximity", "\"communauté clients\"~5"),
    ] {
        let q = parse_query(text).expect("query");
        g.bench_function(name, |b| {
            b.iter(|| index.search(study, &q, &options, &[]).expect("search"))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = build, queries
}
criterion_main!(benches);
