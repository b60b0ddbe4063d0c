//! The assistants' words (#21): suggestions, similar passages, the consistency review.

#[allow(unused_imports)]
use super::*;

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
pub const CTX_SUGGEST: Ui = Ui(super::super::actions::Ctx::Suggest.info().name);
/// The label of an assistant's context (help title).
pub const CTX_SIMILAR: Ui = Ui(super::super::actions::Ctx::Similar.info().name);
/// The label of an assistant's context (help title).
pub const CTX_CONSISTENCY: Ui = Ui(super::super::actions::Ctx::Consistency.info().name);

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
