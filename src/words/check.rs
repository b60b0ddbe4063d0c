//! The words of `glose check`'s summary for people (and of `glose` alone off a terminal).
//! The diagnostics themselves (`file:line: error: …`) are the core's and stay English.

use super::{Lang, Words, say};

/// Column of the stage table: a stage.
pub const STAGE: Words = Words::new("stage", "étape");
/// Column of the stage table: documents.
pub const DOCUMENTS: Words = Words::new("documents", "documents");
/// Column of the stage table: words.
pub const WORDS: Words = Words::new("words", "mots");
/// Column of the stage table: speaker turns.
pub const TURNS: Words = Words::new("turns", "tours");
/// Column of the stage table: sentences.
pub const SENTENCES: Words = Words::new("sentences", "phrases");
/// Column of the code table: a code group.
pub const CODE_GROUP: Words = Words::new("code group", "groupe de codes");
/// Column of the code table: how many codes.
pub const CODES: Words = Words::new("codes", "codes");
/// Before the transcripts' turn layouts.
pub const TURN_LAYOUTS: Words = Words::new("Turn layouts: ", "Mises en forme des tours : ");

/// Every fixed word of the check summary (for the test that each has both languages).
pub const ALL: &[Words] = &[
    STAGE,
    DOCUMENTS,
    WORDS,
    TURNS,
    SENTENCES,
    CODE_GROUP,
    CODES,
    TURN_LAYOUTS,
];

/// The summary's first line.
pub fn study(lang: Lang, name: &str) -> String {
    say(
        lang,
        || format!("Study: {name}"),
        || format!("Étude : {name}"),
    )
}

/// The last line of `glose check`.
pub fn verdict(lang: Lang, errors: usize, warnings: usize) -> String {
    say(
        lang,
        || {
            let what = if errors == 0 {
                "the study is sound"
            } else {
                "fix the errors above"
            };
            format!("{errors} error(s), {warnings} warning(s): {what}")
        },
        || {
            let what = if errors == 0 {
                "l’étude est saine"
            } else {
                "corrigez les erreurs ci-dessus"
            };
            format!("{errors} erreur(s), {warnings} avertissement(s) : {what}")
        },
    )
}

/// The last line of `glose` alone when the study has errors.
pub fn errors_see_check(lang: Lang, errors: usize) -> String {
    say(
        lang,
        || format!("{errors} error(s): run `glose check` for details"),
        || format!("{errors} erreur(s) : lancez `glose check` pour le détail"),
    )
}
