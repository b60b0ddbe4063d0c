//! Everything that can happen to the TUI, as one message type: terminal events, ticks and
//! the results of background work.

use ratatui::crossterm::event::{Event, KeyEvent, MouseEvent};

use super::writer::Saved;

/// A coding whose text could not be found after the transcript changed.
#[derive(Debug, Clone)]
pub struct Orphan {
    /// The coding as stored.
    pub coding: glose::store::Coding,
}

/// One message to `update`.
#[derive(Debug)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse did something.
    Mouse(MouseEvent),
    /// The terminal was resized.
    Resize(u16, u16),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// Time passed (animates the progress indicator).
    Tick,
    /// The coder's writer saved (or failed to save) a change.
    Saved(Saved),
    /// Document sizes are known.
    DocStats(Vec<glose::progress::DocSize>),
    /// The other coders' codings and memos were read.
    Others(Box<glose::store::Others>),
    /// The orphaned codings of this coder.
    Orphans(Vec<Orphan>),
    /// A background job reports progress (label, done, total).
    Progress(String, usize, usize),
    /// A background job finished; the label is cleared from the progress indicator.
    JobDone(String),
    /// A search finished.
    Search(SearchResult),
    /// The agreement table and disagreements were computed (or could not be).
    Agreement {
        /// Which request this answers (older answers are dropped).
        generation: u64,
        /// The data, or why it could not be computed.
        data: Box<Result<glose::review::ReviewData, String>>,
    },
    /// The consensus writer saved (or failed to save) a decision.
    ConsensusSaved(Saved),
    /// The terminal can no longer be read (closed): save what can be saved and quit.
    InputClosed,
    /// SIGHUP (the terminal closed), SIGTERM or SIGINT: save what can be saved and quit,
    /// as Ctrl-C does.
    Signal(i32),
    /// The assistant thread answered (suggestions, similar passages, consistency).
    Assist(Box<super::assist_jobs::AssistReply>),
    /// The segments reader's passages were read (or could not be).
    Reading {
        /// Which request this answers (older answers are dropped).
        generation: u64,
        /// The passages, or why not.
        result: Box<Result<glose::reader::Reading, String>>,
    },
    /// An auto-coding preview's plan was made (or could not be).
    Plan {
        /// Which request this answers (older answers are dropped).
        generation: u64,
        /// The plan, or why not.
        result: Box<Result<glose::autocode::Plan, String>>,
    },
    /// The reader's export was written (or could not be).
    Exported(Box<Result<super::plans::Exported, String>>),
}

/// The outcome of a search run off the UI thread.
#[derive(Debug)]
pub struct SearchResult {
    /// The query that was run.
    pub query: String,
    /// The hits, or why the search failed.
    pub hits: Result<Vec<crate::tui::layers::search::HitRow>, String>,
}

impl Msg {
    /// The message for a terminal event (key releases are dropped).
    pub fn from_event(ev: Event) -> Option<Self> {
        match ev {
            Event::Key(k) if k.is_press() || k.is_repeat() => Some(Self::Key(k)),
            Event::Mouse(m) => Some(Self::Mouse(m)),
            Event::Resize(w, h) => Some(Self::Resize(w, h)),
            Event::Paste(s) => Some(Self::Paste(s)),
            _ => None,
        }
    }
}
