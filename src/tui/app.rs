//! The TUI's state: what is open, where the cursor is, what is selected, what the coder
//! has coded (a mirror of the store, updated as soon as a change is sent to the writer).

use std::collections::HashMap;
use std::sync::mpsc::Sender;

use glose::continuity::Continuity;
use glose::store::Coding;

pub use super::doc_view::DocView;
use super::keys::Ctx;
use super::layers::search::SearchState;
use super::layers::{Env, Layer, doc_filter::DocFilter, placing::Placing};
use super::layout::Wrapped;
use super::msg::{Msg, Orphan};
pub use super::panes::{Pane, Rects, gutter, pane_rects, text_width};
use super::review::Review;
use super::session::Session;
use super::strings;
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
    /// Whether a memo is on the document or on a coding there (this coder's, or another
    /// coder's coding memo): the list marks it.
    pub memos: bool,
    /// Lower-cased, accent-folded text the filter matches against.
    pub haystack: String,
}

/// The layer on top of the screen, which receives the keys (see [`App::top`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Top {
    /// A layer (`App::layers`): a popup, a modal input, the agreement review.
    Layer,
    /// A pane.
    Pane(Pane),
}

/// The app.
#[derive(Debug)]
pub struct App {
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
    /// The open transcript.
    pub view: Option<DocView>,
    /// Recently used codes, most recent first.
    pub recent: Vec<String>,
    /// The last message for the status line, and whether it is an error.
    pub message: Option<(String, bool)>,
    /// The study session: the study, this coder, their file open for writing, the
    /// history, the other coders' codings and the background jobs.
    pub session: Session,
    /// Where background jobs report back.
    pub tx: Sender<Msg>,
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
    /// Codebook changes made here (their undo) and the codebook on disk.
    pub cb: super::codebook_undo::CodebookDoor,
    /// Set when the app should exit.
    pub quit: bool,
    /// The other coders whose codings are drawn beside this coder's (for the session).
    pub shown: Vec<String>,
    /// The other coders with codings (and how many), by name: their letters follow this
    /// order (`glose::team::letter`).
    pub team: Vec<(String, usize)>,
    /// The assistants' thread and the list put aside (#21).
    pub assist: super::assist_state::AssistDoor,
}

impl App {
    /// Builds the app over an open study and this coder's session (read-only when their
    /// file could not be opened).
    pub fn new(session: Session, theme: Theme, tx: Sender<Msg>) -> Self {
        let study = &session.study;
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
                    memos: false,
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
            view: None,
            recent: Vec::new(),
            message: None,
            session,
            tx,
            ticks: 0,
            players: Vec::new(),
            orphans: Vec::new(),
            search: SearchState::default(),
            searcher: None,
            drag_from: None,
            cb: Default::default(),
            quit: false,
            shown: Vec::new(),
            team: Vec::new(),
            assist: Default::default(),
        };
        app.team = glose::team::coders(&app.session.others);
        app.apply_filter();
        app.refresh_codings();
        app
    }

    /// What receives keys: the top layer of the screen. This is the one place the
    /// precedence is written (the layer stack, then the focused pane);
    /// [`App::ctx`] and `update`'s key dispatch both follow it.
    pub fn top(&self) -> Top {
        if self.key_layer().is_some() {
            Top::Layer
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
            Top::Pane(Pane::Documents) => Ctx::Documents,
            Top::Pane(Pane::Transcript) => Ctx::Transcript,
            Top::Pane(Pane::Codebook) => Ctx::Codebook,
        }
    }

    /// What the layers read: the study, the session's codings, the screen.
    pub fn env(&self) -> Env<'_> {
        Env {
            study: &self.session.study,
            coder: &self.session.coder,
            lang: &self.lang,
            theme: &self.theme,
            mine: &self.session.mine.codings,
            others: &self.session.others,
            orphans: &self.orphans,
            busy: !self.session.jobs.is_empty(),
            page: self.page_height(),
            keep_visible: None,
            ticks: self.ticks,
            size: self.size,
            consensus: self.session.consensus.as_ref(),
            top: true,
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

    /// The agreement review, when its layer is open.
    pub fn review(&self) -> Option<&Review> {
        self.layers
            .iter()
            .rev()
            .find_map(|l| super::layers::downcast_ref(l.as_ref()))
    }

    /// The agreement review, to change it.
    pub fn review_mut(&mut self) -> Option<&mut Review> {
        self.layer_mut()
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
            view.relane();
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

    /// Opens a document in the transcript pane, cursor at `pos`; moving to another
    /// document keeps it for the next session (see [`App::save_continuity`]).
    pub fn open_doc(&mut self, id: &str, pos: usize) -> bool {
        if self.view.as_ref().is_some_and(|v| v.doc.id == id) {
            if let Some(v) = self.view.as_mut() {
                v.cursor = pos.min(v.doc.char_len());
            }
            self.relayout();
            return true;
        }
        match self.session.study.load_document(id) {
            Ok(doc) => {
                let changed = self.view.is_some();
                self.view = Some(DocView::new(doc, pos));
                if let Some(i) = self.docs.iter().position(|d| d.id == id)
                    && let Some(j) = self.doc_filtered.iter().position(|x| *x == i)
                {
                    self.doc_sel = j;
                }
                self.refresh_team();
                self.refresh_codings();
                self.relayout();
                if changed {
                    self.save_continuity();
                }
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
        let codings = &self.session.mine.codings;
        let progress =
            glose::progress::progress(&self.session.study.codebook, codings, open.as_deref());
        let mine = glose::memos::documents_with_memos(codings, &self.session.mine.memos);
        let others = &self.session.others_memo_docs;
        for row in &mut self.docs {
            row.coded = progress.coded_chars.get(&row.id).copied().unwrap_or(0);
            row.memos = mine.contains(&row.id) || others.contains(&row.id);
        }
        self.counts = progress.per_code;
        if let Some(view) = self.view.as_mut() {
            let list = glose::progress::codings_of(codings, &view.doc.id);
            view.codings = list;
            view.relane();
            if let Some(f) = &view.focus
                && !view.codings.iter().any(|c| &c.id == f)
            {
                view.focus = None;
            }
        }
    }

    /// Takes in the other coders' codings (read off the UI thread): who has codings, and
    /// those shown on the open document.
    pub fn set_others(&mut self, others: glose::store::Others) {
        self.session.set_others(others);
        self.team = glose::team::coders(&self.session.others);
        self.refresh_team();
    }

    /// Shows these other coders' codings beside this coder's (for the rest of the session).
    pub fn show_coders(&mut self, coders: Vec<String>) {
        self.shown = coders;
        self.refresh_team();
    }

    /// Recomputes the shown coders' codings on the open document and their lanes.
    pub fn refresh_team(&mut self) {
        let Some(view) = self.view.as_mut() else {
            return;
        };
        view.team.codings =
            glose::team::codings_on(&self.session.others, &view.doc.id, &self.shown);
        view.relane();
    }

    /// The letter a coder's codings are drawn with (by their place among the coders with
    /// codings), if they have any.
    pub fn coder_letter(&self, coder: &str) -> Option<(usize, char)> {
        let i = self.team.iter().position(|(c, _)| c == coder)?;
        Some((i, glose::team::letter(i)))
    }

    /// Applies the document filter.
    pub fn apply_filter(&mut self) {
        let query = glose::filter::DocQuery::parse(&self.session.study.codebook, &self.doc_filter);
        let study = &self.session.study;
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

    /// Remembers a code as recently used (the keys `1`–`9`, kept between sessions).
    pub fn touch_recent(&mut self, code: &str) {
        let mut state = Continuity {
            recent_codes: std::mem::take(&mut self.recent),
            ..Continuity::default()
        };
        state.used_code(code);
        self.recent = state.recent_codes;
    }

    /// Opens the study where this coder left it (`.glose/state/<coder>.txt`): their
    /// document at their place, focus on the transcript, and their recent codes; else the
    /// first document. Returns the warnings to show (a damaged state file, a document
    /// gone): the state is a convenience and never stops the TUI.
    pub fn resume(&mut self) -> Vec<String> {
        let (state, mut warnings) =
            glose::continuity::load(&self.session.study, &self.session.coder);
        let cb = &self.session.study.codebook;
        self.recent = state
            .recent_codes
            .into_iter()
            .filter(|c| cb.contains(c))
            .collect();
        let left = state
            .doc
            .filter(|d| {
                let known = self.docs.iter().any(|r| &r.id == d);
                if !known {
                    warnings.push(strings::left_doc_gone(d));
                }
                known
            })
            .filter(|d| self.open_doc(d, state.place));
        if left.is_some() {
            self.set_focus(Pane::Transcript);
        } else if let Some(first) = self.docs.first().map(|d| d.id.clone()) {
            self.open_doc(&first, 0);
        }
        warnings
    }

    /// Saves where this coder is (document, place, recent codes) for the next session; a
    /// read-only session leaves it to the glose holding the coder's file.
    pub fn save_continuity(&mut self) {
        if self.session.mine.read_only.is_some() {
            return;
        }
        let state = Continuity {
            doc: self.view.as_ref().map(|v| v.doc.id.clone()),
            place: self.view.as_ref().map_or(0, |v| v.cursor),
            recent_codes: self.recent.clone(),
        };
        if let Err(e) = glose::continuity::save(&self.session.study, &self.session.coder, &state) {
            self.error(format!("{}: {e}", strings::STATE_NOT_SAVED));
        }
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
        self.session
            .study
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
        glose::filter::resolve_stage(&self.session.study.codebook, value)
            .map_or(value, |c| c.label(&self.lang))
    }

    /// Every coding of every coder, as search filters (`code:`, `coder:`) need them.
    pub fn all_spans(&self) -> Vec<glose::search::CodedSpan> {
        self.session
            .mine
            .codings
            .iter()
            .chain(self.session.others.iter())
            .map(glose::search::CodedSpan::from)
            .collect()
    }

    /// Waits until every change is saved (on quit).
    pub fn finish(&mut self) {
        self.session.finish();
    }
}
