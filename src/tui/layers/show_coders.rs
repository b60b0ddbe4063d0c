//! The chooser of the other coders whose codings are drawn beside this coder's in the
//! transcript (read-only, lettered and coloured by coder): a checkbox per coder with
//! codings. Applying gives the app the chosen names, kept for the session.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, pad, pane_block, popup};
use super::{Command, Env, Layer, Outcome};

/// One coder in the chooser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The coder.
    pub coder: String,
    /// The letter their codings are drawn with.
    pub letter: char,
    /// Their number of codings in the study.
    pub codings: usize,
    /// Whether their codings are drawn.
    pub on: bool,
}

/// The chooser's state.
#[derive(Debug, Clone)]
pub struct ShowCoders {
    /// The other coders with codings, in letter order.
    pub coders: Vec<Shown>,
    /// The highlighted row.
    pub sel: usize,
}

impl ShowCoders {
    /// A chooser over the other coders with codings (name, count, in letter order), the
    /// `shown` ones ticked.
    pub fn new(team: &[(String, usize)], shown: &[String]) -> Self {
        let coders = team
            .iter()
            .enumerate()
            .map(|(i, (coder, n))| Shown {
                coder: coder.clone(),
                letter: glose::team::letter(i),
                codings: *n,
                on: shown.contains(coder),
            })
            .collect();
        Self { coders, sel: 0 }
    }

    /// The ticked coders.
    pub fn chosen(&self) -> Vec<String> {
        self.coders
            .iter()
            .filter(|c| c.on)
            .map(|c| c.coder.clone())
            .collect()
    }
}

impl Layer for ShowCoders {
    fn ctx(&self) -> Ctx {
        Ctx::ShowCoders
    }

    /// Move, tick, tick all or none, apply, cancel.
    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        let last = self.coders.len().saturating_sub(1);
        match lookup(Ctx::ShowCoders, key, false) {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => self.sel = (self.sel + 1).min(last),
            Some(Action::Mark) => {
                if let Some(c) = self.coders.get_mut(self.sel) {
                    c.on = !c.on;
                }
            }
            Some(Action::MarkAll) => {
                let all = self.coders.iter().all(|c| c.on);
                for c in &mut self.coders {
                    c.on = !all;
                }
            }
            Some(Action::Open) => return Outcome::CloseThen(Command::ShowCoders(self.chosen())),
            Some(Action::Escape) => {
                return Outcome::CloseThen(Command::Info(strings::SHOWN_UNCHANGED.into()));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let t = env.theme;
        let h = u16::try_from(self.coders.len().max(1) + 4).unwrap_or(u16::MAX);
        let rect = popup(f, area, 56, h);
        let block = pane_block(t, format!(" {} ", strings::SHOW_CODERS), true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let w = usize::from(inner.width);
        let buf = f.buffer_mut();
        if self.coders.is_empty() {
            buf.set_stringn(
                inner.x,
                inner.y,
                fit(&strings::NO_OTHER_CODERS, w),
                w,
                t.dim(),
            );
        }
        let rows = usize::from(inner.height.saturating_sub(2));
        let offset = super::super::widgets::list_offset(self.sel, rows);
        for (i, c) in self.coders.iter().enumerate().skip(offset).take(rows) {
            let Ok(dy) = u16::try_from(i - offset) else {
                break;
            };
            let mark = if c.on { "[x]" } else { "[ ]" };
            let text = format!(
                " {mark} {} {}  {} {}",
                c.letter,
                c.coder,
                c.codings,
                strings::CODINGS
            );
            let style = if i == self.sel {
                t.list_selected()
            } else {
                t.code_fg(Some(coder_rgb(i)))
            };
            buf.set_stringn(inner.x, inner.y + dy, pad(&fit(&text, w), w), w, style);
        }
        if inner.height > 0 {
            let hint = strings::SHOW_CODERS_KEYS.get();
            buf.set_stringn(inner.x, inner.bottom() - 1, fit(hint, w), w, t.dim());
        }
    }
}

/// The colour of the coder with letter number `index`: distinct hues, readable on a dark
/// or light background.
pub fn coder_rgb(index: usize) -> (u8, u8, u8) {
    const PALETTE: [(u8, u8, u8); 8] = [
        (230, 120, 40),
        (60, 160, 220),
        (200, 80, 180),
        (90, 180, 90),
        (220, 190, 50),
        (150, 110, 230),
        (230, 90, 100),
        (60, 190, 170),
    ];
    PALETTE[index % PALETTE.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_applies_the_chosen_coders() {
        let team = [("ana".to_string(), 3), ("bob".to_string(), 1)];
        let mut ch = ShowCoders::new(&team, &["bob".to_string()]);
        assert_eq!(ch.chosen(), ["bob"]);
        assert_eq!((ch.coders[0].letter, ch.coders[1].letter), ('A', 'B'));
        ch.coders[0].on = true;
        assert_eq!(ch.chosen(), ["ana", "bob"]);
    }
}
