//! Krippendorff's u-alpha family for unitized continua (NOTES 3.2; Krippendorff, Mathet,
//! Bouvry & Widlöcher 2016, Q&Q 50:2347-2364; Krippendorff 2019 sec. 12.6): uα, |uα,
//! cuα and (k)uα, as offered by ATLAS.ti (NOTES 3.3).
//!
//! Each coder's valued segments ("units") on one continuum `[0, L)` must not overlap; the
//! matter between them is the gap value ∅. ATLAS.ti mapping (NOTES 3.3, *recalled*):
//! "α-binary" = [`UnitizedAlphas::binary_u_alpha`] on the codes of one semantic domain,
//! "cu-α" = [`UnitizedAlphas::cu_alpha`] on that domain, "Cu-α" = `cu_alpha` after
//! [`UnitizedData::map_categories`] maps every code to its domain.

use super::{AgreementError, Coefficient};
use serde::Serialize;
use std::fmt::Debug;

/// A coded span `[start, end)` on the continuum, with its category index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// First position (inclusive).
    pub start: u64,
    /// Position after the last one (exclusive).
    pub end: u64,
    /// Category index (`< categories`).
    pub category: u32,
}

impl Segment {
    /// Length `end − start` (0 if malformed).
    pub fn len(&self) -> u64 {
        self.end.saturating_sub(self.start)
    }

    /// True when the segment covers nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One continuum of length L coded by m coders: per coder, non-overlapping segments
/// sorted by start. Validated by the constructors.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitizedData {
    length: u64,
    coders: Vec<String>,
    segments: Vec<Vec<Segment>>,
    categories: usize,
}

/// A section of a coder's partition of `[0, L)`: `value == q` is the gap ∅.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Section {
    pub start: u64,
    pub end: u64,
    pub value: usize,
}

impl UnitizedData {
    /// Validate and sort: every segment non-empty, inside `[0, length)`, with a category
    /// `< categories`, and no two segments of one coder overlapping.
    pub fn new(
        length: u64,
        coders: Vec<String>,
        mut segments: Vec<Vec<Segment>>,
        categories: usize,
    ) -> Result<Self, AgreementError> {
        segments.resize(coders.len(), Vec::new());
        for (coder, segs) in segments.iter_mut().enumerate() {
            segs.sort_by_key(|s| (s.start, s.end));
            for s in segs.iter() {
                if s.start >= s.end || s.end > length {
                    return Err(AgreementError::SegmentOutOfRange {
                        coder,
                        start: s.start,
                        end: s.end,
                        length,
                    });
                }
                if s.category as usize >= categories {
                    return Err(AgreementError::SegmentCategory {
                        coder,
                        value: s.category,
                        categories,
                    });
                }
            }
            for w in segs.windows(2) {
                if let [a, b] = w
                    && b.start < a.end
                {
                    return Err(AgreementError::OverlappingSegments {
                        coder,
                        first_start: a.start,
                        first_end: a.end,
                        second_start: b.start,
                        second_end: b.end,
                    });
                }
            }
        }
        Ok(UnitizedData {
            length,
            coders,
            segments,
            categories,
        })
    }

    /// Build from labelled spans `(start, end, label)` per coder. With a codebook, q is its
    /// size; without, the categories are the distinct labels used, sorted. Returns the data
    /// and the label of each category index.
    pub fn from_labels<L: Ord + Clone + Debug>(
        length: u64,
        coders: Vec<String>,
        spans: &[Vec<(u64, u64, L)>],
        codebook: Option<&[L]>,
    ) -> Result<(Self, Vec<L>), AgreementError> {
        let rows: Vec<Vec<Option<L>>> = spans
            .iter()
            .map(|s| s.iter().map(|(_, _, l)| Some(l.clone())).collect())
            .collect();
        let mut labels: Vec<L> = match codebook {
            Some(b) => b.to_vec(),
            None => rows.iter().flatten().flatten().cloned().collect(),
        };
        if codebook.is_none() {
            labels.sort();
            labels.dedup();
        }
        let mut segments = Vec::with_capacity(spans.len());
        for (coder, s) in spans.iter().enumerate() {
            let mut out = Vec::with_capacity(s.len());
            for (start, end, label) in s {
                let k = labels.iter().position(|l| l == label).ok_or_else(|| {
                    AgreementError::UnknownLabel {
                        unit: out.len(),
                        coder,
                        label: format!("{label:?}"),
                    }
                })?;
                let category = u32::try_from(k).map_err(|_| AgreementError::TooManyCategories {
                    categories: labels.len(),
                })?;
                out.push(Segment {
                    start: *start,
                    end: *end,
                    category,
                });
            }
            segments.push(out);
        }
        let data = UnitizedData::new(length, coders, segments, labels.len())?;
        Ok((data, labels))
    }

    /// Continuum length L.
    pub fn length(&self) -> u64 {
        self.length
    }

    /// Coder names.
    pub fn coders(&self) -> &[String] {
        &self.coders
    }

    /// Each coder's segments, sorted by start.
    pub fn segments(&self) -> &[Vec<Segment>] {
        &self.segments
    }

    /// Number of declared categories q.
    pub fn categories(&self) -> usize {
        self.categories
    }

    /// Keep only the segments of category `k`, recoded as category 0 of 1 (everything else
    /// becomes gap): the per-code binary view used for |uα of one code and for αU 2004.
    pub fn only_category(&self, k: u32) -> UnitizedData {
        let segments = self
            .segments
            .iter()
            .map(|s| {
                s.iter()
                    .filter(|g| g.category == k)
                    .map(|g| Segment { category: 0, ..*g })
                    .collect()
            })
            .collect();
        UnitizedData {
            length: self.length,
            coders: self.coders.clone(),
            segments,
            categories: 1,
        }
    }

    /// Recode categories through `map` (old index → new index `< categories`), e.g. codes
    /// to semantic domains for ATLAS.ti's Cu-α. Errors if the result overlaps within a
    /// coder or a code has no mapping.
    pub fn map_categories(&self, map: &[u32], categories: usize) -> Result<Self, AgreementError> {
        let mut segments = Vec::with_capacity(self.segments.len());
        for (coder, segs) in self.segments.iter().enumerate() {
            let mut out = Vec::with_capacity(segs.len());
            for s in segs {
                let category =
                    *map.get(s.category as usize)
                        .ok_or(AgreementError::SegmentCategory {
                            coder,
                            value: s.category,
                            categories: map.len(),
                        })?;
                out.push(Segment { category, ..*s });
            }
            segments.push(out);
        }
        UnitizedData::new(self.length, self.coders.clone(), segments, categories)
    }

    /// The binary view of one code built from raw segments in which *different* codes may
    /// overlap (separate variables, as in Krippendorff 2004 Fig. 2): keeps the segments of
    /// `code`, recoded as category 0 of 1. Errors if that code's segments overlap within a
    /// coder or fall outside `[0, length)`.
    pub fn single_code(
        length: u64,
        coders: Vec<String>,
        segments: &[Vec<Segment>],
        code: u32,
    ) -> Result<Self, AgreementError> {
        let kept = segments
            .iter()
            .map(|s| {
                s.iter()
                    .filter(|g| g.category == code)
                    .map(|g| Segment { category: 0, ..*g })
                    .collect()
            })
            .collect();
        UnitizedData::new(length, coders, kept, 1)
    }

    /// Coder `i`'s partition of `[0, L)` into its units and the maximal gaps between them.
    pub(crate) fn partition(&self, i: usize) -> Vec<Section> {
        let gap = self.categories;
        let mut out = Vec::new();
        let mut pos = 0;
        for s in self.segments.get(i).map_or(&[][..], |v| v.as_slice()) {
            if s.start > pos {
                out.push(Section {
                    start: pos,
                    end: s.start,
                    value: gap,
                });
            }
            out.push(Section {
                start: s.start,
                end: s.end,
                value: s.category as usize,
            });
            pos = s.end;
        }
        if pos < self.length {
            out.push(Section {
                start: pos,
                end: self.length,
                value: gap,
            });
        }
        out
    }
}

/// Visit the overlaps of two sorted, internally disjoint section lists:
/// `f(index in a, index in b, overlap length)`.
pub(crate) fn sweep(a: &[Section], b: &[Section], mut f: impl FnMut(usize, usize, u64)) {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        let lo = x.start.max(y.start);
        let hi = x.end.min(y.end);
        if hi > lo {
            f(i, j, hi - lo);
        }
        if x.end <= y.end {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// (k)uα and coverage for one category (NOTES 3.2).
#[derive(Debug, Clone, Serialize)]
pub struct CategoryUnitizedAlpha {
    /// Category index.
    pub category: u32,
    /// (k)uα = 1 − (e*_k./l*_k.)·(l*_k. − l*_kk)/(e*_k. − e*_kk) (2016 eq. 13b).
    pub k_u_alpha: Coefficient,
    /// l*_k./l_k.: share of k-matter overlapping other coders' valued matter.
    pub coverage: Coefficient,
}

/// The u-alpha family on one continuum (NOTES 3.2).
#[derive(Debug, Clone, Serialize)]
pub struct UnitizedAlphas {
    /// uα over all values including ∅ (2016 eq. 5a; 2019 eq. 34).
    pub u_alpha: Coefficient,
    /// |uα: valued matter vs gaps (2016 eq. 6; 2019 eq. 35); ATLAS.ti "α-binary".
    pub binary_u_alpha: Coefficient,
    /// cuα with the pairwise self-pairing term (2016 eq. 10 as transcribed by lindanna):
    /// `C_c = 1/(m−1) Σ_i Σ_{j≠i} Σ_{g: c} ov_ij(g)²`. Primary; see [`unitized_alphas`].
    pub cu_alpha: Coefficient,
    /// cuα with quallmer's reading of 2019 eq. 37: `C_c = Σ_i Σ_{g: c} |g ∩ ∪_{j≠i}
    /// valued_j|²`. Equal to `cu_alpha` for two coders.
    pub cu_alpha_variant_r: Coefficient,
    /// l*../Σ_{c≠∅} l_c.: share of valued matter that overlaps other coders' valued matter.
    pub coverage: Coefficient,
    /// (k)uα and coverage for every declared category.
    pub per_category: Vec<CategoryUnitizedAlpha>,
}

/// Expected coincidences `e_ck = [r_c r_k − [c=k] w_c] / [t − Σw/t]` (2016 eqs. 4, 10)
/// from margins `r`, total `t` and self-pairing terms `w`. `None` when the denominator is
/// 0 (floating-point code would divide by zero there and report inf/NaN-driven values).
fn expected(r: &[f64], w: &[f64], t: f64) -> Option<Vec<Vec<f64>>> {
    let den = t - w.iter().sum::<f64>() / t;
    if den.is_nan() || den <= 1e-12 * t.abs().max(1.0) {
        return None;
    }
    Some(
        r.iter()
            .enumerate()
            .map(|(c, rc)| {
                r.iter()
                    .enumerate()
                    .map(|(k, rk)| {
                        let self_pairs = if c == k {
                            w.get(c).copied().unwrap_or(0.0)
                        } else {
                            0.0
                        };
                        (rc * rk - self_pairs) / den
                    })
                    .collect()
            })
            .collect(),
    )
}

fn at(m: &[Vec<f64>], c: usize, k: usize) -> f64 {
    m.get(c).and_then(|r| r.get(k)).copied().unwrap_or(0.0)
}

/// Compute uα, |uα, cuα (both transcriptions) and (k)uα (NOTES 3.2).
///
/// Which cuα is primary: the notes report two transcriptions of the self-pairing term
/// C_c that coincide for m = 2. We take lindanna's (2016 eq. 10) as `cu_alpha` because
/// every term of the restricted matrix `l*_ck` is averaged over the m−1 other coders with
/// the factor 1/(m−1), and a self-pairing correction must be measured on the same scale
/// as the coincidences it corrects: with that weighting `C_c` is the average, over the
/// other coders j, of the squared lengths of the pieces of c-units that enter `l*` through
/// j. The union form (quallmer, `cu_alpha_variant_r`) squares the overlap with all other
/// coders at once, so a coder who coded nothing halves `l*` (m = 3) without shrinking the
/// correction. Both are reported.
pub fn unitized_alphas(data: &UnitizedData) -> UnitizedAlphas {
    let q = data.categories;
    let m = data.coders.len();
    let undefined_all = |reason: &str| UnitizedAlphas {
        u_alpha: Coefficient::undefined(reason),
        binary_u_alpha: Coefficient::undefined(reason),
        cu_alpha: Coefficient::undefined(reason),
        cu_alpha_variant_r: Coefficient::undefined(reason),
        coverage: Coefficient::undefined(reason),
        per_category: (0..q as u32)
            .map(|category| CategoryUnitizedAlpha {
                category,
                k_u_alpha: Coefficient::undefined(reason),
                coverage: Coefficient::undefined(reason),
            })
            .collect(),
    };
    if m < 2 {
        return undefined_all("the u-alpha family needs at least 2 coders");
    }
    if data.length == 0 {
        return undefined_all("the continuum is empty");
    }
    let parts: Vec<Vec<Section>> = (0..m).map(|i| data.partition(i)).collect();
    let inv = 1.0 / (m as f64 - 1.0);

    // Observed coincidences l_ck (2016 eq. 1) and pairwise self-pairing terms of cuα.
    let mut l = vec![vec![0.0; q + 1]; q + 1];
    let mut c_pair = vec![0.0; q];
    for i in 0..m {
        for j in i + 1..m {
            let (a, b) = (&parts[i], &parts[j]);
            let (mut ov_a, mut ov_b) = (vec![0u64; a.len()], vec![0u64; b.len()]);
            sweep(a, b, |x, y, len| {
                let (vx, vy) = (a[x].value, b[y].value);
                let len_f = len as f64 * inv;
                l[vx][vy] += len_f;
                l[vy][vx] += len_f;
                if vx < q && vy < q {
                    ov_a[x] += len;
                    ov_b[y] += len;
                }
            });
            for (sec, ov) in a.iter().zip(&ov_a).chain(b.iter().zip(&ov_b)) {
                if let Some(c) = c_pair.get_mut(sec.value) {
                    *c += (*ov as f64).powi(2) * inv;
                }
            }
        }
    }
    // Union self-pairing terms (quallmer's reading).
    let mut c_union = vec![0.0; q];
    for i in 0..m {
        let mut others: Vec<Section> = (0..m)
            .filter(|&j| j != i)
            .flat_map(|j| parts[j].iter().filter(|s| s.value < q).copied())
            .collect();
        others.sort_by_key(|s| s.start);
        let mut merged: Vec<Section> = Vec::new();
        for s in others {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        let own: Vec<Section> = parts[i].iter().filter(|s| s.value < q).copied().collect();
        let mut ov = vec![0u64; own.len()];
        sweep(&own, &merged, |x, _, len| ov[x] += len);
        for (sec, o) in own.iter().zip(ov) {
            if let Some(c) = c_union.get_mut(sec.value) {
                *c += (o as f64).powi(2);
            }
        }
    }

    // uα and |uα on the full matrix (self-pairing: l² for units, l for gap matter).
    let total = m as f64 * data.length as f64;
    let mut w = vec![0.0; q + 1];
    for sec in parts.iter().flatten() {
        let len = (sec.end - sec.start) as f64;
        if let Some(x) = w.get_mut(sec.value) {
            *x += if sec.value == q { len } else { len * len };
        }
    }
    let margins: Vec<f64> = l.iter().map(|r| r.iter().sum()).collect();
    let (u_alpha, binary_u_alpha) = match expected(&margins, &w, total) {
        None => {
            let why = "the expected-coincidence denominator l.. − Σw/l.. is 0";
            (Coefficient::undefined(why), Coefficient::undefined(why))
        }
        Some(e) => {
            let diag_l: f64 = (0..=q).map(|c| at(&l, c, c)).sum();
            let diag_e: f64 = (0..=q).map(|c| at(&e, c, c)).sum();
            let gap_l = margins.get(q).copied().unwrap_or(0.0);
            let gap_e: f64 = e.get(q).map_or(0.0, |r| r.iter().sum());
            (
                Coefficient::one_minus_ratio(
                    total - diag_l,
                    total - diag_e,
                    total,
                    "expected disagreement is 0 (a single value covers everything)",
                ),
                Coefficient::one_minus_ratio(
                    gap_l - at(&l, q, q),
                    gap_e - at(&e, q, q),
                    total,
                    "expected disagreement is 0 (no gap or no valued matter)",
                ),
            )
        }
    };

    // cuα: valued × valued coincidences only (2016 eqs. 10-11).
    let star: Vec<Vec<f64>> = l.iter().take(q).map(|r| r[..q].to_vec()).collect();
    let r_star: Vec<f64> = star.iter().map(|r| r.iter().sum()).collect();
    let t_star: f64 = r_star.iter().sum();
    let diag_star: f64 = (0..q).map(|c| at(&star, c, c)).sum();
    let no_overlap = "no valued matter overlaps another coder's valued matter";
    let cu = |cc: &[f64]| -> (Coefficient, Vec<Vec<f64>>) {
        if t_star <= 0.0 {
            return (Coefficient::undefined(no_overlap), Vec::new());
        }
        let Some(e_star) = expected(&r_star, cc, t_star) else {
            let why = "the expected-coincidence denominator l*.. − ΣC/l*.. is 0";
            return (Coefficient::undefined(why), Vec::new());
        };
        let diag_e: f64 = (0..q).map(|c| at(&e_star, c, c)).sum();
        let a = Coefficient::one_minus_ratio(
            t_star - diag_star,
            t_star - diag_e,
            t_star,
            "expected disagreement among overlapping valued matter is 0 (one value only)",
        );
        (a, e_star)
    };
    let (cu_alpha, e_star) = cu(&c_pair);
    let (cu_alpha_variant_r, _) = cu(&c_union);
    let valued: f64 = margins.iter().take(q).sum();
    let coverage = if valued > 0.0 {
        Coefficient::finite(t_star / valued, "non-finite")
    } else {
        Coefficient::undefined("no valued matter")
    };

    let per_category = (0..q)
        .map(|k| {
            let lk = r_star.get(k).copied().unwrap_or(0.0);
            let full = margins.get(k).copied().unwrap_or(0.0);
            let coverage = if full > 0.0 {
                Coefficient::finite(lk / full, "non-finite")
            } else {
                Coefficient::undefined("category not used")
            };
            let k_u_alpha = if lk <= 0.0 || e_star.is_empty() {
                Coefficient::undefined("category never overlaps another coder's valued matter")
            } else {
                let ek: f64 = e_star.get(k).map_or(0.0, |r| r.iter().sum());
                Coefficient::one_minus_ratio(
                    (ek / lk) * (lk - at(&star, k, k)),
                    ek - at(&e_star, k, k),
                    t_star,
                    "expected disagreement on this category is 0",
                )
            };
            CategoryUnitizedAlpha {
                category: k as u32,
                k_u_alpha,
                coverage,
            }
        })
        .collect();

    UnitizedAlphas {
        u_alpha,
        binary_u_alpha,
        cu_alpha,
        cu_alpha_variant_r,
        coverage,
        per_category,
    }
}

#[cfg(test)]
#[path = "unitized_tests.rs"]
mod tests;
