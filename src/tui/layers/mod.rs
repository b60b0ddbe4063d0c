//! The layer stack: every popup and modal input is a [`Layer`] in its own file, owning
//! its state, its keys and its drawing. The app keeps a stack of them over the panes;
//! the top one receives the keys and gives the key-help context, and answers each key
//! with an [`Outcome`], which may carry a [`Command`] for the app (apply a change, open
//! another layer, jump to a place). Layers read the study and the session through
//! [`Env`], never the app itself.
//!
//! Adding a popup: see docs/ARCHITECTURE.md ("Where a new feature goes").

pub mod autocode;
pub mod code_form;
pub mod consistency;
pub mod doc_filter;
pub mod help;
pub mod memo;
pub mod orphans;
pub mod picker;
pub mod placing;
pub mod prompt;
pub mod retrieve;
pub mod review_coders;
pub mod search;
// The agreement review (its state is `tui::review::Review`).
pub mod review;
pub mod show_coders;
pub mod similar;
pub mod suggest;
// The memo browser (#18).
pub mod memos;
// The segments reader's rows (its layer is `retrieve`).
pub mod retrieve_rows;

use std::any::Any;
use std::ops::Range;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use glose::store::Coding;
use glose::study::Study;

use super::actions::Ctx;
use super::msg::Orphan;
use super::session::OpenFile;
use super::theme::Theme;

/// What a layer reads of the world: the study, the session's codings, the screen.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    /// The study.
    pub study: &'a Study,
    /// The coder.
    pub coder: &'a str,
    /// Label language (`fr` or `en`).
    pub lang: &'a str,
    /// Colours.
    pub theme: &'a Theme,
    /// This coder's codings (the session's mirror).
    pub mine: &'a [Coding],
    /// The other coders' codings.
    pub others: &'a [Coding],
    /// Orphaned codings found by the last scan.
    pub orphans: &'a [Orphan],
    /// Whether background jobs are running.
    pub busy: bool,
    /// Height of a page in the transcript (for page up / down in lists).
    pub page: usize,
    /// The screen rows of the transcript's selection, which a popup should leave
    /// visible (the picker does); set by `view::draw`.
    pub keep_visible: Option<(u16, u16)>,
    /// Ticks, for spinners.
    pub ticks: usize,
    /// The terminal's size.
    pub size: (u16, u16),
    /// The consensus file, while the review has it open (the session's).
    pub consensus: Option<&'a OpenFile>,
    /// Whether the layer being drawn is the top one (no popup over it).
    pub top: bool,
}

impl Env<'_> {
    /// The label of a code in the current language.
    pub fn label<'b>(&'b self, id: &'b str) -> &'b str {
        self.study
            .codebook
            .resolve(id)
            .map_or(id, |c| c.label(self.lang))
    }
}

/// What the app should do for a layer.
#[derive(Debug)]
pub enum Command {
    /// A picker's choice.
    Pick {
        /// What it was for.
        purpose: picker::PickFor,
        /// The chosen code or document id.
        id: String,
    },
    /// Save a memo (if it changed).
    SaveMemo(Box<memo::MemoEditor>),
    /// Say something in the status line.
    Info(String),
    /// Open a document at a position, optionally selecting a range.
    GoTo {
        /// Document id.
        doc: String,
        /// Cursor position.
        pos: usize,
        /// Range to select.
        select: Option<Range<usize>>,
    },
    /// Start placing an orphaned coding again.
    Place(Box<Coding>),
    /// Open the picker.
    OpenPicker(picker::PickFor),
    /// Run a search query (the search layer waits for its result).
    RunSearch(String),
    /// Keep the search (for n / N) as the search layer closes, and show its current hit
    /// when `show` is set.
    KeepSearch {
        /// The search.
        state: Box<search::SearchState>,
        /// Whether to open the highlighted hit.
        show: bool,
    },
    /// Set the documents filter to this text.
    SetDocFilter(String),
    /// Compare these coders and documents in the review (recomputes its table).
    CompareCoders(glose::agreement::select::Selection),
    /// Create a code from a picker's typed text and use it as the picker was for.
    CreateCode {
        /// What the picker was for.
        purpose: picker::PickFor,
        /// The new code's label.
        label: String,
        /// Its parent (`None`: a new top-level group).
        parent: Option<String>,
    },
    /// Choose the parent of the code this picker would create (it comes back after).
    ChooseParent(Box<picker::Picker>),
    /// The parent was chosen (`""`: the top level): back to the picker with it.
    ParentChosen {
        /// The picker put aside.
        back: Box<picker::Picker>,
        /// The parent.
        parent: String,
    },
    /// Open this picker again, as it was.
    Reopen(Box<picker::Picker>),
    /// A prompt's line was entered.
    PromptDone {
        /// What it was for.
        purpose: prompt::PromptFor,
        /// The text.
        text: String,
    },
    /// Save the code form.
    SaveCodeForm(Box<code_form::CodeForm>),
    /// Choose the code these codings (id, the code each counts as now) move to.
    Split(Vec<(String, String)>),
    /// What the review asks of the app (a decision to commit, a computation, …).
    Review(review::Ask),
    /// Draw these other coders' codings beside this coder's (the transcript).
    ShowCoders(Vec<String>),
    /// Show the keys of a context (`?` in a popup).
    Help(Ctx),
    /// Open the memo editor on this coder's coding.
    MemoOnCoding(String),
    /// Code these passages (an auto-coding's plan) as one change.
    AutoCode {
        /// The code.
        code: String,
        /// The codings to add.
        adds: Vec<glose::store::Coding>,
    },
    /// Export what the reader shows, in a format, to a file under `exports/`.
    ExportReading {
        /// The reader's selection.
        query: Box<glose::reader::ReaderQuery>,
        /// The format.
        format: glose::export::formats::Format,
        /// What the reader reads from (codings, or a search's hits).
        source: Box<super::plans::Source>,
    },
    /// Code a suggested passage (an ordinary undoable coding with the model's receipt).
    AcceptSuggestion {
        /// The code.
        code: String,
        /// The document.
        doc: String,
        /// The passage.
        range: Range<usize>,
    },
    /// Remember a rejected suggestion (on the assistant thread).
    RejectSuggestion {
        /// The code.
        code: String,
        /// The document.
        doc: String,
        /// The passage.
        range: Range<usize>,
        /// Its text (a rejection is matched by its hash).
        text: String,
    },
    /// Put this list aside (`;` brings it back) and go to a passage, selected.
    Aside {
        /// The list.
        layer: Box<dyn Layer>,
        /// The document.
        doc: String,
        /// The passage.
        range: Range<usize>,
    },
    /// Ask the assistant for passages like this source again (another filter).
    AskSimilar(super::assist_jobs::SimilarSource),
    /// Open the memo editor on a target.
    OpenMemo(memo::MemoFor),
    /// Select a passage and open the picker to code it.
    CodePassage {
        /// The document.
        doc: String,
        /// The passage.
        range: Range<usize>,
    },
    /// Highlight a code in the codebook pane.
    ShowCode(String),
    /// Compute this off the UI thread (a reading, a plan); the answer comes as a message.
    Compute(Box<super::plans::Job>),
    /// Open the segments reader on a search's hits.
    ReadHits {
        /// The query.
        query: String,
        /// The hits.
        hits: Vec<glose::search::Hit>,
    },
}

/// A layer's answer to a key.
#[derive(Debug)]
pub enum Outcome {
    /// Handled; the layer stays.
    Stay,
    /// The layer is done.
    Close,
    /// The layer stays and the app does this.
    Do(Command),
    /// The layer is done and the app does this.
    CloseThen(Command),
}

/// A popup or modal input on the layer stack.
pub trait Layer: std::fmt::Debug + Any {
    /// The key context (which bindings apply and which help is shown).
    fn ctx(&self) -> Ctx;
    /// Handles a key.
    fn on_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome;
    /// Takes pasted text (ignored unless the layer has an input).
    fn on_paste(&mut self, _text: &str) {}
    /// Draws the layer over `area` (the screen above the status line): a pure function of
    /// its state and `env`.
    fn draw(&self, f: &mut Frame, area: Rect, env: &Env);
    /// Whether it covers the panes (a popup); a modal input inside a pane does not, so the
    /// pane keeps its focus highlight and the mouse still works.
    fn covers(&self) -> bool {
        true
    }
    /// Whether keys pass through it to what is below (a mode such as placing a coding,
    /// which only marks the state).
    fn passes_keys(&self) -> bool {
        false
    }
    /// What must happen before quitting (a memo being written is saved).
    fn on_quit(&mut self) -> Option<Command> {
        None
    }
}

/// Edits a one-line input with a key; true if the key was consumed.
pub fn edit_line(input: &mut String, key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            input.push(c);
            true
        }
        KeyCode::Backspace => {
            input.pop();
            true
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            input.clear();
            true
        }
        _ => false,
    }
}

/// The layer as `T`, if it is one.
pub fn downcast_ref<T: Layer>(layer: &dyn Layer) -> Option<&T> {
    (layer as &dyn Any).downcast_ref::<T>()
}

/// The layer as `T`, if it is one.
pub fn downcast_mut<T: Layer>(layer: &mut dyn Layer) -> Option<&mut T> {
    (layer as &mut dyn Any).downcast_mut::<T>()
}
