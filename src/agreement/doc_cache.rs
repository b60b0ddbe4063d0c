//! A cache of each transcript's [`DocUnits`] (units of every kind, whitespace bits) under
//! `.glose/cache/documents/<file>.units`, so that `glose agreement` reads no transcript
//! when none changed: 2 bits per char and 8 bytes per unit instead of the text.
//!
//! An entry is trusted without reading its transcript when the transcript's size and
//! modification time are the ones it records and the transcript is older than the entry
//! (git's racy rule, [`Stamp::older_than`]). Otherwise the transcript is read: when the
//! SHA-256 of its bytes is the one recorded, the entry is still right (and is rewritten
//! with the new stamp); else the document is loaded and a new entry written. An entry
//! also records the format, the sentence segmenter's version, the passage sizes and the
//! interviewer labels; it ends with a checksum of the rest, and every range is checked
//! against the body before use, so a damaged entry is rebuilt. Derived data: safe to
//! delete, written without fsync (a torn entry fails its checksum), write errors ignored.

use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::doc_units::DocUnits;
use super::spans::NonSpace;
use crate::document::SEGMENTER_VERSION;
use crate::fsutil::{Stamp, mtime};
use crate::study::{Study, StudyError};
use crate::unit::{GROUP_TARGET_CHARS, MAX_PASSAGE_CHARS};

/// First bytes of every entry.
const MAGIC: &[u8; 8] = b"glose-u\n";

/// Version of the entry format; bump it whenever the layout or what it derives changes.
const FORMAT: u32 = 1;

/// What an entry is valid for, besides its transcript's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    /// SHA-256 of the format, segmenter, passage sizes and interviewer labels.
    settings: [u8; 32],
}

impl Key {
    fn new(labels: &[String]) -> Self {
        let mut h = Sha256::new();
        h.update(FORMAT.to_le_bytes());
        h.update(SEGMENTER_VERSION.to_le_bytes());
        h.update((GROUP_TARGET_CHARS as u64).to_le_bytes());
        h.update((MAX_PASSAGE_CHARS as u64).to_le_bytes());
        for l in labels {
            h.update(l.as_bytes());
            h.update([0]);
        }
        Key {
            settings: h.finalize().into(),
        }
    }
}

/// One decoded entry.
struct Entry {
    settings: [u8; 32],
    stamp: Stamp,
    /// SHA-256 of the transcript's bytes.
    content: [u8; 32],
    units: DocUnits,
}

/// Where the entry of the transcript at `path` lives.
fn entry_path(study: &Study, path: &Path) -> Option<PathBuf> {
    let mut name = path.file_name()?.to_os_string();
    name.push(".units");
    Some(study.documents_cache_dir().join(name))
}

/// The units of document `id`: from its entry when its transcript did not change, else
/// from the document, loaded (and the entry written again).
pub fn load(study: &Study, id: &str) -> Result<DocUnits, StudyError> {
    let doc_entry = study.entry(id)?;
    let path = &doc_entry.path;
    let key = Key::new(&study.config.interviewer_labels());
    let file = entry_path(study, path);
    let stamp = std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
    let cached = file.as_deref().and_then(|f| read(f, &key, &doc_entry.id));
    let unchanged = |(entry, written): &(Entry, (u64, u32))| {
        stamp.is_some_and(|s| entry.stamp == s && s.older_than(*written))
    };
    let cached = match cached {
        Some(hit) if unchanged(&hit) => return Ok(hit.0.units),
        other => other,
    };
    let bytes = std::fs::read(path).ok();
    let content: Option<[u8; 32]> = bytes.as_deref().map(|b| Sha256::digest(b).into());
    let units = match cached {
        Some((entry, _)) if Some(entry.content) == content => entry.units,
        _ => DocUnits::of(&study.load_document(id)?),
    };
    let after = std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
    if let (Some(f), Some(stamp), Some(content)) = (file, stamp, content)
        && after == Some(stamp)
    {
        write(&f, &key, stamp, &content, &units);
    }
    Ok(units)
}

/// The entry at `file` and its modification time, if it is intact, valid for `key` and
/// fits its own body.
fn read(file: &Path, key: &Key, id: &str) -> Option<(Entry, (u64, u32))> {
    let written = std::fs::metadata(file).ok().and_then(|m| mtime(&m))?;
    let bytes = std::fs::read(file).ok()?;
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body).to_le_bytes() != *sum {
        return None;
    }
    let entry = decode(body, id)?;
    (entry.settings == key.settings).then_some((entry, written))
}

use crate::document::record_checksum as checksum;

fn write(file: &Path, key: &Key, stamp: Stamp, content: &[u8; 32], units: &DocUnits) {
    let Some(mut out) = encode(key, stamp, content, units) else {
        return;
    };
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    crate::fsutil::write_derived(file, &out);
}

/// The bytes of an entry (without its checksum); `None` when an offset does not fit in
/// 32 bits.
fn encode(key: &Key, stamp: Stamp, content: &[u8; 32], units: &DocUnits) -> Option<Vec<u8>> {
    let ranges = [
        &units.sentences,
        &units.paragraphs,
        &units.turns,
        &units.passages,
    ];
    let bits = units.non_space.bits();
    let n_ranges: usize = ranges.iter().map(|r| r.len()).sum();
    let mut out = Vec::with_capacity(128 + 8 * n_ranges + 8 * bits.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.settings);
    out.extend_from_slice(&stamp.size.to_le_bytes());
    out.extend_from_slice(&stamp.mtime.0.to_le_bytes());
    out.extend_from_slice(&stamp.mtime.1.to_le_bytes());
    out.extend_from_slice(content);
    out.extend_from_slice(&(units.non_space.len() as u64).to_le_bytes());
    for list in ranges {
        out.extend_from_slice(&u32::try_from(list.len()).ok()?.to_le_bytes());
        for r in list.iter() {
            out.extend_from_slice(&u32::try_from(r.start).ok()?.to_le_bytes());
            out.extend_from_slice(&u32::try_from(r.end).ok()?.to_le_bytes());
        }
    }
    for w in bits {
        out.extend_from_slice(&w.to_le_bytes());
    }
    Some(out)
}

/// Reads little-endian fields off the front of a byte slice.
struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    /// A list of ranges, sorted, disjoint and within `0..len`.
    fn ranges(&mut self, len: usize) -> Option<Vec<Range<usize>>> {
        let n = self.u32()? as usize;
        let raw = self.take(n.checked_mul(8)?)?;
        let mut out: Vec<Range<usize>> = Vec::with_capacity(n);
        for pair in raw.chunks_exact(8) {
            let (a, b) = pair.split_at(4);
            let start = u32::from_le_bytes(a.try_into().ok()?) as usize;
            let end = u32::from_le_bytes(b.try_into().ok()?) as usize;
            let after_last = out.last().map_or(0, |r| r.end);
            if start < after_last || end < start || end > len {
                return None;
            }
            out.push(start..end);
        }
        Some(out)
    }
}

/// An entry from its bytes (checksum removed), if every part fits.
fn decode(body: &[u8], id: &str) -> Option<Entry> {
    let mut r = Reader(body);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let settings = r.array()?;
    let stamp = Stamp {
        size: r.u64()?,
        mtime: (r.u64()?, r.u32()?),
    };
    let content = r.array()?;
    let len = usize::try_from(r.u64()?).ok()?;
    let sentences = r.ranges(len)?;
    let paragraphs = r.ranges(len)?;
    let turns = r.ranges(len)?;
    let passages = r.ranges(len)?;
    let words = r.take(len.div_ceil(64).checked_mul(8)?)?;
    if !r.0.is_empty() {
        return None;
    }
    let bits = words
        .chunks_exact(8)
        .map(|w| w.try_into().map(u64::from_le_bytes))
        .collect::<Result<Vec<u64>, _>>()
        .ok()?;
    Some(Entry {
        settings,
        stamp,
        content,
        units: DocUnits {
            id: id.to_string(),
            sentences,
            paragraphs,
            turns,
            passages,
            non_space: NonSpace::from_bits(bits, len)?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    const TEXT: &str = "---\nid: E01\n---\nIntervieweuse : Bonjour. Ça va ?\n\n\
                        Fondatrice : Très bien\u{a0}! On a lancé en 2021.\n";

    fn study_with(text: &str) -> (tempfile::TempDir, Study) {
        let dir = crate::testkit::one_document_study(text).unwrap();
        let study = Study::open(dir.path()).unwrap();
        (dir, study)
    }

    fn set_mtime(path: &Path, t: SystemTime) {
        crate::testkit::set_mtime(path, t).unwrap();
    }

    /// The units of the document as loaded now, without any cache.
    fn truth(study: &Study) -> DocUnits {
        let entry = study.entry("E01").unwrap();
        let labels = study.config.interviewer_labels();
        let mut doc = crate::document::Document::load(&entry.path, &labels).unwrap();
        doc.id = entry.id.clone();
        DocUnits::of(&doc)
    }

    fn entry_file(study: &Study) -> PathBuf {
        study.cache_dir().join("cache/documents/E01.txt.units")
    }

    #[test]
    fn cached_units_are_the_documents() {
        let (dir, study) = study_with(TEXT);
        let path = dir.path().join("corpus/E01.txt");
        set_mtime(&path, SystemTime::now() - Duration::from_secs(600));
        let first = load(&study, "E01").unwrap();
        assert_eq!(first, truth(&study));
        assert!(entry_file(&study).is_file());
        let bytes = std::fs::read(entry_file(&study)).unwrap();
        assert_eq!(load(&study, "E01").unwrap(), first);
        // Trusted: the entry is not written again.
        assert_eq!(std::fs::read(entry_file(&study)).unwrap(), bytes);
        assert!(first.sentences.len() >= 4 && first.turns.len() == 2);
    }

    #[test]
    fn a_changed_transcript_is_read_again() {
        let (dir, study) = study_with(TEXT);
        let path = dir.path().join("corpus/E01.txt");
        let old = SystemTime::now() - Duration::from_secs(600);
        set_mtime(&path, old);
        let before = load(&study, "E01").unwrap();
        // Same size, same time, older than the entry: trusted without reading (as git).
        let same_size = TEXT.replace("Très bien", "Très-bien");
        assert_eq!(same_size.len(), TEXT.len());
        std::fs::write(&path, &same_size).unwrap();
        set_mtime(&path, old);
        assert_eq!(load(&study, "E01").unwrap(), before);
        // Same size and time, but not older than the entry (the edit fell in the tick
        // the entry was written): read, and the new units given.
        let written = std::fs::metadata(entry_file(&study))
            .unwrap()
            .modified()
            .unwrap();
        set_mtime(&path, written);
        let now = load(&study, "E01").unwrap();
        assert_eq!(now, truth(&study));
        assert_ne!(now, before);
        // A new time: read again.
        std::fs::write(&path, TEXT).unwrap();
        set_mtime(&path, old + Duration::from_secs(1));
        assert_eq!(load(&study, "E01").unwrap(), before);
        // Touched only (same bytes, new time): the entry is right and is kept.
        set_mtime(&path, old + Duration::from_secs(2));
        assert_eq!(load(&study, "E01").unwrap(), before);
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_rebuilt() {
        let (dir, study) = study_with(TEXT);
        let path = dir.path().join("corpus/E01.txt");
        set_mtime(&path, SystemTime::now() - Duration::from_secs(600));
        let want = truth(&study);
        load(&study, "E01").unwrap();
        let file = entry_file(&study);
        let good = std::fs::read(&file).unwrap();
        let mut flipped = good.clone();
        flipped[good.len() / 2] ^= 0x10;
        // A forged entry with its checksum recomputed, a range past the body.
        let mut forged = good[..good.len() - 8].to_vec();
        let len_at = MAGIC.len() + 32 + 8 + 8 + 4 + 32;
        forged[len_at..len_at + 8].copy_from_slice(&3u64.to_le_bytes());
        let sum = checksum(&forged);
        forged.extend_from_slice(&sum.to_le_bytes());
        // Other interviewer labels.
        let mut foreign = good[..good.len() - 8].to_vec();
        foreign[MAGIC.len()] ^= 1;
        let sum = checksum(&foreign);
        foreign.extend_from_slice(&sum.to_le_bytes());
        for bad in [
            flipped,
            forged,
            foreign,
            good[..good.len() / 2].to_vec(),
            vec![],
        ] {
            std::fs::write(&file, &bad).unwrap();
            assert_eq!(load(&study, "E01").unwrap(), want);
            assert_eq!(std::fs::read(&file).unwrap(), good);
        }
        std::fs::remove_dir_all(study.cache_dir()).unwrap();
        assert_eq!(load(&study, "E01").unwrap(), want);
        assert_eq!(std::fs::read(&file).unwrap(), good);
    }
}
