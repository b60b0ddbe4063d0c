//! The consistency review (#21): this coder's nearly identical passages coded differently
//! (each pair as two rows) and the codings a model of their code, trained without them,
//! finds least like the rest (likely miscodings). For each: go there, recode (the picker,
//! an ordinary undoable change), keep it as it is, or write a memo. Computed on the
//! assistant thread (one model per coding: seconds, not instant).

use std::ops::Range;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::super::actions::{Action, Ctx};
use super::super::assist_jobs::ConsistencyData;
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, list_items, list_offset, list_popup, short};
use super::memo::MemoFor;
use super::picker::PickFor;
use super::{Command, Env, Layer, Outcome};

/// How many likely miscodings the review lists (the lowest scored).
pub const OUTLIERS_SHOWN: usize = 100;

/// Why an item is in the review.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// One side of a pair of nearly identical passages (pair number, cosine, `a` or `b`).
    Pair(usize, f64, char),
    /// A coding the model of its code scores low (its probability).
    Outlier(f64),
}

/// One row of the review: a passage and this coder's codings on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Why it is listed.
    pub why: Why,
    /// The document.
    pub doc: String,
    /// The passage's span.
    pub range: Range<usize>,
    /// Its text.
    pub text: String,
    /// The codes this coder gave it.
    pub codes: Vec<String>,
    /// The ids of this coder's codings on it.
    pub codings: Vec<String>,
    /// What was done with it in this review (kept, recode, memo).
    pub done: Option<&'static str>,
}

impl Item {
    /// The rows of the review: each pair's two sides, then the lowest-scored codings.
    pub fn rows(data: &ConsistencyData) -> Vec<Item> {
        let mut out = Vec::new();
        for (n, pair) in data.pairs.iter().enumerate() {
            for (side, letter) in [(&pair.a, 'a'), (&pair.b, 'b')] {
                out.push(Item {
                    why: Why::Pair(n + 1, pair.similarity, letter),
                    doc: side.doc.clone(),
                    range: side.start..side.end,
                    text: side.text.clone(),
                    codes: side.codes.clone(),
                    codings: side.codings.clone(),
                    done: None,
                });
            }
        }
        for o in data.outliers.iter().take(OUTLIERS_SHOWN) {
            out.push(Item {
                why: Why::Outlier(o.score),
                doc: o.doc.clone(),
                range: o.start..o.end,
                text: o.quote.clone(),
                codes: vec![o.code.clone()],
                codings: vec![o.id.clone()],
                done: None,
            });
        }
        out
    }
}

/// The review's state.
#[derive(Debug, Clone, Default)]
pub struct ConsistencyReview {
    /// The rows (`None` while the assistant works; `Some(Err)` when it could not).
    pub items: Option<Result<Vec<Item>, String>>,
    /// The highlighted row.
    pub sel: usize,
}

impl ConsistencyReview {
    /// Takes the assistant's answer.
    pub fn receive(&mut self, result: Result<ConsistencyData, String>) {
        self.items = Some(result.map(|d| Item::rows(&d)));
        self.sel = 0;
    }

    fn rows(&self) -> &[Item] {
        match &self.items {
            Some(Ok(items)) => items,
            _ => &[],
        }
    }

    /// Marks the highlighted row and moves to the next.
    fn mark(&mut self, what: &'static str) {
        if let Some(Ok(items)) = &mut self.items
            && let Some(item) = items.get_mut(self.sel)
        {
            item.done = Some(what);
            self.sel = (self.sel + 1).min(items.len().saturating_sub(1));
        }
    }
}

impl Layer for ConsistencyReview {
    fn ctx(&self) -> Ctx {
        Ctx::Consistency
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        let len = self.rows().len();
        let Some(action) = lookup(Ctx::Consistency, key, false) else {
            return Outcome::Stay;
        };
        if action == Action::Escape {
            return Outcome::Close;
        }
        let Some(item) = self.rows().get(self.sel).cloned() else {
            return Outcome::Stay;
        };
        match action {
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(len.saturating_sub(1)),
            Action::Open => {
                return Outcome::CloseThen(Command::Aside {
                    layer: Box::new(self.clone()),
                    doc: item.doc,
                    range: item.range,
                });
            }
            Action::Keep => self.mark(strings::KEPT.get()),
            Action::Recode => {
                let cmd = match item.codings.as_slice() {
                    [] => Command::CodePassage {
                        doc: item.doc,
                        range: item.range,
                    },
                    [id] => Command::OpenPicker(PickFor::Change(id.clone())),
                    _ => return Outcome::Do(Command::Info(strings::SEVERAL_CODINGS.into())),
                };
                self.mark(strings::RECODED.get());
                return Outcome::Do(cmd);
            }
            Action::Memo => {
                let target = match item.codings.as_slice() {
                    [id] => MemoFor::Coding(id.clone()),
                    _ => MemoFor::Doc(item.doc),
                };
                self.mark(strings::MEMO_WRITTEN.get());
                return Outcome::Do(Command::OpenMemo(target));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let words = (&*strings::CTX_CONSISTENCY, &*strings::CONSISTENCY_KEYS);
        let inner = list_popup(f, area, theme, words, 120, 4);
        let empty = (&*strings::CONSISTENT, theme.text());
        let Some(items) = list_items(f, inner, theme, &self.items, &strings::CHECKING, empty)
        else {
            return;
        };
        let width = usize::from(inner.width);
        let buf = f.buffer_mut();
        let pairs = items
            .iter()
            .filter(|i| matches!(i.why, Why::Pair(..)))
            .count()
            / 2;
        let legend = strings::consistency_legend(pairs, items.len() - 2 * pairs);
        buf.set_stringn(inner.x, inner.y, fit(&legend, width), width, theme.dim());
        let height = usize::from(inner.height.saturating_sub(1));
        let offset = list_offset(self.sel, height);
        for (i, item) in items.iter().enumerate().skip(offset).take(height) {
            let y = inner.y + 1 + u16::try_from(i - offset).unwrap_or(0);
            let codes = if item.codes.is_empty() {
                strings::UNCODED.to_string()
            } else {
                item.codes
                    .iter()
                    .map(|c| env.label(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let why = match item.why {
                Why::Pair(n, sim, side) => format!("{n:>3}{side} {:>3.0}%", sim * 100.0),
                Why::Outlier(score) => format!("  ! {:>3.0}%", score * 100.0),
            };
            let done = item.done.map_or(String::new(), |d| format!("[{d}] "));
            let row = format!(
                "{why}  {done}{} [{codes}] «{}»",
                item.doc,
                short(&item.text, 200)
            );
            let style = if i == self.sel {
                theme.list_selected()
            } else if item.done.is_some() {
                theme.dim()
            } else {
                theme.text()
            };
            buf.set_stringn(inner.x, y, fit(&row, width), width, style);
        }
    }
}
