//! The review of several coders' codings: the agreement table per code and the
//! disagreements, computed with the defaults of `glose agreement` (sentence units, every
//! coder but `consensus`, the codes they applied). Both doors can show it: the TUI's
//! review screen is drawn from [`ReviewData`].

use crate::agreement::Coefficient;
use crate::agreement::consensus::ADJUDICATED_CODER;
use crate::agreement::disagreements::{Disagreement, disagreements};
use crate::agreement::report::categorical_report;
use crate::agreement::select::{Selection, prepare};
use crate::agreement::units::{CodeSet, Inputs, SpanOptions};
use crate::document::Document;
use crate::store::load_all;
use crate::study::Study;
use crate::unit::Unit;

/// Why the review cannot be computed.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The coders or codes to compare cannot be chosen.
    #[error(transparent)]
    Select(#[from] crate::agreement::select::SelectError),
    /// The agreement cannot be computed.
    #[error(transparent)]
    Agreement(#[from] crate::agreement::AgreementError),
}

/// One line of the agreement table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Code id (`all codes` on the pooled line).
    pub code: String,
    /// Units (unit × code decisions on the pooled line).
    pub units: usize,
    /// Krippendorff's alpha (nominal).
    pub alpha: Coefficient,
    /// Cohen's kappa (2 coders) or Light's (more).
    pub kappa: Coefficient,
    /// Mean pairwise percent agreement.
    pub percent: Coefficient,
    /// Disagreements on this code.
    pub disagreements: usize,
}

/// What the review shows: the per-code table, worst first, the pooled line, and every
/// disagreement with the documents they are on.
#[derive(Debug, Clone)]
pub struct ReviewData {
    /// Compared coders (never `consensus`), in lane order.
    pub coders: Vec<String>,
    /// One row per code, lowest alpha first.
    pub rows: Vec<Row>,
    /// Every code pooled.
    pub pooled: Row,
    /// Every disagreement, by document and position.
    pub disagreements: Vec<Disagreement>,
    /// The compared documents.
    pub docs: Vec<Document>,
    /// Things to tell the user (codings of unknown codes…).
    pub warnings: Vec<String>,
    /// Who was compared on what, and what was left out ([`crate::agreement::design::Design::describe`]).
    pub compared: Vec<String>,
    /// Coders the default design left out (low coverage).
    pub left_out: Vec<String>,
    /// Every coder of the study but `consensus`, with their number of codings.
    pub candidates: Vec<(String, usize)>,
}

/// The unit the review compares on (the default of `glose agreement`).
pub const UNIT: Unit = Unit::Sentence;

/// Computes the table and the disagreements with the defaults of `glose agreement`
/// (sentences, every coder but `consensus`, the codes they applied).
pub fn compute(study: &Study) -> Result<ReviewData, ReviewError> {
    compute_with(study, &Selection::default())
}

/// Computes the table and the disagreements of a chosen selection (coders, documents).
pub fn compute_with(study: &Study, selection: &Selection) -> Result<ReviewData, ReviewError> {
    let all = load_all(study);
    let prepared = prepare(study, &all, selection)?;
    let inputs = Inputs {
        docs: &prepared.docs,
        codings: &prepared.codings,
        coders: &prepared.coders,
    };
    let opts = SpanOptions::default();
    let report = categorical_report(&inputs, &study.codebook, &prepared.codes, UNIT, &opts, None)?;
    let set = CodeSet::new(&study.codebook, &prepared.codes, opts.rollup);
    let list = disagreements(&inputs, &set, UNIT, &opts)?;
    let row = |line: &crate::agreement::report::ReportLine, n: usize| Row {
        code: line.id.clone(),
        units: line.units,
        alpha: line.krippendorff_alpha.clone(),
        kappa: line.kappa.clone(),
        percent: line.percent_agreement.clone(),
        disagreements: n,
    };
    let rows = report
        .codes
        .iter()
        .map(|l| row(l, list.iter().filter(|d| d.code == l.id).count()))
        .collect();
    let pooled = row(&report.pooled, list.len());
    let mut warnings = prepared.warnings.clone();
    warnings.extend(all.problems.iter().map(ToString::to_string));
    let candidates = all
        .coders
        .iter()
        .filter(|c| c.as_str() != ADJUDICATED_CODER)
        .map(|c| {
            let n = all.codings.iter().filter(|x| &x.coder == c).count();
            (c.clone(), n)
        })
        .collect();
    Ok(ReviewData {
        compared: prepared.design.describe(),
        left_out: (prepared.design.coders_left_out.iter())
            .map(|l| l.id.clone())
            .collect(),
        candidates,
        coders: prepared.coders.clone(),
        rows,
        pooled,
        disagreements: list,
        docs: prepared.docs,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The review of the sample study (the repository root): both coders, one row per
    /// code they applied, each disagreement counted on its code's row and on the pooled
    /// line, every disagreement on a compared document.
    #[test]
    fn review_of_the_sample_study() {
        let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let data = compute(&study).unwrap();
        assert_eq!(data.coders, ["coder-a", "coder-b"]);
        assert!(data.rows.len() > 10, "{} rows", data.rows.len());
        assert!(!data.disagreements.is_empty());
        for row in &data.rows {
            let n = data
                .disagreements
                .iter()
                .filter(|d| d.code == row.code)
                .count();
            assert_eq!(row.disagreements, n, "{}", row.code);
        }
        assert_eq!(data.pooled.disagreements, data.disagreements.len());
        for d in &data.disagreements {
            assert!(data.docs.iter().any(|doc| doc.id == d.doc), "{}", d.doc);
        }
    }
}
