//! Selection offsets: which convention an exporter used, and conversion to code
//! points of the normalised text (no BOM, LF line ends, NFC).
//!
//! The spec counts code points; NVivo counts UTF-16 code units, skips the BOM and
//! counts CRLF as 2; ATLAS.ti (Windows) counts a CRLF as 1; qdpxlib counts UTF-8
//! bytes. For each source the candidate conventions are scored by how many
//! selections match their `@name` quote and how many start and end outside a
//! word (`docs/reference/refi-qda.md` §1.9); ties go to what the `origin` suggests, then to the spec.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Unit used when writing selection offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points, as the spec says (QualCoder, ATLAS.ti, MAXQDA).
    CodePoints,
    /// UTF-16 code units, as NVivo counts.
    Utf16,
}

/// What one offset unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Code points.
    CodePoints,
    /// UTF-16 code units.
    Utf16,
    /// UTF-8 bytes.
    Utf8Bytes,
}

/// How an exporter counted positions in its raw `.txt` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Convention {
    /// Unit of the offsets.
    pub unit: Unit,
    /// Whether a leading BOM takes a position.
    pub bom_counted: bool,
    /// Whether CRLF counts as two positions (`false`: as one).
    pub crlf_as_two: bool,
}

impl Convention {
    /// The spec's reading: code points, BOM not counted (no tool counts it), CRLF as 2.
    pub const SPEC: Convention = Convention {
        unit: Unit::CodePoints,
        bom_counted: false,
        crlf_as_two: true,
    };
    /// Code points of a Rust `String` as it is (the model's own offsets).
    pub const MODEL: Convention = Convention {
        unit: Unit::CodePoints,
        bom_counted: true,
        crlf_as_two: true,
    };
    /// NVivo (Windows and Mac).
    pub const NVIVO: Convention = Convention {
        unit: Unit::Utf16,
        bom_counted: false,
        crlf_as_two: true,
    };
    /// ATLAS.ti on Windows: a CRLF counts as one.
    pub const ATLAS: Convention = Convention {
        unit: Unit::CodePoints,
        bom_counted: false,
        crlf_as_two: false,
    };

    fn width(&self, c: char, index: usize, next: Option<char>) -> u64 {
        if index == 0 && c == '\u{feff}' && !self.bom_counted {
            return 0;
        }
        if c == '\r' && next == Some('\n') && !self.crlf_as_two {
            return 0;
        }
        match self.unit {
            Unit::CodePoints => 1,
            Unit::Utf16 => c.len_utf16() as u64,
            Unit::Utf8Bytes => c.len_utf8() as u64,
        }
    }
}

impl std::fmt::Display for Convention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match self.unit {
            Unit::CodePoints => "code points",
            Unit::Utf16 => "UTF-16 code units",
            Unit::Utf8Bytes => "UTF-8 bytes",
        };
        write!(
            f,
            "{unit}, BOM {}, CRLF counted as {}",
            if self.bom_counted {
                "counted"
            } else {
                "not counted"
            },
            if self.crlf_as_two { 2 } else { 1 }
        )
    }
}

/// Where an offset lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped {
    /// Exactly at a code point boundary of the normalised text.
    Exact(usize),
    /// Inside a character (half a surrogate pair, inside a UTF-8 sequence, or
    /// inside a sequence NFC recomposed): the boundaries before and after.
    Inside(usize, usize),
    /// Negative or past the end of the text.
    OutOfRange,
}

/// A raw text with the positions of its characters under one convention and
/// their images in the normalised text.
pub struct TextMap {
    raw: Vec<char>,
    /// Start of each raw char in offset units, plus the total at the end.
    units: Vec<u64>,
    /// Normalised code point position of each raw char boundary (len = raw + 1);
    /// `None` inside a sequence that NFC changed.
    norm_pos: Vec<Option<usize>>,
    normalised: String,
    /// Byte offset of every code point boundary of `normalised`.
    norm_bytes: Vec<usize>,
}

impl TextMap {
    /// Builds the map of `raw` (the decoded file, BOM and CRLF included) under `conv`.
    pub fn new(raw: &str, conv: Convention) -> TextMap {
        let raw: Vec<char> = raw.chars().collect();
        let mut units = Vec::with_capacity(raw.len() + 1);
        let mut acc = 0u64;
        for (i, &c) in raw.iter().enumerate() {
            units.push(acc);
            acc += conv.width(c, i, raw.get(i + 1).copied());
        }
        units.push(acc);
        let (normalised, norm_pos) = normalise(&raw);
        let norm_bytes = normalised
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(normalised.len()))
            .collect();
        TextMap {
            raw,
            units,
            norm_pos,
            normalised,
            norm_bytes,
        }
    }

    /// The normalised text between code points `start` and `end` (empty if out of range).
    pub fn quote(&self, start: usize, end: usize) -> &str {
        match (self.norm_bytes.get(start), self.norm_bytes.get(end)) {
            (Some(&a), Some(&b)) if a <= b => self.normalised.get(a..b).unwrap_or(""),
            _ => "",
        }
    }

    /// Length of the normalised text in code points.
    pub fn len_chars(&self) -> usize {
        self.norm_bytes.len().saturating_sub(1)
    }

    /// The normalised text.
    pub fn normalised(&self) -> &str {
        &self.normalised
    }

    /// Raw char index at `offset` units: `Ok(i)` exactly, `Err((before, after))` inside a char.
    fn raw_index(&self, offset: i64) -> Option<Result<usize, (usize, usize)>> {
        let offset = u64::try_from(offset).ok()?;
        let total = *self.units.last()?;
        if offset > total {
            return None;
        }
        let i = self.units.partition_point(|&u| u < offset);
        match self.units.get(i) {
            Some(&u) if u == offset => Some(Ok(i)),
            Some(_) => Some(Err((i.saturating_sub(1), i))),
            None => None,
        }
    }

    /// Maps an offset in the convention's units to the normalised text.
    pub fn map(&self, offset: i64) -> Mapped {
        let exact = |i: usize| self.norm_pos.get(i).copied().flatten();
        match self.raw_index(offset) {
            None => Mapped::OutOfRange,
            Some(Ok(i)) => match exact(i) {
                Some(p) => Mapped::Exact(p),
                None => self.around(i, i),
            },
            Some(Err((a, b))) => self.around(a, b),
        }
    }

    fn around(&self, a: usize, b: usize) -> Mapped {
        let before = (0..=a)
            .rev()
            .find_map(|i| self.norm_pos.get(i).copied().flatten())
            .unwrap_or(0);
        let after = (b..self.norm_pos.len())
            .find_map(|i| self.norm_pos.get(i).copied().flatten())
            .unwrap_or(before);
        Mapped::Inside(before, after)
    }

    /// Whether raw char boundary `i` lies between two alphanumeric characters.
    fn inside_word(&self, i: usize) -> bool {
        match (
            i.checked_sub(1).and_then(|p| self.raw.get(p)),
            self.raw.get(i),
        ) {
            (Some(a), Some(b)) => a.is_alphanumeric() && b.is_alphanumeric(),
            _ => false,
        }
    }

    /// Scores a set of `(start, end, name)` selections under this map:
    /// (quotes matching their name, selections with both ends outside words).
    pub fn score(&self, sels: &[(i64, i64, &str)]) -> (usize, usize) {
        let mut names = 0;
        let mut bounds = 0;
        for &(s, e, name) in sels {
            let (Some(Ok(a)), Some(Ok(b))) = (self.raw_index(s), self.raw_index(e)) else {
                continue;
            };
            if a > b {
                continue;
            }
            if !self.inside_word(a) && !self.inside_word(b) {
                bounds += 1;
            }
            if name.trim().chars().count() >= 3
                && let (Some(Some(x)), Some(Some(y))) = (self.norm_pos.get(a), self.norm_pos.get(b))
                && name_matches(name, self.quote(*x, *y))
            {
                names += 1;
            }
        }
        (names, bounds)
    }
}

/// The code points `start..end` of `text` (empty when out of range).
pub fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a selection's `@name` is its quote (QualCoder) or a truncated quote
/// ending with an ellipsis (ATLAS.ti). Names shorter than 3 characters prove nothing.
pub fn name_matches(name: &str, quote: &str) -> bool {
    let name = collapse_ws(name);
    let (prefix, truncated) = match name.strip_suffix('…').or_else(|| name.strip_suffix("...")) {
        Some(p) => (p.trim_end().to_string(), true),
        None => (name.clone(), false),
    };
    if prefix.chars().count() < 3 {
        return false;
    }
    let quote = collapse_ws(&quote.nfc().collect::<String>());
    let prefix: String = prefix.nfc().collect();
    if truncated {
        quote.starts_with(&prefix)
    } else {
        quote == prefix
    }
}

/// Removes a leading BOM, turns CRLF and lone CR into LF and applies NFC,
/// returning the text and the normalised position of every raw char boundary.
fn normalise(raw: &[char]) -> (String, Vec<Option<usize>>) {
    // Step 1: BOM and line ends, one output char per kept raw char.
    let mut pre: Vec<char> = Vec::with_capacity(raw.len());
    let mut pre_pos: Vec<usize> = Vec::with_capacity(raw.len() + 1);
    for (i, &c) in raw.iter().enumerate() {
        pre_pos.push(pre.len());
        if i == 0 && c == '\u{feff}' {
            continue;
        }
        if c == '\r' {
            if raw.get(i + 1) == Some(&'\n') {
                continue;
            }
            pre.push('\n');
            continue;
        }
        pre.push(c);
    }
    pre_pos.push(pre.len());
    let pre: String = pre.into_iter().collect();
    if unicode_normalization::is_nfc(&pre) {
        return (pre, pre_pos.into_iter().map(Some).collect());
    }
    // Step 2: NFC, grapheme by grapheme (compositions stay inside a cluster).
    let pre_len = pre.chars().count();
    let mut nfc_pos: Vec<Option<usize>> = vec![None; pre_len + 1];
    let mut out = String::with_capacity(pre.len());
    let mut in_idx = 0usize;
    let mut out_idx = 0usize;
    for g in pre.graphemes(true) {
        let n_in = g.chars().count();
        let composed: String = g.nfc().collect();
        let n_out = composed.chars().count();
        for k in 0..n_in {
            if let Some(slot) = nfc_pos.get_mut(in_idx + k) {
                *slot = if k == 0 || n_in == n_out {
                    Some(out_idx + k)
                } else {
                    None
                };
            }
        }
        out.push_str(&composed);
        in_idx += n_in;
        out_idx += n_out;
    }
    if let Some(last) = nfc_pos.last_mut() {
        *last = Some(out_idx);
    }
    let positions = pre_pos
        .into_iter()
        .map(|p| nfc_pos.get(p).copied().flatten())
        .collect();
    (out, positions)
}

/// Normalises a text (BOM, line ends, NFC) without any selections.
pub fn normalise_text(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    normalise(&chars).0
}

/// Candidate conventions for `raw`, most plausible first given `origin`.
fn candidates(raw: &str, origin: Option<&str>) -> Vec<Convention> {
    let origin = origin.unwrap_or("").to_lowercase();
    let mut out = Vec::new();
    if origin.contains("nvivo") || origin.contains("offsets: utf-16") {
        out.push(Convention::NVIVO);
    } else if origin.contains("atlas") {
        out.push(Convention::ATLAS);
    }
    out.push(Convention::SPEC);
    let has_bom = raw.starts_with('\u{feff}');
    let has_crlf = raw.contains("\r\n");
    for unit in [Unit::CodePoints, Unit::Utf16, Unit::Utf8Bytes] {
        for bom_counted in [false, true] {
            for crlf_as_two in [true, false] {
                if (bom_counted && !has_bom) || (!crlf_as_two && !has_crlf) {
                    continue;
                }
                let c = Convention {
                    unit,
                    bom_counted,
                    crlf_as_two,
                };
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The outcome of choosing a convention for one source.
pub struct Detection {
    /// The chosen convention.
    pub convention: Convention,
    /// Its map of the text.
    pub map: TextMap,
    /// Selections whose `@name` matched their quote.
    pub name_hits: usize,
    /// Selections with both ends outside a word.
    pub boundary_hits: usize,
    /// Whether another convention would have read the offsets differently.
    pub ambiguous_text: bool,
}

/// Picks the convention under which the selections fit `raw` best.
pub fn detect(raw: &str, sels: &[(i64, i64, &str)], origin: Option<&str>) -> Detection {
    let cands = candidates(raw, origin);
    let mut best: Option<(Convention, TextMap, (usize, usize))> = None;
    let ambiguous_text = cands.len() > 1
        && (raw.chars().any(|c| c.len_utf16() > 1 || c.len_utf8() > 1)
            || raw.starts_with('\u{feff}')
            || raw.contains('\r'));
    for conv in cands {
        let map = TextMap::new(raw, conv);
        let score = if sels.is_empty() {
            (0, 0)
        } else {
            map.score(sels)
        };
        let better = match &best {
            None => true,
            Some((_, _, b)) => score > *b,
        };
        if better {
            best = Some((conv, map, score));
        }
        if sels.is_empty() || !ambiguous_text {
            break;
        }
    }
    let (convention, map, (name_hits, boundary_hits)) = match best {
        Some(b) => b,
        None => (
            Convention::SPEC,
            TextMap::new(raw, Convention::SPEC),
            (0, 0),
        ),
    };
    Detection {
        convention,
        map,
        name_hits,
        boundary_hits,
        ambiguous_text,
    }
}

/// UTF-16 offset of every code point boundary of `text` (len = chars + 1).
pub fn utf16_positions(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut acc = 0;
    for c in text.chars() {
        out.push(acc);
        acc += c.len_utf16();
    }
    out.push(acc);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nvivo_windows_convention_maps_bom_crlf_and_emoji() {
        // BOM, CRLF, an astral emoji: "😀 ab\r\ncd"
        let raw = "\u{feff}😀 ab\r\ncd";
        let map = TextMap::new(raw, Convention::NVIVO);
        assert_eq!(map.normalised(), "😀 ab\ncd");
        // "cd" starts after 😀(2) + " ab"(3) + CRLF(2) = 7 UTF-16 units.
        assert_eq!(map.map(7), Mapped::Exact(5));
        assert_eq!(map.map(9), Mapped::Exact(7));
        assert_eq!(map.map(1), Mapped::Inside(0, 1));
        assert_eq!(map.map(10), Mapped::OutOfRange);
        assert_eq!(map.map(-1), Mapped::OutOfRange);
    }

    #[test]
    fn detection_prefers_the_convention_that_fits_words() {
        let raw = "😀😀😀 alpha beta gamma delta";
        // "beta" in code points is 10..14; in UTF-16 it is 13..17.
        let sels_utf16 = [(13i64, 17i64, ""), (18, 23, "")];
        let d = detect(raw, &sels_utf16, None);
        assert_eq!(d.convention.unit, Unit::Utf16);
        assert_eq!(d.boundary_hits, 2);
        let sels_cp = [(10i64, 14i64, ""), (15, 20, "")];
        let d = detect(raw, &sels_cp, Some("NVivo for Mac"));
        assert_eq!(d.convention.unit, Unit::CodePoints);
    }

    #[test]
    fn names_decide_over_boundaries() {
        let raw = "ab\r\ncdef gh";
        // ATLAS.ti counts CRLF as one: "cdef" = 3..7.
        let d = detect(raw, &[(3, 7, "cdef")], None);
        assert!(!d.convention.crlf_as_two);
        assert_eq!(d.name_hits, 1);
    }

    #[test]
    fn nfc_recomposition_is_mapped() {
        let raw = "Cafe\u{301} au lait";
        let map = TextMap::new(raw, Convention::SPEC);
        assert_eq!(map.normalised(), "Café au lait");
        assert_eq!(map.map(6), Mapped::Exact(5));
        assert_eq!(map.map(4), Mapped::Inside(3, 4));
    }

    #[test]
    fn names_match_truncated_quotes() {
        assert!(name_matches(
            "For some reason babies…",
            "For some reason babies aren't"
        ));
        assert!(name_matches("a  b\nc", "a b c"));
        assert!(!name_matches("", "anything"));
        assert!(!name_matches("Quotation 6:1", "something else"));
    }
}
