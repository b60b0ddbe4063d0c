//! Running a query: tantivy search, ordering, stored fields and highlight ranges.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocAddress, Searcher};

use super::analysis::Lang;
use super::compile::Compiler;
use super::highlight::Highlighter;
use super::index::Index;
use super::{CodedSpan, Hit, Order, Query, SearchError, SearchOptions};
use crate::document::Role;
use crate::study::Study;

impl Index {
    /// Runs `query` against the index. `spans` are the codings that `code:`, `coder:` and
    /// `uncoded` are evaluated against. A filter name, code or document that the study does
    /// not know is a [`SearchError::Query`] with its position.
    pub fn search(
        &self,
        study: &Study,
        query: &Query,
        options: &SearchOptions,
        spans: &[CodedSpan],
    ) -> Result<Vec<Hit>, SearchError> {
        let mut langs = self.manifest.langs();
        if langs.is_empty() {
            langs.push(Lang::Fr);
        }
        let compiled = Compiler {
            study,
            fields: self.fields,
            langs,
            spans,
        }
        .compile(query)?;
        let tantivy_err = |source| SearchError::Tantivy {
            path: self.dir.clone(),
            source,
        };
        if options.limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let all = usize::try_from(searcher.num_docs())
            .unwrap_or(usize::MAX)
            .max(1);
        let mut found: Vec<(f32, DocAddress)> = match options.order {
            Order::Score => searcher
                .search(
                    &compiled,
                    &TopDocs::with_limit(options.limit.min(all)).order_by_score(),
                )
                .map_err(tantivy_err)?,
            Order::Document => {
                let mut hits = searcher
                    .search(&compiled, &TopDocs::with_limit(all).order_by_score())
                    .map_err(tantivy_err)?;
                let keys = document_keys(&searcher, &hits).map_err(tantivy_err)?;
                hits.sort_by(|a, b| keys.get(&a.1).cmp(&keys.get(&b.1)));
                hits.truncate(options.limit);
                hits
            }
        };
        let mut highlighters: HashMap<Lang, Highlighter> = HashMap::new();
        let mut out = Vec::with_capacity(found.len());
        for (score, address) in found.drain(..) {
            let doc: TantivyDocument = searcher.doc(address).map_err(tantivy_err)?;
            let f = &self.fields;
            let text_of = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            };
            let num_of = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
            let text = text_of(f.text);
            let lang = Lang::from_code(&text_of(f.lang)).unwrap_or(Lang::Fr);
            let start = usize::try_from(num_of(f.start)).unwrap_or(0);
            let end = usize::try_from(num_of(f.end)).unwrap_or(start);
            let hl = highlighters
                .entry(lang)
                .or_insert_with(|| Highlighter::new(&query.root, lang));
            let matches = byte_to_doc_chars(&text, start, hl.ranges(&text));
            let role = match text_of(f.role).as_str() {
                "interviewer" => Role::Interviewer,
                "respondent" => Role::Respondent,
                _ => Role::Unknown,
            };
            let turn = num_of(f.turn);
            out.push(Hit {
                doc: text_of(f.doc),
                range: start..end,
                speaker: text_of(f.speaker),
                role,
                turn: turn.checked_sub(1).and_then(|t| usize::try_from(t).ok()),
                text,
                score,
                matches,
            });
        }
        Ok(out)
    }
}

/// (document id, start) of each hit, read from the fast fields.
fn document_keys(
    searcher: &Searcher,
    hits: &[(f32, DocAddress)],
) -> tantivy::Result<HashMap<DocAddress, (String, u64)>> {
    let mut out = HashMap::with_capacity(hits.len());
    let mut by_segment: HashMap<u32, Vec<DocAddress>> = HashMap::new();
    for (_, a) in hits {
        by_segment.entry(a.segment_ord).or_default().push(*a);
    }
    for (segment, addresses) in by_segment {
        let reader = searcher.segment_reader(segment);
        let ff = reader.fast_fields();
        let starts = ff.u64("start")?;
        let docs = ff.str("doc")?;
        let mut buf = String::new();
        for a in addresses {
            buf.clear();
            if let Some(col) = &docs
                && let Some(ord) = col.ords().first(a.doc_id)
            {
                col.ord_to_str(ord, &mut buf)?;
            }
            out.insert(a, (buf.clone(), starts.first(a.doc_id).unwrap_or(0)));
        }
    }
    Ok(out)
}

/// Converts byte ranges inside a passage's text into char ranges of the document.
fn byte_to_doc_chars(
    text: &str,
    passage_start: usize,
    ranges: Vec<std::ops::Range<usize>>,
) -> Vec<std::ops::Range<usize>> {
    let char_at = |byte: usize| passage_start + text.get(..byte).map_or(0, |s| s.chars().count());
    ranges
        .into_iter()
        .map(|r| char_at(r.start)..char_at(r.end))
        .collect()
}
