//! The passage cache: every document's passages, cut and analysed, under
//! `.glose/cache/suggest/passages-<unit>.bin`, so that an assistant does not cut and
//! analyse the whole corpus each time it runs.
//!
//! The cache is derived data, never the source of truth: safe to delete, rebuilt on any
//! mismatch, and a failure to read or write it only costs time. One file per unit holds
//! the analysed passages (range, text, term counts) of each document, keyed by the
//! transcript's path, size and modification time (nanoseconds) and the language it is
//! analysed in, and trusted only for transcripts modified before the cache was written
//! (git's racy rule, as the other caches under `.glose/`); the whole file is keyed by its
//! format, the sentence segmenter's and the search analyser's versions and the
//! interviewer labels. A document whose key differs
//! is read and analysed again; the file is rewritten (temp file and rename, never torn)
//! when anything changed. A checksum of the content guards against a damaged file.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rustc_hash::FxHasher;

use super::corpus::{
    Analysed, Analysers, Corpus, RawPassage, Unit, Vocabulary, analyse, assemble, canonical_ids,
    canonical_terms,
};
use crate::document::SEGMENTER_VERSION;
use crate::search::{Lang, document_lang};
use crate::study::{DocEntry, Study, StudyError};

/// Version of the file format; bump it whenever the layout or what it derives changes.
pub const FORMAT: u32 = 1;

const MAGIC: &[u8; 8] = b"GLOSEPVC";

/// The cache file of `unit` in `study`.
pub fn path(study: &Study, unit: Unit) -> PathBuf {
    study
        .cache_dir()
        .join("cache")
        .join("suggest")
        .join(format!("passages-{}.bin", unit.as_str()))
}

/// What one document's cached passages are valid for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DocKey {
    /// The transcript's path, relative to the study.
    path: String,
    size: u64,
    mtime_secs: u64,
    mtime_nanos: u32,
    lang: String,
}

impl DocKey {
    /// The key of `entry` as its file is now (`None` when it cannot be stated).
    fn of(study: &Study, entry: &DocEntry) -> Option<Self> {
        let meta = std::fs::metadata(&entry.path).ok()?;
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Self {
            path: study.rel(&entry.path).to_string_lossy().into_owned(),
            size: meta.len(),
            mtime_secs: mtime.as_secs(),
            mtime_nanos: mtime.subsec_nanos(),
            lang: document_lang(study, &entry.id).code().to_string(),
        })
    }
}

/// The key of the whole file: everything besides a transcript that changes its passages.
fn file_key(study: &Study, unit: Unit) -> Vec<u8> {
    let mut w = Writer::default();
    w.u32(FORMAT);
    w.str(unit.as_str());
    w.u32(SEGMENTER_VERSION);
    w.u32(crate::search::SCHEMA_VERSION);
    let labels = study.config.interviewer_labels();
    w.u32(labels.len() as u32);
    for l in &labels {
        w.str(l);
    }
    w.0
}

/// [`Corpus::open`]: the corpus, from the cache where it is still valid.
pub(crate) fn open(study: &Study, unit: Unit) -> Result<Corpus, StudyError> {
    let file = path(study, unit);
    let key = file_key(study, unit);
    // git's racy rule (`fsutil::Stamp::older_than`): a transcript modified in the same
    // clock tick as the cache was written may have changed with its size and time kept,
    // so only those modified strictly before are taken from the cache.
    let written = std::fs::metadata(&file)
        .ok()
        .and_then(|m| crate::fsutil::mtime(&m));
    let (mut vocab, mut cached) = std::fs::read(&file)
        .ok()
        .and_then(|bytes| decode(&bytes, &key))
        .unwrap_or_default();
    let mut analysers = Analysers::default();
    let mut changed = cached.len() != study.entries.len();
    let mut docs = Vec::with_capacity(study.entries.len());
    let mut keys = Vec::with_capacity(study.entries.len());
    for entry in &study.entries {
        let now = DocKey::of(study, entry);
        let hit = cached.remove(&entry.id).filter(|(k, a)| {
            now.as_ref() == Some(k)
                && a.lang.code() == k.lang
                && written.is_some_and(|w| (k.mtime_secs, k.mtime_nanos) < w)
        });
        let analysed = match hit {
            Some((_, a)) => a,
            None => {
                changed = true;
                let doc = study.load_document(&entry.id)?;
                let lang = document_lang(study, &entry.id);
                analyse(&doc, lang, unit, analysers.get(lang), &mut vocab)
            }
        };
        docs.push(analysed);
        keys.push(now);
    }
    if changed || !cached.is_empty() {
        let remap = canonical_ids(&vocab, &docs);
        let bytes = encode(&key, &canonical_terms(&vocab, &remap), &docs, &keys, &remap);
        // Derived data: a cache that cannot be written only costs time next run.
        let _ = write(&file, &bytes);
    }
    Ok(assemble(unit, &vocab, docs))
}

fn write(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// The file: magic, checksum of the rest, then the key, the terms and the documents (a
/// document without a key is written with an empty path, which matches nothing).
fn encode(
    key: &[u8],
    terms: &[String],
    docs: &[Analysed],
    keys: &[Option<DocKey>],
    remap: &[u32],
) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes(key);
    w.u32(terms.len() as u32);
    for t in terms {
        w.str(t);
    }
    w.u32(docs.len() as u32);
    for (a, k) in docs.iter().zip(keys) {
        w.str(&a.doc);
        match k {
            Some(k) => {
                w.str(&k.path);
                w.u64(k.size);
                w.u64(k.mtime_secs);
                w.u32(k.mtime_nanos);
                w.str(&k.lang);
            }
            None => {
                w.str("");
                w.u64(0);
                w.u64(0);
                w.u32(0);
                w.str("");
            }
        }
        w.u32(a.passages.len() as u32);
        for p in &a.passages {
            w.u32(p.range.start as u32);
            w.u32(p.range.end as u32);
            w.str(&p.text);
            w.u32(p.tf.len() as u32);
            for &(t, c) in &p.tf {
                w.u32(remap.get(t as usize).copied().unwrap_or(u32::MAX));
                w.u32(c);
            }
        }
    }
    let mut out = Vec::with_capacity(w.0.len() + 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&checksum(&w.0).to_le_bytes());
    out.extend_from_slice(&w.0);
    out
}

type Cached = HashMap<String, (DocKey, Analysed)>;

/// The file's vocabulary and documents, or `None` when it is damaged, of another format
/// or made for another key.
fn decode(bytes: &[u8], key: &[u8]) -> Option<(Vocabulary, Cached)> {
    let (magic, rest) = bytes.split_at_checked(MAGIC.len())?;
    let (sum, body) = rest.split_at_checked(8)?;
    if magic != MAGIC || u64::from_le_bytes(sum.try_into().ok()?) != checksum(body) {
        return None;
    }
    let mut r = Reader(body);
    if r.bytes()? != key {
        return None;
    }
    let mut vocab = Vocabulary::default();
    let n_terms = r.u32()?;
    for i in 0..n_terms {
        if vocab.id(r.str()?.to_string()) != i {
            return None; // a repeated term
        }
    }
    let mut docs = HashMap::new();
    for _ in 0..r.u32()? {
        let doc = r.str()?.to_string();
        let k = DocKey {
            path: r.str()?.to_string(),
            size: r.u64()?,
            mtime_secs: r.u64()?,
            mtime_nanos: r.u32()?,
            lang: r.str()?.to_string(),
        };
        let lang = Lang::ALL.into_iter().find(|l| l.code() == k.lang);
        let mut passages = Vec::new();
        for _ in 0..r.u32()? {
            let (start, end) = (r.u32()? as usize, r.u32()? as usize);
            let text = r.str()?.to_string();
            if start > end || text.chars().count() != end - start {
                return None;
            }
            let mut tf = Vec::new();
            for _ in 0..r.u32()? {
                let (t, c) = (r.u32()?, r.u32()?);
                if t >= n_terms || c == 0 {
                    return None;
                }
                tf.push((t, c));
            }
            passages.push(RawPassage {
                range: start..end,
                text,
                tf,
            });
        }
        if let (false, Some(lang)) = (k.path.is_empty(), lang) {
            let analysed = Analysed {
                doc: doc.clone(),
                lang,
                passages,
            };
            docs.insert(doc, (k, analysed));
        }
    }
    r.0.is_empty().then_some((vocab, docs))
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The corpus as a comparable value: terms, idf and every passage.
    fn shape(c: &Corpus) -> (Vec<String>, Vec<u64>, Vec<String>) {
        let passages = c
            .passages
            .iter()
            .map(|p| format!("{} {:?} {} {:?}", p.doc, p.range, p.text, p.vector))
            .collect();
        let idf = c.idf.iter().map(|x| x.to_bits()).collect();
        (c.terms.clone(), idf, passages)
    }

    fn study() -> (tempfile::TempDir, Study) {
        let dir = crate::testkit::sample_study(Some(&["E01", "E02", "E03"])).unwrap();
        let study = Study::open(dir.path()).unwrap();
        (dir, study)
    }

    #[test]
    fn a_cached_corpus_is_the_built_one() {
        let (_dir, study) = study();
        let built = Corpus::build(&study, Unit::Sentence).unwrap();
        let first = Corpus::open(&study, Unit::Sentence).unwrap();
        assert!(path(&study, Unit::Sentence).is_file());
        let bytes = std::fs::read(path(&study, Unit::Sentence)).unwrap();
        let second = Corpus::open(&study, Unit::Sentence).unwrap();
        assert_eq!(shape(&first), shape(&built));
        assert_eq!(shape(&second), shape(&built));
        // Nothing changed: the file is not rewritten differently.
        assert_eq!(std::fs::read(path(&study, Unit::Sentence)).unwrap(), bytes);
        // Turns have their own file.
        let turns = Corpus::open(&study, Unit::Turn).unwrap();
        assert_eq!(
            shape(&turns),
            shape(&Corpus::build(&study, Unit::Turn).unwrap())
        );
        assert!(path(&study, Unit::Turn).is_file());
    }

    #[test]
    fn the_hit_does_not_read_the_transcript() {
        let (_dir, study) = study();
        let built = Corpus::build(&study, Unit::Sentence).unwrap();
        Corpus::open(&study, Unit::Sentence).unwrap();
        // Make E02 unreadable as a transcript (a directory cannot be read) but keep its
        // key: a hit must come from the cache.
        let e02 = study.entry("E02").unwrap().path.clone();
        let meta = std::fs::metadata(&e02).unwrap();
        let bytes = std::fs::read(&e02).unwrap();
        std::fs::remove_file(&e02).unwrap();
        std::fs::write(&e02, vec![b'x'; bytes.len()]).unwrap();
        let f = std::fs::File::options().write(true).open(&e02).unwrap();
        f.set_modified(meta.modified().unwrap()).unwrap();
        drop(f);
        let cached = Corpus::open(&study, Unit::Sentence).unwrap();
        assert_eq!(shape(&cached), shape(&built));
    }

    #[test]
    fn a_changed_document_is_analysed_again() {
        let (_dir, study) = study();
        Corpus::open(&study, Unit::Sentence).unwrap();
        let e02 = study.entry("E02").unwrap().path.clone();
        let mut text = std::fs::read_to_string(&e02).unwrap();
        text.push_str("\nUne phrase toute neuve sur les zygomorphes.\n");
        std::fs::write(&e02, text).unwrap();
        let study = Study::open(study.root.as_path()).unwrap();
        let opened = Corpus::open(&study, Unit::Sentence).unwrap();
        let built = Corpus::build(&study, Unit::Sentence).unwrap();
        assert_eq!(shape(&opened), shape(&built));
        assert!(
            opened
                .passages
                .iter()
                .any(|p| p.text.contains("zygomorphes"))
        );
        // And the rewritten cache serves the new text.
        let again = Corpus::open(&study, Unit::Sentence).unwrap();
        assert_eq!(shape(&again), shape(&built));
    }

    #[test]
    fn a_document_changed_in_the_tick_the_cache_was_written_is_analysed_again() {
        let (_dir, study) = study();
        let e02 = study.entry("E02").unwrap().path.clone();
        let set_time = |t: std::time::SystemTime| {
            let f = std::fs::File::options().write(true).open(&e02).unwrap();
            f.set_modified(t).unwrap();
        };
        // E02's time is not before the cache's writing (as when both fall in one tick).
        let tick = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
        set_time(tick);
        Corpus::open(&study, Unit::Sentence).unwrap();
        // Same size, other words, the same time: its key is the one the cache holds.
        let text = std::fs::read_to_string(&e02).unwrap();
        let changed = text.replacen("Instagram", "Pinterest", 1);
        assert_eq!(changed.len(), text.len());
        std::fs::write(&e02, &changed).unwrap();
        set_time(tick);
        let opened = Corpus::open(&study, Unit::Sentence).unwrap();
        assert!(
            opened
                .passages
                .iter()
                .any(|p| p.doc == "E02" && p.text.contains("Pinterest"))
        );
        assert_eq!(
            shape(&opened),
            shape(&Corpus::build(&study, Unit::Sentence).unwrap())
        );
    }

    #[test]
    fn removed_and_added_documents_follow_the_corpus() {
        let (dir, study) = study();
        Corpus::open(&study, Unit::Sentence).unwrap();
        std::fs::remove_file(study.entry("E03").unwrap().path.clone()).unwrap();
        let root = crate::testkit::sample_root();
        std::fs::copy(
            root.join("corpus/E04.txt"),
            dir.path().join("corpus/E04.txt"),
        )
        .unwrap();
        let study = Study::open(dir.path()).unwrap();
        let opened = Corpus::open(&study, Unit::Sentence).unwrap();
        assert_eq!(
            shape(&opened),
            shape(&Corpus::build(&study, Unit::Sentence).unwrap())
        );
        assert!(opened.by_doc.contains_key("E04") && !opened.by_doc.contains_key("E03"));
    }

    #[test]
    fn a_damaged_or_foreign_file_is_rebuilt() {
        let (_dir, study) = study();
        let built = Corpus::build(&study, Unit::Sentence).unwrap();
        Corpus::open(&study, Unit::Sentence).unwrap();
        let file = path(&study, Unit::Sentence);
        let good = std::fs::read(&file).unwrap();
        let mut flipped = good.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x55;
        let mut other_format = good.clone();
        other_format[16..20].copy_from_slice(&99u32.to_le_bytes());
        for bad in [
            flipped,
            good[..good.len() / 3].to_vec(),
            b"junk".to_vec(),
            other_format,
        ] {
            std::fs::write(&file, &bad).unwrap();
            let opened = Corpus::open(&study, Unit::Sentence).unwrap();
            assert_eq!(shape(&opened), shape(&built));
            assert_eq!(std::fs::read(&file).unwrap(), good, "rewritten");
        }
    }

    #[test]
    fn other_interviewer_labels_invalidate_the_file() {
        let (_dir, study) = study();
        let key = file_key(&study, Unit::Sentence);
        let mut other = Study::open(study.root.as_path()).unwrap();
        other.config.interviewer_labels = Some(vec!["Q".to_string()]);
        assert_ne!(file_key(&other, Unit::Sentence), key);
        assert_ne!(file_key(&study, Unit::Turn), key);
        let bytes = encode(&key, &[], &[], &[], &[]);
        assert!(decode(&bytes, &key).is_some());
        assert!(decode(&bytes, &file_key(&other, Unit::Sentence)).is_none());
    }
}
