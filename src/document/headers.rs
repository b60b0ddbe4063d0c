//! Each transcript's parsed header, kept under `.glose/cache/documents/headers.txt` so that
//! opening a study (every command does) reads no transcript whose file did not change.
//!
//! One line per transcript: its path (relative to the study root), size, modification
//! time, then what [`super::parse_header`] made of its header (fields, line count, body
//! offset, problems). Keyed as git's index keys a file ([`Stamp`]): a record is used only
//! when the file's size and time are the ones recorded and the file was modified two
//! seconds or more before the record file was written (the racy rule, with the search
//! manifest's margin); otherwise the header is read again. The first line holds
//! the format and a checksum of the rest, so a damaged file is ignored as a whole.
//! Derived data: safe to delete, rewritten only when something changed, and a study that
//! cannot be written simply goes without it.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::{Header, HeaderProblem};
use crate::fsutil::{Stamp, mtime};

/// Version of the file's format.
const FORMAT: u32 = 1;

/// The name of the record inside `.glose/cache/documents/`.
pub const HEADERS_FILE: &str = "headers.txt";

/// What a transcript's header was when its file had a given stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The file's size and modification time then.
    pub stamp: Stamp,
    /// The parsed header.
    pub header: Header,
    /// Its problems.
    pub problems: Vec<HeaderProblem>,
}

/// The headers recorded when the study was last opened.
#[derive(Debug)]
pub struct HeaderRecord {
    file: PathBuf,
    /// When the file was written (its modification time).
    written: Option<(u64, u32)>,
    known: FxHashMap<String, Recorded>,
}

impl HeaderRecord {
    /// The record at `file` (empty when it is missing or damaged).
    pub fn open(file: PathBuf) -> Self {
        let written = std::fs::metadata(&file).ok().and_then(|m| mtime(&m));
        let known = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| parse(&text))
            .unwrap_or_default();
        Self {
            file,
            written,
            known,
        }
    }

    /// Number of transcripts recorded (and not taken yet).
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// Whether nothing is recorded (or everything was taken).
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// Takes the header recorded for the transcript at `key` if it can be trusted for a
    /// file stamped `stamp`: same size and time, and modified before the record was
    /// written. A record that does not fit is dropped all the same.
    pub fn take(&mut self, key: &str, stamp: Stamp) -> Option<(Header, Vec<HeaderProblem>)> {
        let found = self.known.remove(key)?;
        let written = self.written?;
        (found.stamp == stamp && settled(stamp.mtime, written))
            .then_some((found.header, found.problems))
    }

    /// Writes `entries` (key and what was read) as the new record, atomically (errors
    /// ignored: a record that cannot be written only costs time).
    pub fn save<'a>(&self, entries: impl IntoIterator<Item = (&'a str, &'a Recorded)>) {
        let mut body = String::new();
        for (key, r) in entries {
            push_line(&mut body, key, r);
        }
        super::record::write(&self.file, "headers", FORMAT, &body);
    }
}

/// How long before the record was written a file must have been modified for its stamp
/// to be trusted: two seconds, the coarsest time granularity in use (FAT), as the search
/// index's manifest requires. git's racy rule, made safe for any file system: a change in
/// the same tick as the record (or restored to the same time) is read again.
const RACY_SECS: u64 = 2;

/// Whether a file modified at `mtime` is old enough, for a record written at `written`.
fn settled(mtime: (u64, u32), written: (u64, u32)) -> bool {
    (mtime.0.saturating_add(RACY_SECS), mtime.1) <= written
}

/// The record's path for a study whose derived-data folder is `cache_dir` (`.glose/`).
pub fn record_file(cache_dir: &Path) -> PathBuf {
    cache_dir.join("cache").join("documents").join(HEADERS_FILE)
}

/// Appends `s` with its tabs, line breaks and backslashes escaped.
fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// `s` with the escapes of [`push_escaped`] undone; `None` for an unknown escape.
fn unescape(s: &str) -> Option<String> {
    if !s.contains('\\') {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

/// One line: key, size, seconds, nanoseconds, header lines, body start, field count,
/// problem count, then each field's key and value, then each problem's line and message.
fn push_line(out: &mut String, key: &str, r: &Recorded) {
    use std::fmt::Write;
    push_escaped(out, key);
    let _ = write!(
        out,
        "\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        r.stamp.size,
        r.stamp.mtime.0,
        r.stamp.mtime.1,
        r.header.lines,
        r.header.body_start,
        r.header.fields.len(),
        r.problems.len()
    );
    for (k, v) in &r.header.fields {
        out.push('\t');
        push_escaped(out, k);
        out.push('\t');
        push_escaped(out, v);
    }
    for p in &r.problems {
        let _ = write!(out, "\t{}\t", p.line);
        push_escaped(out, &p.message);
    }
    out.push('\n');
}

fn parse(text: &str) -> Option<FxHashMap<String, Recorded>> {
    let body = super::record::body(text, "headers", FORMAT)?;
    let mut known = FxHashMap::default();
    for line in body.lines() {
        let (key, recorded) = parse_line(line)?;
        known.insert(key, recorded);
    }
    Some(known)
}

fn parse_line(line: &str) -> Option<(String, Recorded)> {
    let mut f = line.split('\t');
    let key = unescape(f.next()?)?;
    let mut num = || -> Option<u64> { f.next()?.parse().ok() };
    let size = num()?;
    let secs = num()?;
    let nanos = u32::try_from(num()?).ok()?;
    let lines = usize::try_from(num()?).ok()?;
    let body_start = usize::try_from(num()?).ok()?;
    let n_fields = usize::try_from(num()?).ok()?;
    let n_problems = usize::try_from(num()?).ok()?;
    let mut fields = Vec::with_capacity(n_fields.min(1024));
    for _ in 0..n_fields {
        fields.push((unescape(f.next()?)?, unescape(f.next()?)?));
    }
    let mut problems = Vec::with_capacity(n_problems.min(1024));
    for _ in 0..n_problems {
        let line = f.next()?.parse().ok()?;
        problems.push(HeaderProblem {
            line,
            message: unescape(f.next()?)?,
        });
    }
    if f.next().is_some() {
        return None;
    }
    let recorded = Recorded {
        stamp: Stamp {
            size,
            mtime: (secs, nanos),
        },
        header: Header {
            fields,
            lines,
            body_start,
        },
        problems,
    };
    Some((key, recorded))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Recorded {
        Recorded {
            stamp: Stamp {
                size: 1234,
                mtime: (1_700_000_000, 123_456_789),
            },
            header: Header {
                fields: vec![
                    ("id".into(), "E01".into()),
                    ("note".into(), "tab\there \\ back\\slash, é".into()),
                ],
                lines: 4,
                body_start: 57,
            },
            problems: vec![HeaderProblem {
                line: 3,
                message: "header line \"x\" is not `key: value`".into(),
            }],
        }
    }

    #[test]
    fn a_line_reads_back_as_written() {
        let r = sample();
        let mut body = String::new();
        push_line(&mut body, "corpus/E\t01.txt", &r);
        assert_eq!(body.matches('\n').count(), 1);
        let (key, back) = parse_line(body.trim_end_matches('\n')).unwrap();
        assert_eq!(key, "corpus/E\t01.txt");
        assert_eq!(back, r);
    }

    #[test]
    fn a_damaged_record_is_ignored_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("headers.txt");
        let r = sample();
        HeaderRecord::open(file.clone()).save([("corpus/E01.txt", &r)]);
        let good = std::fs::read_to_string(&file).unwrap();
        assert_eq!(HeaderRecord::open(file.clone()).len(), 1);
        let forged = good.replace("E01", "E02");
        for bad in [forged.as_str(), "", "garbage", &good[..good.len() - 3]] {
            std::fs::write(&file, bad).unwrap();
            assert!(HeaderRecord::open(file.clone()).is_empty(), "{bad:?}");
        }
    }

    #[test]
    fn a_record_is_trusted_only_for_its_stamp_and_an_older_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("headers.txt");
        let r = sample();
        HeaderRecord::open(file.clone()).save([("k", &r)]);
        let mut other = r.stamp;
        other.size += 1;
        assert!(HeaderRecord::open(file.clone()).take("k", other).is_none());
        assert!(
            HeaderRecord::open(file.clone())
                .take("j", r.stamp)
                .is_none()
        );
        let mut record = HeaderRecord::open(file.clone());
        assert_eq!(record.take("k", r.stamp), Some((r.header, r.problems)));
        assert!(record.is_empty());
        // A file modified less than two seconds before the record was written (the same
        // tick on any file system) is read again.
        let set_written = |t| crate::testkit::set_mtime(&file, t).unwrap();
        let at = std::time::UNIX_EPOCH + std::time::Duration::new(r.stamp.mtime.0, r.stamp.mtime.1);
        let window = std::time::Duration::from_secs(RACY_SECS);
        for racy in [at, at + window - std::time::Duration::from_nanos(1)] {
            set_written(racy);
            let mut record = HeaderRecord::open(file.clone());
            assert!(record.take("k", r.stamp).is_none());
        }
        set_written(at + window);
        let mut record = HeaderRecord::open(file.clone());
        assert!(record.take("k", r.stamp).is_some());
    }
}
