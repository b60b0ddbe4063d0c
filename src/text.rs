//! Text normalisation and character offsets.
//!
//! Every offset in glose counts Unicode scalar values (`char`s) into a document's normalised
//! body. Normalising once on load (BOM removed, CRLF and CR to LF, NFC) means that the same
//! transcript saved by Word on Windows or by a Mac editor gives the same text and offsets.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Normalises raw transcript text: strips a leading BOM, turns CRLF and lone CR into LF and
/// composes to Unicode NFC.
pub fn normalize(raw: &str) -> String {
    let without_bom = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let unified = if without_bom.as_bytes().contains(&b'\r') {
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
        unified
    } else {
        without_bom.to_string()
    };
    if is_nfc(&unified) {
        unified
    } else {
        unified.nfc().collect()
    }
}

/// Whether `s` is already in NFC, as `unicode_normalization::is_nfc`, answered without the
/// Unicode tables when every char is one no normalisation touches: below U+0300 (ASCII,
/// Latin-1, Latin Extended, IPA, spacing modifiers: no combining class, never the second
/// char of a composition) or typographic punctuation (dashes, quotes, ellipsis, the euro
/// sign), which is what French transcripts are made of.
pub fn is_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    // A lead byte of 0xCC or more starts a char at or above U+0300.
    while let Some(k) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&b| b >= 0xCC))
    {
        i += k;
        match s.get(i..).and_then(|t| t.chars().next()) {
            Some(c) if untouched_by_nfc(c) => i += c.len_utf8(),
            _ => return unicode_normalization::is_nfc(s),
        }
    }
    true
}

/// Chars at or above U+0300 that NFC leaves alone whatever surrounds them (checked against
/// the Unicode tables by a test): General Punctuation without the spaces U+2000..=U+200F
/// (U+2000 and U+2001 are canonical singletons), and the euro sign.
fn untouched_by_nfc(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20AC}')
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
        // `count` = chars before the block; a block of 64 bytes whose chars hold no
        // multiple of STRIDE is only counted (char starts are the non-continuation bytes).
        let mut count: usize = 0;
        let is_start = |b: u8| (b as i8) >= -0x40;
        for (block, bytes) in text.as_bytes().chunks(64).enumerate() {
            let starts = bytes.iter().filter(|&&b| is_start(b)).count();
            if count.next_multiple_of(STRIDE) >= count + starts {
                count += starts;
                continue;
            }
            for (k, &b) in bytes.iter().enumerate() {
                if is_start(b) {
                    if count.is_multiple_of(STRIDE) {
                        checkpoints.push(block * 64 + k);
                    }
                    count += 1;
                }
            }
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
    // One pass: a word is a run of word characters holding at least one letter or digit.
    let mut words = 0;
    let mut has_alnum = false;
    for c in text.chars() {
        match word_char(c) {
            WordChar::Alnum => has_alnum = true,
            WordChar::Joiner => {}
            WordChar::Break => {
                words += usize::from(has_alnum);
                has_alnum = false;
            }
        }
    }
    words + usize::from(has_alnum)
}

/// How [`word_count`] sees a char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordChar {
    /// A letter or digit ([`char::is_alphanumeric`]).
    Alnum,
    /// An apostrophe or hyphen: part of a word (« aujourd’hui », « e-commerce »), not one.
    Joiner,
    /// Anything else ends a word.
    Break,
}

/// [`WordChar`] of `c`, without the Unicode tables for ASCII and Latin-1 letters (most of
/// a French or English transcript).
fn word_char(c: char) -> WordChar {
    let alnum = match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\'' | '-' | '’' => return WordChar::Joiner,
        '\0'..='\u{7f}' => false,
        // Latin-1 letters: every char from À to ÿ but × and ÷.
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    };
    if alnum {
        WordChar::Alnum
    } else {
        WordChar::Break
    }
}

/// Lower-cases and removes diacritics, for accent-insensitive matching of labels and ids.
pub fn fold(text: &str) -> String {
    // ASCII has nothing to decompose: lower-cased as it is (ids, most attribute values).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Below U+0180 (Latin-1 and Latin Extended-A: French and most European names) every
    // char is a starter whose decomposition adds only marks, which folding drops, so
    // each char folds on its own: looked up in a table. Any other char: the whole text
    // by the tables.
    let table = latin_folds();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match usize::try_from(u32::from(c))
            .ok()
            .and_then(|i| table.get(i))
        {
            Some(folded) => out.push_str(folded),
            None => return fold_by_tables(text),
        }
    }
    out
}

/// The end of the chars [`fold`] looks up in a table (U+0000 to U+017F).
const LATIN_END: u32 = 0x180;

/// Each char below [`LATIN_END`], folded by the Unicode tables; built once.
fn latin_folds() -> &'static [String] {
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LATIN_END)
            .map(|u| char::from_u32(u).map_or_else(String::new, |c| fold_by_tables(&c.to_string())))
            .collect()
    })
}

/// [`fold`] by its definition: canonical decomposition, marks removed, lower case.
fn fold_by_tables(text: &str) -> String {
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
    escape_controls_cow(text).into_owned()
}

/// [`escape_controls`], borrowing `text` when it holds nothing to escape (no copy of a
/// large export on its way to standard output).
pub fn escape_controls_cow(text: &str) -> Cow<'_, str> {
    escape_with(text, true, |c, out| {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    })
}

/// The same characters as [`escape_controls`], escaped the JSON way (`\u202e`) in JSON
/// text (serde_json escapes C0 but leaves C1 and bidirectional controls raw). Safe on any
/// JSON document: those characters can only occur inside strings.
pub fn escape_json_controls(json: &str) -> String {
    escape_json_controls_cow(json).into_owned()
}

/// [`escape_json_controls`], borrowing `json` when it holds nothing to escape.
pub fn escape_json_controls_cow(json: &str) -> Cow<'_, str> {
    escape_with(json, false, |c, out| {
        out.push_str(&format!("\\u{:04x}", c as u32));
    })
}

/// `text` with each [unsafe control](is_unsafe_control) written by `escape`; with
/// `keep_crlf`, a carriage return right before a line feed is kept. Runs of safe text are
/// copied whole, printable ASCII is let through without the Unicode tables, and nothing
/// is copied when there is nothing to escape.
fn escape_with(text: &str, keep_crlf: bool, escape: impl Fn(char, &mut String)) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut from = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most bytes cannot begin an unsafe control: skipped without decoding a char.
        if !MAY_BEGIN_CONTROL[usize::from(b)] {
            i += 1;
            continue;
        }
        // Only a char's first byte is marked, so `i` is on a char boundary here.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            i += 1;
            continue;
        };
        let safe = if c == '\r' && keep_crlf {
            bytes.get(i + 1) == Some(&b'\n')
        } else {
            !is_unsafe_control(c)
        };
        if !safe {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            out.push_str(text.get(from..i).unwrap_or_default());
            escape(c, out);
            from = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(text.get(from..).unwrap_or_default());
            Cow::Owned(out)
        }
    }
}

/// The bytes that can begin the UTF-8 of an [unsafe control](is_unsafe_control) or a
/// carriage return: C0 controls but newline and tab, DEL, and the lead bytes of C1
/// controls (0xC2), U+061C (0xD8), U+2000–U+2FFF (0xE2) and U+F000–U+FFFF (0xEF).
static MAY_BEGIN_CONTROL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x0a && b != 0x09;
        b += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xd8] = true;
    table[0xe2] = true;
    table[0xef] = true;
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every char that is an unsafe control, or a carriage return, begins with a byte
    /// that the escape's fast path stops at.
    #[test]
    fn every_control_begins_with_a_marked_byte() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if is_unsafe_control(c) || c == '\r' {
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(MAY_BEGIN_CONTROL[usize::from(first)], "{:x}", c as u32);
            }
        }
    }

    /// The word count as it was before its one-pass form: the reference.
    fn word_count_by_split(text: &str) -> usize {
        text.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'' || c == '-'))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn word_chars_agree_with_the_unicode_tables() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let expected = if c.is_alphanumeric() {
                WordChar::Alnum
            } else if matches!(c, '’' | '\'' | '-') {
                WordChar::Joiner
            } else {
                WordChar::Break
            };
            assert_eq!(word_char(c), expected, "{:x}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_latin_text_char_by_char_is_folding_it_whole(
            text in "[\\u{0}-\\u{17f}]{0,24}",
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_by_tables(&text));
        }

        #[test]
        fn word_count_matches_the_split_reference(
            text in "([a-zé0-9’'\\- ,.;×÷À-ÿ]|\\PC)*",
        ) {
            proptest::prop_assert_eq!(word_count(&text), word_count_by_split(&text));
        }
    }

    #[test]
    fn normalizes_bom_crlf_and_nfd() {
        let nfd = "\u{feff}Re\u{301}seaux\r\nde\u{301}but\rfin";
        assert_eq!(normalize(nfd), "Réseaux\ndébut\nfin");
    }

    /// The fast NFC check agrees with the Unicode tables on every char it lets through
    /// and falls back to them otherwise.
    #[test]
    fn is_nfc_agrees_with_the_tables() {
        use unicode_normalization::char::canonical_combining_class;
        let fast = (0u32..0x300)
            .chain(0x2010..=0x2027)
            .chain(0x2030..=0x205E)
            .chain([0x20AC])
            .filter_map(char::from_u32);
        for c in fast {
            assert!(c < '\u{300}' || untouched_by_nfc(c), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            let alone = c.to_string();
            assert!(unicode_normalization::is_nfc(&alone), "{c:?}");
            // Never composes with what comes before it.
            for before in ['a', 'e', 'A', 'é', '\u{2019}', '\u{1100}', 'ا'] {
                let pair = format!("{before}{c}");
                assert!(unicode_normalization::is_nfc(&pair), "{before:?}{c:?}");
            }
        }
        for text in [
            "Réseaux d’entraide… « oui » — 3 €",
            "e\u{301}",                   // NFD é
            "caf\u{e9}\u{301}",           // é then a combining acute
            "a\u{2000}b",                 // en quad: a singleton, becomes U+2002
            "\u{2019}\u{301}",            // combining mark after an apostrophe
            "한국어 \u{1100}\u{1161}",    // conjoining jamo compose
            "\u{fb01} \u{212b} \u{2126}", // U+212B ANGSTROM, U+2126 OHM: singletons
            "\u{e9}\u{2019}\u{e8}",
        ] {
            assert_eq!(
                is_nfc(text),
                unicode_normalization::is_nfc(text),
                "{text:?}"
            );
            assert_eq!(normalize(text), text.nfc().collect::<String>(), "{text:?}");
        }
    }

    /// The block-counting build gives the checkpoints and length of the char-by-char one.
    #[test]
    fn char_index_checkpoints_match_char_by_char() {
        let pieces = ["a", "é", "€", "😀", " ", "\u{301}", "ab", "ñ’"];
        for len in [0usize, 1, 63, 64, 65, 127, 128, 129, 500, 4097] {
            for seed in 0..pieces.len() {
                let text: String = (0..len)
                    .map(|i| pieces[(i * 7 + seed + i / 13) % pieces.len()])
                    .collect();
                let index = CharIndex::new(&text);
                let mut want = Vec::new();
                let mut n: usize = 0;
                for (byte, _) in text.char_indices() {
                    if n.is_multiple_of(STRIDE) {
                        want.push(byte);
                    }
                    n += 1;
                }
                assert_eq!(index.char_len(), n, "{len} {seed}");
                if !text.is_ascii() {
                    assert_eq!(index.checkpoints, want, "{len} {seed}");
                }
                for (pos, (byte, _)) in text.char_indices().enumerate().step_by(5) {
                    assert_eq!(index.byte_of(&text, pos), byte);
                }
            }
        }
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

    /// The run-copying escapes give what escaping char by char gives, on every char of
    /// the first planes' interesting blocks and around line ends.
    #[test]
    fn escapes_match_the_char_by_char_definition() {
        let mut text: String = (0u32..0x3100)
            .chain(0xfe00..0x10000)
            .chain([0x1f600, 0xe0001])
            .filter_map(char::from_u32)
            .collect();
        text.push_str("\r\n\r\r\n\n\rx\r");
        let mut terminal = String::new();
        let mut json = String::new();
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let crlf = c == '\r' && chars.get(i + 1) == Some(&'\n');
            if is_unsafe_control(c) && !crlf {
                terminal.push_str(&format!("\\u{{{:x}}}", c as u32));
            } else {
                terminal.push(c);
            }
            if is_unsafe_control(c) {
                json.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                json.push(c);
            }
        }
        assert_eq!(escape_controls(&text), terminal);
        assert_eq!(escape_json_controls(&text), json);
        assert_eq!(escape_controls("\r"), "\\u{d}");
        assert!(matches!(
            escape_controls_cow("été ’ok’\r\n"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            escape_json_controls_cow("\"a\""),
            Cow::Borrowed(_)
        ));
        assert_eq!(escape_controls(""), "");
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
