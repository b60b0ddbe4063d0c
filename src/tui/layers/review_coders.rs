//! The review's small popup that chooses whom it compares: a checkbox per coder (never
//! `consensus`; coders with no codings are shown but cannot be chosen) and the document
//! scope. Applying turns it into a [`Selection`] for the core.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use glose::agreement::select::Selection;

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, pad, pane_block, popup};
use super::{Command, Env, Layer, Outcome};

/// Which documents are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every document coded by every chosen coder (the default).
    Common,
    /// The document open in the transcript only.
    Current,
}

/// One coder in the popup.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Coder name.
    pub coder: String,
    /// Their number of codings (0: shown greyed, cannot be chosen).
    pub codings: usize,
    /// Whether they are compared.
    pub on: bool,
}

/// The popup's state.
#[derive(Debug, Clone)]
pub struct Chooser {
    /// Every coder but `consensus`.
    pub coders: Vec<Choice>,
    /// The document scope.
    pub scope: Scope,
    /// The document open in the transcript, if any (the `Current` scope).
    pub current_doc: Option<String>,
    /// Highlighted row: a coder, then the two scope rows.
    pub sel: usize,
}

impl Chooser {
    /// A popup over `candidates` (coder, codings) with `compared` ticked.
    pub fn new(
        candidates: &[(String, usize)],
        compared: &[String],
        scope: Scope,
        current_doc: Option<String>,
    ) -> Self {
        let coders = candidates
            .iter()
            .map(|(c, n)| Choice {
                coder: c.clone(),
                codings: *n,
                on: *n > 0 && compared.contains(c),
            })
            .collect();
        Self {
            coders,
            scope,
            current_doc,
            sel: 0,
        }
    }

    /// Rows: the coders, then "all documents…", then "this document only".
    pub fn rows(&self) -> usize {
        self.coders.len() + 2
    }

    /// Moves the highlight.
    pub fn step(&mut self, down: bool) {
        let last = self.rows().saturating_sub(1);
        self.sel = if down {
            (self.sel + 1).min(last)
        } else {
            self.sel.saturating_sub(1)
        };
    }

    /// Toggles the highlighted coder or picks the highlighted scope; why not, if it cannot.
    pub fn toggle(&mut self) -> Result<(), String> {
        let n = self.coders.len();
        if let Some(c) = self.coders.get_mut(self.sel) {
            if c.codings == 0 {
                return Err(format!("{} {}", c.coder, strings::HAS_NO_CODINGS));
            }
            c.on = !c.on;
        } else if self.sel == n {
            self.scope = Scope::Common;
        } else if self.current_doc.is_some() {
            self.scope = Scope::Current;
        } else {
            return Err(strings::NO_DOCUMENT_OPEN.to_string());
        }
        Ok(())
    }

    /// The selection to compute, or why it cannot be.
    pub fn selection(&self) -> Result<Selection, String> {
        let coders: Vec<String> = (self.coders.iter().filter(|c| c.on))
            .map(|c| c.coder.clone())
            .collect();
        if coders.len() < 2 {
            return Err(strings::AT_LEAST_TWO_CODERS.to_string());
        }
        let docs = match (self.scope, &self.current_doc) {
            (Scope::Current, Some(d)) => Some(vec![d.clone()]),
            _ => None,
        };
        Ok(Selection {
            coders: Some(coders),
            docs,
            ..Selection::default()
        })
    }
}

impl Layer for Chooser {
    fn ctx(&self) -> Ctx {
        Ctx::ReviewCoders
    }

    /// Move, toggle, apply (the app recomputes the table), help, cancel.
    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match lookup(Ctx::ReviewCoders, key, false) {
            Some(Action::Up) => self.step(false),
            Some(Action::Down) => self.step(true),
            Some(Action::Mark) => {
                if let Err(e) = self.toggle() {
                    return Outcome::Do(Command::Info(e));
                }
            }
            Some(Action::Open) => {
                return match self.selection() {
                    Ok(s) => Outcome::CloseThen(Command::CompareCoders(s)),
                    Err(e) => Outcome::Do(Command::Info(e)),
                };
            }
            Some(Action::Help) => return Outcome::Do(Command::Help(Ctx::ReviewCoders)),
            Some(Action::Escape) => {
                return Outcome::CloseThen(Command::Info(strings::CODERS_UNCHANGED.into()));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let (ch, t) = (self, env.theme);
        let h = u16::try_from(ch.rows() + 5).unwrap_or(u16::MAX);
        let rect = popup(f, area, 60, h);
        let block = pane_block(t, format!(" {} ", strings::CHOOSE_CODERS), true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let buf = f.buffer_mut();
        let w = usize::from(inner.width);
        let mark = |on: bool| if on { "[x]" } else { "[ ]" };
        let radio = |on: bool| if on { "(•)" } else { "( )" };
        let mut lines: Vec<(String, ratatui::style::Style)> = Vec::new();
        for c in &ch.coders {
            if c.codings == 0 {
                lines.push((
                    format!(" [ ] {}  {}", c.coder, strings::NO_CODINGS),
                    t.dim(),
                ));
            } else {
                let n = c.codings;
                lines.push((
                    format!(" {} {}  {n} {}", mark(c.on), c.coder, strings::CODINGS),
                    t.text(),
                ));
            }
        }
        lines.push((String::new(), t.text()));
        lines.push((
            format!(
                " {} {}",
                radio(ch.scope == Scope::Common),
                strings::SCOPE_COMMON
            ),
            t.text(),
        ));
        let current = match &ch.current_doc {
            Some(d) => (
                format!(
                    " {} {} ({d})",
                    radio(ch.scope == Scope::Current),
                    strings::SCOPE_CURRENT
                ),
                t.text(),
            ),
            None => (
                format!(" ( ) {} ({})", strings::SCOPE_CURRENT, strings::NONE_OPEN),
                t.dim(),
            ),
        };
        lines.push(current);
        // The highlighted row (the blank line between coders and scope is skipped).
        let hl = if ch.sel < ch.coders.len() {
            ch.sel
        } else {
            ch.sel + 1
        };
        for (i, (text, style)) in lines.iter().enumerate() {
            let Some(y) = u16::try_from(i)
                .ok()
                .map(|i| inner.y + i)
                .filter(|y| *y < inner.bottom())
            else {
                break;
            };
            let style = if i == hl { t.list_selected() } else { *style };
            buf.set_stringn(inner.x, y, pad(&fit(text, w), w), w, style);
        }
        if inner.height > 0 {
            let hint = strings::CHOOSER_KEYS.get();
            buf.set_stringn(inner.x, inner.bottom() - 1, fit(hint, w), w, t.dim());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chooser() -> Chooser {
        let c = |n: &str, k| (n.to_string(), k);
        Chooser::new(
            &[c("a", 3), c("b", 2), c("c", 0), c("d", 1)],
            &["a".to_string(), "b".to_string()],
            Scope::Common,
            Some("doc1".into()),
        )
    }

    #[test]
    fn toggling_changes_the_selection() {
        let mut ch = chooser();
        ch.sel = 3;
        ch.toggle().unwrap();
        ch.sel = 0;
        ch.toggle().unwrap();
        let s = ch.selection().unwrap();
        assert_eq!(s.coders, Some(vec!["b".to_string(), "d".to_string()]));
        assert_eq!(s.docs, None);
    }

    #[test]
    fn coders_without_codings_cannot_be_chosen() {
        let mut ch = chooser();
        ch.sel = 2;
        assert!(ch.toggle().is_err());
        assert!(!ch.coders[2].on);
    }

    #[test]
    fn one_coder_is_refused_and_the_current_scope_names_the_document() {
        let mut ch = chooser();
        ch.toggle().unwrap();
        assert!(ch.selection().is_err());
        ch.toggle().unwrap();
        ch.sel = ch.rows() - 1;
        ch.toggle().unwrap();
        assert_eq!(ch.selection().unwrap().docs, Some(vec!["doc1".to_string()]));
    }
}
