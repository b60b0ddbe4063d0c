//! The documents filter being typed: a modal input inside the documents pane (the pane
//! draws the text, with a caret while this layer is on). Enter keeps the filter, Esc
//! clears it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::super::actions::Ctx;
use super::{Command, Env, Layer, Outcome, edit_line};

/// The filter's text while typed.
#[derive(Debug, Default)]
pub struct DocFilter {
    /// The text typed so far (the app's filter follows it).
    pub text: String,
}

impl Layer for DocFilter {
    fn ctx(&self) -> Ctx {
        Ctx::Documents
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match key.code {
            KeyCode::Enter => Outcome::Close,
            KeyCode::Esc => Outcome::CloseThen(Command::SetDocFilter(String::new())),
            _ if edit_line(&mut self.text, key) => {
                Outcome::Do(Command::SetDocFilter(self.text.clone()))
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, _f: &mut Frame, _area: Rect, _env: &Env) {}

    fn covers(&self) -> bool {
        false
    }
}
