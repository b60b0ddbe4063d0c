//! The transcript: only the visible lines of the cached layout are drawn, with speaker
//! labels set apart, interviewer turns set back, selection, search matches and cursor;
//! coding stripes beside the text, one lane per overlapping coding, with short labels.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use glose::store::Coding;

use super::super::app::{App, DocView, Pane, gutter, text_width};
use super::super::layers::show_coders::coder_rgb;
use super::super::strings;
use super::text::draw_text;
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
    let mut block = pane_block(&app.theme, title, has_focus);
    if let Some(legend) = legend(app, view) {
        block = block.title_top(legend.right_aligned());
    }
    if let Some(foot) = recent_foot(app, usize::from(area.width.saturating_sub(4))) {
        block = block.title_bottom(foot);
    }
    f.render_widget(block, area);
    let geo = geometry(area);
    draw_text(&app.theme, view, f, geo.text, has_focus);
    draw_stripes(app, view, f, geo);
}

/// The legend of the other coders shown beside this coder's codings: each one's letter
/// and name in their colour (and how many codings they have here).
fn legend(app: &App, view: &DocView) -> Option<Line<'static>> {
    if app.shown.is_empty() {
        return None;
    }
    let mut spans = vec![Span::styled(
        format!(" {} ", strings::ALSO_SHOWN),
        app.theme.dim(),
    )];
    for coder in &app.shown {
        let (i, letter) = app.coder_letter(coder).unwrap_or((0, '?'));
        let here = view
            .team
            .codings
            .iter()
            .filter(|c| &c.coder == coder)
            .count();
        spans.push(Span::styled(
            format!("{letter} {} ({here}) ", glose::text::escape_controls(coder)),
            app.theme.code_fg(Some(coder_rgb(i))),
        ));
    }
    Some(Line::from(spans))
}

/// The recent codes on the transcript's bottom border: `1 label 2 label …`, as many as
/// fit in `width` columns (the keys `1`–`9` apply them).
pub fn recent_foot(app: &App, width: usize) -> Option<Line<'static>> {
    if app.recent.is_empty() || width < 12 {
        return None;
    }
    let head = format!(" {} ", strings::RECENT);
    let mut used = head.chars().count();
    let mut spans = vec![Span::styled(head, app.theme.dim())];
    // Each label gets an equal share of the room, at least 8 columns.
    let share = (width.saturating_sub(used) / app.recent.len()).clamp(8, 24);
    for (n, code) in app.recent.iter().enumerate() {
        let label = glose::text::escape_controls(app.label(code));
        let label = fit(&label, share.saturating_sub(3));
        let key = format!("{} ", n + 1);
        let cost = key.chars().count() + unicode_width::UnicodeWidthStr::width(label.as_str()) + 1;
        if used + cost > width {
            break;
        }
        used += cost;
        let rgb = app
            .session
            .study
            .codebook
            .resolve(code)
            .and_then(|k| k.rgb());
        spans.push(Span::styled(key, app.theme.key()));
        spans.push(Span::styled(format!("{label} "), app.theme.code_fg(rgb)));
    }
    Some(Line::from(spans))
}

/// One stripe to draw: a coding, its lines and lane, how it looks.
struct Stripe<'a> {
    coding: &'a Coding,
    first: usize,
    last: usize,
    lane: usize,
    style: Style,
    focused: bool,
    /// The coder's letter, for another coder's coding.
    letter: Option<char>,
}

/// This coder's stripes, then the shown coders' beside them.
fn stripes<'a>(app: &App, view: &'a DocView) -> Vec<Stripe<'a>> {
    let cb = &app.session.study.codebook;
    let mut out = Vec::with_capacity(view.codings.len() + view.team.codings.len());
    for (c, &(first, last, lane)) in view.codings.iter().zip(view.lanes.spans.iter()) {
        let focused = view.focus.as_deref() == Some(c.id.as_str());
        let rgb = cb.resolve(&c.code).and_then(|k| k.rgb());
        out.push(Stripe {
            coding: c,
            first,
            last,
            lane,
            style: app.theme.code_fg(rgb),
            focused,
            letter: None,
        });
    }
    let team = view.team.codings.iter().zip(view.team.lanes.spans.iter());
    for (c, &(first, last, lane)) in team {
        let (i, letter) = app.coder_letter(&c.coder).unwrap_or((0, '?'));
        out.push(Stripe {
            coding: c,
            first,
            last,
            lane,
            style: app.theme.code_fg(Some(coder_rgb(i))),
            focused: false,
            letter: Some(letter),
        });
    }
    out
}

fn draw_stripes(app: &App, view: &DocView, f: &mut Frame, geo: Geo) {
    let top = view.top;
    let height = usize::from(geo.text.height);
    let bottom = top + height;
    let max_lanes = usize::from(geo.lanes.width);
    let mut hidden = vec![0usize; height];
    let mut last_lane_drawn = vec![false; height];
    let list: Vec<Stripe> = stripes(app, view)
        .into_iter()
        .filter(|s| s.last >= top && s.first < bottom)
        .collect();
    let buf = f.buffer_mut();
    for s in &list {
        let mut style = s.style;
        if s.focused {
            style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
        }
        for line in s.first.max(top)..=s.last.min(bottom - 1) {
            let row = line - top;
            if s.lane >= max_lanes {
                if let Some(o) = hidden.get_mut(row) {
                    *o += 1;
                }
                continue;
            }
            if s.lane + 1 == max_lanes
                && let Some(u) = last_lane_drawn.get_mut(row)
            {
                *u = true;
            }
            let letter;
            let sym = match (s.letter, line == s.first, line == s.last) {
                (_, _, _) if s.focused => "█",
                (Some(l), true, _) => {
                    letter = l.to_string();
                    letter.as_str()
                }
                (Some(_), false, _) => "┆",
                (None, true, true) => "▐",
                (None, true, false) => "╻",
                (None, false, true) => "╹",
                (None, false, false) => "┃",
            };
            let x = geo.lanes.x + u16::try_from(s.lane).unwrap_or(0);
            let y = geo.lanes.y + u16::try_from(row).unwrap_or(0);
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(sym).set_style(style);
            }
        }
    }
    draw_memo_marks(app, &list, top, bottom, f, geo);
    if geo.labels.width > 0 {
        draw_labels(app, &list, top, bottom, f, geo);
    }
    if max_lanes > 0 {
        let buf = f.buffer_mut();
        for (row, n) in hidden.iter().enumerate().filter(|(_, n)| **n > 0) {
            // The count takes the last lane's place: what it hid is hidden too.
            let n = n + usize::from(last_lane_drawn.get(row).copied().unwrap_or(false));
            let x = geo.lanes.x + geo.lanes.width - 1;
            let y = geo.lanes.y + u16::try_from(row).unwrap_or(0);
            let mark = if n > 9 {
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

/// A mark in the column between the text and the stripes, on the first line of each
/// coding with a memo (this coder's, or a shown coder's), or on the top line when it
/// starts above.
fn draw_memo_marks(app: &App, list: &[Stripe], top: usize, bottom: usize, f: &mut Frame, geo: Geo) {
    if geo.lanes.x <= geo.text.right() {
        return;
    }
    let x = geo.lanes.x - 1;
    let buf = f.buffer_mut();
    for s in list.iter().filter(|s| glose::memos::has_memo(s.coding)) {
        let line = s.first.max(top);
        if line >= bottom {
            continue;
        }
        let y = geo.text.y + u16::try_from(line - top).unwrap_or(0);
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol(strings::MEMO_MARK.get())
                .set_style(app.theme.dim());
        }
    }
}

/// The short labels beside the stripes: one row each, the codings with the fewest
/// visible lines placed first (a one-line coding has one row to show its label on; a
/// longer one can take the next), this coder's before the others'. A coding that finds
/// no free row shares the row of its first line.
fn draw_labels(app: &App, list: &[Stripe], top: usize, bottom: usize, f: &mut Frame, geo: Geo) {
    let height = bottom - top;
    let mut rows: Vec<Vec<(String, Style)>> = vec![Vec::new(); height];
    let mut order: Vec<&Stripe> = list.iter().collect();
    order.sort_by_key(|s| {
        (
            s.last.min(bottom - 1) - s.first.max(top),
            s.letter.is_some(),
        )
    });
    for s in order {
        let (from, to) = (s.first.max(top) - top, s.last.min(bottom - 1) - top);
        let row = (from..=to)
            .find(|r| rows.get(*r).is_some_and(Vec::is_empty))
            .unwrap_or(from);
        let code = app.session.study.codebook.resolve(&s.coding.code);
        let name = code.map_or(s.coding.code.as_str(), |k| k.short_name());
        let name = match s.letter {
            Some(l) => format!("{l}·{name}"),
            None => name.to_string(),
        };
        let mut style = s.style;
        if s.focused {
            style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        if let Some(r) = rows.get_mut(row) {
            r.push((name, style));
        }
    }
    let w = usize::from(geo.labels.width);
    let buf = f.buffer_mut();
    for (row, labels) in rows.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        let mut spans = Vec::new();
        let mut used = 0;
        for (i, (name, style)) in labels.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            let left = w.saturating_sub(used + sep.len());
            if left == 0 {
                break;
            }
            let text = format!("{sep}{}", fit(name, left));
            used += unicode_width::UnicodeWidthStr::width(text.as_str());
            spans.push(Span::styled(text, *style));
        }
        let y = geo.labels.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(geo.labels.x, y, &Line::from(spans), geo.labels.width);
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

/// The other coder's coding whose stripe is at a screen position, if any (read-only: a
/// click names it).
pub fn team_coding_at(view: &DocView, geo: Geo, x: u16, y: u16) -> Option<&Coding> {
    if y < geo.text.y || y >= geo.text.bottom() || x < geo.lanes.x || x >= geo.lanes.right() {
        return None;
    }
    let line = view.top + usize::from(y - geo.text.y);
    let lane = usize::from(x - geo.lanes.x);
    view.team
        .codings
        .iter()
        .zip(view.team.lanes.spans.iter())
        .find(|(_, (first, last, l))| *first <= line && line <= *last && *l == lane)
        .map(|(c, _)| c)
}
