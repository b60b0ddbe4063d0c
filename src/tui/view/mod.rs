//! Drawing: reads the state, never changes it. One file per pane or popup.

mod code_form;
mod codebook;
mod documents;
mod help;
mod memo;
mod picker;
mod retrieve;
pub mod review;
mod search;
mod status;
pub mod transcript;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use super::app::{App, Pane, pane_rects};
use super::overlay::Overlay;

/// Draws the whole screen.
pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < 4 || area.height < 3 {
        return;
    }
    let rects = pane_rects(area, app.focus, app.side);
    if let Some(r) = app.review.as_deref() {
        review::draw(app, r, f, review::body((area.width, area.height)));
    } else {
        draw_panes(app, f, rects);
    }
    status::draw(app, f, rects.status);
    let body = Rect {
        height: area.height.saturating_sub(rects.status.height),
        ..area
    };
    match &app.overlay {
        None => {}
        Some(Overlay::Help { ctx, scroll }) => help::draw(app, f, body, *ctx, *scroll),
        Some(Overlay::Picker(p)) => picker::draw(app, f, body, p),
        Some(Overlay::Memo(ed)) => memo::draw(app, f, body, ed),
        Some(Overlay::Prompt(pr)) => code_form::draw_prompt(app, f, body, pr),
        Some(Overlay::CodeForm(form)) => code_form::draw(app, f, body, form),
        Some(Overlay::Search) => search::draw(app, f, body),
        Some(Overlay::Retrieve(r)) => retrieve::draw(app, f, body, r),
        Some(Overlay::Orphans { sel }) => retrieve::draw_orphans(app, f, body, *sel),
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

/// A bordered block with a title, highlighted when focused.
pub fn pane_block<'a>(app: &App, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(app.theme.border(focused))
        .title(title)
}

/// Whether a pane has the focus (and no popup is open).
pub fn focused(app: &App, pane: Pane) -> bool {
    app.focus == pane && app.overlay.is_none()
}

/// A popup area: `w` x `h` cells, centred, clamped to `area`; cleared.
pub fn popup(f: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    f.render_widget(Clear, r);
    r
}

/// Cuts a string to `w` display columns, with an ellipsis when cut.
pub fn fit(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

/// Pads a string to exactly `w` display columns (cutting it if longer).
pub fn pad(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut t = fit(s, w);
    let n = t.width();
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(n)));
    t
}

/// The first visible row of a list so that `sel` is in view.
pub fn list_offset(sel: usize, height: usize) -> usize {
    (sel + 1).saturating_sub(height.max(1))
}

/// A key hint: the key, then what it does.
pub fn hint<'a>(app: &App, key: String, what: &'a str) -> Vec<Span<'a>> {
    vec![
        Span::styled(key, app.theme.key()),
        Span::styled(format!(" {what}  "), app.theme.dim()),
    ]
}
