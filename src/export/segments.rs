//! Coded segments as export records: selection, stage (and other dimension) resolution,
//! text, speaker and citation, pseudonymisation, and a deterministic order (which codings:
//! `selection.rs`; the order: `order.rs`).

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::ExportError;
use super::dims::{DimValue, Dimension};
use super::doc_records::{Body, DocRecords, RecordBuild};
use super::order::record_order;
use super::pseudonyms::Pseudonyms;
pub use super::selection::{Selection, selected_codings};
use super::selection::{check_selection, select};
use crate::store::{AllCodings, Coding};
use crate::study::Study;

/// How to build the records.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The dimensions to group by, outermost first (`stage`, then `sector`).
    pub by: Vec<Dimension>,
    /// Which codings.
    pub selection: Selection,
    /// The language of labels in code paths and headings (`fr` or `en`).
    pub lang: String,
    /// The pseudonyms to apply; `None` exports real names.
    pub pseudonyms: Option<Pseudonyms>,
    /// Skip what needs the transcripts (text, words, speaker, turn, memo, labels, dates)
    /// and the sort (records come by document): enough for matrices that count
    /// segments, documents or coders, and much faster.
    pub lean: bool,
}

/// Text that many records share (a code's labels, a document's id, a coder, a speaker):
/// allocated once and counted, not copied into each of hundreds of thousands of records.
pub type Shared = Arc<str>;

/// One coded segment, ready to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SegmentRecord {
    /// The segment's value for each dimension of [`ExportOptions::by`], in order.
    pub dims: Vec<DimValue>,
    /// The code id.
    pub code: Shared,
    /// The code's French label.
    pub code_label_fr: Shared,
    /// The code's English label.
    pub code_label_en: Shared,
    /// The labels from the top group down to the code, joined by ` > `.
    pub code_path: Shared,
    /// The document id.
    pub doc: Shared,
    /// The document's `company` attribute.
    pub company: Shared,
    /// The speaker of the turn where the segment starts.
    pub speaker: Shared,
    /// `interviewer`, `respondent` or `unknown`.
    pub role: Shared,
    /// The 1-based number of that turn in the interview (0 when there is no turn).
    pub turn: usize,
    /// The turn's timestamp (`hh:mm:ss`), when the transcript has one.
    pub timestamp: Option<String>,
    /// Start, in chars of the normalised body.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The segment's text.
    pub text: String,
    /// Number of words of the text (before pseudonymisation).
    pub words: usize,
    /// The coder's memo on the coding.
    pub memo: Option<String>,
    /// The coder (`consensus` for consensus segments).
    pub coder: Shared,
    /// When the coding was made (RFC 3339).
    pub created: String,
    /// When it last changed.
    pub modified: String,
    /// The coding id.
    pub id: String,
    /// Position of the code in codebook tree order (for sorting and grouping).
    #[serde(skip)]
    pub code_order: usize,
}

impl SegmentRecord {
    /// The value of dimension `i`.
    pub fn dim(&self, i: usize) -> Option<&str> {
        self.dims.get(i).and_then(|d| d.value.as_deref())
    }

    /// How a researcher cites the quotation: `E03, Fondatrice, 00:12:31` or
    /// `E03, Fondatrice, turn 12`.
    pub fn citation(&self) -> String {
        let mut parts = vec![self.doc.to_string()];
        if !self.speaker.is_empty() {
            parts.push(self.speaker.to_string());
        }
        match (&self.timestamp, self.turn) {
            (Some(ts), _) => parts.push(ts.clone()),
            (None, 0) => {}
            (None, n) => parts.push(format!("turn {n}")),
        }
        parts.join(", ")
    }
}

/// The records of an export, with the dimensions they were grouped by.
#[derive(Debug, Clone)]
pub struct SegmentSet {
    /// The dimensions, outermost first.
    pub dims: Vec<Dimension>,
    /// The records, sorted by dimension values, code (tree order), document, start, end,
    /// coder, id (by document only, when built [`ExportOptions::lean`]).
    pub records: Vec<SegmentRecord>,
    /// The codes selected, in tree order.
    pub codes: Vec<String>,
    /// The coders whose codings were used (or `consensus`).
    pub coders: Vec<String>,
    /// The language of labels.
    pub lang: String,
    /// Things worth telling the user (codings on changed text, unreadable documents…).
    pub warnings: Vec<String>,
}

/// Puts `items` in `order` (position `k` receives the item at `order[k]`; `order` is a
/// permutation of the indices) in place, one cycle at a time: no second copy of hundreds
/// of thousands of records.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let n = items.len().min(order.len());
    let mut placed = vec![false; n];
    for start in 0..n {
        let mut k = start;
        while placed.get(k) == Some(&false) {
            if let Some(p) = placed.get_mut(k) {
                *p = true;
            }
            let Some(&from) = order.get(k) else { break };
            if from == start || from >= n {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

/// Refuses a study whose answers would be wrong: a codebook with a cycle, a repeated id or
/// a missing parent, or a coder file that could not be read.
pub fn refuse_unsound(study: &Study, all: &AllCodings) -> Result<(), ExportError> {
    if let Some(problem) = study.codebook.unsound() {
        return Err(ExportError::Unsound(problem));
    }
    if let Some(d) = all
        .problems
        .iter()
        .find(|d| d.severity == crate::diag::Severity::Error)
    {
        return Err(ExportError::Unsound(d.to_string()));
    }
    Ok(())
}

/// The codings of each document with a selected one, documents in id order.
fn codings_by_doc<'c>(
    codings: &'c [Cow<'_, Coding>],
    selected: impl Fn(&Coding) -> bool,
) -> Vec<(&'c str, Vec<&'c Coding>)> {
    let mut by_doc: FxHashMap<&str, Vec<&Coding>> = FxHashMap::default();
    for c in codings {
        by_doc.entry(c.doc.as_str()).or_default().push(c.as_ref());
    }
    let mut by_doc: Vec<_> = by_doc
        .into_iter()
        .filter(|(_, cs)| cs.iter().any(|c| selected(c)))
        .collect();
    by_doc.sort_unstable_by_key(|(doc, _)| *doc);
    by_doc
}

/// Builds the records of an export. Documents are read and their records built on
/// every core (a lean build reads no transcript and stays on one); records and warnings
/// come in document order all the same.
pub fn build_segments(
    study: &Study,
    all: &AllCodings,
    opts: &ExportOptions,
) -> Result<SegmentSet, ExportError> {
    refuse_unsound(study, all)?;
    let code_filter = check_selection(study, all, &opts.selection)?;
    let (codings, coders) = select(study, all, &opts.selection)?;
    let lang = if opts.lang.is_empty() {
        study.config.language.as_str()
    } else {
        opts.lang.as_str()
    };
    let build = RecordBuild::new(study, opts, lang, code_filter, &coders);
    let by_doc = codings_by_doc(&codings, |c| build.selected(&c.code));
    let mut records = Vec::with_capacity(codings.len());
    let mut warnings = Vec::new();
    let mut take = |part: DocRecords| {
        records.extend(part.records);
        warnings.extend(part.warnings);
    };
    if opts.lean {
        // No transcript parse, but codings past the end are left out all the same. Each
        // document's records are moved in as they are built: never two copies of them all.
        let mut lengths = crate::document::lengths::BodyLengths::open(study);
        for (doc_id, cs) in by_doc {
            take(match lengths.get(study, doc_id) {
                Ok(len) => build.doc_records(doc_id, cs, Body::Length(len)),
                Err(e) => DocRecords::skipped(doc_id, cs.len(), &e),
            });
        }
        lengths.save();
    } else {
        let parts: Vec<DocRecords> = by_doc
            .into_par_iter()
            .map(|(doc_id, cs)| match study.load_document(doc_id) {
                Ok(doc) => build.doc_records(doc_id, cs, Body::Text(&doc)),
                Err(e) => DocRecords::skipped(doc_id, cs.len(), &e),
            })
            .collect();
        parts.into_iter().for_each(take);
    }
    if !opts.lean {
        let order = record_order(&records, &opts.by);
        permute(&mut records, &order);
    }
    let codes = study
        .codebook
        .tree_order()
        .into_iter()
        .filter(|c| build.selected(&c.id))
        .map(|c| c.id.clone())
        .collect();
    Ok(SegmentSet {
        dims: opts.by.clone(),
        records,
        codes,
        coders,
        lang: lang.to_string(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dims::ValueRule;

    fn record(i: usize, dims: [Option<&str>; 2], code: (&str, usize), doc: &str) -> SegmentRecord {
        let dim = |v: Option<&str>| DimValue {
            value: v.map(Shared::from),
            rule: ValueRule::Attribute,
        };
        SegmentRecord {
            dims: dims.iter().map(|v| dim(*v)).collect(),
            code: code.0.into(),
            code_label_fr: "".into(),
            code_label_en: "".into(),
            code_path: "".into(),
            doc: doc.into(),
            company: "".into(),
            speaker: "".into(),
            role: "".into(),
            turn: 0,
            timestamp: None,
            start: (i * 7) % 5,
            end: 10 + (i * 3) % 4,
            text: String::new(),
            words: 0,
            memo: None,
            coder: ["ben", "ana", "consensus"][i % 3].into(),
            created: String::new(),
            modified: String::new(),
            id: format!("id{:03}", (i * 37) % 101),
            code_order: code.1,
        }
    }

    /// The order of the records compared field by field with their strings, as the
    /// export defines it.
    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        // Several cycles, a fixed point and a 2-cycle.
        let order = [3, 0, 2, 5, 1, 4, 7, 6];
        let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
        permute(&mut items, &order);
        let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
        assert_eq!(items, expected);
        for n in [0, 1, 2, 17] {
            let mut order: Vec<usize> = (0..n).rev().collect();
            order.rotate_left(n / 3);
            let mut items: Vec<usize> = (0..n).collect();
            permute(&mut items, &order);
            assert_eq!(items, order);
        }
    }

    #[test]
    fn record_order_is_the_order_of_the_strings() {
        let by = vec![
            Dimension::Group {
                name: "stage".into(),
                group: "stage".into(),
                values: vec!["pre-launch".into(), "launch".into(), "growth".into()],
                value_codes: Vec::new(),
                members: Default::default(),
                fallback: "stage".into(),
            },
            Dimension::Attribute {
                name: "sector".into(),
            },
        ];
        let stages = [
            None,
            Some("growth"),
            Some("launch"),
            Some("zzz"),
            Some("aaa"),
        ];
        let sectors = [Some("b"), None, Some("a"), Some("")];
        // Code order differs from the alphabetical one; two codes share an order.
        let codes = [
            ("role.sales", 3),
            ("practice.ads", 7),
            ("z.other", 3),
            ("a.x", 9),
        ];
        let docs = ["E10", "E02", "E2", "B01"];
        let records: Vec<SegmentRecord> = (0..300)
            .map(|i| {
                record(
                    i,
                    [stages[i % 5], sectors[(i / 5) % 4]],
                    codes[(i / 3) % 4],
                    docs[(i / 7) % 4],
                )
            })
            .collect();
        let order = record_order(&records, &by);
        let key = |r: &SegmentRecord| {
            let dims: Vec<_> = by
                .iter()
                .enumerate()
                .map(|(i, d)| d.sort_key(r.dim(i)))
                .collect();
            (
                dims,
                r.code_order,
                r.code.clone(),
                r.doc.clone(),
                r.start,
                r.end,
                r.coder.clone(),
                r.id.clone(),
            )
        };
        let mut expected: Vec<usize> = (0..records.len()).collect();
        expected.sort_by_key(|&i| key(&records[i]));
        let keys_of = |o: &[usize]| o.iter().map(|&i| key(&records[i])).collect::<Vec<_>>();
        assert_eq!(keys_of(&order), keys_of(&expected));
        assert_eq!(records[order[0]].dim(0), Some("launch"));
        assert_eq!(records[*order.last().unwrap()].dim(0), None);
    }
}
