//! Word-wrapping styled text to a width, for popups that show passages in full (the
//! segments reader). Line feeds break lines; words longer than the width are cut; control
//! characters are shown escaped.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Wraps styled pieces of text into lines of at most `width` columns.
pub fn wrap(pieces: &[(&str, Style)], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in pieces {
        let text = glose::text::escape_controls(text).replace(['\t', '\r'], " ");
        for (i, para) in text.split('\n').enumerate() {
            if i > 0 {
                out.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            for token in tokens(para) {
                let blank = token.trim().is_empty();
                let w = token.width();
                if used + w > width && used > 0 {
                    out.push(Line::from(std::mem::take(&mut line)));
                    used = 0;
                    if blank {
                        continue;
                    }
                }
                if w > width {
                    for c in token.chars() {
                        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                        if used + cw > width {
                            out.push(Line::from(std::mem::take(&mut line)));
                            used = 0;
                        }
                        push(&mut line, c.to_string(), *style);
                        used += cw;
                    }
                } else {
                    push(&mut line, token.to_string(), *style);
                    used += w;
                }
            }
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(Line::from(line));
    }
    out
}

/// Words and the runs of spaces between them.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_space: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let space = c == ' ';
        if prev_space.is_some_and(|p| p != space) {
            out.push(&text[start..i]);
            start = i;
        }
        prev_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Appends text to a line, joining it to the last span when the style is the same.
fn push(line: &mut Vec<Span<'static>>, text: String, style: Style) {
    if let Some(last) = line.last_mut()
        && last.style == style
    {
        last.content.to_mut().push_str(&text);
        return;
    }
    line.push(Span::styled(text, style));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_words_keeps_styles_and_breaks_lines() {
        let dim = Style::new().dim();
        let lines = wrap(
            &[
                ("Avant. ", dim),
                ("Le passage codé entier\nsuite", Style::new()),
            ],
            12,
        );
        assert_eq!(
            plain(&lines),
            ["Avant. Le ", "passage codé", "entier", "suite"]
        );
        assert_eq!(lines[0].spans[0].style, dim);
        assert_eq!(lines[0].spans[1].content, "Le ");
        // A word longer than the width is cut; controls are escaped.
        let lines = wrap(&[("abcdefghij \u{1b}", Style::new())], 4);
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij ", "\\u{1", "b}"]);
    }
}
