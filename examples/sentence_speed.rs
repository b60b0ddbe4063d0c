//! Times sentence segmentation over the sample corpus: glose's segmenter against the
//! UAX #29 sentence breaking of `unicode-segmentation` that it replaced (the old segmenter
//! was UAX #29 plus abbreviation gluing, so UAX #29 alone is a lower bound of its cost).
//!
//! `cargo run --release --example sentence_speed [ROUNDS]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use unicode_segmentation::UnicodeSegmentation;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let mut paragraphs = Vec::new();
    for entry in std::fs::read_dir("corpus").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let raw = std::fs::read_to_string(&path).unwrap();
            let doc = glose::document::Document::parse("x", &path, &raw, &[]);
            paragraphs.extend(
                doc.paragraphs
                    .iter()
                    .map(|p| doc.slice(p.clone()).to_string()),
            );
        }
    }
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let start = Instant::now();
        let mut count = 0;
        for _ in 0..rounds {
            for p in &paragraphs {
                count += f(p);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let mb = (bytes * rounds) as f64 / 1e6;
        println!(
            "{name:<22} {:>8.1} MB/s  ({} sentences per round)",
            mb / secs,
            count / rounds
        );
    };
    println!(
        "{} paragraphs, {:.2} MB, {rounds} rounds",
        paragraphs.len(),
        bytes as f64 / 1e6
    );
    time("glose (version 2)", &|p| {
        glose::document::split_sentences(p, 0..p.len()).len()
    });
    time("UAX #29 (baseline)", &|p| {
        p.split_sentence_bound_indices().count()
    });
}
