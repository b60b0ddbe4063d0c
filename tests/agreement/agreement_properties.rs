//! Property tests of the agreement core through its public API (NOTES sections 1.1-1.7).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use glose::agreement::{
    AgreementSummary, Coefficient, Metric, ReliabilityData, cohen_kappa, conger_kappa,
    fleiss_kappa, fleiss_kappa_gwet, fleiss_kappa_pooled, krippendorff_alpha, light_kappa,
    mean_pairwise_agreement, percent_agreement_two_coder, scott_pi, summary,
};
use proptest::prelude::*;

fn names(m: usize) -> Vec<String> {
    (0..m).map(|i| format!("coder {i}")).collect()
}

/// Every coefficient of the summary plus the non-nominal alphas, by name.
fn all(d: &ReliabilityData) -> Vec<(&'static str, Coefficient)> {
    let AgreementSummary {
        percent_agreement_two_coder,
        mean_pairwise_agreement,
        krippendorff_observed_agreement,
        unanimity,
        cohen_kappa,
        light_kappa,
        conger_kappa,
        scott_pi,
        fleiss_kappa,
        fleiss_kappa_gwet,
        fleiss_kappa_pooled,
        krippendorff_alpha_nominal,
        gwet_ac1,
        brennan_prediger,
        ..
    } = summary(d);
    vec![
        ("pa2", percent_agreement_two_coder),
        ("pbar", mean_pairwise_agreement),
        ("a_o", krippendorff_observed_agreement),
        ("unanimity", unanimity),
        ("cohen", cohen_kappa),
        ("light", light_kappa),
        ("conger", conger_kappa),
        ("scott", scott_pi),
        ("fleiss", fleiss_kappa),
        ("fleiss_gwet", fleiss_kappa_gwet),
        ("fleiss_pooled", fleiss_kappa_pooled),
        ("alpha", krippendorff_alpha_nominal),
        ("alpha_ordinal", krippendorff_alpha(d, Metric::Ordinal)),
        ("alpha_interval", krippendorff_alpha(d, Metric::Interval)),
        ("alpha_ratio", krippendorff_alpha(d, Metric::Ratio)),
        ("ac1", gwet_ac1),
        ("bp", brennan_prediger),
    ]
}

fn same(a: &Coefficient, b: &Coefficient) -> bool {
    match (a.value(), b.value()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// Random units × coders data with missing values (m in 2..5, q in 2..5, N in 1..25).
fn data(complete: bool, m: std::ops::Range<usize>) -> impl Strategy<Value = ReliabilityData> {
    (m, 2usize..5, 1usize..25).prop_flat_map(move |(m, q, n)| {
        let cell = if complete {
            (0..q as u32).prop_map(Some).boxed()
        } else {
            prop::option::weighted(0.75, 0..q as u32).boxed()
        };
        prop::collection::vec(prop::collection::vec(cell, m), n)
            .prop_map(move |units| ReliabilityData::new(names(m), units, q).unwrap())
    })
}

/// Data with a unit permutation and a coder permutation.
fn permuted() -> impl Strategy<Value = (ReliabilityData, Vec<usize>, Vec<usize>)> {
    data(false, 2..5).prop_flat_map(|d| {
        let units: Vec<usize> = (0..d.n_units()).collect();
        let coders: Vec<usize> = (0..d.n_coders()).collect();
        (
            Just(d),
            Just(units).prop_shuffle(),
            Just(coders).prop_shuffle(),
        )
    })
}

proptest! {
    #[test]
    fn perfect_agreement_gives_one_where_defined(
        values in prop::collection::vec(0u32..4, 1..20),
        m in 2usize..5,
        missing in prop::collection::vec(prop::collection::vec(any::<bool>(), 5), 20),
    ) {
        // Every coder gives the unit's value, except some missing ones.
        let units: Vec<Vec<Option<u32>>> = values
            .iter()
            .zip(&missing)
            .map(|(&v, miss)| (0..m).map(|c| (!miss[c]).then_some(v)).collect())
            .collect();
        let d = ReliabilityData::new(names(m), units, 4).unwrap();
        for (name, c) in all(&d) {
            match c {
                Coefficient::Value(v) => prop_assert!((v - 1.0).abs() < 1e-9, "{name} = {v}"),
                Coefficient::Undefined { reason } => prop_assert!(!reason.is_empty()),
            }
        }
    }

    #[test]
    fn permuting_units_or_coders_changes_nothing((d, units, coders) in permuted()) {
        let p = d.permuted(&units, &coders).unwrap();
        for ((name, a), (_, b)) in all(&d).iter().zip(all(&p)) {
            prop_assert!(same(a, &b), "{name}: {a:?} vs {b:?}");
        }
    }

    #[test]
    fn two_coder_complete_closed_forms(d in data(true, 2..3)) {
        // NOTES 1.3: Fleiss = Scott; α = 1 − (1−π)(n−1)/n with n = 2N.
        let pi = scott_pi(&d);
        prop_assert!(same(&fleiss_kappa(&d), &pi));
        let alpha = krippendorff_alpha(&d, Metric::Nominal);
        if let Some(p) = pi.value() {
            let n = 2.0 * d.n_units() as f64;
            prop_assert!((alpha.value().unwrap() - (1.0 - (1.0 - p) * (n - 1.0) / n)).abs() < 1e-9);
        } else {
            prop_assert!(!alpha.is_defined());
        }
        // NOTES 1.1: with complete data and m = 2 all percent agreements coincide.
        let s = summary(&d);
        let pa = percent_agreement_two_coder(&d);
        prop_assert!(same(&pa, &s.mean_pairwise_agreement));
        prop_assert!(same(&pa, &s.krippendorff_observed_agreement));
        prop_assert!(same(&pa, &s.unanimity));
        // Light's kappa of two coders is Cohen's.
        prop_assert!(same(&light_kappa(&d), &cohen_kappa(&d)));
    }

    #[test]
    fn two_coders_conger_is_light_is_cohen(d in data(true, 2..3)) {
        // NOTES 1.2: with two coders (complete data) Conger's and Light's kappa are Cohen's.
        let cohen = cohen_kappa(&d);
        prop_assert!(same(&conger_kappa(&d), &cohen), "{:?} vs {:?}", conger_kappa(&d), cohen);
        prop_assert!(same(&light_kappa(&d), &cohen));
    }

    #[test]
    fn complete_data_fleiss_is_fleiss(d in data(true, 2..5)) {
        // NOTES 1.4: both missing-data extensions reduce to Fleiss' kappa on complete data.
        let f = fleiss_kappa(&d);
        prop_assert!(same(&fleiss_kappa_gwet(&d), &f), "{:?} vs {f:?}", fleiss_kappa_gwet(&d));
        prop_assert!(same(&fleiss_kappa_pooled(&d), &f));
    }

    #[test]
    fn cohen_matches_its_contingency_table_formula(d in data(true, 2..3)) {
        // NOTES 1.2: κ = (p_o − p_e)/(1 − p_e) with p_e = Σ p_A,k p_B,k.
        let n = d.n_units() as f64;
        let q = d.categories();
        let mut table = vec![vec![0.0; q]; q];
        for u in d.units() {
            table[u[0].unwrap() as usize][u[1].unwrap() as usize] += 1.0 / n;
        }
        let p_o: f64 = (0..q).map(|k| table[k][k]).sum();
        let p_e: f64 = (0..q)
            .map(|k| table[k].iter().sum::<f64>() * table.iter().map(|r| r[k]).sum::<f64>())
            .sum();
        match cohen_kappa(&d).value() {
            Some(k) => prop_assert!((k - (p_o - p_e) / (1.0 - p_e)).abs() < 1e-9),
            None => prop_assert!((1.0 - p_e).abs() < 1e-9),
        }
    }

    #[test]
    fn coefficients_never_nan(d in data(false, 1..5)) {
        for (name, c) in all(&d) {
            if let Some(v) = c.value() {
                prop_assert!(v.is_finite(), "{name}");
                prop_assert!(v <= 1.0 + 1e-9, "{name} = {v}");
            }
        }
        let p = mean_pairwise_agreement(&d);
        prop_assert!(p.value().is_none_or(|v| (0.0..=1.0 + 1e-12).contains(&v)));
    }
}

#[test]
fn one_coder_is_undefined_everywhere_with_reasons() {
    let d = ReliabilityData::new(names(1), vec![vec![Some(0)], vec![Some(1)]], 2).unwrap();
    for (name, c) in all(&d) {
        assert!(c.reason().is_some_and(|r| !r.is_empty()), "{name}: {c:?}");
    }
}

/// Two coders, no missing data: alpha (all four metrics) equals the PyPI package
/// `krippendorff` 0.9.0 within 1e-6 on 200 random data sets (fixture generated by
/// `tests/fixtures/agreement/krippendorff_pkg/generate.py`, values computed by the package).
#[test]
fn alpha_matches_the_krippendorff_package_on_random_two_coder_data() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/agreement/krippendorff_pkg/random_two_coders.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 200);
    for (i, case) in cases.iter().enumerate() {
        let q = case["categories"].as_u64().unwrap() as usize;
        let col = |k: &str| -> Vec<u32> {
            case[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap() as u32)
                .collect()
        };
        let units: Vec<Vec<Option<u32>>> = col("coder_a")
            .into_iter()
            .zip(col("coder_b"))
            .map(|(a, b)| vec![Some(a), Some(b)])
            .collect();
        let d = ReliabilityData::new(names(2), units, q).unwrap();
        let ratio = d
            .clone()
            .with_category_values((1..=q).map(|k| k as f64).collect())
            .unwrap();
        for (level, data, metric) in [
            ("nominal", &d, Metric::Nominal),
            ("ordinal", &d, Metric::Ordinal),
            ("interval", &d, Metric::Interval),
            ("ratio", &ratio, Metric::Ratio),
        ] {
            let expected = case["alpha"][level].as_f64().unwrap();
            let got = krippendorff_alpha(data, metric).value().unwrap_or(f64::NAN);
            assert!(
                (got - expected).abs() < 1e-6,
                "case {i} {level}: glose {got} vs krippendorff {expected}"
            );
        }
    }
}
