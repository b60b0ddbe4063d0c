//! The words the TUI shows, in one place (so a French interface is one file away):
//! pane and popup titles, status words and messages, then the layers' words grouped by
//! popup. A translation is a second set of these constants (or a table keyed by them)
//! chosen by the interface language.

/// Pane title: documents.
pub const DOCUMENTS: &str = "Documents";
/// Pane title: codebook.
pub const CODEBOOK: &str = "Codebook";
/// Pane title: code details.
pub const DEFINITION: &str = "Definition";
/// Details heading.
pub const WHEN_TO_USE: &str = "When to use";
/// Details heading.
pub const WHEN_NOT_TO_USE: &str = "When not to use";
/// Details heading.
pub const EXAMPLE: &str = "Example";
/// Shown when no document is open.
pub const NO_DOCUMENT: &str = "No document open: pick one in the documents pane (Enter).";
/// Save state: every change is on disk.
pub const SAVED: &str = "saved";
/// Save state: a change is being written.
pub const SAVING: &str = "saving…";
/// Save state: the last save failed, so the last change is not on disk.
pub const NOT_SAVED: &str = "NOT SAVED";
/// Save state: the coder file is locked or unreadable.
pub const READ_ONLY: &str = "read-only";
/// Message when an edit needs a selection.
pub const NEED_SELECTION: &str = "select a passage first: v to start, s sentence, t turn";
/// Message when an edit needs a coding under the cursor.
pub const NO_CODING_HERE: &str = "no coding under the cursor (] and [ move between codings)";
/// Message when an undo would overwrite a newer version.
pub const NOT_UNDONE: &str = "not undone (a newer version is on disk)";
/// Message when a redo would overwrite a newer version.
pub const NOT_REDONE: &str = "not redone (a newer version is on disk)";
/// Message when nothing is to undo.
pub const NOTHING_TO_UNDO: &str = "nothing to undo";
/// Message when nothing is to redo.
pub const NOTHING_TO_REDO: &str = "nothing to redo";
/// Picker title.
pub const PICK_CODE: &str = "Code (type to filter: label or id; Enter applies)";
/// Picker title when changing a coding's code.
pub const CHANGE_CODE: &str = "Change the code to";
/// Picker title when choosing a code to retrieve.
pub const RETRIEVE_CODE: &str = "Retrieve the passages of";
/// Jump-to-document title.
pub const JUMP_DOC: &str = "Jump to document";
/// Memo editor title.
pub const MEMO: &str = "Memo";
/// Memo editor hint.
pub const MEMO_HINT: &str = " Esc/Ctrl-s save · Ctrl-g discard ";
/// Search title.
pub const SEARCH: &str = "Search";
/// Search hint before any query.
pub const SEARCH_HINT: &str =
    "Type a query and press Enter: words, \"a phrase\", -not, code:…, stage:…, role:respondent";
/// Retrieve title.
pub const RETRIEVE: &str = "Retrieve";
/// Orphans title.
pub const ORPHANS: &str = "Orphaned codings (their text changed; select a new span and press a)";
/// Help title.
pub const HELP: &str = "Keys";
/// Filter prompt.
pub const FILTER: &str = "filter: ";
/// Picker title when choosing the code of an edited consensus decision.
pub const CONSENSUS_CODE: &str = "Consensus: code the selected span as";
/// Agreement view title.
pub const AGREEMENT: &str = "Agreement";
/// Title of the review's coder popup.
pub const CHOOSE_CODERS: &str = "Compare which coders, on which documents";
/// Shown while the agreement is computed.
pub const COMPUTING: &str = "computing agreement…";
/// The table's column heads.
pub const TABLE_HEAD: [&str; 7] = [
    "code", "units", "alpha", "kappa", "% agr.", "disagr.", "settled",
];
/// The pooled line's name.
pub const ALL_CODES: &str = "all codes";

// The layers' words (tui/layers/), one group per popup.

/// Help: its own keys.
pub const HELP_KEYS: &str = "j/k scroll, any key closes";
/// Memo: Esc pressed.
pub const MEMO_DISCARDED: &str = "memo discarded";
/// Orphans: the scan is running.
pub const LOOKING: &str = "looking…";
/// Orphans: none found.
pub const NO_ORPHANS: &str = "no orphaned codings";
/// Retrieve: the group of passages without a stage.
pub const NO_STAGE: &str = "(no stage)";
/// Retrieve: no filter.
pub const NONE: &str = "(none)";
/// Retrieve: grouping.
pub const BY_STAGE: &str = "by stage";
/// Retrieve: grouping.
pub const BY_DOCUMENT: &str = "by document";
/// Retrieve: nothing coded.
pub const NO_PASSAGES: &str = "no coded passages";
/// Retrieve: after a count.
pub const PASSAGES: &str = "passages";
/// Retrieve: the current coder, after their name.
pub const ME: &str = "me";
/// Retrieve: everybody's codings.
pub const ALL_CODERS: &str = "all coders";
/// Search: after a count.
pub const HITS: &str = "hits";
/// Search: a query is running.
pub const SEARCHING: &str = "searching…";
/// Search: the keys of the results list.
pub const SEARCH_KEYS: &str =
    "Enter go to · j/k move · / edit · a auto-code · x mark · n/N next/previous hit · ? keys";
/// Review coders: after a coder's name.
pub const HAS_NO_CODINGS: &str = "has no codings";
/// Review coders: a greyed coder.
pub const NO_CODINGS: &str = "no codings";
/// Review coders: after a count.
pub const CODINGS: &str = "codings";
/// Review coders: the default document scope.
pub const SCOPE_COMMON: &str = "all documents coded by every chosen coder";
/// Review coders: the open document only.
pub const SCOPE_CURRENT: &str = "this document only";
/// Review coders: no document is open.
pub const NONE_OPEN: &str = "none open";
/// Review coders: the current scope needs an open document.
pub const NO_DOCUMENT_OPEN: &str = "no document is open";
/// Review coders: fewer than two chosen.
pub const AT_LEAST_TWO_CODERS: &str = "choose at least two coders";
/// Review coders: Esc pressed.
pub const CODERS_UNCHANGED: &str = "coders unchanged";
/// Review coders: the popup's keys.
pub const CHOOSER_KEYS: &str = " space toggles · ↑↓ move · Enter applies · Esc cancels";

// The panes' messages (update.rs, edit.rs, search.rs).

/// The orphan scan found nothing.
pub const NO_ORPHANS_FOUND: &str = "no orphaned codings: every coding found its text";
/// ] or [ found no coding further.
pub const NO_MORE_CODINGS: &str = "no more codings this way";
/// Esc while placing.
pub const PLACING_CANCELLED: &str = "placing cancelled";
/// A coding was placed again.
pub const PLACED: &str = "placed the coding on its new span";
/// Before what was undone.
pub const UNDID: &str = "undid";
/// Before what was redone.
pub const REDID: &str = "redid";
/// Memo title: on a document.
pub const ON_DOCUMENT: &str = "on document";
/// Memo title: on a code.
pub const ON_CODE: &str = "on code";
/// The memo was saved unchanged.
pub const MEMO_UNCHANGED: &str = "memo unchanged";
/// The index could not be opened.
pub const SEARCH_UNAVAILABLE: &str = "search is not available";
/// n / N with no hits.
pub const NO_HITS: &str = "no search hits: / to search";

/// A signal ends the TUI.
pub fn signal_quit(n: i32) -> String {
    format!("signal {n}: saving and quitting")
}

/// Placing an orphaned coding again.
pub fn placing(code: &str, quote: &str) -> String {
    format!("placing {code} «{quote}»: select its new span, then press a (Esc cancels)")
}

/// A recent-code key with no code yet.
pub fn no_recent(n: u8) -> String {
    format!("no recent code {n} yet")
}

/// A code id not in the codebook.
pub fn unknown_code(code: &str) -> String {
    format!("unknown code {code}")
}

/// Re-spanning a coding of another document.
pub fn belongs_to(doc: &str) -> String {
    format!("that coding belongs to {doc}: open it first")
}

/// The name of a key context, as the help popup's title shows it (never the internal
/// variant name).
pub fn context_name(ctx: super::actions::Ctx) -> &'static str {
    use super::actions::Ctx;
    match ctx {
        Ctx::Global => "Everywhere",
        Ctx::Documents => "Documents",
        Ctx::Transcript => "Transcript",
        Ctx::Codebook => "Codebook",
        Ctx::Picker => "Code picker",
        Ctx::Memo => "Memo",
        Ctx::Prompt => "Prompt",
        Ctx::CodeForm => "Code form",
        Ctx::Search => "Search",
        Ctx::Retrieve => "Retrieve",
        Ctx::Orphans => "Orphaned codings",
        Ctx::ReviewTable => "Agreement table",
        Ctx::Review => "Reviewing disagreements",
        Ctx::ReviewEdit => "Editing a decision",
        Ctx::AutoCode => "Auto-coding preview",
    }
}
/// Message when a recording starts playing.
pub const PLAYING: &str = "playing";
/// The parent choice meaning "no parent".
pub const TOP_LEVEL: &str = "(top level: a new group)";
/// Picker title when choosing the parent of a new code.
pub const PICK_PARENT: &str = "Put the new code under";
/// Picker title when moving a code.
pub const MOVE_UNDER: &str = "Move the code under";
/// Picker title when merging a code.
pub const MERGE_INTO: &str = "Merge the code into (its codings follow)";
/// The picker's create row.
pub const CREATE: &str = "create";
/// Picker title when splitting passages off a code.
pub const SPLIT_INTO: &str = "Move the passages to (a new or existing code)";
/// Hint under the one-line prompt (a new code's label, a rename).
pub const PROMPT_HINT: &str = " Enter do it · Esc cancel ";
/// Hint under the code form.
pub const FORM_HINT: &str = " Tab next field · Esc/Ctrl-s save · Ctrl-g discard ";

// The segments reader (layers/retrieve.rs, reading.rs).

/// Reader: before the grouping's name.
pub const BY: &str = "by";
/// Reader: the sentences of context.
pub const CONTEXT: &str = "context";
/// Reader: S with nothing to split.
pub const NOTHING_TO_SPLIT: &str = "no passage to split: mark some with x";

/// Reader: recoding or a memo on another coder's passage.
pub fn not_yours(coder: &str) -> String {
    format!("that passage is {coder}'s: only your own codings can be changed here")
}

/// Reader: an export was written.
pub fn exported(n: usize, path: &str) -> String {
    format!("exported {n} passage(s) to {path}")
}

/// Reader: real names remain in an export.
pub fn export_leaks(names: usize) -> String {
    format!("; warning: {names} real name(s) of pseudonyms.csv still appear in it")
}

// Auto-coding from the search (layers/autocode.rs, search.rs).

/// Picker title when choosing the code of an auto-coding.
pub const AUTOCODE_CODE: &str = "Auto-code the hits with";
/// Auto-coding: Esc pressed.
pub const AUTOCODE_CANCELLED: &str = "auto-coding cancelled: nothing changed";
/// Auto-coding: the preview's keys.
pub const AUTOCODE_KEYS: &str =
    " Enter codes them all (one undo) · u unit · j/k scroll · Esc cancel ";
/// Auto-coding: before the unit's name.
pub const UNIT: &str = "unit:";
/// Auto-coding: no hits to code.
pub const NO_HITS_TO_CODE: &str = "no hits to code: run a search first";

/// Auto-coding: the preview's title.
pub fn autocode_title(n: usize, code: &str, skipped: usize) -> String {
    format!("Auto-code {n} passage(s) with {code} · {skipped} already coded, skipped")
}

/// Auto-coding: nothing left to code.
pub fn nothing_to_autocode(code: &str, skipped: usize) -> String {
    format!("nothing to code: the {skipped} passage(s) are already coded with {code}")
}

/// Auto-coding: what the one undoable change is called.
pub fn auto_coded(n: usize, code: &str) -> String {
    format!("auto-coded {n} passages with {code}")
}

// The search popup (layers/search.rs, search.rs).

/// Search: the hint before any query, with filters from the study's own data.
pub fn search_hint(examples: &[String]) -> String {
    format!(
        "Type a query and press Enter: words, \"a phrase\", -not, {}",
        examples.join(", ")
    )
}
