//! The picker popup: an input that filters codes (or documents) as you type.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::overlay::{PickFor, Picker};
use super::super::strings;
use super::{fit, list_offset, pane_block, popup};

/// Draws the picker.
pub fn draw(app: &App, f: &mut Frame, area: Rect, p: &Picker) {
    let r = popup(f, area, 70, 20);
    let title = match p.purpose {
        PickFor::Apply => strings::PICK_CODE,
        PickFor::Change(_) => strings::CHANGE_CODE,
        PickFor::Retrieve => strings::RETRIEVE_CODE,
        PickFor::JumpDoc => strings::JUMP_DOC,
        PickFor::Consensus => strings::CONSENSUS_CODE,
        PickFor::Parent => strings::PICK_PARENT,
        PickFor::MoveUnder(_) => strings::MOVE_UNDER,
        PickFor::MergeInto(_) => strings::MERGE_INTO,
        PickFor::SplitInto(_) => strings::SPLIT_INTO,
    };
    let block = pane_block(app, format!(" {title} "), true);
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.height < 2 {
        return;
    }
    let buf = f.buffer_mut();
    let input = Line::from(vec![
        Span::styled("> ", app.theme.key()),
        Span::raw(p.input.clone()),
        Span::styled("▏", app.theme.key()),
        Span::styled(
            format!("  {}/{}", p.shown.len(), p.all.len()),
            app.theme.dim(),
        ),
    ]);
    buf.set_line(inner.x, inner.y, &input, inner.width);
    let height = usize::from(inner.height - 1);
    let offset = list_offset(p.sel, height);
    if let Some(label) = p.create_label() {
        draw_create_row(app, buf, inner, p, label, offset, height);
    }
    let w = usize::from(inner.width);
    let filtering = !p.input.trim().is_empty();
    for (row, &i) in p.shown.iter().enumerate().skip(offset).take(height) {
        let Some(item) = p.all.get(i) else { continue };
        let indent = if filtering {
            String::new()
        } else {
            "  ".repeat(item.depth)
        };
        let label = fit(&item.label, w.saturating_sub(indent.len() + 4));
        let detail_w = w.saturating_sub(
            indent.len() + 3 + unicode_width::UnicodeWidthStr::width(label.as_str()),
        );
        let mut spans = vec![Span::raw(indent)];
        if matches!(p.purpose, PickFor::JumpDoc) {
            spans.push(Span::raw(" "));
        } else {
            spans.push(Span::styled("■ ", app.theme.code_fg(item.rgb)));
        }
        let style = if row == p.sel {
            app.theme.list_selected()
        } else {
            app.theme.text()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::styled(
            format!(" {}", fit(&item.detail, detail_w)),
            app.theme.dim(),
        ));
        let y = inner.y + 1 + u16::try_from(row - offset).unwrap_or(0);
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }
}

/// The last row: the typed text as a new code, with where it would go (Tab changes it).
fn draw_create_row(
    app: &App,
    buf: &mut ratatui::buffer::Buffer,
    inner: Rect,
    p: &Picker,
    label: &str,
    offset: usize,
    height: usize,
) {
    let row = p.shown.len();
    if row < offset || row >= offset + height {
        return;
    }
    let under = p
        .parent
        .as_deref()
        .map_or(strings::TOP_LEVEL.to_string(), |id| {
            app.label(id).to_string()
        });
    let style = if p.sel == row {
        app.theme.list_selected()
    } else {
        app.theme.text()
    };
    let w = usize::from(inner.width);
    let line = Line::from(vec![
        Span::styled("+ ", app.theme.key()),
        Span::styled(
            format!("{} «{}»", strings::CREATE, fit(label, w.saturating_sub(12))),
            style,
        ),
        Span::styled(
            format!(" under {under} (Tab: another parent)"),
            app.theme.dim(),
        ),
    ]);
    let y = inner.y + 1 + u16::try_from(row - offset).unwrap_or(0);
    buf.set_line(inner.x, y, &line, inner.width);
}
