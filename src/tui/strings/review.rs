//! The review's words: the agreement table, disagreements, decisions, its key help,
//! messages and coder chooser.

#[allow(unused_imports)]
use super::*;

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
