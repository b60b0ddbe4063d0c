//! The one single-line text input of the TUI (the search box, the reader's and the
//! documents' filters, the prompt), on ratatui-textarea: the cursor moves with `←` `→`,
//! `Home` `End`, `Ctrl-a` `Ctrl-e` and by words with `Ctrl-←` `Ctrl-→` or `Alt-b` `Alt-f`;
//! `Backspace` `Del`, `Ctrl-u` (to the start), `Ctrl-k` (to the end) and `Ctrl-w`
//! (the word before) delete. `Enter`, `Esc`, `Tab` and the arrows up and down are left to
//! the owner; a line feed never enters (pasted lines are joined by spaces).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui_textarea::{CursorMove, TextArea};

/// A one-line input.
#[derive(Debug, Clone, Default)]
pub struct LineInput {
    area: TextArea<'static>,
}

impl From<&str> for LineInput {
    fn from(text: &str) -> Self {
        let mut input = Self::default();
        input.set_text(text);
        input
    }
}

impl From<String> for LineInput {
    fn from(text: String) -> Self {
        Self::from(text.as_str())
    }
}

impl LineInput {
    /// The text.
    pub fn text(&self) -> String {
        self.area.lines().first().cloned().unwrap_or_default()
    }

    /// The text, trimmed.
    pub fn trim(&self) -> String {
        self.text().trim().to_string()
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set_text(&mut self, text: &str) {
        self.area = TextArea::new(vec![one_line(text)]);
        self.area.move_cursor(CursorMove::End);
    }

    /// The cursor's position, in chars from the start.
    pub fn cursor(&self) -> usize {
        self.area.cursor().1
    }

    /// Inserts pasted text at the cursor, its lines joined by spaces.
    pub fn paste(&mut self, text: &str) {
        self.area.insert_str(one_line(text));
    }

    /// Edits with a key; true if the key was an editing or cursor key.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let a = &mut self.area;
        match key.code {
            KeyCode::Char('u') if ctrl => {
                a.delete_line_by_head();
            }
            KeyCode::Char('k') if ctrl => {
                a.delete_line_by_end();
            }
            KeyCode::Char('w') if ctrl => {
                a.delete_word();
            }
            KeyCode::Backspace if ctrl || alt => {
                a.delete_word();
            }
            KeyCode::Char('h') if ctrl => {
                a.delete_char();
            }
            KeyCode::Char('a') if ctrl => a.move_cursor(CursorMove::Head),
            KeyCode::Char('e') if ctrl => a.move_cursor(CursorMove::End),
            KeyCode::Char('b') if alt => a.move_cursor(CursorMove::WordBack),
            KeyCode::Char('f') if alt => a.move_cursor(CursorMove::WordForward),
            KeyCode::Left if ctrl || alt => a.move_cursor(CursorMove::WordBack),
            KeyCode::Right if ctrl || alt => a.move_cursor(CursorMove::WordForward),
            KeyCode::Left => a.move_cursor(CursorMove::Back),
            KeyCode::Right => a.move_cursor(CursorMove::Forward),
            KeyCode::Home => a.move_cursor(CursorMove::Head),
            KeyCode::End => a.move_cursor(CursorMove::End),
            KeyCode::Backspace => {
                a.delete_char();
            }
            KeyCode::Delete => {
                a.delete_next_char();
            }
            KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => a.insert_char(c),
            _ => return false,
        }
        true
    }

    /// The text as spans in `style`, with the cursor drawn (reversed) when `focused`, and
    /// control characters escaped.
    pub fn spans(&self, style: Style, focused: bool) -> Vec<Span<'static>> {
        let chars: Vec<char> = self.text().chars().collect();
        let at = self.cursor().min(chars.len());
        let escaped = |cs: &[char]| glose::text::escape_controls(&cs.iter().collect::<String>());
        if !focused {
            return vec![Span::styled(escaped(&chars), style)];
        }
        let cursor = style.add_modifier(Modifier::REVERSED);
        let (before, rest) = chars.split_at(at);
        let mut out = vec![Span::styled(escaped(before), style)];
        match rest.split_first() {
            Some((c, after)) => {
                out.push(Span::styled(escaped(&[*c]), cursor));
                out.push(Span::styled(escaped(after), style));
            }
            None => out.push(Span::styled(" ", cursor)),
        }
        out
    }
}

/// Text as one line: line breaks (CR, LF, CRLF) become single spaces.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn typed(s: &str) -> LineInput {
        let mut i = LineInput::default();
        for c in s.chars() {
            assert!(i.input(&key(KeyCode::Char(c), KeyModifiers::NONE)));
        }
        i
    }

    #[test]
    fn readline_keys_move_and_delete() {
        let (n, c, a) = (KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT);
        let mut i = typed("stage:growth speaker:fondatrice");
        assert!(i.input(&key(KeyCode::Char('w'), c)));
        assert_eq!(i.text(), "stage:growth speaker:");
        i.input(&key(KeyCode::Home, n));
        assert_eq!(i.cursor(), 0);
        i.input(&key(KeyCode::Char('x'), n));
        assert_eq!(i.text(), "xstage:growth speaker:");
        i.input(&key(KeyCode::Backspace, n));
        i.input(&key(KeyCode::Char('e'), c));
        i.input(&key(KeyCode::Left, n));
        i.input(&key(KeyCode::Char('u'), c));
        assert_eq!(i.text(), ":");
        i.set_text("un deux trois");
        i.input(&key(KeyCode::Char('b'), a));
        i.input(&key(KeyCode::Char('k'), c));
        assert_eq!(i.text(), "un deux ");
        i.input(&key(KeyCode::Left, c));
        assert_eq!(i.cursor(), 3);
        i.input(&key(KeyCode::Delete, n));
        assert_eq!(i.text(), "un eux ");
        // The owner's keys are not taken; a line feed never enters.
        for k in [KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::Up] {
            assert!(!i.input(&key(k, n)));
        }
        assert!(!i.input(&key(KeyCode::Char('j'), c)));
        i.paste("a\r\nb\nc");
        assert_eq!(i.text(), "un a b ceux ");
    }

    #[test]
    fn the_cursor_is_drawn_where_it_is() {
        let mut i = LineInput::from("abc");
        i.input(&key(KeyCode::Left, KeyModifiers::NONE));
        let spans = i.spans(Style::new(), true);
        let text: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, ["ab", "c", ""]);
        assert!(spans[1].style.add_modifier.contains(Modifier::REVERSED));
        let i = LineInput::from("a\u{1b}");
        assert_eq!(i.spans(Style::new(), false)[0].content, "a\\u{1b}");
    }
}
