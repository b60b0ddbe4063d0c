//! Reading `.docx` and `.odt` archives through the shared [`crate::safezip`] reader, with
//! limits sized for office documents and errors in the importers' terms.

use std::io::Cursor;
use std::path::PathBuf;

use crate::safezip::{Limits, SafeZip, SafeZipError};

use super::ImportError;

/// Limits for one office document: far more than any transcript, far less than a bomb.
pub const OFFICE_LIMITS: Limits = Limits {
    max_entry_bytes: 64 * 1024 * 1024,
    max_total_bytes: 64 * 1024 * 1024,
    max_ratio: 200,
    ratio_grace_bytes: 1024 * 1024,
    max_entries: 10_000,
};

/// Opens `bytes` (the file `file`) and reads the entry `entry`, within [`OFFICE_LIMITS`].
pub fn read_entry(file: &str, bytes: &[u8], entry: &str) -> Result<Vec<u8>, ImportError> {
    read_entry_with(file, bytes, entry, OFFICE_LIMITS)
}

/// Same as [`read_entry`] with explicit limits (tests use small ones).
pub fn read_entry_with(
    file: &str,
    bytes: &[u8],
    entry: &str,
    limits: Limits,
) -> Result<Vec<u8>, ImportError> {
    let mut zip = SafeZip::new(Cursor::new(bytes), PathBuf::from(file), limits)
        .map_err(|e| convert(file, e))?;
    let copies = central_directory_count(bytes, entry);
    if copies > 1 {
        return Err(ImportError::UnsafeZip {
            file: file.to_string(),
            entry: entry.to_string(),
            reason: format!(
                "the archive holds {copies} entries with this name; refusing an ambiguous \
                 document (another program could show a different text)"
            ),
        });
    }
    zip.read(entry).map_err(|e| convert(file, e))
}

/// How many entries of the central directory are named `entry`. The zip reader keeps only
/// one entry per name, so a second `word/document.xml` (which another program might show
/// instead) is found by walking the central directory itself. Returns 0 when the directory
/// cannot be walked (the zip reader then reports the archive as broken).
fn central_directory_count(bytes: &[u8], entry: &str) -> usize {
    const EOCD: &[u8] = b"PK\x05\x06";
    const HEADER: &[u8] = b"PK\x01\x02";
    let u16_at = |at: usize| -> Option<usize> {
        Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize)
    };
    let u32_at = |at: usize| -> Option<usize> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
    let tail_start = bytes.len().saturating_sub(65_557);
    let Some(eocd) = bytes[tail_start..]
        .windows(4)
        .rposition(|w| w == EOCD)
        .map(|i| tail_start + i)
    else {
        return 0;
    };
    let Some(mut at) = u32_at(eocd + 16) else {
        return 0;
    };
    let mut count = 0;
    while bytes.get(at..at + 4) == Some(HEADER) {
        let (Some(name_len), Some(extra), Some(comment)) =
            (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32))
        else {
            break;
        };
        if bytes.get(at + 46..at + 46 + name_len) == Some(entry.as_bytes()) {
            count += 1;
        }
        at += 46 + name_len + extra + comment;
    }
    count
}

/// Re-expresses an archive error so that the message starts with the file's name.
fn convert(file: &str, err: SafeZipError) -> ImportError {
    let file = file.to_string();
    match err {
        SafeZipError::Open { source, .. } => ImportError::Zip {
            file,
            reason: source.to_string(),
        },
        SafeZipError::NotZip { source, .. } => ImportError::Zip {
            file,
            reason: source.to_string(),
        },
        SafeZipError::TooManyEntries { count, limit, .. } => ImportError::Zip {
            file,
            reason: format!("{count} entries, more than the {limit} accepted"),
        },
        SafeZipError::UnsafeName { entry, reason, .. } => ImportError::UnsafeZip {
            file,
            entry,
            reason: reason.to_string(),
        },
        SafeZipError::Missing { entry, .. } => ImportError::MissingEntry { file, entry },
        SafeZipError::EntryTooLarge { entry, limit, .. } => ImportError::UnsafeZip {
            file,
            entry,
            reason: format!(
                "decompresses to more than {limit} bytes; refusing a possible zip bomb"
            ),
        },
        SafeZipError::TotalTooLarge { entry, limit, .. } => ImportError::UnsafeZip {
            file,
            entry,
            reason: format!(
                "the archive decompresses to more than {limit} bytes; refusing a possible zip bomb"
            ),
        },
        SafeZipError::RatioTooHigh { entry, limit, .. } => ImportError::UnsafeZip {
            file,
            entry,
            reason: format!("compression ratio above {limit}:1; refusing a possible zip bomb"),
        },
        SafeZipError::Read { entry, source, .. } => ImportError::UnsafeZip {
            file,
            entry,
            reason: format!("cannot read the entry: {source}"),
        },
    }
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
    fn reads_a_normal_entry_and_names_a_missing_one() {
        let bytes = make_zip(&[("word/document.xml", b"<a/>")]);
        assert_eq!(
            read_entry("x.docx", &bytes, "word/document.xml").unwrap(),
            b"<a/>"
        );
        let err = read_entry("x.docx", &bytes, "content.xml").unwrap_err();
        assert!(matches!(err, ImportError::MissingEntry { .. }));
        assert!(err.to_string().starts_with("x.docx"));
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
            let err = read_entry("x.docx", &bytes, "ok.xml").unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, ImportError::UnsafeZip { .. }), "{bad}: {msg}");
            assert!(msg.starts_with("x.docx") && msg.contains(bad), "{msg}");
        }
    }

    #[test]
    fn ratio_and_budget_are_counted_on_real_output() {
        let zeros = vec![0u8; 3 * 1024 * 1024];
        let bytes = make_zip(&[("big.xml", &zeros)]);
        let msg = read_entry("bomb.docx", &bytes, "big.xml")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("ratio") && msg.contains("big.xml"), "{msg}");
        let limits = Limits {
            max_total_bytes: 500,
            ..OFFICE_LIMITS
        };
        let bytes = make_zip(&[("a.xml", &[b'a'; 600])]);
        let msg = read_entry_with("two.odt", &bytes, "a.xml", limits)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("a.xml") && msg.contains("zip bomb"), "{msg}");
    }
}
