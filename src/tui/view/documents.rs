//! The documents pane: every interview with its id, company, stage, length and coverage.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::layers::doc_filter::DocFilter;

use super::super::app::{App, Pane};
use super::super::strings;
use super::{fit, focused, list_offset, pad, pane_block};

/// Draws the documents pane.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let title = format!(
        " {} {}/{} ",
        strings::DOCUMENTS,
        app.doc_filtered.len(),
        app.docs.len()
    );
    let block = pane_block(&app.theme, title, focused(app, Pane::Documents));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height == 0 || inner.width < 8 {
        return;
    }
    let mut y = inner.y;
    let mut height = usize::from(inner.height);
    if app.doc_filter_editing() || !app.doc_filter.is_empty() {
        let typing = app
            .layers
            .iter()
            .find_map(|l| crate::tui::layers::downcast_ref::<DocFilter>(l.as_ref()));
        let mut spans = vec![Span::styled(strings::FILTER, app.theme.dim())];
        match typing {
            Some(t) => spans.extend(t.text.spans(app.theme.text(), true)),
            None => spans.push(Span::raw(glose::text::escape_controls(&app.doc_filter))),
        }
        let line = Line::from(spans);
        f.buffer_mut().set_line(inner.x, y, &line, inner.width);
        y += 1;
        height = height.saturating_sub(1);
    }
    let w = usize::from(inner.width);
    // id, company, stage, words, coded%
    let (stage_w, words_w, cov_w) = (if w >= 50 { 11 } else { 9 }, 6, 5);
    let id_w = app
        .docs
        .iter()
        .map(|d| d.id.chars().count())
        .max()
        .unwrap_or(3)
        .min(12);
    let company_w = w.saturating_sub(id_w + stage_w + words_w + cov_w + 5);
    let offset = list_offset(app.doc_sel, height);
    let open = app.view.as_ref().map(|v| v.doc.id.as_str());
    for (row, &i) in app
        .doc_filtered
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
    {
        let Some(d) = app.docs.get(i) else { continue };
        let words = d.words.map_or_else(String::new, human);
        let cov = match d.chars {
            Some(c) if c > 0 => format!("{:>3}%", (d.coded * 100 / c).min(100)),
            _ => String::new(),
        };
        let marker = if open == Some(d.id.as_str()) {
            "▸"
        } else {
            " "
        };
        // The column after the id marks documents with memos.
        let memo = if d.memos { strings::MEMO_MARK } else { " " };
        let text = format!(
            "{marker}{}{memo}{} {} {:>words_w$} {:>cov_w$}",
            pad(&d.id, id_w),
            pad(&glose::text::escape_controls(&d.company), company_w),
            pad(&fit(&d.stage, stage_w), stage_w),
            words,
            cov,
        );
        let style = if row == app.doc_sel {
            app.theme.list_selected()
        } else {
            app.theme.text()
        };
        f.buffer_mut().set_line(
            inner.x,
            y,
            &Line::from(Span::styled(text, style)),
            inner.width,
        );
        y += 1;
    }
}

/// 12345 → "12.3k".
fn human(n: usize) -> String {
    if n >= 10_000 {
        format!("{}k", n / 1000)
    } else if n >= 1000 {
        format!("{:.1}k", n as f64 / 1000.0)
    } else {
        n.to_string()
    }
}
