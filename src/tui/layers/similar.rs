//! The similar-passages popup (#21): the passages of the corpus nearest the selection or
//! the coding under the cursor (cosine of the assistants' TF-IDF vectors), each with the
//! words they share; all passages, uncoded ones or those this coder coded. Enter goes to
//! one and puts the list aside (`;` brings it back). Computed on the assistant thread.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use glose::suggest::SimilarPassage;

use super::super::actions::{Action, Ctx};
use super::super::assist_jobs::{SimilarScope, SimilarSource};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, list_items, list_offset, list_popup, short};
use super::{Command, Env, Layer, Outcome};

/// Passages like a source.
#[derive(Debug, Clone)]
pub struct SimilarList {
    /// What they are like, and which count.
    pub source: SimilarSource,
    /// The passages, best first (`None` while the assistant works).
    pub result: Option<Result<Vec<SimilarPassage>, String>>,
    /// The highlighted passage.
    pub sel: usize,
}

impl SimilarList {
    /// A list waiting for the assistant.
    pub fn waiting(source: SimilarSource) -> Self {
        Self {
            source,
            result: None,
            sel: 0,
        }
    }

    /// Takes the assistant's answer (if it is for this list).
    pub fn receive(&mut self, source: &SimilarSource, result: Result<Vec<SimilarPassage>, String>) {
        if *source == self.source {
            self.result = Some(result);
            self.sel = 0;
        }
    }

    /// The passages shown.
    pub fn items(&self) -> &[SimilarPassage] {
        match &self.result {
            Some(Ok(items)) => items,
            _ => &[],
        }
    }
}

fn scope_name(scope: SimilarScope) -> &'static str {
    match scope {
        SimilarScope::Any => strings::SCOPE_ANY.get(),
        SimilarScope::Uncoded => strings::SCOPE_UNCODED.get(),
        SimilarScope::CodedByMe => strings::SCOPE_MINE.get(),
    }
}

impl Layer for SimilarList {
    fn ctx(&self) -> Ctx {
        Ctx::Similar
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        let len = self.items().len();
        match lookup(Ctx::Similar, key, false) {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => self.sel = (self.sel + 1).min(len.saturating_sub(1)),
            Some(Action::Open) => {
                if let Some(p) = self.items().get(self.sel) {
                    let (doc, range) = (p.doc.clone(), p.start..p.end);
                    return Outcome::CloseThen(Command::Aside {
                        layer: Box::new(self.clone()),
                        doc,
                        range,
                    });
                }
            }
            Some(Action::Filter) => {
                self.source.scope = self.source.scope.next();
                self.result = None;
                self.sel = 0;
                return Outcome::Do(Command::AskSimilar(self.source.clone()));
            }
            Some(Action::Escape) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let title = strings::similar_heading(
            &self.source.doc,
            &short(&self.source.text, 40),
            scope_name(self.source.scope),
        );
        let inner = list_popup(f, area, theme, (&title, &strings::SIMILAR_KEYS), 110, 4);
        let empty = (&*strings::NO_SIMILAR, theme.dim());
        let Some(items) = list_items(f, inner, theme, &self.result, &strings::FINDING, empty)
        else {
            return;
        };
        let width = usize::from(inner.width);
        let buf = f.buffer_mut();
        // Two lines a passage: where and how alike with the shared words, then the text.
        let per_page = usize::from(inner.height / 2).max(1);
        let offset = list_offset(self.sel, per_page);
        for (i, p) in items.iter().enumerate().skip(offset).take(per_page) {
            let selected = i == self.sel;
            let y = inner.y + 2 * u16::try_from(i - offset).unwrap_or(0);
            let head = format!(
                "{:>3.0}%  {} {}–{}  · {}",
                p.similarity * 100.0,
                p.doc,
                p.start,
                p.end,
                p.shared.join(", ")
            );
            let style = if selected {
                theme.list_selected()
            } else {
                theme.dim()
            };
            buf.set_stringn(inner.x, y, fit(&head, width), width, style);
            let text = format!("  «{}»", short(&p.text, 300));
            let style = if selected {
                theme.list_selected()
            } else {
                theme.text()
            };
            buf.set_stringn(inner.x, y + 1, fit(&text, width), width, style);
        }
    }
}
