//! The segments reader, auto-coding and the search popup, the memo browser, and the
//! work done off the UI thread for them (#18).

#[allow(unused_imports)]
use super::*;

// The segments reader (layers/retrieve.rs, reading.rs).

/// Reader: before the grouping's name.
pub const BY: Ui = Ui::new("by", "par");
/// Reader: the sentences of context.
pub const CONTEXT: Ui = Ui::new("context", "contexte");
/// Reader: S with nothing to split.
pub const NOTHING_TO_SPLIT: Ui = Ui::new(
    "no passage to split: mark some with x",
    "aucun passage à séparer : marquez-en avec x",
);

/// Reader: recoding or a memo on another coder's passage.
pub fn not_yours(coder: &str) -> String {
    say(
        || format!("that passage is {coder}'s: only your own codings can be changed here"),
        || {
            format!(
                "ce passage est celui de {coder} : seuls vos propres codages peuvent être modifiés ici"
            )
        },
    )
}

/// Reader: an export was written.
pub fn exported(n: usize, path: &str) -> String {
    say(
        || format!("exported {n} passage(s) to {path}"),
        || format!("{n} passage(s) exporté(s) vers {path}"),
    )
}

/// Reader: real names remain in an export.
pub fn export_leaks(names: usize) -> String {
    say(
        || format!("; warning: {names} real name(s) of pseudonyms.csv still appear in it"),
        || format!(" ; attention : {names} vrai(s) nom(s) de pseudonyms.csv y figure(nt) encore"),
    )
}

// Auto-coding from the search (layers/autocode.rs, search.rs).

/// Picker title when choosing the code of an auto-coding.
pub const AUTOCODE_CODE: Ui = Ui::new(
    "Auto-code the hits with",
    "Coder automatiquement les résultats avec",
);
/// Auto-coding: Esc pressed.
pub const AUTOCODE_CANCELLED: Ui = Ui::new(
    "auto-coding cancelled: nothing changed",
    "codage automatique annulé : rien n’a changé",
);
/// Auto-coding: the preview's keys.
pub const AUTOCODE_KEYS: Ui = Ui::new(
    " Enter codes them all (one undo) · u unit · j/k scroll · Esc cancel ",
    " Entrée les code tous (une seule annulation) · u unité · j/k défiler · Échap annule ",
);
/// Auto-coding: before the unit's name.
pub const UNIT: Ui = Ui::new("unit:", "unité :");
/// Auto-coding: no hits to code.
pub const NO_HITS_TO_CODE: Ui = Ui::new(
    "no hits to code: run a search first",
    "aucun résultat à coder : lancez d’abord une recherche",
);

/// Auto-coding: the preview's title.
pub fn autocode_title(n: usize, code: &str, skipped: usize) -> String {
    say(
        || format!("Auto-code {n} passage(s) with {code} · {skipped} already coded, skipped"),
        || {
            format!(
                "Coder automatiquement {n} passage(s) avec {code} · {skipped} déjà codé(s), ignoré(s)"
            )
        },
    )
}

/// Auto-coding: nothing left to code.
pub fn nothing_to_autocode(code: &str, skipped: usize) -> String {
    say(
        || format!("nothing to code: the {skipped} passage(s) are already coded with {code}"),
        || format!("rien à coder : les {skipped} passage(s) sont déjà codés avec {code}"),
    )
}

/// Auto-coding: what the one undoable change is called.
pub fn auto_coded(n: usize, code: &str) -> String {
    say(
        || format!("auto-coded {n} passages with {code}"),
        || format!("{n} passages codés automatiquement avec {code}"),
    )
}

// The search popup (layers/search.rs, search.rs).

/// Search: the hint before any query, with filters from the study's own data.
pub fn search_hint(examples: &[String]) -> String {
    let examples = examples.join(", ");
    say(
        || format!("Type a query and press Enter: words, \"a phrase\", -not, {examples}"),
        || format!("Tapez une requête puis Entrée : mots, \"une expression\", -exclu, {examples}"),
    )
}

// The memo browser (#18).
/// Title of the memo browser.
pub const MEMOS: Ui = Ui(super::super::actions::Ctx::Memos.info().name);
/// No memo is kept by the filters.
pub const NO_MEMOS: Ui = Ui::new(
    "no memo here (change the search or the filters)",
    "aucun mémo ici (changez la recherche ou les filtres)",
);
/// The filter line: a filter not set.
pub const MEMOS_ANY: Ui = Ui::new("all", "tous");
/// The filter line: documents.
pub const MEMOS_DOC: Ui = Ui::new("document", "document");
/// The filter line: codes.
pub const MEMOS_CODE: Ui = Ui::new("code", "code");
/// The filter line: coders.
pub const MEMOS_CODER: Ui = Ui::new("coder", "codeur");
/// The keys shown under the filters.
pub const MEMOS_KEYS: Ui = Ui::new(
    "/ search · d document · t code · c coder · Enter go · e edit · ? keys · Esc close",
    "/ chercher · d document · t code · c codeur · Entrée y aller · e modifier · ? touches · Échap fermer",
);
/// A memo about a document.
pub const MEMO_ON_DOCUMENT: Ui = Ui::new("on the document", "sur le document");
/// A memo about a code.
pub const MEMO_ON_CODE: Ui = Ui::new("on the code", "sur le code");
/// Another coder's memo cannot be edited here.
pub const MEMO_READ_ONLY: Ui = Ui::new(
    "another coder's memo: read-only",
    "mémo d’un autre codeur : lecture seule",
);
/// Key help: previous memo.
pub const MEMOS_KEY_UP: Ui = Ui::new("previous memo", "mémo précédent");
/// Key help: next memo.
pub const MEMOS_KEY_DOWN: Ui = Ui::new("next memo", "mémo suivant");
/// Key help: go.
pub const MEMOS_KEY_OPEN: Ui = Ui::new(
    "go to the memo's passage or document (; comes back), or to its code",
    "aller au passage ou au document du mémo (; revient), ou à son code",
);
/// Key help: edit.
pub const MEMOS_KEY_EDIT: Ui = Ui::new("edit the memo (yours)", "modifier le mémo (le vôtre)");
/// Key help: search.
pub const MEMOS_KEY_SEARCH: Ui = Ui::new(
    "search the memos' text (accents do not matter)",
    "chercher dans le texte des mémos (sans tenir compte des accents)",
);
/// Key help: document filter.
pub const MEMOS_KEY_DOC: Ui = Ui::new(
    "only the memos of the next document (then all)",
    "seulement les mémos du document suivant (puis tous)",
);
/// Key help: code filter.
pub const MEMOS_KEY_CODE: Ui = Ui::new(
    "only the memos of the next code and its sub-codes (then all)",
    "seulement les mémos du code suivant et de ses sous-codes (puis tous)",
);
/// Key help: coder filter.
pub const MEMOS_KEY_CODER: Ui = Ui::new(
    "only the memos of the next coder (then all)",
    "seulement les mémos du codeur suivant (puis tous)",
);
/// Key help: open the browser.
pub const MEMOS_KEY_BROWSE: Ui = Ui::new(
    "memos: browse and search every memo",
    "mémos : parcourir et chercher tous les mémos",
);
/// Key help: help.
pub const MEMOS_KEY_HELP: Ui = Ui::new("show these keys", "afficher ces touches");
/// Key help: close.
pub const MEMOS_KEY_CLOSE: Ui = Ui::new("close", "fermer");

/// The mark beside a document with memos and beside a coding with a memo (a sign, the
/// same in both languages).
pub const MEMO_MARK: Ui = Ui::new("✎", "✎");

/// The memo browser's title: how many memos are shown of how many.
pub fn memos_title(shown: usize, total: usize) -> String {
    format!(" {MEMOS} · {shown}/{total} ")
}

// The segments reader on a search's hits (#18).
/// The reader on a search: whose passages.
pub const SEARCH_HITS: Ui = Ui::new("search hits", "résultats de recherche");
/// A reader key that acts on codings, pressed on search hits.
pub const NOT_FOR_HITS: Ui = Ui::new(
    "search hits are not codings: r codes one, Enter goes there",
    "les résultats de recherche ne sont pas des codages : r en code un, Entrée y va",
);
/// `R` in the search results with no hits.
pub const NO_HITS_TO_READ: Ui = Ui::new(
    "no hits to read: run a search first",
    "aucun résultat à lire : lancez d’abord une recherche",
);
/// Key help: read the hits in full.
pub const SEARCH_KEY_READ: Ui = Ui::new(
    "read the hits (or the marked ones) in full with context, in the segments reader",
    "lire les résultats (ou ceux marqués) en entier avec leur contexte, dans le lecteur d’extraits",
);

// Readings and plans computed off the UI thread (#18).
/// A reading or a plan is being computed.
pub const COMPUTING_OFF_THREAD: Ui = Ui::new("computing…", "calcul…");

/// The key help words that live here (the review's, the memo browser's, the search's
/// reader key): the bindings take their English, `keys_fr::french` finds their French.
pub const KEY_HELP_WORDS: &[Ui] = &[
    REVIEW_KEY_PREV_CODE,
    REVIEW_KEY_NEXT_CODE,
    REVIEW_KEY_PAGE_UP,
    REVIEW_KEY_PAGE_DOWN,
    REVIEW_KEY_FIRST_CODE,
    REVIEW_KEY_ALL_CODES,
    REVIEW_KEY_STEP,
    REVIEW_KEY_CHOOSE_CODERS,
    REVIEW_KEY_UNDO,
    REVIEW_KEY_REDO,
    REVIEW_KEY_CLOSE,
    REVIEW_KEY_NEXT_DISAGREEMENT,
    REVIEW_KEY_PREV_DISAGREEMENT,
    REVIEW_KEY_TAKE,
    REVIEW_KEY_BOTH,
    REVIEW_KEY_NONE,
    REVIEW_KEY_EDIT,
    REVIEW_KEY_SCROLL_UP,
    REVIEW_KEY_SCROLL_DOWN,
    REVIEW_KEY_BACK_TO_TABLE,
    REVIEW_KEY_PICK_CODE,
    REVIEW_KEY_CANCEL_EDIT,
    REVIEW_CODERS_KEY_UP,
    REVIEW_CODERS_KEY_DOWN,
    REVIEW_CODERS_KEY_TOGGLE,
    REVIEW_CODERS_KEY_APPLY,
    REVIEW_CODERS_KEY_HELP,
    REVIEW_CODERS_KEY_CANCEL,
    MEMOS_KEY_UP,
    MEMOS_KEY_DOWN,
    MEMOS_KEY_OPEN,
    MEMOS_KEY_EDIT,
    MEMOS_KEY_SEARCH,
    MEMOS_KEY_DOC,
    MEMOS_KEY_CODE,
    MEMOS_KEY_CODER,
    MEMOS_KEY_BROWSE,
    MEMOS_KEY_HELP,
    MEMOS_KEY_CLOSE,
    SEARCH_KEY_READ,
];

// The reader's export, written off the UI thread (reading.rs, plans.rs).

/// Reader: an export is being written.
pub const EXPORTING: Ui = Ui::new("exporting…", "export en cours…");
