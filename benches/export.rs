//! Export speed on a generated study: 100 000 coded segments to CSV and to XLSX, and the
//! code × stage matrix over every code.
//!
//! The study is generated in a temporary folder: the sample codebook, 20 synthetic
//! interviews, two coders with 50 000 codings each (stage codes included), written as
//! coder files through `glose::store`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use glose::export::formats::{Format, render};
use glose::export::matrix::{Axis, Measure, crosstab};
use glose::export::report::stage_dimension;
use glose::export::{ExportOptions, Pseudonyms, Selection, build_segments};
use glose::store::{CoderFile, load_all, new_coding};
use glose::study::Study;
use rand::{RngExt, SeedableRng};

const DOCS: usize = 20;
const TURNS: usize = 400;
const PER_CODER_PER_DOC: usize = 2_500;

fn generate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::create_dir_all(root.join("codebooks")).unwrap();
    std::fs::create_dir_all(root.join("codings")).unwrap();
    std::fs::write(root.join("glose.toml"), "[study]\nname = \"bench\"\n").unwrap();
    let manifest = env!("CARGO_MANIFEST_DIR");
    std::fs::copy(
        format!("{manifest}/codebooks/codebook.json"),
        root.join("codebooks/codebook.json"),
    )
    .unwrap();
    std::fs::copy(
        format!("{manifest}/corpus/pseudonyms.csv"),
        root.join("corpus/pseudonyms.csv"),
    )
    .unwrap();
    let stages = ["pre-launch", "launch", "growth", "consolidation"];
    let mut cases = String::from("id,company,sector,stage\n");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for d in 0..DOCS {
        let id = format!("B{d:02}");
        let mut text = format!("---\nid: {id}\n---\n");
        for t in 0..TURNS {
            let who = if t % 2 == 0 {
                "Intervieweuse"
            } else {
                "Fondatrice"
            };
            text.push_str(&format!(
                "{who} : Alors, sur Instagram on publie trois fois par semaine, et à Lyon \
                 les clientes viennent après une story ; c’est le tour {t}, vraiment.\n\n"
            ));
        }
        std::fs::write(root.join(format!("corpus/{id}.txt")), text).unwrap();
        cases.push_str(&format!(
            "{id},Société {d},secteur {},{}\n",
            d % 3,
            stages[d % 4]
        ));
    }
    std::fs::write(root.join("corpus/cases.csv"), cases).unwrap();
    let study = Study::open(root).unwrap();
    let codes: Vec<String> = study
        .codebook
        .codes
        .iter()
        .filter(|c| !c.id.starts_with("stage"))
        .map(|c| c.id.clone())
        .collect();
    for coder in ["ana", "ben"] {
        let mut file = CoderFile {
            coder: coder.into(),
            ..CoderFile::default()
        };
        for entry in &study.entries {
            let doc = study.load_document(&entry.id).unwrap();
            let len = doc.char_len();
            for (i, s) in stages.iter().enumerate() {
                let range = len * i / 4..len * (i + 1) / 4;
                file.codings
                    .push(new_coding(&doc, &format!("stage.{s}"), range, None, coder));
            }
            for _ in 0..PER_CODER_PER_DOC - stages.len() {
                let start = rng.random_range(0..len - 400);
                let end = start + rng.random_range(20..400);
                let code = &codes[rng.random_range(0..codes.len())];
                file.codings
                    .push(new_coding(&doc, code, start..end, None, coder));
            }
        }
        std::fs::write(
            root.join(format!("codings/{coder}.jsonl")),
            file.serialize(),
        )
        .unwrap();
    }
    dir
}

fn bench(c: &mut Criterion) {
    let dir = generate();
    let study = Study::open(dir.path()).unwrap();
    let all = load_all(&study);
    assert_eq!(all.codings.len(), 2 * DOCS * PER_CODER_PER_DOC);
    let opts = ExportOptions {
        by: stage_dimension(&study).into_iter().collect(),
        selection: Selection::default(),
        lang: "fr".into(),
        pseudonyms: Some(Pseudonyms::load(&Pseudonyms::path(&study)).unwrap()),
        lean: false,
    };
    let mut g = c.benchmark_group("export_100k");
    g.sample_size(10);
    g.bench_function("csv (load codings, build, pseudonymise, write)", |b| {
        b.iter(|| {
            let all = load_all(&study);
            let set = build_segments(&study, &all, &opts).unwrap();
            black_box(
                render(&set, Format::Csv, &study.codebook, "t")
                    .unwrap()
                    .bytes()
                    .len(),
            )
        })
    });
    g.bench_function("xlsx (load codings, build, pseudonymise, write)", |b| {
        b.iter(|| {
            let all = load_all(&study);
            let set = build_segments(&study, &all, &opts).unwrap();
            black_box(
                render(&set, Format::Xlsx, &study.codebook, "t")
                    .unwrap()
                    .bytes()
                    .len(),
            )
        })
    });
    let no_text = ExportOptions {
        pseudonyms: None,
        lean: true,
        ..opts.clone()
    };
    g.bench_function("matrix code x stage (build, crosstab)", |b| {
        b.iter(|| {
            let set = build_segments(&study, &all, &no_text).unwrap();
            black_box(
                crosstab(
                    &set,
                    &Axis::Code,
                    &Axis::Dim(0),
                    Measure::Segments,
                    &study.codebook,
                )
                .total,
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
