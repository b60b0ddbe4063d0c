//! `glose report`: the self-contained HTML report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use glose::agreement::design::Missing;
use glose::agreement::units::DEFAULT_MIN_OVERLAP;
use glose::export::Pseudonyms;
use glose::export::methods::methods_appendix;
use glose::export::methods::render::{to_html, to_markdown};
use glose::export::report::{AgreementSettings, Normalise, ReportOptions, build_report};
use glose::store::load_all;
use glose::words::cli as words;

use super::export::{SelectionArgs, emit};
use super::lang::lang;
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
    /// Another report than the HTML page.
    #[command(subcommand)]
    pub what: Option<ReportWhat>,
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

/// The other reports.
#[derive(Debug, Subcommand)]
pub enum ReportWhat {
    /// A methods appendix laid out as the COREQ and SRQR checklists: each item answered
    /// from the study's files and git history, or marked "needs the authors". The same
    /// commit gives the same bytes.
    Methods(MethodsArgs),
}

/// The appendix's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodsFormat {
    /// Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
}

/// `glose report methods`.
#[derive(Debug, Args)]
pub struct MethodsArgs {
    /// Markdown or HTML.
    #[arg(long, value_enum, default_value = "md")]
    pub format: MethodsFormat,
    /// Write to this file (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the items as JSON instead.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Runs `glose report methods`.
fn run_methods(cli: &Cli, a: &MethodsArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let all = load_all(&study);
    for p in &all.problems {
        errln!("{}", words::warning(lang(), &p));
    }
    let appendix = methods_appendix(&study, &all);
    let text = if a.json {
        serde_json::to_string_pretty(&appendix)? + "\n"
    } else {
        match a.format {
            MethodsFormat::Md => to_markdown(&appendix),
            MethodsFormat::Html => to_html(&appendix),
        }
    };
    let pseudonyms = Pseudonyms::load(&Pseudonyms::path(&study))?;
    emit(
        &study,
        a.out.as_deref(),
        text.as_bytes(),
        &text,
        Some(&pseudonyms),
    )?;
    if let Some(out) = &a.out {
        errln!("{}", words::wrote(lang(), &out.display().to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `glose report`.
pub fn run(cli: &Cli, a: &ReportArgs) -> anyhow::Result<ExitCode> {
    if let Some(ReportWhat::Methods(m)) = &a.what {
        return run_methods(cli, m);
    }
    let study = open_study(cli)?;
    let all = load_all(&study);
    for p in &all.problems {
        errln!("{}", words::warning(lang(), &p));
    }
    let pseudonyms = a.select.pseudonyms(&study)?;
    if !(0.0..=1.0).contains(&a.min_overlap)
        || a.min_coverage.is_some_and(|c| !(0.0..=1.0).contains(&c))
    {
        return Err(Exit::new(2, words::OVERLAP_RANGE.get(lang())).into());
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
        errln!("{}", words::warning(lang(), &w));
    }
    emit(
        &study,
        Some(&a.out),
        report.html.as_bytes(),
        &report.html,
        pseudonyms.as_ref(),
    )?;
    errln!("{}", words::wrote(lang(), &a.out.display().to_string()));
    super::leave_to_os((report, all, study));
    Ok(ExitCode::SUCCESS)
}
