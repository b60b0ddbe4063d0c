//! What agreement needs of a document, and nothing more: its id, its units of each kind
//! and which of its chars are whitespace. A [`DocUnits`] holds them without the text (so
//! a study's agreement keeps a few bits per char, not the transcripts), and
//! [`super::doc_cache`] keeps one per transcript so that it is read without the text.
//!
//! The statistics take any [`UnitDoc`]: a loaded [`Document`] (the TUI review, the
//! disagreements, tests) or a [`DocUnits`]; both give the same units and counts.

use std::borrow::Cow;
use std::ops::Range;

use super::spans::NonSpace;
use crate::document::Document;
use crate::unit::Unit;

/// A document as agreement sees it.
pub trait UnitDoc: Sync {
    /// The document id.
    fn doc_id(&self) -> &str;
    /// Number of chars in the body.
    fn body_len(&self) -> usize;
    /// The units of kind `kind`, sorted and disjoint char ranges of the body.
    fn units_of(&self, kind: Unit) -> Cow<'_, [Range<usize>]>;
    /// The whitespace of the body.
    fn non_space(&self) -> Cow<'_, NonSpace>;
}

impl UnitDoc for Document {
    fn doc_id(&self) -> &str {
        &self.id
    }

    fn body_len(&self) -> usize {
        self.char_len()
    }

    fn units_of(&self, kind: Unit) -> Cow<'_, [Range<usize>]> {
        match kind {
            Unit::Sentence => Cow::Borrowed(&self.sentences),
            Unit::Paragraph => Cow::Borrowed(&self.paragraphs),
            other => Cow::Owned(self.units(other)),
        }
    }

    fn non_space(&self) -> Cow<'_, NonSpace> {
        Cow::Owned(NonSpace::new(&self.text))
    }
}

/// A document's units and whitespace, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocUnits {
    /// The document id.
    pub id: String,
    /// Sentences.
    pub sentences: Vec<Range<usize>>,
    /// Paragraphs.
    pub paragraphs: Vec<Range<usize>>,
    /// Speaker turns, without their labels.
    pub turns: Vec<Range<usize>>,
    /// Passages (sentence groups, [`Unit::Passage`]).
    pub passages: Vec<Range<usize>>,
    /// Which chars are whitespace; its length is the body's.
    pub non_space: NonSpace,
}

impl DocUnits {
    /// The units and whitespace of a loaded document.
    pub fn of(doc: &Document) -> Self {
        DocUnits {
            id: doc.id.clone(),
            sentences: doc.sentences.clone(),
            paragraphs: doc.paragraphs.clone(),
            turns: doc.units(Unit::Turn),
            passages: doc.units(Unit::Passage),
            non_space: NonSpace::new(&doc.text),
        }
    }
}

impl UnitDoc for DocUnits {
    fn doc_id(&self) -> &str {
        &self.id
    }

    fn body_len(&self) -> usize {
        self.non_space.len()
    }

    fn units_of(&self, kind: Unit) -> Cow<'_, [Range<usize>]> {
        match kind {
            Unit::Sentence => Cow::Borrowed(&self.sentences),
            Unit::Paragraph => Cow::Borrowed(&self.paragraphs),
            Unit::Turn => Cow::Borrowed(&self.turns),
            Unit::Passage => Cow::Borrowed(&self.passages),
            Unit::Char => Cow::Owned((0..self.body_len()).map(|i| i..i + 1).collect()),
        }
    }

    fn non_space(&self) -> Cow<'_, NonSpace> {
        Cow::Borrowed(&self.non_space)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::test_fixtures::doc;

    /// A document and its units give the same units of every kind, length and counts.
    #[test]
    fn doc_units_say_what_the_document_says() {
        let d = doc("D1");
        let u = DocUnits::of(&d);
        assert_eq!(u.doc_id(), d.doc_id());
        assert_eq!(u.body_len(), d.body_len());
        for kind in Unit::ALL {
            assert_eq!(u.units_of(kind), d.units_of(kind), "{kind}");
            assert_eq!(
                u.units_of(kind).as_ref(),
                d.units(kind).as_slice(),
                "{kind}"
            );
        }
        assert_eq!(u.non_space().as_ref(), d.non_space().as_ref());
    }
}
