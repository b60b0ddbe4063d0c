//! Krippendorff's alpha for pre-defined units, any number of coders, missing data
//! (NOTES 1.5; Krippendorff 2011 "Computing Krippendorff's Alpha-Reliability").

use super::Coefficient;
use super::data::ReliabilityData;
use serde::Serialize;

/// Difference function δ² of Krippendorff's alpha (NOTES 1.5 step 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// δ² = 1 if c ≠ k.
    Nominal,
    /// δ²_ck = (Σ_{g=c..k} n_g − (n_c+n_k)/2)², categories ranked by index.
    Ordinal,
    /// δ² = (v_c − v_k)² on the category values.
    Interval,
    /// δ² = ((v_c − v_k)/(v_c + v_k))² on the category values.
    Ratio,
}

/// Coincidence matrix `o_ck` of the pairable units (NOTES 1.5 step 2), its margins
/// `n_c` and total `n..` (the number of pairable values). Symmetric, q × q.
#[derive(Debug, Clone, PartialEq)]
pub struct CoincidenceMatrix {
    o: Vec<Vec<f64>>,
    n_c: Vec<f64>,
    n: f64,
}

impl CoincidenceMatrix {
    /// Build from the data: for each unit with m_u ≥ 2 values, add
    /// `n_uc (n_uk − [c=k]) / (m_u − 1)` to `o_ck`.
    pub fn from_data(data: &ReliabilityData) -> Self {
        let q = data.categories();
        let mut o = vec![vec![0.0; q]; q];
        for u in data.unit_counts().iter().filter(|u| u.ratings >= 2.0) {
            let w = 1.0 / (u.ratings - 1.0);
            for (c, &nc) in u.counts.iter().enumerate().filter(|(_, n)| **n > 0.0) {
                for (k, &nk) in u.counts.iter().enumerate().filter(|(_, n)| **n > 0.0) {
                    let pairs = if c == k { nc * (nc - 1.0) } else { nc * nk };
                    if let Some(cell) = o.get_mut(c).and_then(|r| r.get_mut(k)) {
                        *cell += pairs * w;
                    }
                }
            }
        }
        let n_c: Vec<f64> = o.iter().map(|r| r.iter().sum()).collect();
        let n = n_c.iter().sum();
        CoincidenceMatrix { o, n_c, n }
    }

    /// `o_ck` (0 outside the matrix).
    pub fn get(&self, c: usize, k: usize) -> f64 {
        self.o.get(c).and_then(|r| r.get(k)).copied().unwrap_or(0.0)
    }

    /// The rows of the matrix.
    pub fn rows(&self) -> &[Vec<f64>] {
        &self.o
    }

    /// Margins `n_c`.
    pub fn totals(&self) -> &[f64] {
        &self.n_c
    }

    /// `n..`, the number of pairable values.
    pub fn n(&self) -> f64 {
        self.n
    }

    /// The δ² matrix for `metric`, using `data`'s category values for interval/ratio.
    pub fn delta2(&self, data: &ReliabilityData, metric: Metric) -> Vec<Vec<f64>> {
        let q = self.n_c.len();
        let mut d = vec![vec![0.0; q]; q];
        for (c, row) in d.iter_mut().enumerate() {
            for (k, cell) in row.iter_mut().enumerate() {
                if c == k {
                    continue;
                }
                let (vc, vk) = (data.category_value(c), data.category_value(k));
                *cell = match metric {
                    Metric::Nominal => 1.0,
                    Metric::Interval => (vc - vk).powi(2),
                    Metric::Ratio => {
                        let s = vc + vk;
                        if s == 0.0 {
                            0.0
                        } else {
                            ((vc - vk) / s).powi(2)
                        }
                    }
                    Metric::Ordinal => {
                        let (lo, hi) = (c.min(k), c.max(k));
                        let between: f64 = self.n_c.get(lo..=hi).map_or(0.0, |s| s.iter().sum());
                        let ends = (self.n_c.get(c).unwrap_or(&0.0)
                            + self.n_c.get(k).unwrap_or(&0.0))
                            / 2.0;
                        (between - ends).powi(2)
                    }
                };
            }
        }
        d
    }

    /// Observed and expected disagreement `(D_o, D_e)` for a δ² matrix (NOTES 1.5 step 3).
    pub fn disagreements(&self, delta2: &[Vec<f64>]) -> (f64, f64) {
        let n = self.n;
        let mut d_o = 0.0;
        let mut d_e = 0.0;
        for (c, row) in delta2.iter().enumerate() {
            for (k, &d) in row.iter().enumerate() {
                if d == 0.0 {
                    continue;
                }
                d_o += self.get(c, k) * d;
                let (nc, nk) = (self.n_c.get(c), self.n_c.get(k));
                d_e += nc.unwrap_or(&0.0) * nk.unwrap_or(&0.0) * d;
            }
        }
        (d_o / n, d_e / (n * (n - 1.0)))
    }

    /// α = 1 − D_o/D_e, with Krippendorff's convention at the edges (NOTES 1.5 step 4):
    /// undefined when nothing is pairable or D_e = 0 (a single value used).
    pub(crate) fn alpha(&self, delta2: &[Vec<f64>]) -> Coefficient {
        if self.n < 2.0 {
            return Coefficient::undefined("no pairable values (no unit has two ratings)");
        }
        if self.n_c.iter().filter(|&&n| n > 0.0).count() < 2 {
            return Coefficient::undefined(
                "only one value is used: expected disagreement is 0 (Krippendorff: undefined)",
            );
        }
        let (d_o, d_e) = self.disagreements(delta2);
        let scale = delta2.iter().flatten().fold(0.0f64, |a, &b| a.max(b));
        Coefficient::one_minus_ratio(
            d_o,
            d_e,
            scale,
            "expected disagreement is 0 (Krippendorff: undefined)",
        )
    }
}

/// Krippendorff's alpha (NOTES 1.5) with the given metric: any number of coders, missing
/// values allowed, only pairable units (≥ 2 values) used. Declared but unused categories
/// do not change the nominal value. Undefined (Krippendorff's own convention, not Stata's
/// 0 nor nltk's 1) when only one value occurs.
pub fn krippendorff_alpha(data: &ReliabilityData, metric: Metric) -> Coefficient {
    let cm = CoincidenceMatrix::from_data(data);
    let delta = cm.delta2(data, metric);
    cm.alpha(&delta)
}

/// Krippendorff's observed agreement `A_o = 1 − D_o = Σ_c o_cc / n..` (NOTES 1.1): each
/// unit weighs by its number of pairable values, unlike [`super::mean_pairwise_agreement`].
pub fn krippendorff_observed_agreement(data: &ReliabilityData) -> Coefficient {
    let cm = CoincidenceMatrix::from_data(data);
    if cm.n() < 2.0 {
        return Coefficient::undefined("no pairable values (no unit has two ratings)");
    }
    let diag: f64 = (0..data.categories()).map(|c| cm.get(c, c)).sum();
    Coefficient::finite(diag / cm.n(), "non-finite")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_close, load};
    use super::*;

    #[test]
    fn kripp2011_a_binary() {
        let d = load("kripp2011_A_binary_2obs.json");
        let cm = CoincidenceMatrix::from_data(&d);
        assert_eq!(cm.rows(), &[vec![10.0, 4.0], vec![4.0, 2.0]]);
        let (d_o, d_e) = cm.disagreements(&cm.delta2(&d, Metric::Nominal));
        assert!((d_o - 0.4).abs() < 1e-12);
        assert!((d_e - 0.442105).abs() < 5e-7);
        // Published: 0.095 = 1 − 19·4/(14·6)
        assert_close(
            &krippendorff_alpha(&d, Metric::Nominal),
            1.0 - 76.0 / 84.0,
            1e-12,
        );
    }

    #[test]
    fn kripp2011_b_nominal() {
        let d = load("kripp2011_B_nominal_2obs_bengerry.json");
        let cm = CoincidenceMatrix::from_data(&d);
        let expected = [
            [2.0, 1.0, 0.0, 1.0, 0.0],
            [1.0, 4.0, 0.0, 1.0, 0.0],
            [0.0, 0.0, 6.0, 0.0, 0.0],
            [1.0, 1.0, 0.0, 4.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 2.0],
        ];
        for (r, e) in cm.rows().iter().zip(expected) {
            assert_eq!(r.as_slice(), e.as_slice());
        }
        assert_eq!(cm.totals(), &[4.0, 6.0, 6.0, 6.0, 2.0]);
        let (d_o, d_e) = cm.disagreements(&cm.delta2(&d, Metric::Nominal));
        assert!((d_o - 0.25).abs() < 1e-12 && (d_e - 56.0 / 69.0).abs() < 1e-12);
        assert_close(
            &krippendorff_alpha(&d, Metric::Nominal),
            155.0 / 224.0,
            1e-12,
        );
    }

    #[test]
    fn kripp2011_c_all_metrics_and_coincidences() {
        let d = load("kripp2011_C_4obs_12units_missing.json");
        let cm = CoincidenceMatrix::from_data(&d);
        let t = 1.0 / 3.0;
        let expected = [
            [7.0, 4.0 * t, t, t, 0.0],
            [4.0 * t, 10.0, 4.0 * t, t, 0.0],
            [t, 4.0 * t, 8.0, t, 0.0],
            [t, t, t, 4.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 3.0],
        ];
        for (r, e) in cm.rows().iter().zip(expected) {
            for (a, b) in r.iter().zip(e) {
                assert!((a - b).abs() < 1e-12);
            }
        }
        assert_eq!(cm.n(), 40.0);
        let (d_o, d_e) = cm.disagreements(&cm.delta2(&d, Metric::Nominal));
        assert!((d_o - 0.2).abs() < 1e-12 && (d_e - 0.779487).abs() < 5e-7);
        assert_close(&krippendorff_alpha(&d, Metric::Nominal), 0.7434211, 5e-8);
        assert_close(&krippendorff_alpha(&d, Metric::Ordinal), 0.8153875, 5e-8);
        assert_close(&krippendorff_alpha(&d, Metric::Interval), 0.8491071, 5e-8);
        assert_close(&krippendorff_alpha(&d, Metric::Ratio), 0.7974028, 5e-8);
        assert_close(&krippendorff_observed_agreement(&d), 0.800, 1e-12);
    }

    #[test]
    fn wikipedia_three_coders() {
        let d = load("wikipedia_kripp_alpha_3coders_15units.json");
        assert_close(&krippendorff_alpha(&d, Metric::Nominal), 0.691358, 5e-7);
        assert_close(&krippendorff_alpha(&d, Metric::Interval), 0.810845, 5e-7);
    }

    #[test]
    fn same_data_alphas_of_section_2() {
        assert_close(
            &krippendorff_alpha(
                &load("fleiss_wikipedia_10subj_14raters.json"),
                Metric::Nominal,
            ),
            0.215574,
            5e-7,
        );
        assert_close(
            &krippendorff_alpha(&load("fleiss1971_30patients_6raters.json"), Metric::Nominal),
            0.433410,
            5e-7,
        );
        assert_close(
            &krippendorff_alpha(&load("cohen_wikipedia_yes_no_50.json"), Metric::Nominal),
            0.4,
            1e-12,
        );
        assert_close(
            &krippendorff_alpha(&load("gwet2014_3x3_abstractors_100.json"), Metric::Nominal),
            0.797258,
            5e-7,
        );
        assert_close(
            &krippendorff_alpha(&load("atlasti_manual_pa_example.json"), Metric::Nominal),
            0.095238,
            5e-7,
        );
        assert_close(
            &krippendorff_alpha(
                &load("gwet2014_raw4raters_irrcac_layout.json"),
                Metric::Nominal,
            ),
            0.7434211,
            5e-8,
        );
    }

    #[test]
    fn atlasti_expected_agreement_is_krippendorffs() {
        // NOTES 3.3: Σ n_c(n_c−1)/(n(n−1)) = (14·13 + 6·5)/(20·19) ≈ 56 %.
        let d = load("atlasti_manual_pa_example.json");
        let cm = CoincidenceMatrix::from_data(&d);
        let n = cm.n();
        let a_e: f64 = cm.totals().iter().map(|c| c * (c - 1.0)).sum::<f64>() / (n * (n - 1.0));
        assert!((a_e - 212.0 / 380.0).abs() < 1e-12);
        assert_eq!((a_e * 100.0).round(), 56.0);
    }

    #[test]
    fn single_value_and_no_pairable_are_undefined() {
        let names = vec!["a".to_string(), "b".to_string()];
        let one = ReliabilityData::new(names.clone(), vec![vec![Some(1), Some(1)]; 4], 3).unwrap();
        let a = krippendorff_alpha(&one, Metric::Nominal);
        assert!(a.reason().unwrap().contains("only one value"));
        let none = ReliabilityData::new(names, vec![vec![Some(1), None]; 4], 3).unwrap();
        assert!(
            krippendorff_alpha(&none, Metric::Interval)
                .reason()
                .unwrap()
                .contains("pairable")
        );
        assert!(!krippendorff_observed_agreement(&none).is_defined());
    }
}
