//! `glose suggest eval`: how often the suggestions are right, measured on the study.
//!
//! Leave one interview out, per code and coder: for each interview the coder coded that
//! holds a positive, train on the coder's other interviews, rank the held-out interview's
//! passages and compare with the coder's own codings there (partly covered passages are
//! left out, as in training). Measures per fold ([`super::metrics`]): precision at 10,
//! recall at R (R = the held-out interview's positives; equal to precision at R) and
//! average precision, averaged over folds. Baselines in the same folds: keyword (cosine
//! with the code's labels, both languages), TF-IDF centroid of the training positives
//! (NVivo's documented pattern-based autocoding), and a seeded random order. The learning
//! curve trains on 5, 10, 20 and 50 positives drawn (seeded) from each fold's training set.
//! Ties rank in document order. The IDF is the corpus's (text only, no coding).

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::corpus::Corpus;
use super::labels::Labels;
use super::logreg::TrainOptions;
use super::metrics::{average_precision, mean, precision_at, recall_at_r};
use super::model::CodeModel;
use super::vector::{SparseVec, centroid};
use super::{DEFAULT_MIN_PRECISION, MIN_POSITIVES};
use crate::codebook::Code;
use crate::store::{CoderFile, Coding};

/// How the evaluation runs.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalOptions {
    /// How each model is trained (its seed also seeds the baselines and the curve).
    pub train: TrainOptions,
    /// Recall at R below which a code gets no suggestions.
    pub min_precision: f64,
    /// Numbers of training positives of the learning curve.
    pub curve: Vec<usize>,
}

impl Default for EvalOptions {
    fn default() -> Self {
        Self {
            train: TrainOptions::default(),
            min_precision: DEFAULT_MIN_PRECISION,
            curve: vec![5, 10, 20, 50],
        }
    }
}

/// The measures of one method, averaged over folds (`None`: no fold measured).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Precision in the first 10 passages.
    pub precision_at_10: Option<f64>,
    /// Recall in the first R passages (= precision at R).
    pub recall_at_r: Option<f64>,
    /// Average precision.
    pub average_precision: Option<f64>,
}

/// The model and its baselines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Methods {
    /// The coder's model.
    pub model: Scores,
    /// Keyword search on the code's labels.
    pub keyword: Scores,
    /// TF-IDF centroid of the positives.
    pub centroid: Scores,
    /// Random order (seeded).
    pub random: Scores,
}

/// One point of the learning curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Training positives.
    pub examples: usize,
    /// Mean average precision over the folds that had that many.
    pub average_precision: Option<f64>,
    /// Folds measured.
    pub folds: usize,
}

/// Whether a code gets suggestions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Measured at or above the threshold.
    Suggest,
    /// Measured below the threshold.
    BelowThreshold {
        /// Measured recall at R.
        precision: f64,
        /// The threshold.
        threshold: f64,
    },
    /// Could not be measured.
    NotMeasured {
        /// What is missing.
        reason: String,
    },
}

impl Verdict {
    /// Why the code gets no suggestions (`None` when it gets them).
    pub fn reason(&self) -> Option<String> {
        match self {
            Verdict::Suggest => None,
            Verdict::BelowThreshold {
                precision,
                threshold,
            } => Some(format!(
                "measured precision at R {precision:.2} is below the threshold {threshold:.2} \
                 (suggest_min_precision in glose.toml; see `glose suggest eval`)"
            )),
            Verdict::NotMeasured { reason } => {
                Some(format!("precision cannot be measured: {reason}"))
            }
        }
    }
}

/// The evaluation of one code for one coder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeEval {
    /// The coder.
    pub coder: String,
    /// The code id.
    pub code: String,
    /// Positive passages.
    pub positives: usize,
    /// Interviews holding a positive.
    pub interviews: usize,
    /// Folds measured (held-out interviews).
    pub folds: usize,
    /// The measures.
    pub scores: Methods,
    /// The learning curve.
    pub curve: Vec<CurvePoint>,
    /// Whether it gets suggestions.
    #[serde(flatten)]
    pub verdict: Verdict,
}

#[derive(Default)]
struct FoldScores {
    p10: Vec<Option<f64>>,
    rr: Vec<Option<f64>>,
    ap: Vec<Option<f64>>,
}

impl FoldScores {
    fn push(&mut self, ranking: &[bool], relevant: usize) {
        self.p10.push(precision_at(ranking, 10));
        self.rr.push(recall_at_r(ranking, relevant));
        self.ap.push(average_precision(ranking, relevant));
    }

    fn mean(&self) -> Scores {
        Scores {
            precision_at_10: mean(self.p10.iter().copied()),
            recall_at_r: mean(self.rr.iter().copied()),
            average_precision: mean(self.ap.iter().copied()),
        }
    }
}

/// The relevance, in rank order, of `candidates` sorted by `score` (highest first; ties
/// in corpus order).
fn ranking(candidates: &[usize], positive: &[bool], score: impl Fn(usize) -> f64) -> Vec<bool> {
    let mut scored: Vec<(usize, f64, bool)> = candidates
        .iter()
        .zip(positive)
        .map(|(&i, &p)| (i, score(i), p))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|s| s.2).collect()
}

fn rng(seed: u64, fold: usize, salt: usize) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(
        seed ^ ((fold as u64) << 32) ^ (salt as u64).wrapping_mul(0x9E37_79B9),
    )
}

#[derive(Default)]
struct Accumulated {
    model: FoldScores,
    keyword: FoldScores,
    centroid: FoldScores,
    random: FoldScores,
    curve: Vec<Vec<Option<f64>>>,
}

/// One held-out interview: its candidate passages and which are positive.
struct Fold<'a> {
    index: usize,
    held: &'a str,
    train: Labels,
    candidates: Vec<usize>,
    positive: Vec<bool>,
}

impl Fold<'_> {
    fn relevant(&self) -> usize {
        self.positive.iter().filter(|&&p| p).count()
    }

    fn rank(&self, score: impl Fn(usize) -> f64) -> Vec<bool> {
        ranking(&self.candidates, &self.positive, score)
    }
}

fn measure_fold(
    corpus: &Corpus,
    code: &Code,
    fold: &Fold<'_>,
    opts: &EvalOptions,
    acc: &mut Accumulated,
) {
    let relevant = fold.relevant();
    let vec = |i: usize| &corpus.passages[i].vector;
    let trained = CodeModel::train_unchecked(corpus, fold.train.clone(), &opts.train);
    acc.model
        .push(&fold.rank(|i| trained.score(corpus, i)), relevant);

    let label_vec = corpus.vectorize(fold.held, &format!("{} {}", code.label_fr, code.label_en));
    acc.keyword
        .push(&fold.rank(|i| label_vec.dot(vec(i))), relevant);

    let center: SparseVec = centroid(fold.train.positives.iter().map(|&i| vec(i)));
    acc.centroid
        .push(&fold.rank(|i| center.dot(vec(i))), relevant);

    let mut shuffled = fold.positive.clone();
    shuffled.shuffle(&mut rng(opts.train.seed, fold.index, 0));
    acc.random.push(&shuffled, relevant);

    for (k, (&n, points)) in opts.curve.iter().zip(acc.curve.iter_mut()).enumerate() {
        if fold.train.positives.len() < n {
            continue;
        }
        let mut subset = fold.train.clone();
        subset
            .positives
            .shuffle(&mut rng(opts.train.seed, fold.index, k + 1));
        subset.positives.truncate(n);
        subset.positives.sort_unstable();
        let m = CodeModel::train_unchecked(corpus, subset, &opts.train);
        points.push(average_precision(
            &fold.rank(|i| m.score(corpus, i)),
            relevant,
        ));
    }
}

/// Evaluates `code` for the coder whose codings are `codings`.
pub fn evaluate_code(
    corpus: &Corpus,
    code: &Code,
    coder: &str,
    codings: &[Coding],
    opts: &EvalOptions,
) -> CodeEval {
    let labels = Labels::of(corpus, codings, &code.id);
    let docs = labels.positive_docs(corpus);
    let doc_of = |i: usize| corpus.passages[i].doc.as_str();
    let mut acc = Accumulated {
        curve: vec![Vec::new(); opts.curve.len()],
        ..Accumulated::default()
    };
    let mut folds = 0usize;
    for (index, held) in docs.iter().enumerate() {
        let train = labels.without(|i| doc_of(i) == *held);
        if train.positives.len() < MIN_POSITIVES {
            continue;
        }
        folds += 1;
        let mut candidates: Vec<usize> = labels
            .positives
            .iter()
            .chain(&labels.negatives)
            .copied()
            .filter(|&i| doc_of(i) == *held)
            .collect();
        candidates.sort_unstable();
        let positive = candidates
            .iter()
            .map(|i| labels.positives.contains(i))
            .collect();
        let fold = Fold {
            index,
            held,
            train,
            candidates,
            positive,
        };
        measure_fold(corpus, code, &fold, opts, &mut acc);
    }
    let scores = Methods {
        model: acc.model.mean(),
        keyword: acc.keyword.mean(),
        centroid: acc.centroid.mean(),
        random: acc.random.mean(),
    };
    let verdict = verdict(
        &labels,
        docs.len(),
        folds,
        &scores,
        opts,
        corpus.unit.as_str(),
    );
    CodeEval {
        coder: coder.to_string(),
        code: code.id.clone(),
        positives: labels.positives.len(),
        interviews: docs.len(),
        folds,
        scores,
        curve: opts
            .curve
            .iter()
            .zip(&acc.curve)
            .map(|(&examples, points)| CurvePoint {
                examples,
                average_precision: mean(points.iter().copied()),
                folds: points.len(),
            })
            .collect(),
        verdict,
    }
}

fn verdict(
    labels: &Labels,
    interviews: usize,
    folds: usize,
    scores: &Methods,
    opts: &EvalOptions,
    unit: &str,
) -> Verdict {
    let reason = if labels.positives.len() <= MIN_POSITIVES {
        format!(
            "{} coded {unit}(s); more than {MIN_POSITIVES} are needed to train without one interview",
            labels.positives.len()
        )
    } else if interviews < 2 {
        format!("the codings are in {interviews} interview(s); leave-one-interview-out needs 2")
    } else {
        format!("no interview can be held out leaving {MIN_POSITIVES} coded {unit}s to train on")
    };
    match scores.model.recall_at_r {
        Some(p) if folds > 0 && p >= opts.min_precision => Verdict::Suggest,
        Some(p) if folds > 0 => Verdict::BelowThreshold {
            precision: p,
            threshold: opts.min_precision,
        },
        _ => Verdict::NotMeasured { reason },
    }
}

/// Evaluates every code each coder used (codebook order), or only `code`.
pub fn evaluate(
    corpus: &Corpus,
    codebook: &crate::codebook::Codebook,
    coders: &[CoderFile],
    code: Option<&str>,
    opts: &EvalOptions,
) -> Vec<CodeEval> {
    let mut out = Vec::new();
    for file in coders {
        for c in codebook.tree_order() {
            if code.is_some_and(|x| x != c.id) || !file.codings.iter().any(|k| k.code == c.id) {
                continue;
            }
            out.push(evaluate_code(corpus, c, &file.coder, &file.codings, opts));
        }
    }
    out
}

/// The macro average of each method's measures over the evaluations that have them.
pub fn macro_average(evals: &[CodeEval]) -> Methods {
    let avg = |f: &dyn Fn(&Methods) -> Scores| Scores {
        precision_at_10: mean(evals.iter().map(|e| f(&e.scores).precision_at_10)),
        recall_at_r: mean(evals.iter().map(|e| f(&e.scores).recall_at_r)),
        average_precision: mean(evals.iter().map(|e| f(&e.scores).average_precision)),
    };
    Methods {
        model: avg(&|m| m.model),
        keyword: avg(&|m| m.keyword),
        centroid: avg(&|m| m.centroid),
        random: avg(&|m| m.random),
    }
}
