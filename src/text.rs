//! Text normalisation and character offsets.
//!
//! Every offset in glose counts Unicode scalar values (`char`s) into a document's normalised
//! body. Normalising once on load (BOM removed, CRLF and CR to LF, NFC) means that the same
//! transcript saved by Word on Windows or by a Mac editor gives the same text and offsets.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Normalises raw transcript text: strips a leading BOM, turns CRLF and lone CR into LF and
/// composes to Unicode NFC.
pub fn normalize(raw: &str) -> String {
    let without_bom = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut unified = String::with_capacity(without_bom.len());
    let mut chars = without_bom.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            unified.push('\n');
        } else {
            unified.push(c);
        }
    }
    if unicode_normalization::is_nfc(&unified) {
        unified
    } else {
        unified.nfc().collect()
    }
}

/// Fast conversion between char offsets and byte offsets of one text.
///
/// Keeps the byte position of every 64th char, so that a lookup walks at most 63 chars
/// while the table stays small (about 1/16 of the text's size).
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    checkpoints: Vec<usize>,
    char_len: usize,
    byte_len: usize,
    ascii: bool,
}

const STRIDE: usize = 64;

impl CharIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        if ascii {
            return Self {
                checkpoints: Vec::new(),
                char_len: text.len(),
                byte_len: text.len(),
                ascii,
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut count = 0;
        for (byte, _) in text.char_indices() {
            if count % STRIDE == 0 {
                checkpoints.push(byte);
            }
            count += 1;
        }
        Self {
            checkpoints,
            char_len: count,
            byte_len: text.len(),
            ascii,
        }
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of char offset `pos` (clamped to the end of the text).
    pub fn byte_of(&self, text: &str, pos: usize) -> usize {
        if pos >= self.char_len {
            return self.byte_len;
        }
        if self.ascii {
            return pos;
        }
        let base = self.checkpoints[pos / STRIDE];
        let skip = pos % STRIDE;
        text[base..]
            .char_indices()
            .nth(skip)
            .map_or(self.byte_len, |(b, _)| base + b)
    }

    /// Char offset of byte offset `byte` (which must be a char boundary; otherwise the char
    /// containing it is returned).
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        if byte >= self.byte_len {
            return self.char_len;
        }
        if self.ascii {
            return byte;
        }
        let slot = match self.checkpoints.binary_search(&byte) {
            Ok(i) => return i * STRIDE,
            Err(i) => i.saturating_sub(1),
        };
        let base = self.checkpoints[slot];
        let mut pos = slot * STRIDE;
        for (b, _) in text[base..].char_indices() {
            if base + b >= byte {
                if base + b > byte {
                    pos -= 1;
                }
                return pos;
            }
            pos += 1;
        }
        self.char_len
    }

    /// The slice of `text` between two char offsets.
    pub fn slice<'t>(&self, text: &'t str, range: Range<usize>) -> &'t str {
        let start = self.byte_of(text, range.start);
        let end = self.byte_of(text, range.end.max(range.start));
        &text[start..end]
    }

    /// Converts a byte range to a char range.
    pub fn char_range(&self, text: &str, bytes: Range<usize>) -> Range<usize> {
        self.char_of(text, bytes.start)..self.char_of(text, bytes.end)
    }
}

/// Counts words the way researchers do: runs of letters or digits, apostrophes and hyphens
/// joining them (« aujourd’hui » and « c’est-à-dire » are one word each).
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Lower-cases and removes diacritics, for accent-insensitive matching of labels and ids.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `c` could drive a terminal or disguise text: C0 controls (except newline and
/// tab), DEL, C1 controls, bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
/// U+200F, U+061C), line and paragraph separators, the BOM and interlinear annotations.
pub fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// Replaces every [unsafe control](is_unsafe_control) with a visible escape such as
/// `\u{1b}`, so that text from a transcript, a codebook or a file name can never drive
/// the terminal. The one escaping function for everything glose prints. A carriage return
/// is kept only before a line feed (CSV's CRLF line ends).
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else if is_unsafe_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The same characters as [`escape_controls`], escaped the JSON way (`\u202e`) in JSON
/// text (serde_json escapes C0 but leaves C1 and bidirectional controls raw). Safe on any
/// JSON document: those characters can only occur inside strings.
pub fn escape_json_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe_control(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_bom_crlf_and_nfd() {
        let nfd = "\u{feff}Re\u{301}seaux\r\nde\u{301}but\rfin";
        assert_eq!(normalize(nfd), "Réseaux\ndébut\nfin");
    }

    #[test]
    fn char_index_round_trips_on_mixed_text() {
        let text: String = "aé€😀 ".repeat(100);
        let idx = CharIndex::new(&text);
        assert_eq!(idx.char_len(), text.chars().count());
        for (pos, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.byte_of(&text, pos), byte);
            assert_eq!(idx.char_of(&text, byte), pos);
        }
        assert_eq!(idx.byte_of(&text, idx.char_len()), text.len());
        assert_eq!(idx.slice(&text, 1..3), "é€");
    }

    #[test]
    fn counts_french_words() {
        assert_eq!(word_count("Aujourd’hui, c’est-à-dire… 2 500 abonnés !"), 5);
    }

    #[test]
    fn folds_accents() {
        assert_eq!(fold("Équipe Réseaux"), "equipe reseaux");
    }

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(escape_controls("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\n");
        assert_eq!(
            escape_controls("\u{1b}]52;c;ZXZpbA==\u{7}|\u{9b}|\u{202e}|\u{2066}|\u{85}"),
            "\\u{1b}]52;c;ZXZpbA==\\u{7}|\\u{9b}|\\u{202e}|\\u{2066}|\\u{85}"
        );
        assert_eq!(escape_controls("été\tœuvre 😀"), "été\tœuvre 😀");
        assert_eq!(escape_controls("a,b\r\nc\rd"), "a,b\r\nc\\u{d}d");
    }

    #[test]
    fn json_escapes_stay_json() {
        let json = serde_json::to_string(&"a\u{1b}b\u{9b}c\u{202e}d").unwrap();
        let escaped = escape_json_controls(&json);
        assert!(escaped.chars().all(|c| !is_unsafe_control(c)), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{1b}b\u{9b}c\u{202e}d");
    }
}
