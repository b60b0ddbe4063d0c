//! The search popup: the query, then hits with their snippet and matched words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::overlay::HitRow;
use super::super::strings;
use super::{fit, list_offset, pane_block, popup};

/// Draws the search popup.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let s = &app.search;
    let r = popup(
        f,
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let title = format!(" {} · {} hits ", strings::SEARCH, s.hits.len());
    let block = pane_block(app, title, true);
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.height < 3 {
        return;
    }
    let buf = f.buffer_mut();
    let mut input = vec![
        Span::styled("/ ", app.theme.key()),
        Span::raw(s.query.clone()),
    ];
    if s.editing {
        input.push(Span::styled("▏", app.theme.key()));
    }
    if s.running {
        input.push(Span::styled("  searching…", app.theme.dim()));
    }
    buf.set_line(inner.x, inner.y, &Line::from(input), inner.width);
    let second = match &s.error {
        Some(e) => Line::from(Span::styled(e.clone(), app.theme.error())),
        None if s.hits.is_empty() => {
            Line::from(Span::styled(strings::SEARCH_HINT, app.theme.dim()))
        }
        None => Line::from(Span::styled(
            "Enter go to · j/k move · / edit · n/N next/previous hit in the transcript",
            app.theme.dim(),
        )),
    };
    buf.set_line(inner.x, inner.y + 1, &second, inner.width);
    let rows = usize::from(inner.height - 2) / 2;
    let offset = list_offset(s.sel, rows);
    let w = usize::from(inner.width);
    for (i, hit) in s.hits.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + 2 + u16::try_from((i - offset) * 2).unwrap_or(0);
        let selected = i == s.sel && !s.editing;
        let head_style = if selected {
            app.theme.list_selected()
        } else {
            app.theme.title()
        };
        let head = format!(
            "{} · {}",
            hit.doc,
            glose::text::escape_controls(&hit.speaker)
        );
        buf.set_line(
            inner.x,
            y,
            &Line::from(Span::styled(fit(&head, w), head_style)),
            inner.width,
        );
        buf.set_line(
            inner.x,
            y + 1,
            &snippet(app, hit, w.saturating_sub(2)),
            inner.width,
        );
    }
}

/// The passage around its first match, with matches highlighted, cut to `w` columns.
pub fn snippet(app: &App, hit: &HitRow, w: usize) -> Line<'static> {
    let chars: Vec<char> = hit.text.chars().collect();
    let rel = |p: usize| p.saturating_sub(hit.range.start).min(chars.len());
    let first = hit.matches.first().map_or(0, |m| rel(m.start));
    let start = first.saturating_sub(w / 3);
    let mut spans = vec![Span::raw("  ")];
    let mut used = 0;
    let mut i = start;
    while i < chars.len() && used < w {
        let in_match = hit
            .matches
            .iter()
            .any(|m| rel(m.start) <= i && i < rel(m.end));
        let mut chunk = String::new();
        while i < chars.len() && used < w {
            let m = hit
                .matches
                .iter()
                .any(|m| rel(m.start) <= i && i < rel(m.end));
            if m != in_match {
                break;
            }
            let c = chars[i];
            let shown = if c.is_control() { ' ' } else { c };
            used += unicode_width::UnicodeWidthChar::width(shown).unwrap_or(0);
            chunk.push(shown);
            i += 1;
        }
        let style = if in_match {
            app.theme.matched()
        } else {
            app.theme.dim()
        };
        spans.push(Span::styled(chunk, style));
    }
    Line::from(spans)
}
