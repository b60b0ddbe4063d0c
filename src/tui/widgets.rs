//! Drawing helpers shared by the panes and the layers: bordered blocks, centred popups,
//! cutting and padding text to a width. Pure functions of their arguments and the theme.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use super::theme::Theme;

/// A bordered block with a title, highlighted when focused.
pub fn pane_block<'a>(theme: &Theme, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(title)
}

/// A popup area: `w` x `h` cells, centred, clamped to `area`; cleared.
pub fn popup(f: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    f.render_widget(Clear, r);
    r
}

/// A popup area of `w` x `h` cells (clamped to `area`), centred across, placed above or
/// below the rows `keep` (where there is more room) so that they stay visible; centred
/// when there is no such room (fewer than `min_h` rows on either side).
pub fn popup_rect(area: Rect, w: u16, h: u16, keep: Option<(u16, u16)>, min_h: u16) -> Rect {
    let w = w.min(area.width);
    let x = area.x + (area.width - w) / 2;
    let centred = || {
        let h = h.min(area.height);
        Rect::new(x, area.y + (area.height - h) / 2, w, h)
    };
    let Some((first, last)) = keep else {
        return centred();
    };
    let above = first.saturating_sub(area.y);
    let below = area.bottom().saturating_sub(last.saturating_add(1));
    if above.max(below) < min_h {
        return centred();
    }
    if below >= above {
        Rect::new(x, last + 1, w, h.min(below))
    } else {
        let h = h.min(above);
        Rect::new(x, first - h, w, h)
    }
}

/// Cuts a string to `w` display columns, with an ellipsis when cut.
pub fn fit(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

/// Pads a string to exactly `w` display columns (cutting it if longer).
pub fn pad(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut t = fit(s, w);
    let n = t.width();
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(n)));
    t
}

/// The first visible row of a list so that `sel` is in view.
pub fn list_offset(sel: usize, height: usize) -> usize {
    (sel + 1).saturating_sub(height.max(1))
}

/// A key hint: the key, then what it does.
pub fn hint<'a>(theme: &Theme, key: String, what: &'a str) -> Vec<Span<'a>> {
    vec![
        Span::styled(key, theme.key()),
        Span::styled(format!(" {}  ", super::strings::word(what)), theme.dim()),
    ]
}

/// The first `n` chars of a text, one line, escaped.
pub fn short(s: &str, n: usize) -> String {
    let one: String = glose::text::escape_controls(s).replace(['\n', '\t'], " ");
    if one.chars().count() > n {
        let mut t: String = one.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        one
    }
}

/// A list popup over most of `area` (`margin` columns and `margin / 2` rows less, at most
/// `max_width` wide): its frame, with `title` on top and the `keys` hint on the bottom
/// border. Returns the inside, where the list is drawn.
pub fn list_popup(
    f: &mut Frame,
    area: Rect,
    theme: &Theme,
    (title, keys): (&str, &str),
    max_width: u16,
    margin: u16,
) -> Rect {
    let w = area.width.saturating_sub(margin).min(max_width);
    let rect = popup(f, area, w, area.height.saturating_sub(margin / 2));
    let block = pane_block(theme, format!(" {title} "), true)
        .title_bottom(Span::styled(keys.to_string(), theme.dim()));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    inner
}

/// The items of a list that arrives from a background job, or `None` after drawing on
/// the list's first line what stands instead: `waiting` while it is computed, the error,
/// or `empty` (in its style) when there is nothing.
pub fn list_items<'a, T>(
    f: &mut Frame,
    inner: Rect,
    theme: &Theme,
    result: &'a Option<Result<Vec<T>, String>>,
    waiting: &str,
    (empty, empty_style): (&str, ratatui::style::Style),
) -> Option<&'a [T]> {
    let width = usize::from(inner.width);
    let (line, style) = match result {
        Some(Ok(items)) if !items.is_empty() => return Some(items),
        None => (waiting, theme.dim()),
        Some(Err(why)) => (why.as_str(), theme.error()),
        Some(Ok(_)) => (empty, empty_style),
    };
    f.buffer_mut()
        .set_stringn(inner.x, inner.y, fit(line, width), width, style);
    None
}
