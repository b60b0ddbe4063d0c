//! The words of `glose saturation`'s text for people. The methods sentence under each
//! coder's table is the core's (`saturation::study::sentence`) and stays English, as in
//! the report; `--json` and `--csv` never come here.

use super::{Lang, Words, say};

/// Column: the interview's position.
pub const POSITION: Words = Words::new("#", "#");
/// Column: the interview.
pub const INTERVIEW: Words = Words::new("interview", "entretien");
/// Column: the value that ordered it.
pub const ORDER: Words = Words::new("order", "ordre");
/// Column: codes in the interview.
pub const CODES: Words = Words::new("codes", "codes");
/// Column: codes first seen in it.
pub const NEW: Words = Words::new("new", "nouveaux");
/// Column: distinct codes so far.
pub const CUMULATIVE: Words = Words::new("cumulative", "cumul");
/// Column: the band over random orders.
pub const BAND: Words = Words::new("band 5–95%", "bande 5–95 %");

/// Every fixed word of saturation (for the test that each has both languages).
pub const ALL: &[Words] = &[POSITION, INTERVIEW, ORDER, CODES, NEW, CUMULATIVE, BAND];

/// The first line: the rule and the order (`percent` the threshold as a percentage).
pub fn rule_line(
    lang: Lang,
    (base, run, percent): (usize, usize, &str),
    order_by: &str,
    depth: Option<usize>,
) -> String {
    say(
        lang,
        || {
            let depth = depth.map_or(String::new(), |d| format!("; codes at depth {d}"));
            format!(
                "Saturation (Guest, Namey & Chen 2020): base {base}, run {run}, threshold \
                 ≤{percent}%; interviews ordered by {order_by}{depth}."
            )
        },
        || {
            let depth = depth.map_or(String::new(), |d| format!(" ; codes au niveau {d}"));
            format!(
                "Saturation (Guest, Namey & Chen 2020) : base {base}, série {run}, seuil \
                 ≤{percent} % ; entretiens ordonnés par {order_by}{depth}."
            )
        },
    )
}

/// The exclusive groups whose codes are not counted.
pub fn not_counted(lang: Lang, groups: &str) -> String {
    say(
        lang,
        || format!("Not counted (exclusive groups): {groups}."),
        || format!("Non comptés (groupes exclusifs) : {groups}."),
    )
}

/// The interviews a coder did not code.
pub fn not_coded(lang: Lang, coder: &str, docs: &str) -> String {
    say(
        lang,
        || format!("Not coded by {coder}: {docs}."),
        || format!("Non codés par {coder} : {docs}."),
    )
}
