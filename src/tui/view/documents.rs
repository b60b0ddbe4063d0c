//! The documents pane: every interview with its id, company, stage, length and coverage.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::layers::doc_filter::DocFilter;

use super::super::app::{App, Pane};
use super::super::strings;
use super::{focused, list_offset, pad, pane_block};

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
    let cols = Columns::fit(
        usize::from(inner.width),
        app.docs
            .iter()
            .map(|d| d.id.chars().count())
            .max()
            .unwrap_or(3),
    );
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
        let memo = if d.memos {
            strings::MEMO_MARK.get()
        } else {
            " "
        };
        let mut text = format!("{marker}{}{memo}", pad(&fit_end(&d.id, cols.id), cols.id));
        if cols.company > 0 {
            text.push_str(&pad(
                &glose::text::escape_controls(&d.company),
                cols.company,
            ));
            text.push(' ');
        }
        if cols.stage > 0 {
            text.push_str(&pad(app.stage_label(&d.stage), cols.stage));
            text.push(' ');
        }
        if cols.words > 0 {
            text.push_str(&format!("{words:>w$} ", w = cols.words));
        }
        text.push_str(&format!("{cov:>4}"));
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

/// The widths of the list's columns (0: not shown); the marker and the % coded (4) are
/// always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    id: usize,
    company: usize,
    stage: usize,
    words: usize,
}

impl Columns {
    /// Columns for an inner width `w` and the longest id: the company keeps at least 8
    /// columns by dropping the word count first, then shortening long ids (to 6), then
    /// dropping the stage; the % coded is never dropped.
    fn fit(w: usize, longest_id: usize) -> Columns {
        let mut c = Columns {
            id: longest_id.clamp(3, 16),
            company: 0,
            stage: if w >= 50 { 11 } else { 9 },
            words: 6,
        };
        let used = |c: &Columns| {
            let opt = |n: usize| if n > 0 { n + 1 } else { 0 };
            1 + c.id + 1 + opt(c.stage) + opt(c.words) + 4 + 1
        };
        let room = |c: &Columns| w.saturating_sub(used(c));
        const COMPANY: usize = 8;
        if room(&c) < COMPANY {
            c.words = 0;
        }
        if room(&c) < COMPANY {
            let short = c.id.saturating_sub(COMPANY - room(&c)).max(6);
            c.id = c.id.min(short);
        }
        if room(&c) < COMPANY {
            c.stage = 0;
        }
        c.company = room(&c);
        c
    }
}

/// An id cut to `w` columns keeping its end, where ids of a series differ
/// (`…ndatrice-07`).
fn fit_end(id: &str, w: usize) -> String {
    let n = id.chars().count();
    if n <= w || w == 0 {
        return id.to_string();
    }
    let tail: String = id.chars().skip(n - (w - 1)).collect();
    format!("…{tail}")
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
