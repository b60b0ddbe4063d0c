//! The indexed unit: passages cut from a document's sentences.
//!
//! **Choice: groups of consecutive sentences within a paragraph (so within one turn), of
//! about [`GROUP_TARGET_CHARS`] characters.** Measured on the sample study (18 French
//! interviews, 268 KB) with `examples/passage_units.rs` (plain tantivy, same analyser,
//! debug build, one thread); hits are passages:
//!
//! | unit | passages | build | `communauté AND clients` | `réseaux AND clientes` | `instagram AND ventes` | `"bouche à oreille"` |
//! |---|---|---|---|---|---|---|
//! | sentence | 3 462 | 44 ms | 0 | 7 | 0 | 3 |
//! | sentence groups (~300 chars) | 1 228 | 36 ms | 3 | 12 | 4 | 3 |
//!
//! Single sentences are too small for AND queries: in speech a founder says "la
//! communauté" in one sentence and "nos clients" in the next, and a sentence-level index
//! misses that passage; a hit of one short sentence ("Oui, carrément.") also says little
//! out of context. Groups of two to four sentences keep a hit readable on one screen, stay
//! inside one speaker's turn (so `speaker:` and `role:` filters are exact), are a third as
//! many tantivy documents (faster to build), and still point at the matched words through
//! the highlight ranges. A group never crosses a paragraph or a turn.
//!
//! A passage is at most [`MAX_PASSAGE_CHARS`] long: a longer sentence (a transcript
//! without punctuation can be one sentence of megabytes) is cut at the last space before
//! the limit, so that the work of one hit (reading, highlighting, printing) stays bounded.

use std::ops::Range;

use crate::document::{Document, Role};
pub use crate::unit::{GROUP_TARGET_CHARS, MAX_PASSAGE_CHARS};
use crate::unit::{Unit, cut_long};

/// The unit glose indexes with (one tantivy document per unit).
pub const INDEXED_UNIT: Unit = Unit::Passage;

/// A short description of the indexed unit, kept in the manifest so that a change forces
/// a rebuild.
pub fn describe_indexed_unit() -> String {
    format!("group-{GROUP_TARGET_CHARS}-max-{MAX_PASSAGE_CHARS}")
}

/// One indexed passage of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Char range in the document's normalised body.
    pub range: Range<usize>,
    /// The passage text (`doc.slice(range)`).
    pub text: String,
    /// The speaker of the turn, empty before the first label.
    pub speaker: String,
    /// The speaker's role.
    pub role: Role,
    /// 0-based index of the turn, `None` for text outside any turn.
    pub turn: Option<usize>,
}

/// Cuts `doc` into passages: its units of kind `unit` (see [`Document::units`]), each
/// cut at [`MAX_PASSAGE_CHARS`].
pub fn passages(doc: &Document, unit: Unit) -> Vec<Passage> {
    passages_in(doc, doc.units(unit))
}

/// Passages of the char ranges `ranges` of `doc` (each cut at [`MAX_PASSAGE_CHARS`]), with
/// the speaker of the turn each starts in.
pub fn passages_in(doc: &Document, ranges: Vec<Range<usize>>) -> Vec<Passage> {
    ranges
        .into_iter()
        .flat_map(|range| cut_long(doc, range, MAX_PASSAGE_CHARS))
        .map(|range| {
            let turn = doc.turn_at(range.start);
            Passage {
                text: doc.slice(range.clone()).to_string(),
                speaker: turn.map(|t| t.speaker.clone()).unwrap_or_default(),
                role: turn.map_or(Role::Unknown, |t| t.role),
                turn: turn.map(|t| t.index),
                range,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::unit::sentence_groups;

    fn doc(text: &str) -> Document {
        let labels: Vec<String> = crate::document::DEFAULT_INTERVIEWER_LABELS
            .iter()
            .map(|s| s.to_string())
            .collect();
        Document::parse("T", Path::new("T.txt"), text, &labels)
    }

    #[test]
    fn groups_stay_inside_paragraphs_and_turns() {
        let d = doc(
            "Intervieweuse : Une question ? Deux questions.\n\nFondatrice : Oui. Non. Peut-être.\n\nAutre paragraphe.\n",
        );
        let ps = passages_in(&d, sentence_groups(&d, 300));
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Une question ? Deux questions.",
                "Oui. Non. Peut-être.",
                "Autre paragraphe."
            ]
        );
        assert_eq!(ps[1].speaker, "Fondatrice");
        assert_eq!(ps[1].role, Role::Respondent);
        assert_eq!(ps[0].role, Role::Interviewer);
        assert_eq!(ps[2].turn, Some(1));
        for p in &ps {
            assert_eq!(d.slice(p.range.clone()), p.text);
        }
    }

    #[test]
    fn a_long_unpunctuated_paragraph_is_cut_into_bounded_passages() {
        let body = "mot ".repeat(100_000);
        let d = doc(&format!("Fondatrice : {body}\n"));
        let ps = passages(&d, Unit::Passage);
        assert!(ps.len() >= 200, "{}", ps.len());
        for p in &ps {
            assert!(p.range.len() <= MAX_PASSAGE_CHARS, "{:?}", p.range);
            assert_eq!(d.slice(p.range.clone()), p.text);
            assert!(
                !p.text.starts_with(' '),
                "cut after a space: {:?}",
                &p.text[..9]
            );
        }
        // The pieces cover the paragraph without gap or overlap.
        for w in ps.windows(2) {
            assert_eq!(w[0].range.end, w[1].range.start);
        }
        // A word longer than the limit is cut anyway.
        let d = doc(&format!("{}\n", "x".repeat(5000)));
        let lens: Vec<usize> = passages(&d, Unit::Sentence)
            .iter()
            .map(|p| p.range.len())
            .collect();
        assert_eq!(lens, vec![2000, 2000, 1000]);
    }

    #[test]
    fn sentence_unit_and_small_groups() {
        let d = doc("Fondatrice : Un. Deux. Trois.\n");
        assert_eq!(passages(&d, Unit::Sentence).len(), 3);
        let ps = passages_in(&d, sentence_groups(&d, 6));
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["Un. Deux.", "Trois."]);
    }
}
