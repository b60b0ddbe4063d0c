//! One coding of a selection or of a whole source: checked against the text glose reads,
//! merged with a coding of the same span, code and user, or added.

use crate::document::Document;
use crate::refi::offsets::slice_chars;
use crate::refi::{self, CodeRef, Guid, TextSource, WarningKind};
use crate::store::{Coding, make_anchor, new_id, now};

use super::Importer;
use super::notes::distinct_memos;

/// What makes two codings one: document, start, end, code and coder.
pub(super) type CodingKey = (String, usize, usize, String, String);

/// The document a source's codings go to.
pub(super) struct Place<'a> {
    /// The source, with its text as the other tool wrote it.
    pub(super) source: &'a TextSource,
    /// The document as glose will read it.
    pub(super) doc: &'a Document,
    /// The document id.
    pub(super) id: &'a str,
}

/// One coding to add: its span, its code reference, and what it inherits from its
/// selection or source.
pub(super) struct NewCoding<'a> {
    /// First character.
    pub(super) start: usize,
    /// Character after the last.
    pub(super) end: usize,
    /// The `Coding` element.
    pub(super) code_ref: &'a CodeRef,
    /// The selection's or source's user, when the coding names none.
    pub(super) user: Option<&'a Guid>,
    /// The selection's or source's date, when the coding has none.
    pub(super) date: Option<jiff::Timestamp>,
    /// The memo texts of the coding.
    pub(super) memo: Vec<String>,
    /// The selection's name, if any.
    pub(super) selection_name: Option<&'a str>,
}

/// What became of a coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// A new coding.
    Added,
    /// Merged into a coding of the same span, code and user.
    Merged,
    /// Not imported (warned).
    Skipped,
}

impl Importer<'_> {
    /// Adds one coding at `place`, or merges it into the coding it repeats.
    pub(super) fn add_coding(&mut self, place: &Place<'_>, c: NewCoding<'_>) -> Outcome {
        let (s, cr) = (place.source, c.code_ref);
        let (start, end) = (c.start, c.end);
        let Some(code) = self.codes.by_guid.get(&cr.code_guid).cloned() else {
            self.warnings.push(refi::Warning::new(
                WarningKind::DataLoss,
                Some(&cr.guid),
                format!(
                    "coding in {:?} refers to no code of the codebook: not imported",
                    s.name
                ),
            ));
            return Outcome::Skipped;
        };
        let coder = self.coders.of(cr.creating_user.as_ref().or(c.user));
        let quote = slice_chars(&s.text, start, end);
        if place.doc.slice(start..end) != quote {
            self.warnings.push(refi::Warning::new(
                WarningKind::Selection,
                Some(&cr.guid),
                format!("coding of {code} at {start}..{end} in {:?} does not fit the text glose reads: not imported", s.name),
            ));
            return Outcome::Skipped;
        }
        let key = (
            place.id.to_string(),
            start,
            end,
            code.clone(),
            coder.clone(),
        );
        let memo = distinct_memos(c.memo);
        if let Some(&i) = self.seen.get(&key) {
            if let Some(existing) = self.codings.get_mut(i) {
                join_memos(existing, memo);
            }
            return Outcome::Merged;
        }
        let id = self.coding_id(cr, &code, place, start..end);
        let created = cr.creation_date.or(c.date).unwrap_or_else(now);
        self.seen.insert(key, self.codings.len());
        self.codings.push(Coding {
            id,
            doc: place.id.to_string(),
            code,
            start,
            end,
            memo: (!memo.is_empty()).then(|| memo.join("\n\n")),
            created,
            modified: created,
            anchor: make_anchor(place.doc, start..end),
            selection_name: c
                .selection_name
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            suggested: None,
            coder,
        });
        Outcome::Added
    }

    /// The coding's GUID as its id, or a new id (warned) when the GUID is taken.
    fn coding_id(
        &mut self,
        cr: &CodeRef,
        code: &str,
        place: &Place<'_>,
        span: std::ops::Range<usize>,
    ) -> String {
        let cid = cr.guid.to_string();
        if self.used_ids.insert(cid.clone()) {
            return cid;
        }
        self.warnings.push(refi::Warning::new(
            WarningKind::InvalidValue,
            Some(&cr.guid),
            format!(
                "coding GUID {cid} is used twice (coding of {code} at {}..{} in {:?}): imported under a new id",
                span.start, span.end, place.source.name
            ),
        ));
        new_id()
    }
}

/// Adds to `coding`'s memo the texts it does not already hold.
fn join_memos(coding: &mut Coding, memo: Vec<String>) {
    for m in memo {
        let joined = match coding.memo.take() {
            Some(old) if !old.contains(&m) => format!("{old}\n\n{m}"),
            Some(old) => old,
            None => m,
        };
        coding.memo = Some(joined);
    }
}
