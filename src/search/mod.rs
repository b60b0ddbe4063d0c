//! Full-text search over the transcripts: an incremental tantivy index of passages in
//! `<study>/.glose/index/` and a small query language.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use glose::search::{Index, SearchOptions, parse_query};
//! let study = glose::study::Study::open(std::path::Path::new("."))?;
//! let index = Index::open_or_build(&study, |_progress| {})?;
//! let query = parse_query("\"bouche à oreille\" stage:growth")?;
//! for hit in index.search(&study, &query, &SearchOptions::default(), &[])? {
//!     println!("{} {:?} {}", hit.doc, hit.range, hit.text);
//! }
//! # Ok(()) }
//! ```
//!
//! The index is derived data: it is brought up to date before every search, incrementally
//! by content hash, and rebuilt when it is missing, damaged or from another glose version.

mod analysis;
mod compile;
mod highlight;
mod index;
mod manifest;
mod passages;
mod query;
mod schema;
mod searcher;

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

pub use analysis::{
    Lang, TermAnalyser, Tok, document_lang, filter_words, unstemmed_documents, unstemmed_warning,
};
pub use index::{Index, index_dir};
pub use passages::{
    GROUP_TARGET_CHARS, INDEXED_UNIT, Passage, describe_indexed_unit, passages, passages_in,
};
pub use query::{Node, Query, QueryError, parse_query};
pub use schema::SCHEMA_VERSION;

use crate::document::Role;

/// A coding as the search needs it: which code, by whom, on which char range of which
/// document. The coding store passes a slice of these to [`Index::search`], which applies
/// `code:`, `coder:` and `uncoded` at query time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodedSpan {
    /// The document id.
    pub doc: String,
    /// The code id (`practice.community.cocreation`).
    pub code: String,
    /// The coder's name.
    pub coder: String,
    /// Start char offset in the document's normalised body.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
}

impl From<&crate::store::Coding> for CodedSpan {
    fn from(c: &crate::store::Coding) -> Self {
        Self {
            doc: c.doc.clone(),
            code: c.code.clone(),
            coder: c.coder.clone(),
            start: c.start,
            end: c.end,
        }
    }
}

/// Every coder's codings as of now, read from the coder files (no lock needed), for the
/// `code:`, `coder:` and `uncoded` filters: a coding saved a second ago is found.
pub fn coded_spans(study: &crate::study::Study) -> Vec<CodedSpan> {
    crate::store::load_all(study)
        .codings
        .iter()
        .map(CodedSpan::from)
        .collect()
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Best BM25 score first.
    #[default]
    Score,
    /// By document id, then position in the document.
    Document,
}

/// Options of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// At most this many hits.
    pub limit: usize,
    /// The order of hits.
    pub order: Order,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            limit: 50,
            order: Order::Score,
        }
    }
}

/// One matching passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document id.
    pub doc: String,
    /// The passage's char range in the document's normalised body.
    pub range: Range<usize>,
    /// The speaker's label, empty before the first label.
    pub speaker: String,
    /// The speaker's role.
    pub role: Role,
    /// 0-based turn index, `None` outside any turn.
    pub turn: Option<usize>,
    /// The passage text.
    pub text: String,
    /// BM25 score (0 for a query of filters only).
    pub score: f32,
    /// Char ranges, in the document's normalised body, of the matched words (a phrase is
    /// one range from its first to its last word), sorted.
    pub matches: Vec<Range<usize>>,
}

/// A step of building or updating the index, for progress bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// What is being done.
    pub phase: Phase,
    /// Items done in this phase.
    pub done: usize,
    /// Items in this phase.
    pub total: usize,
}

/// The phases of an index update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading transcripts and comparing their hashes to the manifest.
    Scanning,
    /// Cutting and adding the passages of changed documents.
    Indexing,
    /// Writing the index to disk.
    Committing,
}

/// What an index update did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    /// Documents indexed for the first time.
    pub added: usize,
    /// Documents whose text or attributes changed.
    pub updated: usize,
    /// Documents no longer in the corpus.
    pub removed: usize,
    /// Documents left as they were.
    pub unchanged: usize,
    /// Transcripts read and hashed (the others were known unchanged by their size and
    /// modification time, without reading them).
    pub read: usize,
    /// Passages now in the index.
    pub passages: usize,
    /// Passages written by this update.
    pub passages_written: usize,
    /// Whether the index was rebuilt from scratch, and why.
    pub rebuilt: Option<String>,
    /// Transcripts that could not be read (and are left out), with the reason.
    pub skipped: Vec<String>,
    /// Wall time of the update in milliseconds.
    pub millis: u64,
    /// Whether another glose was updating the index, so that this is the last index it
    /// completed (the changes it is indexing are not in it yet).
    pub stale: bool,
}

/// Errors of indexing and searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query is malformed or names an unknown filter, code or document.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A file of the index could not be read or written.
    #[error(transparent)]
    Io(#[from] crate::fsutil::PathError),
    /// Another glose is updating the index.
    #[error(
        "{path}: the search index is being updated by another glose ({holder}); \
         wait for it to finish and try again"
    )]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it.
        holder: String,
    },
    /// tantivy failed on the index.
    #[error("{path}: search index error: {source}")]
    Tantivy {
        /// The index folder.
        path: PathBuf,
        /// The underlying error.
        source: tantivy::TantivyError,
    },
}
