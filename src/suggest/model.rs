//! One code's model for one coder, and how it explains a score.

use serde::Serialize;

use super::corpus::Corpus;
use super::labels::Labels;
use super::logreg::{LogReg, TrainOptions};
use super::vector::{Packed, dot_dense};
use super::{MIN_POSITIVES, SuggestError};

/// The model's name, written in the receipt of an accepted suggestion.
pub const MODEL_NAME: &str = "tfidf-logreg";

/// The model's version: bumped when features or training change.
pub const MODEL_VERSION: u32 = 2;

/// How many words an explanation names.
pub const EXPLAIN_WORDS: usize = 3;

/// A trained model of one code, with the examples it learned from.
#[derive(Debug, Clone)]
pub struct CodeModel {
    /// The classifier.
    pub model: LogReg,
    /// The labels it was trained on.
    pub labels: Labels,
    /// The positives' vectors, packed in label order (for the nearest example).
    positives: Packed,
}

/// A coded passage the coder made, shown next to a suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// The document id.
    pub doc: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The passage's text.
    pub quote: String,
    /// Cosine similarity to the suggestion.
    pub similarity: f64,
}

/// Why a passage scores as it does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The words of the passage that weigh most towards the code, as written.
    pub words: Vec<String>,
    /// The most similar passage the coder coded with the code.
    pub nearest: Option<Example>,
}

impl CodeModel {
    /// Trains on `labels`; too few positives is an error naming what is missing.
    pub fn train(
        corpus: &Corpus,
        labels: Labels,
        code: &str,
        coder: &str,
        opts: &TrainOptions,
    ) -> Result<Self, SuggestError> {
        if labels.positives.len() < MIN_POSITIVES {
            return Err(SuggestError::TooFewExamples {
                code: code.to_string(),
                coder: coder.to_string(),
                found: labels.positives.len(),
                needed: MIN_POSITIVES,
                unit: corpus.unit.as_str(),
            });
        }
        Ok(Self::train_unchecked(corpus, labels, opts))
    }

    /// Trains on `labels` whatever their number (the learning curve and folds check it).
    pub fn train_unchecked(corpus: &Corpus, labels: Labels, opts: &TrainOptions) -> Self {
        let examples: Vec<_> = labels
            .positives
            .iter()
            .map(|&i| (&corpus.passages[i].vector, true))
            .chain(
                labels
                    .negatives
                    .iter()
                    .map(|&i| (&corpus.passages[i].vector, false)),
            )
            .collect();
        let model = LogReg::train(&examples, corpus.dim(), opts);
        let positives = Packed::of(labels.positives.iter().map(|&i| &corpus.passages[i].vector));
        Self {
            model,
            labels,
            positives,
        }
    }

    /// The probability the model gives passage `i`.
    pub fn score(&self, corpus: &Corpus, i: usize) -> f64 {
        self.model.probability(&corpus.passages[i].vector)
    }

    /// Why passage `i` scores as it does: its heaviest words and the nearest positive.
    pub fn explain(&self, corpus: &Corpus, i: usize) -> Explanation {
        let p = &corpus.passages[i];
        let top: Vec<u32> = self
            .model
            .top_terms(&p.vector, EXPLAIN_WORDS)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        let dense = p.vector.to_dense(corpus.dim());
        let nearest = self
            .labels
            .positives
            .iter()
            .enumerate()
            .filter(|&(_, &j)| j != i)
            .map(|(k, &j)| (j, dot_dense(self.positives.get(k), &dense)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(j, sim)| {
                let q = &corpus.passages[j];
                Example {
                    doc: q.doc.clone(),
                    start: q.range.start,
                    end: q.range.end,
                    quote: q.text.clone(),
                    similarity: sim,
                }
            });
        Explanation {
            words: corpus.surface_words(p, &top),
            nearest,
        }
    }
}
