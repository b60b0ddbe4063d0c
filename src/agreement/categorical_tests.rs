//! Published worked examples of NOTES section 2 for the categorical coefficients.

use super::super::test_support::{assert_close, assert_rounds, load};
use super::*;

const E6: f64 = 5e-7;

/// The chance term implied by a chance-corrected value: p_e = (p_a − κ)/(1 − κ).
fn implied_p_e(p_a: f64, kappa: &Coefficient) -> f64 {
    let k = kappa.value().unwrap();
    (p_a - k) / (1.0 - k)
}

#[test]
fn kripp2011_a_binary_same_data() {
    let d = load("kripp2011_A_binary_2obs.json");
    assert_close(&cohen_kappa(&d), 0.090909, E6);
    assert_close(&scott_pi(&d), 0.047619, E6);
    assert_close(&fleiss_kappa(&d), 0.047619, E6);
    assert_close(&brennan_prediger(&d), 0.2, E6);
    assert_close(&gwet_ac1(&d), 0.310345, E6);
}

#[test]
fn kripp2011_b_ben_gerry_same_data() {
    let d = load("kripp2011_B_nominal_2obs_bengerry.json");
    assert_close(&percent_agreement_two_coder(&d), 0.75, 1e-12);
    assert_close(&cohen_kappa(&d), 0.684211, E6);
    assert_close(&scott_pi(&d), 0.678571, E6);
    assert_close(&fleiss_kappa(&d), 0.678571, E6);
    assert_close(&brennan_prediger(&d), 0.6875, E6);
    assert_close(&gwet_ac1(&d), 0.689655, E6);
}

#[test]
fn kripp2011_c_percent_agreements_differ_with_missing_data() {
    let d = load("kripp2011_C_4obs_12units_missing.json");
    assert_close(&mean_pairwise_agreement(&d), 0.818182, E6);
    assert_close(&unanimity(&d), 0.727273, E6);
    assert_eq!(pairable_units(&d), 11);
    assert!(!percent_agreement_two_coder(&d).is_defined());
}

#[test]
fn kripp2011_c_gwet_2014_values() {
    let d = load("kripp2011_C_4obs_12units_missing.json");
    assert_rounds(&gwet_ac1(&d), 0.775, 3);
    assert_rounds(&brennan_prediger(&d), 0.773, 3);
    assert_rounds(&fleiss_kappa_gwet(&d), 0.761, 3);
    // Printed chance terms: AC1 p_e 0.190, BP p_e 0.2, Fleiss (Gwet) p_e 0.239; p_a 0.818.
    let p_a = mean_pairwise_agreement(&d).value().unwrap();
    assert_eq!((p_a * 1000.0).round(), 818.0);
    assert_eq!((implied_p_e(p_a, &gwet_ac1(&d)) * 1000.0).round(), 190.0);
    assert!((implied_p_e(p_a, &brennan_prediger(&d)) - 0.2).abs() < 1e-12);
    assert_eq!(
        (implied_p_e(p_a, &fleiss_kappa_gwet(&d)) * 1000.0).round(),
        239.0
    );
    assert_close(&fleiss_kappa_gwet(&d), 0.761169, E6);
    assert_close(&fleiss_kappa_pooled(&d), 0.760766, E6);
    assert!(!fleiss_kappa(&d).is_defined());
    assert_close(&conger_kappa(&d), 0.762067, E6);
    assert_close(&light_kappa(&d), 0.700163, E6);
}

#[test]
fn gwet_raw4raters_irrcac_layout() {
    let d = load("gwet2014_raw4raters_irrcac_layout.json");
    assert_close(&conger_kappa(&d), 0.762817, E6);
    assert_rounds(&conger_kappa(&d), 0.763, 3);
    assert_rounds(&gwet_ac1(&d), 0.775, 3);
}

#[test]
fn fleiss_wikipedia_14_raters() {
    let d = load("fleiss_wikipedia_10subj_14raters.json");
    assert_close(&fleiss_kappa(&d), 0.2099307, 5e-8);
    assert_rounds(&mean_pairwise_agreement(&d), 0.378, 3);
    // Complete data: P̄_e = Σ p_j² = 0.213.
    let p_e: f64 = prevalence(&d).iter().map(|p| p * p).sum();
    assert_eq!((p_e * 1000.0).round(), 213.0);
    for (p, e) in prevalence(&d)
        .iter()
        .zip([0.143, 0.200, 0.279, 0.150, 0.229])
    {
        assert!((p - e).abs() < 5e-4, "{p} vs {e}");
    }
    assert_close(&brennan_prediger(&d), 0.222527, E6);
    assert_close(&gwet_ac1(&d), 0.225614, E6);
    // Complete data: both missing-data extensions reduce to Fleiss.
    assert_close(&fleiss_kappa_gwet(&d), 0.2099307, 5e-8);
    assert_close(&fleiss_kappa_pooled(&d), 0.2099307, 5e-8);
}

#[test]
fn fleiss_1971_psychiatrists() {
    let d = load("fleiss1971_30patients_6raters.json");
    assert_close(&fleiss_kappa(&d), 0.4302445, 5e-8);
    assert_close(&gwet_ac1(&d), 0.447885, E6);
    assert_close(&brennan_prediger(&d), 0.444444, E6);
    assert_close(&mean_pairwise_agreement(&d), 0.555556, E6);
}

#[test]
fn cohen_wikipedia_yes_no() {
    let d = load("cohen_wikipedia_yes_no_50.json");
    assert_close(&percent_agreement_two_coder(&d), 0.7, 1e-12);
    assert_close(&cohen_kappa(&d), 0.4, 1e-12);
    assert!((implied_p_e(0.7, &cohen_kappa(&d)) - 0.5).abs() < 1e-12);
    assert_close(&scott_pi(&d), 0.393939, E6);
    assert_close(&gwet_ac1(&d), 0.405941, E6);
}

#[test]
fn gwet_3x3_abstractors() {
    let d = load("gwet2014_3x3_abstractors_100.json");
    assert_close(&cohen_kappa(&d), 0.796409, E6);
    assert_close(&scott_pi(&d), 0.796240, E6);
    assert_close(&percent_agreement_two_coder(&d), 0.89, 1e-12);
    assert_close(&gwet_ac1(&d), 0.849331, E6);
    assert_close(&brennan_prediger(&d), 0.835, E6);
}

#[test]
fn sas_proc_freq_3x3() {
    let d = load("sas_3x3_statsmodels_table10.json");
    assert_rounds(&cohen_kappa(&d), 0.4842, 4);
}

#[test]
fn atlasti_manual_percent_agreement() {
    let d = load("atlasti_manual_pa_example.json");
    assert_close(&percent_agreement_two_coder(&d), 0.6, 1e-12);
}

#[test]
fn declared_unused_categories_change_ac1_and_bp_not_kappa() {
    let names = vec!["a".to_string(), "b".to_string()];
    let rows = vec![
        vec![Some(0), Some(0)],
        vec![Some(0), Some(1)],
        vec![Some(1), Some(1)],
        vec![Some(1), Some(1)],
    ];
    let q2 = ReliabilityData::new(names.clone(), rows.clone(), 2).unwrap();
    let q4 = ReliabilityData::new(names, rows, 4).unwrap();
    assert_eq!(cohen_kappa(&q2), cohen_kappa(&q4));
    // BP: p_a = 3/4; q = 2 → (3/4 − 1/2)/(1/2) = 1/2; q = 4 → (3/4 − 1/4)/(3/4) = 2/3.
    assert_close(&brennan_prediger(&q2), 0.5, 1e-12);
    assert_close(&brennan_prediger(&q4), 2.0 / 3.0, 1e-12);
    assert_ne!(gwet_ac1(&q2), gwet_ac1(&q4));
}

#[test]
fn undefined_cases_give_reasons() {
    let names = vec!["a".to_string(), "b".to_string(), "c".to_string()];
    let same = ReliabilityData::new(names.clone(), vec![vec![Some(0); 3]; 3], 2).unwrap();
    assert!(
        light_kappa(&same)
            .reason()
            .unwrap()
            .contains("is undefined")
    );
    assert!(!cohen_kappa(&same).is_defined());
    assert!(!scott_pi(&same).is_defined());
    assert_close(&gwet_ac1(&same), 1.0, 1e-12);
    let lonely = ReliabilityData::new(names, vec![vec![Some(0), None, None]], 2).unwrap();
    for c in [
        mean_pairwise_agreement(&lonely),
        unanimity(&lonely),
        gwet_ac1(&lonely),
        brennan_prediger(&lonely),
        fleiss_kappa_gwet(&lonely),
        fleiss_kappa_pooled(&lonely),
        fleiss_kappa(&lonely),
        conger_kappa(&lonely),
    ] {
        assert!(c.reason().is_some(), "{c:?}");
    }
    let q1 = ReliabilityData::new(vec!["a".into(), "b".into()], vec![vec![Some(0); 2]], 1).unwrap();
    assert!(!gwet_ac1(&q1).is_defined());
    assert!(!brennan_prediger(&q1).is_defined());
}
