//! Interval arithmetic on char ranges of a document body: unions of codings, non-space
//! character counts and the coverage of units by coded spans.
//!
//! Spans work on sorted interval lists (run-length), never on one entry per character,
//! so a 100,000-character interview costs a few hundred intervals; whitespace is one bit
//! per character.

use std::ops::Range;

/// Which chars of a text are whitespace (one bit per char, char offsets), with a rank
/// directory, to count the non-space characters of any range in O(1).
///
/// Why bits, not runs: a transcript has a whitespace run every six bytes or so; a bit per
/// char is 2 bits per char with the directory (a 100,000-char interview in 25 KB), small
/// enough to keep for every compared document and to cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NonSpace {
    /// Bit `i % 64` of word `i / 64` is set when char `i` is whitespace.
    bits: Vec<u64>,
    /// `before[w]` = whitespace chars in words `0..w` (one more entry than `bits`).
    before: Vec<usize>,
    /// Chars of the text.
    len: usize,
}

/// What a byte of UTF-8 says about whitespace, for [`NonSpace::new`].
#[derive(Clone, Copy, PartialEq)]
enum ByteClass {
    /// An ASCII char that is not whitespace, or the lead byte of a char that never is.
    Other,
    /// ASCII whitespace (exactly the ASCII chars `char::is_whitespace` accepts).
    Space,
    /// A continuation byte: not a char of its own.
    Continuation,
    /// The lead byte of a char that may be whitespace (U+0085, U+00A0, U+1680,
    /// U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F, U+3000): decode it.
    Maybe,
}

const BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::Other; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b {
            0x09..=0x0d | 0x20 => ByteClass::Space,
            0x80..=0xbf => ByteClass::Continuation,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => ByteClass::Maybe,
            _ => ByteClass::Other,
        };
        b += 1;
    }
    table
};

impl NonSpace {
    /// Index the whitespace of `text` (char offsets): `char::is_whitespace`, read byte
    /// by byte, decoding only the chars whose lead byte may start a non-ASCII space.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // At most one char per byte: room for every bit, trimmed at the end.
        let mut bits: Vec<u64> = vec![0; bytes.len().div_ceil(64)];
        // (is whitespace, byte length) of the char starting at byte `i`.
        let decode = |i: usize| {
            text.get(i..)
                .and_then(|t| t.chars().next())
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        let (mut i, mut pos) = (0, 0);
        loop {
            // Up to the next whitespace char; one predictable branch per byte, the char
            // count kept without branching (a continuation byte adds nothing).
            while let Some(&b) = bytes.get(i) {
                match BYTE_CLASS[b as usize] {
                    class @ (ByteClass::Other | ByteClass::Continuation) => {
                        pos += usize::from(class == ByteClass::Other);
                        i += 1;
                    }
                    ByteClass::Space => break,
                    ByteClass::Maybe => match decode(i) {
                        (true, _) => break,
                        (false, width) => {
                            pos += 1;
                            i += width;
                        }
                    },
                }
            }
            if i >= bytes.len() {
                break;
            }
            // The whitespace run: one bit per char.
            while let Some(&b) = bytes.get(i) {
                let width = match BYTE_CLASS[b as usize] {
                    ByteClass::Space => 1,
                    ByteClass::Maybe => match decode(i) {
                        (true, width) => width,
                        (false, _) => break,
                    },
                    ByteClass::Other | ByteClass::Continuation => break,
                };
                if let Some(w) = bits.get_mut(pos / 64) {
                    *w |= 1 << (pos % 64);
                }
                pos += 1;
                i += width;
            }
        }
        bits.truncate(pos.div_ceil(64));
        Self::with_directory(bits, pos)
    }

    /// The index of a text of `len` chars whose whitespace bits are `bits` (as
    /// [`NonSpace::bits`] gives them); `None` unless there is one word per 64 chars and
    /// no bit past the end.
    pub fn from_bits(bits: Vec<u64>, len: usize) -> Option<Self> {
        if bits.len() != len.div_ceil(64) {
            return None;
        }
        let tail = len % 64;
        if tail != 0 && bits.last().is_some_and(|w| w >> tail != 0) {
            return None;
        }
        Some(Self::with_directory(bits, len))
    }

    fn with_directory(bits: Vec<u64>, len: usize) -> Self {
        let mut before = Vec::with_capacity(bits.len() + 1);
        let mut total = 0;
        before.push(0);
        for w in &bits {
            total += w.count_ones() as usize;
            before.push(total);
        }
        NonSpace { bits, before, len }
    }

    /// The whitespace bits: bit `i % 64` of word `i / 64` for char `i`.
    pub fn bits(&self) -> &[u64] {
        &self.bits
    }

    /// Chars of the text.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whitespace characters in `[0, pos)` (none past the end of the text).
    fn spaces_before(&self, pos: usize) -> usize {
        let pos = pos.min(self.len);
        let (word, bit) = (pos / 64, pos % 64);
        let full = self.before.get(word).copied().unwrap_or(0);
        let partial = match self.bits.get(word) {
            Some(w) if bit > 0 => (w & ((1u64 << bit) - 1)).count_ones() as usize,
            _ => 0,
        };
        full + partial
    }

    /// Non-space characters in `range`.
    pub fn count(&self, range: Range<usize>) -> usize {
        if range.end <= range.start {
            return 0;
        }
        let spaces = self.spaces_before(range.end) - self.spaces_before(range.start);
        (range.end - range.start).saturating_sub(spaces)
    }
}

/// Sort and merge ranges into their union: sorted, disjoint, non-adjacent, non-empty.
pub fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.end > r.start);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// For sorted, disjoint `units` and merged `spans`, the non-space characters of each
/// touched unit that the spans cover: `(unit index, covered)` in unit order, only units
/// with `covered > 0`.
pub fn coverage(
    units: &[Range<usize>],
    spans: &[Range<usize>],
    text: &NonSpace,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for span in spans {
        let mut u = units.partition_point(|r| r.end <= span.start);
        while let Some(unit) = units.get(u) {
            if unit.start >= span.end {
                break;
            }
            let lo = unit.start.max(span.start);
            let hi = unit.end.min(span.end);
            let covered = text.count(lo..hi);
            if covered > 0 {
                match out.last_mut() {
                    Some((last, c)) if *last == u => *c += covered,
                    _ => out.push((u, covered)),
                }
            }
            u += 1;
        }
    }
    out
}

/// Whether a unit counts as coded: some non-space character is covered and the covered
/// share of its non-space characters reaches `min_overlap`.
pub fn reaches(covered: usize, unit_nonspace: usize, min_overlap: f64) -> bool {
    covered > 0 && covered as f64 >= min_overlap * unit_nonspace as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_space_counts_by_intervals() {
        // a b _ _ c d nbsp é _ f _  (11 chars, 6 non-space; no-break space is a space)
        let text = "ab  cd\u{a0}é f ";
        let ns = NonSpace::new(text);
        assert_eq!(ns.count(0..11), 6);
        assert_eq!(ns.count(0..2), 2);
        assert_eq!(ns.count(1..5), 2);
        assert_eq!(ns.count(2..4), 0);
        assert_eq!(ns.count(3..9), 3);
        assert_eq!(ns.count(5..5), 0);
        // Brute force on every range.
        let chars: Vec<char> = text.chars().collect();
        for a in 0..=chars.len() {
            for b in a..=chars.len() {
                let want = chars[a..b].iter().filter(|c| !c.is_whitespace()).count();
                assert_eq!(ns.count(a..b), want, "{a}..{b}");
            }
        }
    }

    /// Every kind of whitespace (ASCII, no-break and narrow no-break space, NEL, the
    /// ideographic space, the line separator) next to multi-byte letters.
    #[test]
    fn non_space_knows_unicode_whitespace() {
        let text = "\u{1}a\t\u{b}\u{c}\r\n é\u{85}\u{a0}\u{202f}’\u{3000}😀\u{2028}x\u{7f} ";
        let ns = NonSpace::new(text);
        let chars: Vec<char> = text.chars().collect();
        for a in 0..=chars.len() {
            for b in a..=chars.len() {
                let want = chars[a..b].iter().filter(|c| !c.is_whitespace()).count();
                assert_eq!(ns.count(a..b), want, "{a}..{b}");
            }
        }
    }

    /// Every char of Unicode, each between letters and next to spaces: the byte table
    /// agrees with `char::is_whitespace`.
    #[test]
    fn non_space_agrees_with_is_whitespace_on_every_char() {
        let mut text = String::new();
        for c in (0u32..=0x10ffff).filter_map(char::from_u32) {
            text.push(c);
            if (c as u32).is_multiple_of(7) {
                text.push(' ');
            }
            if (c as u32).is_multiple_of(11) {
                text.push('\u{3000}');
            }
        }
        let ns = NonSpace::new(&text);
        let chars: Vec<char> = text.chars().collect();
        let mut before = vec![0usize];
        for c in &chars {
            let last = before.last().copied().unwrap_or(0);
            before.push(last + usize::from(!c.is_whitespace()));
        }
        let n = chars.len();
        for (a, b) in [
            (0, n),
            (1, n - 1),
            (0, 0x3000),
            (0x1ff0, 0x2100),
            (n / 2, n),
        ] {
            assert_eq!(ns.count(a..b), before[b] - before[a], "{a}..{b}");
        }
        for a in (0..n).step_by(997) {
            for b in [a, a + 1, a + 13, (a + 5000).min(n)] {
                let b = b.min(n);
                assert_eq!(ns.count(a..b), before[b] - before[a], "{a}..{b}");
            }
        }
        for (i, c) in chars.iter().enumerate() {
            assert_eq!(ns.count(i..i + 1), usize::from(!c.is_whitespace()), "{c:?}");
        }
    }

    /// The bits round-trip (what the cache stores); bits of the wrong length or past the
    /// end are refused; ranges past the end count no space there.
    #[test]
    fn non_space_from_its_bits() {
        for text in [
            "",
            " ",
            "a",
            "ab  cd\u{a0}é f ",
            &"mot ".repeat(40),
            &"x".repeat(64),
        ] {
            let ns = NonSpace::new(text);
            assert_eq!(ns.len(), text.chars().count());
            let again = NonSpace::from_bits(ns.bits().to_vec(), ns.len()).unwrap();
            assert_eq!(again, ns);
        }
        let ns = NonSpace::new(&"mot ".repeat(40));
        assert!(NonSpace::from_bits(ns.bits().to_vec(), 200).is_none());
        assert!(NonSpace::from_bits(ns.bits().to_vec(), 159).is_none());
        assert!(NonSpace::from_bits(vec![1 << 10], 10).is_none());
        assert!(NonSpace::from_bits(vec![1 << 9], 10).is_some());
        let ns = NonSpace::new("ab c");
        assert_eq!(ns.count(0..10), 9);
    }

    #[test]
    fn merge_and_coverage() {
        assert_eq!(merge(vec![5..8, 0..2, 1..3, 8..9, 4..4]), vec![0..3, 5..9]);
        let text = "aaaa bbbb cccc";
        let ns = NonSpace::new(text);
        let units = [0..4, 5..9, 10..14];
        // One span over the end of unit 0 and the start of unit 1, one inside unit 2.
        let spans = merge(vec![2..6, 11..12, 13..14]);
        assert_eq!(coverage(&units, &spans, &ns), vec![(0, 2), (1, 1), (2, 2)]);
        assert!(reaches(1, 4, 0.0));
        assert!(!reaches(0, 4, 0.0));
        assert!(reaches(2, 4, 0.5));
        assert!(!reaches(1, 4, 0.5));
    }
}
