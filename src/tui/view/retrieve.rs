//! The retrieval popup (coded passages of a code) and the orphaned-codings list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::overlay::{Retrieve, RetrieveRow};
use super::super::strings;
use super::super::update::{short, whose_label};
use super::{fit, list_offset, pane_block, popup};

/// Draws the retrieval popup.
pub fn draw(app: &App, f: &mut Frame, area: Rect, r: &Retrieve) {
    let rect = popup(
        f,
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let code = app.study.codebook.get(&r.code);
    let title = format!(
        " {} · {} · {} passages ",
        strings::RETRIEVE,
        app.label(&r.code),
        r.passages
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    if inner.height < 3 {
        return;
    }
    let buf = f.buffer_mut();
    let filter = if r.editing {
        format!("{}▏", r.filter)
    } else if r.filter.is_empty() {
        "(none)".to_string()
    } else {
        r.filter.clone()
    };
    let head = Line::from(vec![
        Span::styled("■ ", app.theme.code_fg(code.and_then(|c| c.rgb()))),
        Span::styled(format!("{}  ", r.code), app.theme.dim()),
        Span::styled("c ", app.theme.key()),
        Span::raw(format!("{}  ", whose_label(app, &r.whose))),
        Span::styled("g ", app.theme.key()),
        Span::raw(if r.by_stage {
            "by stage  "
        } else {
            "by document  "
        }),
        Span::styled("f ", app.theme.key()),
        Span::raw(format!("filter: {filter}")),
    ]);
    buf.set_line(inner.x, inner.y, &head, inner.width);
    let height = usize::from(inner.height - 1);
    let offset = list_offset(r.sel, height);
    let w = usize::from(inner.width);
    if r.rows.is_empty() {
        buf.set_stringn(
            inner.x,
            inner.y + 1,
            "no coded passages",
            w,
            app.theme.dim(),
        );
    }
    for (i, row) in r.rows.iter().enumerate().skip(offset).take(height) {
        let y = inner.y + 1 + u16::try_from(i - offset).unwrap_or(0);
        let line = match row {
            RetrieveRow::Header(h) => Line::from(Span::styled(fit(h, w), app.theme.title())),
            RetrieveRow::Passage {
                id,
                doc,
                coder,
                code,
                text,
                ..
            } => {
                let style = if i == r.sel {
                    app.theme.list_selected()
                } else {
                    app.theme.text()
                };
                let rgb = app.study.codebook.get(code).and_then(|c| c.rgb());
                let meta = format!("{doc} {coder} ");
                let room = w.saturating_sub(meta.chars().count() + 4);
                let mark = if r.marked.contains(id) { "✓" } else { " " };
                Line::from(vec![
                    Span::styled(format!("{mark} ▌"), app.theme.code_fg(rgb)),
                    Span::styled(meta, app.theme.dim()),
                    Span::styled(fit(text, room), style),
                ])
            }
        };
        buf.set_line(inner.x, y, &line, inner.width);
    }
}

/// Draws the orphaned codings.
pub fn draw_orphans(app: &App, f: &mut Frame, area: Rect, sel: usize) {
    let rect = popup(f, area, area.width.saturating_sub(4).min(100), 16);
    let block = pane_block(app, format!(" {} ", strings::ORPHANS), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let buf = f.buffer_mut();
    if app.orphans.is_empty() {
        let text = if app.jobs.is_empty() {
            "no orphaned codings"
        } else {
            "looking…"
        };
        buf.set_stringn(
            inner.x,
            inner.y,
            text,
            usize::from(inner.width),
            app.theme.dim(),
        );
        return;
    }
    let height = usize::from(inner.height);
    let offset = list_offset(sel, height);
    for (i, o) in app.orphans.iter().enumerate().skip(offset).take(height) {
        let c = &o.coding;
        let style = if i == sel {
            app.theme.list_selected()
        } else {
            app.theme.text()
        };
        let text = format!("{} {} «{}»", c.doc, c.code, short(&c.anchor.quote, 60));
        let y = inner.y + u16::try_from(i - offset).unwrap_or(0);
        buf.set_stringn(
            inner.x,
            y,
            fit(&text, usize::from(inner.width)),
            usize::from(inner.width),
            style,
        );
    }
}
