//! The memo editor popup (ratatui-textarea: multi-line, word wrap, its own undo).
//! Esc or Ctrl-s saves, Ctrl-g discards; quitting saves. A paste's CR / CRLF become LF.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{pane_block, popup};
use super::{Command, Env, Layer, Outcome};

/// What a memo is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoFor {
    /// A coding (its id).
    Coding(String),
    /// A document.
    Doc(String),
    /// A code.
    Code(String),
}

/// The memo editor.
#[derive(Debug)]
pub struct MemoEditor {
    /// What the memo is on.
    pub target: MemoFor,
    /// Title line.
    pub title: String,
    /// The text being edited.
    pub area: TextArea<'static>,
    /// The text when the editor opened.
    pub original: String,
}

impl MemoEditor {
    /// An editor on `text`, cursor at its end.
    pub fn new(target: MemoFor, title: String, text: String) -> Self {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::Word);
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self {
            target,
            title,
            area,
            original: text,
        }
    }

    /// The text as typed.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    fn take(&mut self) -> Box<MemoEditor> {
        let area = std::mem::take(&mut self.area);
        Box::new(MemoEditor {
            target: self.target.clone(),
            title: std::mem::take(&mut self.title),
            area,
            original: std::mem::take(&mut self.original),
        })
    }
}

impl Layer for MemoEditor {
    fn ctx(&self) -> Ctx {
        Ctx::Memo
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match lookup(Ctx::Memo, key, false) {
            Some(Action::Open) => Outcome::CloseThen(Command::SaveMemo(self.take())),
            Some(Action::Escape) => {
                Outcome::CloseThen(Command::Info(strings::MEMO_DISCARDED.into()))
            }
            _ => {
                self.area.input(*key);
                Outcome::Stay
            }
        }
    }

    fn on_paste(&mut self, text: &str) {
        // Terminals paste line ends as CR: the editor (and the memo) gets LF.
        self.area
            .insert_str(glose::memos::normalize_memo_text(text));
    }

    fn on_quit(&mut self) -> Option<Command> {
        Some(Command::SaveMemo(self.take()))
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let r = popup(f, area, 72, 14);
        let title = format!(" {} ", glose::text::escape_controls(&self.title));
        let block = pane_block(env.theme, title, true)
            .title_bottom(Span::styled(strings::MEMO_HINT, env.theme.dim()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        f.render_widget(&self.area, inner);
    }
}
