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
    /// The transcript file as last read, so an unchanged file need not be read again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceStamp>,
}

/// A transcript file's size and modification time when it was last read, and the hash of
/// its text then: as git's index does, a file whose size and time are unchanged is taken
/// as unchanged without reading it, unless its time is too close to when it was read (a
/// change within the file system's time granularity would leave the time as it was).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime_ns: u64,
    /// When glose read it, nanoseconds since 1970.
    pub read_ns: u64,
    /// The document's text hash then ([`crate::document::Document::hash`]).
    pub text_hash: String,
}

/// How far apart a file's modification time and its reading must be for the time to be
/// trusted: two seconds, the coarsest granularity in use (FAT).
const RACY_NS: u64 = 2_000_000_000;

/// A file's size and modification time, as [`SourceStamp`] records them.
pub fn file_stat(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), nanos(meta.modified().ok()?)))
}

/// A [`crate::fsutil::Stamp`] (taken once per command, when the study was opened) as
/// [`SourceStamp`] records it: size, and modification time in nanoseconds since 1970.
pub fn stamp_stat(stamp: &crate::fsutil::Stamp) -> (u64, u64) {
    let (secs, subsec) = stamp.mtime;
    let ns = secs
        .saturating_mul(1_000_000_000)
        .saturating_add(u64::from(subsec));
    (stamp.size, ns)
}

/// Nanoseconds since 1970 (0 before).
pub fn nanos(t: std::time::SystemTime) -> u64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

impl SourceStamp {
    /// The text hash, if a file with this size and time can be taken as unchanged.
    pub fn unchanged_hash(&self, stat: (u64, u64)) -> Option<&str> {
        let same = stat == (self.size, self.mtime_ns);
        let settled = self.mtime_ns.saturating_add(RACY_NS) <= self.read_ns;
        (same && settled).then_some(self.text_hash.as_str())
    }
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
    /// Size and time of each index file when its checksums were last validated, so an
    /// index whose files did not change is not read whole on every open.
    #[serde(default)]
    pub validated: BTreeMap<String, (u64, u64)>,
}

/// The size and time of each file of the index (the manifest and locks aside).
pub fn index_file_stamps(dir: &Path) -> BTreeMap<String, (u64, u64)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == MANIFEST_FILE {
            continue;
        }
        if let Some(stat) = file_stat(&entry.path()) {
            out.insert(name, stat);
        }
    }
    out
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
///
/// `attrs` are the document's attributes sorted by name ([`Study::attribute_refs`]).
///
/// [`Study::attribute_refs`]: crate::study::Study::attribute_refs
pub fn doc_hash<'a>(
    text_hash: &str,
    lang: Lang,
    attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
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
    let mut out = String::with_capacity(32);
    for b in &h.finalize()[..16] {
        for nibble in [b >> 4, b & 0xf] {
            out.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    out
}
