//! Character-encoding detection for plain-text transcripts (`.txt`, `.md`) and subtitles.
//!
//! Old transcripts were typed on Windows machines long before UTF-8 was the default, so we
//! accept: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM), and otherwise
//! Windows-1252, but only when the bytes look like Windows-1252 text. Anything else is an
//! error naming the first byte that is not valid UTF-8, rather than silent mojibake.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::ImportError;

/// The character encoding a text file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian (byte-order mark `FF FE`).
    Utf16Le,
    /// UTF-16, big-endian (byte-order mark `FE FF`).
    Utf16Be,
    /// Windows-1252 (Western European), guessed because the bytes were not UTF-8.
    Windows1252,
}

impl TextEncoding {
    /// The usual name of the encoding, for messages.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The decoded text (BOM removed, otherwise untouched).
    pub text: String,
    /// The encoding detected.
    pub encoding: TextEncoding,
}

impl DecodedText {
    /// A warning for the user when the file was not UTF-8, naming the detected encoding.
    pub fn warning(&self, file: &str) -> Option<String> {
        match self.encoding {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => None,
            TextEncoding::Windows1252 => Some(format!(
                "{file}: not UTF-8; read as Windows-1252 (check the accents in the result)"
            )),
            other => Some(format!(
                "{file}: read as {} and converted to UTF-8",
                other.name()
            )),
        }
    }
}

/// Decodes `bytes` (named `file` in messages) following the module's rules.
pub fn decode(file: &str, bytes: &[u8]) -> Result<DecodedText, ImportError> {
    let ok = |text: String, encoding| Ok(DecodedText { text, encoding });
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return match std::str::from_utf8(rest) {
            Ok(s) => ok(s.to_string(), TextEncoding::Utf8Bom),
            Err(e) => Err(encoding_error(
                file,
                e.valid_up_to() + 3,
                "invalid UTF-8 although the file starts with a UTF-8 byte-order mark",
            )),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return decode_utf16(file, rest, true).map(|t| DecodedText {
            text: t,
            encoding: TextEncoding::Utf16Le,
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return decode_utf16(file, rest, false).map(|t| DecodedText {
            text: t,
            encoding: TextEncoding::Utf16Be,
        });
    }
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(s) => return ok(s.to_string(), TextEncoding::Utf8),
        Err(e) => e.valid_up_to(),
    };
    // Old DOS files may end with Ctrl-Z padding.
    let trimmed = trim_ctrl_z(bytes);
    let mut utf8_multibyte = 0usize;
    let mut invalid_runs = 0usize;
    for chunk in trimmed.utf8_chunks() {
        utf8_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid_runs += 1;
        }
    }
    if utf8_multibyte > invalid_runs {
        return Err(encoding_error(
            file,
            first_bad,
            "invalid UTF-8 in a file that is otherwise UTF-8 (damaged or mixed encodings)",
        ));
    }
    if let Some(reason) = implausible_1252(trimmed) {
        return Err(encoding_error(
            file,
            first_bad,
            &format!("invalid UTF-8, and not Windows-1252 text either ({reason})"),
        ));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(trimmed);
    ok(text.into_owned(), TextEncoding::Windows1252)
}

/// Decodes UTF-16 (without its BOM); an unpaired surrogate or odd length is an error.
fn decode_utf16(file: &str, bytes: &[u8], little_endian: bool) -> Result<String, ImportError> {
    let encoding = if little_endian { UTF_16LE } else { UTF_16BE };
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    // Find the offset of the first bad unit for the message (2 = the BOM).
    let units = bytes.chunks_exact(2).map(|p| match p {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0,
    });
    let mut offset = 2 + bytes.len() - bytes.len() % 2;
    let mut pos = 2;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => pos += 2 * c.len_utf16(),
            Err(_) => {
                offset = pos;
                break;
            }
        }
    }
    let name = if little_endian {
        "UTF-16LE"
    } else {
        "UTF-16BE"
    };
    Err(encoding_error(
        file,
        offset,
        &format!("invalid {name} (unpaired surrogate or odd number of bytes)"),
    ))
}

/// Removes trailing Ctrl-Z (0x1A) bytes.
fn trim_ctrl_z(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b != 0x1a).map_or(0, |i| i + 1);
    bytes.get(..end).unwrap_or(bytes)
}

/// Why `bytes` would not be Windows-1252 text, if so: NUL or control bytes, or bytes that
/// Windows-1252 leaves undefined.
fn implausible_1252(bytes: &[u8]) -> Option<String> {
    for (i, &b) in bytes.iter().enumerate() {
        let bad = match b {
            0x00 => Some("NUL byte; UTF-16 without a byte-order mark or a binary file?"),
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => None,
            0x01..=0x1f | 0x7f => Some("control byte, not text"),
            0x81 | 0x8d | 0x8f | 0x90 | 0x9d => Some("byte undefined in Windows-1252"),
            _ => None,
        };
        if let Some(reason) = bad {
            return Some(format!("{reason} at byte {i}"));
        }
    }
    None
}

fn encoding_error(file: &str, offset: usize, reason: &str) -> ImportError {
    ImportError::Encoding {
        file: file.to_string(),
        offset,
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("a.txt", "é".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("é", TextEncoding::Utf8));
        assert_eq!(d.warning("a.txt"), None);
        let d = decode("a.txt", b"\xef\xbb\xbfx").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("x", TextEncoding::Utf8Bom));
    }

    #[test]
    fn utf16_both_orders() {
        // "é«" in UTF-16LE and UTF-16BE, with BOMs.
        let d = decode("a.txt", b"\xff\xfe\xe9\x00\xab\x00").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("é«", TextEncoding::Utf16Le));
        assert!(d.warning("a.txt").unwrap().contains("UTF-16LE"));
        let d = decode("a.txt", b"\xfe\xff\x00\xe9\x00\xab").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("é«", TextEncoding::Utf16Be));
        // A lone high surrogate (D800) at byte 4.
        let err = decode("a.txt", b"\xff\xfeA\x00\x00\xd8B\x00").unwrap_err();
        assert!(
            matches!(err, ImportError::Encoding { offset: 4, .. }),
            "{err}"
        );
        let err = decode("a.txt", b"\xff\xfeA\x00B").unwrap_err();
        assert!(
            matches!(err, ImportError::Encoding { offset: 4, .. }),
            "{err}"
        );
    }

    #[test]
    fn windows_1252_fallback() {
        // "Caf\xe9 \xab oui \xbb \x80" is "Café « oui » €" in Windows-1252.
        let d = decode("v.txt", b"Caf\xe9 \xab oui \xbb \x80\x1a\x1a").unwrap();
        assert_eq!(d.text, "Café « oui » €");
        assert_eq!(d.encoding, TextEncoding::Windows1252);
        assert!(d.warning("v.txt").unwrap().contains("Windows-1252"));
    }

    #[test]
    fn refuses_binary_and_damaged_utf8() {
        let err = decode("b.txt", b"ab\xff\x00\x01").unwrap_err();
        assert!(
            matches!(err, ImportError::Encoding { offset: 2, .. }),
            "{err}"
        );
        assert!(err.to_string().starts_with("b.txt: byte 2:"), "{err}");
        // Mostly UTF-8 ("é" twice) with one stray byte.
        let err = decode(
            "m.txt",
            "éé \u{e0}"
                .as_bytes()
                .iter()
                .chain(b"\xe9")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("otherwise UTF-8"), "{err}");
        assert!(decode("u.txt", b"x\x81y").is_err());
    }
}
