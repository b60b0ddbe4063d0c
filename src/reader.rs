//! The segments reader: every coded passage a selection keeps, in full, with the sentences
//! around it, grouped by document, stage, coder or code; and the same passages as an
//! export, so that what a researcher reads is what they export.
//!
//! The passages are the export's records ([`crate::export::build_segments`]): the same
//! selection of coders, codes (with their descendants) and documents, the same stage by
//! the house's rule (the coder's stage code over the passage, else the interview's
//! attribute), then a filter on case attributes ([`crate::retrieval::attributes_match`],
//! with stages named in French, in English or by id).

use std::collections::{BTreeMap, HashMap};

use crate::document::Document;
use crate::export::formats::{Format, Rendered, render};
use crate::export::{
    Dimension, ExportError, ExportOptions, Pseudonyms, SegmentRecord, SegmentSet, Selection,
    build_segments,
};
use crate::store::AllCodings;
use crate::study::Study;

/// How the passages are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// One section per document, in id order.
    #[default]
    Document,
    /// One section per stage (the house's rule), in the codebook's order, passages without
    /// a stage last.
    Stage,
    /// One section per coder, by name.
    Coder,
    /// One section per code, in codebook order.
    Code,
}

impl Grouping {
    /// The next grouping (document → stage → coder → code → document).
    pub fn next(self) -> Self {
        match self {
            Grouping::Document => Grouping::Stage,
            Grouping::Stage => Grouping::Coder,
            Grouping::Coder => Grouping::Code,
            Grouping::Code => Grouping::Document,
        }
    }

    /// The grouping's name (`document`, `stage`, `coder`, `code`).
    pub fn name(self) -> &'static str {
        match self {
            Grouping::Document => "document",
            Grouping::Stage => "stage",
            Grouping::Coder => "coder",
            Grouping::Code => "code",
        }
    }
}

/// Which passages, grouped how, with how much context.
#[derive(Debug, Clone, Default)]
pub struct ReaderQuery {
    /// Coders, codes (with their descendants) and documents, as an export selects them.
    pub selection: Selection,
    /// Case attributes every passage's document must have: `key=value` words (a stage in
    /// either language or by id; `doc=E01` names a document) and bare words (any
    /// attribute or the document id); see [`attributes_pass`].
    pub attributes: String,
    /// The sections.
    pub grouping: Grouping,
    /// Sentences of context before and after each passage.
    pub context: usize,
    /// The language of code labels in the export (`fr`, `en`; empty: the study's).
    pub lang: String,
}

/// One passage in full, with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The export's record (document, code, coder, span, text, speaker, stage…).
    pub record: SegmentRecord,
    /// The text just before the passage: the sentences of context, from the start of the
    /// first one (speaker labels included).
    pub before: String,
    /// The text just after it, to the end of the last sentence of context.
    pub after: String,
}

/// A section of passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The document id, stage, coder or code id (`None`: passages without a stage).
    pub key: Option<String>,
    /// The passages, by document, start and coder.
    pub passages: Vec<Passage>,
}

/// What the reader shows.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The sections, in the grouping's order.
    pub sections: Vec<Section>,
    /// Things worth telling the user (the export's warnings).
    pub warnings: Vec<String>,
}

impl Reading {
    /// How many passages the sections hold.
    pub fn len(&self) -> usize {
        self.sections.iter().map(|s| s.passages.len()).sum()
    }

    /// Whether no passage was kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether a document passes an attribute filter: [`crate::retrieval::attributes_match`]
/// over its attributes and its id (`doc=E01`, `id=E01` or the bare id), a stage value
/// named by its French or English label or its id (`stage=croissance` is `stage=growth`).
pub fn attributes_pass(study: &Study, doc: &str, filter: &str) -> bool {
    let filter = filter
        .split_whitespace()
        .map(|word| match word.split_once('=') {
            Some((k, v)) => format!(
                "{k}={}",
                crate::filter::attribute_value(&study.codebook, k, v)
            ),
            None => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut attrs = study.attributes(doc);
    attrs.insert("doc".to_string(), doc.to_string());
    attrs.insert("id".to_string(), doc.to_string());
    crate::retrieval::attributes_match(&attrs, &filter)
}

/// The export's records for `q` (every field filled, stage as the first dimension when
/// the study has stages), kept by the attribute filter.
pub fn segments(
    study: &Study,
    all: &AllCodings,
    q: &ReaderQuery,
    pseudonyms: Option<Pseudonyms>,
) -> Result<SegmentSet, ExportError> {
    let by: Vec<Dimension> = Dimension::resolve(study, "stage").into_iter().collect();
    let opts = ExportOptions {
        by,
        selection: q.selection.clone(),
        lang: q.lang.clone(),
        pseudonyms,
        lean: false,
    };
    let mut set = build_segments(study, all, &opts)?;
    if !q.attributes.trim().is_empty() {
        let mut kept: HashMap<String, bool> = HashMap::new();
        set.records.retain(|r| {
            *kept
                .entry(r.doc.to_string())
                .or_insert_with(|| attributes_pass(study, &r.doc, &q.attributes))
        });
    }
    Ok(set)
}

/// The passages `q` selects, in full with their context, grouped as it asks.
pub fn read(study: &Study, all: &AllCodings, q: &ReaderQuery) -> Result<Reading, ExportError> {
    let set = segments(study, all, q, None)?;
    let stage_dim = !set.dims.is_empty();
    let mut docs: HashMap<String, Option<Document>> = HashMap::new();
    // (section order, key) → passages; the order is the grouping's.
    let mut sections: BTreeMap<(usize, String), Section> = BTreeMap::new();
    let mut stage_rank: HashMap<Option<String>, usize> = HashMap::new();
    for record in set.records {
        let doc = docs
            .entry(record.doc.to_string())
            .or_insert_with(|| study.load_document(&record.doc).ok());
        let (before, after) = doc
            .as_ref()
            .map(|d| context(d, record.start, record.end, q.context))
            .unwrap_or_default();
        let key = match q.grouping {
            Grouping::Document => Some(record.doc.to_string()),
            Grouping::Stage if stage_dim => record.dim(0).map(str::to_string),
            Grouping::Stage => None,
            Grouping::Coder => Some(record.coder.to_string()),
            Grouping::Code => Some(record.code.to_string()),
        };
        let order = match q.grouping {
            // Records come in the stage's order: the first seen ranks first.
            Grouping::Stage => {
                let next = stage_rank.len();
                *stage_rank.entry(key.clone()).or_insert(next)
            }
            Grouping::Code => record.code_order,
            Grouping::Document | Grouping::Coder => 0,
        };
        let slot = (order, key.clone().unwrap_or_default());
        sections
            .entry(slot)
            .or_insert_with(|| Section {
                key,
                passages: Vec::new(),
            })
            .passages
            .push(Passage {
                record,
                before,
                after,
            });
    }
    let mut sections: Vec<Section> = sections.into_values().collect();
    for s in &mut sections {
        s.passages.sort_by(|a, b| {
            let key = |p: &Passage| {
                (
                    p.record.doc.clone(),
                    p.record.start,
                    p.record.end,
                    p.record.coder.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
    }
    Ok(Reading {
        sections,
        warnings: set.warnings,
    })
}

/// The coder under whom [`search_passages`] reads a search's hits.
pub const SEARCH_CODER: &str = "search";

/// A search's hits as passages that [`read`] and [`export`] treat as they treat coded
/// ones: each hit a coding by [`SEARCH_CODER`] under the code `search: <query>` (no code
/// of the codebook has a space, so it is never taken for one), spanning the hit's
/// passage. The hits of a document that cannot be read are left out.
pub fn search_passages(study: &Study, query: &str, hits: &[crate::search::Hit]) -> AllCodings {
    let code = format!("search: {}", query.trim());
    let mut docs: HashMap<&str, Option<Document>> = HashMap::new();
    let mut codings = Vec::with_capacity(hits.len());
    for hit in hits {
        let doc = docs
            .entry(hit.doc.as_str())
            .or_insert_with(|| study.load_document(&hit.doc).ok());
        if let Some(doc) = doc.as_ref() {
            let end = hit.range.end.min(doc.char_len());
            let start = hit.range.start.min(end);
            codings.push(crate::store::new_coding(
                doc,
                &code,
                start..end,
                None,
                SEARCH_CODER,
            ));
        }
    }
    AllCodings {
        codings,
        coders: vec![SEARCH_CODER.to_string()],
        ..AllCodings::default()
    }
}

/// The text around `start..end` in `doc`: the `n` sentences before it (from the start of
/// the sentence it starts in, if it starts inside one) and after it (the rest of the
/// sentence it ends in counts as one).
pub fn context(doc: &Document, start: usize, end: usize, n: usize) -> (String, String) {
    let sentences = &doc.sentences;
    if n == 0 || sentences.is_empty() {
        return (String::new(), String::new());
    }
    let first = sentences.partition_point(|s| s.end <= start);
    let from = sentences
        .get(first.saturating_sub(n))
        .map_or(start, |s| s.start.min(start));
    let last = sentences.partition_point(|s| s.end <= end);
    let to = sentences
        .get((last + n - 1).min(sentences.len() - 1))
        .map_or(end, |s| s.end.max(end));
    let to = if last >= sentences.len() { end } else { to };
    (
        doc.slice(from..start).to_string(),
        doc.slice(end..to).to_string(),
    )
}

/// An export of what the reader shows.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The file's bytes and the text a pseudonym scan looks at.
    pub rendered: Rendered,
    /// How many passages it holds.
    pub count: usize,
    /// Real names of `pseudonyms.csv` still in the output.
    pub leaks: Vec<crate::export::Leak>,
}

/// The passages of `q` rendered in `format`, pseudonymised by the study's
/// `pseudonyms.csv` as `glose export segments` does.
pub fn export(
    study: &Study,
    all: &AllCodings,
    q: &ReaderQuery,
    format: Format,
) -> Result<Exported, ExportError> {
    let pseudonyms = Pseudonyms::load(&Pseudonyms::path(study))?;
    let set = segments(study, all, q, Some(pseudonyms.clone()))?;
    let title = format!("Coded segments — {}", study.config.name);
    let rendered = render(&set, format, &study.codebook, &title)?;
    let leaks = pseudonyms.scan(rendered.scan_text());
    Ok(Exported {
        rendered,
        count: set.records.len(),
        leaks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn sample() -> (Study, AllCodings) {
        let study = Study::open(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let all = crate::store::load_all(&study);
        (study, all)
    }

    fn query(code: &str, grouping: Grouping) -> ReaderQuery {
        ReaderQuery {
            selection: Selection {
                codes: vec![code.to_string()],
                ..Selection::default()
            },
            grouping,
            context: 1,
            ..ReaderQuery::default()
        }
    }

    /// A search's hits are read in full with their context, by document, and export like
    /// coded passages (#18: the reader on a search).
    #[test]
    fn search_hits_read_and_export_as_passages() {
        let (study, _) = sample();
        let doc = study.load_document("E01").unwrap();
        let at = doc.text.find("Instagram").unwrap();
        let start = doc.text[..at].chars().count();
        let hit = |doc: &str, range: std::ops::Range<usize>| crate::search::Hit {
            doc: doc.into(),
            range,
            speaker: String::new(),
            role: crate::document::Role::Unknown,
            turn: None,
            text: String::new(),
            score: 0.0,
            matches: Vec::new(),
        };
        let hits = [hit("E01", start..start + 9), hit("nowhere", 0..3)];
        let all = search_passages(&study, "instagram", &hits);
        assert_eq!(all.codings.len(), 1, "an unreadable document is left out");
        let q = ReaderQuery {
            context: 1,
            ..ReaderQuery::default()
        };
        let reading = read(&study, &all, &q).unwrap();
        assert_eq!(reading.len(), 1);
        let p = &reading.sections[0].passages[0];
        assert_eq!(reading.sections[0].key.as_deref(), Some("E01"));
        assert_eq!(p.record.text, "Instagram");
        assert_eq!(&*p.record.code, "search: instagram");
        assert!(!p.before.is_empty() && !p.after.is_empty());
        let out = export(&study, &all, &q, Format::Csv).unwrap();
        assert_eq!(out.count, 1);
        let csv = String::from_utf8(out.rendered.into_bytes()).unwrap();
        assert!(
            csv.contains("Instagram") && csv.contains("search: instagram"),
            "{csv}"
        );
    }

    /// Every grouping holds the export's records for the code, each passage in full with
    /// the sentence before and after it, on the sample study (the repository root).
    #[test]
    fn passages_in_full_with_context_in_every_grouping() {
        let (study, all) = sample();
        let code = "practice.community";
        let q = query(code, Grouping::Document);
        let set = segments(&study, &all, &q, None).unwrap();
        assert!(set.records.len() > 5, "{}", set.records.len());
        for grouping in [
            Grouping::Document,
            Grouping::Stage,
            Grouping::Coder,
            Grouping::Code,
        ] {
            let reading = read(&study, &all, &query(code, grouping)).unwrap();
            assert_eq!(reading.len(), set.records.len(), "{grouping:?}");
            for s in &reading.sections {
                for p in &s.passages {
                    let r = &p.record;
                    let key = match grouping {
                        Grouping::Document => Some(r.doc.to_string()),
                        Grouping::Stage => r.dim(0).map(str::to_string),
                        Grouping::Coder => Some(r.coder.to_string()),
                        Grouping::Code => Some(r.code.to_string()),
                    };
                    assert_eq!(s.key, key);
                    let doc = study.load_document(&r.doc).unwrap();
                    assert_eq!(r.text, doc.slice(r.start..r.end));
                    // Context: the text right before and after, ending and starting at
                    // the passage.
                    let before_start = r.start - p.before.chars().count();
                    assert_eq!(doc.slice(before_start..r.start), p.before);
                    assert_eq!(doc.slice(r.end..r.end + p.after.chars().count()), p.after);
                }
            }
        }
        // Sections by code follow the codebook's order; by stage, the stages' order.
        let by_code = read(&study, &all, &query(code, Grouping::Code)).unwrap();
        let order: Vec<usize> = by_code
            .sections
            .iter()
            .map(|s| {
                set.records
                    .iter()
                    .find(|r| Some(&*r.code) == s.key.as_deref())
            })
            .map(|r| r.unwrap().code_order)
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        let by_stage = read(&study, &all, &query(code, Grouping::Stage)).unwrap();
        let stages = study.stage_names();
        let ranks: Vec<usize> = by_stage
            .sections
            .iter()
            .map(|s| {
                s.key
                    .as_ref()
                    .and_then(|k| stages.iter().position(|x| x == k))
                    .unwrap_or(usize::MAX)
            })
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");
    }

    /// Context of a sentence: exactly the sentences before and after it.
    #[test]
    fn context_is_whole_sentences_either_side() {
        let (study, _) = sample();
        let doc = study.load_document("E01").unwrap();
        let s = doc.sentences[5].clone();
        let (before, after) = context(&doc, s.start, s.end, 1);
        assert_eq!(before, doc.slice(doc.sentences[4].start..s.start));
        assert_eq!(after, doc.slice(s.end..doc.sentences[6].end));
        let (before, after) = context(&doc, s.start, s.end, 0);
        assert!(before.is_empty() && after.is_empty());
        // A passage starting mid-sentence gets the start of its sentence.
        let (before, _) = context(&doc, s.start + 3, s.end, 1);
        assert_eq!(before, doc.slice(doc.sentences[4].start..s.start + 3));
        // The last sentence has nothing after it.
        let last = doc.sentences.last().unwrap().clone();
        let (_, after) = context(&doc, last.start, last.end, 2);
        assert!(after.is_empty());
    }

    /// The attribute filter takes stages in French, English or by id, and documents.
    #[test]
    fn attributes_filter_stages_in_either_language_and_documents() {
        let (study, all) = sample();
        let mut q = query("practice", Grouping::Document);
        let every = read(&study, &all, &q).unwrap();
        for f in ["stage=croissance", "stage=Growth", "stage=stage.growth"] {
            q.attributes = f.to_string();
            let r = read(&study, &all, &q).unwrap();
            assert!(!r.is_empty() && r.len() < every.len(), "{f}");
            assert!(
                r.sections
                    .iter()
                    .all(|s| study.stage_of(s.key.as_deref().unwrap()).as_deref()
                        == Some("growth"))
            );
        }
        q.attributes = "doc=E03".into();
        let r = read(&study, &all, &q).unwrap();
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].key.as_deref(), Some("E03"));
    }

    /// The export holds exactly the passages the reader shows, pseudonymised.
    #[test]
    fn export_holds_what_is_shown() {
        let (study, all) = sample();
        let mut q = query("practice", Grouping::Coder);
        q.attributes = "stage=launch".into();
        let shown = read(&study, &all, &q).unwrap();
        let out = export(&study, &all, &q, Format::Jsonl).unwrap();
        let n = out.count;
        assert_eq!(n, shown.len());
        let text = String::from_utf8(out.rendered.into_bytes()).unwrap();
        assert_eq!(text.lines().count(), n);
        for s in &shown.sections {
            for p in &s.passages {
                assert!(text.contains(&format!("\"id\":\"{}\"", p.record.id)));
            }
        }
    }
}
