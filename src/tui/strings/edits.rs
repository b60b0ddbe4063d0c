//! The undo words and the codebook's changes: what an edit did, worded from the core's
//! summaries (`OpSummary`, `EditSummary`, `ChangeKind`).

#[allow(unused_imports)]
use super::*;

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
