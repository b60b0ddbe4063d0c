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

// The undo words (#17): what an edit did, worded from the core's summary.
/// An undo or redo's message: `verb` ([`UNDID`], [`REDID`]) then what the edit did.
pub fn stepped(verb: &str, what: &str) -> String {
    say(|| format!("{verb}: {what}"), || format!("{verb} : {what}"))
}

/// What an edit did, for the undo and redo messages (`added practice.ads`): the core's
/// [`glose::store::EditSummary`] in this thread's language.
pub fn edit_done(what: &glose::store::EditSummary) -> String {
    use glose::store::EditSummary;
    match what {
        EditSummary::Said(words) => words.clone(),
        EditSummary::One(op) => op_done(op),
        EditSummary::Changes(n) => say(|| format!("{n} changes"), || format!("{n} changements")),
    }
}

/// What one operation did ([`edit_done`]).
fn op_done(op: &glose::store::OpSummary) -> String {
    use glose::store::OpSummary as O;
    match op {
        O::Added { code, .. } => say(|| format!("added {code}"), || format!("ajout de {code}")),
        O::Removed { code, .. } => say(
            || format!("removed {code}"),
            || format!("retrait de {code}"),
        ),
        O::Recoded { from, to, .. } => say(
            || format!("changed {from} to {to}"),
            || format!("{from} remplacé par {to}"),
        ),
        O::Resized { code, .. } => say(
            || format!("resized {code}"),
            || format!("passage de {code} modifié"),
        ),
        O::CodingMemo { code, .. } => say(
            || format!("edited the memo of {code}"),
            || format!("mémo de {code} modifié"),
        ),
        O::Memo { cleared: true, .. } => MEMO_CLEARED.into(),
        O::Memo { cleared: false, .. } => MEMO_SAVED.into(),
    }
}

// The codebook's changes (#17): what a codebook change did, worded from the core's
// `ChangeKind` (the history file keeps the core's English sentence).
/// What a codebook change did, for the status line (`added code x (Label)`); a change
/// read back from the history file is known by its recorded sentence only.
pub fn codebook_done(change: &glose::codebook::Change) -> String {
    kind_done(&change.kind).unwrap_or_else(|| change.summary.clone())
}

/// [`codebook_done`] of one kind (`None`: recorded, no kind known).
fn kind_done(kind: &glose::codebook::ChangeKind) -> Option<String> {
    use glose::codebook::ChangeKind as K;
    Some(match kind {
        K::Added { id, label } => say(
            || format!("added code {id} ({label})"),
            || format!("ajout du code {id} ({label})"),
        ),
        K::Edited { id, fields } if fields.iter().all(|f| f.is_label()) => say(
            || format!("renamed code {id}"),
            || format!("code {id} renommé"),
        ),
        K::Edited { id, fields } => {
            let names: Vec<&str> = fields.iter().map(|f| field_word(*f).get()).collect();
            let names = names.join(", ");
            say(
                || format!("edited code {id}: {names}"),
                || format!("code {id} modifié : {names}"),
            )
        }
        K::ExampleAdded { id } => say(
            || format!("added an example to code {id}"),
            || format!("exemple ajouté au code {id}"),
        ),
        K::Moved {
            id,
            parent: Some(parent),
        } => say(
            || format!("moved code {id} under {parent}"),
            || format!("code {id} déplacé sous {parent}"),
        ),
        K::Moved { id, parent: None } => say(
            || format!("moved code {id} to the top level"),
            || format!("code {id} déplacé au premier niveau"),
        ),
        K::Merged { from, into } => say(
            || format!("merged code {from} into {into}"),
            || format!("code {from} fusionné dans {into}"),
        ),
        K::Split {
            from,
            into,
            codings,
        } => say(
            || format!("moved {codings} coding(s) of {from} to {into}"),
            || format!("{codings} codage(s) de {from} déplacé(s) vers {into}"),
        ),
        K::Removed { id } => say(
            || format!("removed code {id}"),
            || format!("code {id} supprimé"),
        ),
        K::Migrated { codes } => say(
            || format!("moved the codebook to the folder format ({codes} codes)"),
            || format!("livre de codes passé au format dossier ({codes} codes)"),
        ),
        K::Undo(undone) => stepped(UNDID.get(), &kind_done(undone)?),
        K::Several(kinds) => {
            let parts = kinds.iter().map(kind_done).collect::<Option<Vec<_>>>()?;
            say(|| parts.join("; "), || parts.join(" ; "))
        }
        K::Recorded => return None,
    })
}

/// A code's field, as an edit's message names it.
fn field_word(field: glose::codebook::CodeField) -> Ui {
    use glose::codebook::CodeField as F;
    match field {
        F::LabelFr => Ui::new("French label", "libellé français"),
        F::LabelEn => Ui::new("English label", "libellé anglais"),
        F::Definition => Ui::new("definition", "définition"),
        F::WhenToUse => Ui::new("when to use", "quand l’utiliser"),
        F::WhenNotToUse => Ui::new("when not to use", "quand ne pas l’utiliser"),
        F::Example => Ui::new("examples", "exemples"),
        F::Color => Ui::new("colour", "couleur"),
        F::Exclusive => Ui::new("exclusive children", "enfants exclusifs"),
    }
}

/// An undo refused because it would leave codings without their code.
pub fn not_undone(what: &str, why: &str) -> String {
    say(
        || format!("not undone: {what}: {why}"),
        || format!("non annulé : {what} : {why}"),
    )
}

/// A code merged from the codebook pane.
pub fn merged_into(from: &str, into: &str, label: &str) -> String {
    say(
        || format!("merged {from} into {into} ({label}): its codings count as it now (u undoes)"),
        || {
            format!(
                "{from} fusionné dans {into} ({label}) : ses codages comptent désormais comme lui (u annule)"
            )
        },
    )
}

/// A code deleted from the codebook pane.
pub fn deleted_code(code: &str) -> String {
    say(
        || format!("deleted code {code} (u undoes)"),
        || format!("code {code} supprimé (u annule)"),
    )
}

/// A coded passage added to its code's examples.
pub fn example_added(label: &str) -> String {
    say(
        || format!("added the passage to the examples of {label} (u undoes)"),
        || format!("passage ajouté aux exemples de {label} (u annule)"),
    )
}

/// A code created and applied to the selection in one step.
pub fn created_and_coded(code: &str, label: &str) -> String {
    say(
        || format!("created code {code} ({label}) and coded the selection with it (u undoes)"),
        || format!("code {code} ({label}) créé et appliqué à la sélection (u annule)"),
    )
}

/// Codings split into another code.
pub fn passages_moved(n: usize, label: &str) -> String {
    say(
        || format!("moved {n} passage(s) to {label} (u undoes)"),
        || format!("{n} passage(s) déplacé(s) vers {label} (u annule)"),
    )
}
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

// The review (agreement table, disagreements, decisions on the consensus file).

/// An edit's file cannot be opened for an undo or redo.
pub fn file_closed(coder: &str) -> String {
    say(
        || format!("the {coder} file is not open"),
        || format!("le fichier de {coder} n’est pas ouvert"),
    )
}
/// A file open read-only (`coder`: whose, `None` for this coder's).
pub fn read_only(coder: Option<&str>, why: &str) -> String {
    match coder {
        Some(c) => say(
            || format!("{c} is read-only: {why}"),
            || format!("{c} est en lecture seule : {why}"),
        ),
        None => say(
            || format!("read-only: {why}"),
            || format!("lecture seule : {why}"),
        ),
    }
}
/// The stepping header's mark of a read-only consensus file.
pub fn consensus_read_only_mark(why: &str) -> String {
    say(
        || format!(" consensus read-only: {why}"),
        || format!(" consensus en lecture seule : {why}"),
    )
}
/// A writer thread stopped (`coder`: whose file, `None` for this coder's).
pub fn writer_stopped(coder: Option<&str>) -> String {
    match coder {
        Some(c) => say(
            || format!("the {c} writer stopped: changes can no longer be saved"),
            || {
                format!(
                    "l’écriture du fichier de {c} s’est arrêtée : les changements ne peuvent plus être enregistrés"
                )
            },
        ),
        None => say(
            || "the writer stopped: changes can no longer be saved".to_string(),
            || {
                "l’écriture s’est arrêtée : les changements ne peuvent plus être enregistrés"
                    .to_string()
            },
        ),
    }
}
/// The table is not there yet.
pub const STILL_COMPUTING: Ui = Ui::new(
    "the table is still being computed",
    "le tableau est encore en cours de calcul",
);
/// No disagreement under the selected row.
pub const NO_DISAGREEMENT_HERE: Ui = Ui::new(
    "no disagreement to review here",
    "aucun désaccord à examiner ici",
);
/// Stepping hits the first or last disagreement.
pub const NO_MORE_DISAGREEMENTS: Ui = Ui::new(
    "no more disagreements this way",
    "plus de désaccord dans ce sens",
);
/// A decision cannot be edited: the consensus file is read-only.
pub const CONSENSUS_READ_ONLY: Ui = Ui::new(
    "consensus is read-only: decisions cannot be saved",
    "le consensus est en lecture seule : les décisions ne peuvent pas être enregistrées",
);
/// The review is needed and not open.
pub const REVIEW_NOT_OPEN: Ui = Ui::new("the review is not open", "l’examen n’est pas ouvert");
/// Editing a decision starts.
pub const EDIT_HINT: Ui = Ui::new(
    "edit: adjust the span (v, s, t, motions), then c picks its code; Esc cancels",
    "modification : ajustez le passage (v, s, t, déplacements), puis c choisit son code ; Échap annule",
);
/// Editing a decision was cancelled.
pub const EDIT_CANCELLED: Ui = Ui::new("edit cancelled", "modification annulée");
/// The coder popup's hint.
pub const CHOOSER_HINT: Ui = Ui::new(
    "space toggles, Enter applies, Esc cancels",
    "espace coche/décoche, Entrée applique, Échap annule",
);
/// The table is being computed.
pub const COMPUTING_AGREEMENT: Ui = Ui::new("computing agreement…", "calcul de l’accord…");
/// Stepping starts: how far, and the decision keys.
pub fn stepping_hint(settled: usize, total: usize) -> String {
    say(
        || format!("{settled}/{total} settled: 1-9 take a coder's version, b both, 0 none, e edit"),
        || {
            format!(
                "{settled}/{total} tranchés : 1-9 retient la version d’un codeur, b les deux, 0 aucune, e modifier"
            )
        },
    )
}
/// `Take(n)` with fewer coders.
pub fn no_coder_here(n: u8) -> String {
    say(
        || format!("there is no coder {n} here"),
        || format!("il n’y a pas de codeur {n} ici"),
    )
}
/// The consensus file is locked by another glose.
pub fn consensus_read_only(why: &str) -> String {
    say(
        || format!("consensus is read-only: {why}"),
        || format!("le consensus est en lecture seule : {why}"),
    )
}
/// A decision could not be saved.
pub fn consensus_not_saved(why: &str) -> String {
    say(
        || format!("consensus NOT SAVED: {why}"),
        || format!("consensus NON ENREGISTRÉ : {why}"),
    )
}
/// The table arrived.
pub fn agreement_computed(settled: usize, total: usize) -> String {
    say(
        || format!("agreement computed: {settled}/{total} disagreements settled"),
        || format!("accord calculé : {settled}/{total} désaccords tranchés"),
    )
}
/// The new choice of coders failed; the previous table stays.
pub fn kept_previous_coders(why: &str) -> String {
    say(
        || format!("kept the previous coders: {why}"),
        || format!("codeurs précédents conservés : {why}"),
    )
}

// The review's key help (tui/keys_review.rs; the bindings take the English, `keyhelp`
// shows the French through [`KEY_HELP_WORDS`]).

/// Table: the previous code.
pub const REVIEW_KEY_PREV_CODE: Ui = Ui::new("previous code", "code précédent");
/// Table: the next code.
pub const REVIEW_KEY_NEXT_CODE: Ui = Ui::new("next code", "code suivant");
/// Table: a page up.
pub const REVIEW_KEY_PAGE_UP: Ui = Ui::new("page up", "page précédente");
/// Table: a page down.
pub const REVIEW_KEY_PAGE_DOWN: Ui = Ui::new("page down", "page suivante");
/// Table: the first row.
pub const REVIEW_KEY_FIRST_CODE: Ui = Ui::new(
    "first code (the worst)",
    "premier code (le moins concordant)",
);
/// Table: the pooled line.
pub const REVIEW_KEY_ALL_CODES: Ui = Ui::new(
    "all codes (the pooled line)",
    "tous les codes (la ligne d’ensemble)",
);
/// Table: step through the row's disagreements.
pub const REVIEW_KEY_STEP: Ui = Ui::new(
    "step through this code's disagreements (all codes on the pooled line)",
    "parcourir les désaccords de ce code (tous les codes sur la ligne d’ensemble)",
);
/// Table: the coder popup.
pub const REVIEW_KEY_CHOOSE_CODERS: Ui = Ui::new(
    "choose the compared coders and documents",
    "choisir les codeurs et les documents comparés",
);
/// Undo in the review (one history with the coder's edits).
pub const REVIEW_KEY_UNDO: Ui = Ui::new(
    "undo the last change (a decision, or a coding made before)",
    "annuler le dernier changement (une décision, ou un codage fait avant)",
);
/// Redo in the review.
pub const REVIEW_KEY_REDO: Ui = Ui::new(
    "redo the last undone change",
    "rétablir le dernier changement annulé",
);
/// Table: close the review.
pub const REVIEW_KEY_CLOSE: Ui = Ui::new(
    "close the agreement view",
    "fermer la vue de l’accord inter-codeurs",
);
/// Stepping: the next disagreement.
pub const REVIEW_KEY_NEXT_DISAGREEMENT: Ui = Ui::new("next disagreement", "désaccord suivant");
/// Stepping: the previous disagreement.
pub const REVIEW_KEY_PREV_DISAGREEMENT: Ui =
    Ui::new("previous disagreement", "désaccord précédent");
/// Stepping: take a coder's version.
pub const REVIEW_KEY_TAKE: Ui = Ui::new(
    "take coder 1's version (2-9: coder 2-9); settles every disagreement its codings cover",
    "retenir la version du codeur 1 (2-9 : codeur 2-9) ; tranche tous les désaccords que ses codages couvrent",
);
/// Stepping: keep every version.
pub const REVIEW_KEY_BOTH: Ui = Ui::new(
    "keep both (every coder's) versions; settles every disagreement they cover",
    "garder les deux versions (celles de chaque codeur) ; tranche tous les désaccords qu’elles couvrent",
);
/// Stepping: the code does not apply.
pub const REVIEW_KEY_NONE: Ui = Ui::new(
    "none: the code does not apply",
    "aucune : le code ne s’applique pas",
);
/// Stepping: edit the decision.
pub const REVIEW_KEY_EDIT: Ui = Ui::new(
    "edit: select a new span, then pick its code",
    "modifier : sélectionner un nouveau passage, puis choisir son code",
);
/// Stepping: scroll up.
pub const REVIEW_KEY_SCROLL_UP: Ui = Ui::new("scroll up", "défiler vers le haut");
/// Stepping: scroll down.
pub const REVIEW_KEY_SCROLL_DOWN: Ui = Ui::new("scroll down", "défiler vers le bas");
/// Stepping: back to the table.
pub const REVIEW_KEY_BACK_TO_TABLE: Ui = Ui::new(
    "back to the table (it is recomputed)",
    "retour au tableau (il est recalculé)",
);
/// Editing: pick the span's code.
pub const REVIEW_KEY_PICK_CODE: Ui = Ui::new(
    "pick the code of the selected span (confirms the decision; settles every disagreement it covers)",
    "choisir le code du passage sélectionné (confirme la décision ; tranche tous les désaccords qu’il couvre)",
);
/// Editing: cancel.
pub const REVIEW_KEY_CANCEL_EDIT: Ui = Ui::new("cancel the edit", "annuler la modification");

// Other coders on screen, continuity, duplicate spans (#18, team).

/// Title of the chooser of the coders shown beside yours.
pub const SHOW_CODERS: Ui = Ui::new(
    "Show other coders' codings beside yours",
    "Afficher les codages d’autres codeurs à côté des vôtres",
);
/// The chooser's keys.
pub const SHOW_CODERS_KEYS: Ui = Ui::new(
    " space shows/hides · a all/none · Enter applies · Esc cancels",
    " espace affiche/masque · a tous/aucun · Entrée applique · Échap annule",
);
/// No other coder has codings.
pub const NO_OTHER_CODERS: Ui = Ui::new(
    "no other coder has codings in this study",
    "aucun autre codeur n’a de codages dans cette étude",
);
/// The other coders' codings are still being read.
pub const OTHERS_STILL_READING: Ui = Ui::new(
    "the other coders' codings are still being read: try again in a moment",
    "les codages des autres codeurs sont encore en lecture : réessayez dans un instant",
);
/// The chooser was cancelled.
pub const SHOWN_UNCHANGED: Ui = Ui::new("shown coders unchanged", "codeurs affichés inchangés");
/// Only this coder's codings are drawn.
pub const SHOWING_ONLY_YOURS: Ui = Ui::new(
    "showing only your codings",
    "seuls vos codages sont affichés",
);
/// The transcript's legend, before the shown coders.
pub const ALSO_SHOWN: Ui = Ui::new("also", "aussi");
/// D with no duplicate spans under the cursor.
pub const NO_DUPLICATES_HERE: Ui = Ui::new(
    "no overlapping codings of one code here (D merges them when there are)",
    "aucun chevauchement de codages d’un même code ici (D les fusionne quand il y en a)",
);
/// The transcript's foot, before the recent codes.
pub const RECENT: Ui = Ui::new("recent", "récents");
/// Read-only: the coder's own file as it is on disk.
pub const READ_ONLY_SHOWN: Ui = Ui::new(
    "your codings are shown as they are on disk; changes are not saved",
    "vos codages sont affichés tels qu’ils sont sur le disque ; les changements ne sont pas enregistrés",
);

/// The continuity state could not be written.
pub const STATE_NOT_SAVED: Ui = Ui::new(
    "where you are could not be kept for next time",
    "l’endroit où vous êtes n’a pas pu être gardé pour la prochaine fois",
);

/// The shown coders changed.
pub fn showing(legend: &str) -> String {
    say(
        || format!("showing beside yours (read-only): {legend}"),
        || format!("affichés à côté des vôtres (lecture seule) : {legend}"),
    )
}

/// Duplicate spans were merged.
pub fn merged(n: usize, label: &str) -> String {
    say(
        || format!("merged {n} overlapping codings of «{label}» into one"),
        || format!("{n} codages superposés de «{label}» fusionnés en un seul"),
    )
}

/// A coding overlaps another of the same code by the same coder.
pub fn duplicate_warning(label: &str, n: usize) -> String {
    say(
        || {
            format!(
                "warning: {n} of your codings of «{label}» overlap here (exports count the passage twice): D merges them"
            )
        },
        || {
            format!(
                "attention : {n} de vos codages de «{label}» se chevauchent ici (les exports comptent le passage deux fois) : D les fusionne"
            )
        },
    )
}

/// The coding removed by d, and how many others are still under the cursor.
pub fn removed(label: &str, id: &str, others: usize) -> String {
    if others == 0 {
        say(
            || format!("removed «{label}» ({id})"),
            || format!("«{label}» supprimé ({id})"),
        )
    } else {
        say(
            || {
                format!(
                    "removed «{label}» ({id}); {others} other coding(s) here: ] [ focus one, d removes it"
                )
            },
            || {
                format!(
                    "«{label}» supprimé ({id}) ; {others} autre(s) codage(s) ici : ] [ en désigne un, d le supprime"
                )
            },
        )
    }
}

/// The place the coder left is gone from the study.
pub fn left_doc_gone(doc: &str) -> String {
    say(
        || format!("the document you left ({doc}) is no longer in the study"),
        || format!("le document que vous aviez quitté ({doc}) n’est plus dans l’étude"),
    )
}

/// A click on another coder's stripe names their coding (read-only).
pub fn theirs(letter: char, coder: &str, label: &str, quote: &str) -> String {
    say(
        || format!("{letter} {coder}: «{label}» on «{quote}» (read-only)"),
        || format!("{letter} {coder} : «{label}» sur «{quote}» (lecture seule)"),
    )
}

// The review's messages and drawing words.

/// No disagreement is open.
pub const NO_DISAGREEMENT: Ui = Ui::new(
    "no disagreement under review",
    "aucun désaccord en cours d’examen",
);
/// Every disagreement stepped through is settled.
pub const ALL_SETTLED: Ui = Ui::new(
    " · every disagreement here is settled",
    " · tous les désaccords ici sont tranchés",
);
/// The history's name of a decision taking every version.
pub const AS_EVERY_VERSION: Ui = Ui::new("every version", "toutes les versions");
/// The history's name of a decision that the code does not apply.
pub const AS_NOT_APPLYING: Ui = Ui::new("not applying", "ne s’appliquant pas");
/// Status: every version kept.
pub const KEPT_EVERY_VERSION: Ui = Ui::new("kept every version", "toutes les versions gardées");
/// Status: the code does not apply.
pub const DOES_NOT_APPLY: Ui = Ui::new("the code does not apply", "le code ne s’applique pas");
/// The header's mark of a settled disagreement.
pub const IS_SETTLED: Ui = Ui::new("· settled ✓", "· tranché ✓");
/// The header's mark of an unsettled disagreement.
pub const NOT_SETTLED: Ui = Ui::new("· not settled", "· non tranché");
/// The consensus file and lane.
pub const CONSENSUS: Ui = Ui::new("consensus", "consensus");
/// A coder who did not code the document.
pub const DID_NOT_CODE: Ui = Ui::new("did not code the document", "n’a pas codé le document");
/// A coder who coded nothing on the disagreement.
pub const CODED_NOTHING: Ui = Ui::new("nothing", "rien");
/// The header while editing a decision.
pub const EDIT_BANNER: Ui = Ui::new(
    "  EDIT: select the span, c picks its code, Esc cancels",
    "  MODIFICATION : sélectionnez le passage, c choisit son code, Échap annule",
);
/// A disagreement's document is not loaded.
pub fn doc_not_loaded(doc: &str) -> String {
    say(
        || format!("document {doc} is not loaded"),
        || format!("le document {doc} n’est pas chargé"),
    )
}
/// A decision settled more than its own disagreement.
pub fn settled_at_once(n: usize) -> String {
    say(
        || format!(" · settled {n} disagreements at once"),
        || format!(" · {n} désaccords tranchés d’un coup"),
    )
}
/// How many of the disagreements stepped through are settled.
pub fn progress(settled: usize, total: usize) -> String {
    say(
        || format!(" · {settled}/{total} settled"),
        || format!(" · {settled}/{total} tranchés"),
    )
}
/// A decision's name in the history (`settled role in E01 as coder-a's version`).
pub fn settled_in(code: &str, doc: &str, how: &str) -> String {
    say(
        || format!("settled {code} in {doc} as {how}"),
        || format!("{code} tranché dans {doc} : {how}"),
    )
}
/// The history's name of a decision taking a coder's version.
pub fn as_coders_version(coder: &str) -> String {
    say(
        || format!("{coder}'s version"),
        || format!("version de {coder}"),
    )
}
/// The history's name of an edited decision.
pub fn as_custom(code: &str, start: usize, end: usize) -> String {
    say(
        || format!("{code} on {start}..{end}"),
        || format!("{code} sur {start}..{end}"),
    )
}
/// Status: a coder's version taken.
pub fn took_version(coder: &str) -> String {
    say(
        || format!("took {coder}'s version"),
        || format!("version de {coder} retenue"),
    )
}
/// Status: an edited decision.
pub fn coded_as(code: &str, start: usize, end: usize) -> String {
    say(
        || format!("coded {start}..{end} as {code}"),
        || format!("{start}..{end} codé {code}"),
    )
}
/// The table's header: the coders the default left out.
pub fn left_out(coders: &str) -> String {
    say(
        || format!(" · left out: {coders} (C chooses)"),
        || format!(" · laissés de côté : {coders} (C pour choisir)"),
    )
}
/// The stepping view's title.
pub fn review_title(what: &str, settled: usize, total: usize) -> String {
    say(
        || format!(" Review · {what} · {settled}/{total} settled "),
        || format!(" Examen · {what} · {settled}/{total} tranchés "),
    )
}
/// Where one is in the disagreements.
pub fn disagreement_of(pos: usize, total: usize) -> String {
    say(
        || format!(" Disagreement {pos} of {total} "),
        || format!(" Désaccord {pos} sur {total} "),
    )
}

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

// The assistants (#21): suggestions, similar passages, the consistency review
// (layers/suggest.rs, layers/similar.rs, layers/consistency.rs, tui/assist.rs).

/// Progress label while the passages are cut and analysed.
pub const PREPARING_ASSISTANTS: Ui =
    Ui::new("preparing the assistants", "préparation des assistants");
/// Progress label while the assistant thread works.
pub const ASSISTANT_WORKING: Ui = Ui::new("assistant working", "assistant au travail");
/// Picker title when choosing the code to suggest.
pub const SUGGEST_CODE: Ui = Ui::new(
    "Suggest passages of this document for",
    "Suggérer des passages de ce document pour",
);
/// Suggestions: the list is being computed.
pub const LEARNING: Ui = Ui::new(
    "learning from your codings…",
    "apprentissage à partir de vos codages…",
);
/// Suggestions: none left.
pub const NO_SUGGESTIONS: Ui = Ui::new(
    "no more suggestions in this document",
    "plus de suggestion dans ce document",
);
/// Suggestions: the keys.
pub const SUGGEST_KEYS: Ui = Ui::new(
    " a accept · x reject · j/k next/previous · Enter go there (; back) · p other code · Esc close ",
    " a accepter · x rejeter · j/k suivant/précédent · Entrée y aller (; retour) · p autre code · Échap fermer ",
);
/// Similar: the list is being computed.
pub const FINDING: Ui = Ui::new(
    "finding similar passages…",
    "recherche de passages semblables…",
);
/// Similar: nothing shares a word.
pub const NO_SIMILAR: Ui = Ui::new(
    "no passage shares a word with this one",
    "aucun passage n’a de mot en commun avec celui-ci",
);
/// Similar: the keys.
pub const SIMILAR_KEYS: Ui = Ui::new(
    " Enter go there (; back) · j/k move · f filter · Esc close ",
    " Entrée y aller (; retour) · j/k se déplacer · f filtrer · Échap fermer ",
);
/// Similar: the filter, every passage.
pub const SCOPE_ANY: Ui = Ui::new("all passages", "tous les passages");
/// Similar: the filter, uncoded passages.
pub const SCOPE_UNCODED: Ui = Ui::new("uncoded passages", "passages non codés");
/// Similar: the filter, passages I coded.
pub const SCOPE_MINE: Ui = Ui::new("passages I coded", "passages que j’ai codés");
/// Similar: no source.
pub const NEED_SOURCE: Ui = Ui::new(
    "select a passage or put the cursor on a coding first: similar passages are looked for from it",
    "sélectionnez d’abord un passage ou placez le curseur sur un codage : les passages semblables sont cherchés à partir de lui",
);
/// Consistency: being computed.
pub const CHECKING: Ui = Ui::new(
    "checking your codings (one model per coding: this takes a while)…",
    "vérification de vos codages (un modèle par codage : cela prend un moment)…",
);
/// Consistency: section heading.
pub const PAIRS_HEADING: Ui = Ui::new(
    "Nearly identical passages you coded differently",
    "Passages presque identiques codés différemment",
);
/// Consistency: section heading.
pub const OUTLIERS_HEADING: Ui = Ui::new(
    "Likely miscodings (least like the rest of their code first)",
    "Codages probablement erronés (les moins semblables au reste de leur code d’abord)",
);
/// Consistency: nothing to review.
pub const CONSISTENT: Ui = Ui::new(
    "nothing to review: no near-identical passages coded differently, no code with enough codings to check",
    "rien à examiner : aucun passage presque identique codé différemment, aucun code avec assez de codages à vérifier",
);
/// Consistency: the keys.
pub const CONSISTENCY_KEYS: Ui = Ui::new(
    " Enter go there (; back) · r recode · y keep · m memo · j/k move · Esc close ",
    " Entrée y aller (; retour) · r recoder · y garder · m mémo · j/k se déplacer · Échap fermer ",
);
/// Consistency: an item kept as it is.
pub const KEPT: Ui = Ui::new("kept", "gardé");
/// Consistency: an item sent to the picker.
pub const RECODED: Ui = Ui::new("recode", "recoder");
/// Consistency: an item given a memo.
pub const MEMO_WRITTEN: Ui = Ui::new("memo", "mémo");
/// Consistency: uncoded side of a pair.
pub const UNCODED: Ui = Ui::new("(not coded)", "(non codé)");
/// Consistency: several codings cover the passage.
pub const SEVERAL_CODINGS: Ui = Ui::new(
    "several of your codings cover this passage: go there (Enter) and press r on the one to change",
    "plusieurs de vos codages couvrent ce passage : allez-y (Entrée) et appuyez sur r sur celui à changer",
);
/// `;` with no list put aside.
pub const NO_LIST_ASIDE: Ui = Ui::new(
    "no list to go back to (S suggestions, ~ similar passages, I consistency)",
    "aucune liste où revenir (S suggestions, ~ passages semblables, I cohérence)",
);
/// The label of an assistant's context (help title).
pub const CTX_SUGGEST: Ui = Ui(super::actions::Ctx::Suggest.info().name);
/// The label of an assistant's context (help title).
pub const CTX_SIMILAR: Ui = Ui(super::actions::Ctx::Similar.info().name);
/// The label of an assistant's context (help title).
pub const CTX_CONSISTENCY: Ui = Ui(super::actions::Ctx::Consistency.info().name);

/// Suggestions: the list's heading.
pub fn suggest_heading(label: &str, doc: &str) -> String {
    say(
        || format!("Suggestions: {label} in {doc}"),
        || format!("Suggestions : {label} dans {doc}"),
    )
}

/// Suggestions: what the model learned from and how often it is right.
pub fn suggest_receipt(
    positives: usize,
    unit: &str,
    precision: Option<f64>,
    rejected: usize,
) -> String {
    let measured = precision.map_or(String::new(), |p| {
        let p = p * 100.0;
        say(
            || format!(", right {p:.0}% of the time at R (measured on your other interviews)"),
            || format!(", juste {p:.0} % du temps à R (mesuré sur vos autres entretiens)"),
        )
    });
    let before = if rejected > 0 {
        say(
            || format!(", {rejected} rejected before"),
            || format!(", {rejected} rejeté(s) auparavant"),
        )
    } else {
        String::new()
    };
    say(
        || format!("learned from your {positives} coded {unit}s{measured}{before}"),
        || format!("appris de vos {positives} {unit}s codé(e)s{measured}{before}"),
    )
}

/// Suggestions: why a passage is suggested.
pub fn suggest_why(words: &[String], nearest: Option<(&str, &str)>) -> String {
    let words = if words.is_empty() {
        NO_WORD_WEIGHS.to_string()
    } else {
        format!("{}: {}", WORDS, words.join(", "))
    };
    match nearest {
        Some((doc, quote)) => say(
            || format!("{words} · like your coding in {doc} «{quote}»"),
            || format!("{words} · comme votre codage dans {doc} «{quote}»"),
        ),
        None => words,
    }
}
/// Suggestions: no word weighs for a passage.
pub const NO_WORD_WEIGHS: Ui = Ui::new("no word weighs for it", "aucun mot ne pèse en sa faveur");
/// Suggestions: before the words that weigh for a passage.
pub const WORDS: Ui = Ui::new("words", "mots");

/// Similar: the list's heading.
pub fn similar_heading(doc: &str, quote: &str, scope: &str) -> String {
    say(
        || format!("Like {doc} «{quote}» ({scope})"),
        || format!("Comme {doc} «{quote}» ({scope})"),
    )
}

/// Suggestions or similar: after a list.
pub fn rejected_note(code: &str) -> String {
    say(
        || format!("rejected: not proposed again for {code}"),
        || format!("rejeté : ne sera plus proposé pour {code}"),
    )
}

/// Consistency: what the review lists.
pub fn consistency_legend(pairs: usize, outliers: usize) -> String {
    say(
        || {
            format!(
                "{PAIRS_HEADING}: {pairs} pair(s), rows «n a/b similarity»; \
                 {OUTLIERS_HEADING}: {outliers}, rows «! the model's score»"
            )
        },
        || {
            format!(
                "{PAIRS_HEADING} : {pairs} paire(s), lignes «n a/b similarité» ; \
                 {OUTLIERS_HEADING} : {outliers}, lignes «! score du modèle»"
            )
        },
    )
}

/// The assistant thread stopped.
pub const ASSISTANT_GONE: Ui = Ui::new(
    "the assistant thread stopped: try again",
    "l’assistant s’est arrêté : réessayez",
);

// The review's coder chooser: key help.
/// Key help: previous row.
pub const REVIEW_CODERS_KEY_UP: Ui =
    Ui::new("previous coder or scope", "codeur ou périmètre précédent");
/// Key help: next row.
pub const REVIEW_CODERS_KEY_DOWN: Ui =
    Ui::new("next coder or scope", "codeur ou périmètre suivant");
/// Key help: toggle.
pub const REVIEW_CODERS_KEY_TOGGLE: Ui = Ui::new(
    "compare this coder or not / choose this scope",
    "comparer ce codeur ou non / choisir ce périmètre",
);
/// Key help: apply.
pub const REVIEW_CODERS_KEY_APPLY: Ui = Ui::new(
    "compute the table for these coders",
    "calculer le tableau pour ces codeurs",
);
/// Key help: help.
pub const REVIEW_CODERS_KEY_HELP: Ui = Ui::new("show these keys", "afficher ces touches");
/// Key help: cancel.
pub const REVIEW_CODERS_KEY_CANCEL: Ui = Ui::new(
    "cancel: the table stays as it is",
    "annuler : le tableau reste tel quel",
);

// The memo browser (#18).
/// Title of the memo browser.
pub const MEMOS: Ui = Ui(super::actions::Ctx::Memos.info().name);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ui_word_of_the_table_has_a_french_text() {
        // A word added as a bare `&str` would stay English: every constant is a pair.
        let src = include_str!("strings.rs");
        let bare: Vec<&str> = src
            .lines()
            .filter(|l| l.starts_with("pub const") && (l.contains(": &str") || l.contains("[&str")))
            .collect();
        assert!(
            bare.is_empty(),
            "English-only words in strings.rs: {bare:?}"
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
