//! Other coders on screen, continuity and duplicate spans (#18).

#[allow(unused_imports)]
use super::*;

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
