//! `glose report`: the self-contained HTML report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use glose::export::report::{ReportOptions, build_report};
use glose::store::load_all;

use super::export::{SelectionArgs, emit};
use super::{Cli, Exit, open_study};

/// `glose report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
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
    let opts = ReportOptions {
        selection: a.select.selection(),
        lang: a.select.lang(&study),
        pseudonyms: pseudonyms.clone(),
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
