//! The open transcript and what is derived from it for display: cursor, selection,
//! wrapped lines, this coder's codings and their stripe lanes, search matches.

use std::ops::Range;

use glose::document::Document;
use glose::store::Coding;

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
}

impl DocView {
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
}
