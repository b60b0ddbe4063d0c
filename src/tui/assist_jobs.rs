//! What the TUI asks the assistant thread (`worker::spawn_assistant`) and what it answers
//! (#21): data only, shared by the worker, the messages and the assistants' layers.

use std::sync::mpsc::Sender;

/// What the assistant thread is asked.
#[derive(Debug)]
pub enum AssistJob {
    /// Suggestions of `code` in `doc`, learned from `file` (this coder's codings only).
    Suggest {
        /// The code.
        code: String,
        /// The document.
        doc: String,
        /// This coder's codings, as the session has them now (only these are learned from).
        codings: Vec<glose::store::Coding>,
    },
    /// Passages like `text` (the span `range` of `doc`).
    Similar {
        /// What the list is of.
        source: SimilarSource,
        /// The codings the filter counts (empty when it counts none).
        codings: Vec<glose::store::Coding>,
    },
    /// This coder's near-identical passages coded differently and likely miscodings.
    Consistency {
        /// This coder's codings.
        codings: Vec<glose::store::Coding>,
    },
    /// Remember a rejected suggestion.
    Reject {
        /// The code.
        code: String,
        /// The document.
        doc: String,
        /// The passage's span.
        range: std::ops::Range<usize>,
        /// The passage's text.
        text: String,
    },
}

/// The passage similar passages are looked for, and which ones count.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarSource {
    /// The document.
    pub doc: String,
    /// The selection or coding span.
    pub range: std::ops::Range<usize>,
    /// Its text.
    pub text: String,
    /// Which passages may be listed.
    pub scope: SimilarScope,
}

/// Which passages a similar-passages list may show (as in search: coded or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SimilarScope {
    /// Every passage.
    #[default]
    Any,
    /// Passages no coding of anyone touches.
    Uncoded,
    /// Passages this coder coded.
    CodedByMe,
}

impl SimilarScope {
    /// The next scope (the filter key cycles through them).
    pub fn next(self) -> Self {
        match self {
            Self::Any => Self::Uncoded,
            Self::Uncoded => Self::CodedByMe,
            Self::CodedByMe => Self::Any,
        }
    }
}

/// The consistency review's two lists.
#[derive(Debug, Clone, Default)]
pub struct ConsistencyData {
    /// Near-identical passages coded differently, most similar first.
    pub pairs: Vec<glose::suggest::consistency::Pair>,
    /// Codings least like the rest of their code, lowest first.
    pub outliers: Vec<glose::suggest::consistency::Outlier>,
}

/// What the assistant thread answers.
#[derive(Debug)]
pub enum AssistReply {
    /// Suggestions (or why there are none: too few examples, withheld, …).
    Suggestions {
        /// The code asked for.
        code: String,
        /// The document asked for.
        doc: String,
        /// The suggestions, or the message saying why there are none.
        result: Result<Box<glose::suggest::Suggestions>, String>,
    },
    /// Similar passages.
    Similar {
        /// What was asked.
        source: SimilarSource,
        /// Best first.
        result: Result<Vec<glose::suggest::SimilarPassage>, String>,
    },
    /// The consistency review.
    Consistency(Result<ConsistencyData, String>),
    /// A rejection was (or could not be) recorded.
    Rejected(Result<(), String>),
}

/// The assistant thread's mailbox.
#[derive(Debug)]
pub struct Assistant {
    tx: Sender<AssistJob>,
}

impl Assistant {
    /// The mailbox of a thread reading `tx`'s other end.
    pub fn new(tx: Sender<AssistJob>) -> Self {
        Self { tx }
    }

    /// Queues a job; false if the thread is gone.
    pub fn send(&self, job: AssistJob) -> bool {
        self.tx.send(job).is_ok()
    }
}
