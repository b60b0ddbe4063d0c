//! All categorical coefficients at once, for reports and the CLI's `--json`.

use super::Coefficient;
use super::categorical::{
    brennan_prediger, cohen_kappa, conger_kappa, fleiss_kappa, fleiss_kappa_gwet,
    fleiss_kappa_pooled, gwet_ac1, light_kappa, mean_pairwise_agreement, pairable_units,
    percent_agreement_two_coder, prevalence, scott_pi, unanimity,
};
use super::data::ReliabilityData;
use super::krippendorff::{Metric, krippendorff_alpha, krippendorff_observed_agreement};
use serde::Serialize;

/// Every coefficient of NOTES section 1 on one data set (nominal metric). Field names say
/// which definition each is; undefined values serialize as `{"undefined": reason}`.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementSummary {
    /// N, all units (including those with fewer than two ratings).
    pub units: usize,
    /// m.
    pub coders: usize,
    /// q, declared categories.
    pub categories: usize,
    /// Units with ≥ 2 ratings.
    pub pairable_units: usize,
    /// Share of all ratings in each category.
    pub prevalence: Vec<f64>,
    /// NOTES 1.1 two-coder simple percent agreement (2 coders only).
    pub percent_agreement_two_coder: Coefficient,
    /// NOTES 1.1 mean pairwise agreement P̄ (Fleiss, Gwet's p_a).
    pub mean_pairwise_agreement: Coefficient,
    /// NOTES 1.1 Krippendorff's observed agreement A_o.
    pub krippendorff_observed_agreement: Coefficient,
    /// NOTES 1.1 unanimity.
    pub unanimity: Coefficient,
    /// NOTES 1.2 Cohen's kappa (2 coders only).
    pub cohen_kappa: Coefficient,
    /// NOTES 1.2 Light's kappa (mean pairwise Cohen).
    pub light_kappa: Coefficient,
    /// NOTES 1.2 Conger's kappa (Gwet 2014 form).
    pub conger_kappa: Coefficient,
    /// NOTES 1.3 Scott's pi (2 coders only).
    pub scott_pi: Coefficient,
    /// NOTES 1.4 Fleiss' kappa, complete data only.
    pub fleiss_kappa: Coefficient,
    /// NOTES 1.4 (a) Fleiss' kappa, Gwet/irrCAC missing-data form.
    pub fleiss_kappa_gwet: Coefficient,
    /// NOTES 1.4 (b) Fleiss' kappa, pooled marginals over pairable units.
    pub fleiss_kappa_pooled: Coefficient,
    /// NOTES 1.5 Krippendorff's alpha, nominal.
    pub krippendorff_alpha_nominal: Coefficient,
    /// NOTES 1.6 Gwet's AC1.
    pub gwet_ac1: Coefficient,
    /// NOTES 1.7 Brennan–Prediger.
    pub brennan_prediger: Coefficient,
}

/// Compute the [`AgreementSummary`] of `data`.
pub fn summary(data: &ReliabilityData) -> AgreementSummary {
    AgreementSummary {
        units: data.n_units(),
        coders: data.n_coders(),
        categories: data.categories(),
        pairable_units: pairable_units(data),
        prevalence: prevalence(data),
        percent_agreement_two_coder: percent_agreement_two_coder(data),
        mean_pairwise_agreement: mean_pairwise_agreement(data),
        krippendorff_observed_agreement: krippendorff_observed_agreement(data),
        unanimity: unanimity(data),
        cohen_kappa: cohen_kappa(data),
        light_kappa: light_kappa(data),
        conger_kappa: conger_kappa(data),
        scott_pi: scott_pi(data),
        fleiss_kappa: fleiss_kappa(data),
        fleiss_kappa_gwet: fleiss_kappa_gwet(data),
        fleiss_kappa_pooled: fleiss_kappa_pooled(data),
        krippendorff_alpha_nominal: krippendorff_alpha(data, Metric::Nominal),
        gwet_ac1: gwet_ac1(data),
        brennan_prediger: brennan_prediger(data),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::load;
    use super::*;

    #[test]
    fn json_shape_for_missing_data_example() {
        let s = summary(&load("kripp2011_C_4obs_12units_missing.json"));
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["units"], 12);
        assert_eq!(v["pairable_units"], 11);
        assert!((v["krippendorff_alpha_nominal"].as_f64().unwrap() - 0.7434211).abs() < 5e-8);
        assert!((v["krippendorff_observed_agreement"].as_f64().unwrap() - 0.8).abs() < 1e-12);
        assert!(
            v["cohen_kappa"]["undefined"]
                .as_str()
                .unwrap()
                .contains("2 coders")
        );
        assert!(v["fleiss_kappa"]["undefined"].is_string());
        let c: Coefficient = Coefficient::Value(0.5);
        assert_eq!(serde_json::to_string(&c).unwrap(), "0.5");
    }
}
