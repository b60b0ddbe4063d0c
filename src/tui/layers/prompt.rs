//! A one-line prompt over the panes: the label of a new code, a code's new name. Enter
//! does it, Esc cancels.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::line_input::LineInput;
use super::super::strings;
use super::super::widgets::{pane_block, popup};
use super::{Command, Env, Layer, Outcome};

/// What the typed line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    /// The label of a new code under this parent (`None`: a new top-level group).
    NewCode(Option<String>),
    /// The new label (in the label language) of a code.
    Rename(String),
}

/// The prompt's state.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// What it is for.
    pub purpose: PromptFor,
    /// The question.
    pub title: String,
    /// The typed text.
    pub input: LineInput,
}

impl Layer for Prompt {
    fn ctx(&self) -> Ctx {
        Ctx::Prompt
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match lookup(Ctx::Prompt, key, false) {
            Some(Action::Open) => Outcome::CloseThen(Command::PromptDone {
                purpose: self.purpose.clone(),
                text: self.input.trim(),
            }),
            Some(Action::Escape) => {
                Outcome::CloseThen(Command::Info("cancelled: nothing changed".into()))
            }
            _ => {
                self.input.input(key);
                Outcome::Stay
            }
        }
    }

    fn on_paste(&mut self, text: &str) {
        self.input.paste(text);
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let r = popup(f, area, 64, 3);
        let title = format!(" {} ", glose::text::escape_controls(&self.title));
        let block = pane_block(theme, title, true)
            .title_bottom(Span::styled(strings::PROMPT_HINT, theme.dim()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        let mut spans = vec![Span::styled("> ", theme.key())];
        spans.extend(self.input.spans(theme.text(), true));
        let line = Line::from(spans);
        f.buffer_mut()
            .set_line(inner.x, inner.y, &line, inner.width);
    }
}
