//! A content-keyed cache of a transcript's derived structure (header, turns, paragraphs,
//! sentences, warnings, text hash, word count) under `.glose/cache/documents/`.
//!
//! One entry per transcript file, named after it. An entry is used only when its key
//! matches: the SHA-256 of the transcript's bytes as read now, the sentence segmenter's
//! [`SEGMENTER_VERSION`], the interviewer labels and this format's version. Its first line
//! is the SHA-256 of the rest, so a damaged entry is noticed and rebuilt; every range it
//! holds is checked against the text before it is used. The cache is derived data: safe
//! to delete, written without fsync (a torn entry fails its checksum), and a failure to
//! write it is ignored.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Document, Header, HeaderProblem, Layout, SEGMENTER_VERSION, StructureWarning, Turn};
use crate::text::{CharIndex, normalize};

/// Version of the entry format; bump it whenever [`Entry`] or what it derives changes.
const FORMAT: u32 = 2;

/// What an entry is valid for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    format: u32,
    segmenter: u32,
    /// SHA-256 of the transcript's bytes, hex.
    content: String,
    /// SHA-256 of the interviewer labels (they decide the turns' roles), hex.
    labels: String,
}

impl Key {
    fn new(bytes: &[u8], labels: &[String]) -> Self {
        let mut h = Sha256::new();
        for l in labels {
            h.update(l.as_bytes());
            h.update([0]);
        }
        Self {
            format: FORMAT,
            segmenter: SEGMENTER_VERSION,
            content: hex(&Sha256::digest(bytes)),
            labels: hex(&h.finalize()),
        }
    }
}

/// One cached transcript.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    key: Key,
    /// Whether the file's text is already normalised (no BOM, no CR, NFC), so loading it
    /// again skips normalisation.
    normalized: bool,
    header: Header,
    header_problems: Vec<HeaderProblem>,
    turns: Vec<Turn>,
    paragraphs: Vec<Range<usize>>,
    sentences: Vec<Range<usize>>,
    layout: Option<Layout>,
    structure_warnings: Vec<StructureWarning>,
    hash: String,
    words: usize,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the entry of the transcript at `path` lives in `dir`.
fn entry_path(dir: &Path, path: &Path) -> Option<PathBuf> {
    let mut name = path.file_name()?.to_os_string();
    name.push(".json");
    Some(dir.join(name))
}

/// Loads the transcript whose bytes are `bytes` (valid UTF-8 `raw`) through the cache in
/// `dir`: from its entry when the entry is valid for these bytes, else by parsing it and
/// writing a fresh entry. The result is the same document either way.
pub(super) fn load(
    dir: &Path,
    path: &Path,
    fallback_id: &str,
    raw: &str,
    labels: &[String],
) -> Document {
    let key = Key::new(raw.as_bytes(), labels);
    let file = entry_path(dir, path);
    if let Some(doc) = file
        .as_deref()
        .and_then(|f| read(f, &key))
        .and_then(|e| e.into_document(fallback_id, path, raw))
    {
        return doc;
    }
    let normalized = normalize(raw);
    let already = normalized == raw;
    let doc = Document::parse_normalized(fallback_id, path, normalized, labels);
    if let Some(f) = file {
        write(&f, &key, already, &doc);
    }
    doc
}

/// The entry at `file`, if it is intact and valid for `key`.
fn read(file: &Path, key: &Key) -> Option<Entry> {
    let bytes = std::fs::read(file).ok()?;
    let newline = bytes.iter().position(|b| *b == b'\n')?;
    let (sum, body) = (bytes.get(..newline)?, bytes.get(newline + 1..)?);
    if sum != hex(&Sha256::digest(body)).as_bytes() {
        return None;
    }
    let entry: Entry = serde_json::from_slice(body).ok()?;
    (entry.key == *key).then_some(entry)
}

fn write(file: &Path, key: &Key, normalized: bool, doc: &Document) {
    let entry = EntryRef {
        key,
        normalized,
        header: &doc.header,
        header_problems: &doc.header_problems,
        turns: &doc.turns,
        paragraphs: &doc.paragraphs,
        sentences: &doc.sentences,
        layout: &doc.layout,
        structure_warnings: &doc.structure_warnings,
        hash: &doc.hash,
        words: doc.word_count(),
    };
    let Ok(body) = serde_json::to_vec(&entry) else {
        return;
    };
    let mut out = hex(&Sha256::digest(&body)).into_bytes();
    out.push(b'\n');
    out.extend_from_slice(&body);
    crate::fsutil::write_derived(file, &out);
}

/// [`Entry`], borrowed from a document, for writing.
#[derive(Serialize)]
struct EntryRef<'a> {
    key: &'a Key,
    normalized: bool,
    header: &'a Header,
    header_problems: &'a [HeaderProblem],
    turns: &'a [Turn],
    paragraphs: &'a [Range<usize>],
    sentences: &'a [Range<usize>],
    layout: &'a Option<Layout>,
    structure_warnings: &'a [StructureWarning],
    hash: &'a str,
    words: usize,
}

impl Entry {
    /// The document, if every offset of the entry fits the text.
    fn into_document(self, fallback_id: &str, path: &Path, raw: &str) -> Option<Document> {
        // The key holds the hash of these very bytes, so `normalized` is still true of them.
        let normalized = if self.normalized {
            raw.to_string()
        } else {
            normalize(raw)
        };
        let text = normalized.get(self.header.body_start..)?.to_string();
        let index = CharIndex::new(&text);
        let len = index.char_len();
        let fits = |r: &Range<usize>| r.start <= r.end && r.end <= len;
        let turns_fit = self.turns.iter().all(|t| {
            fits(&t.range)
                && fits(&t.label_range)
                && fits(&t.content)
                && t.times.iter().all(|m| m.at <= len)
        });
        if !(turns_fit && self.paragraphs.iter().all(fits) && self.sentences.iter().all(fits)) {
            return None;
        }
        let id = self
            .header
            .get("id")
            .filter(|v| !v.is_empty())
            .unwrap_or(fallback_id)
            .to_string();
        Some(Document {
            id,
            path: path.to_path_buf(),
            header: self.header,
            header_problems: self.header_problems,
            text,
            turns: self.turns,
            paragraphs: self.paragraphs,
            sentences: self.sentences,
            layout: self.layout,
            structure_warnings: self.structure_warnings,
            hash: self.hash,
            index,
            words: std::sync::OnceLock::from(self.words),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        super::super::DEFAULT_INTERVIEWER_LABELS
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    const TEXT: &str = "---\nid: E07\nstage: launch\n---\nIntervieweuse : Bonjour. Ça va ?\n\n\
                        Fondatrice : Très bien ! On a lancé en 2021.\n\n\
                        [00:01:05] Intervieweuse : Merci.\n";

    fn same(a: &Document, b: &Document) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.header, b.header);
        assert_eq!(a.header_problems, b.header_problems);
        assert_eq!(a.text, b.text);
        assert_eq!(a.turns, b.turns);
        assert_eq!(a.paragraphs, b.paragraphs);
        assert_eq!(a.sentences, b.sentences);
        assert_eq!(a.layout, b.layout);
        assert_eq!(a.structure_warnings, b.structure_warnings);
        assert_eq!(a.hash, b.hash);
        assert_eq!(a.char_len(), b.char_len());
        assert_eq!(a.word_count(), b.word_count());
    }

    fn load_in(dir: &Path, raw: &str) -> Document {
        load(dir, Path::new("corpus/E07.txt"), "E07", raw, &labels())
    }

    #[test]
    fn a_cached_load_gives_the_parsed_document() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = Document::parse("E07", Path::new("corpus/E07.txt"), TEXT, &labels());
        let first = load_in(dir.path(), TEXT);
        let entry = dir.path().join("E07.txt.json");
        assert!(entry.is_file());
        let second = load_in(dir.path(), TEXT);
        same(&fresh, &first);
        same(&fresh, &second);
        // Not yet normalised (CRLF, NFD, BOM): normalised again, same document.
        use unicode_normalization::UnicodeNormalization;
        let windows = format!(
            "\u{feff}{}",
            TEXT.nfd().collect::<String>().replace('\n', "\r\n")
        );
        let fresh = Document::parse("E07", Path::new("corpus/E07.txt"), &windows, &labels());
        load_in(dir.path(), &windows);
        same(&fresh, &load_in(dir.path(), &windows));
    }

    #[test]
    fn a_stale_or_damaged_entry_is_ignored_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("E07.txt.json");
        load_in(dir.path(), TEXT);
        // The transcript changed: the old entry is not used, and is replaced.
        let edited = TEXT.replace("Merci.", "Merci beaucoup. À bientôt.");
        let fresh = Document::parse("E07", Path::new("corpus/E07.txt"), &edited, &labels());
        same(&fresh, &load_in(dir.path(), &edited));
        same(&fresh, &load_in(dir.path(), &edited));
        // One byte of the entry changed: its checksum fails.
        let good = std::fs::read_to_string(&entry).unwrap();
        let damaged = good.replacen(
            "\"sentences\":[{\"start\":",
            "\"sentences\":[{\"start\":9",
            1,
        );
        assert_ne!(good, damaged);
        std::fs::write(&entry, &damaged).unwrap();
        same(&fresh, &load_in(dir.path(), &edited));
        assert_eq!(std::fs::read_to_string(&entry).unwrap(), good);
        // A consistent entry (checksum recomputed) with offsets outside the text.
        let (_, body) = good.split_once('\n').unwrap();
        let body = body.replacen(
            "\"sentences\":[",
            "\"sentences\":[{\"start\":900000,\"end\":900001},",
            1,
        );
        let forged = format!("{}\n{body}", hex(&Sha256::digest(body.as_bytes())));
        std::fs::write(&entry, forged).unwrap();
        same(&fresh, &load_in(dir.path(), &edited));
        // An entry of another segmenter version is stale.
        let body = good
            .split_once('\n')
            .unwrap()
            .1
            .replacen(
                &format!("\"segmenter\":{SEGMENTER_VERSION}"),
                &format!("\"segmenter\":{}", SEGMENTER_VERSION + 1),
                1,
            )
            .replace("Merci beaucoup", "Merci");
        let other = format!("{}\n{body}", hex(&Sha256::digest(body.as_bytes())));
        std::fs::write(&entry, other).unwrap();
        same(&fresh, &load_in(dir.path(), &edited));
        assert_eq!(std::fs::read_to_string(&entry).unwrap(), good);
        // Truncated, empty, or the folder deleted: rebuilt.
        std::fs::write(&entry, &good[..good.len() / 2]).unwrap();
        same(&fresh, &load_in(dir.path(), &edited));
        std::fs::write(&entry, "").unwrap();
        same(&fresh, &load_in(dir.path(), &edited));
        std::fs::remove_dir_all(dir.path()).unwrap();
        same(&fresh, &load_in(dir.path(), &edited));
        assert!(entry.is_file());
    }

    #[test]
    fn other_interviewer_labels_do_not_share_an_entry() {
        let dir = tempfile::tempdir().unwrap();
        load_in(dir.path(), TEXT);
        let mine = vec!["Fondatrice".to_string()];
        let path = Path::new("corpus/E07.txt");
        let fresh = Document::parse("E07", path, TEXT, &mine);
        same(&fresh, &load(dir.path(), path, "E07", TEXT, &mine));
        assert_eq!(fresh.turns[1].role, crate::document::Role::Interviewer);
    }
}
