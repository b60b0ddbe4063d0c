//! The words the TUI shows, in one place, in English and French: pane and popup titles,
//! status words and messages, then the layers' words grouped by popup.
//!
//! Each word is a [`Ui`] pair. The interface language is set once per UI thread
//! ([`set_lang`], from `[ui] language` of glose.toml or the locale, see
//! [`glose::locale::Lang::for_study`]; `L` switches it); a [`Ui`] shows itself in that
//! language wherever a `&str` or a `String` is wanted (`format!("{}", X)`,
//! `app.info(X)`, `Span::raw(X)`, `&*X`, [`Ui::get`]). A thread that never set it speaks
//! English (the render tests run each on their own thread, so they stay independent).

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use glose::locale::{Lang, Words};

mod assist;
mod edits;
mod reading;
mod review;
mod team;

pub use assist::*;
pub use edits::*;
pub use reading::*;
pub use review::*;
pub use team::*;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Sets the interface language of this thread.
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The interface language of this thread (English until [`set_lang`]).
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// A word or phrase of the interface in both languages, shown in this thread's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ui(pub Words);

impl Ui {
    /// The pair.
    pub const fn new(en: &'static str, fr: &'static str) -> Ui {
        Ui(Words::new(en, fr))
    }

    /// The phrase in this thread's language.
    pub fn get(self) -> &'static str {
        self.0.get(lang())
    }

    /// The phrase in `lang`.
    pub fn of(self, lang: Lang) -> &'static str {
        self.0.get(lang)
    }
}

impl fmt::Display for Ui {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.get())
    }
}

impl std::ops::Deref for Ui {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

impl AsRef<str> for Ui {
    fn as_ref(&self) -> &str {
        self.get()
    }
}

impl From<Ui> for String {
    fn from(u: Ui) -> String {
        u.get().to_string()
    }
}

impl From<Ui> for Cow<'_, str> {
    fn from(u: Ui) -> Self {
        Cow::Borrowed(u.get())
    }
}

/// `en` or `fr`, formatted, in this thread's language.
fn say(en: impl FnOnce() -> String, fr: impl FnOnce() -> String) -> String {
    match lang() {
        Lang::En => en(),
        Lang::Fr => fr(),
    }
}

/// Pane title: documents.
pub const DOCUMENTS: Ui = Ui::new("Documents", "Documents");
/// Pane title: codebook.
pub const CODEBOOK: Ui = Ui::new("Codebook", "Codes");
/// Pane title: code details.
pub const DEFINITION: Ui = Ui::new("Definition", "Définition");
/// Details heading.
pub const WHEN_TO_USE: Ui = Ui::new("When to use", "Quand l’utiliser");
/// Details heading.
pub const WHEN_NOT_TO_USE: Ui = Ui::new("When not to use", "Quand ne pas l’utiliser");
/// Details heading.
pub const EXAMPLE: Ui = Ui::new("Example", "Exemple");
/// Shown when no document is open.
pub const NO_DOCUMENT: Ui = Ui::new(
    "No document open: pick one in the documents pane (Enter).",
    "Aucun document ouvert : choisissez-en un dans la liste des documents (Entrée).",
);
/// Save state: every change is on disk.
pub const SAVED: Ui = Ui::new("saved", "enregistré");
/// Save state: a change is being written.
pub const SAVING: Ui = Ui::new("saving…", "enregistrement…");
/// Save state: the last save failed, so the last change is not on disk.
pub const NOT_SAVED: Ui = Ui::new("NOT SAVED", "NON ENREGISTRÉ");
/// Save state: the coder file is locked or unreadable.
pub const READ_ONLY: Ui = Ui::new("read-only", "lecture seule");
/// Message when an edit needs a selection.
pub const NEED_SELECTION: Ui = Ui::new(
    "select a passage first: v to start, s sentence, t turn",
    "sélectionnez d’abord un passage : v pour commencer, s phrase, t tour de parole",
);
/// Message when an edit needs a coding under the cursor.
pub const NO_CODING_HERE: Ui = Ui::new(
    "no coding under the cursor (] and [ move between codings)",
    "aucun codage sous le curseur (] et [ passent d’un codage à l’autre)",
);
/// Message when an undo would overwrite a newer version.
pub const NOT_UNDONE: Ui = Ui::new(
    "not undone (a newer version is on disk)",
    "non annulé (une version plus récente est sur le disque)",
);
/// Message when a redo would overwrite a newer version.
pub const NOT_REDONE: Ui = Ui::new(
    "not redone (a newer version is on disk)",
    "non rétabli (une version plus récente est sur le disque)",
);
/// Message when nothing is to undo.
pub const NOTHING_TO_UNDO: Ui = Ui::new("nothing to undo", "rien à annuler");
/// Message when nothing is to redo.
pub const NOTHING_TO_REDO: Ui = Ui::new("nothing to redo", "rien à rétablir");
/// Picker title.
pub const PICK_CODE: Ui = Ui::new(
    "Code (type to filter: label or id; Enter applies)",
    "Code (tapez pour filtrer : libellé ou id ; Entrée applique)",
);
/// Picker title when changing a coding's code.
pub const CHANGE_CODE: Ui = Ui::new("Change the code to", "Remplacer le code par");
/// Picker title when choosing a code to retrieve.
pub const RETRIEVE_CODE: Ui = Ui::new("Retrieve the passages of", "Extraire les passages de");
/// Jump-to-document title.
pub const JUMP_DOC: Ui = Ui::new("Jump to document", "Aller au document");
/// Memo editor title.
pub const MEMO: Ui = Ui::new("Memo", "Mémo");
/// Memo editor hint.
pub const MEMO_HINT: Ui = Ui::new(
    " Esc/Ctrl-s save · Ctrl-g discard ",
    " Échap/Ctrl-s enregistre · Ctrl-g abandonne ",
);
/// Search title.
pub const SEARCH: Ui = Ui::new("Search", "Recherche");
/// Search hint before any query.
pub const SEARCH_HINT: Ui = Ui::new(
    "Type a query and press Enter: words, \"a phrase\", -not, code:…, stage:…, role:respondent",
    "Tapez une requête puis Entrée : mots, \"une expression\", -exclu, code:…, stage:…, role:respondent",
);
/// Retrieve title.
pub const RETRIEVE: Ui = Ui::new("Retrieve", "Extraction");
/// Orphans title.
pub const ORPHANS: Ui = Ui::new(
    "Orphaned codings (their text changed; select a new span and press a)",
    "Codages orphelins (leur texte a changé ; sélectionnez un nouveau passage et appuyez sur a)",
);
/// Help title.
pub const HELP: Ui = Ui::new("Keys", "Touches");
/// Filter prompt.
pub const FILTER: Ui = Ui::new("filter: ", "filtre : ");
/// Picker title when choosing the code of an edited consensus decision.
pub const CONSENSUS_CODE: Ui = Ui::new(
    "Consensus: code the selected span as",
    "Consensus : coder le passage sélectionné avec",
);
/// Agreement view title.
pub const AGREEMENT: Ui = Ui::new("Agreement", "Accord inter-codeurs");
/// Title of the review's coder popup.
pub const CHOOSE_CODERS: Ui = Ui::new(
    "Compare which coders, on which documents",
    "Comparer quels codeurs, sur quels documents",
);
/// Shown while the agreement is computed.
pub const COMPUTING: Ui = Ui::new("computing agreement…", "calcul de l’accord…");
/// The table's column heads.
pub const TABLE_HEAD: [Ui; 7] = [
    Ui::new("code", "code"),
    Ui::new("units", "unités"),
    Ui::new("alpha", "alpha"),
    Ui::new("kappa", "kappa"),
    Ui::new("% agr.", "% acc."),
    Ui::new("disagr.", "désacc."),
    Ui::new("settled", "tranchés"),
];
/// The pooled line's name.
pub const ALL_CODES: Ui = Ui::new("all codes", "tous les codes");

// The layers' words (tui/layers/), one group per popup.

/// Help: its own keys.
pub const HELP_KEYS: Ui = Ui::new(
    "j/k scroll, any key closes",
    "j/k défilent, toute autre touche ferme",
);
/// Memo: Esc pressed.
pub const MEMO_DISCARDED: Ui = Ui::new("memo discarded", "mémo abandonné");
/// Orphans: the scan is running.
pub const LOOKING: Ui = Ui::new("looking…", "recherche…");
/// Orphans: none found.
pub const NO_ORPHANS: Ui = Ui::new("no orphaned codings", "aucun codage orphelin");
/// Retrieve: the group of passages without a stage.
pub const NO_STAGE: Ui = Ui::new("(no stage)", "(sans étape)");
/// Retrieve: no filter.
pub const NONE: Ui = Ui::new("(none)", "(aucun)");
/// Retrieve: grouping.
pub const BY_STAGE: Ui = Ui::new("by stage", "par étape");
/// Retrieve: grouping.
pub const BY_DOCUMENT: Ui = Ui::new("by document", "par document");
/// Retrieve: nothing coded.
pub const NO_PASSAGES: Ui = Ui::new("no coded passages", "aucun passage codé");
/// Retrieve: after a count.
pub const PASSAGES: Ui = Ui::new("passages", "passages");
/// Retrieve: the current coder, after their name.
pub const ME: Ui = Ui::new("me", "moi");
/// Retrieve: everybody's codings.
pub const ALL_CODERS: Ui = Ui::new("all coders", "tous les codeurs");
/// Search: after a count.
pub const HITS: Ui = Ui::new("hits", "résultats");
/// Search: a query is running.
pub const SEARCHING: Ui = Ui::new("searching…", "recherche…");
/// Search: the keys of the results list.
pub const SEARCH_KEYS: Ui = Ui::new(
    "Enter go to · j/k move · / edit · a auto-code · x mark · n/N next/previous hit · ? keys",
    "Entrée y aller · j/k se déplacer · / modifier · a coder automatiquement · x marquer · n/N résultat suivant/précédent · ? touches",
);
/// Review coders: after a coder's name.
pub const HAS_NO_CODINGS: Ui = Ui::new("has no codings", "n’a aucun codage");
/// Review coders: a greyed coder.
pub const NO_CODINGS: Ui = Ui::new("no codings", "aucun codage");
/// Review coders: after a count.
pub const CODINGS: Ui = Ui::new("codings", "codages");
/// Review coders: the default document scope.
pub const SCOPE_COMMON: Ui = Ui::new(
    "all documents coded by every chosen coder",
    "tous les documents codés par chacun des codeurs choisis",
);
/// Review coders: the open document only.
pub const SCOPE_CURRENT: Ui = Ui::new("this document only", "ce document seulement");
/// Review coders: no document is open.
pub const NONE_OPEN: Ui = Ui::new("none open", "aucun ouvert");
/// Review coders: the current scope needs an open document.
pub const NO_DOCUMENT_OPEN: Ui = Ui::new("no document is open", "aucun document n’est ouvert");
/// Review coders: fewer than two chosen.
pub const AT_LEAST_TWO_CODERS: Ui = Ui::new(
    "choose at least two coders",
    "choisissez au moins deux codeurs",
);
/// Review coders: Esc pressed.
pub const CODERS_UNCHANGED: Ui = Ui::new("coders unchanged", "codeurs inchangés");
/// Review coders: the popup's keys.
pub const CHOOSER_KEYS: Ui = Ui::new(
    " space toggles · ↑↓ move · Enter applies · Esc cancels",
    " espace coche · ↑↓ se déplacer · Entrée applique · Échap annule",
);

// The panes' messages (update.rs, edit.rs, search.rs).

/// The orphan scan found nothing.
pub const NO_ORPHANS_FOUND: Ui = Ui::new(
    "no orphaned codings: every coding found its text",
    "aucun codage orphelin : chaque codage a retrouvé son texte",
);
/// ] or [ found no coding further.
pub const NO_MORE_CODINGS: Ui = Ui::new("no more codings this way", "plus de codage dans ce sens");
/// Esc while placing.
pub const PLACING_CANCELLED: Ui = Ui::new("placing cancelled", "placement annulé");
/// A coding was placed again.
pub const PLACED: Ui = Ui::new(
    "placed the coding on its new span",
    "codage placé sur son nouveau passage",
);
/// Before what was undone.
pub const UNDID: Ui = Ui::new("undid", "annulé");
/// Before what was redone.
pub const REDID: Ui = Ui::new("redid", "rétabli");

// General words: status, prompts, hints.

/// A memo on a document or a code was removed (undo message).
pub const MEMO_CLEARED: Ui = Ui::new("cleared a memo", "mémo effacé");
/// A memo on a document or a code was saved (undo message).
pub const MEMO_SAVED: Ui = Ui::new("saved a memo", "mémo enregistré");
/// Memo title: on a document.
pub const ON_DOCUMENT: Ui = Ui::new("on document", "sur le document");
/// Memo title: on a code.
pub const ON_CODE: Ui = Ui::new("on code", "sur le code");
/// The memo was saved unchanged.
pub const MEMO_UNCHANGED: Ui = Ui::new("memo unchanged", "mémo inchangé");
/// The index could not be opened.
pub const SEARCH_UNAVAILABLE: Ui = Ui::new(
    "search is not available",
    "la recherche n’est pas disponible",
);
/// n / N with no hits.
pub const NO_HITS: Ui = Ui::new(
    "no search hits: / to search",
    "aucun résultat : / pour chercher",
);

/// A signal ends the TUI.
pub fn signal_quit(n: i32) -> String {
    say(
        || format!("signal {n}: saving and quitting"),
        || format!("signal {n} : enregistrement puis fermeture"),
    )
}

/// Placing an orphaned coding again.
pub fn placing(code: &str, quote: &str) -> String {
    say(
        || format!("placing {code} «{quote}»: select its new span, then press a (Esc cancels)"),
        || {
            format!(
                "placement de {code} «{quote}» : sélectionnez son nouveau passage, puis a (Échap annule)"
            )
        },
    )
}

/// A recent-code key with no code yet.
pub fn no_recent(n: u8) -> String {
    say(
        || format!("no recent code {n} yet"),
        || format!("pas encore de code récent {n}"),
    )
}

/// A code id not in the codebook.
pub fn unknown_code(code: &str) -> String {
    say(
        || format!("unknown code {code}"),
        || format!("code inconnu {code}"),
    )
}

/// Re-spanning a coding of another document.
pub fn belongs_to(doc: &str) -> String {
    say(
        || format!("that coding belongs to {doc}: open it first"),
        || format!("ce codage appartient à {doc} : ouvrez-le d’abord"),
    )
}

/// The name of a key context, as the help popup's title shows it (never the internal
/// variant name).
pub fn context_name(ctx: super::actions::Ctx) -> &'static str {
    context_words(ctx).get()
}

/// [`context_name`] in both languages, from the one table of contexts
/// ([`super::actions::Ctx::info`]).
pub fn context_words(ctx: super::actions::Ctx) -> Ui {
    Ui(ctx.info().name)
}
/// Message when a recording starts playing.
pub const PLAYING: Ui = Ui::new("playing", "lecture");
/// The parent choice meaning "no parent".
pub const TOP_LEVEL: Ui = Ui::new(
    "(top level: a new group)",
    "(premier niveau : un nouveau groupe)",
);
/// Picker title when choosing the parent of a new code.
pub const PICK_PARENT: Ui = Ui::new("Put the new code under", "Placer le nouveau code sous");
/// Picker title when moving a code.
pub const MOVE_UNDER: Ui = Ui::new("Move the code under", "Déplacer le code sous");
/// Picker title when merging a code.
pub const MERGE_INTO: Ui = Ui::new(
    "Merge the code into (its codings follow)",
    "Fusionner le code dans (ses codages suivent)",
);
/// The picker's create row.
pub const CREATE: Ui = Ui::new("create", "créer");
/// Picker title when splitting passages off a code.
pub const SPLIT_INTO: Ui = Ui::new(
    "Move the passages to (a new or existing code)",
    "Déplacer les passages vers (un code nouveau ou existant)",
);
/// Hint under the one-line prompt (a new code's label, a rename).
pub const PROMPT_HINT: Ui = Ui::new(
    " Enter do it · Esc cancel ",
    " Entrée valide · Échap annule ",
);
/// Hint under the code form.
pub const FORM_HINT: Ui = Ui::new(
    " Tab next field · Esc/Ctrl-s save · Ctrl-g discard ",
    " Tab champ suivant · Échap/Ctrl-s enregistre · Ctrl-g abandonne ",
);
/// After `L`: the interface and labels are now in this language.
pub const LANGUAGE_NOW: Ui = Ui::new("language: English", "langue : français");
/// Job: measuring the documents (status line).
pub const MEASURING: Ui = Ui::new("measuring documents", "mesure des documents");
/// Job: the orphan scan.
pub const LOOKING_ORPHANS: Ui = Ui::new(
    "looking for orphaned codings",
    "recherche des codages orphelins",
);
/// Job: the search index is brought up to date.
pub const INDEXING: Ui = Ui::new("indexing", "indexation");
/// Job: reading the other coders' files.
pub const READING_OTHERS: Ui = Ui::new(
    "reading other coders' codings",
    "lecture des codages des autres codeurs",
);
/// Status line: the length of the selection, before a number of characters.
pub const SEL: Ui = Ui::new("sel", "sél.");
/// Status line: after the selection's length.
pub const CHARS: Ui = Ui::new("chars", "car.");
/// Status line: an orphaned coding is being placed.
pub const PLACING: Ui = Ui::new("PLACING", "PLACEMENT");

/// The short words of the status-line key hints (`view/status.rs`), looked up by their
/// English text when drawn ([`word`]), so the hint lists stay one line each.
pub const HINT_WORDS: &[Ui] = &[
    Ui::new("open", "ouvrir"),
    Ui::new("filter", "filtrer"),
    Ui::new("pane", "volet"),
    Ui::new("search", "chercher"),
    Ui::new("code", "coder"),
    Ui::new("recent", "récent"),
    Ui::new("+sentence", "+phrase"),
    Ui::new("clear", "effacer"),
    Ui::new("sentence", "phrase"),
    Ui::new("turn", "tour"),
    Ui::new("select", "sélection"),
    Ui::new("coding", "codage"),
    Ui::new("undo", "annuler"),
    Ui::new("apply", "appliquer"),
    Ui::new("retrieve", "extraire"),
    Ui::new("memo", "mémo"),
    Ui::new("review", "examiner"),
    Ui::new("close", "fermer"),
    Ui::new("coder 1", "codeur 1"),
    Ui::new("both", "les deux"),
    Ui::new("none", "aucun"),
    Ui::new("edit", "modifier"),
    Ui::new("next", "suivant"),
    Ui::new("table", "tableau"),
    Ui::new("pick the code", "choisir le code"),
    Ui::new("cancel", "annuler"),
    Ui::new("help", "aide"),
    Ui::new("quit", "quitter"),
];

/// A hint word (English, as the hint lists give it) in this thread's language; as given
/// when [`HINT_WORDS`] has no French for it.
pub fn word(en: &str) -> &str {
    HINT_WORDS
        .iter()
        .find(|w| w.0.en == en)
        .map_or(en, |w| w.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ui_word_of_the_table_has_a_french_text() {
        // A word added as a bare `&str` would stay English: every constant is a pair.
        let src = [
            include_str!("mod.rs"),
            include_str!("assist.rs"),
            include_str!("edits.rs"),
            include_str!("reading.rs"),
            include_str!("review.rs"),
            include_str!("team.rs"),
        ]
        .concat();
        let bare: Vec<&str> = src
            .lines()
            .filter(|l| l.starts_with("pub const") && (l.contains(": &str") || l.contains("[&str")))
            .collect();
        assert!(
            bare.is_empty(),
            "English-only words in tui/strings/: {bare:?}"
        );
        assert!(
            !src.contains(concat!("\", ", "\"\")")),
            "an empty French text"
        );
        for w in HINT_WORDS {
            assert!(!w.0.fr.is_empty(), "{w:?}");
        }
    }

    #[test]
    fn a_word_speaks_the_language_of_its_thread() {
        assert_eq!(format!("{}", SAVED), "saved");
        set_lang(Lang::Fr);
        assert_eq!(format!("{}", SAVED), "enregistré");
        assert_eq!(String::from(NOTHING_TO_UNDO), "rien à annuler");
        assert_eq!(word("quit"), "quitter");
        assert_eq!(format!("{:>8}", ME), "     moi");
        let other = std::thread::spawn(|| SAVED.to_string()).join().unwrap();
        assert_eq!(other, "saved", "another thread keeps its own language");
    }
}
