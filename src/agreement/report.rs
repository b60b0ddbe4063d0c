//! The agreement report of a study: one line per code, per code group and pooled over all
//! codes, each with the coefficients of NOTES section 1 and, on request, Krippendorff's
//! bootstrap (NOTES 4).

use serde::Serialize;

use super::continuum::CharMatrix;
use super::doc_units::UnitDoc;
use super::unit_bootstrap::{interval_caution, unit_bootstrap};
use super::units::{CodeSet, Inputs, SpanOptions, UnitMatrix, nominal_data};
use super::{
    AgreementError, Coefficient, Metric, ReliabilityData, krippendorff_bootstrap, summary,
};
use crate::codebook::Codebook;
use crate::unit::Unit;

/// How percent agreement is defined in every report line (NOTES 1.1 lists the others).
pub const PERCENT_AGREEMENT_DEFINITION: &str = "mean pairwise agreement (Fleiss' P-bar, Gwet's p_a): \
for each unit rated by at least 2 coders, the share of agreeing coder pairs, averaged over \
those units; with 2 coders, the share of jointly rated units coded identically";

/// Krippendorff's (2004, 2019) reading of alpha (NOTES 5).
pub fn reading(alpha: &Coefficient) -> String {
    match alpha {
        Coefficient::Value(a) if *a >= 0.800 => "reliable (alpha ≥ 0.800)".into(),
        Coefficient::Value(a) if *a >= 0.667 => {
            "tentative conclusions only (0.667 ≤ alpha < 0.800)".into()
        }
        Coefficient::Value(_) => "unreliable (alpha < 0.667)".into(),
        Coefficient::Undefined { reason } => format!("not assessable: {reason}"),
    }
}

/// Where a line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// One code, applied or not per unit.
    Code,
    /// A top-level group: its codes' (unit, code) decisions pooled.
    Group,
    /// An exclusive group as one nominal variable (which of its codes, or none).
    ExclusiveGroup,
    /// Every compared code's (unit, code) decisions pooled.
    Pooled,
}

/// How an interval of alpha is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Nonparametric bootstrap over units (Zapf et al. 2016), the default.
    #[default]
    Units,
    /// Krippendorff's bootstrap of coincidence-matrix pairs (Hayes & Krippendorff 2007).
    Krippendorff,
}

impl IntervalMethod {
    /// The method in words, for outputs and methods paragraphs.
    pub fn describe(self) -> &'static str {
        match self {
            IntervalMethod::Units => {
                "percentile interval of a nonparametric bootstrap over units (Zapf et al. 2016)"
            }
            IntervalMethod::Krippendorff => {
                "Krippendorff's bootstrap of coincidence pairs (Hayes & Krippendorff 2007)"
            }
        }
    }
}

/// An interval asked for: method, replicates, seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntervalRequest {
    /// The method.
    pub method: IntervalMethod,
    /// Replicates.
    pub replicates: usize,
    /// Seed.
    pub seed: u64,
    /// Only the pooled line (the figure a methods paragraph states).
    pub pooled_only: bool,
}

impl From<(usize, u64)> for IntervalRequest {
    /// `(replicates, seed)` with the default method, on every line.
    fn from((replicates, seed): (usize, u64)) -> Self {
        IntervalRequest {
            method: IntervalMethod::default(),
            replicates,
            seed,
            pooled_only: false,
        }
    }
}

/// The interval of alpha on one line, or why it could not be computed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BootstrapLine {
    /// Computed.
    Interval {
        /// How.
        method: IntervalMethod,
        /// Lower 95% bound.
        ci95_low: f64,
        /// Upper 95% bound.
        ci95_high: f64,
        /// P(alpha < 0.667).
        p_below_0_667: f64,
        /// P(alpha < 0.800).
        p_below_0_800: f64,
        /// Replicates.
        replicates: usize,
        /// Seed.
        seed: u64,
        /// Why the interval cannot be trusted, when it cannot (too few disagreements or
        /// coded units); then outputs print this instead of the bounds.
        caution: Option<String>,
    },
    /// Not computed.
    Undefined {
        /// Why.
        reason: String,
    },
}

impl BootstrapLine {
    /// Compute the interval of nominal alpha on `data`.
    pub fn compute(data: &ReliabilityData, req: IntervalRequest) -> Self {
        let caution = interval_caution(data);
        let (n, seed) = (req.replicates, req.seed);
        let result = match req.method {
            IntervalMethod::Units => unit_bootstrap(data, Metric::Nominal, n, seed)
                .map(|b| (b.ci95_low, b.ci95_high, b.p_below_0_667, b.p_below_0_800)),
            IntervalMethod::Krippendorff => krippendorff_bootstrap(data, Metric::Nominal, n, seed)
                .map(|b| (b.ci95_low, b.ci95_high, b.p_below_0_667, b.p_below_0_800)),
        };
        match result {
            Ok((ci95_low, ci95_high, p_below_0_667, p_below_0_800)) => BootstrapLine::Interval {
                method: req.method,
                ci95_low,
                ci95_high,
                p_below_0_667,
                p_below_0_800,
                replicates: n,
                seed,
                caution,
            },
            Err(e) => BootstrapLine::Undefined {
                reason: e.to_string(),
            },
        }
    }
}

/// Fleiss' and Conger's missing-data extensions (NOTES 1.2, 1.4), reported under their
/// own names only on data with missing ratings (the missing-coders design).
#[derive(Debug, Clone, Serialize)]
pub struct MissingDataVariants {
    /// Fleiss' kappa, Gwet's missing-data form (NOTES 1.4 (a)).
    pub fleiss_kappa_gwet: Coefficient,
    /// Fleiss' kappa, pooled marginals over pairable units (NOTES 1.4 (b)).
    pub fleiss_kappa_pooled: Coefficient,
    /// Conger's kappa, Gwet's missing-data form (NOTES 1.2).
    pub conger_kappa_gwet: Coefficient,
}

/// One line of the report. Every coefficient of a line is computed on the same units:
/// with complete data, every unit; with missing coders, the coefficients that need
/// every coder on every unit are undefined and say so, and the missing-data extensions
/// appear in [`ReportLine::missing_data`].
#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    /// What the line is.
    pub kind: LineKind,
    /// Code or group id (`all codes` for the pooled line).
    pub id: String,
    /// Units (with pooled lines, unit × code decisions).
    pub units: usize,
    /// Units rated by at least two coders.
    pub pairable_units: usize,
    /// Share of all ratings that apply a code (not "not applied"/"none").
    pub prevalence: f64,
    /// See [`PERCENT_AGREEMENT_DEFINITION`].
    pub percent_agreement: Coefficient,
    /// Cohen's kappa with 2 coders, Light's kappa (mean pairwise Cohen) with more;
    /// complete data only.
    pub kappa: Coefficient,
    /// `cohen` or `light`.
    pub kappa_name: &'static str,
    /// Scott's pi (2 coders only).
    pub scott_pi: Coefficient,
    /// Fleiss' kappa (Fleiss 1971), complete data only (NOTES 1.4).
    pub fleiss_kappa: Coefficient,
    /// Krippendorff's alpha, nominal.
    pub krippendorff_alpha: Coefficient,
    /// Gwet's AC1.
    pub gwet_ac1: Coefficient,
    /// Brennan–Prediger.
    pub brennan_prediger: Coefficient,
    /// Krippendorff's reading of alpha.
    pub reading: String,
    /// The interval of alpha, when asked for.
    pub bootstrap: Option<BootstrapLine>,
    /// Missing-data extensions, only on data with missing ratings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_data: Option<MissingDataVariants>,
}

/// Why the complete-data coefficients are undefined on data with missing ratings.
const NEEDS_COMPLETE: &str = "needs every coder on every unit; with missing coders see the \
missing-data extensions, named as such";

/// Why every coefficient of a code nobody applied is undefined.
const NOBODY_APPLIED: &str =
    "undefined, because no compared coder applied it in the compared documents";

impl ReportLine {
    /// Compute a line; `none` is the category meaning "no code" (for the prevalence).
    pub fn new(
        kind: LineKind,
        id: &str,
        data: &ReliabilityData,
        none: usize,
        bootstrap: Option<IntervalRequest>,
    ) -> Self {
        let all = summary(data);
        let prevalence = 1.0 - all.prevalence.get(none).copied().unwrap_or(1.0);
        let nobody = all.prevalence.iter().all(|p| *p == 0.0) || prevalence <= 0.0;
        let prevalence = if nobody { 0.0 } else { prevalence };
        let complete = data.units().iter().all(|r| r.iter().all(Option::is_some));
        let (kappa, kappa_name) = if data.n_coders() == 2 {
            (all.cohen_kappa.clone(), "cohen")
        } else {
            (all.light_kappa.clone(), "light")
        };
        let (kappa, fleiss) = if complete {
            (kappa, all.fleiss_kappa.clone())
        } else {
            let why = |name: &str| Coefficient::undefined(format!("{name} {NEEDS_COMPLETE}"));
            let k = if kappa_name == "cohen" {
                "Cohen's kappa"
            } else {
                "Light's kappa"
            };
            (why(k), why("Fleiss' kappa"))
        };
        let missing_data = (!complete).then(|| MissingDataVariants {
            fleiss_kappa_gwet: all.fleiss_kappa_gwet.clone(),
            fleiss_kappa_pooled: all.fleiss_kappa_pooled.clone(),
            conger_kappa_gwet: all.conger_kappa.clone(),
        });
        let bootstrap = bootstrap.map(|req| BootstrapLine::compute(data, req));
        // A code nobody applied has no agreement to measure: every chance-corrected
        // coefficient says so (AC1 and Brennan–Prediger would otherwise print 1).
        let explain = |c: Coefficient| {
            if nobody && data.n_units() > 0 {
                Coefficient::undefined(NOBODY_APPLIED)
            } else {
                c
            }
        };
        let alpha = explain(all.krippendorff_alpha_nominal.clone());
        ReportLine {
            kind,
            id: id.to_string(),
            units: all.units,
            pairable_units: all.pairable_units,
            prevalence,
            percent_agreement: all.mean_pairwise_agreement.clone(),
            kappa: explain(kappa),
            kappa_name,
            scott_pi: explain(all.scott_pi.clone()),
            fleiss_kappa: explain(fleiss),
            reading: reading(&alpha),
            krippendorff_alpha: alpha,
            gwet_ac1: explain(all.gwet_ac1.clone()),
            brennan_prediger: explain(all.brennan_prediger.clone()),
            bootstrap,
            missing_data,
        }
    }
}

/// The report's unit as JSON: `"char"`, or `{"units": "sentence"}` for pre-defined units.
fn serialize_unit<S: serde::Serializer>(unit: &Unit, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    if *unit == Unit::Char {
        return s.serialize_str(unit.name());
    }
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry("units", unit.name())?;
    map.end()
}

/// The categorical report: codes worst first, groups, pooled.
#[derive(Debug, Clone, Serialize)]
pub struct CategoricalReport {
    /// The units.
    #[serde(serialize_with = "serialize_unit")]
    pub unit: Unit,
    /// Coders compared.
    pub coders: Vec<String>,
    /// Documents compared.
    pub documents: usize,
    /// Whether descendants count for their ancestors.
    pub rollup: bool,
    /// Minimum overlap (pre-defined units only).
    pub min_overlap: Option<f64>,
    /// Definition of percent agreement.
    pub percent_agreement_definition: &'static str,
    /// One line per code, lowest alpha first, undefined alpha last.
    pub codes: Vec<ReportLine>,
    /// Top-level groups (pooled binary) and exclusive groups (one nominal variable).
    pub groups: Vec<ReportLine>,
    /// Every code pooled.
    pub pooled: ReportLine,
}

/// Compute the categorical report.
pub fn categorical_report<D: UnitDoc>(
    inputs: &Inputs<D>,
    codebook: &Codebook,
    codes: &[String],
    unit: Unit,
    opts: &SpanOptions,
    interval: Option<IntervalRequest>,
) -> Result<CategoricalReport, AgreementError> {
    let pooled_interval = interval;
    let bootstrap = interval.filter(|r| !r.pooled_only);
    let set = CodeSet::new(codebook, codes, opts.rollup);
    type DataOf = Box<dyn Fn(&[usize]) -> Result<ReliabilityData, AgreementError>>;
    let data_of: DataOf = match unit {
        kind @ (Unit::Sentence | Unit::Paragraph | Unit::Turn | Unit::Passage) => {
            let m = UnitMatrix::build(inputs, &set, kind, opts)?;
            Box::new(move |c: &[usize]| m.data(c))
        }
        Unit::Char => {
            let m = CharMatrix::build(inputs, &set)?;
            Box::new(move |c: &[usize]| m.data(c, None))
        }
    };
    let mut lines = Vec::with_capacity(codes.len());
    for (k, code) in codes.iter().enumerate() {
        lines.push(ReportLine::new(
            LineKind::Code,
            code,
            &data_of(&[k])?,
            0,
            bootstrap,
        ));
    }
    lines.sort_by(|a, b| {
        match (a.krippendorff_alpha.value(), b.krippendorff_alpha.value()) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.id.cmp(&b.id))
    });
    let mut groups = Vec::new();
    for root in codebook.roots() {
        let members: Vec<usize> = codes
            .iter()
            .enumerate()
            .filter(|(_, c)| codebook.group_of(c).is_some_and(|g| g.id == root.id))
            .map(|(k, _)| k)
            .collect();
        if members.is_empty() {
            continue;
        }
        groups.push(ReportLine::new(
            LineKind::Group,
            &root.id,
            &data_of(&members)?,
            0,
            bootstrap,
        ));
    }
    if let kind @ (Unit::Sentence | Unit::Paragraph | Unit::Turn | Unit::Passage) = unit {
        for group in codebook.exclusive_groups() {
            let children: Vec<String> =
                codebook.children(&group.id).map(|c| c.id.clone()).collect();
            if !children.iter().any(|c| codes.contains(c)) {
                continue;
            }
            let set = CodeSet::new(codebook, &children, opts.rollup);
            let data = nominal_data(inputs, &set, kind, opts)?;
            let line = ReportLine::new(
                LineKind::ExclusiveGroup,
                &group.id,
                &data,
                children.len(),
                bootstrap,
            );
            groups.push(line);
        }
    }
    let all: Vec<usize> = (0..codes.len()).collect();
    let pooled = ReportLine::new(
        LineKind::Pooled,
        "all codes",
        &data_of(&all)?,
        0,
        pooled_interval,
    );
    Ok(CategoricalReport {
        unit,
        coders: inputs.coders.to_vec(),
        documents: inputs.docs.len(),
        rollup: opts.rollup,
        min_overlap: (unit != Unit::Char).then_some(opts.min_overlap),
        percent_agreement_definition: PERCENT_AGREEMENT_DEFINITION,
        codes: lines,
        groups,
        pooled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::test_fixtures::{CODEBOOK, coding, doc, names, span};

    #[test]
    fn report_sorts_worst_first_and_reads_alpha() {
        let d = doc("D1");
        let cb = Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap();
        let codings = vec![
            coding(&d, "a", "role.sales", span(&d, "Première")),
            coding(&d, "b", "role.sales", span(&d, "Première")),
            coding(&d, "a", "role.communication", span(&d, "Merci")),
            coding(&d, "b", "role.communication", span(&d, "Deuxième")),
            coding(&d, "a", "stage.launch", span(&d, "Troisième")),
            coding(&d, "b", "stage.launch", span(&d, "Troisième")),
        ];
        let coders = names(&["a", "b"]);
        let docs = [d];
        let inputs = Inputs {
            docs: &docs,
            codings: &codings,
            coders: &coders,
        };
        let codes = names(&["role.sales", "role.communication", "stage.launch"]);
        let unit = Unit::Sentence;
        let r = categorical_report(
            &inputs,
            &cb,
            &codes,
            unit,
            &SpanOptions::default(),
            Some((200, 1).into()),
        )
        .unwrap();
        let ids: Vec<&str> = r.codes.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["role.communication", "role.sales", "stage.launch"]
        );
        assert_eq!(r.codes[1].krippendorff_alpha.value(), Some(1.0));
        assert!(r.codes[1].reading.starts_with("reliable"));
        // role.communication: a on s5, b on s3 → 5 units, 3 agree "no": p = 3/5.
        assert!((r.codes[0].percent_agreement.value().unwrap() - 0.6).abs() < 1e-12);
        assert!(r.codes[0].reading.starts_with("unreliable"));
        assert_eq!(r.codes[0].kappa_name, "cohen");
        // Groups: role (pooled binary), stage (pooled binary) and stage as one variable.
        let kinds: Vec<(LineKind, &str)> =
            r.groups.iter().map(|l| (l.kind, l.id.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (LineKind::Group, "role"),
                (LineKind::Group, "stage"),
                (LineKind::ExclusiveGroup, "stage")
            ]
        );
        assert_eq!(r.pooled.units, 15);
        assert!((r.pooled.prevalence - 6.0 / 30.0).abs() < 1e-12);
        assert!(matches!(
            r.codes[0].bootstrap,
            Some(BootstrapLine::Interval { .. })
        ));
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["unit"], serde_json::json!({"units": "sentence"}));
    }
}
