//! A small, defensive zip reader for `.docx` and `.odt` files received from strangers.
//!
//! Office files are zip archives, and a zip archive can lie: entry names may try to
//! escape a directory (`../../etc/passwd`, `/abs/path`), and a few kilobytes may inflate
//! to gigabytes (a "zip bomb"). We never extract to disk, but we still refuse such archives
//! outright, and we bound what we decompress by counting the bytes actually produced
//! through a limited reader: the sizes written in the zip headers are never trusted.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::ImportError;

/// Total number of decompressed bytes one archive may yield, across all entries read.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Largest accepted ratio between decompressed and compressed size of one entry, checked
/// once the entry has produced more than [`RATIO_GRACE_BYTES`].
pub const MAX_RATIO: u64 = 200;
/// Below this many decompressed bytes, the ratio is not checked (tiny parts compress a lot).
pub const RATIO_GRACE_BYTES: u64 = 1024 * 1024;
/// Largest number of entries accepted in one archive.
pub const MAX_ENTRIES: usize = 10_000;

/// Limits applied while reading one archive (the defaults are the constants above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Total decompressed bytes allowed across every entry read.
    pub max_total_bytes: u64,
    /// Largest decompressed/compressed ratio for an entry.
    pub max_ratio: u64,
    /// Output size under which the ratio is not checked.
    pub ratio_grace_bytes: u64,
    /// Largest number of entries.
    pub max_entries: usize,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_total_bytes: MAX_TOTAL_BYTES,
            max_ratio: MAX_RATIO,
            ratio_grace_bytes: RATIO_GRACE_BYTES,
            max_entries: MAX_ENTRIES,
        }
    }
}

/// An opened archive whose entry names have all been checked, with a decompression budget.
pub struct SafeZip<'a> {
    file: String,
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: ZipLimits,
    archive_len: u64,
    used: u64,
}

impl std::fmt::Debug for SafeZip<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SafeZip")
            .field("file", &self.file)
            .field("entries", &self.archive.len())
            .field("used", &self.used)
            .finish()
    }
}

impl<'a> SafeZip<'a> {
    /// Opens `bytes` as a zip archive named `file` (for messages) with the default limits.
    /// Fails if the archive is unreadable or any entry name is absolute or contains `..`.
    pub fn open(file: &str, bytes: &'a [u8]) -> Result<Self, ImportError> {
        Self::open_with_limits(file, bytes, ZipLimits::default())
    }

    /// Same as [`SafeZip::open`] with explicit limits (tests use small ones).
    pub fn open_with_limits(
        file: &str,
        bytes: &'a [u8],
        limits: ZipLimits,
    ) -> Result<Self, ImportError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Zip {
            file: file.to_string(),
            reason: e.to_string(),
        })?;
        if archive.len() > limits.max_entries {
            return Err(ImportError::Zip {
                file: file.to_string(),
                reason: format!(
                    "{} entries, more than the {} accepted",
                    archive.len(),
                    limits.max_entries
                ),
            });
        }
        for raw in archive.file_names_raw() {
            let name = String::from_utf8_lossy(raw);
            if let Some(reason) = unsafe_name_reason(&name) {
                return Err(ImportError::UnsafeZip {
                    file: file.to_string(),
                    entry: name.into_owned(),
                    reason: reason.to_string(),
                });
            }
        }
        Ok(Self {
            file: file.to_string(),
            archive,
            limits,
            archive_len: bytes.len() as u64,
            used: 0,
        })
    }

    /// Whether the archive has an entry with exactly this name.
    pub fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Reads one entry fully, within the remaining budget and the ratio limit.
    /// A missing entry is [`ImportError::MissingEntry`].
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        let file = self.file.clone();
        let zip_err = |reason: String| ImportError::UnsafeZip {
            file: file.clone(),
            entry: name.to_string(),
            reason,
        };
        let mut entry = match self.archive.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(ImportError::MissingEntry {
                    file: self.file.clone(),
                    entry: name.to_string(),
                });
            }
            Err(e) => return Err(zip_err(format!("cannot read the entry: {e}"))),
        };
        // The compressed size bounds how much input the decompressor may consume; the
        // archive length bounds it too, whatever the header says.
        let compressed = entry.compressed_size().min(self.archive_len).max(1);
        let remaining = self.limits.max_total_bytes.saturating_sub(self.used);
        let mut out = Vec::new();
        let mut limited = (&mut entry).take(remaining.saturating_add(1));
        let mut chunk = [0u8; 64 * 1024];
        loop {
            let n = limited
                .read(&mut chunk)
                .map_err(|e| zip_err(format!("cannot decompress: {e}")))?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(chunk.get(..n).unwrap_or_default());
            let produced = out.len() as u64;
            if produced > remaining {
                return Err(zip_err(format!(
                    "decompresses to more than {} MiB in total; refusing a possible zip bomb",
                    self.limits.max_total_bytes / (1024 * 1024)
                )));
            }
            if produced > self.limits.ratio_grace_bytes
                && produced / compressed > self.limits.max_ratio
            {
                return Err(zip_err(format!(
                    "compression ratio above {}:1; refusing a possible zip bomb",
                    self.limits.max_ratio
                )));
            }
        }
        self.used += out.len() as u64;
        Ok(out)
    }
}

/// Why an entry name is unsafe, if it is: absolute, a drive path, a `..` component, or a NUL.
fn unsafe_name_reason(name: &str) -> Option<&'static str> {
    if name.contains('\0') {
        return Some("entry name contains a NUL byte");
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return Some("absolute path in entry name");
    }
    if matches!(name.as_bytes(), [d, b':', ..] if d.is_ascii_alphabetic()) {
        return Some("drive-letter path in entry name");
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return Some("`..` in entry name (path traversal)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
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
    fn reads_a_normal_entry() {
        let bytes = make_zip(&[("word/document.xml", b"<a/>")]);
        let mut z = SafeZip::open("x.docx", &bytes).unwrap();
        assert!(z.contains("word/document.xml"));
        assert_eq!(z.read("word/document.xml").unwrap(), b"<a/>");
        assert!(matches!(
            z.read("content.xml"),
            Err(ImportError::MissingEntry { .. })
        ));
    }

    #[test]
    fn refuses_traversal_and_absolute_names() {
        for bad in [
            "../evil.txt",
            "a/../../evil",
            "/etc/passwd",
            "C:/x",
            "a\\..\\b",
        ] {
            let bytes = make_zip(&[("ok.xml", b"x"), (bad, b"x")]);
            let err = SafeZip::open("x.docx", &bytes).unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, ImportError::UnsafeZip { .. }), "{bad}: {msg}");
            assert!(msg.contains("x.docx"), "{msg}");
        }
        assert_eq!(unsafe_name_reason("word/document.xml"), None);
        assert_eq!(unsafe_name_reason("a..b/c"), None);
    }

    #[test]
    fn ratio_and_budget_are_counted_on_real_output() {
        let zeros = vec![0u8; 3 * 1024 * 1024];
        let bytes = make_zip(&[("big.xml", &zeros)]);
        let mut z = SafeZip::open("bomb.docx", &bytes).unwrap();
        let msg = z.read("big.xml").unwrap_err().to_string();
        assert!(msg.contains("ratio"), "{msg}");

        let limits = ZipLimits {
            max_total_bytes: 1000,
            ..ZipLimits::default()
        };
        let bytes = make_zip(&[("a.xml", &[b'a'; 600]), ("b.xml", &[b'b'; 600])]);
        let mut z = SafeZip::open_with_limits("two.odt", &bytes, limits).unwrap();
        assert_eq!(z.read("a.xml").unwrap().len(), 600);
        let msg = z.read("b.xml").unwrap_err().to_string();
        assert!(msg.contains("b.xml") && msg.contains("zip bomb"), "{msg}");
    }
}
