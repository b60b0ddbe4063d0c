//! Exchange between a glose study and other tools: REFI-QDA projects (`.qdpx`) and
//! codebooks (`.qdc`) for NVivo, ATLAS.ti, MAXQDA and QualCoder, and transcripts from
//! Word, LibreOffice, subtitle and legacy text files.
//!
//! [`crate::refi`] reads and writes the REFI-QDA files on a neutral model; this module maps
//! a study onto that model ([`to_refi`]) and that model onto the files of a new study
//! ([`from_refi`]), merges codebooks ([`merge`]) and adds transcripts to a study
//! ([`transcripts`]). Everything that cannot be carried over is reported, never dropped
//! silently (REFI-QDA spec §7).

pub mod codes;
pub mod describe;
pub mod export;
pub mod from_refi;
pub mod ids;
pub mod merge;
pub mod new_study;
pub mod pseudonymise;
pub mod to_refi;
pub mod transcripts;

use std::path::PathBuf;

use serde::Serialize;

use crate::refi::{Warning, WarningKind};

/// Errors of the exchange commands.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The study could not be opened or a transcript read.
    #[error(transparent)]
    Study(#[from] crate::study::StudyError),
    /// A REFI-QDA file could not be read or written.
    #[error(transparent)]
    Refi(#[from] crate::refi::RefiError),
    /// A file could not be read or written.
    #[error(transparent)]
    Io(#[from] crate::fsutil::PathError),
    /// The codebook could not be saved.
    #[error(transparent)]
    Codebook(#[from] crate::codebook::CodebookError),
    /// `corpus/pseudonyms.csv` could not be read.
    #[error(transparent)]
    Pseudonyms(#[from] crate::export::ExportError),
    /// A transcript could not be converted.
    #[error(transparent)]
    Transcript(#[from] crate::transcript_import::ImportError),
    /// The folder of a new study already holds files.
    #[error("{dir}: the folder exists and is not empty; give a new folder for the imported study")]
    TargetNotEmpty {
        /// The folder.
        dir: PathBuf,
    },
    /// A transcript would replace a document of the study.
    #[error(
        "{file}: document id {id:?} is already used by {existing}; rename the file (the id \
         comes from its name) or remove the existing document first"
    )]
    DocumentExists {
        /// The file being imported.
        file: PathBuf,
        /// The id derived from its name.
        id: String,
        /// The existing transcript.
        existing: PathBuf,
    },
    /// Two files of one import would get the same id.
    #[error("{first} and {second} would both become document {id:?}; rename one of them")]
    DuplicateId {
        /// The id.
        id: String,
        /// The first file.
        first: PathBuf,
        /// The second file.
        second: PathBuf,
    },
    /// An imported transcript has no text.
    #[error("{file}: no text found; nothing to import")]
    EmptyTranscript {
        /// The file.
        file: PathBuf,
    },
    /// `--stage` names no stage of the codebook.
    #[error("stage {stage:?} is not a stage of the codebook (known: {known})")]
    UnknownStage {
        /// The value given.
        stage: String,
        /// The stage short names.
        known: String,
    },
}

/// One warning of a report, for people and for `--json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportWarning {
    /// `tolerated`, `data-loss`, `offsets`, `selection`, `invalid-value` or `pseudonym-leak`.
    pub kind: &'static str,
    /// The REFI-QDA element concerned, when there is one.
    pub guid: Option<String>,
    /// What happened.
    pub message: String,
}

impl From<&Warning> for ReportWarning {
    fn from(w: &Warning) -> Self {
        ReportWarning {
            kind: match w.kind {
                WarningKind::Tolerated => "tolerated",
                WarningKind::DataLoss => "data-loss",
                WarningKind::Offsets => "offsets",
                WarningKind::Selection => "selection",
                WarningKind::InvalidValue => "invalid-value",
            },
            guid: w.guid.as_ref().map(ToString::to_string),
            message: w.message.clone(),
        }
    }
}

impl std::fmt::Display for ReportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.guid {
            Some(g) => write!(f, "{} [{g}]: {}", self.kind, self.message),
            None => write!(f, "{}: {}", self.kind, self.message),
        }
    }
}

/// What an export or import carried over, and what it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The file written or read.
    pub file: PathBuf,
    /// Documents.
    pub documents: usize,
    /// Codes.
    pub codes: usize,
    /// Codings (code applications).
    pub codings: usize,
    /// Memos (notes).
    pub memos: usize,
    /// Cases (rows of `cases.csv`).
    pub cases: usize,
    /// The coders (users).
    pub coders: Vec<String>,
    /// Everything that was tolerated, adjusted or lost.
    pub warnings: Vec<ReportWarning>,
    /// Whether `corpus/pseudonyms.csv` was applied (exports).
    pub pseudonymised: bool,
    /// What target tools are known to drop from such a file (exports).
    pub known_drops: Vec<String>,
}

impl Report {
    /// Adds REFI-QDA warnings.
    pub fn warn_all(&mut self, warnings: &[Warning]) {
        self.warnings
            .extend(warnings.iter().map(ReportWarning::from));
    }
}

/// A warning about a glose object (no GUID).
pub(crate) fn warning(kind: WarningKind, message: impl Into<String>) -> Warning {
    Warning::new(kind, None, message)
}
