//! The mouse: click to place the cursor or pick a row, drag to select, click a stripe to
//! select its coding, wheel to scroll. Positions are mapped through the cached layout.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{App, Pane};
use super::view::list_offset;
use super::view::transcript::{coding_at, geometry, team_coding_at};

fn inside(r: Option<Rect>, x: u16, y: u16) -> Option<Rect> {
    r.filter(|r| r.contains(Position::new(x, y)))
}

/// The char offset under a screen position of the transcript text (clamped to the area).
fn pos_under(app: &App, area: Rect, x: u16, y: u16) -> Option<usize> {
    let view = app.view.as_ref()?;
    let geo = geometry(area);
    let y = y.clamp(geo.text.y, geo.text.bottom().saturating_sub(1));
    let line = view.top + usize::from(y - geo.text.y);
    if line >= view.wrapped.lines.len() {
        return Some(view.doc.char_len());
    }
    let col = usize::from(x.saturating_sub(geo.text.x));
    Some(view.wrapped.pos_at(&view.doc.text, line, col))
}

/// Handles a mouse event.
pub fn on_mouse(app: &mut App, m: MouseEvent) {
    if app.popup_open() {
        return;
    }
    // A click ends the typing of the documents filter (as Enter does).
    if app.doc_filter_editing() {
        app.layers.clear();
    }
    let rects = app.rects();
    let (x, y) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(r) = inside(rects.docs, x, y) {
                let filter_line = u16::from(app.doc_filter_editing() || !app.doc_filter.is_empty());
                let list_y = r.y + 1 + filter_line;
                let height = usize::from(r.height.saturating_sub(2 + filter_line));
                if y >= list_y {
                    let i = list_offset(app.doc_sel, height) + usize::from(y - list_y);
                    if i < app.doc_filtered.len() {
                        app.doc_sel = i;
                        let id = app
                            .doc_filtered
                            .get(i)
                            .and_then(|j| app.docs.get(*j))
                            .map(|d| d.id.clone());
                        if let Some(id) = id {
                            app.open_doc(&id, 0);
                        }
                    }
                }
                app.set_focus(Pane::Documents);
            } else if let Some(r) = inside(rects.codebook, x, y) {
                let height = usize::from((r.height * 55 / 100).saturating_sub(2));
                if y > r.y {
                    let i = list_offset(app.code_sel, height) + usize::from(y - r.y - 1);
                    if i < app.tree.len() && usize::from(y - r.y) <= height {
                        app.code_sel = i;
                    }
                }
                app.set_focus(Pane::Codebook);
            } else if let Some(r) = inside(rects.transcript, x, y) {
                app.set_focus(Pane::Transcript);
                let geo = geometry(r);
                let hit = app.view.as_ref().and_then(|v| coding_at(v, geo, x, y));
                if let Some(id) = hit {
                    let c = app
                        .view
                        .as_ref()
                        .and_then(|v| v.codings.iter().find(|c| c.id == id).cloned());
                    if let (Some(c), Some(v)) = (c, app.view.as_mut()) {
                        v.anchor = Some(c.start);
                        v.cursor = c.end;
                        v.selecting = false;
                        v.focus = Some(c.id);
                    }
                } else if let Some(c) = app
                    .view
                    .as_ref()
                    .and_then(|v| team_coding_at(v, geo, x, y))
                    .cloned()
                {
                    let letter = app.coder_letter(&c.coder).map_or('?', |(_, l)| l);
                    let quote = super::widgets::short(&c.anchor.quote, 50);
                    let said = super::strings::theirs(letter, &c.coder, app.label(&c.code), &quote);
                    app.info(said);
                } else if let Some(pos) = pos_under(app, r, x, y) {
                    app.drag_from = Some(pos);
                    if let Some(v) = app.view.as_mut() {
                        v.cursor = pos;
                        v.anchor = None;
                        v.selecting = false;
                        v.focus = None;
                    }
                }
            }
        }
        MouseEventKind::Drag(MouseButton::Left) => {
            let (Some(from), Some(r)) = (app.drag_from, rects.transcript) else {
                return;
            };
            let geo = geometry(r);
            if let Some(v) = app.view.as_mut() {
                // Dragging past the edge scrolls.
                if y < geo.text.y {
                    v.top = v.top.saturating_sub(1);
                } else if y >= geo.text.bottom()
                    && v.top + usize::from(geo.text.height) < v.wrapped.lines.len()
                {
                    v.top += 1;
                }
            }
            if let Some(pos) = pos_under(app, r, x, y)
                && let Some(v) = app.view.as_mut()
            {
                v.anchor = Some(from);
                v.cursor = pos;
            }
        }
        MouseEventKind::Up(MouseButton::Left) => app.drag_from = None,
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = m.kind == MouseEventKind::ScrollDown;
            if let Some(r) = inside(rects.codebook, x, y)
                && inside(Some(super::view::codebook::detail_area(r)), x, y).is_some()
            {
                super::codebook_pane::scroll_definition(app, down, Some(3));
                return;
            }
            if inside(rects.transcript, x, y).is_some() {
                let height = app.page_height();
                if let Some(v) = app.view.as_mut() {
                    let max_top = v.wrapped.lines.len().saturating_sub(height);
                    v.top = if down {
                        (v.top + 3).min(max_top)
                    } else {
                        v.top.saturating_sub(3)
                    };
                    // Keep the cursor on screen without moving the view.
                    let line = v.wrapped.line_of(v.cursor);
                    let target = line.clamp(v.top, v.top + height.saturating_sub(1));
                    if target != line {
                        let col = v.wrapped.col_of(&v.doc.text, v.cursor);
                        v.cursor = v.wrapped.pos_at(&v.doc.text, target, col);
                        if !v.selecting {
                            v.anchor = None;
                        }
                    }
                }
            } else if inside(rects.docs, x, y).is_some() {
                let last = app.doc_filtered.len().saturating_sub(1);
                app.doc_sel = if down {
                    (app.doc_sel + 3).min(last)
                } else {
                    app.doc_sel.saturating_sub(3)
                };
            } else if inside(rects.codebook, x, y).is_some() {
                let last = app.tree.len().saturating_sub(1);
                app.code_sel = if down {
                    (app.code_sel + 3).min(last)
                } else {
                    app.code_sel.saturating_sub(3)
                };
            }
        }
        _ => {}
    }
}
