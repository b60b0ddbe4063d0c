//! A transcript's visible lines (speakers set apart, interviewer turns set back,
//! selection, matches, cursor), drawn from a [`DocView`] and the theme only, so that the
//! transcript pane and the review's layer share it without reading the app.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use glose::document::Role;

use super::super::doc_view::DocView;
use super::super::layout::{display, line_str};
use super::super::theme::Theme;

/// Draws the visible lines of a transcript: speakers, selection, matches, cursor.
pub fn draw_text(t: &Theme, view: &DocView, f: &mut Frame, area: Rect, show_cursor: bool) {
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
