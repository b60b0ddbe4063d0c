//! The transcript: only the visible lines of the cached layout are drawn, with speaker
//! labels set apart, interviewer turns set back, selection, search matches and cursor;
//! coding stripes beside the text, one lane per overlapping coding, with short labels.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use glose::document::Role;

use super::super::app::{App, DocView, Pane, gutter, text_width};
use super::super::layout::{display, line_str};
use super::super::strings;
use super::{fit, focused, pane_block};

/// Where the text, the stripe lanes and the stripe labels go inside a transcript pane.
#[derive(Debug, Clone, Copy)]
pub struct Geo {
    /// The text.
    pub text: Rect,
    /// One column per lane.
    pub lanes: Rect,
    /// Short labels.
    pub labels: Rect,
}

/// The geometry of a transcript pane.
pub fn geometry(area: Rect) -> Geo {
    let inner = Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let (lanes, labels) = gutter(inner.width);
    let tw = u16::try_from(text_width(area.width))
        .unwrap_or(u16::MAX)
        .min(inner.width);
    let lane_x = (inner.x + tw + 1).min(inner.right());
    let lanes_w = lanes.min(inner.right().saturating_sub(lane_x));
    let label_x = (lane_x + lanes_w + 1).min(inner.right());
    let labels_w = labels.min(inner.right().saturating_sub(label_x));
    Geo {
        text: Rect { width: tw, ..inner },
        lanes: Rect {
            x: lane_x,
            width: lanes_w,
            ..inner
        },
        labels: Rect {
            x: label_x,
            width: labels_w,
            ..inner
        },
    }
}

/// Draws the transcript pane.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let has_focus = focused(app, Pane::Transcript);
    let Some(view) = app.view.as_ref() else {
        let block = pane_block(&app.theme, " Transcript ", has_focus);
        let inner = block.inner(area);
        f.render_widget(block, area);
        f.buffer_mut().set_stringn(
            inner.x,
            inner.y,
            strings::NO_DOCUMENT,
            usize::from(inner.width),
            app.theme.dim(),
        );
        return;
    };
    let row = app.docs.iter().find(|d| d.id == view.doc.id);
    let title = format!(
        " {} · {} · {} ",
        view.doc.id,
        row.map_or("", |r| r.company.as_str()),
        row.map_or("", |r| app.stage_label(&r.stage))
    );
    let title = glose::text::escape_controls(&title);
    let block = pane_block(&app.theme, title, has_focus);
    f.render_widget(block, area);
    let geo = geometry(area);
    draw_text(app, view, f, geo.text, has_focus);
    draw_stripes(app, view, f, geo);
}

/// Draws the visible lines of a transcript: speakers, selection, matches, cursor.
pub fn draw_text(app: &App, view: &DocView, f: &mut Frame, area: Rect, show_cursor: bool) {
    let t = &app.theme;
    let doc = &view.doc;
    let text = doc.text.as_str();
    let sel = view.selection();
    let focus_range = view
        .focus
        .as_ref()
        .and_then(|id| view.codings.iter().find(|c| &c.id == id))
        .map(|c| c.range());
    let height = usize::from(area.height);
    let buf = f.buffer_mut();
    for (row, line) in view
        .wrapped
        .lines
        .iter()
        .enumerate()
        .skip(view.top)
        .take(height)
    {
        let y = area.y + u16::try_from(row - view.top).unwrap_or(0);
        let mut spans: Vec<Span> = Vec::new();
        let mut cur_style: Option<Style> = None;
        let mut cur_text = String::new();
        let mut pos = line.start;
        let mut turn_i = doc.turns.partition_point(|tr| tr.range.end <= pos);
        let mut match_i = view.matches.partition_point(|m| m.end <= pos);
        for g in line_str(text, line).graphemes(true) {
            while doc.turns.get(turn_i).is_some_and(|tr| tr.range.end <= pos) {
                turn_i += 1;
            }
            while view.matches.get(match_i).is_some_and(|m| m.end <= pos) {
                match_i += 1;
            }
            let turn = doc.turns.get(turn_i).filter(|tr| tr.range.start <= pos);
            let interviewer = turn.is_some_and(|tr| tr.role == Role::Interviewer);
            let mut style = match turn {
                Some(tr) if tr.label_range.contains(&pos) => t.label(interviewer),
                Some(_) if interviewer => t.interviewer(),
                _ => t.text(),
            };
            if focus_range.as_ref().is_some_and(|r| r.contains(&pos)) {
                style = style.patch(t.focused_coding());
            }
            if view.matches.get(match_i).is_some_and(|m| m.contains(&pos)) {
                style = style.patch(t.matched());
            }
            if sel.as_ref().is_some_and(|r| r.contains(&pos)) {
                style = style.patch(t.selection());
            }
            if show_cursor && pos == view.cursor {
                style = style.patch(t.cursor());
            }
            if cur_style != Some(style) {
                if let Some(s) = cur_style {
                    spans.push(Span::styled(std::mem::take(&mut cur_text), s));
                }
                cur_style = Some(style);
            }
            cur_text.push_str(&display(g));
            pos += g.chars().count();
        }
        if let Some(s) = cur_style {
            spans.push(Span::styled(cur_text, s));
        }
        // The cursor after the last char of a line (at a newline or the end).
        if show_cursor && view.cursor == line.end && !line.soft {
            spans.push(Span::styled(" ", t.cursor()));
        }
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
}

fn draw_stripes(app: &App, view: &DocView, f: &mut Frame, geo: Geo) {
    let top = view.top;
    let height = usize::from(geo.text.height);
    let bottom = top + height;
    let max_lanes = usize::from(geo.lanes.width);
    let mut label_used = vec![false; height];
    let mut overflow = vec![0usize; height];
    let buf = f.buffer_mut();
    for (c, &(first, last, lane)) in view.codings.iter().zip(view.lanes.spans.iter()) {
        if last < top || first >= bottom {
            continue;
        }
        let code = app.study.codebook.resolve(&c.code);
        let rgb = code.and_then(|k| k.rgb());
        let focused = view.focus.as_deref() == Some(c.id.as_str());
        let mut style = app.theme.code_fg(rgb);
        if focused {
            style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
        }
        let from = first.max(top);
        let to = last.min(bottom - 1);
        for line in from..=to {
            let row = line - top;
            if lane >= max_lanes {
                if let Some(o) = overflow.get_mut(row) {
                    *o += 1;
                }
                continue;
            }
            let sym = match (line == first, line == last) {
                (true, true) => "▐",
                (true, false) => "╻",
                (false, true) => "╹",
                (false, false) => "┃",
            };
            let sym = if focused { "█" } else { sym };
            let x = geo.lanes.x + u16::try_from(lane).unwrap_or(0);
            let y = geo.lanes.y + u16::try_from(row).unwrap_or(0);
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(sym).set_style(style);
            }
        }
        if geo.labels.width == 0 {
            continue;
        }
        if let Some(row) =
            (from - top..=to - top).find(|r| !label_used.get(*r).copied().unwrap_or(true))
        {
            if let Some(u) = label_used.get_mut(row) {
                *u = true;
            }
            let name = code.map_or(c.code.as_str(), |k| k.short_name());
            let mut label_style = app.theme.code_fg(rgb);
            if focused {
                label_style = label_style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            }
            let y = geo.labels.y + u16::try_from(row).unwrap_or(0);
            buf.set_stringn(
                geo.labels.x,
                y,
                fit(name, usize::from(geo.labels.width)),
                usize::from(geo.labels.width),
                label_style,
            );
        }
    }
    if max_lanes > 0 {
        for (row, n) in overflow.iter().enumerate().filter(|(_, n)| **n > 0) {
            let x = geo.lanes.x + geo.lanes.width - 1;
            let y = geo.lanes.y + u16::try_from(row).unwrap_or(0);
            let mark = if *n > 9 {
                "+".to_string()
            } else {
                n.to_string()
            };
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(&mark).set_style(app.theme.dim());
            }
        }
    }
}

/// The coding whose stripe or label is at a screen position, if any.
pub fn coding_at(view: &DocView, geo: Geo, x: u16, y: u16) -> Option<String> {
    if y < geo.text.y || y >= geo.text.bottom() {
        return None;
    }
    let line = view.top + usize::from(y - geo.text.y);
    let covering = view
        .codings
        .iter()
        .zip(view.lanes.spans.iter())
        .filter(|(_, (first, last, _))| *first <= line && line <= *last);
    if x >= geo.lanes.x && x < geo.lanes.right() {
        let lane = usize::from(x - geo.lanes.x);
        return covering
            .filter(|(_, (_, _, l))| *l == lane)
            .map(|(c, _)| c.id.clone())
            .next();
    }
    if x >= geo.labels.x && x < geo.labels.right() {
        // The label on this row belongs to the first coding drawn there; approximate with
        // the first one starting here, else the innermost covering it.
        let list: Vec<_> = covering.collect();
        return list
            .iter()
            .find(|(_, (first, _, _))| *first == line)
            .or_else(|| list.iter().min_by_key(|(c, _)| c.end - c.start))
            .map(|(c, _)| c.id.clone());
    }
    None
}
