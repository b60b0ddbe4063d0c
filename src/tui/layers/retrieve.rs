//! The retrieval popup: every passage coded with a code (or its descendants), by this
//! coder, another coder or all, grouped by document or by stage (the core's
//! [`glose::retrieval`], with the house's stage rule), filtered by case attributes.

use std::ops::Range;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use glose::retrieval::{GroupBy, retrieve};
use glose::store::Coding;

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, list_offset, pane_block, popup};
use super::picker::PickFor;
use super::{Command, Env, Layer, Outcome, edit_line};

/// Whose codings a retrieval shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whose {
    /// The current coder's.
    Mine,
    /// Another coder's.
    Coder(String),
    /// Everybody's.
    All,
}

/// A row of retrieval results.
#[derive(Debug, Clone)]
pub enum RetrieveRow {
    /// A group heading (document or stage).
    Header(String),
    /// A coded passage.
    Passage {
        /// The coding's id.
        id: String,
        /// Document id.
        doc: String,
        /// Span.
        range: Range<usize>,
        /// Coder.
        coder: String,
        /// The code (a descendant of the retrieved code, or itself).
        code: String,
        /// The passage (escaped, one line).
        text: String,
    },
}

/// The retrieval popup's state.
#[derive(Debug, Clone)]
pub struct Retrieve {
    /// The code retrieved (with its descendants).
    pub code: String,
    /// Whose codings.
    pub whose: Whose,
    /// Group by stage instead of by document.
    pub by_stage: bool,
    /// Attribute filter (`key=value` words, all must hold).
    pub filter: String,
    /// Whether keys edit the filter.
    pub editing: bool,
    /// The rows.
    pub rows: Vec<RetrieveRow>,
    /// Highlighted row (always a passage when there is one).
    pub sel: usize,
    /// Passages shown.
    pub passages: usize,
    /// Codings marked for a split (ids).
    pub marked: std::collections::BTreeSet<String>,
}

impl Retrieve {
    /// Retrieval of a code, this coder's codings, by document.
    pub fn open(env: &Env, code: &str) -> Self {
        let mut r = Self {
            code: code.to_string(),
            whose: Whose::Mine,
            by_stage: false,
            filter: String::new(),
            editing: false,
            rows: Vec::new(),
            sel: 0,
            passages: 0,
            marked: Default::default(),
        };
        r.rebuild(env);
        r
    }

    /// Marks or unmarks the highlighted passage (for a split).
    fn toggle_mark(&mut self) {
        if let Some(RetrieveRow::Passage { id, .. }) = self.rows.get(self.sel)
            && !self.marked.remove(id)
        {
            self.marked.insert(id.clone());
        }
    }

    /// The codings a split moves (id, the code each counts as now): the marked ones, or
    /// the highlighted one when none is marked.
    fn to_split(&self) -> Vec<(String, String)> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| match row {
                RetrieveRow::Passage { id, code, .. }
                    if self.marked.contains(id) || (self.marked.is_empty() && i == self.sel) =>
                {
                    Some((id.clone(), code.clone()))
                }
                _ => None,
            })
            .collect()
    }

    /// Recomputes the rows after the code, coder, grouping or filter changed.
    pub fn rebuild(&mut self, env: &Env) {
        // The coder's own codings as they count now (merges and splits live in the
        // codebook; the others' are read resolved).
        let mut mine: Vec<Coding> = env.mine.to_vec();
        env.study.codebook.resolve_codings(&mut mine);
        let pool: Vec<&Coding> = match &self.whose {
            Whose::Mine => mine.iter().collect(),
            Whose::Coder(name) => env.others.iter().filter(|c| &c.coder == name).collect(),
            Whose::All => mine.iter().chain(env.others.iter()).collect(),
        };
        let by = if self.by_stage {
            GroupBy::stage(env.study)
        } else {
            GroupBy::Document
        };
        let groups = retrieve(env.study, pool, &self.code, &self.filter, &by);
        let mut rows = Vec::new();
        let mut passages = 0;
        for g in groups {
            let name = g
                .key
                .clone()
                .unwrap_or_else(|| strings::NO_STAGE.to_string());
            let label = if self.by_stage {
                format!("{name} ({})", g.passages.len())
            } else {
                let attrs = env.study.attributes(&name);
                let company = attrs
                    .get("company")
                    .or_else(|| attrs.get("title"))
                    .cloned()
                    .unwrap_or_default();
                format!("{name} {company} ({})", g.passages.len())
            };
            rows.push(RetrieveRow::Header(label));
            for c in g.passages {
                passages += 1;
                rows.push(RetrieveRow::Passage {
                    id: c.id.clone(),
                    doc: c.doc.clone(),
                    range: c.range(),
                    coder: c.coder.clone(),
                    code: c.code.clone(),
                    text: glose::text::escape_controls(&c.anchor.quote).replace(['\n', '\t'], " "),
                });
            }
        }
        self.marked.retain(|id| {
            rows.iter()
                .any(|row| matches!(row, RetrieveRow::Passage { id: p, .. } if p == id))
        });
        self.rows = rows;
        self.passages = passages;
        self.sel = first_passage(&self.rows, 0, true).unwrap_or(0);
    }

    /// Moves the highlight with a list action; false if `action` is not one.
    fn step(&mut self, action: Action, page: usize) -> bool {
        let rows = &self.rows;
        let sel = self.sel;
        self.sel = match action {
            Action::Up => first_passage(rows, sel.saturating_sub(1), false),
            Action::Down => first_passage(rows, sel + 1, true),
            Action::PageUp => first_passage(rows, sel.saturating_sub(page), false)
                .or_else(|| first_passage(rows, 0, true)),
            Action::PageDown => first_passage(rows, sel + page, true)
                .or_else(|| first_passage(rows, rows.len().saturating_sub(1), false)),
            _ => return false,
        }
        .unwrap_or(sel);
        true
    }
}

impl Layer for Retrieve {
    fn ctx(&self) -> Ctx {
        Ctx::Retrieve
    }

    fn on_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome {
        if self.editing {
            match key.code {
                KeyCode::Enter | KeyCode::Esc => {
                    self.editing = false;
                    self.rebuild(env);
                }
                _ => {
                    edit_line(&mut self.filter, key);
                }
            }
            return Outcome::Stay;
        }
        let Some(action) = lookup(Ctx::Retrieve, key, false) else {
            return Outcome::Stay;
        };
        if self.step(action, env.page) {
            return Outcome::Stay;
        }
        match action {
            Action::CycleCoder => {
                self.whose = next_whose(env, &self.whose);
                self.rebuild(env);
            }
            Action::CycleGroup => {
                self.by_stage = !self.by_stage;
                self.rebuild(env);
            }
            Action::Filter => self.editing = true,
            Action::Code => return Outcome::CloseThen(Command::OpenPicker(PickFor::Retrieve)),
            Action::Open => {
                if let Some(RetrieveRow::Passage { doc, range, .. }) = self.rows.get(self.sel) {
                    return Outcome::CloseThen(Command::GoTo {
                        doc: doc.clone(),
                        pos: range.start,
                        select: Some(range.clone()),
                    });
                }
            }
            Action::Mark => self.toggle_mark(),
            Action::Split => {
                let moves = self.to_split();
                if moves.is_empty() {
                    return Outcome::Do(Command::Info(
                        "no passage to split: mark some with x".into(),
                    ));
                }
                return Outcome::CloseThen(Command::Split(moves));
            }
            Action::Escape => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let (r, theme) = (self, env.theme);
        let rect = popup(
            f,
            area,
            area.width.saturating_sub(4).min(110),
            area.height.saturating_sub(2),
        );
        let code = env.study.codebook.get(&r.code);
        let title = format!(
            " {} · {} · {} {} ",
            strings::RETRIEVE,
            env.label(&r.code),
            r.passages,
            strings::PASSAGES
        );
        let block = pane_block(theme, title, true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        if inner.height < 3 {
            return;
        }
        let buf = f.buffer_mut();
        let filter = if r.editing {
            format!("{}▏", r.filter)
        } else if r.filter.is_empty() {
            strings::NONE.to_string()
        } else {
            r.filter.clone()
        };
        let head = Line::from(vec![
            Span::styled("■ ", theme.code_fg(code.and_then(|c| c.rgb()))),
            Span::styled(format!("{}  ", r.code), theme.dim()),
            Span::styled("c ", theme.key()),
            Span::raw(format!("{}  ", whose_label(env.coder, &r.whose))),
            Span::styled("g ", theme.key()),
            Span::raw(format!(
                "{}  ",
                if r.by_stage {
                    strings::BY_STAGE
                } else {
                    strings::BY_DOCUMENT
                }
            )),
            Span::styled("f ", theme.key()),
            Span::raw(format!("{}{filter}", strings::FILTER)),
        ]);
        buf.set_line(inner.x, inner.y, &head, inner.width);
        let height = usize::from(inner.height - 1);
        let offset = list_offset(r.sel, height);
        let w = usize::from(inner.width);
        if r.rows.is_empty() {
            buf.set_stringn(inner.x, inner.y + 1, strings::NO_PASSAGES, w, theme.dim());
        }
        for (i, row) in r.rows.iter().enumerate().skip(offset).take(height) {
            let y = inner.y + 1 + u16::try_from(i - offset).unwrap_or(0);
            let line = match row {
                RetrieveRow::Header(h) => Line::from(Span::styled(fit(h, w), theme.title())),
                RetrieveRow::Passage {
                    id,
                    doc,
                    coder,
                    code,
                    text,
                    ..
                } => {
                    let style = if i == r.sel {
                        theme.list_selected()
                    } else {
                        theme.text()
                    };
                    let rgb = env.study.codebook.get(code).and_then(|c| c.rgb());
                    let meta = format!("{doc} {coder} ");
                    let room = w.saturating_sub(meta.chars().count() + 4);
                    let mark = if r.marked.contains(id) { "✓" } else { " " };
                    Line::from(vec![
                        Span::styled(format!("{mark} ▌"), theme.code_fg(rgb)),
                        Span::styled(meta, theme.dim()),
                        Span::styled(fit(text, room), style),
                    ])
                }
            };
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}

/// The first passage row at or after (or before) `from`.
pub fn first_passage(rows: &[RetrieveRow], from: usize, forward: bool) -> Option<usize> {
    let is_p = |i: &usize| matches!(rows.get(*i), Some(RetrieveRow::Passage { .. }));
    if forward {
        (from..rows.len()).find(is_p)
    } else {
        (0..=from.min(rows.len().saturating_sub(1)))
            .rev()
            .find(is_p)
    }
}

/// The next choice of whose codings: mine, then each other coder, then all.
pub fn next_whose(env: &Env, whose: &Whose) -> Whose {
    let mut coders: Vec<String> = env.others.iter().map(|c| c.coder.clone()).collect();
    coders.sort();
    coders.dedup();
    coders.retain(|c| c != env.coder);
    match whose {
        Whose::Mine => coders
            .first()
            .map_or(Whose::All, |c| Whose::Coder(c.clone())),
        Whose::Coder(cur) => {
            let i = coders
                .iter()
                .position(|c| c == cur)
                .map_or(coders.len(), |i| i + 1);
            coders
                .get(i)
                .map_or(Whose::All, |c| Whose::Coder(c.clone()))
        }
        Whose::All => Whose::Mine,
    }
}

/// Whose codings a retrieval shows, as text.
pub fn whose_label(coder: &str, w: &Whose) -> String {
    match w {
        Whose::Mine => format!("{coder} ({})", strings::ME),
        Whose::Coder(c) => c.clone(),
        Whose::All => strings::ALL_CODERS.to_string(),
    }
}
