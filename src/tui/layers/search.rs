//! The search popup: edit a query (run off the UI thread by the app), list hits with their
//! snippets, jump to a hit with its matches highlighted. The state goes back to the app
//! when the popup closes, so that n / N keep stepping through the hits.

use std::ops::Range;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::line_input::LineInput;
use super::super::strings;
use super::super::theme::Theme;
use super::super::widgets::{fit, list_offset, pane_block, popup};
use super::{Command, Env, Layer, Outcome};

/// One search hit, as the results list shows it.
#[derive(Debug, Clone)]
pub struct HitRow {
    /// Document id.
    pub doc: String,
    /// The passage's char range.
    pub range: Range<usize>,
    /// Who speaks.
    pub speaker: String,
    /// The passage text.
    pub text: String,
    /// Matched ranges, in document char offsets.
    pub matches: Vec<Range<usize>>,
}

impl HitRow {
    /// The hit as the core's auto-coding plan reads it (document, passage, matches).
    pub fn to_hit(&self) -> glose::search::Hit {
        glose::search::Hit {
            doc: self.doc.clone(),
            range: self.range.clone(),
            speaker: self.speaker.clone(),
            role: glose::document::Role::Unknown,
            turn: None,
            text: self.text.clone(),
            score: 0.0,
            matches: self.matches.clone(),
        }
    }
}

/// The search popup's state (kept when it closes, so n / N keep working).
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query.
    pub query: LineInput,
    /// Whether keys edit the query.
    pub editing: bool,
    /// The hits of the last search.
    pub hits: Vec<HitRow>,
    /// The highlighted hit.
    pub sel: usize,
    /// A query error or a search failure.
    pub error: Option<String>,
    /// Whether a search is running.
    pub running: bool,
    /// The hint shown before any query (built from the study's own speakers and stages
    /// when the popup first opens).
    pub hint: Option<String>,
    /// Hits marked for auto-coding (indices into `hits`).
    pub marked: std::collections::BTreeSet<usize>,
}

impl SearchState {
    /// Takes the result of a search for `query` (ignored if the query changed since).
    pub fn on_result(&mut self, query: &str, hits: Result<Vec<HitRow>, String>) {
        if query != self.query.trim() {
            return;
        }
        self.running = false;
        match hits {
            Ok(hits) => {
                self.sel = 0;
                self.hits = hits;
                self.marked.clear();
                self.error = None;
                self.editing = false;
            }
            Err(e) => {
                // The previous results answer another query: they go.
                self.hits.clear();
                self.marked.clear();
                self.sel = 0;
                self.error = Some(e);
                self.editing = true;
            }
        }
    }

    /// The hits an auto-coding takes: the marked ones, or else all of them.
    pub fn chosen_hits(&self) -> Vec<glose::search::Hit> {
        self.hits
            .iter()
            .enumerate()
            .filter(|(i, _)| self.marked.is_empty() || self.marked.contains(i))
            .map(|(_, h)| h.to_hit())
            .collect()
    }

    /// Closes the popup, handing the state back to the app.
    fn close(&mut self, show: bool) -> Outcome {
        Outcome::CloseThen(Command::KeepSearch {
            state: Box::new(std::mem::take(self)),
            show,
        })
    }

    fn on_query_key(&mut self, key: &KeyEvent) -> Outcome {
        match key.code {
            KeyCode::Enter => {
                let query = self.query.trim();
                if !query.is_empty() {
                    self.editing = false;
                    self.error = None;
                    return Outcome::Do(Command::RunSearch(query));
                }
            }
            KeyCode::Esc => {
                self.editing = false;
                if self.hits.is_empty() {
                    return self.close(false);
                }
            }
            KeyCode::Down => self.editing = false,
            _ => {
                self.query.input(key);
            }
        }
        Outcome::Stay
    }
}

impl Layer for SearchState {
    fn ctx(&self) -> Ctx {
        Ctx::Search
    }

    fn on_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome {
        if self.editing {
            return self.on_query_key(key);
        }
        let (page, len) = (env.page, self.hits.len());
        match lookup(Ctx::Search, key, false) {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => self.sel = (self.sel + 1).min(len.saturating_sub(1)),
            Some(Action::PageUp) => self.sel = self.sel.saturating_sub(page),
            Some(Action::PageDown) => self.sel = (self.sel + page).min(len.saturating_sub(1)),
            Some(Action::Search) => self.editing = true,
            Some(Action::Escape) => return self.close(false),
            Some(Action::Open) => return self.close(true),
            Some(Action::Mark) if self.sel < len => {
                if !self.marked.remove(&self.sel) {
                    self.marked.insert(self.sel);
                }
                self.sel = (self.sel + 1).min(len.saturating_sub(1));
            }
            Some(Action::AutoCode) if len == 0 => {
                return Outcome::Do(Command::Info(strings::NO_HITS_TO_CODE.into()));
            }
            Some(Action::AutoCode) => {
                return Outcome::Do(Command::OpenPicker(super::picker::PickFor::AutoCode));
            }
            Some(Action::Retrieve) if len > 0 => {
                return Outcome::Do(Command::ReadHits {
                    query: self.query.trim(),
                    hits: self.chosen_hits(),
                });
            }
            Some(Action::Retrieve) => {
                return Outcome::Do(Command::Info(strings::NO_HITS_TO_READ.into()));
            }
            Some(Action::Help) => return Outcome::Do(Command::Help(Ctx::Search)),
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
        let (s, theme) = (self, env.theme);
        let r = popup(
            f,
            area,
            area.width.saturating_sub(4).min(110),
            area.height.saturating_sub(2),
        );
        let title = format!(" {} · {} {} ", strings::SEARCH, s.hits.len(), strings::HITS);
        let block = pane_block(theme, title, true);
        let inner = block.inner(r);
        f.render_widget(block, r);
        if inner.height < 3 {
            return;
        }
        let buf = f.buffer_mut();
        let mut input = vec![Span::styled("/ ", theme.key())];
        input.extend(s.query.spans(theme.text(), s.editing));
        if s.running {
            input.push(Span::styled(
                format!("  {}", strings::SEARCHING),
                theme.dim(),
            ));
        }
        buf.set_line(inner.x, inner.y, &Line::from(input), inner.width);
        let second = match &s.error {
            Some(e) => Line::from(Span::styled(e.clone(), theme.error())),
            None if s.hits.is_empty() => Line::from(Span::styled(
                s.hint.as_deref().unwrap_or(strings::SEARCH_HINT.get()),
                theme.dim(),
            )),
            None => Line::from(Span::styled(strings::SEARCH_KEYS, theme.dim())),
        };
        buf.set_line(inner.x, inner.y + 1, &second, inner.width);
        let rows = usize::from(inner.height - 2) / 2;
        let offset = list_offset(s.sel, rows);
        let w = usize::from(inner.width);
        for (i, hit) in s.hits.iter().enumerate().skip(offset).take(rows) {
            let y = inner.y + 2 + u16::try_from((i - offset) * 2).unwrap_or(0);
            let selected = i == s.sel && !s.editing;
            let head_style = if selected {
                theme.list_selected()
            } else {
                theme.title()
            };
            let mark = if s.marked.contains(&i) { "✓ " } else { "" };
            let head = format!(
                "{mark}{} · {}",
                hit.doc,
                glose::text::escape_controls(&hit.speaker)
            );
            buf.set_line(
                inner.x,
                y,
                &Line::from(Span::styled(fit(&head, w), head_style)),
                inner.width,
            );
            buf.set_line(
                inner.x,
                y + 1,
                &snippet(theme, hit, w.saturating_sub(2)),
                inner.width,
            );
        }
    }
}

/// The passage around its first match, with matches highlighted, cut to `w` columns.
pub fn snippet(theme: &Theme, hit: &HitRow, w: usize) -> Line<'static> {
    let chars: Vec<char> = hit.text.chars().collect();
    let rel = |p: usize| p.saturating_sub(hit.range.start).min(chars.len());
    let first = hit.matches.first().map_or(0, |m| rel(m.start));
    let start = word_start(&chars, first.saturating_sub(w / 3), first);
    let mut spans = vec![Span::raw(if start > 0 { "… " } else { "  " })];
    let mut used = 0;
    let mut i = start;
    while i < chars.len() && used < w {
        let in_match = hit
            .matches
            .iter()
            .any(|m| rel(m.start) <= i && i < rel(m.end));
        let mut chunk = String::new();
        while i < chars.len() && used < w {
            let m = hit
                .matches
                .iter()
                .any(|m| rel(m.start) <= i && i < rel(m.end));
            if m != in_match {
                break;
            }
            let c = chars[i];
            let shown = if c.is_control() { ' ' } else { c };
            used += unicode_width::UnicodeWidthChar::width(shown).unwrap_or(0);
            chunk.push(shown);
            i += 1;
        }
        let style = if in_match {
            theme.matched()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(chunk, style));
    }
    Line::from(spans)
}

/// The first word start at or after `from` (never past `limit`): a snippet never begins
/// in the middle of a word.
fn word_start(chars: &[char], from: usize, limit: usize) -> usize {
    if from == 0 || chars.get(from - 1).is_none_or(|c| c.is_whitespace()) {
        return from;
    }
    (from..limit)
        .find(|&i| chars.get(i).is_some_and(|c| c.is_whitespace()))
        .map_or(limit, |i| i + 1)
        .min(limit)
}
