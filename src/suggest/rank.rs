//! Suggestions: the passages a coder has not coded with a code, ranked by a model of that
//! coder's own codings of it, each with its reasons; and the coding an accepted one makes.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use super::SuggestError;
use super::corpus::{Corpus, Unit};
use super::eval::{CodeEval, EvalOptions, Verdict, evaluate_code};
use super::labels::{Coverage, Labels, coverage};
use super::model::{CodeModel, Explanation, MODEL_NAME, MODEL_VERSION};
use super::rejections::Rejections;
use crate::codebook::Codebook;
use crate::document::Document;
use crate::store::{CoderFile, Coding, Suggested, new_coding, now};

/// What is asked.
#[derive(Debug, Clone)]
pub struct SuggestRequest<'a> {
    /// The code.
    pub code: &'a str,
    /// One document, or the whole corpus.
    pub doc: Option<&'a str>,
    /// At most this many suggestions.
    pub limit: usize,
    /// Withhold suggestions for a code measured below the threshold (or not measurable).
    pub gate: bool,
    /// Training and measuring.
    pub opts: EvalOptions,
}

/// One suggested passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The document id.
    pub doc: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The passage.
    pub text: String,
    /// The model's probability that the coder would code it.
    pub score: f64,
    /// Why.
    #[serde(flatten)]
    pub why: Explanation,
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    /// The code.
    pub code: String,
    /// The coder whose codings trained the model.
    pub coder: String,
    /// The passages' unit.
    pub unit: Unit,
    /// The model's name.
    pub model: &'static str,
    /// Its version.
    pub version: u32,
    /// Positive passages trained on.
    pub positives: usize,
    /// Negative passages trained on.
    pub negatives: usize,
    /// The code's measured precision (when the gate was on).
    pub evaluation: Option<CodeEval>,
    /// Candidates left out because the coder rejected them before.
    pub rejected: usize,
    /// Best first.
    pub items: Vec<Suggestion>,
}

/// Ranks the passages `file`'s coder has not coded with `req.code`. Only `file` (one
/// coder's codings) is learned from.
pub fn suggest(
    codebook: &Codebook,
    corpus: &Corpus,
    file: &CoderFile,
    rejections: &Rejections,
    req: &SuggestRequest<'_>,
) -> Result<Suggestions, SuggestError> {
    suggest_for(
        codebook,
        corpus,
        &file.coder,
        &file.codings,
        rejections,
        req,
    )
}

/// [`suggest`] for one coder's `codings` (all of them, as their file has them: the TUI's
/// session mirror).
pub fn suggest_for(
    codebook: &Codebook,
    corpus: &Corpus,
    coder: &str,
    codings: &[Coding],
    rejections: &Rejections,
    req: &SuggestRequest<'_>,
) -> Result<Suggestions, SuggestError> {
    let code = codebook
        .get(req.code)
        .ok_or_else(|| SuggestError::UnknownCode {
            code: req.code.to_string(),
        })?;
    let range = passages_of(corpus, req.doc)?;
    let labels = Labels::of(corpus, codings, req.code);
    let model = CodeModel::train(corpus, labels, req.code, coder, &req.opts.train)?;
    let evaluation = if req.gate {
        // The gate needs the measures, not the learning curve.
        let opts = EvalOptions {
            curve: Vec::new(),
            ..req.opts.clone()
        };
        let eval = evaluate_code(corpus, code, coder, codings, &opts);
        if let Some(reason) = eval.verdict.reason() {
            return Err(SuggestError::Withheld {
                code: req.code.to_string(),
                reason,
            });
        }
        debug_assert_eq!(eval.verdict, Verdict::Suggest);
        Some(eval)
    } else {
        None
    };
    let (items, rejected) = rank(
        corpus, &model, codings, rejections, req.code, range, req.limit,
    );
    Ok(Suggestions {
        code: req.code.to_string(),
        coder: coder.to_string(),
        unit: corpus.unit,
        model: MODEL_NAME,
        version: MODEL_VERSION,
        positives: model.labels.positives.len(),
        negatives: model.labels.negatives.len(),
        evaluation,
        rejected,
        items,
    })
}

/// The passages of one document (checked to have words), or of the whole corpus.
fn passages_of(corpus: &Corpus, doc: Option<&str>) -> Result<Range<usize>, SuggestError> {
    let Some(doc) = doc else {
        return Ok(0..corpus.passages.len());
    };
    let r = corpus
        .by_doc
        .get(doc)
        .cloned()
        .ok_or_else(|| SuggestError::NotFound(format!("no document {doc:?} in the corpus")))?;
    if !r.clone().any(|i| !corpus.passages[i].vector.is_empty()) {
        return Err(SuggestError::EmptyDocument {
            doc: doc.to_string(),
            unit: corpus.unit.as_str(),
        });
    }
    Ok(r)
}

/// Ranks the passages of `range` (corpus indices) that the coder's `codings` leave
/// untouched by `code` and did not reject, by a trained `model`: the best `limit` with
/// their reasons, and how many were left out as rejected.
pub fn rank(
    corpus: &Corpus,
    model: &CodeModel,
    codings: &[Coding],
    rejections: &Rejections,
    code: &str,
    range: Range<usize>,
    limit: usize,
) -> (Vec<Suggestion>, usize) {
    let (candidates, rejected) = candidates(corpus, codings, rejections, code, range);
    let mut scored: Vec<(usize, f64)> = candidates
        .into_iter()
        .map(|i| (i, model.score(corpus, i)))
        .collect();
    // The best `limit` first (a total order: score, then corpus order), without sorting
    // every candidate of the corpus.
    let order = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if scored.len() > limit && limit > 0 {
        scored.select_nth_unstable_by(limit - 1, order);
    }
    scored.truncate(limit);
    scored.sort_by(order);
    let items = scored
        .into_iter()
        .map(|(i, score)| {
            let p = &corpus.passages[i];
            Suggestion {
                doc: p.doc.clone(),
                start: p.range.start,
                end: p.range.end,
                text: p.text.clone(),
                score,
                why: model.explain(corpus, i),
            }
        })
        .collect();
    (items, rejected)
}

/// The passages of `range` with words, untouched by the coder's codings of `code` and not
/// rejected; and how many were left out as rejected.
fn candidates(
    corpus: &Corpus,
    codings: &[Coding],
    rejections: &Rejections,
    code: &str,
    range: Range<usize>,
) -> (Vec<usize>, usize) {
    let mut out = Vec::new();
    let mut rejected = 0;
    let mut by_doc: HashMap<&str, Vec<&Coding>> = HashMap::new();
    for c in codings.iter().filter(|c| c.code == code) {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    for i in range {
        let p = &corpus.passages[i];
        let of_code = by_doc.get(p.doc.as_str()).map_or(&[][..], Vec::as_slice);
        if p.vector.is_empty() || coverage(of_code, &p.range) != Coverage::Untouched {
            continue;
        }
        if rejections.contains(code, &p.doc, &p.text) {
            rejected += 1;
            continue;
        }
        out.push(i);
    }
    (out, rejected)
}

/// The coding an accepted suggestion makes: a coding of `code` on `range` of `doc` by
/// `coder`, carrying the model's receipt.
pub fn accepted_coding(doc: &Document, code: &str, range: Range<usize>, coder: &str) -> Coding {
    let mut coding = new_coding(doc, code, range, None, coder);
    coding.suggested = Some(Box::new(Suggested {
        model: MODEL_NAME.to_string(),
        version: MODEL_VERSION,
        at: now(),
    }));
    coding
}
