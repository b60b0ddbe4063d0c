//! Paragraphs and sentences: the units that search and agreement work on.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a full stop does not end a sentence (compared lower-case).
const ABBREVIATIONS: &[&str] = &[
    "m.", "mm.", "mme", "mme.", "mmes", "mlle", "mlle.", "dr", "dr.", "pr.", "st.", "ste.", "ex.",
    "cf.", "etc.", "env.", "vs.", "av.", "n°.", "no.", "p.", "mr.", "mrs.", "ms.", "e.g.", "i.e.",
    "approx.",
];

/// Splits `text[range]` (bytes) into paragraphs: blocks separated by blank lines, trimmed.
pub(crate) fn paragraphs(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = range.start;
    let mut offset = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            if start.is_none() {
                let lead = line.len() - line.trim_start().len();
                start = Some(offset + lead);
            }
            end = offset + line.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Splits `text[range]` (bytes, normally one paragraph) into sentences, trimmed.
///
/// Uses Unicode sentence boundaries (UAX #29), then joins a boundary that follows a known
/// abbreviation (`M. Dupont`, `p. ex. Instagram`) or an initial (`J. Dupont`). Decimal
/// numbers (`3.5`) never split under UAX #29.
pub(crate) fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let chunk = &text[range.clone()];
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut glue_next = false;
    for (start, piece) in chunk.split_sentence_bound_indices() {
        let s = range.start + start;
        let trimmed_start = s + (piece.len() - piece.trim_start().len());
        let trimmed_end = s + piece.trim_end().len();
        if trimmed_end <= trimmed_start {
            continue;
        }
        match out.last_mut() {
            Some(last) if glue_next => last.end = trimmed_end,
            _ => out.push(trimmed_start..trimmed_end),
        }
        glue_next = ends_with_abbreviation(&text[out.last().map_or(0..0, Clone::clone)]);
    }
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let last_word = sentence
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '«', '"', '“']);
    let lower = last_word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // "p. ex." is two words.
    if lower == "ex." && sentence.to_lowercase().ends_with("p. ex.") {
        return true;
    }
    // A single capital letter and a full stop is an initial (J. Dupont).
    let mut chars = last_word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn french_sentences_with_accents_and_emoji() {
        assert_eq!(
            split("Ça a démarré en 2021. Très vite, on a eu 2 500 abonnés 😀 ! Et après ?"),
            vec![
                "Ça a démarré en 2021.",
                "Très vite, on a eu 2 500 abonnés 😀 !",
                "Et après ?"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split(
                "J’ai vu M. Dupont et Mme Leroy hier. On parle p. ex. Instagram, TikTok, etc. et voilà."
            ),
            vec![
                "J’ai vu M. Dupont et Mme Leroy hier.",
                "On parle p. ex. Instagram, TikTok, etc. et voilà."
            ]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            split("Le taux est de 3.5 % environ. Ou 2,5 peut-être."),
            vec!["Le taux est de 3.5 % environ.", "Ou 2,5 peut-être."]
        );
    }

    #[test]
    fn ellipsis_and_no_break_spaces() {
        assert_eq!(
            split("Alors… euh, oui\u{a0}! Bon\u{202f}? D’accord."),
            vec!["Alors… euh, oui\u{a0}!", "Bon\u{202f}?", "D’accord."]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "Un.\nDeux.\n\n  \nTrois.\n";
        let paras: Vec<&str> = paragraphs(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(paras, vec!["Un.\nDeux.", "Trois."]);
    }
}
