//! The manifest beside the index: which version of each document is indexed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::analysis::Lang;

/// The file name of the manifest inside the index folder.
pub const MANIFEST_FILE: &str = "glose-manifest.json";

/// One indexed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    /// Hash of what was indexed: the body, the language and the attributes.
    pub hash: String,
    /// The language the document was analysed in.
    pub lang: String,
    /// Number of passages indexed.
    pub passages: usize,
}

/// The manifest: schema version, settings and the indexed documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`super::schema::SCHEMA_VERSION`] of the index.
    pub schema_version: u32,
    /// Settings that shape every passage (unit, interviewer labels); a change rebuilds.
    pub settings: String,
    /// Indexed documents by id.
    pub docs: BTreeMap<String, DocState>,
}

impl Manifest {
    /// Reads the manifest; `None` when it is missing or unreadable.
    pub fn load(dir: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(dir.join(MANIFEST_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Writes the manifest atomically.
    pub fn save(&self, dir: &Path) -> Result<(), crate::fsutil::PathError> {
        let json = serde_json::to_string_pretty(self).unwrap_or_default();
        crate::fsutil::write_atomic(&dir.join(MANIFEST_FILE), json.as_bytes())
    }

    /// The languages of the indexed documents.
    pub fn langs(&self) -> Vec<Lang> {
        let mut out: Vec<Lang> = self
            .docs
            .values()
            .filter_map(|d| Lang::from_code(&d.lang))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Total passages.
    pub fn passages(&self) -> usize {
        self.docs.values().map(|d| d.passages).sum()
    }
}

/// The hash that decides whether a document must be re-indexed.
pub fn doc_hash(text_hash: &str, lang: Lang, attrs: &BTreeMap<String, String>) -> String {
    let mut h = Sha256::new();
    h.update(text_hash.as_bytes());
    h.update([0]);
    h.update(lang.code().as_bytes());
    for (k, v) in attrs {
        h.update([0]);
        h.update(k.as_bytes());
        h.update([1]);
        h.update(v.as_bytes());
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
