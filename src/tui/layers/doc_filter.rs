//! The documents filter being typed: a modal input inside the documents pane (the pane
//! draws the text, with a caret while this layer is on). Enter keeps the filter, Esc
//! clears it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::super::actions::Ctx;
use super::super::line_input::LineInput;
use super::{Command, Env, Layer, Outcome};

/// The filter's text while typed.
#[derive(Debug, Default)]
pub struct DocFilter {
    /// The text typed so far (the app's filter follows it).
    pub text: LineInput,
}

impl Layer for DocFilter {
    fn ctx(&self) -> Ctx {
        Ctx::Documents
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match key.code {
            KeyCode::Enter => Outcome::Close,
            KeyCode::Esc => Outcome::CloseThen(Command::SetDocFilter(String::new())),
            _ if self.text.input(key) => Outcome::Do(Command::SetDocFilter(self.text.text())),
            _ => Outcome::Stay,
        }
    }

    fn on_paste(&mut self, text: &str) {
        self.text.paste(text);
    }

    fn draw(&self, _f: &mut Frame, _area: Rect, _env: &Env) {}

    fn covers(&self) -> bool {
        false
    }
}
