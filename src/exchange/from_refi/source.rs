//! One source: its document, its selections, its whole-source codings and its memos.

use std::collections::BTreeMap;
use std::path::Path;

use crate::document::Document;
use crate::exchange::ids::{doc_id, one_line};
use crate::exchange::new_study::NewDocument;
use crate::refi::offsets::{name_matches, slice_chars};
use crate::refi::{self, Selection, TextSource, WarningKind};
use crate::store::MemoTarget;

use super::cases::value_text;
use super::coding::{NewCoding, Outcome, Place};
use super::notes::repeats;
use super::{Importer, SOURCE_NAME};

impl<'p> Importer<'p> {
    /// Imports one source as a document, with its codings and memos; a source without
    /// text is reported and left out.
    pub(super) fn add_source(&mut self, s: &'p TextSource) {
        if s.text.trim().is_empty() {
            self.warnings.push(refi::Warning::new(
                WarningKind::DataLoss,
                Some(&s.guid),
                format!(
                    "source {:?} has no text: not imported ({} selections)",
                    s.name,
                    s.selections.len()
                ),
            ));
            return;
        }
        let id = self.document_id(s);
        let mut values = self.source_values(s);
        let header = header(s, &id, &mut values);
        let nd = NewDocument {
            id: id.clone(),
            header,
            body: s.text.clone(),
        };
        let doc = Document::parse(
            &id,
            Path::new(&format!("{id}.txt")),
            &nd.file_text(),
            &self.labels,
        );
        if doc.text != s.text {
            self.warnings.push(refi::Warning::new(
                WarningKind::Selection,
                Some(&s.guid),
                format!("the text of {:?} changes when glose reads it back; its codings are checked one by one", s.name),
            ));
        }
        self.doc_of_source.insert(&s.guid, self.documents.len());
        self.doc_of_name
            .entry(s.name.trim().to_string())
            .or_insert(self.documents.len());
        let place = Place {
            source: s,
            doc: &doc,
            id: &id,
        };
        let mut merged = 0;
        for sel in &s.selections {
            merged += self.add_selection(&place, sel);
        }
        merged += self.add_source_codings(&place);
        if merged > 0 {
            self.warnings.push(refi::Warning::new(
                WarningKind::Tolerated,
                Some(&s.guid),
                format!("{merged} codings of {:?} repeat a span, code and user (NVivo writes one selection per coding): merged", s.name),
            ));
        }
        self.add_source_memos(s, &id);
        self.documents.push(nd);
        self.attrs.push(values);
    }

    /// A document id from the source's name, unique ignoring case so that files do not
    /// collide on macOS or Windows.
    fn document_id(&mut self, s: &TextSource) -> String {
        let base = doc_id(&s.name);
        let mut id = base.clone();
        let mut n = 2;
        while self.used_docs.contains(&id.to_lowercase()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used_docs.insert(id.to_lowercase());
        id
    }

    /// The source's variable values as `cases.csv` values; values of undefined variables
    /// are reported and left out.
    fn source_values(&mut self, s: &TextSource) -> BTreeMap<String, String> {
        let mut values = BTreeMap::new();
        for vv in &s.variable_values {
            match (self.variables.get(&vv.variable), &vv.value) {
                (Some(n), Some(v)) => {
                    values.insert(n.clone(), value_text(v));
                }
                (Some(_), None) => {}
                (None, _) => self.warnings.push(refi::Warning::new(
                    WarningKind::InvalidValue,
                    Some(&vv.variable),
                    format!("value of an undefined variable on {:?}: ignored", s.name),
                )),
            }
        }
        values
    }

    /// Imports one selection's codings, or its comment as a document memo when it has no
    /// coding; returns how many codings were merged into others.
    fn add_selection(&mut self, place: &Place<'_>, sel: &Selection) -> usize {
        let s = place.source;
        let quote = slice_chars(&s.text, sel.start, sel.end);
        if sel.start >= sel.end {
            self.warnings.push(refi::Warning::new(
                WarningKind::Selection,
                Some(&sel.guid),
                format!(
                    "empty selection at {} in {:?}: not imported",
                    sel.start, s.name
                ),
            ));
            return 0;
        }
        if sel.name.chars().count() >= 3
            && !sel.name.starts_with("line:")
            && !name_matches(&sel.name, &quote)
        {
            self.warnings.push(refi::Warning::new(
                WarningKind::Selection,
                Some(&sel.guid),
                format!("selection {}..{} in {:?} is named {:?} but its text is {:?}; kept at these offsets", sel.start, sel.end, s.name, sel.name, quote),
            ));
        }
        let mut sel_memo: Vec<String> = sel.description.iter().cloned().collect();
        sel_memo.extend(self.notes.take_texts(&sel.note_refs));
        if sel.codings.is_empty() {
            if !sel_memo.is_empty() {
                self.add_uncoded_comment(place, sel, &quote, &sel_memo);
            }
            return 0;
        }
        let mut merged = 0;
        for (i, cr) in sel.codings.iter().enumerate() {
            let mut memo = if i == 0 { sel_memo.clone() } else { Vec::new() };
            memo.extend(self.notes.take_texts(&cr.note_refs));
            let coding = NewCoding {
                start: sel.start,
                end: sel.end,
                code_ref: cr,
                user: sel.creating_user.as_ref(),
                date: sel.creation_date,
                memo,
                selection_name: Some(&sel.name),
            };
            if self.add_coding(place, coding) == Outcome::Merged {
                merged += 1;
            }
        }
        merged
    }

    /// Keeps the comment on an uncoded selection in the document memo.
    fn add_uncoded_comment(
        &mut self,
        place: &Place<'_>,
        sel: &Selection,
        quote: &str,
        memo: &[String],
    ) {
        let coder = self.coders.of(sel.creating_user.as_ref());
        self.memos.add(
            coder,
            MemoTarget::Doc(place.id.to_string()),
            (
                sel.guid.clone(),
                format!("«{}» {}", quote, memo.join("\n\n")),
                sel.creation_date,
            ),
        );
        self.warnings.push(refi::Warning::new(
            WarningKind::Tolerated,
            Some(&sel.guid),
            format!(
                "comment on an uncoded segment of {:?} kept in the document memo",
                place.source.name
            ),
        ));
    }

    /// Imports the codings of the whole source; returns how many were merged into others.
    fn add_source_codings(&mut self, place: &Place<'_>) -> usize {
        let s = place.source;
        let len = place.doc.char_len();
        let mut merged = 0;
        for cr in &s.codings {
            let memo = self.notes.take_texts(&cr.note_refs);
            let coding = NewCoding {
                start: 0,
                end: len,
                code_ref: cr,
                user: s.creating_user.as_ref(),
                date: s.creation_date,
                memo,
                selection_name: None,
            };
            if self.add_coding(place, coding) == Outcome::Merged {
                merged += 1;
            }
        }
        merged
    }

    /// The notes on the source, and its description when it says something else, as
    /// document memos.
    fn add_source_memos(&mut self, s: &TextSource, id: &str) {
        let mut doc_memos = Vec::new();
        for g in &s.note_refs {
            if let Some(note) = self.notes.take(g) {
                doc_memos.push(note.text.clone());
                self.memos.add(
                    self.coders.of(note.user.as_ref()),
                    MemoTarget::Doc(id.to_string()),
                    (g.clone(), note.text, note.date),
                );
            }
        }
        // QualCoder writes a document's memo as the source's Description; glose writes
        // both, so a Description that repeats the notes is not a second memo.
        if let Some(d) = s.description.as_ref().filter(|d| !d.trim().is_empty())
            && !repeats(d, &doc_memos)
        {
            self.memos.add(
                self.coders.of(s.creating_user.as_ref()),
                MemoTarget::Doc(id.to_string()),
                (s.guid.clone(), d.clone(), s.creation_date),
            );
        }
    }
}

/// The document header of source `s` (title, language, the source's name when the id
/// differs); a multi-line title in `values` is made one line.
fn header(
    s: &TextSource,
    id: &str,
    values: &mut BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let title = values
        .get("title")
        .cloned()
        .unwrap_or_else(|| one_line(&s.name));
    let mut header = vec![("title".to_string(), one_line(&title))];
    if let Some(l) = values.get("language") {
        header.push(("language".to_string(), one_line(l)));
    }
    // The name the other tool gave the source, for the next export.
    if one_line(&s.name) != id && !one_line(&s.name).is_empty() {
        header.push((SOURCE_NAME.to_string(), one_line(&s.name)));
    }
    if one_line(&title) != title {
        values.insert("title".to_string(), one_line(&title));
    }
    header
}
