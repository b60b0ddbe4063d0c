//! Drawing: reads the state, never changes it. One file per pane or popup.

pub mod codebook;
mod documents;
mod status;
pub mod text;
pub mod transcript;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Pane, pane_rects};
use super::layers::Env;
pub use super::widgets::{fit, hint, list_offset, pad, pane_block, popup};

/// Draws the whole screen.
pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < 4 || area.height < 3 {
        return;
    }
    let rects = pane_rects(area, app.focus);
    // The review's layer covers the whole screen: the panes are not drawn under it.
    if app.review().is_none() {
        draw_panes(app, f, rects);
    }
    status::draw(app, f, rects.status);
    let body = Rect {
        height: area.height.saturating_sub(rects.status.height),
        ..area
    };
    let mut env = app.env();
    env.keep_visible = selection_rows(app);
    let last = app.layers.len().saturating_sub(1);
    for (i, layer) in app.layers.iter().enumerate() {
        layer.draw(
            f,
            body,
            &Env {
                top: i == last,
                ..env
            },
        );
    }
}

/// Draws the three panes (those the layout shows).
fn draw_panes(app: &App, f: &mut Frame, rects: super::panes::Rects) {
    if let Some(r) = rects.docs {
        documents::draw(app, f, r);
    }
    if let Some(r) = rects.transcript {
        transcript::draw(app, f, r);
    }
    if let Some(r) = rects.codebook {
        codebook::draw(app, f, r);
    }
}

/// Whether a pane has the focus (and no popup is open).
pub fn focused(app: &App, pane: Pane) -> bool {
    app.focus == pane && !app.popup_open()
}

/// The first and last screen rows the transcript's selection is drawn on (the
/// visible part), if there is a selection on screen.
pub fn selection_rows(app: &App) -> Option<(u16, u16)> {
    let view = app.view.as_ref()?;
    let sel = view.selection()?;
    let text = transcript::geometry(app.rects().transcript?).text;
    let first = view.wrapped.line_of(sel.start);
    let last = view
        .wrapped
        .line_of(sel.end.saturating_sub(1).max(sel.start));
    let height = usize::from(text.height);
    let bottom = view.top + height;
    if last < view.top || first >= bottom || height == 0 {
        return None;
    }
    let row = |line: usize| {
        text.y + u16::try_from(line.clamp(view.top, bottom - 1) - view.top).unwrap_or(0)
    };
    Some((row(first), row(last)))
}
