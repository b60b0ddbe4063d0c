//! Suggestions a coder rejected, so the same passage is not proposed again.
//!
//! One plain-text file per coder next to their codings, `codings/<coder>.rejected.tsv`
//! (versioned with them; glose reads only `*.jsonl` as coder files): a comment line, then
//! one line per rejection, `code TAB doc TAB start TAB end TAB text-hash`. A rejection
//! matches by code, document and the hash of the passage's text, so it survives edits
//! elsewhere in the transcript; the offsets are for people reading the file.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::SuggestError;
use crate::study::Study;

const HEADER: &str = "# glose: suggestions rejected (code, doc, start, end, text hash)";

/// One rejected suggestion.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Rejection {
    code: String,
    doc: String,
    hash: String,
    range: (usize, usize),
}

/// A coder's rejected suggestions.
#[derive(Debug, Clone, Default)]
pub struct Rejections {
    path: PathBuf,
    lines: Vec<Rejection>,
    keys: BTreeSet<(String, String, String)>,
}

/// The hash a rejection is matched by: the passage text's SHA-256, first 16 hex digits.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Where `coder`'s rejections are kept.
pub fn rejections_path(study: &Study, coder: &str) -> PathBuf {
    study.codings_dir().join(format!("{coder}.rejected.tsv"))
}

impl Rejections {
    /// Reads `coder`'s rejections (none yet when the file does not exist).
    pub fn load(study: &Study, coder: &str) -> Result<Self, SuggestError> {
        Self::load_path(&rejections_path(study, coder))
    }

    /// Reads a rejections file.
    pub fn load_path(path: &Path) -> Result<Self, SuggestError> {
        let mut out = Rejections {
            path: path.to_path_buf(),
            ..Rejections::default()
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(crate::fsutil::PathError::with(path, "cannot read")(e).into()),
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = |message: &str| SuggestError::Rejections {
                path: path.to_path_buf(),
                line: i + 1,
                message: message.to_string(),
            };
            let [code, doc, start, end, hash] = f[..] else {
                return Err(bad(
                    "expected 5 tab-separated fields: code, doc, start, end, hash",
                ));
            };
            let (Ok(start), Ok(end)) = (start.parse(), end.parse()) else {
                return Err(bad("start and end must be whole numbers"));
            };
            out.insert(Rejection {
                code: code.to_string(),
                doc: doc.to_string(),
                hash: hash.to_string(),
                range: (start, end),
            });
        }
        Ok(out)
    }

    fn insert(&mut self, r: Rejection) {
        if self
            .keys
            .insert((r.code.clone(), r.doc.clone(), r.hash.clone()))
        {
            self.lines.push(r);
        }
    }

    /// Whether the passage `text` of `doc` was rejected for `code`.
    pub fn contains(&self, code: &str, doc: &str, text: &str) -> bool {
        self.keys
            .contains(&(code.to_string(), doc.to_string(), text_hash(text)))
    }

    /// Number of rejections.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Records a rejection and writes the file (atomically); false if it was known.
    pub fn reject(
        &mut self,
        code: &str,
        doc: &str,
        range: Range<usize>,
        text: &str,
    ) -> Result<bool, SuggestError> {
        if self.contains(code, doc, text) {
            return Ok(false);
        }
        self.insert(Rejection {
            code: code.to_string(),
            doc: doc.to_string(),
            hash: text_hash(text),
            range: (range.start, range.end),
        });
        let mut sorted = self.lines.clone();
        sorted.sort();
        let mut out = format!("{HEADER}\n");
        for r in &sorted {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                r.code, r.doc, r.range.0, r.range.1, r.hash
            ));
        }
        crate::fsutil::write_atomic(&self.path, out.as_bytes())?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejection_is_remembered_across_loads_and_bad_lines_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rejected.tsv");
        let mut r = Rejections::load_path(&path).unwrap();
        assert!(r.is_empty());
        assert!(r.reject("x", "E01", 3..9, "Un chat.").unwrap());
        assert!(!r.reject("x", "E01", 3..9, "Un chat.").unwrap());
        let again = Rejections::load_path(&path).unwrap();
        assert_eq!(again.len(), 1);
        assert!(again.contains("x", "E01", "Un chat."));
        assert!(!again.contains("y", "E01", "Un chat."));
        assert!(!again.contains("x", "E01", "Un chien."));
        std::fs::write(&path, "# c\nx\tE01\t3\n").unwrap();
        let err = Rejections::load_path(&path).unwrap_err().to_string();
        assert!(err.contains("a.rejected.tsv:2:"), "{err}");
    }
}
