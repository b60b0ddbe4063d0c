//! The transcript's layout: text pre-wrapped once per (document, width) and cached, the
//! mapping between char offsets and screen (line, column), and the stripe lanes of
//! overlapping codings. Only the visible lines are ever turned into cells.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// The width a tab is shown with.
const TAB: &str = "    ";

/// One screen line of wrapped text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VLine {
    /// First char offset.
    pub start: usize,
    /// End char offset (exclusive; the newline, if any, is not part of the line).
    pub end: usize,
    /// Byte offset of `start`.
    pub byte_start: usize,
    /// Byte offset of `end`.
    pub byte_end: usize,
    /// Whether the line ends because it was wrapped (the next line continues it).
    pub soft: bool,
}

/// How a grapheme is shown: control characters escaped, tabs as spaces.
pub fn display(g: &str) -> Cow<'_, str> {
    if g == "\t" {
        Cow::Borrowed(TAB)
    } else if g.contains(char::is_control) {
        Cow::Owned(glose::text::escape_controls(g).replace(['\n', '\t'], " "))
    } else {
        Cow::Borrowed(g)
    }
}

/// The display width of a grapheme (as ratatui will draw it).
pub fn width_of(g: &str) -> usize {
    if g.contains(char::is_control) {
        display(g).chars().count()
    } else {
        usize::from(g.cell_width())
    }
}

/// A transcript wrapped to a width.
#[derive(Debug, Clone, Default)]
pub struct Wrapped {
    /// The width it was wrapped to.
    pub width: usize,
    /// The lines in order.
    pub lines: Vec<VLine>,
}

impl Wrapped {
    /// Wraps `text` at `width` columns, breaking after spaces where possible.
    pub fn new(text: &str, width: usize) -> Self {
        let width = width.max(4);
        let mut lines = Vec::with_capacity(text.len() / width.max(1) + 16);
        let mut char_pos = 0usize;
        let mut byte_pos = 0usize;
        for logical in text.split('\n') {
            wrap_line(logical, char_pos, byte_pos, width, &mut lines);
            char_pos += logical.chars().count() + 1;
            byte_pos += logical.len() + 1;
        }
        if lines.is_empty() {
            lines.push(VLine {
                start: 0,
                end: 0,
                byte_start: 0,
                byte_end: 0,
                soft: false,
            });
        }
        Self { width, lines }
    }

    /// The line showing char offset `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.lines
            .partition_point(|l| l.start <= pos)
            .saturating_sub(1)
    }

    /// The screen column of `pos` on its line.
    pub fn col_of(&self, text: &str, pos: usize) -> usize {
        let Some(line) = self.lines.get(self.line_of(pos)) else {
            return 0;
        };
        let mut col = 0;
        let mut at = line.start;
        for g in line_str(text, line).graphemes(true) {
            if at >= pos {
                break;
            }
            col += width_of(g);
            at += g.chars().count();
        }
        col
    }

    /// The char offset shown at `col` of line `index` (the last char when `col` is past
    /// the end of a wrapped line, so the cursor stays on that line).
    pub fn pos_at(&self, text: &str, index: usize, col: usize) -> usize {
        let Some(line) = self.lines.get(index) else {
            return self.lines.last().map_or(0, |l| l.end);
        };
        let mut x = 0;
        let mut at = line.start;
        let mut last = line.start;
        for g in line_str(text, line).graphemes(true) {
            let w = width_of(g);
            if col < x + w.max(1) {
                return at;
            }
            x += w;
            last = at;
            at += g.chars().count();
        }
        if line.soft { last } else { line.end }
    }
}

/// The text of a line.
pub fn line_str<'t>(text: &'t str, line: &VLine) -> &'t str {
    text.get(line.byte_start..line.byte_end).unwrap_or("")
}

/// Whether a line may break after `g`: white space, except the no-break spaces French
/// typography puts before `:`, `;`, `»` and inside numbers (U+00A0, U+202F, U+2007).
fn is_break_space(g: &str) -> bool {
    g.chars()
        .all(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}'))
}

fn wrap_line(s: &str, char_start: usize, byte_start: usize, width: usize, out: &mut Vec<VLine>) {
    // (char, byte) where the current screen line starts.
    let mut start = (char_start, byte_start);
    let mut cur = (char_start, byte_start);
    let mut cur_w = 0usize;
    // The last place after a space where the line may break, with the width up to it.
    let mut brk: Option<((usize, usize), usize)> = None;
    for g in s.graphemes(true) {
        let w = width_of(g);
        let space = is_break_space(g);
        if cur_w + w > width && cur_w > 0 && !space {
            let (at, w_at) = match brk {
                Some((at, w_at)) if at.0 > start.0 => (at, w_at),
                _ => (cur, cur_w),
            };
            out.push(VLine {
                start: start.0,
                end: at.0,
                byte_start: start.1,
                byte_end: at.1,
                soft: true,
            });
            start = at;
            cur_w -= w_at;
            brk = None;
        }
        cur.0 += g.chars().count();
        cur.1 += g.len();
        cur_w += w;
        if space {
            brk = Some((cur, cur_w));
        }
    }
    out.push(VLine {
        start: start.0,
        end: cur.0,
        byte_start: start.1,
        byte_end: cur.1,
        soft: false,
    });
}

/// Stripe lanes: overlapping codings side by side, each in the first free lane.
#[derive(Debug, Clone, Default)]
pub struct Lanes {
    /// For each coding (same order as given): first line, last line and lane.
    pub spans: Vec<(usize, usize, usize)>,
}

impl Lanes {
    /// Assigns lanes to codings given as char ranges sorted by start.
    pub fn new(wrapped: &Wrapped, ranges: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut lane_end: Vec<usize> = Vec::new();
        let mut spans = Vec::new();
        for (start, end) in ranges {
            let first = wrapped.line_of(start);
            let last = wrapped.line_of(end.saturating_sub(1).max(start)).max(first);
            let lane = match lane_end.iter().position(|e| *e < first) {
                Some(i) => i,
                None => {
                    lane_end.push(0);
                    lane_end.len() - 1
                }
            };
            if let Some(e) = lane_end.get_mut(lane) {
                *e = last;
            }
            spans.push((first, last, lane));
        }
        Self { spans }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, w: &Wrapped) -> Vec<String> {
        w.lines
            .iter()
            .map(|l| line_str(text, l).to_string())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_newlines() {
        let text = "Bonjour à vous tous\n\nÇa va très bien";
        let w = Wrapped::new(text, 10);
        assert_eq!(
            texts(text, &w),
            vec!["Bonjour à ", "vous tous", "", "Ça va très ", "bien"]
        );
        // Offsets are chars: "à" is one char.
        assert_eq!(w.lines[1].start, 10);
        assert_eq!(w.line_of(10), 1);
        assert_eq!(w.col_of(text, 12), 2);
    }

    #[test]
    fn never_breaks_at_a_no_break_space() {
        // "entretien\u{a0}:" and "oui\u{202f}»" and "10\u{2007}000" stay whole.
        let text = "cet entretien\u{a0}: oui\u{202f}» et 10\u{2007}000";
        // From 11 columns on, "entretien\u{a0}:" fits on a line and must not be cut.
        for width in 11..=text.chars().count() {
            let w = Wrapped::new(text, width);
            for line in texts(text, &w) {
                assert!(
                    !line.starts_with([':', '»']) && !line.starts_with("000"),
                    "width {width}: line {line:?}"
                );
            }
        }
        let w = Wrapped::new(text, 12);
        assert_eq!(
            texts(text, &w),
            vec![
                "cet ",
                "entretien\u{a0}: ",
                "oui\u{202f}» et ",
                "10\u{2007}000"
            ]
        );
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let text = "日本語のテキスト";
        let w = Wrapped::new(text, 6);
        // Three wide chars fill six columns.
        assert_eq!(texts(text, &w), vec!["日本語", "のテキ", "スト"]);
        assert_eq!(w.col_of(text, 2), 4);
        assert_eq!(w.pos_at(text, 0, 3), 1);
    }

    #[test]
    fn emoji_and_combining_marks_are_one_grapheme() {
        let text = "ok 👍🏽 e\u{301}";
        let w = Wrapped::new(text, 40);
        // "ok " = 3, thumbs-up with skin tone = 2, space = 1, e + accent = 1.
        assert_eq!(w.col_of(text, text.chars().count()), 7);
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(display("\u{1b}"), "\\u{1b}");
        assert_eq!(width_of("\u{1b}"), 6);
        assert_eq!(width_of("\t"), 4);
    }

    #[test]
    fn long_word_is_cut() {
        let text = "abcdefghij";
        let w = Wrapped::new(text, 4);
        assert_eq!(texts(text, &w), vec!["abcd", "efgh", "ij"]);
        // Past the end of a wrapped line the cursor stays on it.
        assert_eq!(w.pos_at(text, 0, 10), 3);
        assert_eq!(w.pos_at(text, 2, 10), 10);
    }

    #[test]
    fn overlapping_codings_get_side_by_side_lanes() {
        let text = "a b c d e f g h i j k l";
        let w = Wrapped::new(text, 4);
        let lanes = Lanes::new(&w, [(0, 8), (2, 4), (10, 12)].into_iter());
        assert_eq!(lanes.spans[0].2, 0);
        assert_eq!(lanes.spans[1].2, 1);
        // The third starts after the first ended: lane 0 again.
        assert_eq!(lanes.spans[2].2, 0);
        assert_eq!(lanes.spans.iter().map(|s| s.2).max(), Some(1));
    }
}
