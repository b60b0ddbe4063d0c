//! The code edit form: labels (fr, en), definition, when to use and not, examples, colour,
//! each a ratatui-textarea like the memo editor (multi-line, paste). Saving sends only the
//! fields that changed to `op_edit`.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use glose::codebook::CodeFields;

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
}

impl CodeForm {
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
