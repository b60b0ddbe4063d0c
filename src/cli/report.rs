//! `glose report`: the self-contained HTML report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use glose::agreement::design::Missing;
use glose::agreement::units::DEFAULT_MIN_OVERLAP;
use glose::export::report::{AgreementSettings, Normalise, ReportOptions, build_report};
use glose::store::load_all;

use super::export::{SelectionArgs, emit};
use super::{Cli, Exit, open_study};

/// What the heatmap's cells are divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NormaliseArg {
    /// Raw segment counts.
    None,
    /// Per interview with a segment at that stage.
    Interview,
    /// Per 1,000 words of those interviews.
    Words,
}

/// `glose report`: by default every coder but `consensus`; its agreement section is
/// `glose agreement` with the same settings.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Normalise the heatmap's cells.
    #[arg(long, value_enum, default_value = "none")]
    pub normalise: NormaliseArg,
    /// Agreement: share of a sentence's non-space characters a coding must cover.
    #[arg(long, default_value_t = DEFAULT_MIN_OVERLAP, value_name = "F")]
    pub min_overlap: f64,
    /// Agreement: minimum coverage of a default coder (see `glose agreement --help`).
    #[arg(long, value_name = "F")]
    pub min_coverage: Option<f64>,
    /// Agreement: the missing-coders design (see `glose agreement --help`).
    #[arg(long)]
    pub missing_coders: bool,
    /// The HTML file to write.
    #[arg(long, default_value = "report.html", value_name = "FILE")]
    pub out: PathBuf,
    /// Which codings.
    #[command(flatten)]
    pub select: SelectionArgs,
}

/// Runs `glose report`.
pub fn run(cli: &Cli, a: &ReportArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let all = load_all(&study);
    for p in &all.problems {
        errln!("glose: warning: {p}");
    }
    let pseudonyms = a.select.pseudonyms(&study)?;
    if !(0.0..=1.0).contains(&a.min_overlap)
        || a.min_coverage.is_some_and(|c| !(0.0..=1.0).contains(&c))
    {
        return Err(Exit::new(
            2,
            "--min-overlap and --min-coverage must be between 0 and 1",
        )
        .into());
    }
    let opts = ReportOptions {
        selection: a.select.selection(),
        lang: a.select.lang(&study),
        pseudonyms: pseudonyms.clone(),
        normalise: match a.normalise {
            NormaliseArg::None => Normalise::None,
            NormaliseArg::Interview => Normalise::PerInterview,
            NormaliseArg::Words => Normalise::PerThousandWords,
        },
        agreement: AgreementSettings {
            min_overlap: a.min_overlap,
            min_coverage: a.min_coverage,
            missing: if a.missing_coders {
                Missing::Allowed
            } else {
                Missing::Excluded
            },
            ..AgreementSettings::default()
        },
    };
    let report = build_report(&study, &all, &opts).map_err(|e| Exit::new(2, e.to_string()))?;
    for w in &report.warnings {
        errln!("glose: warning: {w}");
    }
    emit(
        &study,
        Some(&a.out),
        report.html.as_bytes(),
        &report.html,
        pseudonyms.as_ref(),
    )?;
    errln!("glose: wrote {}", a.out.display());
    Ok(ExitCode::SUCCESS)
}
