//! Reading untrusted ZIP archives (`.qdpx` projects, `.docx` and `.odt` transcripts)
//! without zip-slip or zip-bomb surprises. Shared by [`crate::refi`] and
//! [`crate::transcript_import`].
//!
//! Every entry name is checked when the archive is opened: names with `..`,
//! absolute paths, drive letters or NUL bytes make the whole archive refused.
//! Entry contents are read through a counter: the number of bytes actually
//! decompressed (never the sizes claimed by the headers) is bounded per entry,
//! for the whole archive, and against the entry's compressed size (ratio).

use std::fs::File;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

/// Bounds applied while reading an untrusted archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes one entry may decompress to.
    pub max_entry_bytes: u64,
    /// Most bytes all entries read from one archive may decompress to, together.
    pub max_total_bytes: u64,
    /// Highest accepted ratio decompressed / compressed for one entry.
    pub max_ratio: u64,
    /// Entries smaller than this (decompressed) are never refused for their ratio:
    /// a short run of blank lines legitimately compresses very well.
    pub ratio_grace_bytes: u64,
    /// Most entries an archive may list.
    pub max_entries: usize,
}

impl Default for Limits {
    /// Generous for interview transcripts and office documents, far below what
    /// a zip bomb expands to.
    fn default() -> Self {
        Limits {
            max_entry_bytes: 256 * 1024 * 1024,
            max_total_bytes: 1024 * 1024 * 1024,
            max_ratio: 100,
            ratio_grace_bytes: 1024 * 1024,
            max_entries: 100_000,
        }
    }
}

/// What can go wrong while opening or reading an untrusted archive.
#[derive(Debug, thiserror::Error)]
pub enum SafeZipError {
    /// The archive file could not be opened.
    #[error("cannot open archive {archive}: {source}")]
    Open {
        /// The archive.
        archive: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not a readable ZIP archive.
    #[error("{archive} is not a readable ZIP archive: {source}")]
    NotZip {
        /// The archive.
        archive: PathBuf,
        /// The zip crate's error.
        source: zip::result::ZipError,
    },
    /// The archive lists more entries than allowed.
    #[error("{archive} lists {count} entries, more than the {limit} accepted")]
    TooManyEntries {
        /// The archive.
        archive: PathBuf,
        /// Entries listed.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An entry name could escape the extraction folder (zip slip) or is unreadable.
    #[error("{archive}: refused entry {entry:?}: {reason}")]
    UnsafeName {
        /// The archive.
        archive: PathBuf,
        /// The entry name as stored.
        entry: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// No entry has this name.
    #[error("{archive}: no entry named {entry:?}")]
    Missing {
        /// The archive.
        archive: PathBuf,
        /// The name asked for.
        entry: String,
    },
    /// An entry decompresses to more bytes than allowed.
    #[error("{archive}: entry {entry:?} decompresses to more than {limit} bytes (zip bomb?)")]
    EntryTooLarge {
        /// The archive.
        archive: PathBuf,
        /// The entry.
        entry: String,
        /// The per-entry limit.
        limit: u64,
    },
    /// The entries read so far decompress to more bytes than allowed in total.
    #[error(
        "{archive}: reading entry {entry:?} exceeds the {limit}-byte budget for the whole archive (zip bomb?)"
    )]
    TotalTooLarge {
        /// The archive.
        archive: PathBuf,
        /// The entry being read when the budget ran out.
        entry: String,
        /// The total limit.
        limit: u64,
    },
    /// An entry expands far more than real documents do.
    #[error(
        "{archive}: entry {entry:?} expands more than {limit}:1 ({read} bytes from {compressed}) (zip bomb?)"
    )]
    RatioTooHigh {
        /// The archive.
        archive: PathBuf,
        /// The entry.
        entry: String,
        /// Bytes decompressed when the check failed.
        read: u64,
        /// Compressed size of the entry.
        compressed: u64,
        /// The ratio limit.
        limit: u64,
    },
    /// Reading or decompressing an entry failed.
    #[error("{archive}: cannot read entry {entry:?}: {source}")]
    Read {
        /// The archive.
        archive: PathBuf,
        /// The entry.
        entry: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// An opened archive whose entry names have all been checked.
pub struct SafeZip<R: Read + Seek> {
    archive: ZipArchive<R>,
    label: PathBuf,
    names: Vec<String>,
    limits: Limits,
    total_read: u64,
}

impl<R: Read + Seek> std::fmt::Debug for SafeZip<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SafeZip")
            .field("label", &self.label)
            .field("names", &self.names)
            .finish()
    }
}

impl SafeZip<File> {
    /// Opens the archive at `path` and checks every entry name.
    pub fn open(path: &Path, limits: Limits) -> Result<Self, SafeZipError> {
        let file = File::open(path).map_err(|source| SafeZipError::Open {
            archive: path.to_path_buf(),
            source,
        })?;
        SafeZip::new(file, path.to_path_buf(), limits)
    }
}

impl<R: Read + Seek> SafeZip<R> {
    /// Wraps any seekable reader; `label` names the archive in errors.
    pub fn new(reader: R, label: PathBuf, limits: Limits) -> Result<Self, SafeZipError> {
        let archive = ZipArchive::new(reader).map_err(|source| SafeZipError::NotZip {
            archive: label.clone(),
            source,
        })?;
        if archive.len() > limits.max_entries {
            return Err(SafeZipError::TooManyEntries {
                archive: label,
                count: archive.len(),
                limit: limits.max_entries,
            });
        }
        let mut names = Vec::with_capacity(archive.len());
        for raw in archive.file_names_raw() {
            let name = match std::str::from_utf8(raw) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    return Err(SafeZipError::UnsafeName {
                        archive: label,
                        entry: String::from_utf8_lossy(raw).into_owned(),
                        reason: "the name is not valid UTF-8",
                    });
                }
            };
            if let Some(reason) = unsafe_name_reason(&name) {
                return Err(SafeZipError::UnsafeName {
                    archive: label,
                    entry: name,
                    reason,
                });
            }
            names.push(name);
        }
        Ok(SafeZip {
            archive,
            label,
            names,
            limits,
            total_read: 0,
        })
    }

    /// The archive's label (its path) as used in errors.
    pub fn label(&self) -> &Path {
        &self.label
    }

    /// Every entry name, in archive order (directories end with `/`).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Reads one entry fully, enforcing the limits on the bytes actually decompressed.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, SafeZipError> {
        let index =
            self.names
                .iter()
                .position(|n| n == name)
                .ok_or_else(|| SafeZipError::Missing {
                    archive: self.label.clone(),
                    entry: name.to_string(),
                })?;
        let label = self.label.clone();
        let read_err = |source: std::io::Error| SafeZipError::Read {
            archive: label.clone(),
            entry: name.to_string(),
            source,
        };
        let mut entry = self
            .archive
            .by_index(index)
            .map_err(|e| read_err(e.into()))?;
        // A symbolic link's content is its target path, not a file of the archive.
        if entry
            .unix_mode()
            .is_some_and(|mode| mode & 0o170_000 == 0o120_000)
        {
            return Err(SafeZipError::UnsafeName {
                archive: self.label.clone(),
                entry: name.to_string(),
                reason: "the entry is a symbolic link (its content would be the path it points to)",
            });
        }
        let compressed = entry.compressed_size().max(1);
        let mut out = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut read_here: u64 = 0;
        loop {
            let n = entry.read(&mut buf).map_err(read_err)?;
            if n == 0 {
                break;
            }
            read_here += n as u64;
            if read_here > self.limits.max_entry_bytes {
                return Err(SafeZipError::EntryTooLarge {
                    archive: self.label.clone(),
                    entry: name.to_string(),
                    limit: self.limits.max_entry_bytes,
                });
            }
            if self.total_read + read_here > self.limits.max_total_bytes {
                return Err(SafeZipError::TotalTooLarge {
                    archive: self.label.clone(),
                    entry: name.to_string(),
                    limit: self.limits.max_total_bytes,
                });
            }
            if read_here > self.limits.ratio_grace_bytes
                && read_here / compressed > self.limits.max_ratio
            {
                return Err(SafeZipError::RatioTooHigh {
                    archive: self.label.clone(),
                    entry: name.to_string(),
                    read: read_here,
                    compressed,
                    limit: self.limits.max_ratio,
                });
            }
            out.extend_from_slice(buf.get(..n).unwrap_or_default());
        }
        self.total_read += read_here;
        Ok(out)
    }
}

/// Why an entry name is unsafe to use as a relative path, or `None` when it is fine.
///
/// Both `/` and `\` count as separators, since Windows tools write either.
pub fn unsafe_name_reason(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("the name is empty");
    }
    if name.contains('\0') {
        return Some("the name contains a NUL byte");
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return Some("absolute path");
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Some("path with a drive letter");
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return Some("path with a `..` component (zip slip, path traversal)");
    }
    if name.split(['/', '\\']).any(|part| part.contains(':')) {
        return Some("path component with a colon (drive or stream name)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    fn build(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(unsafe_name_reason("sources/a.txt"), None);
        assert_eq!(unsafe_name_reason("Sources\\a.txt"), None);
        assert!(unsafe_name_reason("../evil.txt").is_some());
        assert!(unsafe_name_reason("sources/../../evil").is_some());
        assert!(unsafe_name_reason("..\\evil").is_some());
        assert!(unsafe_name_reason("/etc/passwd").is_some());
        assert!(unsafe_name_reason("C:/Windows/x").is_some());
        assert!(unsafe_name_reason("c:evil").is_some());
    }

    #[test]
    fn zip_slip_archive_is_refused_naming_the_entry() {
        let bytes = build(&[("ok.txt", b"x".to_vec()), ("../../evil.sh", b"y".to_vec())]);
        let err = SafeZip::new(Cursor::new(bytes), "t.zip".into(), Limits::default()).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, SafeZipError::UnsafeName { .. }), "{msg}");
        assert!(
            msg.contains("t.zip") && msg.contains("../../evil.sh"),
            "{msg}"
        );
    }

    #[test]
    fn ratio_and_size_limits_count_real_bytes() {
        let bytes = build(&[("big.txt", vec![b'a'; 4 * 1024 * 1024])]);
        let mut z = SafeZip::new(
            Cursor::new(bytes.clone()),
            "b.zip".into(),
            Limits::default(),
        )
        .unwrap();
        let err = z.read("big.txt").unwrap_err();
        assert!(matches!(err, SafeZipError::RatioTooHigh { .. }), "{err}");
        assert!(err.to_string().contains("big.txt"));

        let limits = Limits {
            max_ratio: u64::MAX,
            max_entry_bytes: 1024 * 1024,
            ..Limits::default()
        };
        let mut z = SafeZip::new(Cursor::new(bytes.clone()), "b.zip".into(), limits).unwrap();
        assert!(matches!(
            z.read("big.txt").unwrap_err(),
            SafeZipError::EntryTooLarge { .. }
        ));

        let limits = Limits {
            max_ratio: u64::MAX,
            max_total_bytes: 5 * 1024 * 1024,
            ..Limits::default()
        };
        let mut z = SafeZip::new(Cursor::new(bytes), "b.zip".into(), limits).unwrap();
        assert_eq!(z.read("big.txt").unwrap().len(), 4 * 1024 * 1024);
        assert!(matches!(
            z.read("big.txt").unwrap_err(),
            SafeZipError::TotalTooLarge { .. }
        ));
    }

    #[test]
    fn small_entries_read_back() {
        let bytes = build(&[("a/b.txt", b"hello".to_vec())]);
        let mut z = SafeZip::new(Cursor::new(bytes), "s.zip".into(), Limits::default()).unwrap();
        assert_eq!(z.names(), &["a/b.txt".to_string()]);
        assert_eq!(z.read("a/b.txt").unwrap(), b"hello");
        assert!(matches!(
            z.read("nope").unwrap_err(),
            SafeZipError::Missing { .. }
        ));
    }
}
