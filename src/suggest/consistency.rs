//! Consistency of one coder: passages nearly identical in wording that the coder coded
//! differently, and codings the model trained without them finds least like the rest of
//! their code (likely miscodings). Reads one coder's codings only.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::MIN_POSITIVES;
use super::corpus::Corpus;
use super::labels::{Coverage, Labels, coverage};
use super::logreg::TrainOptions;
use super::model::CodeModel;
use crate::store::Coding;

/// Cosine similarity from which two passages count as nearly identical.
pub const NEAR_IDENTICAL: f64 = 0.8;

/// The fewest distinct terms a passage needs to be compared (short replies such as
/// "Oui, tout à fait." are alike everywhere).
pub const MIN_TERMS: usize = 5;

/// A passage of a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The document id.
    pub doc: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The passage.
    pub text: String,
    /// The codes the coder gave it.
    pub codes: Vec<String>,
    /// The ids of the coder's codings covering it (to recode or write a memo on).
    pub codings: Vec<String>,
}

/// Two nearly identical passages coded differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// Cosine similarity.
    pub similarity: f64,
    /// One passage.
    pub a: Side,
    /// The other.
    pub b: Side,
}

/// A coding the model of its code, trained without it, scores low.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlier {
    /// The coding id.
    pub id: String,
    /// The code.
    pub code: String,
    /// The document id.
    pub doc: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The coded text.
    pub quote: String,
    /// Mean probability of its passages under the model trained without it.
    pub score: f64,
}

/// The codes covering each passage, and the ids of the codings that do.
type Covering = HashMap<usize, (BTreeSet<String>, Vec<String>)>;

fn codes_of(corpus: &Corpus, codings: &[Coding]) -> Covering {
    let mut out: Covering = HashMap::new();
    for c in codings {
        for i in corpus.doc_passages(&c.doc) {
            if coverage(&[c], &corpus.passages[i].range) == Coverage::Covered {
                let e = out.entry(i).or_default();
                e.0.insert(c.code.clone());
                e.1.push(c.id.clone());
            }
        }
    }
    out
}

/// Pairs of passages in the coder's documents, at least one coded, nearly identical in
/// wording (cosine ≥ `threshold`) but with different codes; most similar first.
pub fn near_identical(corpus: &Corpus, codings: &[Coding], threshold: f64) -> Vec<Pair> {
    let codes = codes_of(corpus, codings);
    let docs: BTreeSet<&str> = codings.iter().map(|c| c.doc.as_str()).collect();
    let pool: Vec<usize> = docs
        .iter()
        .flat_map(|d| corpus.doc_passages(d))
        .filter(|&i| corpus.passages[i].vector.0.len() >= MIN_TERMS)
        .collect();
    // An inverted index, so only pairs sharing a term are compared.
    let mut postings: HashMap<u32, Vec<(usize, f64)>> = HashMap::new();
    for &i in &pool {
        for &(t, w) in &corpus.passages[i].vector.0 {
            postings.entry(t).or_default().push((i, w));
        }
    }
    let empty = (BTreeSet::new(), Vec::new());
    let mut pairs = Vec::new();
    for &i in &pool {
        let mut dots: HashMap<usize, f64> = HashMap::new();
        for &(t, w) in &corpus.passages[i].vector.0 {
            for &(j, v) in postings.get(&t).into_iter().flatten() {
                if j > i {
                    *dots.entry(j).or_default() += w * v;
                }
            }
        }
        let ci = &codes.get(&i).unwrap_or(&empty).0;
        for (j, sim) in dots {
            let cj = &codes.get(&j).unwrap_or(&empty).0;
            if sim >= threshold && ci != cj {
                pairs.push((i, j, sim));
            }
        }
    }
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let side = |i: usize| {
        let p = &corpus.passages[i];
        Side {
            doc: p.doc.clone(),
            start: p.range.start,
            end: p.range.end,
            text: p.text.clone(),
            codes: codes.get(&i).unwrap_or(&empty).0.iter().cloned().collect(),
            codings: codes.get(&i).unwrap_or(&empty).1.clone(),
        }
    };
    pairs
        .into_iter()
        .map(|(i, j, similarity)| Pair {
            similarity,
            a: side(i),
            b: side(j),
        })
        .collect()
}

/// For each code with enough examples, each of the coder's codings scored by the model of
/// its code trained without that coding's passages; lowest first.
pub fn outliers(corpus: &Corpus, codings: &[Coding], opts: &TrainOptions) -> Vec<Outlier> {
    let used: BTreeSet<&str> = codings.iter().map(|c| c.code.as_str()).collect();
    let mut out = Vec::new();
    for code in used {
        let labels = Labels::of(corpus, codings, code);
        if labels.positives.len() <= MIN_POSITIVES {
            continue;
        }
        for c in codings.iter().filter(|c| c.code == code) {
            let mine: Vec<usize> = labels
                .positives
                .iter()
                .copied()
                .filter(|&i| {
                    let p = &corpus.passages[i];
                    p.doc == c.doc && coverage(&[c], &p.range) == Coverage::Covered
                })
                .collect();
            if mine.is_empty() {
                continue;
            }
            let train = labels.without(|i| mine.contains(&i));
            let model = CodeModel::train_unchecked(corpus, train, opts);
            let score =
                mine.iter().map(|&i| model.score(corpus, i)).sum::<f64>() / mine.len() as f64;
            out.push(Outlier {
                id: c.id.clone(),
                code: c.code.clone(),
                doc: c.doc.clone(),
                start: c.start,
                end: c.end,
                quote: c.anchor.quote.clone(),
                score,
            });
        }
    }
    out.sort_by(|a, b| a.score.total_cmp(&b.score).then(a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::corpus::{Unit, tests::corpus_of};
    use crate::suggest::labels::tests::coding;

    #[test]
    fn identical_wording_coded_differently_is_a_pair() {
        let text = "Je poste mes vidéos le soir après le travail.\n\nLe marché est petit.";
        let c = corpus_of(&[("A", text), ("B", text)], Unit::Sentence);
        let codings = vec![coding("A", "time", 0..45), coding("B", "content", 0..45)];
        let pairs = near_identical(&c, &codings, NEAR_IDENTICAL);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!(
            (pairs[0].a.doc.as_str(), pairs[0].b.doc.as_str()),
            ("A", "B")
        );
        assert_eq!(pairs[0].a.codes, vec!["time"]);
        assert_eq!(pairs[0].b.codes, vec!["content"]);
        assert_eq!(pairs[0].a.codings, vec![codings[0].id.clone()]);
        assert!((pairs[0].similarity - 1.0).abs() < 1e-9);
        // The same codes on both: consistent, no pair ("Le marché est petit." is too short).
        let same = vec![coding("A", "time", 0..45), coding("B", "time", 0..45)];
        assert!(near_identical(&c, &same, NEAR_IDENTICAL).is_empty());
    }
}
