//! `glose export`: coded segments (and, later, REFI-QDA projects) out of glose.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};
use glose::export::formats::{Format, render};
use glose::export::out_path::refuse_study_file;
use glose::export::{Dimension, ExportOptions, Pseudonyms, Selection, build_segments};
use glose::filter::Filter;
use glose::store::load_all_spans;
use glose::study::Study;
use glose::words::cli as words;

use super::lang::lang;
use super::{Cli, Exit, open_study};

/// Export coded data.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[command(subcommand)]
    pub command: ExportCommand,
}

/// The things `glose export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Coded segments, one record per segment, grouped by stage (or any attribute or
    /// code group).
    Segments(SegmentsArgs),
    /// The whole study as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.
    Qdpx(super::exchange::ExportQdpxArgs),
    /// The codebook alone as a REFI-QDA codebook (.qdc).
    Qdc(super::exchange::ExportQdcArgs),
}

/// Which codings, in which language, with or without pseudonyms (shared by export,
/// matrix, cooccurrence and report).
#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Only these coders (comma-separated or repeated); default: every coder.
    #[arg(long, value_delimiter = ',', value_name = "CODER")]
    pub coders: Vec<String>,
    /// The passages all selected coders gave the same code (coder "consensus").
    #[arg(long)]
    pub consensus: bool,
    /// Only these codes and their sub-codes (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub codes: Vec<String>,
    /// Only these documents (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "DOC")]
    pub docs: Vec<String>,
    /// Language of code labels (default: the study's language).
    #[arg(long, value_parser = ["fr", "en"])]
    pub lang: Option<String>,
    /// Export real names: do not apply corpus/pseudonyms.csv.
    #[arg(long)]
    pub no_pseudonymise: bool,
}

impl SelectionArgs {
    /// The library selection.
    pub fn selection(&self) -> Selection {
        Selection::from_filter(&self.filter(), self.consensus)
    }

    /// The documents, coders and codes asked for.
    pub fn filter(&self) -> Filter {
        Filter::from_lists(&self.docs, &self.coders, &self.codes)
    }

    /// The pseudonyms in force (`None` with --no-pseudonymise).
    pub fn pseudonyms(&self, study: &Study) -> anyhow::Result<Option<Pseudonyms>> {
        if self.no_pseudonymise {
            errln!("glose: {}", words::REAL_NAMES.get(lang()));
            return Ok(None);
        }
        Ok(Some(Pseudonyms::load(&Pseudonyms::path(study))?))
    }

    /// The label language.
    pub fn lang(&self, study: &Study) -> String {
        self.lang.clone().unwrap_or_else(|| {
            glose::locale::Lang::for_outputs(&study.config)
                .code()
                .to_string()
        })
    }
}

/// `glose export segments`.
#[derive(Debug, Args)]
pub struct SegmentsArgs {
    /// Group by this code group or case attribute; give it twice to nest (stage, then
    /// sector).
    #[arg(long, default_value = "stage", value_name = "GROUP|ATTRIBUTE")]
    pub by: Vec<String>,
    /// csv, tsv, jsonl, md, html or xlsx (default: from --out's extension, else csv).
    #[arg(long)]
    pub format: Option<String>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Which codings.
    #[command(flatten)]
    pub select: SelectionArgs,
}

/// Runs `glose export …`.
pub fn run(cli: &Cli, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        ExportCommand::Segments(a) => segments(cli, a),
        ExportCommand::Qdpx(a) => super::exchange::export_qdpx(cli, a),
        ExportCommand::Qdc(a) => super::exchange::export_qdc(cli, a),
    }
}

fn segments(cli: &Cli, a: &SegmentsArgs) -> anyhow::Result<ExitCode> {
    // First, so that the messages below speak the study's language.
    let study = open_study(cli)?;
    let format = match (&a.format, &a.out) {
        (Some(f), _) => {
            Format::parse(f).ok_or_else(|| Exit::new(2, words::unknown_format(lang(), f)))?
        }
        (None, Some(out)) => out
            .extension()
            .and_then(|e| Format::parse(&e.to_string_lossy()))
            .unwrap_or(Format::Csv),
        (None, None) => Format::Csv,
    };
    if format == Format::Xlsx && a.out.is_none() {
        bail!(Exit::new(2, words::XLSX_NEEDS_OUT.get(lang())));
    }
    let by =
        a.by.iter()
            .map(|name| Dimension::resolve(&study, name))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Exit::new(2, e.to_string()))?;
    // Records take their text from the transcript, never from an anchor.
    let all = load_all_spans(&study);
    for p in &all.problems {
        errln!("{}", words::warning(lang(), &p));
    }
    let pseudonyms = a.select.pseudonyms(&study)?;
    let opts = ExportOptions {
        by,
        selection: a.select.selection(),
        lang: a.select.lang(&study),
        pseudonyms: pseudonyms.clone(),
        lean: false,
    };
    let set = build_segments(&study, &all, &opts).map_err(|e| Exit::new(2, e.to_string()))?;
    for w in &set.warnings {
        errln!("{}", words::warning(lang(), &w));
    }
    let title = words::segments_title(
        glose::locale::Lang::from_code(&opts.lang).unwrap_or_default(),
        &study.config.name,
    );
    let rendered = render(&set, format, &study.codebook, &title)?;
    emit(
        &study,
        a.out.as_deref(),
        rendered.bytes(),
        rendered.scan_text(),
        pseudonyms.as_ref(),
    )?;
    if let Some(out) = &a.out {
        let path = out.display().to_string();
        errln!(
            "{}",
            words::wrote_segments(lang(), set.records.len(), &path)
        );
    }
    super::leave_to_os((rendered, set, all, study));
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `out` atomically (or to standard output), then scans what was written
/// for real names listed in `pseudonyms.csv` and warns about any that remain. An `out`
/// that is one of the study's own files is refused before anything is written.
pub fn emit(
    study: &Study,
    out: Option<&Path>,
    bytes: &[u8],
    scan_text: &str,
    pseudonyms: Option<&Pseudonyms>,
) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            refuse_study_file(study, path).map_err(|e| Exit::new(2, e.to_string()))?;
            glose::fsutil::write_atomic(path, bytes)?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(super::output::terminal_text(bytes).as_bytes())?;
            stdout.flush()?;
        }
    }
    if let Some(p) = pseudonyms {
        for leak in p.scan(scan_text) {
            let text = words::real_name_left(lang(), &leak.name, &leak.listed_for, leak.count);
            errln!("{text}");
        }
    }
    Ok(())
}
