//! Agreement at study scale: three coders, 100,000 codings, every code of the sample
//! codebook at sentence units, every coefficient (target < 3 s); Krippendorff's bootstrap
//! with 20,000 replicates for every code (target < 1 s per code).
//!
//! The data are synthetic and built here (not timed): 400 documents of 250 sentences,
//! 33,334 "true" codings that each coder reproduces with probability 0.8 (with a few
//! characters of jitter) and otherwise replaces by a random coding.
//!
//! Run: `cargo bench --bench agreement`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

use std::path::Path;
use std::time::{Duration, Instant};

use glose::agreement::continuum::CharMatrix;
use glose::agreement::disagreements::disagreements;
use glose::agreement::doc_units::DocUnits;
use glose::agreement::report::categorical_report;
use glose::agreement::units::{CodeSet, Inputs, SpanOptions, UnitMatrix};
use glose::agreement::{Metric, krippendorff_bootstrap};
use glose::codebook::Codebook;
use glose::document::{DEFAULT_INTERVIEWER_LABELS, Document};
use glose::store::{Coding, new_coding};
use glose::unit::Unit;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const DOCS: usize = 400;
const SENTENCES: usize = 250;
const CODINGS: usize = 100_000;

fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    (rng.next_u64() % n.max(1) as u64) as usize
}

fn corpus() -> Vec<Document> {
    let labels: Vec<String> = DEFAULT_INTERVIEWER_LABELS
        .iter()
        .map(|s| s.to_string())
        .collect();
    (0..DOCS)
        .map(|d| {
            let mut body = String::new();
            for s in 0..SENTENCES {
                if s % 10 == 0 {
                    body.push_str(if s % 20 == 0 {
                        "\n\nIntervieweuse : "
                    } else {
                        "\n\nFondatrice : "
                    });
                }
                body.push_str(&format!(
                    "Phrase {s} du document {d}, avec quelques mots de plus. "
                ));
            }
            Document::parse(&format!("D{d:03}"), Path::new("x.txt"), &body, &labels)
        })
        .collect()
}

fn codings(docs: &[Document], codes: &[String], rng: &mut ChaCha8Rng) -> Vec<Coding> {
    let coders = ["ann", "ben", "cat"];
    let random = |rng: &mut ChaCha8Rng| {
        let d = below(rng, docs.len());
        let doc = &docs[d];
        let s = below(rng, doc.sentences.len());
        let e = (s + below(rng, 3)).min(doc.sentences.len() - 1);
        let range = doc.sentences[s].start..doc.sentences[e].end;
        (d, range, below(rng, codes.len()))
    };
    let mut out = Vec::with_capacity(CODINGS);
    let mut truth = random(rng);
    for i in 0..CODINGS {
        if i % 3 == 0 {
            truth = random(rng);
        }
        let (d, range, code) = if below(rng, 10) < 8 {
            let (d, r, c) = truth.clone();
            let len = docs[d].char_len();
            let start = (r.start + below(rng, 5)).min(r.end - 1);
            let end = (r.end + below(rng, 5))
                .saturating_sub(2)
                .clamp(start + 1, len);
            (d, start..end, c)
        } else {
            random(rng)
        };
        out.push(new_coding(
            &docs[d],
            &codes[code],
            range,
            None,
            coders[i % 3],
        ));
    }
    out
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        last = Some(v);
    }
    println!("{label}: {best:.3?} (best of {runs})");
    (best, last.expect("runs ≥ 1"))
}

fn main() {
    let cb = Codebook::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/codebook.json"))
        .expect("sample codebook");
    let codes: Vec<String> = cb.tree_order().into_iter().map(|c| c.id.clone()).collect();
    let leaves: Vec<String> = codes
        .iter()
        .filter(|c| cb.children(c).next().is_none())
        .cloned()
        .collect();
    let t = Instant::now();
    let docs = corpus();
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let codings = codings(&docs, &leaves, &mut rng);
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    println!(
        "setup: {} documents, {sentences} sentences, {} codings by 3 coders, {} codes, in {:.1?}",
        docs.len(),
        codings.len(),
        codes.len(),
        t.elapsed()
    );
    let coders: Vec<String> = ["ann", "ben", "cat"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let rolled = SpanOptions {
        rollup: true,
        ..SpanOptions::default()
    };
    let unit = Unit::Sentence;

    let (report_time, report) = time(
        "sentence units, all codes (rollup), every coefficient",
        3,
        || categorical_report(&inputs, &cb, &codes, unit, &rolled, None).expect("report"),
    );
    println!(
        "  pooled: {} unit×code decisions, alpha {:?}",
        report.pooled.units,
        report.pooled.krippendorff_alpha.value()
    );

    // What `glose agreement` compares: the documents' units and whitespace, not the texts.
    let units: Vec<DocUnits> = docs.iter().map(DocUnits::of).collect();
    let unit_inputs = Inputs {
        docs: &units,
        codings: &codings,
        coders: &coders,
    };
    let (_, on_units) = time(
        "sentence units, all codes (rollup), on the documents' units (glose agreement)",
        3,
        || categorical_report(&unit_inputs, &cb, &codes, unit, &rolled, None).expect("units"),
    );
    assert_eq!(
        serde_json::to_string(&on_units).expect("json"),
        serde_json::to_string(&report).expect("json"),
        "the same report on the documents and on their units"
    );

    let set = CodeSet::new(&cb, &codes, true);
    let matrix = UnitMatrix::build(&inputs, &set, Unit::Sentence, &rolled).expect("matrix");
    let mut slowest = Duration::ZERO;
    let mut done = 0;
    let t = Instant::now();
    for k in 0..codes.len() {
        let data = matrix.data(&[k]).expect("data");
        let one = Instant::now();
        if krippendorff_bootstrap(&data, Metric::Nominal, 20_000, 1).is_ok() {
            done += 1;
        }
        slowest = slowest.max(one.elapsed());
    }
    let boot_time = t.elapsed();
    println!(
        "bootstrap 20,000 replicates: {done} codes in {boot_time:.3?} (slowest code {slowest:.3?})"
    );
    time("char units, all codes, every coefficient", 1, || {
        categorical_report(&inputs, &cb, &codes, Unit::Char, &rolled, None).expect("chars")
    });
    time("char runs only", 1, || {
        CharMatrix::build(&inputs, &set).expect("runs")
    });
    let (_, list) = time("disagreement list, sentence units", 1, || {
        disagreements(&inputs, &set, unit, &rolled).expect("list")
    });
    println!("  {} disagreements", list.len());
    println!(
        "targets: report {} (< 3 s), bootstrap per code {} (< 1 s)",
        if report_time.as_secs_f64() < 3.0 {
            "met"
        } else {
            "MISSED"
        },
        if slowest.as_secs_f64() < 1.0 {
            "met"
        } else {
            "MISSED"
        },
    );
}
