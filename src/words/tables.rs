//! The headers and legends of the command line's tables for people. `--json` and CSV
//! output keep their English keys: they are read by programs.

use super::{Lang, Words, say};

/// Column: a code.
pub const CODE: Words = Words::new("code", "code");
/// Row or column of totals.
pub const TOTAL: Words = Words::new("total", "total");
/// Column of totals of a distinct count.
pub const TOTAL_DISTINCT: Words = Words::new("total (distinct)", "total (distincts)");
/// Under the co-occurrence table.
pub const COOCCURRENCE_LEGEND: Words = Words::new(
    "Cells: pairs of overlapping codings by the same coder; diagonal: segments.",
    "Cellules : paires de codages d’un même codeur qui se recouvrent ; diagonale : segments.",
);
/// Column: an id.
pub const ID: Words = Words::new("id", "id");
/// Column: the French label.
pub const LABEL_FR: Words = Words::new("label (fr)", "libellé (fr)");
/// Column: the English label.
pub const LABEL_EN: Words = Words::new("label (en)", "libellé (en)");
/// Column: a colour.
pub const COLOUR: Words = Words::new("colour", "couleur");
/// Column of the codebook's history: when.
pub const WHEN: Words = Words::new("when", "quand");
/// Column of the codebook's history: who.
pub const WHO: Words = Words::new("who", "qui");
/// Column of the codebook's history: the operation.
pub const OP: Words = Words::new("op", "op");
/// Column of the codebook's history: what changed.
pub const WHAT: Words = Words::new("what", "quoi");
/// Column of the codebook's history: why.
pub const WHY: Words = Words::new("why", "pourquoi");
/// Column: a coder.
pub const CODER: Words = Words::new("coder", "codeur");
/// Column of `reanchor`: codings left where they were.
pub const UNCHANGED: Words = Words::new("unchanged", "inchangés");
/// Column of `reanchor`: found again exactly.
pub const EXACT: Words = Words::new("exact", "exacts");
/// Column of `reanchor`: moved with their text.
pub const MOVED: Words = Words::new("moved", "déplacés");
/// Column of `reanchor`: found again approximately.
pub const FUZZY: Words = Words::new("fuzzy", "approchés");
/// Column of `reanchor`: not found again.
pub const ORPHANED: Words = Words::new("orphaned", "orphelins");
/// What a memo is about: a document.
pub const DOCUMENT: Words = Words::new("document", "document");

/// Every fixed word of the tables (for the test that each has both languages).
pub const ALL: &[Words] = &[
    CODE,
    TOTAL,
    TOTAL_DISTINCT,
    COOCCURRENCE_LEGEND,
    ID,
    LABEL_FR,
    LABEL_EN,
    COLOUR,
    WHEN,
    WHO,
    OP,
    WHAT,
    WHY,
    CODER,
    UNCHANGED,
    EXACT,
    MOVED,
    FUZZY,
    ORPHANED,
    DOCUMENT,
];

/// A table's header row in `lang`.
pub fn header(lang: Lang, words: &[Words]) -> Vec<&'static str> {
    words.iter().map(|w| w.get(lang)).collect()
}

/// What a coding's memo is about, in `memo list`.
pub fn memo_on_coding(lang: Lang, id: &str, code: &str, doc: &str, quote: &str) -> String {
    say(
        lang,
        || format!("coding {id} ({code} on {doc}: «{quote}»)"),
        || format!("codage {id} ({code} sur {doc} : «{quote}»)"),
    )
}
