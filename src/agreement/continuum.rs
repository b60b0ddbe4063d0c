//! Agreement views that work on the text as a continuum rather than on pre-defined units:
//! every character a unit (NVivo's coding comparison, NOTES 3.5), MAXQDA's segment
//! agreement (NOTES 3.6) and Krippendorff's u-alphas per semantic domain (NOTES 3.2-3.3).

use rustc_hash::FxHashMap;
use std::ops::Range;

use serde::Serialize;

use super::doc_units::UnitDoc;
use super::units::{Buckets, CodeSet, Inputs, Pattern, binary_data};
use super::{
    AgreementError, Coefficient, OverlapBasis, ReliabilityData, Segment, UnitizedAlphas,
    UnitizedData, compare_segments, unitized_alphas,
};

/// A run of characters and the mask of the coders who applied a code on it.
pub type Run = (Range<usize>, u64);

/// Characters as units: for every code and document, the maximal runs of text on which
/// the set of coders who applied the code is constant and not empty. The rest of the
/// document is "coded by nobody". Stored as runs, never one entry per character.
#[derive(Debug, Clone)]
pub struct CharMatrix {
    /// Coders, in column order.
    pub coders: Vec<String>,
    /// Compared codes.
    pub codes: Vec<String>,
    /// Document ids.
    pub docs: Vec<String>,
    /// Length of each document body in chars (every char is a unit, spaces included, as
    /// in NVivo).
    pub lengths: Vec<usize>,
    /// `present[doc]`: bit c set when coder c coded the document at all.
    pub present: Vec<u64>,
    /// `runs[code][doc]`: (run, mask of coders who applied the code there).
    runs: Vec<Vec<Vec<Run>>>,
}

/// Maximal runs of constant, non-zero coder mask over per-coder disjoint span lists.
pub fn mask_runs(per_coder: &[&[Range<usize>]]) -> Vec<(Range<usize>, u64)> {
    let mut events: Vec<(usize, u64)> = Vec::new();
    for (c, spans) in per_coder.iter().enumerate() {
        for s in spans.iter() {
            events.push((s.start, 1 << c));
            events.push((s.end, 1 << c));
        }
    }
    events.sort_unstable();
    let mut out: Vec<(Range<usize>, u64)> = Vec::new();
    let mut mask = 0u64;
    let mut prev = 0usize;
    let mut i = 0;
    while let Some(&(pos, _)) = events.get(i) {
        if pos > prev && mask != 0 {
            match out.last_mut() {
                Some((r, m)) if r.end == prev && *m == mask => r.end = pos,
                _ => out.push((prev..pos, mask)),
            }
        }
        // Each coder's spans are disjoint and non-adjacent, so a bit at a position flips.
        while let Some(&(p, bit)) = events.get(i) {
            if p != pos {
                break;
            }
            mask ^= bit;
            i += 1;
        }
        prev = pos;
    }
    out
}

impl CharMatrix {
    /// Build the runs of every code and document.
    pub fn build<D: UnitDoc>(inputs: &Inputs<D>, codes: &CodeSet) -> Result<Self, AgreementError> {
        let buckets = Buckets::new(inputs, codes)?;
        let m = inputs.coders.len();
        let runs = (0..codes.codes.len())
            .map(|code| {
                (0..inputs.docs.len())
                    .map(|d| {
                        let per: Vec<&[Range<usize>]> =
                            (0..m).map(|c| buckets.spans(d, c, code)).collect();
                        mask_runs(&per)
                    })
                    .collect()
            })
            .collect();
        Ok(CharMatrix {
            coders: inputs.coders.to_vec(),
            codes: codes.codes.clone(),
            docs: inputs.docs.iter().map(|d| d.doc_id().to_string()).collect(),
            lengths: inputs.docs.iter().map(|d| d.body_len()).collect(),
            present: buckets.present,
            runs,
        })
    }

    /// The runs of `code` in `doc`.
    pub fn runs(&self, code: usize, doc: usize) -> &[(Range<usize>, u64)] {
        self.runs
            .get(code)
            .and_then(|x| x.get(doc))
            .map_or(&[], Vec::as_slice)
    }

    /// Character counts per pattern for the given codes and documents (all documents
    /// when `docs` is `None`): pooling the tables, not averaging per-document values.
    pub fn patterns(&self, codes: &[usize], docs: Option<&[usize]>) -> FxHashMap<Pattern, u64> {
        let all: Vec<usize> = (0..self.docs.len()).collect();
        let docs = docs.unwrap_or(&all);
        let mut counts: FxHashMap<Pattern, u64> = FxHashMap::default();
        for &code in codes {
            for &d in docs {
                let present = self.present.get(d).copied().unwrap_or(0);
                let mut coded = 0usize;
                for (r, mask) in self.runs(code, d) {
                    let len = r.end.saturating_sub(r.start);
                    coded += len;
                    *counts.entry((present, mask & present)).or_default() += len as u64;
                }
                let rest = self
                    .lengths
                    .get(d)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(coded);
                if rest > 0 {
                    *counts.entry((present, 0)).or_default() += rest as u64;
                }
            }
        }
        counts
    }

    /// Binary reliability data with every character a unit.
    pub fn data(
        &self,
        codes: &[usize],
        docs: Option<&[usize]>,
    ) -> Result<ReliabilityData, AgreementError> {
        binary_data(&self.coders, self.patterns(codes, docs))
    }
}

/// One code's row of a segment comparison, summed over documents.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentRow {
    /// Code id.
    pub code: String,
    /// Segments of either coder with a match (cell a).
    pub agreements: usize,
    /// The first coder's unmatched segments (cell b).
    pub only_first: usize,
    /// The second coder's unmatched segments (cell c).
    pub only_second: usize,
    /// agreements / all segments.
    pub percent: Coefficient,
}

/// MAXQDA's segment comparison of one pair of coders over the documents both coded.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentPairReport {
    /// First coder.
    pub first: String,
    /// Second coder.
    pub second: String,
    /// Documents both coders coded.
    pub documents: usize,
    /// One row per code with a segment.
    pub per_code: Vec<SegmentRow>,
    /// Total agreements.
    pub agreements: usize,
    /// Total non-agreements.
    pub non_agreements: usize,
    /// agreements / (agreements + non-agreements).
    pub p_observed: Coefficient,
    /// 1/q, q = codes in the table (Brennan & Prediger, as MAXQDA).
    pub p_chance: Coefficient,
    /// (P observed − P chance)/(1 − P chance).
    pub kappa: Coefficient,
}

/// MAXQDA's view (NOTES 3.6) for every pair of coders: two segments agree when they carry
/// the same code and overlap by at least `overlap` of their union. Segments are the
/// codings themselves (not merged); with rollup a descendant's coding is a segment of its
/// compared ancestor.
pub fn segment_comparison(
    inputs: &Inputs,
    codes: &CodeSet,
    overlap: f64,
) -> Vec<SegmentPairReport> {
    let m = inputs.coders.len();
    let doc_index = inputs.doc_index();
    let coder_index = inputs.coder_index();
    let mut segs = vec![vec![Vec::new(); m]; inputs.docs.len()];
    let mut present = vec![vec![false; m]; inputs.docs.len()];
    for c in inputs.codings {
        let (Some(&d), Some(&i)) = (
            doc_index.get(c.doc.as_str()),
            coder_index.get(c.coder.as_str()),
        ) else {
            continue;
        };
        if let Some(p) = present.get_mut(d).and_then(|x| x.get_mut(i)) {
            *p = true;
        }
        for &t in codes.targets(&c.code) {
            if let Some(list) = segs.get_mut(d).and_then(|x| x.get_mut(i)) {
                list.push(Segment {
                    start: c.start as u64,
                    end: c.end as u64,
                    category: t as u32,
                });
            }
        }
    }
    let mut out = Vec::new();
    for a in 0..m {
        for b in a + 1..m {
            let mut rows: Vec<SegmentRow> = codes
                .codes
                .iter()
                .map(|c| SegmentRow {
                    code: c.clone(),
                    agreements: 0,
                    only_first: 0,
                    only_second: 0,
                    percent: Coefficient::undefined("no coded segment"),
                })
                .collect();
            let mut documents = 0;
            for (d, per) in segs.iter().enumerate() {
                let both = present.get(d).is_some_and(|p| p[a] && p[b]);
                if !both {
                    continue;
                }
                documents += 1;
                let r = compare_segments(&per[a], &per[b], overlap, OverlapBasis::Union);
                for c in r.per_code {
                    if let Some(row) = rows.get_mut(c.code as usize) {
                        row.agreements += c.agreements;
                        row.only_first += c.only_first;
                        row.only_second += c.only_second;
                    }
                }
            }
            rows.retain(|r| r.agreements + r.only_first + r.only_second > 0);
            for r in &mut rows {
                let total = r.agreements + r.only_first + r.only_second;
                r.percent = Coefficient::Value(r.agreements as f64 / total as f64);
            }
            let agreements: usize = rows.iter().map(|r| r.agreements).sum();
            let non_agreements: usize = rows.iter().map(|r| r.only_first + r.only_second).sum();
            let q = rows.len();
            let p_observed = if agreements + non_agreements == 0 {
                Coefficient::undefined("no coded segment")
            } else {
                Coefficient::Value(agreements as f64 / (agreements + non_agreements) as f64)
            };
            let (p_chance, kappa) = if q < 2 {
                let why = "MAXQDA's kappa needs at least 2 codes in the table";
                (Coefficient::undefined(why), Coefficient::undefined(why))
            } else {
                let pc = 1.0 / q as f64;
                let kappa = match p_observed.value() {
                    Some(po) => Coefficient::chance_corrected(po, pc, "chance agreement is 1"),
                    None => Coefficient::undefined("no coded segment"),
                };
                (Coefficient::Value(pc), kappa)
            };
            out.push(SegmentPairReport {
                first: inputs.coders[a].clone(),
                second: inputs.coders[b].clone(),
                documents,
                per_code: rows,
                agreements,
                non_agreements,
                p_observed,
                p_chance,
                kappa,
            });
        }
    }
    out
}

/// The u-alphas of one continuum, or why they could not be computed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContinuumResult {
    /// Computed.
    Alphas(UnitizedAlphas),
    /// Not computed, with the reason.
    Undefined(String),
}

/// One document (or the pooled continuum) of a semantic domain.
#[derive(Debug, Clone, Serialize)]
pub struct ContinuumReport {
    /// Document id, or `(pooled)`.
    pub doc: String,
    /// Coders compared on it (those who coded it).
    pub coders: Vec<String>,
    /// Length L in chars.
    pub length: u64,
    /// The alphas.
    pub result: ContinuumResult,
}

/// Krippendorff's u-alphas for one semantic domain (the codes of an exclusive group).
#[derive(Debug, Clone, Serialize)]
pub struct DomainReport {
    /// The group id.
    pub group: String,
    /// Its codes; `per_category[k]` of the alphas is `codes[k]`.
    pub codes: Vec<String>,
    /// One entry per document with at least two coders.
    pub per_document: Vec<ContinuumReport>,
    /// The documents coded by every compared coder, laid end to end as one continuum.
    pub pooled: ContinuumReport,
    /// Documents left out of the pooled continuum because a coder did not code them.
    pub left_out_of_pooled: Vec<String>,
}

/// u-alpha, |u-alpha, cu-alpha and (k)u-alpha of one semantic domain, per document and
/// pooled. A coder's codings of one code are merged first; codings of two different codes
/// of the domain on overlapping text make that continuum undefined (the domain requires
/// mutually exclusive codes, NOTES 3.3), with the place named.
pub fn domain_report(
    inputs: &Inputs,
    group: &str,
    codes: &CodeSet,
) -> Result<DomainReport, AgreementError> {
    let buckets = Buckets::new(inputs, codes)?;
    let m = inputs.coders.len();
    let q = codes.codes.len();
    let mut per_document = Vec::new();
    let mut left_out = Vec::new();
    let mut pooled_segs: Vec<Vec<Segment>> = vec![Vec::new(); m];
    let mut offset = 0u64;
    let all = if m >= 64 { u64::MAX } else { (1u64 << m) - 1 };
    for (d, doc) in inputs.docs.iter().enumerate() {
        let present = buckets.present.get(d).copied().unwrap_or(0);
        let length = doc.char_len() as u64;
        let idx: Vec<usize> = (0..m).filter(|c| present >> c & 1 == 1).collect();
        let segs_of = |c: usize| -> Vec<Segment> {
            (0..q)
                .flat_map(|k| {
                    buckets.spans(d, c, k).iter().map(move |r| Segment {
                        start: r.start as u64,
                        end: r.end as u64,
                        category: k as u32,
                    })
                })
                .collect()
        };
        if present == all {
            for (c, out) in pooled_segs.iter_mut().enumerate() {
                out.extend(segs_of(c).into_iter().map(|s| Segment {
                    start: s.start + offset,
                    end: s.end + offset,
                    ..s
                }));
            }
            offset += length;
        } else {
            left_out.push(doc.id.clone());
        }
        if idx.len() < 2 {
            continue;
        }
        let coders: Vec<String> = idx.iter().map(|&c| inputs.coders[c].clone()).collect();
        let segments: Vec<Vec<Segment>> = idx.iter().map(|&c| segs_of(c)).collect();
        per_document.push(continuum(&doc.id, length, coders, segments, q));
    }
    let pooled = continuum("(pooled)", offset, inputs.coders.to_vec(), pooled_segs, q);
    Ok(DomainReport {
        group: group.to_string(),
        codes: codes.codes.clone(),
        per_document,
        pooled,
        left_out_of_pooled: left_out,
    })
}

fn continuum(
    doc: &str,
    length: u64,
    coders: Vec<String>,
    segments: Vec<Vec<Segment>>,
    q: usize,
) -> ContinuumReport {
    let result = match UnitizedData::new(length, coders.clone(), segments, q) {
        Ok(data) => ContinuumResult::Alphas(unitized_alphas(&data)),
        Err(AgreementError::OverlappingSegments {
            coder,
            first_start,
            second_start,
            second_end,
            ..
        }) => ContinuumResult::Undefined(format!(
            "{} applied two codes of the group to overlapping text near {}..{} (from {}): \
             the u-alphas need mutually exclusive codes",
            coders.get(coder).map_or("a coder", String::as_str),
            second_start,
            second_end,
            first_start,
        )),
        Err(e) => ContinuumResult::Undefined(e.to_string()),
    };
    ContinuumReport {
        doc: doc.to_string(),
        coders,
        length,
        result,
    }
}

#[cfg(test)]
#[path = "continuum_tests.rs"]
mod tests;
