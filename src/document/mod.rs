//! The document model: a transcript's normalised text, header, turns, paragraphs and
//! sentences, all in char offsets of the body.

mod cache;
mod header;
pub mod headers;
pub mod lengths;
mod record;
pub(crate) use record::checksum as record_checksum;
mod sentences;
mod turns;
mod units;

use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use header::{Header, HeaderProblem, parse_header};
pub use sentences::{SEGMENTER_VERSION, sentences as split_sentences};
pub use turns::{
    COMMON_RESPONDENT_LABELS, DEFAULT_INTERVIEWER_LABELS, LabelMatch, Layout, Role,
    StructureWarning, TimeMark, Turn, format_timestamp, match_label, parse_clock, parse_timestamp,
};

use crate::text::{CharIndex, normalize};

/// Errors that make a transcript unreadable.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The transcript.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not UTF-8.
    #[error(
        "{path}:{line}: invalid UTF-8 at byte {byte}: save the file as UTF-8 \
         (or import it with `glose import transcript`, which converts UTF-16 and Windows-1252)"
    )]
    InvalidUtf8 {
        /// The transcript.
        path: PathBuf,
        /// 1-based line of the invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        byte: usize,
    },
}

impl DocumentError {
    /// The 1-based line of the problem, if it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DocumentError::InvalidUtf8 { line, .. } => Some(*line),
            DocumentError::Io { .. } => None,
        }
    }

    /// The problem without the file name (for diagnostics that name the file already).
    pub fn message(&self) -> String {
        match self {
            DocumentError::Io { source, .. } => format!("cannot read: {source}"),
            DocumentError::InvalidUtf8 { byte, .. } => format!(
                "invalid UTF-8 at byte {byte}: save the file as UTF-8 (or import it with \
                 `glose import transcript`, which converts UTF-16 and Windows-1252)"
            ),
        }
    }
}

/// A loaded transcript.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document id (header `id`, else the file name without extension).
    pub id: String,
    /// Where the transcript lives.
    pub path: PathBuf,
    /// The parsed header.
    pub header: Header,
    /// Header problems, reported by `glose check`.
    pub header_problems: Vec<HeaderProblem>,
    /// The normalised body: every offset in glose points into this text.
    pub text: String,
    /// Speaker turns in order.
    pub turns: Vec<Turn>,
    /// Paragraphs (blocks separated by blank lines; a turn label starts a new one).
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences, never crossing a paragraph.
    pub sentences: Vec<Range<usize>>,
    /// The layout of the speaker turns, when any label was found.
    pub layout: Option<Layout>,
    /// Ambiguous or bad turns and times, reported by `glose check` and on import.
    pub structure_warnings: Vec<StructureWarning>,
    /// Hash of the normalised body, so codings can tell when the text changed.
    pub hash: String,
    index: CharIndex,
    /// The number of words, counted on first use (or taken from the cache).
    words: std::sync::OnceLock<usize>,
}

impl Document {
    /// Reads and parses a transcript file.
    pub fn load(path: &Path, interviewer_labels: &[String]) -> Result<Self, DocumentError> {
        Self::load_cached(path, interviewer_labels, None)
    }

    /// Reads and parses a transcript file, taking its structure from the cache folder
    /// `cache` (`.glose/cache/documents/`) when an entry there is valid for the file's
    /// bytes, and writing one otherwise. Same document as [`Document::load`].
    pub fn load_cached(
        path: &Path,
        interviewer_labels: &[String],
        cache: Option<&Path>,
    ) -> Result<Self, DocumentError> {
        let bytes = std::fs::read(path).map_err(|source| DocumentError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let raw = decode_utf8(path, &bytes)?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(match cache {
            Some(dir) => cache::load(dir, path, &stem, raw, interviewer_labels),
            None => Self::parse(&stem, path, raw, interviewer_labels),
        })
    }

    /// Parses transcript text; `fallback_id` is used when the header has no `id`.
    pub fn parse(fallback_id: &str, path: &Path, raw: &str, interviewer_labels: &[String]) -> Self {
        Self::parse_normalized(fallback_id, path, normalize(raw), interviewer_labels)
    }

    /// [`Document::parse`] of text already normalised.
    fn parse_normalized(
        fallback_id: &str,
        path: &Path,
        normalized: String,
        interviewer_labels: &[String],
    ) -> Self {
        let (header, header_problems) = parse_header(&normalized);
        let text = normalized[header.body_start..].to_string();
        let id = header
            .get("id")
            .filter(|v| !v.is_empty())
            .unwrap_or(fallback_id)
            .to_string();
        let index = CharIndex::new(&text);
        let to_chars = |r: Range<usize>| index.char_range(&text, r);
        let found = turns::find_turns(&text, interviewer_labels);
        let raw_turns = found.turns;
        let mut turns_out = Vec::with_capacity(raw_turns.len());
        let mut paragraphs = Vec::new();
        let mut sentences = Vec::new();
        for (i, t) in raw_turns.into_iter().enumerate() {
            for p in units::paragraphs(&text, t.content_start..t.end) {
                for s in sentences::sentences(&text, p.clone()) {
                    sentences.push(to_chars(s));
                }
                paragraphs.push(to_chars(p));
            }
            turns_out.push(Turn {
                index: i,
                speaker: t.speaker,
                role: t.role,
                timestamp: t.timestamp,
                times: t
                    .times
                    .iter()
                    .map(|&(at, seconds)| TimeMark {
                        at: index.char_of(&text, at),
                        seconds,
                    })
                    .collect(),
                range: to_chars(t.start..t.end),
                label_range: to_chars(t.start..t.label_end),
                content: to_chars(t.content_start..t.end),
            });
        }
        let hash = text_hash(&text);
        Self {
            id,
            path: path.to_path_buf(),
            header,
            header_problems,
            text,
            turns: turns_out,
            paragraphs,
            sentences,
            layout: found.layout,
            structure_warnings: found.warnings,
            hash,
            index,
            words: std::sync::OnceLock::new(),
        }
    }

    /// Number of chars in the body.
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// The text between two char offsets (clamped to the body).
    pub fn slice(&self, range: Range<usize>) -> &str {
        self.index.slice(&self.text, range)
    }

    /// Byte offset of a char offset.
    pub fn byte_of(&self, pos: usize) -> usize {
        self.index.byte_of(&self.text, pos)
    }

    /// Char offset of a byte offset.
    pub fn char_of(&self, byte: usize) -> usize {
        self.index.char_of(&self.text, byte)
    }

    /// The turn containing char offset `pos`, if any.
    pub fn turn_at(&self, pos: usize) -> Option<&Turn> {
        let i = self.turns.partition_point(|t| t.range.end <= pos);
        self.turns.get(i).filter(|t| t.range.start <= pos)
    }

    /// The time of char offset `pos`: the last time written at or before it in its turn
    /// (a cue's start for imported subtitles), else the turn's own timestamp.
    pub fn time_at(&self, pos: usize) -> Option<u32> {
        let turn = self.turn_at(pos)?;
        let i = turn.times.partition_point(|m| m.at <= pos);
        match i {
            0 => turn.times.first().map(|m| m.seconds).or(turn.timestamp),
            _ => turn.times.get(i - 1).map(|m| m.seconds),
        }
    }

    /// Number of words in the body.
    pub fn word_count(&self) -> usize {
        *self
            .words
            .get_or_init(|| crate::text::word_count(&self.text))
    }

    /// The 1-based file line of a char offset in the body (header lines included).
    pub fn file_line_of(&self, pos: usize) -> usize {
        let byte = self.byte_of(pos);
        self.header.lines
            + 1
            + self.text.as_bytes()[..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
    }
}

/// Decodes bytes as UTF-8, reporting the line and byte of the first invalid sequence.
pub fn decode_utf8<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, DocumentError> {
    // The SIMD check first (several times faster on accented text); std's only to say
    // where a bad byte is.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let byte = e.valid_up_to();
        let line = 1 + bytes[..byte].iter().filter(|b| **b == b'\n').count();
        DocumentError::InvalidUtf8 {
            path: path.to_path_buf(),
            line,
            byte,
        }
    })
}

/// The hash of a normalised body (first 16 bytes of SHA-256, hex).
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        DEFAULT_INTERVIEWER_LABELS
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    const SAMPLE: &str = "---\nid: E99\n---\nIntervieweuse : Bonjour. Ça va ?\n\nFondatrice\u{a0}: Très bien ! On a lancé en 2021.\n\nDeuxième paragraphe, déjà.\n\n[00:01:05] Intervieweuse : Merci.\n";

    #[test]
    fn parses_units_in_char_offsets() {
        let doc = Document::parse("x", Path::new("x.txt"), SAMPLE, &labels());
        assert_eq!(doc.id, "E99");
        assert_eq!(doc.turns.len(), 3);
        assert_eq!(
            doc.slice(doc.turns[1].label_range.clone()),
            "Fondatrice\u{a0}:"
        );
        assert_eq!(doc.turns[2].timestamp, Some(65));
        let sentences: Vec<&str> = doc.sentences.iter().map(|r| doc.slice(r.clone())).collect();
        assert_eq!(
            sentences,
            vec![
                "Bonjour.",
                "Ça va ?",
                "Très bien !",
                "On a lancé en 2021.",
                "Deuxième paragraphe, déjà.",
                "Merci."
            ]
        );
        assert_eq!(doc.paragraphs.len(), 4);
        assert_eq!(
            doc.turn_at(doc.sentences[4].start).map(|t| t.index),
            Some(1)
        );
        assert_eq!(doc.file_line_of(doc.sentences[4].start), 8);
    }

    #[test]
    fn nfd_crlf_bom_gives_identical_text_and_offsets() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = SAMPLE.nfd().collect();
        let windows = format!("\u{feff}{}", nfd.replace('\n', "\r\n"));
        let a = Document::parse("x", Path::new("a.txt"), SAMPLE, &labels());
        let b = Document::parse("x", Path::new("b.txt"), &windows, &labels());
        assert_eq!(a.text, b.text);
        assert_eq!(a.hash, b.hash);
        assert_eq!(a.sentences, b.sentences);
        assert_eq!(a.turns, b.turns);
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let err = decode_utf8(Path::new("E01.txt"), b"ok\nbad \xff here").unwrap_err();
        assert!(matches!(
            err,
            DocumentError::InvalidUtf8 {
                line: 2,
                byte: 7,
                ..
            }
        ));
        assert!(
            err.to_string()
                .starts_with("E01.txt:2: invalid UTF-8 at byte 7")
        );
    }
}
