//! The memo browser (`W`): every memo of this coder and, read-only, the other coders',
//! searched by words (accents do not matter) and filtered by document, code and coder;
//! each shown with what it is about (a coding with its quote). Enter goes to the memo's
//! place, `e` edits it in the memo editor. The list comes from the core
//! (`glose::memos::gather`, `select`); the app hands it a fresh one after each change.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use glose::filter::Filter;
use glose::memos::{Facets, MemoAbout, MemoEntry, MemoQuery, facets, select};

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::line_input::LineInput;
use super::super::strings;
use super::super::widgets::{fit, list_offset, pane_block, popup, short};
use super::super::wrap::wrap;
use super::memo::MemoFor;
use super::{Command, Env, Layer, Outcome};

/// The memo browser's state.
#[derive(Debug, Default)]
pub struct MemoBrowser {
    /// Every memo the session knows, in the core's order.
    entries: Vec<MemoEntry>,
    /// The documents, codes and coders the filters cycle through.
    facets: Facets,
    /// The positions in `entries` of the memos shown.
    shown: Vec<usize>,
    /// The highlighted row of `shown`.
    pub sel: usize,
    /// The words searched.
    pub query: LineInput,
    /// Whether keys go to the search input.
    pub editing: bool,
    /// Only this document's memos.
    pub doc: Option<String>,
    /// Only this code's (and its sub-codes') memos.
    pub code: Option<String>,
    /// Only this coder's memos.
    pub coder: Option<String>,
}

/// The value after `current` in `list`, then none (no filter), then the first again.
fn next_value(current: Option<&String>, list: &[String]) -> Option<String> {
    match current {
        None => list.first().cloned(),
        Some(c) => {
            let i = list.iter().position(|x| x == c)?;
            list.get(i + 1).cloned()
        }
    }
}

impl MemoBrowser {
    /// A browser over `entries` (from `glose::memos::gather`), nothing filtered.
    pub fn new(entries: Vec<MemoEntry>, env: &Env) -> Self {
        let mut b = Self::default();
        b.refresh(entries, env);
        b
    }

    /// Takes a fresh list (after a memo changed), keeping the filters and, when it is
    /// still there, the highlighted memo.
    pub fn refresh(&mut self, entries: Vec<MemoEntry>, env: &Env) {
        let was = self.current().map(|e| (e.coder.clone(), e.about.clone()));
        self.facets = facets(&entries);
        self.entries = entries;
        self.apply(env);
        if let Some((coder, about)) = was
            && let Some(i) = self
                .shown
                .iter()
                .position(|&i| self.entries[i].coder == coder && self.entries[i].about == about)
        {
            self.sel = i;
        }
    }

    /// The memos shown, in order.
    pub fn shown(&self) -> impl Iterator<Item = &MemoEntry> {
        self.shown.iter().filter_map(|&i| self.entries.get(i))
    }

    /// The highlighted memo.
    pub fn current(&self) -> Option<&MemoEntry> {
        self.entries.get(*self.shown.get(self.sel)?)
    }

    /// The query the search and filters make.
    pub fn memo_query(&self) -> MemoQuery {
        let one = |v: &Option<String>| v.iter().cloned().collect::<Vec<_>>();
        MemoQuery {
            filter: Filter::from_lists(&one(&self.doc), &one(&self.coder), &one(&self.code)),
            words: Some(self.query.trim()).filter(|w| !w.is_empty()),
        }
    }

    fn apply(&mut self, env: &Env) {
        self.shown = select(&self.entries, &env.study.codebook, &self.memo_query());
        self.sel = self.sel.min(self.shown.len().saturating_sub(1));
    }

    /// What Enter does on the highlighted memo.
    fn open(&mut self) -> Outcome {
        let Some(e) = self.current() else {
            return Outcome::Stay;
        };
        match &e.about {
            MemoAbout::Document { doc } => Outcome::CloseThen(Command::GoTo {
                doc: doc.clone(),
                pos: 0,
                select: None,
            }),
            MemoAbout::Code { code } => Outcome::CloseThen(Command::ShowCode(code.clone())),
            MemoAbout::Coding {
                doc, start, end, ..
            } => {
                let (doc, range) = (doc.clone(), *start..*end);
                Outcome::CloseThen(Command::Aside {
                    layer: Box::new(std::mem::take(self)),
                    doc,
                    range,
                })
            }
        }
    }

    /// What `e` does: the memo editor on the highlighted memo, when it is this coder's.
    fn edit(&self, env: &Env) -> Outcome {
        let Some(e) = self.current() else {
            return Outcome::Stay;
        };
        if e.coder != env.coder {
            return Outcome::Do(Command::Info(strings::MEMO_READ_ONLY.into()));
        }
        let target = match &e.about {
            MemoAbout::Document { doc } => MemoFor::Doc(doc.clone()),
            MemoAbout::Code { code } => MemoFor::Code(code.clone()),
            MemoAbout::Coding { id, .. } => MemoFor::Coding(id.clone()),
        };
        Outcome::Do(Command::OpenMemo(target))
    }

    fn on_query_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome {
        match key.code {
            KeyCode::Enter | KeyCode::Esc | KeyCode::Down => self.editing = false,
            _ => {
                if self.query.input(key) {
                    self.sel = 0;
                    self.apply(env);
                }
            }
        }
        Outcome::Stay
    }

    /// One line per memo: who and what about.
    fn head(&self, e: &MemoEntry, env: &Env) -> String {
        let about = match &e.about {
            MemoAbout::Document { doc } => format!("{doc} · {}", strings::MEMO_ON_DOCUMENT),
            MemoAbout::Code { code } => format!("{} · {}", env.label(code), strings::MEMO_ON_CODE),
            MemoAbout::Coding {
                doc, code, quote, ..
            } => format!("{doc} · {} · «{}»", env.label(code), short(quote, 200)),
        };
        format!("{} · {about}", e.coder)
    }

    fn filter_line(&self, env: &Env) -> String {
        let any = strings::MEMOS_ANY.get();
        format!(
            "{} {} · {} {} · {} {}",
            strings::MEMOS_DOC,
            self.doc.as_deref().unwrap_or(any),
            strings::MEMOS_CODE,
            self.code.as_deref().map_or(any, |c| env.label(c)),
            strings::MEMOS_CODER,
            self.coder.as_deref().unwrap_or(any),
        )
    }
}

impl Layer for MemoBrowser {
    fn ctx(&self) -> Ctx {
        Ctx::Memos
    }

    fn on_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome {
        if self.editing {
            return self.on_query_key(key, env);
        }
        let last = self.shown.len().saturating_sub(1);
        match lookup(Ctx::Memos, key, false) {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => self.sel = (self.sel + 1).min(last),
            Some(Action::PageUp) => self.sel = self.sel.saturating_sub(env.page),
            Some(Action::PageDown) => self.sel = (self.sel + env.page).min(last),
            Some(Action::Open) => return self.open(),
            Some(Action::Edit) => return self.edit(env),
            Some(Action::Search) => self.editing = true,
            Some(Action::FilterDoc) => {
                self.doc = next_value(self.doc.as_ref(), &self.facets.docs);
                self.apply(env);
            }
            Some(Action::FilterCode) => {
                self.code = next_value(self.code.as_ref(), &self.facets.codes);
                self.apply(env);
            }
            Some(Action::FilterCoder) => {
                self.coder = next_value(self.coder.as_ref(), &self.facets.coders);
                self.apply(env);
            }
            Some(Action::Help) => return Outcome::Do(Command::Help(Ctx::Memos)),
            Some(Action::Escape) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn on_paste(&mut self, text: &str) {
        if self.editing {
            self.query.paste(text);
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let r = popup(
            f,
            area,
            area.width.saturating_sub(4).min(110),
            area.height.saturating_sub(2),
        );
        let title = strings::memos_title(self.shown.len(), self.entries.len());
        let block = pane_block(theme, title, true);
        let inner = block.inner(r);
        f.render_widget(block, r);
        if inner.height < 4 {
            return;
        }
        let w = usize::from(inner.width);
        let buf = f.buffer_mut();
        let mut input = vec![Span::styled("/ ", theme.key())];
        input.extend(self.query.spans(theme.text(), self.editing));
        buf.set_line(inner.x, inner.y, &Line::from(input), inner.width);
        let filters = Span::styled(fit(&self.filter_line(env), w), theme.dim());
        buf.set_line(inner.x, inner.y + 1, &Line::from(filters), inner.width);
        let keys = Span::styled(fit(&strings::MEMOS_KEYS, w), theme.dim());
        buf.set_line(inner.x, inner.y + 2, &Line::from(keys), inner.width);
        let body = usize::from(inner.height - 3);
        if self.shown.is_empty() {
            let none = Span::styled(strings::NO_MEMOS, theme.dim());
            buf.set_line(inner.x, inner.y + 3, &Line::from(none), inner.width);
            return;
        }
        // The list (two rows a memo) above, the highlighted memo in full below.
        let list_rows = (body / 2).max(2).min(body);
        let per_page = (list_rows / 2).max(1);
        let offset = list_offset(self.sel, per_page);
        let mut y = inner.y + 3;
        for (row, e) in self.shown().enumerate().skip(offset).take(per_page) {
            let head_style = if row == self.sel && !self.editing {
                theme.list_selected()
            } else {
                theme.title()
            };
            let head = Span::styled(fit(&self.head(e, env), w), head_style);
            buf.set_line(inner.x, y, &Line::from(head), inner.width);
            let text = Span::styled(fit(&format!("  {}", short(&e.text, w)), w), theme.text());
            buf.set_line(inner.x, y + 1, &Line::from(text), inner.width);
            y += 2;
        }
        let Some(e) = self.current() else { return };
        let full_top = inner.y + 3 + u16::try_from(list_rows).unwrap_or(0);
        let room = usize::from(inner.bottom().saturating_sub(full_top));
        if room < 2 {
            return;
        }
        let quote = match &e.about {
            MemoAbout::Coding { quote, .. } => format!("«{quote}»\n"),
            _ => String::new(),
        };
        let pieces = [
            ("─".repeat(w.min(40)) + "\n", theme.dim()),
            (quote, theme.matched()),
            (e.text.clone(), theme.text()),
        ];
        let pieces: Vec<(&str, _)> = pieces.iter().map(|(t, s)| (t.as_str(), *s)).collect();
        for (i, line) in wrap(&pieces, w).into_iter().take(room).enumerate() {
            let y = full_top + u16::try_from(i).unwrap_or(0);
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}
