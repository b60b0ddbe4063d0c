//! Which passages a coder's codings make positive or negative examples of a code.
//!
//! A passage is a positive when one of the coder's codings of the code covers at least
//! half of the shorter of the two (a sentence touched by the last word of a coding is
//! not); a negative when it lies in a document the coder coded and no coding of the code
//! touches it; otherwise (partly covered) it is left out of training and of measures.

use std::collections::{BTreeMap, BTreeSet};

use crate::store::Coding;

use super::corpus::Corpus;

/// The examples of one code for one coder, as passage indices into the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// Passages covered by a coding of the code.
    pub positives: Vec<usize>,
    /// Passages of the coded documents that no coding of the code touches.
    pub negatives: Vec<usize>,
}

impl Labels {
    /// The examples of `code` in one coder's `codings` (all of one coder's file).
    pub fn of(corpus: &Corpus, codings: &[Coding], code: &str) -> Self {
        // The coded documents, each with its codings of `code` (one pass over the codings).
        let mut by_doc: BTreeMap<&str, Vec<&Coding>> = BTreeMap::new();
        for c in codings {
            let of_code = by_doc.entry(c.doc.as_str()).or_default();
            if c.code == code {
                of_code.push(c);
            }
        }
        let mut labels = Labels::default();
        for (doc, of_code) in by_doc {
            for i in corpus.doc_passages(doc) {
                let p = &corpus.passages[i];
                if p.vector.is_empty() {
                    continue;
                }
                match coverage(&of_code, &p.range) {
                    Coverage::Covered => labels.positives.push(i),
                    Coverage::Untouched => labels.negatives.push(i),
                    Coverage::Partial => {}
                }
            }
        }
        labels
    }

    /// These labels without the passages for which `drop` is true.
    pub fn without(&self, drop: impl Fn(usize) -> bool) -> Self {
        Labels {
            positives: self
                .positives
                .iter()
                .copied()
                .filter(|&i| !drop(i))
                .collect(),
            negatives: self
                .negatives
                .iter()
                .copied()
                .filter(|&i| !drop(i))
                .collect(),
        }
    }

    /// The documents holding a positive, sorted.
    pub fn positive_docs<'c>(&self, corpus: &'c Corpus) -> Vec<&'c str> {
        let docs: BTreeSet<&str> = self
            .positives
            .iter()
            .map(|&i| corpus.passages[i].doc.as_str())
            .collect();
        docs.into_iter().collect()
    }
}

/// How much of a passage the codings of a code cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// A coding covers half of the passage or of itself.
    Covered,
    /// Some overlap, less than that.
    Partial,
    /// No overlap.
    Untouched,
}

/// The coverage of `range` by `codings` (all of one document).
pub fn coverage(codings: &[&Coding], range: &std::ops::Range<usize>) -> Coverage {
    coverage_by_spans(codings.iter().map(|c| (c.start, c.end)), range)
}

/// The coverage of `range` by coded spans (start, end) of one document: covered when one
/// span overlaps at least half of the shorter of the two, partial when one only touches it.
pub fn coverage_by_spans(
    spans: impl IntoIterator<Item = (usize, usize)>,
    range: &std::ops::Range<usize>,
) -> Coverage {
    let mut touched = false;
    for (start, end) in spans {
        let overlap = end.min(range.end).saturating_sub(start.max(range.start));
        if overlap == 0 {
            continue;
        }
        touched = true;
        let shorter = range.len().min(end.saturating_sub(start));
        if 2 * overlap >= shorter {
            return Coverage::Covered;
        }
    }
    if touched {
        Coverage::Partial
    } else {
        Coverage::Untouched
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::suggest::corpus::{Unit, tests::corpus_of};

    pub(crate) fn coding(doc: &str, code: &str, range: std::ops::Range<usize>) -> Coding {
        let d = crate::document::Document::parse(doc, std::path::Path::new("x"), "", &[]);
        let mut c = crate::store::new_coding(&d, code, 0..0, None, "a");
        c.doc = doc.to_string();
        c.start = range.start;
        c.end = range.end;
        c
    }

    #[test]
    fn positives_are_covered_negatives_untouched_partial_left_out() {
        let c = corpus_of(
            &[
                (
                    "A",
                    "Un chat.\n\nDeux chiens.\n\nTrois vaches.\n\nQuatre oies.",
                ),
                ("B", "Rien."),
            ],
            Unit::Sentence,
        );
        let ranges: Vec<_> = c.passages.iter().map(|p| p.range.clone()).collect();
        assert_eq!(ranges, vec![0..8, 10..22, 24..37, 39..51, 0..5]);
        // 20..26 takes 2 chars of sentences 1 and 2: less than half of itself or of them.
        let codings = vec![
            coding("A", "x", 0..8),
            coding("A", "x", 20..26),
            coding("A", "y", 39..51),
        ];
        let l = Labels::of(&c, &codings, "x");
        assert_eq!(l.positives, vec![0]);
        assert_eq!(
            l.negatives,
            vec![3],
            "B is not coded by this coder; 1 and 2 are partial"
        );
        assert_eq!(l.positive_docs(&c), vec!["A"]);
        assert_eq!(l.without(|i| i == 0).positives, Vec::<usize>::new());
    }
}
