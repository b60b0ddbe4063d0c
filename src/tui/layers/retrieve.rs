//! The segments reader (`R`): every passage coded with a code (or its descendants), by
//! this coder, another coder or all, in full with the sentences around it, grouped by
//! document, stage, coder or code, filtered by case attributes. What it shows is the
//! core's [`glose::reader::read`] (the export's records, the house's stage rule); `e`
//! exports the same selection with [`glose::reader::export`].

use std::cell::Cell;
use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use glose::export::Selection;
use glose::export::formats::Format;
use glose::reader::{Grouping, ReaderQuery, Reading};

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::line_input::LineInput;
use super::super::plans::{Job, ReadJob, Source};
use super::super::strings;
use super::super::widgets::{fit, pane_block, popup};
use super::super::wrap::wrap;
use super::picker::PickFor;
use super::{Command, Env, Layer, Outcome};

pub use super::retrieve_rows::{
    RetrieveRow, Shown, Whose, codings_of, first_passage, next_whose, rows_of, whose_label,
};

/// The export formats `E` cycles through, the first being the default.
pub const EXPORT_FORMATS: [Format; 6] = [
    Format::Md,
    Format::Html,
    Format::Csv,
    Format::Tsv,
    Format::Jsonl,
    Format::Xlsx,
];

/// The reader's state.
#[derive(Debug, Clone)]
pub struct Retrieve {
    /// The code retrieved (with its descendants).
    pub code: String,
    /// Whose codings.
    pub whose: Whose,
    /// How the passages are grouped.
    pub grouping: Grouping,
    /// Sentences of context before and after each passage.
    pub context: usize,
    /// Attribute filter (`key=value` words, all must hold).
    pub filter: LineInput,
    /// Whether keys edit the filter.
    pub editing: bool,
    /// The rows.
    pub rows: Vec<RetrieveRow>,
    /// Highlighted row (always a passage when there is one).
    pub sel: usize,
    /// Passages shown.
    pub passages: usize,
    /// Codings marked for a split (ids).
    pub marked: BTreeSet<String>,
    /// The export format.
    pub format: Format,
    /// Why the passages could not be read, if they could not.
    pub error: Option<String>,
    /// The first line drawn (of the wrapped rows).
    pub top: usize,
    /// The text area's width and height at the last draw (for scrolling by lines).
    seen: Cell<(usize, usize)>,
    /// When the reader shows a search's hits (not a code's codings): the query, and the
    /// hits as the core's passages ([`glose::reader::search_passages`]).
    pub search: Option<Box<(String, Vec<glose::search::Hit>)>>,
    /// Whether a reading asked for has not come back yet (off the UI thread).
    pub computing: bool,
    /// How many exports asked for are still being written (off the UI thread).
    pub exporting: usize,
    /// The number of the last reading asked for (older answers are dropped).
    generation: u64,
}

impl Retrieve {
    /// The reader on a code, this coder's codings, by document (nothing read yet: ask for
    /// it with [`Retrieve::job`], or [`Retrieve::rebuild`] here).
    pub fn open(code: &str) -> Self {
        Self::closed(code)
    }

    /// The reader's state before anything is read.
    fn closed(code: &str) -> Self {
        Self {
            code: code.to_string(),
            whose: Whose::Mine,
            grouping: Grouping::Document,
            context: 1,
            filter: LineInput::default(),
            editing: false,
            rows: Vec::new(),
            sel: 0,
            passages: 0,
            marked: BTreeSet::new(),
            format: Format::Md,
            error: None,
            top: 0,
            seen: Cell::new((100, 30)),
            search: None,
            computing: false,
            exporting: 0,
            generation: 0,
        }
    }

    /// The reader on a search's hits (its passages by document; `r` codes one).
    pub fn open_search(query: &str, hits: Vec<glose::search::Hit>) -> Self {
        let mut r = Self::closed(&format!("/ {query}"));
        r.search = Some(Box::new((query.to_string(), hits)));
        r
    }

    /// What the reader reads: the search's hits, or every coder's codings.
    pub fn source(&self, env: &Env) -> Source {
        match &self.search {
            Some(s) => Source::Hits {
                query: s.0.clone(),
                hits: s.1.clone(),
            },
            None => Source::Codings(codings_of(env)),
        }
    }

    /// The core's query for what is shown.
    pub fn query(&self, env: &Env) -> ReaderQuery {
        if self.search.is_some() {
            return ReaderQuery {
                attributes: self.filter.text(),
                grouping: self.grouping,
                context: self.context,
                lang: env.lang.to_string(),
                ..ReaderQuery::default()
            };
        }
        let coders = match &self.whose {
            Whose::Mine => vec![env.coder.to_string()],
            Whose::Coder(c) => vec![c.clone()],
            Whose::All => Vec::new(),
        };
        ReaderQuery {
            selection: Selection {
                coders,
                codes: vec![self.code.clone()],
                ..Selection::default()
            },
            attributes: self.filter.text(),
            grouping: self.grouping,
            context: self.context,
            lang: env.lang.to_string(),
        }
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

    /// The highlighted passage: (coding id, coder).
    fn current(&self) -> Option<(&str, &str)> {
        match self.rows.get(self.sel) {
            Some(RetrieveRow::Passage { id, coder, .. }) => Some((id, coder)),
            _ => None,
        }
    }

    /// The reading to do after the code, coder, grouping, context or filter changed (or a
    /// coding did); the reader is "computing" until [`Retrieve::receive`] gets it.
    pub fn job(&mut self, env: &Env) -> ReadJob {
        self.generation += 1;
        self.computing = true;
        ReadJob {
            generation: self.generation,
            study: env.study.clone(),
            source: self.source(env),
            query: self.query(env),
        }
    }

    /// Asks for a reading off the UI thread.
    fn reread(&mut self, env: &Env) -> Outcome {
        Outcome::Do(Command::Compute(Box::new(Job::Read(self.job(env)))))
    }

    /// Reads here and now (what [`Retrieve::job`] and [`Retrieve::receive`] do on two
    /// threads).
    pub fn rebuild(&mut self, env: &Env) {
        let job = self.job(env);
        self.receive(env, job.generation, job.run());
    }

    /// Takes the reading asked for (an older one is dropped), keeping the highlighted
    /// passage when it is still shown.
    pub fn receive(&mut self, env: &Env, generation: u64, result: Result<Reading, String>) {
        if generation != self.generation {
            return;
        }
        self.computing = false;
        let keep = self.current().map(|(id, _)| id.to_string());
        let reading = match result {
            Ok(r) => {
                self.error = None;
                r
            }
            Err(e) => {
                self.error = Some(e);
                Reading::default()
            }
        };
        self.rows = rows_of(env, &reading, self.grouping);
        self.passages = reading.len();
        self.marked.retain(|id| {
            self.rows
                .iter()
                .any(|row| matches!(row, RetrieveRow::Passage { id: p, .. } if p == id))
        });
        let kept = keep.and_then(|k| {
            self.rows
                .iter()
                .position(|row| matches!(row, RetrieveRow::Passage { id, .. } if *id == k))
        });
        self.sel = kept
            .or_else(|| first_passage(&self.rows, 0, true))
            .unwrap_or(0);
        self.top = 0;
        self.follow();
    }

    /// Moves the highlight with a list action; false if `action` is not one.
    fn step(&mut self, action: Action) -> bool {
        let (rows, sel) = (&self.rows, self.sel);
        let (_, height) = self.seen.get();
        match action {
            Action::Up => {
                self.sel = first_passage(rows, sel.saturating_sub(1), false).unwrap_or(sel);
            }
            Action::Down => self.sel = first_passage(rows, sel + 1, true).unwrap_or(sel),
            Action::PageDown | Action::PageUp => {
                let total = self.layout().len();
                let page = height.saturating_sub(1).max(1);
                self.top = if action == Action::PageDown {
                    (self.top + page).min(total.saturating_sub(1))
                } else {
                    self.top.saturating_sub(page)
                };
                // Highlight the first passage that starts on screen.
                let starts = self.starts();
                if let Some(i) = starts
                    .iter()
                    .find(|(_, line)| *line >= self.top)
                    .or_else(|| starts.last())
                {
                    self.sel = i.0;
                }
                return true;
            }
            _ => return false,
        }
        self.follow();
        true
    }

    /// The first line of each passage row: (row, line).
    fn starts(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut last = None;
        for (line, (row, _)) in self.layout().iter().enumerate() {
            if last != Some(*row) {
                if matches!(self.rows.get(*row), Some(RetrieveRow::Passage { .. })) {
                    out.push((*row, line));
                }
                last = Some(*row);
            }
        }
        out
    }

    /// Scrolls so that the highlighted passage is in view (its start, and as much of it
    /// as fits).
    fn follow(&mut self) {
        let (_, height) = self.seen.get();
        let lines = self.layout();
        let first = lines.iter().position(|(row, _)| *row == self.sel);
        let last = lines.iter().rposition(|(row, _)| *row == self.sel);
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        // Show the section heading above a section's first passage.
        let first = match self.sel.checked_sub(1).and_then(|i| self.rows.get(i)) {
            Some(RetrieveRow::Header(_)) => first.saturating_sub(1),
            _ => first,
        };
        if first < self.top {
            self.top = first;
        } else if last >= self.top + height {
            self.top = (last + 1).saturating_sub(height).min(first);
        }
    }

    /// Every line the rows wrap into at the last seen width: (row, line).
    fn layout(&self) -> Vec<(usize, Line<'static>)> {
        let (width, _) = self.seen.get();
        self.layout_at(width, None)
    }

    /// The wrapped lines at `width`, styled with `env`'s theme when given.
    fn layout_at(&self, width: usize, env: Option<&Env>) -> Vec<(usize, Line<'static>)> {
        let style = |f: fn(&super::super::theme::Theme) -> ratatui::style::Style| {
            env.map_or_else(ratatui::style::Style::new, |e| f(e.theme))
        };
        let mut out = Vec::new();
        let text_w = width.saturating_sub(2);
        for (i, row) in self.rows.iter().enumerate() {
            match row {
                RetrieveRow::Header(h) => out.push((
                    i,
                    Line::from(Span::styled(fit(h, width), style(|t| t.title()))),
                )),
                RetrieveRow::Passage {
                    id,
                    coder,
                    code,
                    shown,
                    ..
                } => {
                    let Shown {
                        text,
                        context,
                        citation,
                        memo,
                    } = shown.as_ref();
                    let rgb = env.and_then(|e| e.study.codebook.get(code).and_then(|c| c.rgb()));
                    let stripe =
                        env.map_or_else(ratatui::style::Style::new, |e| e.theme.code_fg(rgb));
                    let mark = if self.marked.contains(id) {
                        "✓"
                    } else {
                        "▌"
                    };
                    let label = env.map_or(code.as_str(), |e| e.label(code));
                    let head_style = if i == self.sel {
                        style(|t| t.list_selected())
                    } else {
                        style(|t| t.key())
                    };
                    let head = format!("{citation} · {coder} · {label}");
                    out.push((
                        i,
                        Line::from(vec![
                            Span::styled(format!("{mark} "), stripe),
                            Span::styled(fit(&head, text_w), head_style),
                        ]),
                    ));
                    let context_style = style(|t| t.dim()).add_modifier(Modifier::ITALIC);
                    let body = wrap(
                        &[
                            (context.0.as_str(), context_style),
                            (text.as_str(), style(|t| t.text())),
                            (context.1.as_str(), context_style),
                        ],
                        text_w,
                    );
                    let memo_lines = memo.as_ref().map_or_else(Vec::new, |m| {
                        wrap(&[(&format!("memo: {m}"), style(|t| t.dim()))], text_w)
                    });
                    for mut line in body.into_iter().chain(memo_lines) {
                        line.spans.insert(0, Span::styled("▌ ", stripe));
                        out.push((i, line));
                    }
                    out.push((i, Line::default()));
                }
            }
        }
        out
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
                    return self.reread(env);
                }
                _ => {
                    self.filter.input(key);
                }
            }
            return Outcome::Stay;
        }
        let Some(action) = lookup(Ctx::Retrieve, key, false) else {
            return Outcome::Stay;
        };
        if self.step(action) {
            return Outcome::Stay;
        }
        if let Some(outcome) = self.on_reading_key(env, action) {
            return outcome;
        }
        if self.search.is_some() {
            return self.on_search_key(action);
        }
        match action {
            Action::CycleCoder => {
                self.whose = next_whose(env, &self.whose);
                return self.reread(env);
            }
            Action::Code => return Outcome::CloseThen(Command::OpenPicker(PickFor::Retrieve)),
            Action::ChangeCode | Action::MemoCoding => return self.edit_current(env, action),
            Action::Mark => self.toggle_mark(),
            Action::Split => {
                let moves = self.to_split();
                if moves.is_empty() {
                    return Outcome::Do(Command::Info(strings::NOTHING_TO_SPLIT.into()));
                }
                return Outcome::CloseThen(Command::Split(moves));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn on_paste(&mut self, text: &str) {
        if self.editing {
            self.filter.paste(text);
        }
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
            " {} · {} · {} {}{} ",
            strings::RETRIEVE,
            env.label(&r.code),
            r.passages,
            strings::PASSAGES,
            if r.computing {
                format!(" · {}", strings::COMPUTING_OFF_THREAD)
            } else {
                String::new()
            }
        );
        let whose = match &r.search {
            Some(_) => strings::SEARCH_HITS.to_string(),
            None => whose_label(env.coder, &r.whose),
        };
        let block = pane_block(theme, title, true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        if inner.height < 3 {
            return;
        }
        let buf = f.buffer_mut();
        let filter = if r.editing || !r.filter.is_empty() {
            r.filter.spans(theme.text(), r.editing)
        } else {
            vec![Span::raw(strings::NONE)]
        };
        let head = Line::from(vec![
            Span::styled("■ ", theme.code_fg(code.and_then(|c| c.rgb()))),
            Span::styled(format!("{}  ", r.code), theme.dim()),
            Span::styled("c ", theme.key()),
            Span::raw(format!("{whose}  ")),
            Span::styled("g ", theme.key()),
            Span::raw(format!("{} {}  ", strings::BY, r.grouping.name())),
            Span::styled("+- ", theme.key()),
            Span::raw(format!("{} {}  ", strings::CONTEXT, r.context)),
            Span::styled("e ", theme.key()),
            Span::raw(format!("{}  ", format!("{:?}", r.format).to_lowercase())),
            Span::styled("f ", theme.key()),
            Span::raw(strings::FILTER),
        ]);
        let head = Line::from(head.spans.into_iter().chain(filter).collect::<Vec<_>>());
        buf.set_line(inner.x, inner.y, &head, inner.width);
        let height = usize::from(inner.height - 1);
        let width = usize::from(inner.width);
        r.seen.set((width, height));
        if let Some(e) = &r.error {
            buf.set_stringn(inner.x, inner.y + 1, e, width, theme.error());
            return;
        }
        if r.rows.is_empty() {
            let none = if r.computing {
                strings::COMPUTING_OFF_THREAD
            } else {
                strings::NO_PASSAGES
            };
            buf.set_stringn(inner.x, inner.y + 1, none, width, theme.dim());
            return;
        }
        let lines = r.layout_at(width, Some(env));
        for (i, (_, line)) in lines.iter().skip(r.top).take(height).enumerate() {
            let y = inner.y + 1 + u16::try_from(i).unwrap_or(0);
            buf.set_line(inner.x, y, line, inner.width);
        }
    }
}

impl Retrieve {
    /// `e`: export what is shown.
    fn export(&self, env: &Env) -> Outcome {
        Outcome::Do(Command::ExportReading {
            query: Box::new(self.query(env)),
            format: self.format,
            source: Box::new(self.source(env)),
        })
    }

    /// The keys the reader has on codings and on search hits alike: grouping, context,
    /// the filter, going to the passage, exporting, help and closing. `None` for others.
    fn on_reading_key(&mut self, env: &Env, action: Action) -> Option<Outcome> {
        match action {
            Action::CycleGroup => self.grouping = self.grouping.next(),
            Action::MoreContext => self.context = (self.context + 1).min(9),
            Action::LessContext => self.context = self.context.saturating_sub(1),
            Action::Filter => {
                self.editing = true;
                return Some(Outcome::Stay);
            }
            Action::Open => {
                let Some((doc, range)) = self.here() else {
                    return Some(Outcome::Stay);
                };
                return Some(Outcome::CloseThen(Command::GoTo {
                    doc,
                    pos: range.start,
                    select: Some(range),
                }));
            }
            Action::Export => return Some(self.export(env)),
            Action::ExportFormat => {
                let i = EXPORT_FORMATS
                    .iter()
                    .position(|f| *f == self.format)
                    .map_or(0, |i| (i + 1) % EXPORT_FORMATS.len());
                self.format = EXPORT_FORMATS[i];
                return Some(Outcome::Stay);
            }
            Action::Help => return Some(Outcome::Do(Command::Help(Ctx::Retrieve))),
            Action::Escape => return Some(Outcome::Close),
            _ => return None,
        };
        Some(self.reread(env))
    }

    /// The highlighted passage's document and range, if a passage is highlighted.
    fn here(&self) -> Option<(String, std::ops::Range<usize>)> {
        match self.rows.get(self.sel) {
            Some(RetrieveRow::Passage { doc, range, .. }) => Some((doc.clone(), range.clone())),
            _ => None,
        }
    }

    /// A key in the reader on a search, after [`Self::on_reading_key`]: `r` codes the
    /// passage; the keys of coded passages that have no sense for hits (whose, another
    /// code, split, memo) say so.
    fn on_search_key(&mut self, action: Action) -> Outcome {
        match (action, self.here()) {
            (Action::ChangeCode, Some((doc, range))) => {
                Outcome::CloseThen(Command::CodePassage { doc, range })
            }
            (Action::ChangeCode, None) => Outcome::Stay,
            _ => Outcome::Do(Command::Info(strings::NOT_FOR_HITS.into())),
        }
    }

    /// Recode (`r`) or memo (`m`) the highlighted passage: this coder's codings only.
    fn edit_current(&self, env: &Env, action: Action) -> Outcome {
        let Some((id, coder)) = self.current() else {
            return Outcome::Stay;
        };
        if coder != env.coder {
            return Outcome::Do(Command::Info(strings::not_yours(coder)));
        }
        let id = id.to_string();
        if action == Action::ChangeCode {
            Outcome::Do(Command::OpenPicker(PickFor::Change(id)))
        } else {
            Outcome::Do(Command::MemoOnCoding(id))
        }
    }
}
