//! The coding store: codings and memos, one JSON-lines file per coder.
//!
//! Each coder owns `codings/<coder>.jsonl`; lines are sorted so that a change is a small
//! git diff and two coders never touch the same file. Writes are atomic and durable, a
//! writer holds an advisory lock, and a file glose cannot parse is never overwritten.

mod all;
mod anchor;
mod append;
mod cache;
mod fast_line;
mod file;
mod files_check;
mod journal;
mod lock;
mod ops;
pub mod orphans;
mod others;
mod quote;
mod writer;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use all::{AllCodings, cache_dir, coder_files, load_all, load_all_on_doc, load_all_spans};
pub use anchor::{Placement, Relocation, Relocator, make_anchor};
pub use file::{CoderFile, FileProblem, LoadedFile, ProblemKind};
pub(crate) use files_check::CoderFilesCheck;
pub use ops::{Edit, EditSummary, History, Op, OpSummary};
pub use others::{Others, other_coders};
pub use quote::find_quote;
pub use writer::{CoderStore, StoreError};

/// What a coding remembers of its text, so it can be found again after the transcript is
/// edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The exact coded text.
    pub quote: String,
    /// Up to 32 characters before the span.
    pub prefix: String,
    /// Up to 32 characters after the span.
    pub suffix: String,
    /// Hash of the document text the coding was made on.
    pub doc_hash: String,
}

/// One code applied to one span of one document by one coder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coding {
    /// Stable id (UUID v7: sorts by creation time).
    pub id: String,
    /// The document id.
    pub doc: String,
    /// The code id.
    pub code: String,
    /// Start, in chars of the normalised body.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The coder's memo on this coding.
    #[serde(default)]
    pub memo: Option<String>,
    /// When it was made (RFC 3339, UTC).
    pub created: jiff::Timestamp,
    /// When it last changed.
    pub modified: jiff::Timestamp,
    /// How to find the span again after an edit.
    pub anchor: Anchor,
    /// The selection's name in the tool it was imported from (QualCoder writes
    /// `line:N`), written back on export; absent for codings made in glose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_name: Option<String>,
    /// Set when the coding was accepted from a machine suggestion (`glose suggest`):
    /// which model proposed it and when; absent for codings made by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Box<Suggested>>,
    /// The coder (the file's name; not stored in the line).
    #[serde(skip)]
    pub coder: String,
}

/// Whether a reader wants the texts of each coding's anchor (quote, prefix, suffix).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AnchorTexts {
    /// Every field of every coding, as in the file.
    #[default]
    Read,
    /// Quote, prefix and suffix may be left empty (they are when the parsed cache is
    /// fresh): for readers that count and place codings (matrices, segment exports) and
    /// never show, check or write an anchor. A quarter to a third of the load at 300,000
    /// codings.
    Skip,
}

impl Coding {
    /// The span as a range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Whether this coding overlaps `[start, end)`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    /// The sort key of coder files: (document, start, end, code, id).
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (&self.doc, self.start, self.end, &self.code, &self.id)
    }
}

/// The receipt of a coding accepted from a suggestion, so agreement can be reported with
/// and without machine-assisted codings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggested {
    /// The model that proposed it (`tfidf-logreg`).
    pub model: String,
    /// The model's version.
    pub version: u32,
    /// When the suggestion was accepted.
    pub at: jiff::Timestamp,
}

/// What a memo is attached to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemoTarget {
    /// A document.
    Doc(String),
    /// A code.
    Code(String),
}

/// A memo on a document or a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memo {
    /// Stable id.
    pub id: String,
    /// What it is about.
    pub target: MemoTarget,
    /// The text (multi-line).
    pub text: String,
    /// When it was made.
    pub created: jiff::Timestamp,
    /// When it last changed.
    pub modified: jiff::Timestamp,
}

/// A new stable id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time, to the second (keeps files short and diffs calm).
pub fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second()).unwrap_or(now)
}

/// Whether a coder name is valid: letters, digits, `-` and `_`, 1 to 64 characters.
pub fn valid_coder_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Where the coder's name came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoderSource {
    /// `--coder`.
    Flag,
    /// `GLOSE_CODER`.
    Env,
    /// `glose.toml`.
    Config,
    /// The system user name.
    User,
}

/// Errors choosing the coder.
#[derive(Debug, thiserror::Error)]
pub enum CoderError {
    /// The name has characters glose does not accept.
    #[error(
        "coder name {name:?} (from {from}) is not valid: use letters, digits, '-' or '_' \
         (it names the file codings/<coder>.jsonl)"
    )]
    Invalid {
        /// The name.
        name: String,
        /// Where it came from.
        from: &'static str,
    },
    /// No name anywhere.
    #[error("no coder: give --coder NAME, set GLOSE_CODER, or add `coder = \"…\"` to glose.toml")]
    Missing,
}

/// Chooses the coder: `--coder`, else `GLOSE_CODER`, else `glose.toml`, else the system
/// user name.
pub fn resolve_coder(
    flag: Option<&str>,
    env: Option<&str>,
    config: Option<&str>,
    user: Option<&str>,
) -> Result<(String, CoderSource), CoderError> {
    let candidates = [
        (flag, CoderSource::Flag, "--coder"),
        (env, CoderSource::Env, "GLOSE_CODER"),
        (config, CoderSource::Config, "glose.toml"),
        (user, CoderSource::User, "the system user name"),
    ];
    for (value, source, from) in candidates {
        if let Some(name) = value.map(str::trim).filter(|v| !v.is_empty()) {
            if !valid_coder_name(name) {
                return Err(CoderError::Invalid {
                    name: name.to_string(),
                    from,
                });
            }
            return Ok((name.to_string(), source));
        }
    }
    Err(CoderError::Missing)
}

/// The coder file of `coder` in a codings folder.
pub fn coder_path(codings_dir: &std::path::Path, coder: &str) -> PathBuf {
    codings_dir.join(format!("{coder}.jsonl"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coder_resolution_order_and_validation() {
        let r = resolve_coder(None, Some("env-coder"), Some("cfg"), Some("user"));
        assert_eq!(r.unwrap(), ("env-coder".to_string(), CoderSource::Env));
        let r = resolve_coder(Some("flag_1"), Some("env"), None, None);
        assert_eq!(r.unwrap().1, CoderSource::Flag);
        let r = resolve_coder(None, None, None, Some("marie"));
        assert_eq!(r.unwrap().1, CoderSource::User);
        assert!(matches!(
            resolve_coder(Some("a/b"), None, None, None),
            Err(CoderError::Invalid { .. })
        ));
        assert!(matches!(
            resolve_coder(None, None, None, None),
            Err(CoderError::Missing)
        ));
        assert!(valid_coder_name("Émilie_2"));
        assert!(!valid_coder_name("../x"));
    }
}

/// A new coding of `code` on `range` of `doc`, anchored to the current text.
pub fn new_coding(
    doc: &crate::document::Document,
    code: &str,
    range: std::ops::Range<usize>,
    memo: Option<String>,
    coder: &str,
) -> Coding {
    let now = now();
    Coding {
        id: new_id(),
        doc: doc.id.clone(),
        code: code.to_string(),
        start: range.start,
        end: range.end,
        memo,
        created: now,
        modified: now,
        anchor: make_anchor(doc, range),
        selection_name: None,
        suggested: None,
        coder: coder.to_string(),
    }
}

/// Counts of a re-anchoring pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReanchorCounts {
    /// Codings on unchanged text.
    pub unchanged: usize,
    /// Same text, same place (document edited elsewhere).
    pub exact: usize,
    /// Same text, elsewhere.
    pub moved: usize,
    /// Similar text found.
    pub fuzzy: usize,
    /// Not found; kept for the coder to place again.
    pub orphaned: usize,
}

/// The operations that re-anchor a coder's codings to the current transcripts, and their
/// counts. Orphaned codings get no operation: they stay as they are.
pub fn reanchor_ops(
    study: &Study,
    file: &CoderFile,
) -> (Vec<Op>, ReanchorCounts, Vec<(Coding, Relocation)>) {
    let mut ops = Vec::new();
    let mut counts = ReanchorCounts::default();
    let mut details = Vec::new();
    orphans::scan(study, &file.codings, |doc, scan| {
        counts.unchanged += scan.unchanged;
        for (c, r) in scan.stale {
            match (&r.placement, &r.range) {
                (Placement::Orphaned, _) | (_, None) => counts.orphaned += 1,
                (placement, Some(range)) => {
                    match placement {
                        Placement::Exact => counts.exact += 1,
                        Placement::Moved => counts.moved += 1,
                        _ => counts.fuzzy += 1,
                    }
                    let mut after = c.clone();
                    after.start = range.start;
                    after.end = range.end;
                    after.anchor = make_anchor(doc, range.clone());
                    after.modified = now();
                    ops.push(Op::Update {
                        before: c.clone(),
                        after,
                    });
                }
            }
            details.push((c.clone(), r));
        }
    });
    (ops, counts, details)
}

use crate::study::Study;
