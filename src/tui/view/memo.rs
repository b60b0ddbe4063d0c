//! The memo editor popup (ratatui-textarea: multi-line, word wrap, its own undo).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::super::app::App;
use super::super::overlay::MemoEditor;
use super::super::strings;
use super::{pane_block, popup};

/// Draws the memo editor.
pub fn draw(app: &App, f: &mut Frame, area: Rect, ed: &MemoEditor) {
    let r = popup(f, area, 72, 14);
    let title = format!(" {} ", glose::text::escape_controls(&ed.title));
    let block = pane_block(app, title, true)
        .title_bottom(Span::styled(strings::MEMO_HINT, app.theme.dim()));
    let inner = block.inner(r);
    f.render_widget(block, r);
    f.render_widget(&ed.area, inner);
}
