//! The records of one document: what `build_segments` does for each document, on
//! whichever core reads it.

use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};

use super::dims::DocDims;
use super::segments::{ExportOptions, SegmentRecord, Shared};
use crate::codebook::Codebook;
use crate::document::Role as TurnRole;
use crate::document::{Document, format_timestamp};
use crate::store::Coding;
use crate::study::Study;

/// What the export needs to know of a code.
struct CodeInfo {
    code: Shared,
    label_fr: Shared,
    label_en: Shared,
    path: Shared,
    order: usize,
}

fn code_infos<'a>(cb: &'a Codebook, lang: &str) -> FastMap<&'a str, CodeInfo> {
    cb.tree_order()
        .into_iter()
        .enumerate()
        .map(|(order, c)| {
            let path = cb
                .path_of(&c.id)
                .iter()
                .map(|p| p.label(lang))
                .collect::<Vec<_>>()
                .join(" > ");
            (
                c.id.as_str(),
                CodeInfo {
                    code: c.id.as_str().into(),
                    label_fr: c.label_fr.as_str().into(),
                    label_en: c.label_en.as_str().into(),
                    path: path.into(),
                    order,
                },
            )
        })
        .collect()
}

/// The texts every record shares, allocated once per export.
struct SharedText {
    empty: Shared,
    roles: [Shared; 3],
    coders: FastMap<String, Shared>,
}

impl SharedText {
    /// The texts of an export whose codings are `coders`'.
    fn new(coders: &[String]) -> Self {
        let role = |r: TurnRole| Shared::from(r.as_str());
        SharedText {
            empty: "".into(),
            roles: [
                role(TurnRole::Interviewer),
                role(TurnRole::Respondent),
                role(TurnRole::Unknown),
            ],
            coders: coders
                .iter()
                .map(|c| (c.clone(), Shared::from(c.as_str())))
                .collect(),
        }
    }

    fn role(&self, role: TurnRole) -> Shared {
        let [interviewer, respondent, unknown] = &self.roles;
        match role {
            TurnRole::Interviewer => interviewer.clone(),
            TurnRole::Respondent => respondent.clone(),
            TurnRole::Unknown => unknown.clone(),
        }
    }

    /// The coder's shared name (made on the spot for a coder not listed).
    fn coder(&self, coder: &str) -> Shared {
        self.coders
            .get(coder)
            .cloned()
            .unwrap_or_else(|| coder.into())
    }
}

/// Keeps the codings that lie inside a body of `len` chars, with a warning for each other.
fn retain_inside(doc_id: &str, len: usize, codings: &mut Vec<&Coding>, warnings: &mut Vec<String>) {
    codings.retain(|c| {
        let fits = c.start < c.end && c.end <= len;
        if !fits {
            warnings.push(format!(
                "{doc_id}: coding {} ({}, {}..{}) lies outside the document ({len} \
                 characters): left out of the export; `glose check` lists such codings",
                c.id, c.code, c.start, c.end
            ));
        }
        fits
    });
}

/// What a document's records are checked against: its text (a full export) or only its
/// length (a lean one).
pub(super) enum Body<'d> {
    /// The document, read.
    Text(&'d Document),
    /// Its body's length in chars.
    Length(usize),
}

/// One document's records and what is worth telling about them, in document order.
pub(super) struct DocRecords {
    pub(super) records: Vec<SegmentRecord>,
    pub(super) warnings: Vec<String>,
}

impl DocRecords {
    /// A document that could not be read: its codings are left out, with a warning.
    pub(super) fn skipped(doc_id: &str, codings: usize, e: &dyn std::fmt::Display) -> Self {
        DocRecords {
            records: Vec::new(),
            warnings: vec![format!("{doc_id}: skipped {codings} coding(s): {e}")],
        }
    }
}

/// What every document's records are built from: shared by the threads that build them.
pub(super) struct RecordBuild<'a> {
    study: &'a Study,
    opts: &'a ExportOptions,
    infos: FastMap<&'a str, CodeInfo>,
    code_filter: Option<FastSet<String>>,
    shared: SharedText,
}

impl<'a> RecordBuild<'a> {
    pub(super) fn new(
        study: &'a Study,
        opts: &'a ExportOptions,
        lang: &str,
        code_filter: Option<FastSet<String>>,
        coders: &[String],
    ) -> Self {
        RecordBuild {
            study,
            opts,
            infos: code_infos(&study.codebook, lang),
            code_filter,
            shared: SharedText::new(coders),
        }
    }

    /// Whether codings of `code` are exported.
    pub(super) fn selected(&self, code: &str) -> bool {
        self.code_filter.as_ref().is_none_or(|f| f.contains(code))
    }

    /// The records of one document's codings (every coder's), checked against its body.
    pub(super) fn doc_records(
        &self,
        doc_id: &str,
        mut codings: Vec<&Coding>,
        body: Body<'_>,
    ) -> DocRecords {
        let mut warnings = Vec::new();
        let doc = match body {
            Body::Length(len) => {
                retain_inside(doc_id, len, &mut codings, &mut warnings);
                None
            }
            Body::Text(doc) => {
                let stale = codings
                    .iter()
                    .filter(|c| c.anchor.doc_hash != doc.hash)
                    .count();
                if stale > 0 {
                    warnings.push(format!(
                        "{doc_id}: {stale} coding(s) were made on an earlier version of the \
                         text; run `glose reanchor` so that their spans follow the edits"
                    ));
                }
                retain_inside(doc_id, doc.char_len(), &mut codings, &mut warnings);
                Some(doc)
            }
        };
        let records = self.records(doc_id, &codings, doc);
        DocRecords { records, warnings }
    }

    fn records(
        &self,
        doc_id: &str,
        codings: &[&Coding],
        doc: Option<&Document>,
    ) -> Vec<SegmentRecord> {
        let (opts, shared) = (self.opts, &self.shared);
        let pseudo = opts.pseudonyms.as_ref().map(|p| p.for_doc(doc_id));
        let clean = |s: &str| -> String {
            match &pseudo {
                Some(p) => p.apply(s).into_owned(),
                None => s.to_string(),
            }
        };
        let doc_shared: Shared = doc_id.into();
        let attr = |name: &str| self.study.attribute(doc_id, name);
        let company: Shared = clean(attr("company").unwrap_or("")).into();
        let rule = DocDims::new(&opts.by, codings.iter().copied(), |name| {
            attr(name).map(clean)
        });
        // A document's speakers, pseudonymised once per turn rather than once per segment.
        let mut speakers: FastMap<usize, Shared> = FastMap::default();
        let mut out = Vec::with_capacity(codings.len());
        for c in codings.iter().filter(|c| self.selected(&c.code)) {
            let info = self.infos.get(c.code.as_str());
            let mut rec = SegmentRecord {
                dims: rule.values(&opts.by, &c.coder, c.start, c.end),
                code: info.map_or_else(|| c.code.as_str().into(), |i| i.code.clone()),
                code_label_fr: shared.empty.clone(),
                code_label_en: shared.empty.clone(),
                code_path: shared.empty.clone(),
                doc: doc_shared.clone(),
                company: company.clone(),
                speaker: shared.empty.clone(),
                role: shared.role(TurnRole::Unknown),
                turn: 0,
                timestamp: None,
                start: c.start,
                end: c.end,
                text: String::new(),
                words: 0,
                memo: None,
                coder: shared.coder(&c.coder),
                created: String::new(),
                modified: String::new(),
                id: c.id.clone(),
                code_order: info.map_or(usize::MAX, |i| i.order),
            };
            if let Some(doc) = doc {
                let turn = doc.turn_at(c.start);
                let raw = doc.slice(c.range());
                rec.text = match &pseudo {
                    Some(p) => {
                        let bytes = doc.byte_of(c.start)..doc.byte_of(c.end.max(c.start));
                        p.apply_span(&doc.text, bytes)
                    }
                    None => raw.to_string(),
                };
                rec.words = crate::text::word_count(raw);
                if let Some(i) = info {
                    rec.code_label_fr = i.label_fr.clone();
                    rec.code_label_en = i.label_en.clone();
                    rec.code_path = i.path.clone();
                } else {
                    rec.code_path = rec.code.clone();
                }
                if let Some(t) = turn {
                    rec.speaker = speakers
                        .entry(t.index)
                        .or_insert_with(|| clean(&t.speaker).into())
                        .clone();
                    rec.role = shared.role(t.role);
                    rec.turn = t.index + 1;
                }
                rec.timestamp = doc.time_at(c.start).map(format_timestamp);
                rec.memo = c.memo.as_deref().map(clean);
                rec.created = c.created.to_string();
                rec.modified = c.modified.to_string();
            }
            out.push(rec);
        }
        out
    }
}
