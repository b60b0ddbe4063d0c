//! Consensus segments: the passages every coder of a document gave the same code.
//!
//! For each document, the coders considered are the selected coders who coded that
//! document at all (at least two; with fewer, the document has no consensus). For each
//! code, the consensus is the intersection of those coders' spans of the code: the
//! characters that all of them coded with it. Each maximal run becomes one segment of the
//! coder `consensus`, whose memo gathers the coders' memos on the codings it came from.
//!
//! Which coders: [`consensus_design`], the agreement design of the core in its
//! missing-coders form, so `consensus` (the adjudicated file) is never intersected and a
//! barely-started coder does not take interviews away by default.

use std::collections::BTreeMap;

use crate::agreement::design::{Design, DesignError, DesignOptions, Missing, coded_documents};
use crate::store::{AllCodings, Coding};
use crate::study::Study;

/// The coder label of computed consensus segments (the intersection of the coders'
/// spans), as exports show it. Computed on each export, never stored; not the adjudicated
/// file [`crate::agreement::consensus::ADJUDICATED_CODER`] (the same word, for readers of
/// exports, but a different thing).
pub const INTERSECTION_CODER: &str = "consensus";

/// The coders and documents of consensus segments: `coders` when given, else the
/// default coders of an agreement ([`crate::agreement::design`]); the documents coded by at
/// least two of them (`docs` restricts the candidates).
pub fn consensus_design(
    study: &Study,
    all: &AllCodings,
    coders: &[String],
    docs: &[String],
) -> Result<Design, DesignError> {
    let coded = coded_documents(
        &all.coders,
        all.codings
            .iter()
            .filter(|c| study.entry(&c.doc).is_ok())
            .map(|c| (c.coder.as_str(), c.doc.as_str())),
    );
    Design::new(
        &coded,
        &DesignOptions {
            coders: (!coders.is_empty()).then(|| coders.to_vec()),
            docs: (!docs.is_empty()).then(|| docs.to_vec()),
            min_coverage: None,
            missing: Missing::Allowed,
        },
    )
}

/// Intersects two sorted, disjoint span lists.
fn intersect(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        let (s, e) = (x.0.max(y.0), x.1.min(y.1));
        if s < e {
            out.push((s, e));
        }
        if x.1 < y.1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The consensus codings of `codings` among `coders` (see the module documentation).
pub fn consensus_codings(codings: &[Coding], coders: &[String]) -> Vec<Coding> {
    let mut by_doc: BTreeMap<&str, Vec<&Coding>> = BTreeMap::new();
    for c in codings.iter().filter(|c| coders.contains(&c.coder)) {
        by_doc.entry(&c.doc).or_default().push(c);
    }
    let mut out = Vec::new();
    for (doc, list) in by_doc {
        let mut present: Vec<&str> = list.iter().map(|c| c.coder.as_str()).collect();
        present.sort_unstable();
        present.dedup();
        if present.len() < 2 {
            continue;
        }
        let mut by_code: BTreeMap<&str, Vec<&Coding>> = BTreeMap::new();
        for c in &list {
            by_code.entry(&c.code).or_default().push(c);
        }
        for (code, of_code) in by_code {
            let mut common: Option<Vec<(usize, usize)>> = None;
            for coder in &present {
                let spans = crate::spans::union(
                    of_code
                        .iter()
                        .filter(|c| c.coder == *coder)
                        .map(|c| (c.start, c.end))
                        .collect(),
                );
                common = Some(match common {
                    None => spans,
                    Some(prev) => intersect(&prev, &spans),
                });
            }
            for (s, e) in common.unwrap_or_default() {
                let sources: Vec<&&Coding> = of_code.iter().filter(|c| c.overlaps(s, e)).collect();
                let Some(first) = sources.first() else {
                    continue;
                };
                let mut memos: Vec<String> = sources
                    .iter()
                    .filter_map(|c| c.memo.as_ref().map(|m| format!("{}: {m}", c.coder)))
                    .collect();
                memos.sort();
                out.push(Coding {
                    id: format!("consensus:{doc}:{code}:{s}-{e}"),
                    doc: doc.to_string(),
                    code: code.to_string(),
                    start: s,
                    end: e,
                    memo: (!memos.is_empty()).then(|| memos.join("\n")),
                    created: sources
                        .iter()
                        .map(|c| c.created)
                        .min()
                        .unwrap_or(first.created),
                    modified: sources
                        .iter()
                        .map(|c| c.modified)
                        .max()
                        .unwrap_or(first.modified),
                    anchor: first.anchor.clone(),
                    selection_name: None,
                    suggested: None,
                    coder: INTERSECTION_CODER.to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Anchor;

    fn coding(coder: &str, code: &str, start: usize, end: usize) -> Coding {
        let t = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        Coding {
            id: format!("{coder}-{code}-{start}"),
            doc: "E01".into(),
            code: code.into(),
            start,
            end,
            memo: None,
            created: t,
            modified: t,
            anchor: Anchor {
                quote: String::new(),
                prefix: String::new(),
                suffix: String::new(),
                doc_hash: String::new(),
            },
            selection_name: None,
            suggested: None,
            coder: coder.into(),
        }
    }

    #[test]
    fn consensus_is_the_intersection_per_code() {
        let codings = vec![
            coding("a", "x", 0, 10),
            coding("a", "x", 20, 30),
            coding("b", "x", 5, 25),
            coding("b", "y", 0, 30),
            coding("a", "z", 0, 3),
        ];
        let coders = vec!["a".to_string(), "b".to_string()];
        let got: Vec<(String, usize, usize)> = consensus_codings(&codings, &coders)
            .into_iter()
            .map(|c| (c.code, c.start, c.end))
            .collect();
        assert_eq!(got, vec![("x".into(), 5, 10), ("x".into(), 20, 25)]);
    }

    #[test]
    fn a_document_coded_by_one_coder_has_no_consensus() {
        let codings = vec![coding("a", "x", 0, 10)];
        let coders = vec!["a".to_string(), "b".to_string()];
        assert!(consensus_codings(&codings, &coders).is_empty());
    }

    /// The computed intersection is labelled [`INTERSECTION_CODER`] and never takes the
    /// adjudicated file's codings in (it is not one of the intersected coders).
    #[test]
    fn the_intersection_is_not_the_adjudicated_file() {
        use crate::agreement::consensus::ADJUDICATED_CODER;
        let codings = vec![
            coding("a", "x", 0, 10),
            coding("b", "x", 0, 10),
            coding(ADJUDICATED_CODER, "x", 4, 6),
        ];
        let coders = vec!["a".to_string(), "b".to_string()];
        let got = consensus_codings(&codings, &coders);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].start, got[0].end), (0, 10));
        assert_eq!(got[0].coder, INTERSECTION_CODER);
    }
}
