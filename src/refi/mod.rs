//! REFI-QDA exchange: read and write `.qdpx` projects and `.qdc` codebooks so
//! that glose can exchange work with NVivo, ATLAS.ti, MAXQDA and QualCoder.
//!
//! The module works on its own neutral model ([`model`]); the study layer maps
//! to and from it. Reading is lenient (namespace variants, `Sources/` folders,
//! odd `.qde` names, braced or upper-case GUIDs, missing colours or dates) and
//! reports everything it tolerated or could not carry over as [`Warning`]s.
//! Selection offsets are converted from the exporter's convention (NVivo counts
//! UTF-16 code units, others code points) to code points of the normalised text.

pub mod model;
pub mod offsets;
mod parse;
pub mod read;
pub mod write;
mod xml;
mod xml_write;

/// The untrusted-archive reader, shared with the transcript importers.
pub use crate::safezip;

use std::path::PathBuf;

pub use model::{
    Case, Code, CodeRef, Codebook, Guid, Note, QdaProject, Rgb, Selection, Set, TextSource, User,
    Value, Variable, VariableType, VariableValue,
};
pub use offsets::OffsetUnit;
pub use read::{read_qdc, read_qdpx};
pub use write::{write_qdc, write_qdpx};

/// What a warning is about, so callers can group or filter them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// The file deviates from the spec in a way real tools do; it was accepted.
    Tolerated,
    /// Something in the file (or the model) cannot be carried over (spec §7).
    DataLoss,
    /// How selection offsets were interpreted (unit, BOM, line ends).
    Offsets,
    /// A selection does not fit its text; it was dropped, clamped or only flagged.
    Selection,
    /// A value is invalid and was ignored or replaced.
    InvalidValue,
}

/// A non-fatal problem met while reading or writing, for the user to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Category.
    pub kind: WarningKind,
    /// The element concerned (selection, source, code…), when there is one.
    pub guid: Option<Guid>,
    /// A human-readable explanation.
    pub message: String,
}

impl Warning {
    pub(crate) fn new(kind: WarningKind, guid: Option<&Guid>, message: impl Into<String>) -> Self {
        Warning {
            kind,
            guid: guid.cloned(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.guid {
            Some(g) => write!(f, "{:?} [{g}]: {}", self.kind, self.message),
            None => write!(f, "{:?}: {}", self.kind, self.message),
        }
    }
}

/// Fatal errors of REFI-QDA reading and writing.
#[derive(Debug, thiserror::Error)]
pub enum RefiError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The archive is unsafe or unreadable.
    #[error(transparent)]
    Zip(#[from] safezip::SafeZipError),
    /// A ZIP archive could not be written.
    #[error("{path}: cannot write the archive: {source}")]
    ZipWrite {
        /// The archive being written.
        path: PathBuf,
        /// The zip crate's error.
        source: zip::result::ZipError,
    },
    /// The `.qdpx` archive holds no `.qde` file at its root.
    #[error("{archive}: no .qde project file at the root of the archive")]
    NoQde {
        /// The archive.
        archive: PathBuf,
    },
    /// A file is not valid UTF-8.
    #[error("{file}: not valid UTF-8 (byte {offset}); refusing to guess the encoding")]
    Utf8 {
        /// The file (or `archive!entry`).
        file: String,
        /// First invalid byte.
        offset: usize,
    },
    /// The XML declares a DOCTYPE or entities; they are never expanded.
    #[error("{file}: the XML declares a DOCTYPE/ENTITY; refused (entities are never expanded)")]
    Doctype {
        /// The file (or `archive!entry`).
        file: String,
    },
    /// A text of the XML holds a character that hides or disguises content.
    #[error("{file}: {place} holds {what}; refused (remove it in the tool that wrote the file)")]
    Hidden {
        /// The file (or `archive!entry`).
        file: String,
        /// What was found.
        what: &'static str,
        /// Where (element, attribute, name).
        place: String,
    },
    /// The XML is malformed.
    #[error("{file}: malformed XML near byte {position}: {message}")]
    Xml {
        /// The file (or `archive!entry`).
        file: String,
        /// Byte position in the XML.
        position: u64,
        /// What the parser said.
        message: String,
    },
    /// The root element is not the expected one.
    #[error("{file}: root element is <{found}>, expected <{expected}>")]
    WrongRoot {
        /// The file.
        file: String,
        /// The root found.
        found: String,
        /// The root expected.
        expected: &'static str,
    },
    /// A file is larger than anything sensible of its kind.
    #[error("{path}: larger than {limit} bytes; refused")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit.
        limit: u64,
    },
    /// The model cannot be written (for example a codebook without codes).
    #[error("cannot write {path}: {reason}")]
    Unwritable {
        /// The target file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}
