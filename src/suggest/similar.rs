//! Similar passages: the passages of the corpus nearest a coding or a selection, by
//! cosine of their TF-IDF vectors, with the words they share (as written in each). The
//! best are found through the postings of the query's terms when the corpus holds them
//! ([`Corpus::postings`], [`Postings::best`](super::postings::Postings::best)): only
//! passages sharing a heavy term with the query are looked at, with the same result as
//! scoring every passage, which is done otherwise.

use rustc_hash::FxHashMap;
use std::ops::Range;

use serde::Serialize;

use super::corpus::Corpus;
use super::labels::{Coverage, coverage_by_spans};
use super::postings::best_by_scan;
use super::vector::SparseVec;
use crate::store::Coding;

/// How many shared words a result names.
pub const SHARED_WORDS: usize = 5;

/// Which passages may be returned, as in search: coded by a coder, with a code, or not.
#[derive(Debug, Clone, Copy, Default)]
pub struct SimilarFilter<'a> {
    /// Only codings by this coder count.
    pub coder: Option<&'a str>,
    /// Only codings of this code count.
    pub code: Option<&'a str>,
    /// Keep passages no counted coding touches (instead of those one covers).
    pub uncoded: bool,
}

impl SimilarFilter<'_> {
    fn restricts(&self) -> bool {
        self.coder.is_some() || self.code.is_some() || self.uncoded
    }

    fn counts(&self, c: &Coding) -> bool {
        self.coder.is_none_or(|x| c.coder == x) && self.code.is_none_or(|x| c.code == x)
    }
}

/// A passage like the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarPassage {
    /// The document id.
    pub doc: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The passage.
    pub text: String,
    /// Cosine similarity to the source (0 to 1).
    pub similarity: f64,
    /// The words they share that weigh most, as written in this passage.
    pub shared: Vec<String>,
}

/// The `limit` passages most like `query`, leaving out those overlapping `source` (the
/// selection itself) and those `filter` excludes given `codings` (any coders').
pub fn similar(
    corpus: &Corpus,
    query: &SparseVec,
    source: (&str, Range<usize>),
    codings: &[Coding],
    filter: SimilarFilter<'_>,
    limit: usize,
) -> Vec<SimilarPassage> {
    let spans = spans_by_doc(codings, &filter);
    let own = corpus.doc_passages(source.0);
    let keep = |i: usize| {
        let p = &corpus.passages[i];
        if own.contains(&i) && p.range.start < source.1.end && source.1.start < p.range.end {
            return false;
        }
        if !filter.restricts() {
            return true;
        }
        let doc_spans = spans.get(p.doc.as_str()).map_or(&[][..], Vec::as_slice);
        let cov = coverage_by_spans(doc_spans.iter().copied(), &p.range);
        if filter.uncoded {
            cov == Coverage::Untouched
        } else {
            cov == Coverage::Covered
        }
    };
    let score = |i: usize| query.dot(&corpus.passages[i].vector);
    let n = corpus.passages.len();
    let scored = match corpus.built_postings() {
        Some(postings) => postings.best(query, n, limit, keep, score),
        None => best_by_scan(n, limit, keep, score),
    };
    scored
        .into_iter()
        .map(|(i, similarity)| {
            let p = &corpus.passages[i];
            let terms: Vec<u32> = p
                .vector
                .shared(query)
                .into_iter()
                .take(SHARED_WORDS)
                .map(|s| s.0)
                .collect();
            SimilarPassage {
                doc: p.doc.clone(),
                start: p.range.start,
                end: p.range.end,
                text: p.text.clone(),
                similarity,
                shared: corpus.surface_words(p, &terms),
            }
        })
        .collect()
}

/// The spans (start, end) of the codings `filter` counts, by document; none when the
/// filter does not look at codings. Codings come grouped by document (a coder file's
/// order), so the map is looked up once per run of one document, not once per coding.
fn spans_by_doc<'a>(
    codings: &'a [Coding],
    filter: &SimilarFilter<'_>,
) -> FxHashMap<&'a str, Vec<(usize, usize)>> {
    let mut by_doc: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    if !filter.restricts() {
        return by_doc;
    }
    let mut run: Option<(&str, Vec<(usize, usize)>)> = None;
    for c in codings.iter().filter(|c| filter.counts(c)) {
        match &mut run {
            Some((doc, spans)) if *doc == c.doc.as_str() => spans.push((c.start, c.end)),
            _ => {
                if let Some((doc, spans)) = run.take() {
                    by_doc.entry(doc).or_default().extend(spans);
                }
                run = Some((c.doc.as_str(), vec![(c.start, c.end)]));
            }
        }
    }
    if let Some((doc, spans)) = run {
        by_doc.entry(doc).or_default().extend(spans);
    }
    by_doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::corpus::{Unit, tests::corpus_of};
    use crate::suggest::labels::tests::coding;

    #[test]
    fn nearest_passages_with_shared_words_and_filters() {
        let c = corpus_of(
            &[
                (
                    "A",
                    "Mes clientes adorent les lives Instagram.\n\nLe stock arrive lundi.",
                ),
                (
                    "B",
                    "Mes clientes regardent mes lives.\n\nUne cliente achète en live.\n\nLe comptable passe.",
                ),
            ],
            Unit::Sentence,
        );
        let q = c.passages[0].vector.clone();
        let all = similar(&c, &q, ("A", 0..40), &[], SimilarFilter::default(), 10);
        assert_eq!(all[0].doc, "B");
        assert_eq!(all[0].start, 0);
        assert!(
            all[0].shared.contains(&"clientes".to_string()),
            "{:?}",
            all[0]
        );
        assert!(all[0].shared.contains(&"lives".to_string()));
        assert!(
            all.iter().all(|s| s.doc != "A" || s.start != 0),
            "the source is left out"
        );
        assert!(
            all.iter()
                .all(|s| s.similarity > 0.0 && s.similarity <= 1.0 + 1e-9)
        );
        let mut b1 = coding("B", "live", 35..62);
        b1.coder = "b".into();
        let codings = vec![b1];
        let coded = SimilarFilter {
            code: Some("live"),
            ..SimilarFilter::default()
        };
        let only = similar(&c, &q, ("A", 0..40), &codings, coded, 10);
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].start, 35);
        let uncoded = SimilarFilter {
            uncoded: true,
            coder: Some("b"),
            ..SimilarFilter::default()
        };
        let rest = similar(&c, &q, ("A", 0..40), &codings, uncoded, 10);
        assert!(rest.iter().all(|s| s.start != 35));
        assert_eq!(rest[0].start, 0, "{rest:?}");
    }
}
