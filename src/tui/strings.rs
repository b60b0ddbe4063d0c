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
pub const SEARCH_HINT: &str = "Type a query and press Enter: words, \"a phrase\", -not, code:practice, stage:launch, speaker:founder";
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
    "Enter go to · j/k move · / edit · n/N next/previous hit in the transcript";
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
        Ctx::Suggest => CTX_SUGGEST,
        Ctx::Similar => CTX_SIMILAR,
        Ctx::Consistency => CTX_CONSISTENCY,
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
