//! MAXQDA-style segment-level comparison of two coders (NOTES 3.6, criterion 3
//! "segment agreement", MAXQDA 10-24 manuals, partly *unverified*).
//!
//! A coded segment of one coder agrees when the other coder has a segment with the same
//! code overlapping it by at least the threshold (default 90%). Segments of both coders are
//! checked, in both directions, so one matched pair counts as two agreements. Unlike the
//! unitized alphas, a coder's segments may overlap here (several codes on one passage).

use super::Coefficient;
use super::unitized::Segment;
use serde::Serialize;
use std::collections::BTreeSet;

/// What the overlap percentage is taken over. MAXQDA's manual does not say (NOTES 3.6:
/// "unverified"), so both readings are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OverlapBasis {
    /// overlap / length of the union of the two segments (the stricter reading; default).
    #[default]
    Union,
    /// overlap / length of the longer segment.
    Larger,
}

/// One code's row of the result table.
#[derive(Debug, Clone, Serialize)]
pub struct CodeComparison {
    /// Code (category) index.
    pub code: u32,
    /// Segments of either coder with a matching segment of the other (cell a).
    pub agreements: usize,
    /// The first coder's segments without a match (cell b).
    pub only_first: usize,
    /// The second coder's segments without a match (cell c).
    pub only_second: usize,
    /// agreements / (agreements + non-agreements).
    pub percent: Coefficient,
}

/// The whole comparison: per-code rows, the total line and MAXQDA's kappa.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentComparison {
    /// Minimum overlap share for two segments to agree.
    pub threshold: f64,
    /// Basis of the overlap share.
    pub basis: OverlapBasis,
    /// One row per code used by either coder, by code index.
    pub per_code: Vec<CodeComparison>,
    /// Total agreements a.
    pub agreements: usize,
    /// Total non-agreements b + c.
    pub non_agreements: usize,
    /// "P observed" = a/(a+b+c) (the table's total line).
    pub p_observed: Coefficient,
    /// "P chance" = 1/q with q the number of codes in the table (Brennan & Prediger 1981).
    pub p_chance: Coefficient,
    /// κ = (P observed − P chance)/(1 − P chance).
    pub kappa: Coefficient,
}

/// Do two segments agree: same code and overlap / basis ≥ threshold (and overlap > 0).
fn agree(a: &Segment, b: &Segment, threshold: f64, basis: OverlapBasis) -> bool {
    if a.category != b.category {
        return false;
    }
    let overlap = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let base = match basis {
        OverlapBasis::Union => a.end.max(b.end).saturating_sub(a.start.min(b.start)),
        OverlapBasis::Larger => a.len().max(b.len()),
    };
    if base == 0 {
        // Two empty segments agree only at the same position.
        return a.start == b.start && a.end == b.end;
    }
    overlap > 0 && overlap as f64 / base as f64 >= threshold
}

/// Compare two coders' segments on one document (NOTES 3.6).
///
/// Kappa follows MAXQDA's manual: cells a (agreements), b and c (one coder only), no cell
/// d; `p_o = a/(a+b+c)`; chance `1/q` with q the number of codes in the table; undefined
/// with fewer than two codes or no segment. `threshold` is clamped to `[0, 1]`.
pub fn compare_segments(
    first: &[Segment],
    second: &[Segment],
    threshold: f64,
    basis: OverlapBasis,
) -> SegmentComparison {
    let threshold = if threshold.is_nan() {
        0.9
    } else {
        threshold.clamp(0.0, 1.0)
    };
    let codes: BTreeSet<u32> = first.iter().chain(second).map(|s| s.category).collect();
    let matched = |own: &[Segment], other: &[Segment], code: u32| -> (usize, usize) {
        let mut yes = 0;
        let mut no = 0;
        for s in own.iter().filter(|s| s.category == code) {
            if other.iter().any(|o| agree(s, o, threshold, basis)) {
                yes += 1;
            } else {
                no += 1;
            }
        }
        (yes, no)
    };
    let per_code: Vec<CodeComparison> = codes
        .iter()
        .map(|&code| {
            let (a1, b) = matched(first, second, code);
            let (a2, c) = matched(second, first, code);
            let agreements = a1 + a2;
            let total = agreements + b + c;
            CodeComparison {
                code,
                agreements,
                only_first: b,
                only_second: c,
                percent: ratio(agreements, total),
            }
        })
        .collect();
    let agreements: usize = per_code.iter().map(|c| c.agreements).sum();
    let non_agreements: usize = per_code.iter().map(|c| c.only_first + c.only_second).sum();
    let p_observed = ratio(agreements, agreements + non_agreements);
    let q = codes.len();
    let (p_chance, kappa) = if q < 2 {
        let why = "MAXQDA's kappa needs at least 2 codes in the table";
        (Coefficient::undefined(why), Coefficient::undefined(why))
    } else {
        let p_c = 1.0 / q as f64;
        let kappa = match p_observed.value() {
            Some(p_o) => Coefficient::chance_corrected(p_o, p_c, "chance agreement is 1"),
            None => Coefficient::undefined("no coded segment"),
        };
        (Coefficient::Value(p_c), kappa)
    };
    SegmentComparison {
        threshold,
        basis,
        per_code,
        agreements,
        non_agreements,
        p_observed,
        p_chance,
        kappa,
    }
}

fn ratio(a: usize, total: usize) -> Coefficient {
    if total == 0 {
        Coefficient::undefined("no coded segment")
    } else {
        Coefficient::Value(a as f64 / total as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(start: u64, end: u64, category: u32) -> Segment {
        Segment {
            start,
            end,
            category,
        }
    }

    #[test]
    fn counts_both_directions_and_kappa_uses_one_over_q() {
        let first = [seg(0, 100, 0), seg(200, 300, 1), seg(400, 450, 1)];
        // Code 0: 95/100 overlap of union 100 → agree. Code 1: [200,300) vs [210,300):
        // 90/100 = 0.9 → agree; [400,450) unmatched. Second coder's [600,650) code 2 extra.
        let second = [seg(5, 100, 0), seg(210, 300, 1), seg(600, 650, 2)];
        let r = compare_segments(&first, &second, 0.9, OverlapBasis::Union);
        let rows: Vec<(u32, usize, usize, usize)> = r
            .per_code
            .iter()
            .map(|c| (c.code, c.agreements, c.only_first, c.only_second))
            .collect();
        assert_eq!(rows, vec![(0, 2, 0, 0), (1, 2, 1, 0), (2, 0, 0, 1)]);
        assert_eq!((r.agreements, r.non_agreements), (4, 2));
        // p_o = 4/6, P chance = 1/3 → κ = (2/3 − 1/3)/(2/3) = 0.5.
        assert!((r.p_observed.value().unwrap() - 4.0 / 6.0).abs() < 1e-12);
        assert!((r.p_chance.value().unwrap() - 1.0 / 3.0).abs() < 1e-12);
        assert!((r.kappa.value().unwrap() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn threshold_and_basis() {
        // Overlap 80, union 110, larger 100.
        let a = [seg(0, 100, 0)];
        let b = [seg(20, 110, 0)];
        let union = compare_segments(&a, &b, 0.75, OverlapBasis::Union);
        assert_eq!(union.agreements, 0);
        let larger = compare_segments(&a, &b, 0.75, OverlapBasis::Larger);
        assert_eq!(larger.agreements, 2);
        let loose = compare_segments(&a, &b, 0.5, OverlapBasis::Union);
        assert_eq!(loose.agreements, 2);
        // Different codes never agree; zero threshold still needs some overlap.
        let c = [seg(200, 300, 0)];
        assert_eq!(
            compare_segments(&a, &c, 0.0, OverlapBasis::Union).agreements,
            0
        );
    }

    #[test]
    fn undefined_kappa_with_one_code_or_nothing() {
        let a = [seg(0, 10, 0)];
        let r = compare_segments(&a, &a, 0.9, OverlapBasis::Union);
        assert_eq!(r.p_observed.value(), Some(1.0));
        assert!(r.kappa.reason().unwrap().contains("2 codes"));
        let r = compare_segments(&[], &[], 0.9, OverlapBasis::Union);
        assert!(!r.p_observed.is_defined() && !r.kappa.is_defined());
    }
}
