//! The contexts keys are pressed in and the actions they trigger: the vocabulary shared
//! by the key tables (`keys.rs`, `keys_review.rs`) and `update`, and the shape of a binding.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Everywhere outside text inputs.
    Global,
    /// The documents pane.
    Documents,
    /// The transcript.
    Transcript,
    /// The codebook pane.
    Codebook,
    /// The code picker.
    Picker,
    /// The memo editor.
    Memo,
    /// A one-line prompt (a new code's label, a rename).
    Prompt,
    /// The code edit form.
    CodeForm,
    /// The search results.
    Search,
    /// The retrieval of coded passages.
    Retrieve,
    /// The list of orphaned codings.
    Orphans,
    /// The agreement table (per code).
    ReviewTable,
    /// Stepping through disagreements.
    Review,
    /// Choosing a new span for a consensus decision (then the picker).
    ReviewEdit,
    /// Choosing the other coders shown beside this coder in the transcript.
    ShowCoders,
    /// The preview of auto-coding search hits.
    AutoCode,
    /// Suggestions of a code in the open document.
    Suggest,
    /// Passages like the selection or a coding.
    Similar,
    /// The consistency review.
    Consistency,
    /// Choosing the coders (and documents) the agreement table compares.
    ReviewCoders,
    /// The memo browser.
    Memos,
}

impl Ctx {
    /// Whether the context is one of the panes, where the global keys work too; a layer
    /// (popup, list, the review) takes every key, so only its own apply.
    pub fn is_pane(self) -> bool {
        matches!(
            self,
            Ctx::Global | Ctx::Documents | Ctx::Transcript | Ctx::Codebook
        )
    }
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave (everything is saved already).
    Quit,
    /// Show the keys of the current context.
    Help,
    /// Next pane.
    FocusNext,
    /// Previous pane.
    FocusPrev,
    /// Up a line or row.
    Up,
    /// Down a line or row.
    Down,
    /// Left a grapheme.
    Left,
    /// Right a grapheme.
    Right,
    /// Up a page.
    PageUp,
    /// Down a page.
    PageDown,
    /// Up half a page.
    HalfUp,
    /// Down half a page.
    HalfDown,
    /// To the start.
    Top,
    /// To the end.
    Bottom,
    /// Next word start.
    WordNext,
    /// Previous word start.
    WordPrev,
    /// End of the word.
    WordEnd,
    /// Next sentence (its end while selecting).
    SentenceNext,
    /// Previous sentence start.
    SentencePrev,
    /// Next turn (its end while selecting).
    TurnNext,
    /// Previous turn start.
    TurnPrev,
    /// Focus the next coding.
    CodingNext,
    /// Focus the previous coding.
    CodingPrev,
    /// Start or stop extending the selection.
    ToggleSelect,
    /// Select the sentence (again: add the next).
    SelectSentence,
    /// Select the turn (again: add the next).
    SelectTurn,
    /// Select the coding under the cursor.
    SelectCoding,
    /// Cancel or clear.
    Escape,
    /// Code the selection.
    Code,
    /// Apply the n-th recent code.
    Recent(u8),
    /// Remove the coding under the cursor.
    RemoveCoding,
    /// Change the code of the coding under the cursor.
    ChangeCode,
    /// Give the focused coding the selected span.
    Respan,
    /// Memo on a coding.
    MemoCoding,
    /// Memo on the document.
    MemoDoc,
    /// Play the recording from the cursor's time.
    PlayRecording,
    /// Memo on the code.
    MemoCode,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Open the search.
    Search,
    /// Next search hit.
    HitNext,
    /// Previous search hit.
    HitPrev,
    /// Retrieve coded passages.
    Retrieve,
    /// List orphaned codings.
    Orphans,
    /// Jump to a document.
    JumpDoc,
    /// Edit the filter.
    Filter,
    /// Open or confirm.
    Open,
    /// Switch label language.
    Lang,
    /// Cycle whose codings are retrieved.
    CycleCoder,
    /// Group by document or stage.
    CycleGroup,
    /// Open the agreement view.
    Agreement,
    /// Next disagreement.
    NextDisagreement,
    /// Previous disagreement.
    PrevDisagreement,
    /// Settle: take the n-th coder's version.
    Take(u8),
    /// Settle: keep every coder's version.
    TakeBoth,
    /// Settle: the code does not apply.
    TakeNone,
    /// Settle with a new span and code.
    EditDecision,
    /// Choose the compared coders and documents of the review.
    ChooseCoders,
    /// Choose the parent of the code the picker would create.
    ChooseParent,
    /// In-vivo coding: a new code named after the selected words, applied to them.
    InVivo,
    /// Add the passage of the coding under the cursor to its code's examples.
    AddExample,
    /// A new code beside the selected one.
    NewCode,
    /// A new code under the selected one.
    NewChild,
    /// Rename the selected code.
    RenameCode,
    /// Move the selected code under another parent.
    MoveCode,
    /// Merge the selected code into another.
    MergeCode,
    /// Delete the selected code (refused while codings use it).
    DeleteCode,
    /// Edit the selected code's fields in a form.
    EditCode,
    /// Mark or unmark the highlighted passage (for a split).
    Mark,
    /// Split the marked passages (or the highlighted one) into another code.
    Split,
    /// Choose the other coders whose codings are drawn beside this coder's.
    ShowCoders,
    /// Tick every row, or none when all are ticked.
    MarkAll,
    /// Merge this coder's overlapping codings of one code under the cursor.
    MergeDuplicates,
    /// Reader: more sentences of context.
    MoreContext,
    /// Reader: fewer sentences of context.
    LessContext,
    /// Reader: export what is shown.
    Export,
    /// Reader: the next export format.
    ExportFormat,
    /// Search: code the hits (or the marked ones) with a code.
    AutoCode,
    /// Suggestions of a code for the open document.
    Suggest,
    /// Passages like the selection or the coding under the cursor.
    Similar,
    /// Review the consistency of my codings.
    Consistency,
    /// Back to the list last left with Enter (suggestions, similar, consistency).
    BackToList,
    /// Accept a suggestion (code it).
    Accept,
    /// Reject a suggestion (not proposed again).
    Reject,
    /// Keep a coding as it is (reviewed).
    Keep,
    /// Change the code of the item's coding.
    Recode,
    /// Write a memo on the item.
    Memo,
    /// Open the memo browser.
    Memos,
    /// Memo browser: filter by the next document with memos.
    FilterDoc,
    /// Memo browser: filter by the next code with memos.
    FilterCode,
    /// Memo browser: filter by the next coder with memos.
    FilterCoder,
    /// Memo browser: edit the memo.
    Edit,
}

/// One binding: keys, context, action and what the help says.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub ctx: Ctx,
    /// The keys (any of them).
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// What it does.
    pub action: Action,
    /// Help text.
    pub help: &'static str,
}

pub(super) const N: KeyModifiers = KeyModifiers::NONE;
pub(super) const C: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const S: KeyModifiers = KeyModifiers::SHIFT;

pub(super) const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), N)
}

/// A binding, tersely.
macro_rules! b {
    ($ctx:ident, [$($k:expr),+], $a:expr, $h:expr) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($k),+], action: $a, help: $h }
    };
}
pub(super) use b;
