//! `glose export qdpx|qdc` and `glose import qdpx|qdc|transcript`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use glose::exchange::export::{ExportQdpxOptions, export_codebook, export_project};
use glose::exchange::from_refi::project_to_study;
use glose::exchange::merge::merge_codebook;
use glose::exchange::new_study::write_study;
use glose::exchange::transcripts::import_transcripts;
use glose::exchange::{Report, ReportWarning};
use glose::export::out_path::refuse_study_file;
use glose::refi::{OffsetUnit, read_qdc, read_qdpx};
use glose::store::load_all;
use glose::words::cli as words;

use super::lang::lang;
use super::output::print_json;
use super::{Cli, Exit, open_study};

/// What to import.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Make a new study from a REFI-QDA project (.qdpx) exported by another tool.
    Qdpx(ImportQdpxArgs),
    /// Merge a REFI-QDA codebook (.qdc) into this study's codebook.
    Qdc(ImportQdcArgs),
    /// Add transcripts from .docx, .odt, .pdf (text layer), .vtt, .srt or .txt (UTF-8, UTF-16, Windows-1252).
    Transcript(ImportTranscriptArgs),
}

/// How selection offsets are counted in the exported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Offsets {
    /// Unicode code points, as the REFI-QDA standard says (QualCoder, ATLAS.ti).
    Codepoints,
    /// UTF-16 code units, as NVivo counts.
    Utf16,
}

/// `glose export qdpx`.
#[derive(Debug, Args)]
pub struct ExportQdpxArgs {
    /// The project file to write (.qdpx).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// How to count selection offsets (they differ only around emoji and other
    /// characters outside the Basic Multilingual Plane).
    #[arg(long, value_enum, default_value = "codepoints")]
    offsets: Offsets,
    /// Export real names: do not apply corpus/pseudonyms.csv.
    #[arg(long)]
    no_pseudonymise: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// `glose export qdc`.
#[derive(Debug, Args)]
pub struct ExportQdcArgs {
    /// The codebook file to write (.qdc).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Export real names: do not apply corpus/pseudonyms.csv to labels and definitions.
    #[arg(long)]
    no_pseudonymise: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// `glose import qdpx`.
#[derive(Debug, Args)]
pub struct ImportQdpxArgs {
    /// The project exported by NVivo, ATLAS.ti, MAXQDA or QualCoder (.qdpx).
    file: PathBuf,
    /// The folder of the new study (must not exist, or be empty).
    #[arg(long, value_name = "DIR")]
    into: PathBuf,
    /// Language of the transcripts and labels (fr or en).
    #[arg(long, default_value = "fr", value_parser = ["fr", "en"])]
    language: String,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// `glose import qdc`.
#[derive(Debug, Args)]
pub struct ImportQdcArgs {
    /// The codebook (.qdc).
    file: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// `glose import transcript`.
#[derive(Debug, Args)]
pub struct ImportTranscriptArgs {
    /// The files to add.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The stage of these interviews (a stage code's short name), written in cases.csv.
    #[arg(long)]
    stage: Option<String>,
    /// The language of these transcripts (`fr`, `en`, `de`…), written in their headers;
    /// guessed from each text when not given.
    #[arg(long)]
    language: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `glose import …`.
pub fn run_import(cli: &Cli, what: &ImportWhat) -> anyhow::Result<ExitCode> {
    match what {
        ImportWhat::Qdpx(a) => import_qdpx(a),
        ImportWhat::Qdc(a) => import_qdc(cli, a),
        ImportWhat::Transcript(a) => import_transcript(cli, a),
    }
}

fn print_warnings(warnings: &[ReportWarning]) {
    for w in warnings {
        errln!("{}{w}", words::WARNING.get(lang()));
    }
}

fn print_report(imported: bool, r: &Report) -> anyhow::Result<()> {
    outln!("{}", words::project_summary(lang(), imported, r));
    if !r.warnings.is_empty() {
        outln!("{}", words::warnings_on_stderr(lang(), r.warnings.len()));
    }
    print_warnings(&r.warnings);
    Ok(())
}

pub fn export_qdpx(cli: &Cli, a: &ExportQdpxArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let all = load_all(&study);
    let unit = match a.offsets {
        Offsets::Codepoints => OffsetUnit::CodePoints,
        Offsets::Utf16 => OffsetUnit::Utf16,
    };
    if a.no_pseudonymise {
        errln!("glose: {}", words::REAL_NAMES.get(lang()));
    }
    refuse_study_file(&study, &a.out).map_err(|e| Exit::new(2, e.to_string()))?;
    let opts = ExportQdpxOptions {
        unit,
        pseudonymise: !a.no_pseudonymise,
    };
    let report = export_project(&study, &all, &a.out, opts)?;
    if a.json {
        print_json(&report)?;
    } else {
        print_report(false, &report)?;
        for d in &report.known_drops {
            errln!("{}{d}", words::NOTE.get(lang()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export_qdc(cli: &Cli, a: &ExportQdcArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    if a.no_pseudonymise {
        errln!("glose: {}", words::REAL_NAMES.get(lang()));
    }
    refuse_study_file(&study, &a.out).map_err(|e| Exit::new(2, e.to_string()))?;
    let report = export_codebook(&study, &a.out, !a.no_pseudonymise)?;
    if a.json {
        print_json(&report)?;
    } else {
        let out = a.out.display().to_string();
        outln!("{}", words::exported_codes(lang(), &out, report.codes));
        print_warnings(&report.warnings);
    }
    Ok(ExitCode::SUCCESS)
}

fn import_qdpx(a: &ImportQdpxArgs) -> anyhow::Result<ExitCode> {
    let (project, mut warnings) = read_qdpx(&a.file)?;
    let name = a
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (study, more) = project_to_study(&project, &name, &a.language);
    warnings.extend(more);
    write_study(&a.into, &study)?;
    let report = study.report(&a.file, &warnings);
    if a.json {
        print_json(&report)?;
    } else {
        print_report(true, &report)?;
        outln!(
            "{}",
            words::new_study(lang(), &a.into.display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn import_qdc(cli: &Cli, a: &ImportQdcArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let (book, warnings) = read_qdc(&a.file)?;
    let (merged, mut report) = merge_codebook(&study.codebook, &book, &study.config.language);
    report.file = a.file.clone();
    report.warn_all(&warnings);
    if !report.added.is_empty() {
        merged.save(&study.root.join(&study.config.codebook))?;
    }
    if a.json {
        print_json(&report)?;
    } else {
        let (added, kept, conflicts) = (
            report.added.len(),
            report.kept.len(),
            report.conflicts.len(),
        );
        let file = a.file.display().to_string();
        outln!("{}", words::merged(lang(), &file, added, kept, conflicts));
        for id in &report.added {
            outln!("{}", words::added(lang(), id));
        }
        for c in &report.conflicts {
            outln!("{}", words::conflict(lang(), &c.to_string()));
        }
        print_warnings(&report.warnings);
    }
    Ok(ExitCode::SUCCESS)
}

fn import_transcript(cli: &Cli, a: &ImportTranscriptArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let report = import_transcripts(&study, &a.files, a.stage.as_deref(), a.language.as_deref())?;
    if a.json {
        print_json(&report)?;
    } else {
        for t in &report.added {
            outln!("{}", words::transcript_imported(lang(), t));
        }
        for w in &report.warnings {
            errln!("{}{w}", words::WARNING.get(lang()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
