//! Sentence boundaries against the hand-annotated set in `tests/fixtures/sentences/`:
//! prints the boundary error rate of glose's segmenter and of the UAX #29 segmenter it
//! replaced, and asserts glose's stays under a threshold.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::ops::Range;

/// The segmenter glose used before version 2 (UAX #29 plus abbreviation gluing), kept
/// here only to measure against.
mod uax29_baseline {
    use std::ops::Range;
    use unicode_segmentation::UnicodeSegmentation;

    const ABBREVIATIONS: &[&str] = &[
        "m.", "mm.", "mme", "mme.", "mmes", "mlle", "mlle.", "dr", "dr.", "pr.", "st.", "ste.",
        "ex.", "cf.", "etc.", "env.", "vs.", "av.", "n°.", "no.", "p.", "mr.", "mrs.", "ms.",
        "e.g.", "i.e.", "approx.",
    ];

    /// Splits `text[range]` (bytes, normally one paragraph) into sentences, trimmed.
    ///
    /// Uses Unicode sentence boundaries (UAX #29), then joins a boundary that follows a known
    /// abbreviation (`M. Dupont`, `p. ex. Instagram`) or an initial (`J. Dupont`). Decimal
    /// numbers (`3.5`) never split under UAX #29.
    pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let chunk = &text[range.clone()];
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut glue_next = false;
        for (start, piece) in chunk.split_sentence_bound_indices() {
            let s = range.start + start;
            let trimmed_start = s + (piece.len() - piece.trim_start().len());
            let trimmed_end = s + piece.trim_end().len();
            if trimmed_end <= trimmed_start {
                continue;
            }
            match out.last_mut() {
                Some(last) if glue_next => last.end = trimmed_end,
                _ => out.push(trimmed_start..trimmed_end),
            }
            glue_next = ends_with_abbreviation(&text[out.last().map_or(0..0, Clone::clone)]);
        }
        out
    }

    fn ends_with_abbreviation(sentence: &str) -> bool {
        let last_word = sentence
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_start_matches(['(', '«', '"', '“']);
        let lower = last_word.to_lowercase();
        if ABBREVIATIONS.contains(&lower.as_str()) {
            return true;
        }
        // "p. ex." is two words.
        if lower == "ex." && sentence.to_lowercase().ends_with("p. ex.") {
            return true;
        }
        // A single capital letter and a full stop is an initial (J. Dupont).
        let mut chars = last_word.chars();
        matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
    }
}

/// One annotated paragraph: its text and the byte offsets where a sentence ends inside it.
struct Paragraph {
    text: String,
    boundaries: BTreeSet<usize>,
}

fn load(name: &str) -> Vec<Paragraph> {
    let path = format!(
        "{}/tests/fixtures/sentences/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let raw = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for block in raw.split("\n\n") {
        let sentences: Vec<&str> = block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        if sentences.is_empty() {
            continue;
        }
        let mut text = String::new();
        let mut boundaries = BTreeSet::new();
        for s in &sentences {
            if !text.is_empty() {
                boundaries.insert(text.len());
                text.push(' ');
            }
            text.push_str(s);
        }
        out.push(Paragraph { text, boundaries });
    }
    out
}

/// Sentence ends strictly inside the paragraph (the paragraph's own end is not counted).
fn predicted(text: &str, split: fn(&str, Range<usize>) -> Vec<Range<usize>>) -> BTreeSet<usize> {
    split(text, 0..text.len())
        .into_iter()
        .map(|r| r.end)
        .filter(|&e| e < text.trim_end().len())
        .collect()
}

struct Score {
    truth: usize,
    missed: usize,
    spurious: usize,
    examples: Vec<String>,
}

impl Score {
    fn rate(&self) -> f64 {
        (self.missed + self.spurious) as f64 / self.truth.max(1) as f64
    }
}

fn score(paragraphs: &[Paragraph], split: fn(&str, Range<usize>) -> Vec<Range<usize>>) -> Score {
    let mut s = Score {
        truth: 0,
        missed: 0,
        spurious: 0,
        examples: Vec::new(),
    };
    for p in paragraphs {
        let got = predicted(&p.text, split);
        s.truth += p.boundaries.len();
        for &b in p.boundaries.difference(&got) {
            s.missed += 1;
            s.examples.push(format!("missed:   {}", around(&p.text, b)));
        }
        for &b in got.difference(&p.boundaries) {
            s.spurious += 1;
            s.examples.push(format!("spurious: {}", around(&p.text, b)));
        }
    }
    s
}

fn around(text: &str, at: usize) -> String {
    let start = text.floor_char_boundary(at.saturating_sub(40));
    let end = text.ceil_char_boundary((at + 30).min(text.len()));
    format!("…{}⟂{}…", &text[start..at], &text[at..end])
}

fn report(name: &str) -> (Score, Score) {
    let paragraphs = load(name);
    let new = score(&paragraphs, glose::document::split_sentences);
    let old = score(&paragraphs, uax29_baseline::sentences);
    println!(
        "{name}: {} paragraphs, {} boundaries; glose v{}: {} missed, {} spurious, error rate {:.2}%; \
         UAX #29 baseline: {} missed, {} spurious, error rate {:.2}%",
        paragraphs.len(),
        new.truth,
        glose::document::SEGMENTER_VERSION,
        new.missed,
        new.spurious,
        100.0 * new.rate(),
        old.missed,
        old.spurious,
        100.0 * old.rate(),
    );
    for e in &new.examples {
        println!("  {e}");
    }
    (new, old)
}

// Thresholds: the corpus set was reviewed with the segmenter's output as a draft, so it
// must be matched exactly (a regression shows up as an error there); the hand-written sets
// are small (about 20 and 30 boundaries) and hold the rare cases (abbreviations before
// names, numbered items, quoted speech) where rules go wrong, so they allow one error in
// twenty boundaries; the baseline must do worse on every set.

#[test]
fn sample_corpus_sentences() {
    let (new, old) = report("fr-corpus.txt");
    assert!(new.truth > 1500, "the annotated set is large");
    assert!(new.rate() <= 0.005, "error rate {:.2}%", 100.0 * new.rate());
    assert!(new.rate() < old.rate());
}

#[test]
fn hand_written_french_sentences() {
    let (new, old) = report("fr-hard.txt");
    assert!(new.rate() <= 0.05, "error rate {:.2}%", 100.0 * new.rate());
    assert!(new.rate() < old.rate());
}

#[test]
fn hand_written_english_sentences() {
    let (new, old) = report("en-interviews.txt");
    assert!(new.rate() <= 0.05, "error rate {:.2}%", 100.0 * new.rate());
    assert!(new.rate() < old.rate());
}
