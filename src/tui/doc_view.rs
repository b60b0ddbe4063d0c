//! The open transcript and what is derived from it for display: cursor, selection,
//! wrapped lines, this coder's codings and their stripe lanes, the codings of the other
//! coders shown beside them (read-only), search matches.

use std::ops::Range;

use glose::document::Document;
use glose::store::Coding;
use glose::unit::Unit;

use super::layout::{Lanes, Wrapped};

/// The open transcript and everything derived from it for display.
#[derive(Debug, Clone)]
pub struct DocView {
    /// The document.
    pub doc: Document,
    /// Cursor, a char offset.
    pub cursor: usize,
    /// Where the selection started (the selection runs to the cursor).
    pub anchor: Option<usize>,
    /// Whether moving extends the selection.
    pub selecting: bool,
    /// The first visible screen line.
    pub top: usize,
    /// The text wrapped at the current width.
    pub wrapped: Wrapped,
    /// This coder's codings on this document, by start.
    pub codings: Vec<Coding>,
    /// Stripe lanes of `codings`.
    pub lanes: Lanes,
    /// The coding under focus (id), chosen with ] [, a stripe click or x.
    pub focus: Option<String>,
    /// Search matches to highlight.
    pub matches: Vec<Range<usize>>,
    /// The other coders' codings drawn beside this coder's (read-only).
    pub team: Beside,
    /// The kind of unit `s` or `t` last selected (so that `t` after `s` takes the turn
    /// of the sentence, and only a second `t` adds the next turn).
    pub unit: Option<Unit>,
}

/// The codings of the other coders shown on this document, and their stripe lanes
/// (beside this coder's: in lanes their stripes leave free).
#[derive(Debug, Clone, Default)]
pub struct Beside {
    /// The codings, by start.
    pub codings: Vec<Coding>,
    /// Their lanes.
    pub lanes: Lanes,
}

impl DocView {
    /// A view of `doc` with the cursor at `cursor`, nothing laid out yet.
    pub fn new(doc: Document, cursor: usize) -> Self {
        let cursor = cursor.min(doc.char_len());
        Self {
            doc,
            cursor,
            anchor: None,
            selecting: false,
            top: 0,
            wrapped: Wrapped::default(),
            codings: Vec::new(),
            lanes: Lanes::default(),
            focus: None,
            matches: Vec::new(),
            team: Beside::default(),
            unit: None,
        }
    }

    /// The selected char range, if any (never empty).
    pub fn selection(&self) -> Option<Range<usize>> {
        let a = self.anchor?;
        let (s, e) = if a <= self.cursor {
            (a, self.cursor)
        } else {
            (self.cursor, a)
        };
        (e > s).then_some(s..e)
    }

    /// Lays out the stripes again: this coder's lanes, then the other coders' beside them.
    pub fn relane(&mut self) {
        if self.wrapped.lines.is_empty() {
            return;
        }
        self.lanes = Lanes::new(&self.wrapped, self.codings.iter().map(|c| (c.start, c.end)));
        self.team.lanes = lanes_beside(
            &self.wrapped,
            &self.lanes,
            self.team.codings.iter().map(|c| (c.start, c.end)),
        );
    }
}

/// Lanes for codings (char ranges sorted by start) drawn beside those already laid out
/// in `taken`: each in the first lane that is free on all of its lines.
pub fn lanes_beside(
    wrapped: &Wrapped,
    taken: &Lanes,
    ranges: impl Iterator<Item = (usize, usize)>,
) -> Lanes {
    let mut busy: Vec<Vec<(usize, usize)>> = Vec::new();
    let occupy = |busy: &mut Vec<Vec<(usize, usize)>>, lane: usize, lines: (usize, usize)| {
        if busy.len() <= lane {
            busy.resize_with(lane + 1, Vec::new);
        }
        if let Some(v) = busy.get_mut(lane) {
            v.push(lines);
        }
    };
    for &(first, last, lane) in &taken.spans {
        occupy(&mut busy, lane, (first, last));
    }
    let mut spans = Vec::new();
    for (start, end) in ranges {
        let first = wrapped.line_of(start);
        let last = wrapped.line_of(end.saturating_sub(1).max(start)).max(first);
        let free = |v: &Vec<(usize, usize)>| v.iter().all(|&(a, b)| b < first || a > last);
        let lane = (0..=busy.len())
            .find(|&i| busy.get(i).is_none_or(free))
            .unwrap_or(busy.len());
        occupy(&mut busy, lane, (first, last));
        spans.push((first, last, lane));
    }
    Lanes { spans }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_coders_stripes_take_the_lanes_left_free() {
        let text = "a b c d e f g h i j k l";
        let w = Wrapped::new(text, 4);
        // Mine: lines 0-1 in lane 0, line 2-3 in lane 0 too.
        let mine = Lanes::new(&w, [(0, 8), (10, 14)].into_iter());
        let others = lanes_beside(&w, &mine, [(2, 4), (12, 20), (20, 22)].into_iter());
        assert_eq!(others.spans[0].2, 1, "beside mine on line 0");
        assert_eq!(others.spans[1].2, 1, "lane 0 is mine on line 3");
        assert_eq!(others.spans[2].2, 0, "free again after mine ended");
    }
}
