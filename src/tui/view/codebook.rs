//! The codebook pane: the code tree with colours and this coder's counts (in this
//! document / overall), and the selected code's definition, rules and example.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use glose::store::MemoTarget;

use super::super::app::{App, Pane};
use super::super::strings;
use super::{fit, focused, list_offset, pane_block};

/// Draws the codebook pane.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let [tree_area, detail_area] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let title = format!(
        " {} ({}) ",
        strings::CODEBOOK,
        app.study.codebook.codes.len()
    );
    let block = pane_block(&app.theme, title, focused(app, Pane::Codebook));
    let inner = block.inner(tree_area);
    f.render_widget(block, tree_area);
    let height = usize::from(inner.height);
    let w = usize::from(inner.width);
    let offset = list_offset(app.code_sel, height);
    for (row, (i, depth)) in app.tree.iter().enumerate().skip(offset).take(height) {
        let Some(code) = app.study.codebook.codes.get(*i) else {
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

fn draw_details(app: &App, f: &mut Frame, area: Rect) {
    let block = pane_block(&app.theme, format!(" {} ", strings::DEFINITION), false);
    let Some(code) = app
        .tree
        .get(app.code_sel)
        .and_then(|(i, _)| app.study.codebook.codes.get(*i))
    else {
        f.render_widget(block, area);
        return;
    };
    let esc = glose::text::escape_controls;
    let head = app.theme.title();
    let mut lines = vec![
        Line::from(vec![
            Span::styled("■ ", app.theme.code_fg(code.rgb())),
            Span::styled(esc(code.label(&app.lang)), head),
        ]),
        Line::from(Span::styled(esc(&code.id), app.theme.dim())),
        Line::from(esc(&code.definition)),
    ];
    let mut section = |title: strings::Ui, body: &str| {
        if !body.trim().is_empty() {
            lines.push(Line::from(Span::styled(title.to_string(), head)));
            lines.push(Line::from(esc(body)));
        }
    };
    section(strings::WHEN_TO_USE, &code.when_to_use);
    section(strings::WHEN_NOT_TO_USE, &code.when_not_to_use);
    section(strings::EXAMPLE, &code.example);
    if let Some(m) = app.session.mine.memo(&MemoTarget::Code(code.id.clone())) {
        section(strings::MEMO, &m.text);
    }
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
