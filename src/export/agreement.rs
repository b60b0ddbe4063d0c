//! A per-code agreement summary for the report: Krippendorff's alpha at sentence level.
//!
//! Units are the sentences of every document that at least two coders coded. For each
//! code, a coder's value on a sentence is 1 when one of their codings of that code overlaps
//! the sentence and 0 otherwise; a coder who coded nothing in the document is missing
//! there. Alpha is the nominal (binary) alpha of [`crate::agreement::krippendorff_alpha`].

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;

use crate::agreement::{
    Coefficient, Metric, ReliabilityData, krippendorff_alpha, krippendorff_observed_agreement,
};
use crate::store::Coding;
use crate::study::Study;

/// One code's agreement.
#[derive(Debug, Clone, Serialize)]
pub struct CodeAgreement {
    /// The code id.
    pub code: String,
    /// Sentences with at least one coder marking the code.
    pub marked_units: usize,
    /// Krippendorff's alpha (nominal, binary presence per sentence).
    pub alpha: Coefficient,
    /// Observed agreement A_o on the same data.
    pub observed: Coefficient,
}

/// The agreement summary.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementTable {
    /// The coders compared.
    pub coders: Vec<String>,
    /// Documents coded by at least two of them.
    pub documents: usize,
    /// Sentences (units) in those documents.
    pub units: usize,
    /// One row per code used by any coder, in the order of `codes` given.
    pub per_code: Vec<CodeAgreement>,
}

/// Computes the table over `codings` (already selected) for the codes in `codes` order.
pub fn per_code_agreement(
    study: &Study,
    codings: &[Coding],
    coders: &[String],
    codes: &[String],
) -> AgreementTable {
    let mut by_doc: BTreeMap<&str, Vec<&Coding>> = BTreeMap::new();
    for c in codings {
        by_doc.entry(&c.doc).or_default().push(c);
    }
    // (code) -> rows of values per unit.
    let mut rows: BTreeMap<&str, Vec<Vec<Option<u32>>>> = BTreeMap::new();
    let mut marked: BTreeMap<&str, usize> = BTreeMap::new();
    let used: BTreeSet<&str> = codings.iter().map(|c| c.code.as_str()).collect();
    let mut documents = 0;
    let mut units = 0;
    for (doc_id, list) in by_doc {
        let present: Vec<usize> = coders
            .iter()
            .enumerate()
            .filter(|(_, k)| list.iter().any(|c| &c.coder == *k))
            .map(|(i, _)| i)
            .collect();
        if present.len() < 2 {
            continue;
        }
        let Ok(doc) = study.load_document(doc_id) else {
            continue;
        };
        documents += 1;
        units += doc.sentences.len();
        // (code, coder index, sentence index) marked.
        let mut hits: HashSet<(&str, usize, usize)> = HashSet::new();
        for c in &list {
            let Some(k) = coders.iter().position(|x| x == &c.coder) else {
                continue;
            };
            let first = doc.sentences.partition_point(|s| s.end <= c.start);
            for (si, s) in doc.sentences.iter().enumerate().skip(first) {
                if s.start >= c.end {
                    break;
                }
                if c.overlaps(s.start, s.end) {
                    hits.insert((c.code.as_str(), k, si));
                }
            }
        }
        for code in &used {
            let entry = rows.entry(code).or_default();
            for si in 0..doc.sentences.len() {
                let row: Vec<Option<u32>> = (0..coders.len())
                    .map(|k| {
                        present
                            .contains(&k)
                            .then(|| u32::from(hits.contains(&(*code, k, si))))
                    })
                    .collect();
                if row.contains(&Some(1)) {
                    *marked.entry(code).or_default() += 1;
                }
                entry.push(row);
            }
        }
    }
    let per_code = codes
        .iter()
        .filter(|c| used.contains(c.as_str()))
        .map(|code| {
            let data = rows
                .get(code.as_str())
                .and_then(|r| ReliabilityData::new(coders.to_vec(), r.clone(), 2).ok());
            let (alpha, observed) = match data {
                Some(d) => (
                    krippendorff_alpha(&d, Metric::Nominal),
                    krippendorff_observed_agreement(&d),
                ),
                None => {
                    let why = "no document coded by two coders";
                    (Coefficient::undefined(why), Coefficient::undefined(why))
                }
            };
            CodeAgreement {
                code: code.clone(),
                marked_units: marked.get(code.as_str()).copied().unwrap_or(0),
                alpha,
                observed,
            }
        })
        .collect();
    AgreementTable {
        coders: coders.to_vec(),
        documents,
        units,
        per_code,
    }
}
