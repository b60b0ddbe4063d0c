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
        Ctx::ShowCoders => "Other coders on screen",
        Ctx::AutoCode => "Auto-coding preview",
        Ctx::Suggest => CTX_SUGGEST,
        Ctx::Similar => CTX_SIMILAR,
        Ctx::Consistency => CTX_CONSISTENCY,
        Ctx::ReviewCoders => "Coders compared",
        Ctx::Memos => MEMOS,
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

// The review (agreement table, disagreements, decisions on the consensus file).

/// An edit's file cannot be opened for an undo or redo.
pub fn file_closed(coder: &str) -> String {
    format!("the {coder} file is not open")
}
/// A file open read-only (`coder`: whose, `None` for this coder's).
pub fn read_only(coder: Option<&str>, why: &str) -> String {
    match coder {
        Some(c) => format!("{c} is read-only: {why}"),
        None => format!("read-only: {why}"),
    }
}
/// The stepping header's mark of a read-only consensus file.
pub fn consensus_read_only_mark(why: &str) -> String {
    format!(" consensus read-only: {why}")
}
/// A writer thread stopped (`coder`: whose file, `None` for this coder's).
pub fn writer_stopped(coder: Option<&str>) -> String {
    match coder {
        Some(c) => format!("the {c} writer stopped: changes can no longer be saved"),
        None => "the writer stopped: changes can no longer be saved".to_string(),
    }
}
/// The table is not there yet.
pub const STILL_COMPUTING: &str = "the table is still being computed";
/// No disagreement under the selected row.
pub const NO_DISAGREEMENT_HERE: &str = "no disagreement to review here";
/// Stepping hits the first or last disagreement.
pub const NO_MORE_DISAGREEMENTS: &str = "no more disagreements this way";
/// A decision cannot be edited: the consensus file is read-only.
pub const CONSENSUS_READ_ONLY: &str = "consensus is read-only: decisions cannot be saved";
/// The review is needed and not open.
pub const REVIEW_NOT_OPEN: &str = "the review is not open";
/// Editing a decision starts.
pub const EDIT_HINT: &str =
    "edit: adjust the span (v, s, t, motions), then c picks its code; Esc cancels";
/// Editing a decision was cancelled.
pub const EDIT_CANCELLED: &str = "edit cancelled";
/// The coder popup's hint.
pub const CHOOSER_HINT: &str = "space toggles, Enter applies, Esc cancels";
/// The table is being computed.
pub const COMPUTING_AGREEMENT: &str = "computing agreement…";
/// Stepping starts: how far, and the decision keys.
pub fn stepping_hint(settled: usize, total: usize) -> String {
    format!("{settled}/{total} settled: 1-9 take a coder's version, b both, 0 none, e edit")
}
/// `Take(n)` with fewer coders.
pub fn no_coder_here(n: u8) -> String {
    format!("there is no coder {n} here")
}
/// The consensus file is locked by another glose.
pub fn consensus_read_only(why: &str) -> String {
    format!("consensus is read-only: {why}")
}
/// A decision could not be saved.
pub fn consensus_not_saved(why: &str) -> String {
    format!("consensus NOT SAVED: {why}")
}
/// The table arrived.
pub fn agreement_computed(settled: usize, total: usize) -> String {
    format!("agreement computed: {settled}/{total} disagreements settled")
}
/// The new choice of coders failed; the previous table stays.
pub fn kept_previous_coders(why: &str) -> String {
    format!("kept the previous coders: {why}")
}

// The review's key help (tui/keys_review.rs).

/// Table: the previous code.
pub const REVIEW_KEY_PREV_CODE: &str = "previous code";
/// Table: the next code.
pub const REVIEW_KEY_NEXT_CODE: &str = "next code";
/// Table: a page up.
pub const REVIEW_KEY_PAGE_UP: &str = "page up";
/// Table: a page down.
pub const REVIEW_KEY_PAGE_DOWN: &str = "page down";
/// Table: the first row.
pub const REVIEW_KEY_FIRST_CODE: &str = "first code (the worst)";
/// Table: the pooled line.
pub const REVIEW_KEY_ALL_CODES: &str = "all codes (the pooled line)";
/// Table: step through the row's disagreements.
pub const REVIEW_KEY_STEP: &str =
    "step through this code's disagreements (all codes on the pooled line)";
/// Table: the coder popup.
pub const REVIEW_KEY_CHOOSE_CODERS: &str = "choose the compared coders and documents";
/// Undo in the review (one history with the coder's edits).
pub const REVIEW_KEY_UNDO: &str = "undo the last change (a decision, or a coding made before)";
/// Redo in the review.
pub const REVIEW_KEY_REDO: &str = "redo the last undone change";
/// Table: close the review.
pub const REVIEW_KEY_CLOSE: &str = "close the agreement view";
/// Stepping: the next disagreement.
pub const REVIEW_KEY_NEXT_DISAGREEMENT: &str = "next disagreement";
/// Stepping: the previous disagreement.
pub const REVIEW_KEY_PREV_DISAGREEMENT: &str = "previous disagreement";
/// Stepping: take a coder's version.
pub const REVIEW_KEY_TAKE: &str =
    "take coder 1's version (2-9: coder 2-9); settles every disagreement its codings cover";
/// Stepping: keep every version.
pub const REVIEW_KEY_BOTH: &str =
    "keep both (every coder's) versions; settles every disagreement they cover";
/// Stepping: the code does not apply.
pub const REVIEW_KEY_NONE: &str = "none: the code does not apply";
/// Stepping: edit the decision.
pub const REVIEW_KEY_EDIT: &str = "edit: select a new span, then pick its code";
/// Stepping: scroll up.
pub const REVIEW_KEY_SCROLL_UP: &str = "scroll up";
/// Stepping: scroll down.
pub const REVIEW_KEY_SCROLL_DOWN: &str = "scroll down";
/// Stepping: back to the table.
pub const REVIEW_KEY_BACK_TO_TABLE: &str = "back to the table (it is recomputed)";
/// Editing: pick the span's code.
pub const REVIEW_KEY_PICK_CODE: &str = "pick the code of the selected span (confirms the decision; settles every disagreement it covers)";
/// Editing: cancel.
pub const REVIEW_KEY_CANCEL_EDIT: &str = "cancel the edit";

// Other coders on screen, continuity, duplicate spans (#18, team).

/// Title of the chooser of the coders shown beside yours.
pub const SHOW_CODERS: &str = "Show other coders' codings beside yours";
/// The chooser's keys.
pub const SHOW_CODERS_KEYS: &str = " space shows/hides · a all/none · Enter applies · Esc cancels";
/// No other coder has codings.
pub const NO_OTHER_CODERS: &str = "no other coder has codings in this study";
/// The other coders' codings are still being read.
pub const OTHERS_STILL_READING: &str =
    "the other coders' codings are still being read: try again in a moment";
/// The chooser was cancelled.
pub const SHOWN_UNCHANGED: &str = "shown coders unchanged";
/// Only this coder's codings are drawn.
pub const SHOWING_ONLY_YOURS: &str = "showing only your codings";
/// The transcript's legend, before the shown coders.
pub const ALSO_SHOWN: &str = "also";
/// D with no duplicate spans under the cursor.
pub const NO_DUPLICATES_HERE: &str =
    "no overlapping codings of one code here (D merges them when there are)";
/// The transcript's foot, before the recent codes.
pub const RECENT: &str = "recent";
/// Read-only: the coder's own file as it is on disk.
pub const READ_ONLY_SHOWN: &str =
    "your codings are shown as they are on disk; changes are not saved";

/// The continuity state could not be written.
pub const STATE_NOT_SAVED: &str = "where you are could not be kept for next time";

/// The shown coders changed.
pub fn showing(legend: &str) -> String {
    format!("showing beside yours (read-only): {legend}")
}

/// Duplicate spans were merged.
pub fn merged(n: usize, label: &str) -> String {
    format!("merged {n} overlapping codings of «{label}» into one")
}

/// A coding overlaps another of the same code by the same coder.
pub fn duplicate_warning(label: &str, n: usize) -> String {
    format!(
        "warning: {n} of your codings of «{label}» overlap here (exports count the passage twice): D merges them"
    )
}

/// The coding removed by d, and how many others are still under the cursor.
pub fn removed(label: &str, id: &str, others: usize) -> String {
    if others == 0 {
        format!("removed «{label}» ({id})")
    } else {
        format!(
            "removed «{label}» ({id}); {others} other coding(s) here: ] [ focus one, d removes it"
        )
    }
}

/// The place the coder left is gone from the study.
pub fn left_doc_gone(doc: &str) -> String {
    format!("the document you left ({doc}) is no longer in the study")
}

/// A click on another coder's stripe names their coding (read-only).
pub fn theirs(letter: char, coder: &str, label: &str, quote: &str) -> String {
    format!("{letter} {coder}: «{label}» on «{quote}» (read-only)")
}

// The review's messages and drawing words.

/// No disagreement is open.
pub const NO_DISAGREEMENT: &str = "no disagreement under review";
/// Every disagreement stepped through is settled.
pub const ALL_SETTLED: &str = " · every disagreement here is settled";
/// The history's name of a decision taking every version.
pub const AS_EVERY_VERSION: &str = "every version";
/// The history's name of a decision that the code does not apply.
pub const AS_NOT_APPLYING: &str = "not applying";
/// Status: every version kept.
pub const KEPT_EVERY_VERSION: &str = "kept every version";
/// Status: the code does not apply.
pub const DOES_NOT_APPLY: &str = "the code does not apply";
/// The header's mark of a settled disagreement.
pub const IS_SETTLED: &str = "· settled ✓";
/// The header's mark of an unsettled disagreement.
pub const NOT_SETTLED: &str = "· not settled";
/// The consensus file and lane.
pub const CONSENSUS: &str = "consensus";
/// A coder who did not code the document.
pub const DID_NOT_CODE: &str = "did not code the document";
/// A coder who coded nothing on the disagreement.
pub const CODED_NOTHING: &str = "nothing";
/// The header while editing a decision.
pub const EDIT_BANNER: &str = "  EDIT: select the span, c picks its code, Esc cancels";
/// A disagreement's document is not loaded.
pub fn doc_not_loaded(doc: &str) -> String {
    format!("document {doc} is not loaded")
}
/// A decision settled more than its own disagreement.
pub fn settled_at_once(n: usize) -> String {
    format!(" · settled {n} disagreements at once")
}
/// How many of the disagreements stepped through are settled.
pub fn progress(settled: usize, total: usize) -> String {
    format!(" · {settled}/{total} settled")
}
/// A decision's name in the history (`settled role in E01 as coder-a's version`).
pub fn settled_in(code: &str, doc: &str, how: &str) -> String {
    format!("settled {code} in {doc} as {how}")
}
/// The history's name of a decision taking a coder's version.
pub fn as_coders_version(coder: &str) -> String {
    format!("{coder}'s version")
}
/// The history's name of an edited decision.
pub fn as_custom(code: &str, start: usize, end: usize) -> String {
    format!("{code} on {start}..{end}")
}
/// Status: a coder's version taken.
pub fn took_version(coder: &str) -> String {
    format!("took {coder}'s version")
}
/// Status: an edited decision.
pub fn coded_as(code: &str, start: usize, end: usize) -> String {
    format!("coded {start}..{end} as {code}")
}
/// The table's header: the coders the default left out.
pub fn left_out(coders: &str) -> String {
    format!(" · left out: {coders} (C chooses)")
}
/// The stepping view's title.
pub fn review_title(what: &str, settled: usize, total: usize) -> String {
    format!(" Review · {what} · {settled}/{total} settled ")
}
/// Where one is in the disagreements.
pub fn disagreement_of(pos: usize, total: usize) -> String {
    format!(" Disagreement {pos} of {total} ")
}

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

// The assistants (#21): suggestions, similar passages, the consistency review
// (layers/suggest.rs, layers/similar.rs, layers/consistency.rs, tui/assist.rs).

/// Progress label while the passages are cut and analysed.
pub const PREPARING_ASSISTANTS: &str = "preparing the assistants";
/// Progress label while the assistant thread works.
pub const ASSISTANT_WORKING: &str = "assistant working";
/// Picker title when choosing the code to suggest.
pub const SUGGEST_CODE: &str = "Suggest passages of this document for";
/// Suggestions: the list is being computed.
pub const LEARNING: &str = "learning from your codings…";
/// Suggestions: none left.
pub const NO_SUGGESTIONS: &str = "no more suggestions in this document";
/// Suggestions: the keys.
pub const SUGGEST_KEYS: &str = " a accept · x reject · j/k next/previous · Enter go there (; back) · p other code · Esc close ";
/// Similar: the list is being computed.
pub const FINDING: &str = "finding similar passages…";
/// Similar: nothing shares a word.
pub const NO_SIMILAR: &str = "no passage shares a word with this one";
/// Similar: the keys.
pub const SIMILAR_KEYS: &str = " Enter go there (; back) · j/k move · f filter · Esc close ";
/// Similar: the filter, every passage.
pub const SCOPE_ANY: &str = "all passages";
/// Similar: the filter, uncoded passages.
pub const SCOPE_UNCODED: &str = "uncoded passages";
/// Similar: the filter, passages I coded.
pub const SCOPE_MINE: &str = "passages I coded";
/// Similar: no source.
pub const NEED_SOURCE: &str =
    "select a passage or put the cursor on a coding first: similar passages are looked for from it";
/// Consistency: being computed.
pub const CHECKING: &str = "checking your codings (one model per coding: this takes a while)…";
/// Consistency: section heading.
pub const PAIRS_HEADING: &str = "Nearly identical passages you coded differently";
/// Consistency: section heading.
pub const OUTLIERS_HEADING: &str = "Likely miscodings (least like the rest of their code first)";
/// Consistency: nothing to review.
pub const CONSISTENT: &str = "nothing to review: no near-identical passages coded differently, no code with enough codings to check";
/// Consistency: the keys.
pub const CONSISTENCY_KEYS: &str =
    " Enter go there (; back) · r recode · y keep · m memo · j/k move · Esc close ";
/// Consistency: an item kept as it is.
pub const KEPT: &str = "kept";
/// Consistency: an item sent to the picker.
pub const RECODED: &str = "recode";
/// Consistency: an item given a memo.
pub const MEMO_WRITTEN: &str = "memo";
/// Consistency: uncoded side of a pair.
pub const UNCODED: &str = "(not coded)";
/// Consistency: several codings cover the passage.
pub const SEVERAL_CODINGS: &str =
    "several of your codings cover this passage: go there (Enter) and press r on the one to change";
/// `;` with no list put aside.
pub const NO_LIST_ASIDE: &str =
    "no list to go back to (S suggestions, ~ similar passages, I consistency)";
/// The label of an assistant's context (help title).
pub const CTX_SUGGEST: &str = "Suggestions";
/// The label of an assistant's context (help title).
pub const CTX_SIMILAR: &str = "Similar passages";
/// The label of an assistant's context (help title).
pub const CTX_CONSISTENCY: &str = "Consistency review";

/// Suggestions: the list's heading.
pub fn suggest_heading(label: &str, doc: &str) -> String {
    format!("Suggestions: {label} in {doc}")
}

/// Suggestions: what the model learned from and how often it is right.
pub fn suggest_receipt(
    positives: usize,
    unit: &str,
    precision: Option<f64>,
    rejected: usize,
) -> String {
    let measured = precision.map_or(String::new(), |p| {
        format!(
            ", right {:.0}% of the time at R (measured on your other interviews)",
            p * 100.0
        )
    });
    let before = if rejected > 0 {
        format!(", {rejected} rejected before")
    } else {
        String::new()
    };
    format!("learned from your {positives} coded {unit}s{measured}{before}")
}

/// Suggestions: why a passage is suggested.
pub fn suggest_why(words: &[String], nearest: Option<(&str, &str)>) -> String {
    let words = if words.is_empty() {
        "no word weighs for it".to_string()
    } else {
        format!("words: {}", words.join(", "))
    };
    match nearest {
        Some((doc, quote)) => format!("{words} · like your coding in {doc} «{quote}»"),
        None => words,
    }
}

/// Similar: the list's heading.
pub fn similar_heading(doc: &str, quote: &str, scope: &str) -> String {
    format!("Like {doc} «{quote}» ({scope})")
}

/// Suggestions or similar: after a list.
pub fn rejected_note(code: &str) -> String {
    format!("rejected: not proposed again for {code}")
}

/// Consistency: what the review lists.
pub fn consistency_legend(pairs: usize, outliers: usize) -> String {
    format!(
        "{PAIRS_HEADING}: {pairs} pair(s), rows «n a/b similarity»; \
         {OUTLIERS_HEADING}: {outliers}, rows «! the model's score»"
    )
}

/// The assistant thread stopped.
pub const ASSISTANT_GONE: &str = "the assistant thread stopped: try again";

// The review's coder chooser: key help.
/// Key help: previous row.
pub const REVIEW_CODERS_KEY_UP: &str = "previous coder or scope";
/// Key help: next row.
pub const REVIEW_CODERS_KEY_DOWN: &str = "next coder or scope";
/// Key help: toggle.
pub const REVIEW_CODERS_KEY_TOGGLE: &str = "compare this coder or not / choose this scope";
/// Key help: apply.
pub const REVIEW_CODERS_KEY_APPLY: &str = "compute the table for these coders";
/// Key help: help.
pub const REVIEW_CODERS_KEY_HELP: &str = "show these keys";
/// Key help: cancel.
pub const REVIEW_CODERS_KEY_CANCEL: &str = "cancel: the table stays as it is";

// The memo browser (#18).
/// Title of the memo browser.
pub const MEMOS: &str = "Memos";
/// No memo is kept by the filters.
pub const NO_MEMOS: &str = "no memo here (change the search or the filters)";
/// The filter line: a filter not set.
pub const MEMOS_ANY: &str = "all";
/// The filter line: documents.
pub const MEMOS_DOC: &str = "document";
/// The filter line: codes.
pub const MEMOS_CODE: &str = "code";
/// The filter line: coders.
pub const MEMOS_CODER: &str = "coder";
/// The keys shown under the filters.
pub const MEMOS_KEYS: &str =
    "/ search · d document · t code · c coder · Enter go · e edit · ? keys · Esc close";
/// A memo about a document.
pub const MEMO_ON_DOCUMENT: &str = "on the document";
/// A memo about a code.
pub const MEMO_ON_CODE: &str = "on the code";
/// Another coder's memo cannot be edited here.
pub const MEMO_READ_ONLY: &str = "another coder's memo: read-only";
/// Key help: previous memo.
pub const MEMOS_KEY_UP: &str = "previous memo";
/// Key help: next memo.
pub const MEMOS_KEY_DOWN: &str = "next memo";
/// Key help: go.
pub const MEMOS_KEY_OPEN: &str =
    "go to the memo's passage or document (; comes back), or to its code";
/// Key help: edit.
pub const MEMOS_KEY_EDIT: &str = "edit the memo (yours)";
/// Key help: search.
pub const MEMOS_KEY_SEARCH: &str = "search the memos' text (accents do not matter)";
/// Key help: document filter.
pub const MEMOS_KEY_DOC: &str = "only the memos of the next document (then all)";
/// Key help: code filter.
pub const MEMOS_KEY_CODE: &str = "only the memos of the next code and its sub-codes (then all)";
/// Key help: coder filter.
pub const MEMOS_KEY_CODER: &str = "only the memos of the next coder (then all)";
/// Key help: open the browser.
pub const MEMOS_KEY_BROWSE: &str = "memos: browse and search every memo";
/// Key help: help.
pub const MEMOS_KEY_HELP: &str = "show these keys";
/// Key help: close.
pub const MEMOS_KEY_CLOSE: &str = "close";

/// The mark beside a document with memos and beside a coding with a memo.
pub const MEMO_MARK: &str = "✎";

/// The memo browser's title: how many memos are shown of how many.
pub fn memos_title(shown: usize, total: usize) -> String {
    format!(" {MEMOS} · {shown}/{total} ")
}

// The segments reader on a search's hits (#18).
/// The reader on a search: whose passages.
pub const SEARCH_HITS: &str = "search hits";
/// A reader key that acts on codings, pressed on search hits.
pub const NOT_FOR_HITS: &str = "search hits are not codings: r codes one, Enter goes there";
/// `R` in the search results with no hits.
pub const NO_HITS_TO_READ: &str = "no hits to read: run a search first";
/// Key help: read the hits in full.
pub const SEARCH_KEY_READ: &str =
    "read the hits (or the marked ones) in full with context, in the segments reader";

// Readings and plans computed off the UI thread (#18).
/// A reading or a plan is being computed.
pub const COMPUTING_OFF_THREAD: &str = "computing…";
