//! Finding a quotation in a transcript, tolerant of how people type it.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Folds characters that a person typing a quote cannot tell apart: every kind of space
/// (including no-break spaces and line breaks) is one space, typographic apostrophes are
/// `'`.
fn canonical(c: char) -> char {
    match c {
        c if c.is_whitespace() => ' ',
        '’' | '‘' | 'ʼ' => '\'',
        _ => c,
    }
}

/// Canonical chars of `text` with runs of spaces collapsed, and for each the char offset
/// it came from.
fn canonicalize(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let c = canonical(c);
        if c == ' ' && chars.last() == Some(&' ') {
            continue;
        }
        chars.push(c);
        origin.push(i);
    }
    (chars, origin)
}

/// Every occurrence of `quote` in `text` (a normalised body), as char ranges.
///
/// The quote is normalised like a transcript (NFC) and trimmed; spaces, no-break spaces and
/// line breaks match each other, runs of them count as one, and `'` matches `’`.
pub fn find_quote(text: &str, quote: &str) -> Vec<Range<usize>> {
    let quote: String = quote.trim().nfc().collect();
    if quote.is_empty() {
        return Vec::new();
    }
    let (needle, _) = canonicalize(&quote);
    let (hay, origin) = canonicalize(text);
    if needle.len() > hay.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            let start = origin[i];
            let last = origin[i + needle.len() - 1];
            out.push(start..last + 1);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_across_no_break_spaces_and_apostrophes() {
        let text = "Fondatrice\u{a0}: c’est le\nbouche à oreille.";
        let hits = find_quote(text, "c'est le bouche  à oreille");
        assert_eq!(hits.len(), 1);
        let found: String = text
            .chars()
            .skip(hits[0].start)
            .take(hits[0].len())
            .collect();
        assert_eq!(found, "c’est le\nbouche à oreille");
    }

    #[test]
    fn finds_every_occurrence_and_nfd_quotes() {
        let text = "réseaux, réseaux";
        let nfd: String = "réseaux".nfd().collect();
        assert_eq!(find_quote(text, &nfd), vec![0..7, 9..16]);
        assert!(find_quote(text, "  ").is_empty());
    }
}
