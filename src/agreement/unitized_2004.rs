//! Krippendorff's 1995/2004 position-sensitive αU for one category (NOTES 3.1;
//! Krippendorff 2004, Q&Q 38:787-800, as transcribed by zyocum/text-alpha).
//!
//! Superseded by the u-alpha family ([`super::unitized`]) for m > 2 (the 2016 paper says it
//! "turned out to behave not as expected" there); kept because older reports use it.

use super::Coefficient;
use super::unitized::{Section, UnitizedData};

/// δ² between two sections of different coders (NOTES 3.1): with g the shorter one (the
/// first on ties) and d = b_g − b_h: overlapping units give d² + (end_g − end_h)²; a unit
/// lying inside the other coder's gap gives its squared length; anything else 0.
fn delta2(x: &Section, y: &Section, unit: usize) -> f64 {
    let len = |s: &Section| (s.end - s.start) as f64;
    let (g, h) = if len(y) < len(x) { (y, x) } else { (x, y) };
    let d = g.start as f64 - h.start as f64;
    match (g.value == unit, h.value == unit) {
        (true, true) if -len(g) < d && d < len(h) => d * d + (g.end as f64 - h.end as f64).powi(2),
        (true, false) if 0.0 <= d && d <= len(h) - len(g) => len(g).powi(2),
        // A longer unit can only lie inside a shorter gap when both have the same extent.
        (false, true) if g.start == h.start && g.end == h.end => len(h).powi(2),
        _ => 0.0,
    }
}

/// αU of Krippendorff 2004 for category `k`: units are `k`'s segments, everything else is
/// gap (one category at a time).
///
/// `D_o = 2/(m(m−1)L²) Σ_{i<j} Σ_g Σ_h δ²(g,h)` and
/// `D_e = (2/L) Σ_i Σ_{g unit} [ (N_k−1)/3 (2l³−3l²+l) + Σ_j Σ_{h gap, l_h ≥ l_g} l_g²(l_h−l_g+1) ]
///  / [ mL(mL−1) − Σ_i Σ_{g unit} l(l−1) ]`, `αU = 1 − D_o/D_e`.
/// Undefined with fewer than 2 coders or when no coder used `k`.
pub fn alpha_u_2004(data: &UnitizedData, k: u32) -> Coefficient {
    let m = data.coders().len();
    if m < 2 {
        return Coefficient::undefined("αU needs at least 2 coders");
    }
    let only = data.only_category(k);
    let parts: Vec<Vec<Section>> = (0..m).map(|i| only.partition(i)).collect();
    let unit = 0usize;
    let n_units = parts.iter().flatten().filter(|s| s.value == unit).count() as f64;
    if n_units == 0.0 {
        return Coefficient::undefined("no coder used this category");
    }
    let l = data.length() as f64;
    let mf = m as f64;

    let mut observed = 0.0;
    for i in 0..m {
        for j in i + 1..m {
            for g in &parts[i] {
                for h in &parts[j] {
                    observed += delta2(g, h, unit);
                }
            }
        }
    }
    let d_o = 2.0 * observed / (mf * (mf - 1.0) * l * l);

    let mut expected = 0.0;
    let mut denominator = mf * l * (mf * l - 1.0);
    for g in parts.iter().flatten().filter(|s| s.value == unit) {
        let lg = (g.end - g.start) as f64;
        expected += (n_units - 1.0) / 3.0 * (2.0 * lg.powi(3) - 3.0 * lg * lg + lg);
        for h in parts.iter().flatten().filter(|s| s.value != unit) {
            let lh = (h.end - h.start) as f64;
            if lh >= lg {
                expected += lg * lg * (lh - lg + 1.0);
            }
        }
        denominator -= lg * (lg - 1.0);
    }
    if denominator <= 0.0 {
        return Coefficient::undefined("no room for expected disagreement");
    }
    let d_e = 2.0 / l * expected / denominator;
    Coefficient::one_minus_ratio(d_o, d_e, 1.0, "expected disagreement is 0")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_close, unitized, unitized_raw};
    use super::*;

    #[test]
    fn kripp2004_fig2() {
        // NOTES 3.1: αU(c) = 0.728599 (text-alpha = reference implementation), αU(k) = 1.
        let (length, coders, segments, labels) = unitized_raw("unitized_kripp2004_fig2.json");
        for (label, expected, tol) in [("c", 0.728599, 5e-7), ("k", 1.0, 1e-12)] {
            let code = labels.iter().position(|l| l == label).unwrap() as u32;
            let d = UnitizedData::single_code(length, coders.clone(), &segments, code).unwrap();
            assert_close(&alpha_u_2004(&d, 0), expected, tol);
        }
    }

    #[test]
    fn adjacent_units_matter_for_2004_alpha() {
        // NOTES 3.2: Alex/Paul/Suzan k = 6, [32,36)+[36,44) vs [32,44): αU 2004 = 0.264.
        let (d, labels) = unitized("unitized_alex_paul_suzan.json");
        let six = labels.iter().position(|l| l == "6").unwrap() as u32;
        let a = alpha_u_2004(&d, six).value().unwrap();
        assert!((a - 0.264).abs() < 5e-4, "{a}");
    }

    #[test]
    fn unused_category_is_undefined() {
        let (d, _) = unitized("unitized_alex_paul_suzan.json");
        assert!(!alpha_u_2004(&d, 9).is_defined());
        let one = UnitizedData::new(5, vec!["a".into()], vec![vec![]], 1).unwrap();
        assert!(!alpha_u_2004(&one, 0).is_defined());
    }
}
