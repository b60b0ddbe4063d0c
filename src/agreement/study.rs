//! The agreement of a study in one call: the design (who is compared on what), the
//! categorical report on it, and what the user should know. `glose agreement`, the HTML
//! report and the TUI review all go through here (or through [`review_default`]), so the
//! same settings give the same figures everywhere.

use serde::Serialize;

use super::AgreementError;
use super::design::Design;
use super::doc_units::UnitDoc;
use super::report::{CategoricalReport, IntervalRequest, categorical_report};
use super::select::{Prepared, SelectError, Selection, choose, load_units, prepare};
use super::units::{Inputs, SpanOptions};
use crate::store::AllCodings;
use crate::study::Study;
use crate::unit::Unit;

/// A study's agreement: the design, then the report (its fields at the top level in
/// JSON), then warnings.
#[derive(Debug, Clone, Serialize)]
pub struct StudyAgreement {
    /// Who is compared on what, and what was left out and why.
    pub design: Design,
    /// The coefficients.
    #[serde(flatten)]
    pub report: CategoricalReport,
    /// Things the user should know (codes not in the codebook, documents without units).
    pub warnings: Vec<String>,
}

/// Why a study's agreement cannot be computed.
#[derive(Debug, thiserror::Error)]
pub enum StudyAgreementError {
    /// The selection cannot be compared.
    #[error(transparent)]
    Select(#[from] SelectError),
    /// The inputs are inconsistent.
    #[error(transparent)]
    Agreement(#[from] AgreementError),
}

/// The comparison the TUI review shows by default, with the defaults of
/// `glose agreement`: every coder but `consensus` who passes the coverage rule, on the
/// documents coded by all of them ([`super::design`]). `prepared.design.describe()` gives
/// the header lines (who is compared, what was left out and why).
pub fn review_default(study: &Study, all: &AllCodings) -> Result<Prepared, SelectError> {
    prepare(study, all, &Selection::default())
}

/// Documents of `prepared` with no unit of `unit` (no non-space text in any).
fn documents_without_units<D: UnitDoc>(docs: &[D], unit: Unit) -> Vec<String> {
    docs.iter()
        .filter(|d| {
            let ns = d.non_space();
            match unit {
                kind @ (Unit::Sentence | Unit::Paragraph | Unit::Turn | Unit::Passage) => {
                    d.units_of(kind).iter().all(|r| ns.count(r.clone()) == 0)
                }
                Unit::Char => ns.count(0..d.body_len()) == 0,
            }
        })
        .map(|d| d.doc_id().to_string())
        .collect()
}

/// The agreement of `sel` on `study` with units `unit`, overlap options `opts` and,
/// when asked, an interval of alpha on every line.
pub fn study_agreement(
    study: &Study,
    all: &AllCodings,
    sel: &Selection,
    unit: Unit,
    opts: &SpanOptions,
    interval: Option<IntervalRequest>,
) -> Result<StudyAgreement, StudyAgreementError> {
    let choice = choose(study, all, sel)?;
    let docs = load_units(study, &choice.design.docs)?;
    // Every coding: those of other coders and documents are ignored.
    let inputs = Inputs {
        docs: &docs,
        codings: &all.codings,
        coders: &choice.design.coders,
    };
    let report = categorical_report(
        &inputs,
        &study.codebook,
        &choice.codes,
        unit,
        opts,
        interval,
    )?;
    let mut warnings = choice.warnings;
    let empty = documents_without_units(&docs, unit);
    if !empty.is_empty() {
        warnings.push(format!(
            "{} compared interview(s) have no unit to compare (no non-space text): {}",
            empty.len(),
            empty.join(", ")
        ));
    }
    Ok(StudyAgreement {
        design: choice.design,
        report,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::units::Inputs;

    /// On the sample study: the agreement computed on the cached units, cold and warm, is
    /// the report computed on the loaded documents, to the last digit.
    #[test]
    fn agreement_on_cached_units_is_the_documents() {
        let dir = crate::testkit::sample_study(None).unwrap();
        let root = crate::testkit::sample_root();
        crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
        let study = Study::open(dir.path()).unwrap();
        let all = crate::store::load_all(&study);
        let sel = Selection::default();
        let opts = SpanOptions::default();
        let prepared = prepare(&study, &all, &sel).unwrap();
        let inputs = Inputs {
            docs: &prepared.docs,
            codings: &prepared.codings,
            coders: &prepared.coders,
        };
        for unit in [Unit::Sentence, Unit::Paragraph, Unit::Turn, Unit::Char] {
            let want =
                categorical_report(&inputs, &study.codebook, &prepared.codes, unit, &opts, None)
                    .unwrap();
            let want = serde_json::to_string(&want).unwrap();
            for run in ["cold", "warm"] {
                let got = study_agreement(&study, &all, &sel, unit, &opts, None).unwrap();
                assert_eq!(
                    serde_json::to_string(&got.report).unwrap(),
                    want,
                    "{unit} {run}"
                );
                assert_eq!(got.design, prepared.design);
            }
        }
        let units = std::fs::read_dir(study.cache_dir().join("cache/documents"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".units"))
            })
            .count();
        assert_eq!(units, prepared.docs.len());
    }
}
