//! The help popup: every key of the current pane, then the global keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::keyhelp::help_rows;
use super::super::keys::Ctx;
use super::super::strings;
use super::{pad, pane_block, popup};

/// Draws the help popup.
pub fn draw(app: &App, f: &mut Frame, area: Rect, ctx: Ctx, scroll: usize) {
    let rows = help_rows(ctx, true);
    let r = popup(
        f,
        area,
        76,
        u16::try_from(rows.len() + 2).unwrap_or(u16::MAX),
    );
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(8)
        .min(24);
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(pad(k, key_w), app.theme.key()),
                Span::raw("  "),
                Span::raw(*h),
            ])
        })
        .collect();
    let title = format!(
        " {} · {} (j/k scroll, any key closes) ",
        strings::HELP,
        strings::context_name(ctx)
    );
    f.render_widget(Paragraph::new(lines).block(pane_block(app, title, true)), r);
}
