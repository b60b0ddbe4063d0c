//! Auto-coding from a search: the codings that coding every hit of a query would add,
//! skipping what the coder already coded with that code. Both doors can offer it; the
//! caller writes the plan (or shows it, for a dry run).

use std::collections::HashMap;
use std::ops::Range;

use crate::document::Document;
use crate::search::Hit;
use crate::store::{Coding, new_coding};
use crate::study::{Study, StudyError};
use crate::unit::Unit;

/// The codings to add.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// New codings, by document and position, at most one per span.
    pub adds: Vec<Coding>,
    /// Spans skipped: already coded with the code by the coder (overlapping), or empty.
    pub skipped: usize,
}

/// What the code was asked of each hit.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The code to apply.
    pub code: &'a str,
    /// Around each hit: the passage (`Unit::Passage`, the hit itself), the units of the
    /// kind holding a matched word, the turn, or with `Unit::Char` the matched words.
    pub unit: Unit,
    /// A memo on each new coding.
    pub memo: Option<String>,
    /// The coder the codings are made by.
    pub coder: &'a str,
}

/// Plans the codings for `hits`; `existing` is the coder's codings (those overlapping a
/// span with the same code make it skipped).
pub fn plan(
    study: &Study,
    hits: &[Hit],
    existing: &[Coding],
    req: &Request<'_>,
) -> Result<Plan, StudyError> {
    let mut docs: HashMap<String, Document> = HashMap::new();
    let mut spans: Vec<(String, Range<usize>)> = Vec::new();
    for hit in hits {
        if !docs.contains_key(&hit.doc) {
            docs.insert(hit.doc.clone(), study.load_document(&hit.doc)?);
        }
        let Some(doc) = docs.get(&hit.doc) else {
            continue;
        };
        spans.extend(
            units_around(doc, hit, req.unit)
                .into_iter()
                .map(|r| (hit.doc.clone(), r)),
        );
    }
    spans.sort_by(|x, y| (&x.0, x.1.start, x.1.end).cmp(&(&y.0, y.1.start, y.1.end)));
    spans.dedup();
    // The coder's spans of this code, per document (the new ones join as they are made).
    let mut coded: HashMap<String, Vec<Range<usize>>> = HashMap::new();
    for c in existing.iter().filter(|c| c.code == req.code) {
        coded.entry(c.doc.clone()).or_default().push(c.range());
    }
    let mut out = Plan::default();
    for (doc_id, range) in spans {
        let taken = coded.entry(doc_id.clone()).or_default();
        let already = taken
            .iter()
            .any(|r| r.start < range.end && range.start < r.end);
        let Some(doc) = docs.get(&doc_id) else {
            continue;
        };
        if already || range.is_empty() {
            out.skipped += 1;
            continue;
        }
        taken.push(range.clone());
        out.adds.push(new_coding(
            doc,
            req.code,
            range,
            req.memo.as_deref().map(crate::memos::normalize_memo_text),
            req.coder,
        ));
    }
    Ok(out)
}

/// The spans `unit` makes of `hit` in `doc`: the hit's passage, the turn it is in, the
/// matched words (chars), or each sentence or paragraph holding a matched word.
fn units_around(doc: &Document, hit: &Hit, unit: Unit) -> Vec<Range<usize>> {
    match unit {
        Unit::Passage => vec![hit.range.clone()],
        Unit::Turn => doc
            .unit_at(Unit::Turn, hit.range.start)
            .into_iter()
            .collect(),
        Unit::Char => hit.matches.clone(),
        Unit::Sentence | Unit::Paragraph => hit
            .matches
            .iter()
            .filter_map(|m| doc.unit_at(unit, m.start))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Role;

    fn hit(doc: &Document, range: Range<usize>, matches: Vec<Range<usize>>) -> Hit {
        Hit {
            doc: doc.id.clone(),
            text: doc.slice(range.clone()).to_string(),
            range,
            speaker: String::new(),
            role: Role::Unknown,
            turn: None,
            score: 1.0,
            matches,
        }
    }

    /// Each unit around the hits of E01 of the sample study (the repository root): spans
    /// already coded with the code are skipped, two hits in one sentence code it once.
    #[test]
    fn plans_hits_sentences_and_turns() {
        let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let doc = study.load_document("E01").unwrap();
        let s0 = doc.sentences[3].clone();
        let s1 = doc.sentences[8].clone();
        let hits = [
            hit(
                &doc,
                s0.clone(),
                vec![s0.start..s0.start + 2, s0.start + 3..s0.start + 4],
            ),
            hit(
                &doc,
                s1.clone(),
                std::iter::once(s1.start..s1.start + 2).collect(),
            ),
        ];
        let req = |unit| Request {
            code: "role.sales",
            unit,
            memo: Some("auto".into()),
            coder: "tester",
        };
        let p = plan(&study, &hits, &[], &req(Unit::Sentence)).unwrap();
        let spans: Vec<Range<usize>> = p.adds.iter().map(Coding::range).collect();
        assert_eq!(spans, [s0.clone(), s1.clone()]);
        assert_eq!(p.skipped, 0);
        assert!(p.adds.iter().all(|c| c.coder == "tester"
            && c.code == "role.sales"
            && c.memo.as_deref() == Some("auto")
            && c.anchor.quote == doc.slice(c.range())));
        // The first sentence is already coded: skipped; another code does not count.
        let mut existing = vec![p.adds[0].clone()];
        let mut other = p.adds[1].clone();
        other.code = "role.marketing".into();
        existing.push(other);
        let p = plan(&study, &hits, &existing, &req(Unit::Passage)).unwrap();
        assert_eq!(p.skipped, 1);
        assert_eq!(p.adds.len(), 1);
        assert_eq!(p.adds[0].range(), s1);
        // Turns: the whole turn holding the hit, without its label.
        let p = plan(&study, &hits[..1], &[], &req(Unit::Turn)).unwrap();
        let turn = doc.turn_at(s0.start).unwrap();
        assert_eq!(p.adds[0].range(), turn.content);
    }

    /// The other units: the paragraph holding each match (once), and the matched words.
    #[test]
    fn plans_paragraphs_and_matched_words() {
        let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let doc = study.load_document("E01").unwrap();
        let s = doc.sentences[3].clone();
        let words = vec![s.start..s.start + 2, s.start + 3..s.start + 4];
        let hits = [hit(&doc, s.clone(), words.clone())];
        let req = |unit| Request {
            code: "role.sales",
            unit,
            memo: None,
            coder: "tester",
        };
        let p = plan(&study, &hits, &[], &req(Unit::Paragraph)).unwrap();
        let para = doc.unit_at(Unit::Paragraph, s.start).unwrap();
        assert!(para.start <= s.start && s.end <= para.end);
        assert_eq!(p.adds.iter().map(Coding::range).collect::<Vec<_>>(), [para]);
        let p = plan(&study, &hits, &[], &req(Unit::Char)).unwrap();
        assert_eq!(p.adds.iter().map(Coding::range).collect::<Vec<_>>(), words);
    }
}
