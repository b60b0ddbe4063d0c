//! Where the panes go for a terminal size, and how wide the transcript text is.

use ratatui::layout::Rect;

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The list of interviews.
    Documents,
    /// The open transcript.
    Transcript,
    /// The code tree and the selected code's definition.
    Codebook,
}

/// Widths of the side panes.
pub const SIDE_WIDTH: u16 = 36;

/// Where each pane goes for a terminal size.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rects {
    /// The documents pane.
    pub docs: Option<Rect>,
    /// The transcript pane.
    pub transcript: Option<Rect>,
    /// The codebook pane.
    pub codebook: Option<Rect>,
    /// The two status lines.
    pub status: Rect,
}

/// Splits the screen: all three panes from 150 columns; from 100, the transcript and one
/// side pane, the documents while they have the focus and else the codebook (its
/// definitions are what coding needs); only the focused pane below that.
pub fn pane_rects(area: Rect, focus: Pane) -> Rects {
    let status_h = 2.min(area.height);
    let body = Rect {
        height: area.height - status_h,
        ..area
    };
    let status = Rect {
        y: area.y + body.height,
        height: status_h,
        ..area
    };
    let mut r = Rects {
        status,
        ..Rects::default()
    };
    let left = |w: u16| Rect { width: w, ..body };
    let rest = |x: u16, w: u16| Rect {
        x: body.x + x,
        width: w,
        ..body
    };
    if body.width >= 150 {
        let mid = body.width - 2 * SIDE_WIDTH;
        r.docs = Some(left(SIDE_WIDTH));
        r.transcript = Some(rest(SIDE_WIDTH, mid));
        r.codebook = Some(rest(SIDE_WIDTH + mid, SIDE_WIDTH));
    } else if body.width >= 100 {
        let tw = body.width - SIDE_WIDTH;
        if focus == Pane::Documents {
            r.docs = Some(left(SIDE_WIDTH));
            r.transcript = Some(rest(SIDE_WIDTH, tw));
        } else {
            r.transcript = Some(left(tw));
            r.codebook = Some(rest(tw, SIDE_WIDTH));
        }
    } else {
        match focus {
            Pane::Documents => r.docs = Some(body),
            Pane::Transcript => r.transcript = Some(body),
            Pane::Codebook => r.codebook = Some(body),
        }
    }
    r
}

/// The stripe gutter for a transcript pane's inner width: (lanes, label width).
pub fn gutter(inner: u16) -> (u16, u16) {
    match inner {
        100.. => (8, 16),
        60..=99 => (5, 12),
        40..=59 => (3, 8),
        _ => (2, 0),
    }
}

/// The width the transcript text wraps to in a transcript pane of `pane_width`.
pub fn text_width(pane_width: u16) -> usize {
    let inner = pane_width.saturating_sub(2);
    let (lanes, labels) = gutter(inner);
    usize::from(inner.saturating_sub(lanes + labels + 2)).max(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_adapts_to_width() {
        let r = pane_rects(Rect::new(0, 0, 80, 24), Pane::Transcript);
        assert!(r.docs.is_none() && r.codebook.is_none());
        assert_eq!(r.transcript.map(|t| t.width), Some(80));
        let r = pane_rects(Rect::new(0, 0, 120, 40), Pane::Codebook);
        assert!(r.codebook.is_some() && r.docs.is_none());
        // At 120 columns the codebook is beside the transcript while coding.
        let r = pane_rects(Rect::new(0, 0, 120, 40), Pane::Transcript);
        assert!(r.codebook.is_some() && r.docs.is_none() && r.transcript.is_some());
        let r = pane_rects(Rect::new(0, 0, 120, 40), Pane::Documents);
        assert!(r.docs.is_some() && r.codebook.is_none() && r.transcript.is_some());
        let r = pane_rects(Rect::new(0, 0, 160, 40), Pane::Transcript);
        assert!(r.docs.is_some() && r.codebook.is_some());
    }
}
