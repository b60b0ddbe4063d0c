//! Offline assistants learned from one coder's own codings (issue #21): suggestions of
//! passages to code, their measured precision, similar passages and consistency checks.
//!
//! Everything runs on the machine, from the study's files only, deterministically for a
//! seed. The features are the index's own analysed terms (folded, stemmed) weighted TF-IDF
//! ([`corpus`]); the model is a small logistic regression ([`logreg`]). Training reads the
//! one coder's file it is given ([`load_coder`]) and never another's.

pub mod cache;
pub mod consistency;
pub mod corpus;
pub mod eval;
pub mod labels;
pub mod logreg;
pub mod metrics;
pub mod model;
pub mod postings;
pub mod rank;
pub mod rejections;
pub mod similar;
pub mod vector;

use std::path::PathBuf;

pub use corpus::{Corpus, Passage, Unit};
pub use eval::{CodeEval, EvalOptions, Verdict, evaluate, evaluate_code};
pub use labels::Labels;
pub use model::{CodeModel, Example, Explanation, MODEL_NAME, MODEL_VERSION};
pub use rank::{
    SuggestRequest, Suggestion, Suggestions, accepted_coding, rank, suggest, suggest_for,
};
pub use rejections::Rejections;
pub use similar::{SimilarFilter, SimilarPassage, similar};

use crate::store::{CoderFile, coder_path};
use crate::study::{Study, StudyError};

/// The precision at R below which a code gets no suggestions, when `glose.toml` does not
/// set `suggest_min_precision`.
pub const DEFAULT_MIN_PRECISION: f64 = 0.2;

/// The fewest positive passages a model is trained on.
pub const MIN_POSITIVES: usize = 5;

/// Why an assistant cannot answer.
#[derive(Debug, thiserror::Error)]
pub enum SuggestError {
    /// The study could not be read.
    #[error(transparent)]
    Study(#[from] StudyError),
    /// A coder file or the rejections file could not be read or written.
    #[error(transparent)]
    Io(#[from] crate::fsutil::PathError),
    /// The coder has no file, or no coding in it.
    #[error("{path}: coder {coder:?} has no codings yet: code some passages first")]
    NoCodings {
        /// The coder.
        coder: String,
        /// Their coder file.
        path: PathBuf,
    },
    /// The code is not in the codebook.
    #[error("code {code:?} is not in the codebook (see `glose codebook`)")]
    UnknownCode {
        /// The code asked for.
        code: String,
    },
    /// Too few coded passages to learn from.
    #[error(
        "code {code:?}: coder {coder:?} coded {found} {unit}(s) with it, {needed} are \
         needed to learn from (code more passages, or try --unit turn)"
    )]
    TooFewExamples {
        /// The code.
        code: String,
        /// The coder.
        coder: String,
        /// Positive passages found.
        found: usize,
        /// Positive passages needed.
        needed: usize,
        /// The unit counted.
        unit: &'static str,
    },
    /// The document has no passage with words.
    #[error("document {doc:?} has no {unit} with words: nothing to rank")]
    EmptyDocument {
        /// The document id.
        doc: String,
        /// The unit.
        unit: &'static str,
    },
    /// The code's measured precision is too low (or cannot be measured).
    #[error("code {code:?}: no suggestions: {reason}")]
    Withheld {
        /// The code.
        code: String,
        /// Why, with the measured figure.
        reason: String,
    },
    /// The rejections file has a line glose cannot read.
    #[error("{path}:{line}: {message}")]
    Rejections {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A passage or coding asked for does not exist.
    #[error("{0}")]
    NotFound(String),
}

/// Reads one coder's codings, and nothing else: the only way the assistants read codings
/// for training.
pub fn load_coder(study: &Study, coder: &str) -> Result<CoderFile, SuggestError> {
    let path = coder_path(&study.codings_dir(), coder);
    if !path.is_file() {
        return Err(SuggestError::NoCodings {
            coder: coder.to_string(),
            path: study.rel(&path),
        });
    }
    let loaded = CoderFile::load(&path, coder)?;
    if loaded.file.codings.is_empty() {
        return Err(SuggestError::NoCodings {
            coder: coder.to_string(),
            path: study.rel(&path),
        });
    }
    Ok(loaded.file)
}

/// The precision threshold in force for `study`.
pub fn min_precision(study: &Study) -> f64 {
    study
        .config
        .suggest_min_precision
        .unwrap_or(DEFAULT_MIN_PRECISION)
}
