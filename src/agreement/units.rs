//! Reliability data from coded spans: which coder applied which code to which pre-defined
//! unit (sentence, paragraph or turn).
//!
//! The rule: for a unit and a code, a coder **applied** the code when the union of that
//! coder's codings of the code (or, with `rollup`, of the code and its descendants)
//! covers at least one non-space character of the unit and at least `min_overlap` of the
//! unit's non-space characters. Spaces are not counted, so a coding that ends on the space
//! after a sentence does not touch the next one. The union is taken so that a passage
//! coded in two pieces counts like one coding.
//!
//! **Default `min_overlap` = 0 (any overlap)**, see [`DEFAULT_MIN_OVERLAP`].
//!
//! **Missing data**: a coder who has no coding at all in a document is *missing* for all
//! of that document's units (Krippendorff's "not coded"), not "absent": they did not say
//! the code is not there, they did not read the document.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::doc_units::UnitDoc;
use super::spans::{NonSpace, coverage, merge, reaches};
use super::{AgreementError, ReliabilityData};
use crate::codebook::Codebook;
use crate::document::Document;
use crate::store::Coding;
use crate::unit::Unit;

/// Default minimum share of a unit's non-space characters a coder's codings must cover
/// for the code to count as applied: 0, i.e. any overlap of at least one non-space char.
///
/// Why not 0.5: codings in glose are free spans, and coders often mark only the telling
/// clause of a long sentence. With 0.5, such a coder would count as *not* applying a code
/// they did apply, a systematic bias against careful, tight selections that turns into
/// spurious disagreement. Spill-over into the neighbouring unit, the risk of "any
/// overlap", is mostly whitespace, which is never counted. Raise it (`--min-overlap 0.5`)
/// when coders select loosely across sentence boundaries.
pub const DEFAULT_MIN_OVERLAP: f64 = 0.0;

/// Most coders one comparison can hold (coder sets are bit masks).
pub const MAX_CODERS: usize = 64;

/// Options of unit construction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanOptions {
    /// Count codings of descendants as codings of the code.
    pub rollup: bool,
    /// Minimum covered share of a unit's non-space characters (see [`DEFAULT_MIN_OVERLAP`]).
    pub min_overlap: f64,
}

impl Default for SpanOptions {
    fn default() -> Self {
        SpanOptions {
            rollup: false,
            min_overlap: DEFAULT_MIN_OVERLAP,
        }
    }
}

/// The codes compared, and which codebook codes count for each (itself, plus its
/// descendants with rollup).
#[derive(Debug, Clone, Default)]
pub struct CodeSet {
    /// The compared code ids, in report order.
    pub codes: Vec<String>,
    counts_for: FxHashMap<String, Vec<usize>>,
}

impl CodeSet {
    /// The codes `codes`; with `rollup`, a coding of a descendant counts for its ancestors
    /// among them.
    pub fn new(codebook: &Codebook, codes: &[String], rollup: bool) -> Self {
        let mut counts_for: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (k, code) in codes.iter().enumerate() {
            let members: Vec<String> = if rollup {
                codebook
                    .descendants_and_self(code)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            } else {
                vec![code.clone()]
            };
            for m in members {
                let slot = counts_for.entry(m).or_default();
                if !slot.contains(&k) {
                    slot.push(k);
                }
            }
        }
        CodeSet {
            codes: codes.to_vec(),
            counts_for,
        }
    }

    /// Indices of the compared codes a coding of `code` counts for.
    pub fn targets(&self, code: &str) -> &[usize] {
        self.counts_for.get(code).map_or(&[], Vec::as_slice)
    }
}

/// The documents, codings and coders of one comparison; the documents are loaded
/// [`Document`]s or their [`super::doc_units::DocUnits`].
#[derive(Debug)]
pub struct Inputs<'a, D = Document> {
    /// The compared documents.
    pub docs: &'a [D],
    /// Codings (others than the docs' and coders' are ignored).
    pub codings: &'a [Coding],
    /// The compared coders, in column order.
    pub coders: &'a [String],
}

impl<D> Clone for Inputs<'_, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D> Copy for Inputs<'_, D> {}

impl<D: UnitDoc> Inputs<'_, D> {
    /// Position of each document by id.
    pub fn doc_index(&self) -> FxHashMap<&str, usize> {
        self.docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.doc_id(), i))
            .collect()
    }

    /// Position of each coder by name.
    pub fn coder_index(&self) -> FxHashMap<&str, usize> {
        self.coders
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect()
    }
}

/// Codings sorted into `[doc][coder][code]` range lists, and who coded which document.
#[derive(Debug, Clone)]
pub struct Buckets {
    /// `ranges[doc][coder][code]`: the merged spans of that coder's codings of the code.
    pub ranges: Vec<Vec<Vec<Vec<Range<usize>>>>>,
    /// `present[doc]`: bit c set when coder c has any coding in the document.
    pub present: Vec<u64>,
}

impl Buckets {
    /// Sort the codings of `inputs` by document, coder and compared code.
    pub fn new<D: UnitDoc>(inputs: &Inputs<D>, codes: &CodeSet) -> Result<Self, AgreementError> {
        if inputs.coders.len() > MAX_CODERS {
            return Err(AgreementError::TooManyCoders {
                coders: inputs.coders.len(),
                max: MAX_CODERS,
            });
        }
        let doc_index = inputs.doc_index();
        let coder_index = inputs.coder_index();
        let k = codes.codes.len();
        let m = inputs.coders.len();
        let mut ranges = vec![vec![vec![Vec::new(); k]; m]; inputs.docs.len()];
        let mut present = vec![0u64; inputs.docs.len()];
        for c in inputs.codings {
            let (Some(&d), Some(&i)) = (
                doc_index.get(c.doc.as_str()),
                coder_index.get(c.coder.as_str()),
            ) else {
                continue;
            };
            if let Some(p) = present.get_mut(d) {
                *p |= 1 << i;
            }
            for &t in codes.targets(&c.code) {
                if let Some(list) = ranges
                    .get_mut(d)
                    .and_then(|x| x.get_mut(i))
                    .and_then(|x| x.get_mut(t))
                {
                    list.push(c.range());
                }
            }
        }
        for per_doc in &mut ranges {
            for per_coder in per_doc {
                for list in per_coder.iter_mut() {
                    *list = merge(std::mem::take(list));
                }
            }
        }
        Ok(Buckets { ranges, present })
    }

    /// The merged spans of coder `coder`'s codings of compared code `code` in `doc`.
    pub fn spans(&self, doc: usize, coder: usize, code: usize) -> &[Range<usize>] {
        self.ranges
            .get(doc)
            .and_then(|x| x.get(coder))
            .and_then(|x| x.get(code))
            .map_or(&[], Vec::as_slice)
    }
}

/// Who applied each code to each unit: the binary reliability data of every code, kept
/// sparse (only units someone applied the code to are stored).
#[derive(Debug, Clone)]
pub struct UnitMatrix {
    /// Unit kind.
    pub kind: Unit,
    /// Coders, in column order.
    pub coders: Vec<String>,
    /// Compared codes.
    pub codes: Vec<String>,
    /// Document ids.
    pub docs: Vec<String>,
    /// `units[doc]`: the units kept (those with a non-space character).
    pub units: Vec<Vec<Range<usize>>>,
    /// `present[doc]`: bit c set when coder c coded the document at all.
    pub present: Vec<u64>,
    /// `applied[code][doc]`: (unit, mask of coders who applied the code), by unit.
    applied: Vec<Vec<Vec<(u32, u64)>>>,
}

/// A pattern of one unit: (coders present, coders who applied).
pub type Pattern = (u64, u64);

/// The units of `kind` of a document that have a non-space character, with the number of
/// their non-space characters.
fn kept_units<D: UnitDoc>(doc: &D, ns: &NonSpace, kind: Unit) -> (Vec<Range<usize>>, Vec<usize>) {
    let all = doc.units_of(kind);
    let mut kept = Vec::with_capacity(all.len());
    let mut sizes = Vec::with_capacity(all.len());
    for r in all.iter() {
        let n = ns.count(r.clone());
        if n > 0 {
            kept.push(r.clone());
            sizes.push(n);
        }
    }
    (kept, sizes)
}

/// One document's part of a [`UnitMatrix`].
struct DocHits {
    /// Its units kept.
    kept: Vec<Range<usize>>,
    /// `applied[code]`: (unit, mask of coders who applied the code), by unit.
    applied: Vec<Vec<(u32, u64)>>,
}

impl DocHits {
    /// Who applied each of the `k` codes to each unit of document `d` (`m` coders).
    fn new<D: UnitDoc>(
        buckets: &Buckets,
        d: usize,
        doc: &D,
        kind: Unit,
        (k, m): (usize, usize),
        opts: &SpanOptions,
    ) -> Self {
        let ns = doc.non_space();
        let (kept, sizes) = kept_units(doc, &ns, kind);
        let mut hits: Vec<(u32, u64)> = Vec::new();
        let applied = (0..k)
            .map(|code| {
                hits.clear();
                for coder in 0..m {
                    let spans = buckets.spans(d, coder, code);
                    if spans.is_empty() {
                        continue;
                    }
                    for (u, covered) in coverage(&kept, spans, &ns) {
                        let size = sizes.get(u).copied().unwrap_or(0);
                        if reaches(covered, size, opts.min_overlap) {
                            hits.push((u as u32, 1 << coder));
                        }
                    }
                }
                hits.sort_unstable_by_key(|h| h.0);
                let mut folded: Vec<(u32, u64)> = Vec::with_capacity(hits.len());
                for &(u, bit) in &hits {
                    match folded.last_mut() {
                        Some((last, mask)) if *last == u => *mask |= bit,
                        _ => folded.push((u, bit)),
                    }
                }
                folded
            })
            .collect();
        DocHits { kept, applied }
    }
}

impl UnitMatrix {
    /// Build the matrix for `kind` units.
    pub fn build<D: UnitDoc>(
        inputs: &Inputs<D>,
        codes: &CodeSet,
        kind: Unit,
        opts: &SpanOptions,
    ) -> Result<Self, AgreementError> {
        let buckets = Buckets::new(inputs, codes)?;
        let k = codes.codes.len();
        let m = inputs.coders.len();
        // One document per task, in parallel; collected in document order.
        let per_doc: Vec<DocHits> = inputs
            .docs
            .par_iter()
            .enumerate()
            .map(|(d, doc)| DocHits::new(&buckets, d, doc, kind, (k, m), opts))
            .collect();
        let mut units = Vec::with_capacity(inputs.docs.len());
        let mut applied = vec![Vec::with_capacity(inputs.docs.len()); k];
        for doc in per_doc {
            for (per_code, hits) in applied.iter_mut().zip(doc.applied) {
                per_code.push(hits);
            }
            units.push(doc.kept);
        }
        Ok(UnitMatrix {
            kind,
            coders: inputs.coders.to_vec(),
            codes: codes.codes.clone(),
            docs: inputs.docs.iter().map(|d| d.doc_id().to_string()).collect(),
            units,
            present: buckets.present,
            applied,
        })
    }

    /// Number of units over all documents.
    pub fn n_units(&self) -> usize {
        self.units.iter().map(Vec::len).sum()
    }

    /// What each coder did with `code` on unit `unit` of document `doc`: `None` =
    /// missing (did not code the document), `Some(applied)` otherwise.
    pub fn cell(&self, code: usize, doc: usize, unit: usize) -> Vec<Option<bool>> {
        let present = self.present.get(doc).copied().unwrap_or(0);
        let mask = self
            .applied
            .get(code)
            .and_then(|x| x.get(doc))
            .and_then(|list| {
                list.binary_search_by_key(&(unit as u32), |h| h.0)
                    .ok()
                    .and_then(|i| list.get(i))
            })
            .map_or(0, |h| h.1);
        (0..self.coders.len())
            .map(|c| (present >> c & 1 == 1).then_some(mask >> c & 1 == 1))
            .collect()
    }

    /// The units of `doc` someone applied `code` to, with the mask of who did.
    pub fn touched(&self, code: usize, doc: usize) -> &[(u32, u64)] {
        self.applied
            .get(code)
            .and_then(|x| x.get(doc))
            .map_or(&[], Vec::as_slice)
    }

    /// Pattern counts of the given codes pooled: each (unit, code) is one unit.
    pub fn patterns(&self, codes: &[usize]) -> FxHashMap<Pattern, u64> {
        let mut counts: FxHashMap<Pattern, u64> = FxHashMap::default();
        for &code in codes {
            for (d, units) in self.units.iter().enumerate() {
                let present = self.present.get(d).copied().unwrap_or(0);
                let touched = self.touched(code, d);
                for &(_, mask) in touched {
                    *counts.entry((present, mask & present)).or_default() += 1;
                }
                let rest = units.len().saturating_sub(touched.len()) as u64;
                if rest > 0 {
                    *counts.entry((present, 0)).or_default() += rest;
                }
            }
        }
        counts
    }

    /// Binary reliability data (category 0 = not applied, 1 = applied; missing when the
    /// coder did not code the document) of the given codes, pooled when several.
    pub fn data(&self, codes: &[usize]) -> Result<ReliabilityData, AgreementError> {
        binary_data(&self.coders, self.patterns(codes))
    }
}

/// Binary reliability data from pattern counts (rows sorted for determinism).
pub fn binary_data(
    coders: &[String],
    patterns: FxHashMap<Pattern, u64>,
) -> Result<ReliabilityData, AgreementError> {
    let mut rows: Vec<(Pattern, u64)> = patterns.into_iter().collect();
    rows.sort_unstable();
    let m = coders.len();
    let units: Vec<Vec<Option<u32>>> = rows
        .iter()
        .map(|((present, mask), _)| {
            (0..m)
                .map(|c| (present >> c & 1 == 1).then_some((mask >> c & 1) as u32))
                .collect()
        })
        .collect();
    let weights = rows.iter().map(|r| r.1).collect();
    ReliabilityData::new(coders.to_vec(), units, 2)?.with_multiplicity(weights)
}

/// One nominal variable per unit for a group of mutually exclusive codes (such as the
/// stages): each coder's value is the code of the group they applied to the unit, or
/// "none" (category `codes.len()`), or missing. When a coder applied two codes of the
/// group to one unit (a unit straddling a boundary), the one covering more of the unit
/// wins; ties go to the first in `codes` order.
pub fn nominal_data<D: UnitDoc>(
    inputs: &Inputs<D>,
    codes: &CodeSet,
    kind: Unit,
    opts: &SpanOptions,
) -> Result<ReliabilityData, AgreementError> {
    let buckets = Buckets::new(inputs, codes)?;
    let k = codes.codes.len();
    let m = inputs.coders.len();
    // One document per task, in parallel; the counts are integers, summed in any order.
    let per_doc: Vec<FxHashMap<Vec<Option<u32>>, u64>> = inputs
        .docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| nominal_counts(&buckets, d, doc, kind, (k, m), opts))
        .collect();
    let mut counts: FxHashMap<Vec<Option<u32>>, u64> = FxHashMap::default();
    for part in per_doc {
        for (row, n) in part {
            *counts.entry(row).or_default() += n;
        }
    }
    let mut rows: Vec<(Vec<Option<u32>>, u64)> = counts.into_iter().collect();
    rows.sort_unstable();
    let weights = rows.iter().map(|r| r.1).collect();
    let units = rows.into_iter().map(|r| r.0).collect();
    ReliabilityData::new(inputs.coders.to_vec(), units, k + 1)?.with_multiplicity(weights)
}

/// The rows of [`nominal_data`] of document `d` (`k` codes, `m` coders), counted.
fn nominal_counts<D: UnitDoc>(
    buckets: &Buckets,
    d: usize,
    doc: &D,
    kind: Unit,
    (k, m): (usize, usize),
    opts: &SpanOptions,
) -> FxHashMap<Vec<Option<u32>>, u64> {
    let none = k as u32;
    let present = buckets.present.get(d).copied().unwrap_or(0);
    let ns = doc.non_space();
    let (kept, sizes) = kept_units(doc, &ns, kind);
    // best[unit * m + coder] = (covered, code): the code covering most, first on ties.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; kept.len() * m];
    for coder in 0..m {
        for code in 0..k {
            for (u, covered) in coverage(&kept, buckets.spans(d, coder, code), &ns) {
                let size = sizes.get(u).copied().unwrap_or(0);
                if !reaches(covered, size, opts.min_overlap) {
                    continue;
                }
                if let Some(slot) = best.get_mut(u * m + coder) {
                    match slot {
                        Some((most, _)) if covered <= *most => {}
                        _ => *slot = Some((covered, code)),
                    }
                }
            }
        }
    }
    let base: Vec<Option<u32>> = (0..m)
        .map(|c| (present >> c & 1 == 1).then_some(none))
        .collect();
    let mut counts: FxHashMap<Vec<Option<u32>>, u64> = FxHashMap::default();
    let mut touched = 0u64;
    for unit in best.chunks(m.max(1)) {
        if unit.iter().all(Option::is_none) {
            continue;
        }
        touched += 1;
        let mut row = base.clone();
        for (cell, slot) in row.iter_mut().zip(unit) {
            if let (Some(v), Some((_, code))) = (cell.as_mut(), slot) {
                *v = *code as u32;
            }
        }
        *counts.entry(row).or_default() += 1;
    }
    let rest = (kept.len() as u64).saturating_sub(touched);
    if rest > 0 {
        *counts.entry(base).or_default() += rest;
    }
    counts
}

#[cfg(test)]
#[path = "units_tests.rs"]
mod tests;
