//! The codebook appendix's words (`glose codebook export`), in the language of its labels.

use super::{Lang, Words, say};

/// The title when the codebook has no name.
pub const CODEBOOK: Words = Words::new("Codebook", "Livre de codes");
/// A code's definition.
pub const DEFINITION: Words = Words::new("Definition", "Définition");
/// When to use a code.
pub const WHEN_TO_USE: Words = Words::new("When to use", "Quand l’utiliser");
/// When not to use it.
pub const WHEN_NOT_TO_USE: Words = Words::new("When not to use", "Quand ne pas l’utiliser");
/// A code's example.
pub const EXAMPLE: Words = Words::new("Example", "Exemple");
/// Before the quotations of a code.
pub const QUOTATIONS: Words = Words::new(
    "Quotations from the codings:",
    "Citations tirées des codages :",
);

/// Every fixed word of the appendix (for the test that each has both languages).
pub const ALL: &[Words] = &[
    CODEBOOK,
    DEFINITION,
    WHEN_TO_USE,
    WHEN_NOT_TO_USE,
    EXAMPLE,
    QUOTATIONS,
];

/// How much a code is used.
pub fn usage(lang: Lang, codings: usize, interviews: usize, coders: usize) -> String {
    say(
        lang,
        || format!("{codings} coding(s), {interviews} interview(s), {coders} coder(s)"),
        || format!("{codings} codage(s), {interviews} entretien(s), {coders} codeur(s)"),
    )
}
