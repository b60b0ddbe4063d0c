//! `glose agreement`: inter-coder agreement of the study's coders, and the disagreements.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use glose::agreement::continuum::{
    ContinuumReport, ContinuumResult, DomainReport, SegmentPairReport, domain_report,
    segment_comparison,
};
use glose::agreement::design::{DEFAULT_MIN_COVERAGE, Missing};
use glose::agreement::disagreements::{Disagreement, disagreements};
use glose::agreement::methods::{Lang, methods_paragraph};
use glose::agreement::report::{
    BootstrapLine, IntervalMethod, IntervalRequest, LineKind, ReportLine,
};
use glose::agreement::select::{Prepared, Selection, prepare};
use glose::agreement::study::{StudyAgreement, StudyAgreementError, study_agreement};
use glose::agreement::units::{CodeSet, DEFAULT_MIN_OVERLAP, Inputs, SpanOptions};
use glose::agreement::{AgreementError, Coefficient};
use glose::filter::Filter;
use glose::store::load_all;
use glose::study::Study;
use glose::unit::Unit;
use serde::Serialize;

use super::code::excerpt;
use super::output::{print_json, table};
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
    if !(0.0..=1.0).contains(&args.min_overlap) {
        return Err(Exit::new(2, "--min-overlap must be between 0 and 1").into());
    }
    if !(args.overlap > 0.0 && args.overlap <= 1.0) {
        return Err(Exit::new(2, "--overlap must be above 0 and at most 1").into());
    }
    if !(0.0..=1.0).contains(&args.min_coverage) {
        return Err(Exit::new(2, "--min-coverage must be between 0 and 1").into());
    }
    let study = open_study(cli)?;
    let all = load_all(&study);
    for p in &all.problems {
        errln!("{p}");
    }
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
    let opts = SpanOptions {
        rollup: args.rollup,
        min_overlap: args.min_overlap,
    };
    let bad = |e: AgreementError| Exit::new(2, e.to_string());
    let choice = match args.unit {
        Comparison::Units(unit) => unit,
        Comparison::Segment | Comparison::Unitized => {
            let prepared =
                prepare(&study, &all, &selection).map_err(|e| Exit::new(2, e.to_string()))?;
            for w in &prepared.warnings {
                errln!("glose: {w}");
            }
            if !args.json {
                emit(&(prepared.design.describe().join("\n") + "\n\n"))?;
            }
            return other_units(&study, &prepared, args);
        }
    };
    if args.disagreements {
        let prepared =
            prepare(&study, &all, &selection).map_err(|e| Exit::new(2, e.to_string()))?;
        for w in &prepared.warnings {
            errln!("glose: {w}");
        }
        return list_disagreements(&prepared, &study, args, &opts);
    }
    let method = match args.interval {
        Interval::Units => IntervalMethod::Units,
        Interval::Krippendorff => IntervalMethod::Krippendorff,
    };
    let replicates = args.bootstrap.or(args.methods.then_some(1_000));
    let interval = replicates.map(|replicates| IntervalRequest {
        method,
        replicates,
        seed: args.seed,
        pooled_only: args.bootstrap.is_none(),
    });
    let result = study_agreement(&study, &all, &selection, choice, &opts, interval).map_err(
        |e| match e {
            StudyAgreementError::Agreement(e) => bad(e),
            other => Exit::new(2, other.to_string()),
        },
    )?;
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
        print_report(&result, args)?;
    }
    Ok(ExitCode::SUCCESS)
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
        emit("the codebook has no exclusive group (semantic domain) to unitize\n")?;
    } else {
        for d in &domains {
            print_domain(d)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn fmt(c: &Coefficient) -> String {
    match c {
        Coefficient::Value(v) => format!("{v:.3}"),
        Coefficient::Undefined { .. } => "—".into(),
    }
}

fn label(line: &ReportLine) -> String {
    match line.kind {
        LineKind::Code | LineKind::Pooled => line.id.clone(),
        LineKind::Group => format!("{} (group)", line.id),
        LineKind::ExclusiveGroup => format!("{} (which one)", line.id),
    }
}

fn row(line: &ReportLine, with_boot: bool, missing: bool) -> Vec<String> {
    let mut r = vec![
        label(line),
        line.units.to_string(),
        format!("{:.1}%", line.prevalence * 100.0),
        fmt(&line.percent_agreement),
        fmt(&line.kappa),
        fmt(&line.scott_pi),
        fmt(&line.fleiss_kappa),
        fmt(&line.krippendorff_alpha),
        fmt(&line.gwet_ac1),
        fmt(&line.brennan_prediger),
    ];
    if missing {
        r.push(
            line.missing_data
                .as_ref()
                .map_or("—".into(), |m| fmt(&m.fleiss_kappa_gwet)),
        );
    }
    if with_boot {
        match &line.bootstrap {
            Some(BootstrapLine::Interval {
                caution: Some(_), ..
            }) => r.extend(["not trustworthy*".to_string(), "—".into(), "—".into()]),
            Some(BootstrapLine::Interval {
                ci95_low,
                ci95_high,
                p_below_0_667,
                p_below_0_800,
                ..
            }) => {
                r.push(format!("{ci95_low:.3} – {ci95_high:.3}"));
                r.push(format!("{p_below_0_667:.3}"));
                r.push(format!("{p_below_0_800:.3}"));
            }
            _ => r.extend(["—".to_string(), "—".to_string(), "—".to_string()]),
        }
    }
    r
}

fn print_report(a: &StudyAgreement, args: &AgreementArgs) -> anyhow::Result<()> {
    let r = &a.report;
    let mut o = String::new();
    for line in a.design.describe() {
        outln!(o, "{line}");
    }
    let unit = r.unit.name();
    outln!(
        o,
        "Unit: {unit}{}{}",
        r.min_overlap
            .map(|m| if m == 0.0 {
                " (any non-space overlap)".to_string()
            } else {
                format!(" (min overlap {m})")
            })
            .unwrap_or_default(),
        if r.rollup { "; rollup" } else { "" },
    );
    let kappa = if r.coders.len() == 2 {
        "cohen κ"
    } else {
        "light κ"
    };
    let mut header = vec![
        "code",
        "units",
        "prev",
        "% agree",
        kappa,
        "scott π",
        "fleiss κ",
        "alpha",
        "AC1",
        "BP",
    ];
    let missing = a.design.missing == Missing::Allowed;
    if missing {
        header.push("fleiss κ (Gwet, missing data)");
    }
    let boot = args.bootstrap.is_some();
    let ci = match args.interval {
        Interval::Units => "alpha 95% CI (unit bootstrap)",
        Interval::Krippendorff => "alpha 95% CI (Krippendorff bootstrap)",
    };
    if boot {
        header.extend([ci, "P(<.667)", "P(<.800)"]);
    }
    let lines: Vec<&ReportLine> = r
        .codes
        .iter()
        .chain(&r.groups)
        .chain(std::iter::once(&r.pooled))
        .collect();
    let mut rows: Vec<Vec<String>> = r.codes.iter().map(|l| row(l, boot, missing)).collect();
    let blank = vec![String::new(); header.len()];
    if !r.groups.is_empty() {
        rows.push(blank.clone());
        rows.extend(r.groups.iter().map(|l| row(l, boot, missing)));
    }
    rows.push(blank);
    rows.push(row(&r.pooled, boot, missing));
    out!(o, "{}", table(&header, &rows));
    outln!(
        o,
        "% agree = {}.\nprev = share of ratings applying the code. Every coefficient of a row is \
         computed on the same units{}.",
        r.percent_agreement_definition,
        if missing {
            "; with missing coders, kappa and Fleiss' kappa need every coder on every unit and are \
             left undefined, and Fleiss' kappa in Gwet's missing-data form is shown under its own name"
        } else {
            " (every compared coder coded every compared interview)"
        }
    );
    if boot {
        let method = match args.interval {
            Interval::Units => IntervalMethod::Units,
            Interval::Krippendorff => IntervalMethod::Krippendorff,
        };
        outln!(o, "Interval: {}.", method.describe());
        for l in &lines {
            if let Some(BootstrapLine::Interval {
                caution: Some(why), ..
            }) = &l.bootstrap
            {
                outln!(o, "  * {}: {why}", label(l));
            }
        }
    }
    outln!(
        o,
        "\nReading (Krippendorff: alpha ≥ 0.800 reliable; 0.667–0.800 tentative conclusions only; below 0.667 unreliable):"
    );
    let mut buckets: [(&str, Vec<String>); 4] = [
        ("reliable", Vec::new()),
        ("tentative conclusions only", Vec::new()),
        ("unreliable", Vec::new()),
        ("not assessable", Vec::new()),
    ];
    for l in lines {
        let name = label(l);
        let slot = match l.krippendorff_alpha.value() {
            Some(a) if a >= 0.800 => 0,
            Some(a) if a >= 0.667 => 1,
            Some(_) => 2,
            None => 3,
        };
        let entry = match l.krippendorff_alpha.reason() {
            Some(why) => format!("{name}: {why}"),
            None => name,
        };
        if let Some(b) = buckets.get_mut(slot) {
            b.1.push(entry);
        }
    }
    for (label, items) in &buckets {
        if items.is_empty() {
            continue;
        }
        if *label == "not assessable" {
            outln!(o, "  {label}:");
            for i in items {
                outln!(o, "    {i}");
            }
        } else {
            outln!(o, "  {label} ({}): {}", items.len(), items.join(", "));
        }
    }
    emit(&o)
}

fn print_segments(pairs: &[SegmentPairReport], overlap: f64) -> anyhow::Result<()> {
    let mut o = String::new();
    for p in pairs {
        outln!(
            o,
            "Segments of {} and {} on {} document(s) both coded (agree: same code, overlap ≥ {:.0}% of the union)",
            p.first,
            p.second,
            p.documents,
            overlap * 100.0
        );
        let only_a = format!("only {}", p.first);
        let only_b = format!("only {}", p.second);
        let rows: Vec<Vec<String>> = p
            .per_code
            .iter()
            .map(|r| {
                vec![
                    r.code.clone(),
                    r.agreements.to_string(),
                    r.only_first.to_string(),
                    r.only_second.to_string(),
                    fmt(&r.percent),
                ]
            })
            .collect();
        out!(
            o,
            "{}",
            table(&["code", "agreements", &only_a, &only_b, "% agree"], &rows)
        );
        outln!(
            o,
            "P observed {} · P chance {} (1/number of codes, Brennan & Prediger, as MAXQDA) · kappa {}\n",
            fmt(&p.p_observed),
            fmt(&p.p_chance),
            fmt(&p.kappa)
        );
    }
    emit(&o)
}

fn continuum_row(c: &ContinuumReport) -> Vec<String> {
    match &c.result {
        ContinuumResult::Alphas(a) => vec![
            c.doc.clone(),
            c.coders.len().to_string(),
            fmt(&a.u_alpha),
            fmt(&a.binary_u_alpha),
            fmt(&a.cu_alpha),
            fmt(&a.coverage),
            String::new(),
        ],
        ContinuumResult::Undefined(why) => vec![
            c.doc.clone(),
            c.coders.len().to_string(),
            "—".into(),
            "—".into(),
            "—".into(),
            "—".into(),
            why.clone(),
        ],
    }
}

fn print_domain(d: &DomainReport) -> anyhow::Result<()> {
    let mut o = String::new();
    outln!(o, "Semantic domain {} ({} codes)", d.group, d.codes.len());
    let mut rows: Vec<Vec<String>> = d.per_document.iter().map(continuum_row).collect();
    rows.push(continuum_row(&d.pooled));
    out!(
        o,
        "{}",
        table(
            &["document", "coders", "uα", "|uα", "cuα", "coverage", "note"],
            &rows
        )
    );
    if !d.left_out_of_pooled.is_empty() {
        outln!(
            o,
            "left out of the pooled continuum (not coded by every coder): {}",
            d.left_out_of_pooled.join(", ")
        );
    }
    if let ContinuumResult::Alphas(a) = &d.pooled.result {
        let rows: Vec<Vec<String>> = a
            .per_category
            .iter()
            .map(|k| {
                vec![
                    d.codes
                        .get(k.category as usize)
                        .cloned()
                        .unwrap_or_default(),
                    fmt(&k.k_u_alpha),
                    fmt(&k.coverage),
                ]
            })
            .collect();
        out!(
            o,
            "{}",
            table(&["code (pooled)", "(k)uα", "coverage"], &rows)
        );
    }
    o.push('\n');
    emit(&o)
}

#[derive(Serialize)]
struct DisagreementRow<'a> {
    excerpt: String,
    #[serde(flatten)]
    disagreement: &'a Disagreement,
}

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
    let text_of = |d: &Disagreement| {
        prepared
            .docs
            .iter()
            .find(|x| x.id == d.doc)
            .map(|doc| doc.slice(d.range.clone()).to_string())
            .unwrap_or_default()
    };
    if args.json {
        let rows: Vec<DisagreementRow> = list
            .iter()
            .map(|d| DisagreementRow {
                excerpt: text_of(d),
                disagreement: d,
            })
            .collect();
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut header = vec!["doc".to_string(), "unit".into(), "code".into()];
    header.extend(prepared.coders.iter().cloned());
    header.push("text".into());
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|d| {
            let mut r = vec![
                d.doc.clone(),
                format!("{}..{}", d.range.start, d.range.end),
                d.code.clone(),
            ];
            for c in &d.coders {
                r.push(match c.applied {
                    None => "(not coded)".into(),
                    Some(false) => "—".into(),
                    Some(true) => {
                        let mut codes: Vec<&str> =
                            c.codings.iter().map(|x| x.code.as_str()).collect();
                        codes.dedup();
                        codes.join(", ")
                    }
                });
            }
            r.push(excerpt(&text_of(d), 60));
            r
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut o = String::new();
    out!(o, "{}", table(&header, &rows));
    outln!(o, "{} disagreement(s)", rows.len());
    emit(&o)?;
    Ok(ExitCode::SUCCESS)
}
