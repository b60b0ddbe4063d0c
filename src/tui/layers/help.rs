//! The help popup: every key of the current pane, then the global keys.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::actions::Ctx;
use super::super::keyhelp::help_rows;
use super::super::strings;
use super::super::widgets::{pad, pane_block, popup};
use super::{Env, Layer, Outcome};

/// The keys of a context, scrolled.
#[derive(Debug)]
pub struct Help {
    /// The context whose keys are shown.
    pub ctx: Ctx,
    /// Scroll offset.
    pub scroll: usize,
}

impl Help {
    /// The help of a context.
    pub fn new(ctx: Ctx) -> Self {
        Self { ctx, scroll: 0 }
    }
}

impl Layer for Help {
    fn ctx(&self) -> Ctx {
        Ctx::Global
    }

    /// j / k scroll; any other key closes.
    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => self.scroll += 1,
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            _ => return Outcome::Close,
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let rows = help_rows(self.ctx, self.ctx.is_pane());
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
            .skip(self.scroll)
            .map(|(k, h)| {
                Line::from(vec![
                    Span::styled(pad(k, key_w), env.theme.key()),
                    Span::raw("  "),
                    Span::raw(*h),
                ])
            })
            .collect();
        let title = format!(
            " {} · {} ({}) ",
            strings::HELP,
            strings::context_name(self.ctx),
            strings::HELP_KEYS
        );
        f.render_widget(
            Paragraph::new(lines).block(pane_block(env.theme, title, true)),
            r,
        );
    }
}
