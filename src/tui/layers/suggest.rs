//! The suggestions popup (#21): the passages of the open document a model of this coder's
//! own codings of a code ranks highest, each with its score and why (the words that weigh
//! most, the nearest passage the coder coded). Accept codes the passage (an ordinary
//! undoable coding, carrying the model's receipt), reject remembers it so that it is not
//! proposed again; a code with too few examples or a measured precision below the
//! threshold gets a message instead of a list. Computed on the assistant thread
//! ([`crate::tui::worker::spawn_assistant`]).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use glose::suggest::{Suggestion, Suggestions};

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, list_offset, list_popup, short};
use super::picker::PickFor;
use super::{Command, Env, Layer, Outcome};

/// What the list shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The assistant is working.
    Waiting,
    /// There is no list, and this says why (too few examples, withheld, …).
    Message(String),
    /// The suggestions (accepted and rejected ones taken out).
    Ready(Box<Suggestions>),
}

/// The suggestions of one code in one document.
#[derive(Debug, Clone)]
pub struct SuggestList {
    /// The code.
    pub code: String,
    /// The document.
    pub doc: String,
    /// The answer.
    pub answer: Answer,
    /// The highlighted suggestion.
    pub sel: usize,
}

impl SuggestList {
    /// A list waiting for the assistant.
    pub fn waiting(code: &str, doc: &str) -> Self {
        Self {
            code: code.to_string(),
            doc: doc.to_string(),
            answer: Answer::Waiting,
            sel: 0,
        }
    }

    /// Takes the assistant's answer (if it is for this list).
    pub fn receive(&mut self, code: &str, doc: &str, result: Result<Box<Suggestions>, String>) {
        if code != self.code || doc != self.doc {
            return;
        }
        self.answer = match result {
            Ok(s) => Answer::Ready(s),
            Err(why) => Answer::Message(why),
        };
        self.sel = 0;
    }

    /// The suggestions shown.
    pub fn items(&self) -> &[Suggestion] {
        match &self.answer {
            Answer::Ready(s) => &s.items,
            _ => &[],
        }
    }

    /// Takes the highlighted suggestion out of the list (the next one is highlighted).
    fn take_selected(&mut self) -> Option<Suggestion> {
        let Answer::Ready(s) = &mut self.answer else {
            return None;
        };
        if self.sel >= s.items.len() {
            return None;
        }
        let item = s.items.remove(self.sel);
        self.sel = self.sel.min(s.items.len().saturating_sub(1));
        Some(item)
    }
}

impl Layer for SuggestList {
    fn ctx(&self) -> Ctx {
        Ctx::Suggest
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        let len = self.items().len();
        match lookup(Ctx::Suggest, key, false) {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => self.sel = (self.sel + 1).min(len.saturating_sub(1)),
            Some(Action::Accept) => {
                if let Some(s) = self.take_selected() {
                    return Outcome::Do(Command::AcceptSuggestion {
                        code: self.code.clone(),
                        doc: s.doc,
                        range: s.start..s.end,
                    });
                }
            }
            Some(Action::Reject) => {
                if let Some(s) = self.take_selected() {
                    return Outcome::Do(Command::RejectSuggestion {
                        code: self.code.clone(),
                        doc: s.doc,
                        range: s.start..s.end,
                        text: s.text,
                    });
                }
            }
            Some(Action::Open) => {
                if let Some(s) = self.items().get(self.sel) {
                    let (doc, range) = (s.doc.clone(), s.start..s.end);
                    return Outcome::CloseThen(Command::Aside {
                        layer: Box::new(self.clone()),
                        doc,
                        range,
                    });
                }
            }
            Some(Action::Code) => return Outcome::CloseThen(Command::OpenPicker(PickFor::Suggest)),
            Some(Action::Escape) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let title = strings::suggest_heading(env.label(&self.code), &self.doc);
        let inner = list_popup(f, area, theme, (&title, &strings::SUGGEST_KEYS), 110, 4);
        let width = usize::from(inner.width);
        let s = match &self.answer {
            Answer::Waiting => {
                f.buffer_mut()
                    .set_stringn(inner.x, inner.y, strings::LEARNING, width, theme.dim());
                return;
            }
            Answer::Message(why) => {
                let p = Paragraph::new(glose::text::escape_controls(why))
                    .style(theme.text())
                    .wrap(Wrap { trim: true });
                f.render_widget(p, inner);
                return;
            }
            Answer::Ready(s) => s,
        };
        let precision = s
            .evaluation
            .as_ref()
            .and_then(|e| e.scores.model.recall_at_r);
        let receipt = strings::suggest_receipt(s.positives, s.unit.as_str(), precision, s.rejected);
        f.buffer_mut()
            .set_stringn(inner.x, inner.y, fit(&receipt, width), width, theme.dim());
        if s.items.is_empty() {
            f.buffer_mut().set_stringn(
                inner.x,
                inner.y + 2,
                strings::NO_SUGGESTIONS,
                width,
                theme.text(),
            );
            return;
        }
        // The list above, the highlighted suggestion in full with its reasons below.
        let detail_h = inner.height.saturating_sub(2) / 2;
        let list_h = usize::from(inner.height.saturating_sub(2 + detail_h));
        let offset = list_offset(self.sel, list_h);
        for (i, item) in s.items.iter().enumerate().skip(offset).take(list_h) {
            let style = if i == self.sel {
                theme.list_selected()
            } else {
                theme.text()
            };
            let row = format!("{:>4.0}%  «{}»", item.score * 100.0, short(&item.text, 200));
            let y = inner.y + 1 + u16::try_from(i - offset).unwrap_or(0);
            f.buffer_mut()
                .set_stringn(inner.x, y, fit(&row, width), width, style);
        }
        if let Some(item) = s.items.get(self.sel) {
            let nearest = item
                .why
                .nearest
                .as_ref()
                .map(|n| (n.doc.clone(), short(&n.quote, 120)));
            let why = strings::suggest_why(
                &item.why.words,
                nearest.as_ref().map(|(d, q)| (d.as_str(), q.as_str())),
            );
            let text = format!("«{}»\n{why}", glose::text::escape_controls(&item.text));
            let area = Rect {
                y: inner.y + inner.height.saturating_sub(detail_h),
                height: detail_h,
                ..inner
            };
            f.render_widget(
                Paragraph::new(text)
                    .style(theme.text())
                    .wrap(Wrap { trim: true }),
                area,
            );
        }
    }
}
