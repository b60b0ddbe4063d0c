//! The length in characters of each transcript's normalised body, kept under
//! `.glose/cache/documents/lengths.txt` so that a count (`glose matrix`) does not read and
//! normalise every transcript only to know where its text ends.
//!
//! One line per transcript: its path, size, modification time and body length, keyed as
//! git's index keys a file ([`Stamp`]): a length is used only when the file's size and
//! time are the ones recorded and the file is older than the cache file (the racy rule);
//! otherwise the transcript is read again. The first line holds the format and a checksum
//! of the rest, so a damaged file is ignored as a whole. Derived data: safe to delete.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::fsutil::{Stamp, mtime};
use crate::study::{Study, StudyError};

/// Version of the file's format.
const FORMAT: u32 = 1;

/// The body lengths known, and those measured since they were read.
#[derive(Debug)]
pub struct BodyLengths {
    file: PathBuf,
    /// When the file was written (its modification time).
    written: Option<(u64, u32)>,
    known: HashMap<String, (Stamp, usize)>,
    changed: bool,
}

impl BodyLengths {
    /// The lengths recorded for `study` (none when the file is missing or damaged).
    pub fn open(study: &Study) -> Self {
        let file = study.documents_cache_dir().join("lengths.txt");
        let written = std::fs::metadata(&file).ok().and_then(|m| mtime(&m));
        let known = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| parse(&text))
            .unwrap_or_default();
        Self {
            file,
            written,
            known,
            changed: false,
        }
    }

    /// The length in chars of the normalised body of `doc_id`, from the record when the
    /// transcript did not change, else read and measured.
    pub fn get(&mut self, study: &Study, doc_id: &str) -> Result<usize, StudyError> {
        let entry = study.entry(doc_id)?;
        let key = entry.path.to_string_lossy().into_owned();
        let stamp = std::fs::metadata(&entry.path)
            .ok()
            .and_then(|m| Stamp::of(&m));
        if let (Some(stamp), Some(written), Some((known, len))) =
            (stamp, self.written, self.known.get(&key))
            && *known == stamp
            && stamp.older_than(written)
        {
            return Ok(*len);
        }
        let len = measure(&entry.path)?;
        if let Some(stamp) = stamp {
            self.known.insert(key, (stamp, len));
            self.changed = true;
        }
        Ok(len)
    }

    /// Writes the lengths back if any was measured (errors ignored: only time is lost).
    pub fn save(&self) {
        if !self.changed {
            return;
        }
        let mut keys: Vec<&String> = self.known.keys().collect();
        keys.sort();
        let mut body = String::new();
        for k in keys {
            if let Some((s, len)) = self.known.get(k)
                && !k.contains(['\t', '\n'])
            {
                body.push_str(&format!(
                    "{k}\t{}\t{}\t{}\t{len}\n",
                    s.size, s.mtime.0, s.mtime.1
                ));
            }
        }
        super::record::write(&self.file, "lengths", FORMAT, &body);
    }
}

fn parse(text: &str) -> Option<HashMap<String, (Stamp, usize)>> {
    let body = super::record::body(text, "lengths", FORMAT)?;
    let mut known = HashMap::new();
    for line in body.lines() {
        let mut f = line.split('\t');
        let path = f.next()?.to_string();
        let size = f.next()?.parse().ok()?;
        let secs = f.next()?.parse().ok()?;
        let nanos = f.next()?.parse().ok()?;
        let len = f.next()?.parse().ok()?;
        let stamp = Stamp {
            size,
            mtime: (secs, nanos),
        };
        known.insert(path, (stamp, len));
    }
    Some(known)
}

/// The length in chars of a transcript's normalised body, read without finding its turns
/// and sentences.
pub fn measure(path: &Path) -> Result<usize, StudyError> {
    let bytes = std::fs::read(path).map_err(|source| super::DocumentError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let raw = super::decode_utf8(path, &bytes)?;
    let normalized = crate::text::normalize(raw);
    let (header, _) = super::parse_header(&normalized);
    Ok(normalized
        .get(header.body_start..)
        .map_or(0, |body| body.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn study_with(text: &str) -> (tempfile::TempDir, Study) {
        let dir = crate::testkit::one_document_study(text).unwrap();
        let study = Study::open(dir.path()).unwrap();
        (dir, study)
    }

    fn set_mtime(path: &Path, t: SystemTime) {
        crate::testkit::set_mtime(path, t).unwrap();
    }

    #[test]
    fn a_length_is_remembered_until_its_transcript_changes() {
        let (dir, study) = study_with("---\nid: E01\n---\nBonjour é\n");
        let path = dir.path().join("corpus/E01.txt");
        let old = SystemTime::now() - Duration::from_secs(600);
        set_mtime(&path, old);
        let expected = measure(&path).unwrap();
        assert_eq!(expected, "Bonjour é\n".chars().count());
        let mut lengths = BodyLengths::open(&study);
        assert_eq!(lengths.get(&study, "E01").unwrap(), expected);
        lengths.save();
        // Remembered: the file put back with other bytes, same size and time, is not read.
        std::fs::write(&path, "---\nid: E01\n---\nBonsoir e\n\n").unwrap();
        set_mtime(&path, old);
        let mut again = BodyLengths::open(&study);
        assert_eq!(again.get(&study, "E01").unwrap(), expected);
        // A new time: measured again.
        set_mtime(&path, old + Duration::from_secs(1));
        let mut again = BodyLengths::open(&study);
        assert_eq!(again.get(&study, "E01").unwrap(), measure(&path).unwrap());
        assert_ne!(measure(&path).unwrap(), expected);
        again.save();
        // Not older than the cache file (same tick): measured again, whatever it records.
        let file = study.cache_dir().join("cache/documents/lengths.txt");
        let written = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::fs::write(&path, "---\nid: E01\n---\nAu revoir !!\n").unwrap();
        set_mtime(&path, old + Duration::from_secs(1));
        set_mtime(&path, written);
        let mut racy = BodyLengths::open(&study);
        assert_eq!(racy.get(&study, "E01").unwrap(), measure(&path).unwrap());
    }

    #[test]
    fn a_damaged_or_deleted_file_is_ignored() {
        let (dir, study) = study_with("---\nid: E01\n---\nBonjour\n");
        let path = dir.path().join("corpus/E01.txt");
        set_mtime(&path, SystemTime::now() - Duration::from_secs(600));
        let mut lengths = BodyLengths::open(&study);
        lengths.get(&study, "E01").unwrap();
        lengths.save();
        let file = study.cache_dir().join("cache/documents/lengths.txt");
        let good = std::fs::read_to_string(&file).unwrap();
        // A forged length without its checksum is not believed.
        let forged = good.replace("\t8\n", "\t999\n");
        assert_ne!(forged, good);
        for bad in [forged.as_str(), "", "garbage", &good[..good.len() - 3]] {
            std::fs::write(&file, bad).unwrap();
            let mut l = BodyLengths::open(&study);
            assert_eq!(l.get(&study, "E01").unwrap(), 8);
        }
        std::fs::remove_dir_all(study.cache_dir()).unwrap();
        let mut l = BodyLengths::open(&study);
        assert_eq!(l.get(&study, "E01").unwrap(), 8);
        l.save();
        assert!(file.is_file());
    }
}
