//! `glose agreement`: inter-coder agreement of the study's coders, and the disagreements.
//!
//! This module holds the command (its arguments and `run`); the printing is in
//! `report` (the coefficients), `segments` (`--unit segment`), `domain`
//! (`--unit unitized`) and `disagreements` (`--disagreements`).

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use glose::agreement::continuum::{domain_report, segment_comparison};
use glose::agreement::design::{DEFAULT_MIN_COVERAGE, Missing};
use glose::agreement::disagreements::disagreements;
use glose::agreement::methods::{Lang, methods_paragraph};
use glose::agreement::report::{IntervalMethod, IntervalRequest};
use glose::agreement::select::{Prepared, Selection, prepare};
use glose::agreement::study::{StudyAgreementError, study_agreement};
use glose::agreement::units::{CodeSet, DEFAULT_MIN_OVERLAP, Inputs, SpanOptions};
use glose::agreement::{AgreementError, Coefficient};
use glose::filter::Filter;
use glose::store::{AllCodings, load_all};
use glose::study::Study;
use glose::unit::Unit;
use glose::words::cli as words;

use super::lang::lang;
use super::output::print_json;
use super::{Cli, Exit, open_study};

/// Appends formatted text to a buffer (printed at once, so a closed pipe is an error,
/// not a panic).
macro_rules! out {
    ($o:expr, $($arg:tt)*) => { $o.push_str(&format!($($arg)*)) };
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($o:expr, $($arg:tt)*) => {{ $o.push_str(&format!($($arg)*)); $o.push('\n'); }};
}

mod disagreements;
mod domain;
mod report;
mod segments;

use disagreements::{print_disagreements, print_disagreements_json};
use domain::print_domain;
use report::print_report;
use segments::print_segments;

/// Writes a buffer to stdout.
fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(glose::text::escape_controls(text).as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// What `--unit` compares: the core's units of a kind, or coded segments, or continua.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    /// Who applied each code to each unit (sentence, paragraph, turn or char).
    Units(Unit),
    /// Coded segments (MAXQDA): same code, overlapping by --overlap.
    Segment,
    /// Krippendorff's u-alphas per exclusive code group (ATLAS.ti).
    Unitized,
}

/// The values of `--unit`, with their help, parsed into a [`Comparison`].
fn comparison_parser() -> impl clap::builder::TypedValueParser<Value = Comparison> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new([
        PossibleValue::new("sentence").help("Sentences"),
        PossibleValue::new("paragraph").help("Paragraphs"),
        PossibleValue::new("turn").help("Speaker turns"),
        PossibleValue::new("char").help("Every character (NVivo's coding comparison)"),
        PossibleValue::new("segment")
            .help("Coded segments (MAXQDA): same code, overlapping by --overlap"),
        PossibleValue::new("unitized")
            .help("Krippendorff's u-alphas per exclusive code group (ATLAS.ti)"),
    ])
    .try_map(|name| match name.as_str() {
        "segment" => Ok(Comparison::Segment),
        "unitized" => Ok(Comparison::Unitized),
        unit => unit.parse::<Unit>().map(Comparison::Units),
    })
}

/// How the interval of alpha is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Interval {
    /// Nonparametric bootstrap over units (Zapf et al. 2016).
    Units,
    /// Krippendorff's bootstrap of coincidence pairs (KALPHA, ATLAS.ti).
    Krippendorff,
}

impl Interval {
    /// The core's interval method.
    fn method(self) -> IntervalMethod {
        match self {
            Interval::Units => IntervalMethod::Units,
            Interval::Krippendorff => IntervalMethod::Krippendorff,
        }
    }
}

/// Inter-coder agreement: per code (worst first), per group, pooled.
///
/// It says first who is compared on what: by default every coder but `consensus` (the
/// adjudicated file) who coded at least --min-coverage of the interviews coded by more
/// than one coder, on the interviews coded by every one of them.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// Coders to compare (default: every coder but `consensus` who passes --min-coverage).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    coders: Option<Vec<String>>,
    /// Candidate documents (default: every document one of the coders coded).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    docs: Option<Vec<String>>,
    /// Share of the interviews coded by more than one coder a coder must have coded to be
    /// compared by default.
    #[arg(long, default_value_t = DEFAULT_MIN_COVERAGE, value_name = "F")]
    min_coverage: f64,
    /// Missing-coders design: compare the interviews coded by at least two of the coders
    /// (a coder who did not code one is missing there) instead of those coded by all.
    #[arg(long)]
    missing_coders: bool,
    /// Codes (default: the codes the coders applied, in codebook order).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    codes: Option<Vec<String>>,
    /// Unit of comparison.
    #[arg(long, value_parser = comparison_parser(), default_value = "sentence")]
    unit: Comparison,
    /// Count codings of a code's descendants as codings of the code.
    #[arg(long)]
    rollup: bool,
    /// Share of a unit's non-space characters a coder's codings must cover (0 = any
    /// overlap; sentence, paragraph and turn units).
    #[arg(long, default_value_t = DEFAULT_MIN_OVERLAP, value_name = "F")]
    min_overlap: f64,
    /// Share of the union two segments must overlap to agree (segment unit).
    #[arg(long, default_value_t = 0.9, value_name = "F")]
    overlap: f64,
    /// Bootstrap alpha with N replicates: 95% interval and P(alpha < 0.667),
    /// P(alpha < 0.800).
    #[arg(long, value_name = "N")]
    bootstrap: Option<usize>,
    /// Interval method (with --bootstrap or --methods).
    #[arg(long, value_enum, default_value = "units")]
    interval: Interval,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    /// Write the methods paragraph a paper must state (with a 1,000-replicate interval
    /// of the pooled alpha unless --bootstrap says otherwise).
    #[arg(long, conflicts_with_all = ["disagreements", "json"])]
    methods: bool,
    /// Language of the methods paragraph: en or fr (default: the study's language).
    #[arg(long, value_name = "LANG", requires = "methods")]
    lang: Option<String>,
    /// List every disagreement instead of the coefficients.
    #[arg(long)]
    disagreements: bool,
    /// With --disagreements: only this code.
    #[arg(long, requires = "disagreements")]
    code: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `glose agreement`.
pub fn run(cli: &Cli, args: &AgreementArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    // After the study is found, so that the refusal speaks its language.
    check_shares(args)?;
    let all = load_all(&study);
    for p in &all.problems {
        errln!("{p}");
    }
    let selection = selection(args);
    let opts = SpanOptions {
        rollup: args.rollup,
        min_overlap: args.min_overlap,
    };
    let choice = match args.unit {
        Comparison::Units(unit) => unit,
        Comparison::Segment | Comparison::Unitized => {
            let prepared = prepare_and_warn(&study, &all, &selection)?;
            if !args.json {
                let compared = glose::words::agreement::compared(lang(), &prepared.design);
                emit(&(compared.join("\n") + "\n\n"))?;
            }
            return other_units(&study, &prepared, args);
        }
    };
    if args.disagreements {
        let prepared = prepare_and_warn(&study, &all, &selection)?;
        return list_disagreements(&prepared, &study, args, &opts);
    }
    let bad = |e: AgreementError| Exit::new(2, e.to_string());
    let result =
        study_agreement(&study, &all, &selection, choice, &opts, interval(args)).map_err(|e| {
            match e {
                StudyAgreementError::Agreement(e) => bad(e),
                other => Exit::new(2, other.to_string()),
            }
        })?;
    for w in &result.warnings {
        errln!("glose: {w}");
    }
    if args.methods {
        let lang = Lang::from_code(args.lang.as_deref().unwrap_or(&study.config.language))
            .unwrap_or_default();
        emit(&(methods_paragraph(&result, study.entries.len(), lang) + "\n"))?;
    } else if args.json {
        print_json(&result)?;
    } else {
        print_report(&result, args.bootstrap.is_some(), args.interval)?;
    }
    super::leave_to_os((all, study));
    Ok(ExitCode::SUCCESS)
}

/// Refuses shares out of their range (exit 2).
fn check_shares(args: &AgreementArgs) -> anyhow::Result<()> {
    if !(0.0..=1.0).contains(&args.min_overlap) {
        return Err(Exit::new(2, words::MIN_OVERLAP_RANGE.get(lang())).into());
    }
    if !(args.overlap > 0.0 && args.overlap <= 1.0) {
        return Err(Exit::new(2, words::OVERLAP_SEGMENTS_RANGE.get(lang())).into());
    }
    if !(0.0..=1.0).contains(&args.min_coverage) {
        return Err(Exit::new(2, words::MIN_COVERAGE_RANGE.get(lang())).into());
    }
    Ok(())
}

/// The coders, documents and codes to compare, and how.
fn selection(args: &AgreementArgs) -> Selection {
    let filter = Filter::from_lists(
        args.docs.as_deref().unwrap_or_default(),
        args.coders.as_deref().unwrap_or_default(),
        args.codes.as_deref().unwrap_or_default(),
    );
    let mut selection = Selection {
        rollup: args.rollup,
        min_coverage: Some(args.min_coverage),
        missing: if args.missing_coders {
            Missing::Allowed
        } else {
            Missing::Excluded
        },
        ..Selection::from_filter(&filter)
    };
    if let (Some(code), None) = (&args.code, &selection.codes) {
        selection.codes = Some(vec![code.clone()]);
    }
    selection
}

/// The interval asked for: `--bootstrap N`, or 1,000 replicates of the pooled alpha for
/// `--methods`.
fn interval(args: &AgreementArgs) -> Option<IntervalRequest> {
    let replicates = args.bootstrap.or(args.methods.then_some(1_000));
    replicates.map(|replicates| IntervalRequest {
        method: args.interval.method(),
        replicates,
        seed: args.seed,
        pooled_only: args.bootstrap.is_none(),
    })
}

/// The compared documents, coders and codings, with the core's warnings printed.
fn prepare_and_warn(
    study: &Study,
    all: &AllCodings,
    selection: &Selection,
) -> anyhow::Result<Prepared> {
    let prepared = prepare(study, all, selection).map_err(|e| Exit::new(2, e.to_string()))?;
    for w in &prepared.warnings {
        errln!("glose: {w}");
    }
    Ok(prepared)
}

/// `--unit segment` and `--unit unitized`.
fn other_units(
    study: &Study,
    prepared: &Prepared,
    args: &AgreementArgs,
) -> anyhow::Result<ExitCode> {
    let inputs = Inputs {
        docs: &prepared.docs,
        codings: &prepared.codings,
        coders: &prepared.coders,
    };
    let bad = |e: AgreementError| Exit::new(2, e.to_string());
    if args.unit == Comparison::Segment {
        let set = CodeSet::new(&study.codebook, &prepared.codes, args.rollup);
        let pairs = segment_comparison(&inputs, &set, args.overlap);
        if args.json {
            print_json(&pairs)?;
        } else {
            print_segments(&pairs, args.overlap)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut domains = Vec::new();
    for group in study.codebook.exclusive_groups() {
        let children: Vec<String> = study
            .codebook
            .children(&group.id)
            .map(|c| c.id.clone())
            .collect();
        let set = CodeSet::new(&study.codebook, &children, args.rollup);
        domains.push(domain_report(&inputs, &group.id, &set).map_err(bad)?);
    }
    if args.json {
        print_json(&domains)?;
    } else if domains.is_empty() {
        let none = glose::words::agreement::NO_DOMAIN.get(lang());
        emit(&format!("{none}\n"))?;
    } else {
        for d in &domains {
            print_domain(d)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A coefficient with three decimals, or `—` when undefined.
fn fmt(c: &Coefficient) -> String {
    match c {
        Coefficient::Value(v) => format!("{v:.3}"),
        Coefficient::Undefined { .. } => "—".into(),
    }
}

/// `--disagreements`: every unit where the coders disagree.
fn list_disagreements(
    prepared: &Prepared,
    study: &Study,
    args: &AgreementArgs,
    opts: &SpanOptions,
) -> anyhow::Result<ExitCode> {
    let inputs = &Inputs {
        docs: &prepared.docs,
        codings: &prepared.codings,
        coders: &prepared.coders,
    };
    let choice = match args.unit {
        Comparison::Units(unit) => unit,
        Comparison::Segment | Comparison::Unitized => Unit::Char,
    };
    let set = CodeSet::new(&study.codebook, &prepared.codes, args.rollup);
    let list =
        disagreements(inputs, &set, choice, opts).map_err(|e| Exit::new(2, e.to_string()))?;
    if args.json {
        print_disagreements_json(&list, prepared)?;
    } else {
        print_disagreements(&list, prepared)?;
    }
    Ok(ExitCode::SUCCESS)
}
