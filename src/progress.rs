//! How far a coder has got: codings per code (in the study and in one document), the
//! characters of each document they coded, and the documents' sizes. The TUI's documents
//! list and codebook counts show these; `glose check` could too.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::codebook::Codebook;
use crate::store::Coding;
use crate::study::Study;

/// One coder's progress, from their codings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Code id (after merges and renames) → (codings in the focused document, codings in
    /// the study).
    pub per_code: HashMap<String, (usize, usize)>,
    /// Document id → characters covered by at least one coding.
    pub coded_chars: HashMap<String, usize>,
}

/// The progress of `codings` (one coder's) against the codebook; `focus` is the document
/// whose codings are counted apart (the open one).
pub fn progress(codebook: &Codebook, codings: &[Coding], focus: Option<&str>) -> Progress {
    // Keyed by borrowed ids while counting (a coder has up to hundreds of thousands of
    // codings on tens of codes), owned only in the result.
    let mut per_code: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    let mut spans: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    for c in codings {
        let code = codebook.resolve_coding(&c.id, &c.code).unwrap_or(&c.code);
        let e = per_code.entry(code).or_default();
        e.1 += 1;
        if focus == Some(c.doc.as_str()) {
            e.0 += 1;
        }
        spans
            .entry(c.doc.as_str())
            .or_default()
            .push((c.start, c.end));
    }
    let coded_chars = spans
        .into_iter()
        .map(|(doc, s)| (doc.to_string(), crate::spans::union_len(s)))
        .collect();
    Progress {
        per_code: per_code
            .into_iter()
            .map(|(code, n)| (code.to_string(), n))
            .collect(),
        coded_chars,
    }
}

/// The codings of one document, in reading order (outer codings before those they hold).
pub fn codings_of(codings: &[Coding], doc: &str) -> Vec<Coding> {
    let mut list: Vec<Coding> = codings.iter().filter(|c| c.doc == doc).cloned().collect();
    list.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
    });
    list
}

/// A document's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSize {
    /// The document id.
    pub id: String,
    /// Words in the body.
    pub words: usize,
    /// Characters in the body.
    pub chars: usize,
}

/// The size of every document that can be read, in study order; `progress(done, total)`
/// is called every few documents (reading two thousand takes a moment).
pub fn document_sizes(study: &Study, mut progress: impl FnMut(usize, usize)) -> Vec<DocSize> {
    let total = study.entries.len();
    let mut sizes = Vec::with_capacity(total);
    for (i, e) in study.entries.iter().enumerate() {
        if let Ok(doc) = study.load_document(&e.id) {
            sizes.push(DocSize {
                id: e.id.clone(),
                words: doc.word_count(),
                chars: doc.char_len(),
            });
        }
        if i % 8 == 0 {
            progress(i + 1, total);
        }
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_all;

    #[test]
    fn counts_per_code_and_coverage_per_document() {
        let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let all = load_all(&study);
        let mine: Vec<Coding> = (all.codings.iter())
            .filter(|c| c.coder == "coder-a")
            .cloned()
            .collect();
        let p = progress(&study.codebook, &mine, Some("E01"));
        let in_study: usize = p.per_code.values().map(|v| v.1).sum();
        let in_e01: usize = p.per_code.values().map(|v| v.0).sum();
        assert_eq!(in_study, mine.len());
        assert_eq!(in_e01, codings_of(&mine, "E01").len());
        let e01 = study.load_document("E01").unwrap();
        let covered = p.coded_chars["E01"];
        assert!(covered > 0 && covered <= e01.char_len(), "{covered}");
        let order = codings_of(&mine, "E01");
        assert!(order.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn every_document_is_measured() {
        let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut last = (0, 0);
        let sizes = document_sizes(&study, |d, t| last = (d, t));
        assert_eq!(sizes.len(), study.entries.len());
        assert!(sizes.iter().all(|s| s.words > 0 && s.chars >= s.words));
        assert_eq!(last.1, study.entries.len());
    }
}
