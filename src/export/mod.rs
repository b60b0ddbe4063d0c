//! Exports of coded segments, matrices and the HTML report.
//!
//! Everything here is pure: it takes a [`Study`](crate::study::Study) and the loaded
//! codings and returns bytes or strings; writing files and printing belong to the command
//! line. Every output is deterministic (same study, same bytes), so that exports can be
//! committed and diffed.

pub mod agreement;
mod consensus;
pub mod cooccurrence;
pub mod dims;
mod doc_records;
pub mod formats;
pub mod matrix;
pub mod methods;
mod order;
pub mod out_path;
pub mod pseudonyms;
pub mod report;
pub mod sanitize;
pub mod saturation;
pub mod segments;
mod selection;

use std::path::PathBuf;

pub use dims::{DimValue, Dimension, ValueRule};
pub use pseudonyms::{Leak, Pseudonyms};
pub use segments::{ExportOptions, SegmentRecord, SegmentSet, Selection, build_segments};

/// Errors of exports, matrices and reports.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// `--by`, `--rows` or `--cols` names nothing known.
    #[error(
        "{name:?} is neither a code group nor a case attribute{}; known: {known}",
        suggest(.suggestions)
    )]
    UnknownDimension {
        /// What was asked for.
        name: String,
        /// Close names.
        suggestions: Vec<String>,
        /// The known groups and attributes, comma-separated.
        known: String,
    },
    /// A coder named in `--coders` has no coder file.
    #[error("no coder {name:?} in the codings folder; coders: {known}")]
    UnknownCoder {
        /// The name asked for.
        name: String,
        /// The coders found, comma-separated.
        known: String,
    },
    /// A code named in `--codes` is not in the codebook.
    #[error("no code {id:?} in the codebook{}", suggest(.suggestions))]
    UnknownCode {
        /// The id asked for.
        id: String,
        /// Close ids.
        suggestions: Vec<String>,
    },
    /// A document named in `--docs` is not in the corpus.
    #[error(transparent)]
    UnknownDocument(crate::study::StudyError),
    /// `--consensus` cannot choose its coders (unknown, `consensus`, fewer than two…).
    #[error("--consensus: {0}")]
    Consensus(String),
    /// The study is unsound in a way that would make the answer wrong (a cycle in the
    /// codebook, a coder file that cannot be read).
    #[error("{0}: fix it (see `glose check`) before exporting")]
    Unsound(String),
    /// `pseudonyms.csv` cannot be read.
    #[error("{path}:{line}: {message}")]
    Pseudonyms {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Writing CSV into memory failed (only on broken records).
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The XLSX writer refused something.
    #[error("cannot write XLSX ({context}): {message}")]
    Xlsx {
        /// What was being written (sheet, cell).
        context: String,
        /// What rust_xlsxwriter said.
        message: String,
    },
    /// JSON serialisation failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", s.join(", "))
    }
}
