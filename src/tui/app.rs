//! The TUI's state: what is open, where the cursor is, what is selected, what the coder
//! has coded (a mirror of the store, updated as soon as a change is sent to the writer).
//! Here: the state and its layer stack (which layer takes the keys); what the panes show
//! is in `app_view.rs`, the calls into the session (commit, continuity, messages) in
//! `app_session.rs`.

use std::collections::HashMap;
use std::sync::mpsc::Sender;

pub use super::doc_view::DocView;
use super::keys::Ctx;
use super::layers::search::SearchState;
use super::layers::{Env, Layer, doc_filter::DocFilter, placing::Placing};
use super::msg::{Msg, Orphan};
pub use super::panes::{Pane, Rects, gutter, pane_rects, text_width};
use super::review::Review;
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
        let mut haystacks = glose::filter::Haystacks::new(&study.codebook);
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
                let hay = haystacks.of(&e.id, &attrs);
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
}
