//! Paragraphs: blocks of a turn separated by blank lines (sentences are in `sentences.rs`).

use std::ops::Range;

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

#[cfg(test)]
mod tests {
    use super::*;

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
