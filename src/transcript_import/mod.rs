//! Transcript importers: turn a Word, LibreOffice, subtitle or plain-text file into a glose
//! transcript body (see docs/FORMATS.md).
//!
//! Every importer is a pure function from bytes to text, so the CLI (or the TUI) decides
//! where the result goes. The body is normalised the way glose normalises transcripts on
//! load (no BOM, LF line endings, Unicode NFC), with no trailing spaces and exactly one
//! blank line between paragraphs or turns, so offsets computed later stay stable.
//!
//! Inputs come from strangers: zip archives go through the shared [`crate::safezip`] reader, XML entities are never
//! expanded (a DOCTYPE is refused), and no input makes these functions panic.

mod archive;
mod cue_text;
pub mod docx;
pub mod odt;
pub mod pdf;
pub mod subtitles;
pub mod text;

use std::path::Path;

use quick_xml::events::BytesRef;
use unicode_normalization::UnicodeNormalization;

pub use subtitles::Cue;
pub use text::TextEncoding;

/// Speaker label given to subtitle cues that carry no speaker when others do.
pub const DEFAULT_SPEAKER: &str = "Locuteur";
/// Pause (in milliseconds) that starts a new paragraph when no subtitle cue has a speaker.
pub const DEFAULT_PAUSE_MS: u64 = 2000;

/// The kind of file an import read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word (`.docx`, Office Open XML).
    Docx,
    /// LibreOffice / OpenDocument text (`.odt`).
    Odt,
    /// A PDF's text layer (`.pdf`).
    Pdf,
    /// WebVTT subtitles (`.vtt`).
    Vtt,
    /// SubRip subtitles (`.srt`).
    Srt,
    /// Plain text or Markdown (`.txt`, `.md`), with the encoding that was detected.
    Text {
        /// The detected character encoding.
        encoding: TextEncoding,
    },
}

/// The result of an import: a normalised transcript body plus what the user should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The transcript body, ready to be written after a header (ends with `\n` unless empty).
    pub body: String,
    /// Human-readable remarks (encoding guessed, no text found, …); never fatal.
    pub warnings: Vec<String>,
    /// What the file turned out to be.
    pub detected: Format,
    /// How its speaker turns are laid out, when any label was found.
    pub layout: Option<crate::document::Layout>,
}

impl Imported {
    /// The layout as shown to people (`no speaker labels found` when there is none).
    pub fn layout_description(&self) -> &'static str {
        self.layout
            .map_or("no speaker labels found", crate::document::Layout::describe)
    }
}

/// Settings of an import; [`ImportOptions::default`] is what `import_bytes` uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Label for subtitle cues without a speaker when other cues have one.
    pub default_speaker: String,
    /// When no cue has a speaker, a pause longer than this (ms) starts a new paragraph.
    pub pause_ms: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            default_speaker: DEFAULT_SPEAKER.to_string(),
            pause_ms: DEFAULT_PAUSE_MS,
        }
    }
}

/// Why an import failed. Every message names the file, and the entry or line when known.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The extension is not one we import.
    #[error("{file}: unsupported file type (expected .docx, .odt, .pdf, .vtt, .srt, .txt or .md)")]
    UnsupportedExtension {
        /// The file name as given.
        file: String,
    },
    /// The file has no bytes at all.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file name as given.
        file: String,
    },
    /// The bytes are not a readable zip archive (truncated, garbage, unsupported method).
    #[error("{file}: not a readable zip archive ({reason}); is it really a .docx/.odt file?")]
    Zip {
        /// The file name as given.
        file: String,
        /// What the zip reader said.
        reason: String,
    },
    /// The archive is hostile or too big: path traversal, zip bomb, unreadable entry.
    #[error("{file}: entry `{entry}`: {reason}")]
    UnsafeZip {
        /// The file name as given.
        file: String,
        /// The zip entry concerned.
        entry: String,
        /// What is wrong.
        reason: String,
    },
    /// A part every file of this kind must have is absent.
    #[error("{file}: entry `{entry}` is missing; is it really a .docx/.odt file?")]
    MissingEntry {
        /// The file name as given.
        file: String,
        /// The missing zip entry.
        entry: String,
    },
    /// The XML of an entry is malformed or uses a refused feature (DOCTYPE, entities).
    #[error("{file}: entry `{entry}`, byte {position}: {reason}")]
    Xml {
        /// The file name as given.
        file: String,
        /// The zip entry holding the XML.
        entry: String,
        /// Byte offset in the entry where the problem was found.
        position: u64,
        /// What is wrong.
        reason: String,
    },
    /// A subtitle file could not be parsed.
    #[error("{file}: line {line}: {reason}")]
    Subtitle {
        /// The file name as given.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A PDF that cannot give its text: unreadable, encrypted, a scan, undecodable fonts.
    #[error("{file}: {reason}")]
    Pdf {
        /// The file name as given.
        file: String,
        /// Why it is refused.
        reason: String,
    },
    /// The text is neither valid UTF-8/UTF-16 nor plausibly Windows-1252.
    #[error("{file}: byte {offset}: {reason}")]
    Encoding {
        /// The file name as given.
        file: String,
        /// Byte offset of the first undecodable byte.
        offset: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Imports a transcript with the default options, choosing the importer from the extension
/// of `file_name` (case-insensitive): `.docx`, `.odt`, `.pdf`, `.vtt`, `.srt`, `.txt`, `.md`.
pub fn import_bytes(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    import_bytes_with(file_name, bytes, &ImportOptions::default())
}

/// Same as [`import_bytes`] with explicit [`ImportOptions`].
pub fn import_bytes_with(
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(
        ext.as_str(),
        "docx" | "odt" | "pdf" | "vtt" | "srt" | "txt" | "md"
    ) {
        return Err(ImportError::UnsupportedExtension {
            file: file_name.to_string(),
        });
    }
    if bytes.is_empty() {
        return Err(ImportError::Empty {
            file: file_name.to_string(),
        });
    }
    let mut warnings = Vec::new();
    let (raw, detected) = match ext.as_str() {
        "docx" => (docx::extract_text(file_name, bytes)?, Format::Docx),
        "odt" => (odt::extract_text(file_name, bytes)?, Format::Odt),
        "pdf" => (pdf::extract_text(file_name, bytes)?, Format::Pdf),
        "vtt" | "srt" => subtitles_text(file_name, bytes, ext == "vtt", options, &mut warnings)?,
        _ => {
            let text = text::decode(file_name, bytes)?;
            if let Some(w) = text.warning(file_name) {
                warnings.push(w);
            }
            let encoding = text.encoding;
            (text.text, Format::Text { encoding })
        }
    };
    let body = normalize_body(&raw);
    if body.is_empty() {
        warnings.push(format!("{file_name}: no text found"));
    } else if body.starts_with("---\n") {
        warnings.push(format!(
            "{file_name}: the text starts with a `---` line, which glose would read as a \
             header if no header is written before it"
        ));
    }
    let layout = read_as_glose(file_name, &body, &mut warnings);
    Ok(Imported {
        body,
        warnings,
        detected,
        layout,
    })
}

/// Converts a WebVTT (`vtt`) or SubRip subtitle file into speaker turns, warning about
/// its encoding, empty cues, cues without a speaker and odd timings.
fn subtitles_text(
    file_name: &str,
    bytes: &[u8],
    vtt: bool,
    options: &ImportOptions,
    warnings: &mut Vec<String>,
) -> Result<(String, Format), ImportError> {
    let text = text::decode(file_name, bytes)?;
    if let Some(w) = text.warning(file_name) {
        warnings.push(w);
    }
    let ((cues, empty), format) = if vtt {
        (
            subtitles::parse_vtt_with_empty(file_name, &text.text)?,
            Format::Vtt,
        )
    } else {
        (
            subtitles::parse_srt_with_empty(file_name, &text.text)?,
            Format::Srt,
        )
    };
    warnings.extend(subtitles::empty_cue_warnings(file_name, &empty));
    let unlabelled = cues.iter().filter(|c| c.speaker.is_none()).count();
    if unlabelled > 0 && unlabelled < cues.len() {
        warnings.push(format!(
            "{file_name}: {unlabelled} cue(s) without a speaker were given the label \
             \"{}\"",
            options.default_speaker
        ));
    }
    warnings.extend(subtitles::timing_warnings(file_name, &cues));
    Ok((subtitles::cues_to_body(&cues, options), format))
}

/// Reads the body as glose will, to say which layout was found and what is ambiguous.
fn read_as_glose(
    file_name: &str,
    body: &str,
    warnings: &mut Vec<String>,
) -> Option<crate::document::Layout> {
    let labels: Vec<String> = crate::document::DEFAULT_INTERVIEWER_LABELS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let doc = crate::document::Document::parse("", Path::new(file_name), body, &labels);
    for w in &doc.structure_warnings {
        warnings.push(format!(
            "{file_name}: converted text, line {}: {}",
            w.line, w.message
        ));
    }
    doc.layout
}

/// Normalises text into a glose body: no BOM, LF line endings (CR, CRLF, vertical tab,
/// form feed and Unicode line/paragraph separators become LF), NFC, no trailing
/// whitespace, no leading or trailing blank lines, and exactly one blank line between
/// paragraphs. A non-empty result ends with a single `\n`.
pub fn normalize_body(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{0b}', '\u{0c}', '\u{2028}'], "\n")
        .replace('\u{2029}', "\n\n");
    let nfc: String = unified.nfc().collect();
    let mut out = String::with_capacity(nfc.len() + 1);
    let mut pending_blank = false;
    for line in nfc.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Where an XML part comes from, to build errors and resolve references safely.
pub(crate) struct XmlPart<'a> {
    /// The file name as given.
    pub file: &'a str,
    /// The zip entry holding the XML.
    pub entry: &'a str,
}

impl XmlPart<'_> {
    /// An [`ImportError::Xml`] at `position`.
    pub fn error(&self, position: u64, reason: impl Into<String>) -> ImportError {
        ImportError::Xml {
            file: self.file.to_string(),
            entry: self.entry.to_string(),
            position,
            reason: reason.into(),
        }
    }

    /// The XML text of the part: UTF-8 (a BOM is skipped); anything else is an error.
    pub fn decode<'b>(&self, bytes: &'b [u8]) -> Result<&'b str, ImportError> {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        std::str::from_utf8(bytes)
            .map_err(|e| self.error(e.valid_up_to() as u64, "the XML is not valid UTF-8"))
    }

    /// The error for a DOCTYPE: we never process DTDs, so entity declarations cannot expand.
    pub fn doctype_error(&self, position: u64) -> ImportError {
        self.error(
            position,
            "DOCTYPE/ENTITY declarations are refused (entities are never expanded)",
        )
    }

    /// Resolves `&…;`: character references and the five predefined XML entities only.
    pub fn resolve_ref(&self, position: u64, r: &BytesRef<'_>) -> Result<char, ImportError> {
        match r.resolve_char_ref() {
            // XML 1.0 forbids most controls even as references; a reference to ESC, BEL or
            // a C1 control would reach the terminal (or hide text), so it is refused.
            Ok(Some(c)) if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {
                return Err(self.error(
                    position,
                    format!(
                        "character reference to the control character U+{:04X} is refused",
                        c as u32
                    ),
                ));
            }
            Ok(Some(c)) => return Ok(c),
            Ok(None) => {}
            Err(e) => return Err(self.error(position, format!("bad character reference: {e}"))),
        }
        let name: &str = r;
        match name {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            other => Err(self.error(
                position,
                format!("undefined entity `&{other};` (entities are never expanded)"),
            )),
        }
    }
}

/// Pushes the paragraph in `buf` (if it has visible text) onto `paragraphs` and clears it.
pub(crate) fn flush_paragraph(buf: &mut String, paragraphs: &mut Vec<String>) {
    if !buf.trim().is_empty() {
        paragraphs.push(std::mem::take(buf));
    }
    buf.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_body_rules() {
        let input = "\u{feff}\r\n\r\nA  \r\nb\t\r\n\r\n\r\n\rC\u{a0}\n\n";
        assert_eq!(normalize_body(input), "A\nb\n\nC\n");
        // NFD "é" (e + combining acute) becomes the single NFC code point.
        assert_eq!(normalize_body("cafe\u{301}"), "caf\u{e9}\n");
        assert_eq!(normalize_body(" \n\t\n"), "");
    }

    #[test]
    fn a_pdf_goes_through_the_same_layout_detection_as_text() {
        let pdf = pdf::tests::tiny_pdf(&[
            "[00:00:04] Intervieweuse : Bonjour, merci d’être là.",
            "",
            "[00:01:05] Fondatrice : On a lancé sur Instagram.",
            "[00:01:09] Puis la boutique est venue.",
        ]);
        let ok = import_bytes("E20.pdf", &pdf).unwrap();
        assert_eq!(ok.detected, Format::Pdf);
        assert_eq!(ok.layout, Some(crate::document::Layout::TimeLabel));
        let doc = crate::document::Document::parse("E20", Path::new("E20.txt"), &ok.body, &[]);
        assert_eq!(doc.turns.len(), 2, "{}", ok.body);
        let boutique = doc.char_of(doc.text.find("la boutique").unwrap());
        assert_eq!(doc.time_at(boutique), Some(69));
    }

    #[test]
    fn dispatch_on_extension() {
        let err = import_bytes("notes.pdf", b"x").unwrap_err();
        assert!(err.to_string().contains("notes.pdf"));
        let err = import_bytes("E01.TXT", b"").unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }));
        let ok = import_bytes("E01.Md", b"Q : bonjour\r\n").unwrap();
        assert_eq!(ok.body, "Q : bonjour\n");
        assert_eq!(
            ok.detected,
            Format::Text {
                encoding: TextEncoding::Utf8
            }
        );
        assert!(matches!(
            import_bytes("noext", b"x"),
            Err(ImportError::UnsupportedExtension { .. })
        ));
    }
}
