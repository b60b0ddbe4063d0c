//! Drawing: reads the state, never changes it. One file per pane or popup.

mod codebook;
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
    let rects = pane_rects(area, app.focus, app.side);
    // The review's layer covers the whole screen: the panes are not drawn under it.
    if app.review().is_none() {
        draw_panes(app, f, rects);
    }
    status::draw(app, f, rects.status);
    let body = Rect {
        height: area.height.saturating_sub(rects.status.height),
        ..area
    };
    let env = app.env();
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
