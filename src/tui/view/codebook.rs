//! The codebook pane: the code tree with colours and this coder's counts (in this
//! document / overall), and the selected code's definition, rules and example.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use glose::store::MemoTarget;

use super::super::app::{App, Pane};
use super::super::layout::{Wrapped, line_str};
use super::super::strings;
use super::{fit, focused, list_offset, pane_block};

/// Draws the codebook pane.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let [tree_area, _] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let detail_area = detail_area(area);
    let title = format!(
        " {} ({}) ",
        strings::CODEBOOK,
        app.session.study.codebook.codes.len()
    );
    let block = pane_block(&app.theme, title, focused(app, Pane::Codebook));
    let inner = block.inner(tree_area);
    f.render_widget(block, tree_area);
    let height = usize::from(inner.height);
    let w = usize::from(inner.width);
    let offset = list_offset(app.code_sel, height);
    for (row, (i, depth)) in app.tree.iter().enumerate().skip(offset).take(height) {
        let Some(code) = app.session.study.codebook.codes.get(*i) else {
            continue;
        };
        let (here, total) = app.counts.get(&code.id).copied().unwrap_or((0, 0));
        let counts = if total > 0 {
            format!(" {here}/{total}")
        } else {
            String::new()
        };
        let indent = "  ".repeat(*depth);
        let label_w = w.saturating_sub(indent.chars().count() + 2 + counts.chars().count());
        let label = fit(
            &glose::text::escape_controls(code.label(&app.lang)),
            label_w,
        );
        let pad = label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let mut label_style = app.theme.text();
        if *depth == 0 {
            label_style = label_style.add_modifier(Modifier::BOLD);
        }
        if row == app.code_sel {
            label_style = label_style.patch(app.theme.list_selected());
        }
        let line = Line::from(vec![
            Span::raw(indent),
            Span::styled("■ ", app.theme.code_fg(code.rgb())),
            Span::styled(label, label_style),
            Span::styled(format!("{}{counts}", " ".repeat(pad)), app.theme.dim()),
        ]);
        let y = inner.y + u16::try_from(row - offset).unwrap_or(0);
        f.buffer_mut().set_line(inner.x, y, &line, inner.width);
    }
    draw_details(app, f, detail_area);
}

/// The definition pane's area within the codebook pane's (its lower part).
pub fn detail_area(area: Rect) -> Rect {
    let [_, detail] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    detail
}

/// How far the definition pane of a codebook pane at `area` can scroll (rows).
pub fn max_def_scroll(app: &App, area: Rect) -> usize {
    let inner = pane_block(&app.theme, "", false).inner(detail_area(area));
    detail_rows(app, usize::from(inner.width))
        .len()
        .saturating_sub(usize::from(inner.height))
}

/// The selected code's details as screen rows wrapped to `width`: label, id, definition,
/// when to use and not, example, this coder's memo on it.
fn detail_rows(app: &App, width: usize) -> Vec<Line<'static>> {
    let Some(code) = app
        .tree
        .get(app.code_sel)
        .and_then(|(i, _)| app.session.study.codebook.codes.get(*i))
    else {
        return Vec::new();
    };
    let esc = glose::text::escape_controls;
    let head = app.theme.title();
    let mut rows = vec![
        Line::from(vec![
            Span::styled("■ ", app.theme.code_fg(code.rgb())),
            Span::styled(esc(code.label(&app.lang)), head),
        ]),
        Line::from(Span::styled(esc(&code.id), app.theme.dim())),
    ];
    let wrapped = |text: &str, style: Style, rows: &mut Vec<Line<'static>>| {
        let text = esc(text);
        let w = Wrapped::new(&text, width.max(1));
        for l in &w.lines {
            rows.push(Line::from(Span::styled(
                line_str(&text, l).trim_end().to_string(),
                style,
            )));
        }
    };
    wrapped(&code.definition, app.theme.text(), &mut rows);
    let memo = app
        .session
        .mine
        .memo(&MemoTarget::Code(code.id.clone()))
        .map(|m| m.text.clone());
    for (title, body) in [
        (strings::WHEN_TO_USE, Some(code.when_to_use.clone())),
        (strings::WHEN_NOT_TO_USE, Some(code.when_not_to_use.clone())),
        (strings::EXAMPLE, Some(code.example.clone())),
        (strings::MEMO, memo),
    ] {
        let Some(body) = body.filter(|b| !b.trim().is_empty()) else {
            continue;
        };
        rows.push(Line::from(Span::styled(title.to_string(), head)));
        wrapped(&body, app.theme.text(), &mut rows);
    }
    rows
}

fn draw_details(app: &App, f: &mut Frame, area: Rect) {
    let probe = pane_block(&app.theme, "", false).inner(area);
    let rows = detail_rows(app, usize::from(probe.width));
    let height = usize::from(probe.height);
    let max = rows.len().saturating_sub(height);
    let scroll = if app.def_scroll.0 == app.code_sel {
        app.def_scroll.1.min(max)
    } else {
        0
    };
    let title = if max > 0 {
        let last = (scroll + height).min(rows.len());
        format!(
            " {} · {}-{last}/{} ",
            strings::DEFINITION,
            scroll + 1,
            rows.len()
        )
    } else {
        format!(" {} ", strings::DEFINITION)
    };
    let block = pane_block(&app.theme, title, false);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let visible: Vec<Line> = rows.into_iter().skip(scroll).take(height).collect();
    f.render_widget(Paragraph::new(visible), inner);
}
