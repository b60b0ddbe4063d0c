//! The one-line prompt and the code edit form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::super::app::App;
use super::super::code_form::{CodeForm, FIELDS};
use super::super::prompt::Prompt;
use super::{pane_block, popup};

/// Hint under the prompt.
const PROMPT_HINT: &str = " Enter do it · Esc cancel ";
/// Hint under the form.
const FORM_HINT: &str = " Tab next field · Esc/Ctrl-s save · Ctrl-g discard ";

/// Draws the prompt.
pub fn draw_prompt(app: &App, f: &mut Frame, area: Rect, pr: &Prompt) {
    let r = popup(f, area, 64, 3);
    let title = format!(" {} ", glose::text::escape_controls(&pr.title));
    let block =
        pane_block(app, title, true).title_bottom(Span::styled(PROMPT_HINT, app.theme.dim()));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let line = Line::from(vec![
        Span::styled("> ", app.theme.key()),
        Span::raw(glose::text::escape_controls(&pr.input)),
        Span::styled("▏", app.theme.key()),
    ]);
    f.buffer_mut()
        .set_line(inner.x, inner.y, &line, inner.width);
}

/// Draws the form: one bordered editor per field, the one with the cursor highlighted.
pub fn draw(app: &App, f: &mut Frame, area: Rect, form: &CodeForm) {
    let r = popup(f, area, 76, 30);
    let title = format!(" Edit code {} ", form.code);
    let block = pane_block(app, title, true).title_bottom(Span::styled(FORM_HINT, app.theme.dim()));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let constraints: Vec<Constraint> = FIELDS
        .iter()
        .map(|(_, one)| {
            if *one {
                Constraint::Length(3)
            } else {
                Constraint::Min(3)
            }
        })
        .collect();
    let rows = Layout::vertical(constraints).split(inner);
    for (i, ((name, _), rect)) in FIELDS.iter().zip(rows.iter()).enumerate() {
        let here = i == form.field;
        let b = Block::new()
            .borders(Borders::ALL)
            .border_style(app.theme.border(here))
            .title(Span::styled(format!(" {name} "), app.theme.dim()));
        let text_rect = b.inner(*rect);
        f.render_widget(b, *rect);
        if let Some(a) = form.areas.get(i) {
            f.render_widget(a, text_rect);
        }
    }
}
