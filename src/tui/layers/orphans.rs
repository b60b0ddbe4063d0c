//! The orphaned codings popup: codings whose text could not be found after a transcript
//! changed; Enter goes to one so that it can be placed again.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, list_offset, pane_block, popup, short};
use super::{Command, Env, Layer, Outcome};

/// The list of orphans (read from [`Env::orphans`]), with a highlighted row.
#[derive(Debug, Default)]
pub struct Orphans {
    /// The highlighted orphan.
    pub sel: usize,
}

impl Layer for Orphans {
    fn ctx(&self) -> Ctx {
        Ctx::Orphans
    }

    fn on_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome {
        match lookup(Ctx::Orphans, key, false) {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => {
                self.sel = (self.sel + 1).min(env.orphans.len().saturating_sub(1));
            }
            Some(Action::Open) => {
                if let Some(o) = env.orphans.get(self.sel) {
                    return Outcome::CloseThen(Command::Place(Box::new(o.coding.clone())));
                }
            }
            Some(Action::Help) => return Outcome::Do(Command::Help(Ctx::Orphans)),
            Some(Action::Escape) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let rect = popup(f, area, area.width.saturating_sub(4).min(100), 16);
        let block = pane_block(theme, format!(" {} ", strings::ORPHANS), true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let buf = f.buffer_mut();
        if env.orphans.is_empty() {
            let text = if env.busy {
                strings::LOOKING
            } else {
                strings::NO_ORPHANS
            };
            buf.set_stringn(
                inner.x,
                inner.y,
                text,
                usize::from(inner.width),
                theme.dim(),
            );
            return;
        }
        let height = usize::from(inner.height);
        let offset = list_offset(self.sel, height);
        for (i, o) in env.orphans.iter().enumerate().skip(offset).take(height) {
            let c = &o.coding;
            let style = if i == self.sel {
                theme.list_selected()
            } else {
                theme.text()
            };
            let text = format!("{} {} «{}»", c.doc, c.code, short(&c.anchor.quote, 60));
            let y = inner.y + u16::try_from(i - offset).unwrap_or(0);
            buf.set_stringn(
                inner.x,
                y,
                fit(&text, usize::from(inner.width)),
                usize::from(inner.width),
                style,
            );
        }
    }
}
