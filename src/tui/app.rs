//! The TUI's state: what is open, where the cursor is, what is selected, what the coder
//! has coded (a mirror of the store, updated as soon as a change is sent to the writer).

use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::Sender;

use glose::store::Coding;
use glose::study::Study;

pub use super::doc_view::DocView;
use super::keys::Ctx;
use super::layers::search::SearchState;
use super::layers::{Env, Layer, doc_filter::DocFilter, placing::Placing};
use super::layout::{Lanes, Wrapped};
use super::msg::{Msg, Orphan};
pub use super::panes::{Pane, Rects, gutter, pane_rects, text_width};
use super::session::Session;
use super::theme::Theme;

/// A row of the documents pane.
#[derive(Debug, Clone)]
pub struct DocRow {
    /// Document id.
    pub id: String,
    /// The company (case attribute), or the title.
    pub company: String,
    /// The stage attribute.
    pub stage: String,
    /// Words, once measured.
    pub words: Option<usize>,
    /// Chars, once measured.
    pub chars: Option<usize>,
    /// Chars this coder has coded (union of spans).
    pub coded: usize,
    /// Lower-cased, accent-folded text the filter matches against.
    pub haystack: String,
}

/// The layer on top of the screen, which receives the keys (see [`App::top`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Top {
    /// A layer (`App::layers`): a popup or a modal input.
    Layer,
    /// The agreement review.
    Review,
    /// A pane.
    Pane(Pane),
}

/// The app.
#[derive(Debug)]
pub struct App {
    /// The study.
    pub study: Study,
    /// The coder.
    pub coder: String,
    /// Colours.
    pub theme: Theme,
    /// Label language (`fr` or `en`).
    pub lang: String,
    /// The pane with the focus.
    pub focus: Pane,
    /// The definition pane's scroll: (the codebook row it is for, rows scrolled).
    pub def_scroll: (usize, usize),
    /// The layers over the panes (popups, modal inputs), the top one last.
    pub layers: Vec<Box<dyn Layer>>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Documents pane rows.
    pub docs: Vec<DocRow>,
    /// Indices into `docs` matching the filter.
    pub doc_filtered: Vec<usize>,
    /// The filter text.
    pub doc_filter: String,
    /// Selected row of the filtered list.
    pub doc_sel: usize,
    /// Codebook rows: (code index, depth), in tree order.
    pub tree: Vec<(usize, usize)>,
    /// Selected codebook row.
    pub code_sel: usize,
    /// This coder's codings per code: (in the open document, overall).
    pub counts: HashMap<String, (usize, usize)>,
    /// The other coders' codings (read once on opening), for retrieval.
    pub others: Vec<Coding>,
    /// The open transcript.
    pub view: Option<DocView>,
    /// Recently used codes, most recent first.
    pub recent: Vec<String>,
    /// The last message for the status line, and whether it is an error.
    pub message: Option<(String, bool)>,
    /// This coder's file open for writing: mirror, writer, history.
    pub session: Session,
    /// Where background jobs report back.
    pub tx: Sender<Msg>,
    /// Jobs running: label → (done, total).
    pub jobs: BTreeMap<String, (usize, usize)>,
    /// Ticks, for the spinner.
    pub ticks: usize,
    /// Players started with `P`, reaped on ticks so they leave no zombie.
    pub players: Vec<std::process::Child>,
    /// Orphaned codings found by the last scan.
    pub orphans: Vec<Orphan>,
    /// The last search (query, hits) kept when the search popup closes (while it is open,
    /// the popup holds it: see [`App::search`]).
    pub search: SearchState,
    /// The search thread (None until started, or when the index cannot be opened).
    pub searcher: Option<super::worker::Searcher>,
    /// Where a mouse drag started (char offset in the transcript).
    pub drag_from: Option<usize>,
    /// The agreement review, when open (it takes the screen over the panes).
    pub review: Option<Box<super::review::Review>>,
    /// Codebook changes made here (their undo) and the codebook on disk.
    pub cb: super::codebook_undo::CodebookDoor,
    /// Set when the app should exit.
    pub quit: bool,
}

impl App {
    /// Builds the app over an open study and this coder's session (read-only when their
    /// file could not be opened).
    pub fn new(
        study: Study,
        coder: String,
        session: Session,
        others: Vec<Coding>,
        theme: Theme,
        tx: Sender<Msg>,
    ) -> Self {
        let docs = study
            .entries
            .iter()
            .map(|e| {
                let attrs = study.attributes(&e.id);
                let company = attrs
                    .get("company")
                    .or_else(|| attrs.get("title"))
                    .cloned()
                    .unwrap_or_default();
                let stage = attrs.get("stage").cloned().unwrap_or_default();
                let hay = glose::filter::DocQuery::haystack(&study.codebook, &e.id, &attrs);
                DocRow {
                    id: e.id.clone(),
                    company,
                    stage,
                    words: None,
                    chars: None,
                    coded: 0,
                    haystack: hay,
                }
            })
            .collect();
        let by_id: HashMap<&str, usize> = study
            .codebook
            .codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let tree = study
            .codebook
            .tree_order()
            .into_iter()
            .filter_map(|c| Some((*by_id.get(c.id.as_str())?, study.codebook.depth(&c.id))))
            .collect();
        let lang = if study.config.language == "en" {
            "en"
        } else {
            "fr"
        };
        let mut app = Self {
            lang: lang.to_string(),
            study,
            coder,
            theme,
            focus: Pane::Documents,
            def_scroll: (0, 0),
            layers: Vec::new(),
            size: (80, 24),
            docs,
            doc_filtered: Vec::new(),
            doc_filter: String::new(),
            doc_sel: 0,
            tree,
            code_sel: 0,
            counts: HashMap::new(),
            others,
            view: None,
            recent: Vec::new(),
            message: None,
            session,
            tx,
            jobs: BTreeMap::new(),
            ticks: 0,
            players: Vec::new(),
            orphans: Vec::new(),
            search: SearchState::default(),
            searcher: None,
            drag_from: None,
            review: None,
            cb: Default::default(),
            quit: false,
        };
        app.apply_filter();
        app.refresh_codings();
        app
    }

    /// What receives keys: the top layer of the screen. This is the one place the
    /// precedence is written (the layer stack, then the review, then the focused pane);
    /// [`App::ctx`] and `update`'s key dispatch both follow it.
    pub fn top(&self) -> Top {
        if self.key_layer().is_some() {
            Top::Layer
        } else if self.review.is_some() {
            Top::Review
        } else {
            Top::Pane(self.focus)
        }
    }

    /// The key context of the top layer.
    pub fn ctx(&self) -> Ctx {
        match self.top() {
            Top::Layer => self
                .key_layer()
                .and_then(|i| self.layers.get(i))
                .map_or(Ctx::Global, |l| l.ctx()),
            Top::Review => self.review.as_ref().map_or(Ctx::Global, |r| r.ctx()),
            Top::Pane(Pane::Documents) => Ctx::Documents,
            Top::Pane(Pane::Transcript) => Ctx::Transcript,
            Top::Pane(Pane::Codebook) => Ctx::Codebook,
        }
    }

    /// What the layers read: the study, the session's codings, the screen.
    pub fn env(&self) -> Env<'_> {
        Env {
            study: &self.study,
            coder: &self.coder,
            lang: &self.lang,
            theme: &self.theme,
            mine: &self.session.mine.codings,
            others: &self.others,
            orphans: &self.orphans,
            busy: !self.jobs.is_empty(),
            page: self.page_height(),
            keep_visible: None,
        }
    }

    /// The index of the layer that receives keys: the topmost that does not pass them on.
    pub fn key_layer(&self) -> Option<usize> {
        self.layers.iter().rposition(|l| !l.passes_keys())
    }

    /// The id of the coding being placed again, if one is.
    pub fn placing(&self) -> Option<&str> {
        self.layers
            .iter()
            .rev()
            .find_map(|l| super::layers::downcast_ref::<Placing>(l.as_ref()))
            .map(|p| p.id.as_str())
    }

    /// Stops placing a coding; whether one was being placed.
    pub fn stop_placing(&mut self) -> bool {
        let before = self.layers.len();
        self.layers
            .retain(|l| super::layers::downcast_ref::<Placing>(l.as_ref()).is_none());
        self.layers.len() != before
    }

    /// Puts a layer on top.
    pub fn open(&mut self, layer: impl Layer) {
        self.layers.push(Box::new(layer));
    }

    /// The top layer, if it is a `T`.
    pub fn top_layer<T: Layer>(&self) -> Option<&T> {
        super::layers::downcast_ref(self.layers.last()?.as_ref())
    }

    /// The topmost layer that is a `T`.
    pub fn layer_mut<T: Layer>(&mut self) -> Option<&mut T> {
        self.layers
            .iter_mut()
            .rev()
            .find_map(|l| super::layers::downcast_mut(l.as_mut()))
    }

    /// Whether a popup covers the panes (a modal input inside a pane does not).
    pub fn popup_open(&self) -> bool {
        self.layers.iter().any(|l| l.covers())
    }

    /// Whether the documents filter is being typed.
    pub fn doc_filter_editing(&self) -> bool {
        self.layers
            .iter()
            .any(|l| super::layers::downcast_ref::<DocFilter>(l.as_ref()).is_some())
    }

    /// The search: the open popup's, or else the last one.
    pub fn search(&self) -> &SearchState {
        self.layers
            .iter()
            .rev()
            .find_map(|l| super::layers::downcast_ref(l.as_ref()))
            .unwrap_or(&self.search)
    }

    /// The search, to change it: the open popup's, or else the last one.
    pub fn search_mut(&mut self) -> &mut SearchState {
        match self
            .layers
            .iter_mut()
            .rev()
            .find_map(|l| super::layers::downcast_mut(l.as_mut()))
        {
            Some(s) => s,
            None => &mut self.search,
        }
    }

    /// The current pane layout.
    pub fn rects(&self) -> Rects {
        pane_rects(
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
            self.focus,
        )
    }

    /// Re-wraps the transcript if the width changed, and keeps the cursor in view.
    pub fn relayout(&mut self) {
        let rects = self.rects();
        let Some(view) = self.view.as_mut() else {
            return;
        };
        let Some(area) = rects.transcript else {
            return;
        };
        let width = text_width(area.width);
        if view.wrapped.width != width || view.wrapped.lines.is_empty() {
            view.wrapped = Wrapped::new(&view.doc.text, width);
            view.lanes = Lanes::new(&view.wrapped, view.codings.iter().map(|c| (c.start, c.end)));
        }
        let height = usize::from(area.height.saturating_sub(2)).max(1);
        let line = view.wrapped.line_of(view.cursor);
        if line < view.top {
            view.top = line;
        } else if line >= view.top + height {
            view.top = line + 1 - height;
        }
    }

    /// Height of the transcript's text area.
    pub fn page_height(&self) -> usize {
        self.rects()
            .transcript
            .map_or(10, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Opens a document in the transcript pane, cursor at `pos`.
    pub fn open_doc(&mut self, id: &str, pos: usize) -> bool {
        if self.view.as_ref().is_some_and(|v| v.doc.id == id) {
            if let Some(v) = self.view.as_mut() {
                v.cursor = pos.min(v.doc.char_len());
            }
            self.relayout();
            return true;
        }
        match self.study.load_document(id) {
            Ok(doc) => {
                let cursor = pos.min(doc.char_len());
                self.view = Some(DocView {
                    doc,
                    cursor,
                    anchor: None,
                    selecting: false,
                    top: 0,
                    wrapped: Wrapped::default(),
                    codings: Vec::new(),
                    lanes: Lanes::default(),
                    focus: None,
                    matches: Vec::new(),
                });
                if let Some(i) = self.docs.iter().position(|d| d.id == id)
                    && let Some(j) = self.doc_filtered.iter().position(|x| *x == i)
                {
                    self.doc_sel = j;
                }
                self.refresh_codings();
                self.relayout();
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// Opens a document at a position, optionally selecting a range, focus on the transcript.
    pub fn go_to(&mut self, doc: &str, pos: usize, select: Option<std::ops::Range<usize>>) {
        if self.open_doc(doc, pos) {
            if let Some(v) = self.view.as_mut() {
                v.cursor = pos.min(v.doc.char_len());
                match select {
                    Some(r) => {
                        v.anchor = Some(r.start);
                        v.cursor = r.end.min(v.doc.char_len());
                        v.selecting = false;
                    }
                    None => v.anchor = None,
                }
            }
            self.focus = Pane::Transcript;
            self.relayout();
            // Put the passage's start in view too.
            if let Some(v) = self.view.as_mut() {
                let line = v.wrapped.line_of(pos);
                if line < v.top {
                    v.top = line;
                }
            }
        }
    }

    /// Gives a pane the focus.
    pub fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        self.relayout();
    }

    /// Recomputes what derives from this coder's codings: the open document's codings and
    /// lanes, the counts per code and the coverage per document.
    pub fn refresh_codings(&mut self) {
        let open = self.view.as_ref().map(|v| v.doc.id.clone());
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        let mut per_doc: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        let cb = &self.study.codebook;
        for c in &self.session.mine.codings {
            let code = cb.resolve_coding(&c.id, &c.code).unwrap_or(&c.code);
            let e = counts.entry(code.to_string()).or_default();
            e.1 += 1;
            if open.as_deref() == Some(c.doc.as_str()) {
                e.0 += 1;
            }
            per_doc
                .entry(c.doc.as_str())
                .or_default()
                .push((c.start, c.end));
        }
        for row in &mut self.docs {
            row.coded = per_doc.get_mut(row.id.as_str()).map_or(0, |r| union_len(r));
        }
        self.counts = counts;
        if let Some(view) = self.view.as_mut() {
            let mut list: Vec<Coding> = self
                .session
                .mine
                .codings
                .iter()
                .filter(|c| c.doc == view.doc.id)
                .cloned()
                .collect();
            list.sort_by(|a, b| {
                (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
            });
            view.codings = list;
            if !view.wrapped.lines.is_empty() {
                view.lanes =
                    Lanes::new(&view.wrapped, view.codings.iter().map(|c| (c.start, c.end)));
            }
            if let Some(f) = &view.focus
                && !view.codings.iter().any(|c| &c.id == f)
            {
                view.focus = None;
            }
        }
    }

    /// Applies the document filter.
    pub fn apply_filter(&mut self) {
        let query = glose::filter::DocQuery::parse(&self.study.codebook, &self.doc_filter);
        let study = &self.study;
        self.doc_filtered = self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| query.matches(&d.haystack, || study.attributes(&d.id)))
            .map(|(i, _)| i)
            .collect();
        self.doc_sel = self.doc_sel.min(self.doc_filtered.len().saturating_sub(1));
    }

    /// The coding under focus, or else the shortest coding under the cursor.
    pub fn coding_here(&self) -> Option<&Coding> {
        let view = self.view.as_ref()?;
        if let Some(id) = &view.focus
            && let Some(c) = view.codings.iter().find(|c| &c.id == id)
        {
            return Some(c);
        }
        view.codings
            .iter()
            .filter(|c| c.start <= view.cursor && view.cursor < c.end)
            .min_by_key(|c| c.end - c.start)
    }

    /// Has the session apply an edit (one operation or several) and save it (recorded for
    /// undo when `record` is set); the status line says what was done or why not.
    pub fn commit(&mut self, edit: impl Into<glose::store::Edit>, record: bool) -> bool {
        match self.session.commit(edit, record) {
            Ok(what) => {
                self.message = Some((what, false));
                self.refresh_codings();
                true
            }
            Err(e) => {
                self.error(e);
                false
            }
        }
    }

    /// Remembers a code as recently used.
    pub fn touch_recent(&mut self, code: &str) {
        self.recent.retain(|c| c != code);
        self.recent.insert(0, code.to_string());
        self.recent.truncate(9);
    }

    /// Shows an error in the status line.
    pub fn error(&mut self, text: String) {
        self.message = Some((text, true));
    }

    /// Shows information in the status line.
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
    }

    /// The label of a code in the current language.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.study
            .codebook
            .resolve(id)
            .map_or(id, |c| c.label(&self.lang))
    }

    /// Sets the language of the interface's words and of the code and stage labels
    /// (`L` switches it; the TUI starts in `Lang::for_study`).
    pub fn set_lang(&mut self, lang: glose::locale::Lang) {
        super::strings::set_lang(lang);
        self.lang = lang.code().to_string();
    }

    /// A stage value of the cases (`growth`) as its label in the current language
    /// (`Croissance`), or as given when no stage code names it.
    pub fn stage_label<'a>(&'a self, value: &'a str) -> &'a str {
        glose::filter::resolve_stage(&self.study.codebook, value)
            .map_or(value, |c| c.label(&self.lang))
    }

    /// Every coding of every coder, as search filters (`code:`, `coder:`) need them.
    pub fn all_spans(&self) -> Vec<glose::search::CodedSpan> {
        self.session
            .mine
            .codings
            .iter()
            .chain(self.others.iter())
            .map(glose::search::CodedSpan::from)
            .collect()
    }

    /// Waits until every change is saved (on quit).
    pub fn finish(&mut self) {
        self.session.finish();
        if let Some(r) = self.review.as_mut() {
            r.consensus.finish();
        }
    }
}

/// Length of the union of ranges (sorts them).
pub fn union_len(ranges: &mut [(usize, usize)]) -> usize {
    ranges.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(usize, usize)> = None;
    for &(s, e) in ranges.iter() {
        match cur {
            Some((cs, ce)) if s <= ce => cur = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                cur = Some((s, e));
            }
            None => cur = Some((s, e)),
        }
    }
    if let Some((s, e)) = cur {
        total += e.saturating_sub(s);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_of_overlapping_spans() {
        assert_eq!(union_len(&mut [(0, 10), (5, 15), (20, 25)]), 20);
        assert_eq!(union_len(&mut []), 0);
    }
}
