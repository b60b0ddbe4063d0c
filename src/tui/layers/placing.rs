//! Placing an orphaned coding again: a mode, not a popup. While it is on the stack the
//! keys still go to the panes (select the new span, then `a` gives it to the coding; Esc
//! in the transcript cancels), and the status line says PLACING.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::super::actions::Ctx;
use super::{Env, Layer, Outcome};

/// The coding being placed again (its id).
#[derive(Debug)]
pub struct Placing {
    /// The coding's id.
    pub id: String,
}

impl Layer for Placing {
    fn ctx(&self) -> Ctx {
        Ctx::Transcript
    }

    /// Never called: the keys pass to what is below (see [`Layer::passes_keys`]).
    fn on_key(&mut self, _key: &KeyEvent, _env: &Env) -> Outcome {
        Outcome::Stay
    }

    fn draw(&self, _f: &mut Frame, _area: Rect, _env: &Env) {}

    fn covers(&self) -> bool {
        false
    }

    fn passes_keys(&self) -> bool {
        true
    }
}
