//! Anchors and re-anchoring: finding a coding's text again after the transcript changed.
//!
//! A coding remembers its quote, 32 characters of context on each side and the hash of the
//! text it was made on. When the hash differs, glose looks for the quote at the old place,
//! then elsewhere (the occurrence whose context matches best, nearest the old place), then
//! approximately (small edits inside the quote: a typo fixed, a name pseudonymised). A
//! coding it cannot place is orphaned, never deleted.

use std::ops::Range;

use serde::Serialize;

use super::{Anchor, Coding};
use crate::document::Document;

/// Characters of context kept on each side of a coding.
pub const CONTEXT_CHARS: usize = 32;

/// Builds the anchor of a span of a document.
pub fn make_anchor(doc: &Document, range: Range<usize>) -> Anchor {
    let len = doc.char_len();
    let start = range.start.min(len);
    let end = range.end.min(len).max(start);
    Anchor {
        quote: doc.slice(start..end).to_string(),
        prefix: doc
            .slice(start.saturating_sub(CONTEXT_CHARS)..start)
            .to_string(),
        suffix: doc.slice(end..(end + CONTEXT_CHARS).min(len)).to_string(),
        doc_hash: doc.hash.clone(),
    }
}

/// Where a coding ended up after re-anchoring.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "placement", content = "score", rename_all = "lowercase")]
pub enum Placement {
    /// Same text at the same place.
    Exact,
    /// Same text, elsewhere.
    Moved,
    /// Similar text (score in 0..1), found despite small edits.
    Fuzzy(f64),
    /// Not found: kept as it was, for the coder to place again.
    Orphaned,
}

impl Placement {
    /// A short description for messages (`moved`, `fuzzy 0.93`).
    pub fn describe(&self) -> String {
        match self {
            Placement::Exact => "exact".to_string(),
            Placement::Moved => "moved".to_string(),
            Placement::Fuzzy(s) => format!("fuzzy {s:.2}"),
            Placement::Orphaned => "orphaned".to_string(),
        }
    }
}

/// The outcome for one coding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relocation {
    /// How it was placed.
    pub placement: Placement,
    /// The new span (`None` when orphaned).
    pub range: Option<Range<usize>>,
}

/// Re-anchors codings of one document (holds the document's chars once for all of them).
pub struct Relocator<'d> {
    doc: &'d Document,
    chars: Vec<char>,
}

impl<'d> Relocator<'d> {
    /// Prepares re-anchoring against the current text of `doc`.
    pub fn new(doc: &'d Document) -> Self {
        Self {
            doc,
            chars: doc.text.chars().collect(),
        }
    }

    /// Finds where `coding` belongs in the current text.
    pub fn relocate(&self, coding: &Coding) -> Relocation {
        let anchor = &coding.anchor;
        let quote: Vec<char> = anchor.quote.chars().collect();
        let len = self.chars.len();
        let same_place = coding.end <= len && self.chars[coding.start..coding.end] == quote[..];
        if anchor.doc_hash == self.doc.hash || same_place {
            return Relocation {
                placement: Placement::Exact,
                range: Some(coding.start..coding.end),
            };
        }
        if quote.is_empty() {
            return orphaned();
        }
        let occurrences = find_all(&self.chars, &quote);
        if !occurrences.is_empty() {
            let prefix: Vec<char> = anchor.prefix.chars().collect();
            let suffix: Vec<char> = anchor.suffix.chars().collect();
            let best = occurrences
                .iter()
                .max_by_key(|&&start| {
                    let ctx = self.context_score(start, start + quote.len(), &prefix, &suffix);
                    (ctx, std::cmp::Reverse(start.abs_diff(coding.start)))
                })
                .copied()
                .unwrap_or(occurrences[0]);
            return Relocation {
                placement: Placement::Moved,
                range: Some(best..best + quote.len()),
            };
        }
        if let Some((range, score)) = self.fuzzy(coding, &quote) {
            return Relocation {
                placement: Placement::Fuzzy(score),
                range: Some(range),
            };
        }
        orphaned()
    }

    /// How many chars of the stored context agree with the text around a candidate.
    fn context_score(&self, start: usize, end: usize, prefix: &[char], suffix: &[char]) -> usize {
        let before = prefix
            .iter()
            .rev()
            .zip(self.chars[..start].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = suffix
            .iter()
            .zip(self.chars[end.min(self.chars.len())..].iter())
            .take_while(|(a, b)| a == b)
            .count();
        before + after
    }

    /// Approximate search: between the stored prefix and suffix if both are found, else
    /// anywhere with at most a quarter of the quote's length in edits.
    fn fuzzy(&self, coding: &Coding, quote: &[char]) -> Option<(Range<usize>, f64)> {
        let anchor = &coding.anchor;
        let prefix: Vec<char> = anchor.prefix.chars().collect();
        let suffix: Vec<char> = anchor.suffix.chars().collect();
        let tail = &prefix[prefix.len().saturating_sub(12)..];
        let head = &suffix[..suffix.len().min(12)];
        let mut best: Option<(Range<usize>, f64)> = None;
        if tail.len() >= 6 && head.len() >= 6 {
            let starts: Vec<usize> = find_all(&self.chars, tail)
                .into_iter()
                .map(|p| p + tail.len())
                .collect();
            let ends = find_all(&self.chars, head);
            for &s in &starts {
                for &e in &ends {
                    if e < s || e - s > quote.len() * 3 / 2 + 20 || (e - s) * 2 < quote.len() {
                        continue;
                    }
                    let score = similarity(quote, &self.chars[s..e]);
                    if best.as_ref().is_none_or(|(_, b)| score > *b) {
                        best = Some((s..e, score));
                    }
                }
            }
        }
        if let Some((range, score)) = &best
            && *score >= 0.6
        {
            return Some((range.clone(), *score));
        }
        let max_edits = (quote.len() / 4).max(1);
        let (range, distance) = approximate_find(&self.chars, quote, max_edits)?;
        let score = 1.0 - distance as f64 / quote.len().max(range.len()) as f64;
        (score >= 0.75).then_some((range, score))
    }
}

fn orphaned() -> Relocation {
    Relocation {
        placement: Placement::Orphaned,
        range: None,
    }
}

/// Start positions of every exact occurrence of `needle` in `hay`.
fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let first = needle[0];
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i] == first && hay[i..i + needle.len()] == *needle)
        .collect()
}

/// 1 − normalised Levenshtein distance between two char sequences.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let d = levenshtein(a, b);
    1.0 - d as f64 / a.len().max(b.len()).max(1) as f64
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Sellers' approximate substring search: the span of `text` closest to `pattern` with at
/// most `max_edits` edits, and its distance.
fn approximate_find(
    text: &[char],
    pattern: &[char],
    max_edits: usize,
) -> Option<(Range<usize>, usize)> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return None;
    }
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0; m + 1];
    let mut best: Option<(usize, usize)> = None;
    for (i, &tc) in text.iter().enumerate() {
        cur[0] = 0;
        for j in 1..=m {
            let sub = prev[j - 1] + usize::from(pattern[j - 1] != tc);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        if cur[m] <= max_edits && best.is_none_or(|(d, _)| cur[m] < d) {
            best = Some((cur[m], i + 1));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (distance, end) = best?;
    // Walk back from the end to find the start with the same distance.
    let window_start = end.saturating_sub(m + max_edits);
    let window = &text[window_start..end];
    let rev_pattern: Vec<char> = pattern.iter().rev().copied().collect();
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut best_start = (levenshtein(pattern, &[]), end);
    for (k, &tc) in window.iter().rev().enumerate() {
        cur[0] = k + 1;
        for j in 1..=m {
            let sub = prev[j - 1] + usize::from(rev_pattern[j - 1] != tc);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
        // prev[m]: distance between the pattern and window[len-k-1..]
        let start = end - (k + 1);
        if prev[m] < best_start.0
            || (prev[m] == best_start.0
                && (end - start).abs_diff(m) < (end - best_start.1).abs_diff(m))
        {
            best_start = (prev[m], start);
        }
    }
    Some((best_start.1..end, distance.max(best_start.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximate_find_locates_an_edited_quote() {
        let text: Vec<char> = "Au début on postait sur Instagram tous les jours, vraiment."
            .chars()
            .collect();
        let pattern: Vec<char> = "on postait sur Instragram tous les jour".chars().collect();
        let (range, d) = approximate_find(&text, &pattern, 5).unwrap();
        let found: String = text[range].iter().collect();
        assert_eq!(found, "on postait sur Instagram tous les jour");
        assert_eq!(d, 1);
    }

    #[test]
    fn similarity_is_one_for_equal() {
        let a: Vec<char> = "réseaux".chars().collect();
        assert!((similarity(&a, &a) - 1.0).abs() < 1e-12);
    }
}
