//! The contexts keys are pressed in and the actions they trigger: the vocabulary shared
//! by the key tables (`keys.rs`, `keys_layers.rs`, `keys_review.rs`) and `update`, and the shape of a binding.

use glose::locale::Words;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The one table of key contexts: each variant of [`Ctx`] with whether it is a pane,
/// its name (the help popup's title), and its heading in docs/TUI.md's key tables, in
/// English and French. The order is docs/TUI.md's. A new popup adds one row here (and
/// its bindings in `keys_layers.rs`); the help, the doc tables and the tests follow from it.
macro_rules! contexts {
    ($($(#[doc = $doc:literal])* $ctx:ident, $pane:literal,
        $name_en:literal, $name_fr:literal, $doc_en:literal, $doc_fr:literal;)+) => {
        /// Where a key is pressed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Ctx {
            $($(#[doc = $doc])* $ctx,)+
        }

        impl Ctx {
            /// Every context, in the order of docs/TUI.md.
            pub const ALL: &'static [Ctx] = &[$(Ctx::$ctx),+];

            /// The context's row of the table.
            pub const fn info(self) -> CtxInfo {
                match self {
                    $(Ctx::$ctx => CtxInfo {
                        pane: $pane,
                        name: Words::new($name_en, $name_fr),
                        doc_title: Words::new($doc_en, $doc_fr),
                    },)+
                }
            }
        }
    };
}

/// What the table says of a key context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CtxInfo {
    /// One of the panes, where the global keys work too.
    pub pane: bool,
    /// The name the help popup shows (never the internal variant name).
    pub name: Words,
    /// The heading of its key table in docs/TUI.md.
    pub doc_title: Words,
}

contexts! {
    /// Everywhere outside text inputs.
    Global, true, "Everywhere", "Partout",
        "Everywhere (outside text inputs)", "Partout (hors saisie de texte)";
    /// The documents pane.
    Documents, true, "Documents", "Documents", "Documents pane", "Volet des documents";
    /// The transcript.
    Transcript, true, "Transcript", "Transcription", "Transcript", "Transcription";
    /// The codebook pane.
    Codebook, true, "Codebook", "Codes", "Codebook pane", "Volet des codes";
    /// The code picker.
    Picker, false, "Code picker", "Choix du code",
        "Code picker (type to filter)", "Choix du code (tapez pour filtrer)";
    /// The memo editor.
    Memo, false, "Memo", "Mémo",
        "Memo editor (other keys edit the text)",
        "Éditeur de mémo (les autres touches modifient le texte)";
    /// A one-line prompt (a new code's label, a rename).
    Prompt, false, "Prompt", "Saisie",
        "Prompt (a new code's label, a rename)",
        "Saisie (libellé d’un nouveau code, renommage)";
    /// The code edit form.
    CodeForm, false, "Code form", "Fiche du code",
        "Code form (after `e` in the codebook pane; other keys edit the field)",
        "Fiche du code (après `e` dans le volet des codes ; les autres touches modifient le champ)";
    /// The search results.
    Search, false, "Search", "Recherche",
        "Search results (after `/`; Enter runs the query)",
        "Résultats de recherche (après `/` ; Entrée lance la requête)";
    /// The retrieval of coded passages.
    Retrieve, false, "Retrieve", "Extraction", "Retrieve", "Extraction";
    /// The list of orphaned codings.
    Orphans, false, "Orphaned codings", "Codages orphelins",
        "Orphaned codings", "Codages orphelins";
    /// The agreement table (per code).
    ReviewTable, false, "Agreement table", "Tableau d’accord",
        "Agreement table (after `A`)", "Tableau d’accord (après `A`)";
    /// Stepping through disagreements.
    Review, false, "Reviewing disagreements", "Examen des désaccords",
        "Reviewing disagreements", "Examen des désaccords";
    /// Choosing a new span for a consensus decision (then the picker).
    ReviewEdit, false, "Editing a decision", "Modification d’une décision",
        "Editing a decision (after `e`; motions and selection keys of the transcript)",
        "Modification d’une décision (après `e` ; déplacements et sélection de la transcription)";
    /// Choosing the other coders shown beside this coder in the transcript.
    ShowCoders, false, "Other coders on screen", "Autres codeurs à l’écran",
        "Other coders on screen (after `C` in the transcript)",
        "Autres codeurs à l’écran (après `C` dans la transcription)";
    /// The preview of auto-coding search hits.
    AutoCode, false, "Auto-coding preview", "Aperçu du codage automatique",
        "Auto-coding preview (after `a` in the search results)",
        "Aperçu du codage automatique (après `a` dans les résultats de recherche)";
    /// Suggestions of a code in the open document.
    Suggest, false, "Suggestions", "Suggestions",
        "Suggestions (after `S`)", "Suggestions (après `S`)";
    /// Passages like the selection or a coding.
    Similar, false, "Similar passages", "Passages semblables",
        "Similar passages (after `~`)", "Passages semblables (après `~`)";
    /// The consistency review.
    Consistency, false, "Consistency review", "Examen de cohérence",
        "Consistency review (after `I`)", "Examen de cohérence (après `I`)";
    /// Choosing the coders (and documents) the agreement table compares.
    ReviewCoders, false, "Coders compared", "Codeurs comparés",
        "Coders compared (after `C` in the agreement table)",
        "Codeurs comparés (après `C` dans le tableau d’accord)";
    /// The memo browser.
    Memos, false, "Memos", "Mémos", "Memos (after `W`)", "Mémos (après `W`)";
}

impl Ctx {
    /// Whether the context is one of the panes, where the global keys work too; a layer
    /// (popup, list, the review) takes every key, so only its own apply.
    pub fn is_pane(self) -> bool {
        self.info().pane
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
