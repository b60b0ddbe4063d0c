//! The unit of analysis: the one word for "which pieces of a document" that agreement,
//! auto-coding from search, the search index and the TUI's motions share.
//!
//! [`Document::units`] cuts a document into the units of a kind, as sorted, disjoint char
//! ranges of its body; [`Document::unit_at`] finds the unit holding a position.

use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// The size a sentence group ([`Unit::Passage`]) grows to before a new one starts.
pub const GROUP_TARGET_CHARS: usize = 300;

/// The longest passage: longer sentence groups are cut at a space before this many chars.
pub const MAX_PASSAGE_CHARS: usize = 2000;

/// A kind of unit of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Sentences (never crossing a paragraph).
    Sentence,
    /// Paragraphs.
    Paragraph,
    /// Speaker turns, without the speaker label.
    Turn,
    /// What search indexes and returns as a hit: consecutive sentences of a paragraph,
    /// about [`GROUP_TARGET_CHARS`] long, at most [`MAX_PASSAGE_CHARS`].
    Passage,
    /// Every character (NVivo's coding comparison).
    Char,
}

/// A unit name that is not one of [`Unit::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown unit `{0}` (sentence, paragraph, turn, passage or char)")]
pub struct UnknownUnit(pub String);

impl Unit {
    /// Every unit, smallest last.
    pub const ALL: [Unit; 5] = [
        Unit::Sentence,
        Unit::Paragraph,
        Unit::Turn,
        Unit::Passage,
        Unit::Char,
    ];

    /// The unit's name as written in flags and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Sentence => "sentence",
            Unit::Paragraph => "paragraph",
            Unit::Turn => "turn",
            Unit::Passage => "passage",
            Unit::Char => "char",
        }
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Unit {
    type Err = UnknownUnit;

    /// A unit by name; `hit` is the search's name for a passage, `character` for a char.
    fn from_str(s: &str) -> Result<Unit, UnknownUnit> {
        match s.trim().to_lowercase().as_str() {
            "hit" => Ok(Unit::Passage),
            "character" => Ok(Unit::Char),
            name => Unit::ALL
                .into_iter()
                .find(|u| u.name() == name)
                .ok_or_else(|| UnknownUnit(s.to_string())),
        }
    }
}

impl Document {
    /// The units of kind `unit`, as sorted, disjoint char ranges of the body.
    pub fn units(&self, unit: Unit) -> Vec<Range<usize>> {
        match unit {
            Unit::Sentence => self.sentences.clone(),
            Unit::Paragraph => self.paragraphs.clone(),
            Unit::Turn => self.turns.iter().map(|t| t.content.clone()).collect(),
            Unit::Passage => sentence_groups(self, GROUP_TARGET_CHARS)
                .into_iter()
                .flat_map(|r| cut_long(self, r, MAX_PASSAGE_CHARS))
                .collect(),
            Unit::Char => (0..self.char_len()).map(|i| i..i + 1).collect(),
        }
    }

    /// The unit of kind `unit` that holds char offset `pos`, if any (text between units,
    /// such as a speaker label or a blank line, is in none).
    pub fn unit_at(&self, unit: Unit, pos: usize) -> Option<Range<usize>> {
        let find = |ranges: &[Range<usize>]| {
            let i = ranges.partition_point(|r| r.end <= pos);
            ranges.get(i).filter(|r| r.start <= pos).cloned()
        };
        match unit {
            Unit::Sentence => find(&self.sentences),
            Unit::Paragraph => find(&self.paragraphs),
            Unit::Turn => self
                .turn_at(pos)
                .map(|t| t.content.clone())
                .filter(|r| r.start <= pos && pos < r.end),
            Unit::Passage => find(&self.units(Unit::Passage)),
            Unit::Char => (pos < self.char_len()).then(|| pos..pos + 1),
        }
    }
}

/// Consecutive sentences of each paragraph, grouped until a group reaches `target_chars`
/// (the last group of a paragraph may be shorter); a group never crosses a paragraph.
pub fn sentence_groups(doc: &Document, target_chars: usize) -> Vec<Range<usize>> {
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut last_para: Option<usize> = None;
    for s in &doc.sentences {
        let para = doc.paragraphs.partition_point(|p| p.end <= s.start);
        let joins = groups.last().is_some_and(|g| {
            last_para == Some(para) && g.end.saturating_sub(g.start) < target_chars
        });
        match groups.last_mut() {
            Some(g) if joins => g.end = s.end,
            _ => groups.push(s.clone()),
        }
        last_para = Some(para);
    }
    groups
}

/// Cuts `range` into pieces of at most `max` chars, each ending after a space when the
/// piece has one (one pass over the text).
pub fn cut_long(doc: &Document, range: Range<usize>, max: usize) -> Vec<Range<usize>> {
    if range.len() <= max || max == 0 {
        return vec![range];
    }
    let mut out = Vec::new();
    let mut start = range.start;
    let mut after_space = None;
    for (i, c) in doc.slice(range.clone()).chars().enumerate() {
        let pos = range.start + i;
        if pos - start >= max {
            let cut = after_space.filter(|&a| a > start).unwrap_or(pos);
            out.push(start..cut);
            start = cut;
            after_space = None;
        }
        if c.is_whitespace() {
            after_space = Some(pos + 1);
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn doc(text: &str) -> Document {
        let labels: Vec<String> = crate::document::DEFAULT_INTERVIEWER_LABELS
            .iter()
            .map(|s| s.to_string())
            .collect();
        Document::parse("T", Path::new("T.txt"), text, &labels)
    }

    /// Each unit of a two-turn document, and the unit holding a position.
    #[test]
    fn units_of_each_kind_and_the_unit_at_a_position() {
        let d = doc("Intervieweuse : Une question ?\n\nFondatrice : Oui. Non.\n\nPeut-être.\n");
        let texts = |u: Unit| -> Vec<String> {
            d.units(u)
                .into_iter()
                .map(|r| d.slice(r).to_string())
                .collect()
        };
        assert_eq!(
            texts(Unit::Sentence),
            ["Une question ?", "Oui.", "Non.", "Peut-être."]
        );
        assert_eq!(
            texts(Unit::Paragraph),
            ["Une question ?", "Oui. Non.", "Peut-être."]
        );
        assert_eq!(texts(Unit::Passage), texts(Unit::Paragraph));
        assert_eq!(texts(Unit::Turn).len(), 2);
        assert!(texts(Unit::Turn)[1].starts_with("Oui. Non."));
        assert_eq!(d.units(Unit::Char).len(), d.text.chars().count());
        let non = d.text.find("Non").map(|b| d.text[..b].chars().count());
        let non = non.unwrap();
        let at = |u: Unit| d.unit_at(u, non).map(|r| d.slice(r).to_string());
        assert_eq!(at(Unit::Sentence).as_deref(), Some("Non."));
        assert_eq!(at(Unit::Paragraph).as_deref(), Some("Oui. Non."));
        assert_eq!(at(Unit::Passage).as_deref(), Some("Oui. Non."));
        assert_eq!(at(Unit::Char).as_deref(), Some("N"));
        assert!(at(Unit::Turn).unwrap().starts_with("Oui."));
        // The speaker label is in no sentence.
        assert_eq!(d.unit_at(Unit::Sentence, 1), None);
    }

    #[test]
    fn names_round_trip_and_aliases() {
        for u in Unit::ALL {
            assert_eq!(u.name().parse::<Unit>(), Ok(u));
            assert_eq!(
                serde_json::to_value(u).unwrap(),
                serde_json::json!(u.name())
            );
        }
        assert_eq!("hit".parse::<Unit>(), Ok(Unit::Passage));
        assert_eq!("Character".parse::<Unit>(), Ok(Unit::Char));
        assert!("word".parse::<Unit>().is_err());
    }

    /// The search index's passages are the document's passage units (one cutter), on
    /// every interview of the sample study (the repository root).
    #[test]
    fn indexed_passages_are_the_passage_units() {
        let study = crate::study::Study::open(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let ids: Vec<String> = study.entries.iter().map(|e| e.id.clone()).collect();
        assert!(ids.len() >= 10);
        for id in ids {
            let d = study.load_document(&id).unwrap();
            let indexed: Vec<Range<usize>> =
                crate::search::passages(&d, crate::search::INDEXED_UNIT)
                    .into_iter()
                    .map(|p| p.range)
                    .collect();
            assert_eq!(indexed, d.units(Unit::Passage), "{id}");
        }
    }
}
