//! The code edit form: labels (fr, en), definition, when to use and not, examples, colour,
//! each a ratatui-textarea like the memo editor (multi-line, paste). Saving sends only the
//! fields that changed to `op_edit`.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use glose::codebook::CodeFields;

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{pane_block, popup};
use super::{Command, Env, Layer, Outcome};

/// The form's fields, in order: name, and whether it is one line.
pub const FIELDS: [(&str, bool); 7] = [
    ("Label (fr)", true),
    ("Label (en)", true),
    ("Definition", false),
    ("When to use", false),
    ("When not to use", false),
    ("Examples", false),
    ("Colour (#RRGGBB)", true),
];

/// The form's state.
#[derive(Debug)]
pub struct CodeForm {
    /// The code edited.
    pub code: String,
    /// One editor per field of [`FIELDS`].
    pub areas: Vec<TextArea<'static>>,
    /// The values when the form opened.
    pub original: Vec<String>,
    /// The field with the cursor.
    pub field: usize,
    /// Saved because the app quits: a refused save cannot reopen the form.
    pub quitting: bool,
}

impl CodeForm {
    /// A form on a code with these field values (in [`FIELDS`] order).
    pub fn new(code: &str, original: Vec<String>) -> Self {
        Self {
            code: code.to_string(),
            areas: original.iter().map(|v| text_area(v)).collect(),
            original,
            field: 0,
            quitting: false,
        }
    }

    fn take(&mut self) -> Box<CodeForm> {
        Box::new(CodeForm {
            code: self.code.clone(),
            areas: std::mem::take(&mut self.areas),
            original: std::mem::take(&mut self.original),
            field: self.field,
            quitting: self.quitting,
        })
    }

    /// The text of a field as typed.
    pub fn value(&self, i: usize) -> String {
        self.areas
            .get(i)
            .map_or(String::new(), |a| a.lines().join("\n"))
    }

    /// Moves to the next (or previous) field.
    pub fn step(&mut self, forward: bool) {
        let n = self.areas.len();
        self.field = if forward {
            (self.field + 1) % n
        } else {
            (self.field + n - 1) % n
        };
    }

    /// A key for the field with the cursor (Enter does not break a one-line field).
    pub fn input(&mut self, key: KeyEvent) {
        let one_line = FIELDS.get(self.field).is_some_and(|f| f.1);
        if one_line && key.code == ratatui::crossterm::event::KeyCode::Enter {
            return;
        }
        if let Some(a) = self.areas.get_mut(self.field) {
            a.input(key);
        }
    }

    /// Pastes text into the field with the cursor: CR LF and CR become LF; a one-line
    /// field takes the first line.
    pub fn paste(&mut self, s: &str) {
        let text = s.replace("\r\n", "\n").replace('\r', "\n");
        let one_line = FIELDS.get(self.field).is_some_and(|f| f.1);
        let text = if one_line {
            text.lines().next().unwrap_or("").to_string()
        } else {
            text
        };
        if let Some(a) = self.areas.get_mut(self.field) {
            a.insert_str(text);
        }
    }

    /// The fields that changed, as `op_edit` takes them.
    pub fn changes(&self) -> CodeFields {
        let changed = |i: usize| {
            let v = self.value(i);
            let before = self.original.get(i).map_or("", String::as_str);
            (v.trim() != before.trim()).then_some(v)
        };
        CodeFields {
            label_fr: changed(0),
            label_en: changed(1),
            definition: changed(2),
            when_to_use: changed(3),
            when_not_to_use: changed(4),
            example: changed(5),
            color: changed(6),
            exclusive: None,
        }
    }
}

pub fn text_area(value: &str) -> TextArea<'static> {
    let lines: Vec<String> = value.split('\n').map(str::to_string).collect();
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::Word);
    area.set_cursor_line_style(ratatui::style::Style::new());
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

impl Layer for CodeForm {
    fn ctx(&self) -> Ctx {
        Ctx::CodeForm
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match lookup(Ctx::CodeForm, key, false) {
            Some(Action::Open) => Outcome::CloseThen(Command::SaveCodeForm(self.take())),
            Some(Action::Escape) => {
                Outcome::CloseThen(Command::Info("code form closed: nothing changed".into()))
            }
            Some(Action::FocusNext) => {
                self.step(true);
                Outcome::Stay
            }
            Some(Action::FocusPrev) => {
                self.step(false);
                Outcome::Stay
            }
            _ => {
                self.input(*key);
                Outcome::Stay
            }
        }
    }

    fn on_paste(&mut self, text: &str) {
        self.paste(text);
    }

    fn on_quit(&mut self) -> Option<Command> {
        self.quitting = true;
        Some(Command::SaveCodeForm(self.take()))
    }

    /// One bordered editor per field, the one with the cursor highlighted.
    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let r = popup(f, area, 76, 30);
        let title = format!(" Edit code {} ", self.code);
        let block = pane_block(theme, title, true)
            .title_bottom(Span::styled(strings::FORM_HINT, theme.dim()));
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
            let b = Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border(i == self.field))
                .title(Span::styled(format!(" {name} "), theme.dim()));
            let text_rect = b.inner(*rect);
            f.render_widget(b, *rect);
            if let Some(a) = self.areas.get(i) {
                f.render_widget(a, text_rect);
            }
        }
    }
}
