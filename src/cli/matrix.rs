//! `glose matrix` and `glose cooccurrence`: crosstabs of coded segments.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use glose::export::cooccurrence::cooccurrence;
use glose::export::matrix::{Axis, Measure, crosstab};
use glose::export::sanitize::neutralise;
use glose::export::{Dimension, ExportOptions, Pseudonyms, build_segments};
use glose::store::load_all_spans;
use glose::study::Study;
use glose::words::cli as words;
use glose::words::tables;

use super::export::{SelectionArgs, emit};
use super::lang::lang;
use super::output::table;
use super::{Cli, Exit, open_study};

/// How a matrix is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    /// An aligned table with totals.
    Table,
    /// CSV (RFC 4180), spreadsheet-safe.
    Csv,
    /// JSON.
    Json,
}

/// `glose matrix`.
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Rows: code, doc, coder, or a code group or case attribute.
    #[arg(long, default_value = "code")]
    pub rows: String,
    /// Columns: code, doc, coder, or a code group or case attribute.
    #[arg(long, default_value = "stage")]
    pub cols: String,
    /// What each cell counts.
    #[arg(long, default_value = "segments", value_parser = ["segments", "documents", "words", "coders"])]
    pub measure: String,
    /// table, csv or json.
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    pub format: MatrixFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Which codings.
    #[command(flatten)]
    pub select: SelectionArgs,
}

/// `glose cooccurrence`.
#[derive(Debug, Args)]
pub struct CooccurrenceArgs {
    /// table, csv or json.
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    pub format: MatrixFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Which codings.
    #[command(flatten)]
    pub select: SelectionArgs,
}

fn axis(study: &Study, name: &str, dims: &mut Vec<Dimension>) -> anyhow::Result<Axis> {
    Ok(match name {
        "code" | "codes" => Axis::Code,
        "doc" | "docs" | "document" | "documents" => Axis::Doc,
        "coder" | "coders" => Axis::Coder,
        other => {
            if let Some(i) = dims.iter().position(|d| d.name() == other) {
                return Ok(Axis::Dim(i));
            }
            let dim = Dimension::resolve(study, other).map_err(|e| Exit::new(2, e.to_string()))?;
            dims.push(dim);
            Axis::Dim(dims.len() - 1)
        }
    })
}

fn csv_text(header: &[String], rows: &[Vec<String>]) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header.iter().map(|h| neutralise(h).into_owned()))?;
    for r in rows {
        w.write_record(r.iter().map(|c| neutralise(c).into_owned()))?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn print(
    study: &Study,
    text: String,
    out: Option<&std::path::Path>,
    pseudonyms: Option<&Pseudonyms>,
) -> anyhow::Result<()> {
    emit(study, out, text.as_bytes(), &text, pseudonyms)
}

/// Runs `glose matrix`.
pub fn run_matrix(cli: &Cli, a: &MatrixArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let mut dims = Vec::new();
    let rows = axis(&study, &a.rows, &mut dims)?;
    let cols = axis(&study, &a.cols, &mut dims)?;
    let measure = Measure::parse(&a.measure).unwrap_or(Measure::Segments);
    let all = load_all_spans(&study);
    let pseudonyms = a.select.pseudonyms(&study)?;
    let opts = ExportOptions {
        by: dims,
        selection: a.select.selection(),
        lang: a.select.lang(&study),
        pseudonyms: pseudonyms.clone(),
        lean: measure != Measure::Words,
    };
    let set = build_segments(&study, &all, &opts).map_err(|e| Exit::new(2, e.to_string()))?;
    for w in &set.warnings {
        errln!("{}", words::warning(lang(), &w));
    }
    let m = crosstab(&set, &rows, &cols, measure, &study.codebook);
    let text = match a.format {
        MatrixFormat::Json => serde_json::to_string_pretty(&m)? + "\n",
        MatrixFormat::Table => {
            let (mut header, mut rows_text) = m.to_rows(&a.rows, false);
            if rows == Axis::Code {
                // Ids are what researchers type; the label is in the JSON and CSV.
                for (row, key) in rows_text.iter_mut().zip(&m.rows) {
                    if let Some(first) = row.first_mut() {
                        first.clone_from(key);
                    }
                }
            }
            // The first and last headers are glose's words; the others, labels or values.
            let lang = lang();
            if let Some(first) = header.first_mut().filter(|_| rows == Axis::Code) {
                *first = tables::CODE.get(lang).into();
            }
            if let Some(last) = header.last_mut() {
                let total = match measure.is_distinct() {
                    true => tables::TOTAL_DISTINCT,
                    false => tables::TOTAL,
                };
                *last = total.get(lang).into();
            }
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            table(&header, &rows_text)
        }
        MatrixFormat::Csv => {
            let (header, rows_text) = m.to_rows(&a.rows, false);
            let mut h = vec![format!("{}_id", a.rows)];
            h.extend(header);
            let mut keyed = Vec::new();
            for (i, r) in rows_text.into_iter().enumerate() {
                let mut row = vec![m.rows.get(i).cloned().unwrap_or_else(|| "total".into())];
                row.extend(r);
                keyed.push(row);
            }
            csv_text(&h, &keyed)?
        }
    };
    print(&study, text, a.out.as_deref(), pseudonyms.as_ref())?;
    super::leave_to_os((set, all, study));
    Ok(ExitCode::SUCCESS)
}

/// Runs `glose cooccurrence`.
pub fn run_cooccurrence(cli: &Cli, a: &CooccurrenceArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let all = load_all_spans(&study);
    let pseudonyms = a.select.pseudonyms(&study)?;
    let opts = ExportOptions {
        by: Vec::new(),
        selection: a.select.selection(),
        lang: a.select.lang(&study),
        pseudonyms: pseudonyms.clone(),
        lean: true,
    };
    let set = build_segments(&study, &all, &opts).map_err(|e| Exit::new(2, e.to_string()))?;
    for w in &set.warnings {
        errln!("{}", words::warning(lang(), &w));
    }
    let c = cooccurrence(&set, &study.codebook);
    let text = match a.format {
        MatrixFormat::Json => serde_json::to_string_pretty(&c)? + "\n",
        MatrixFormat::Table => {
            let (header, rows) = c.to_rows();
            // Column headings are numbered to keep the table narrow; the legend follows.
            let mut short = vec![tables::CODE.get(lang()).to_string()];
            short.extend((1..header.len()).map(|i| format!("#{i}")));
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .enumerate()
                .map(|(i, mut r)| {
                    if let Some(first) = r.first_mut() {
                        *first = format!("#{} {first}", i + 1);
                    }
                    r
                })
                .collect();
            let short: Vec<&str> = short.iter().map(String::as_str).collect();
            table(&short, &rows) + "\n" + tables::COOCCURRENCE_LEGEND.get(lang()) + "\n"
        }
        MatrixFormat::Csv => {
            let (header, rows) = c.to_rows();
            csv_text(&header, &rows)?
        }
    };
    print(&study, text, a.out.as_deref(), pseudonyms.as_ref())?;
    Ok(ExitCode::SUCCESS)
}
