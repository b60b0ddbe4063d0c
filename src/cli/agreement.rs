//! `glose agreement`: inter-coder agreement of the study's coders, and the disagreements.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use glose::agreement::continuum::{
    ContinuumReport, ContinuumResult, DomainReport, SegmentPairReport, domain_report,
    segment_comparison,
};
use glose::agreement::disagreements::{Disagreement, disagreements};
use glose::agreement::report::{
    BootstrapLine, CategoricalReport, LineKind, ReportLine, UnitChoice, categorical_report,
};
use glose::agreement::select::{Prepared, SelectError, Selection, prepare};
use glose::agreement::units::{CodeSet, DEFAULT_MIN_OVERLAP, Inputs, SpanOptions, UnitKind};
use glose::agreement::{AgreementError, Coefficient};
use glose::store::load_all;
use glose::study::Study;
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

/// The unit of comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Unit {
    /// Sentences.
    Sentence,
    /// Paragraphs.
    Paragraph,
    /// Speaker turns.
    Turn,
    /// Every character (NVivo's coding comparison).
    Char,
    /// Coded segments (MAXQDA): same code, overlapping by --overlap.
    Segment,
    /// Krippendorff's u-alphas per exclusive code group (ATLAS.ti).
    Unitized,
}

/// Inter-coder agreement: per code (worst first), per group, pooled.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// Coders to compare (default: every coder but `consensus` who coded the documents).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    coders: Option<Vec<String>>,
    /// Documents (default: every document one of the coders coded).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    docs: Option<Vec<String>>,
    /// Codes (default: the codes the coders applied, in codebook order).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    codes: Option<Vec<String>>,
    /// Unit of comparison.
    #[arg(long, value_enum, default_value = "sentence")]
    unit: Unit,
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
    /// Bootstrap alpha with N replicates (Krippendorff's algorithm): 95% interval and
    /// P(alpha < 0.667), P(alpha < 0.800).
    #[arg(long, value_name = "N")]
    bootstrap: Option<usize>,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1, value_name = "S", requires = "bootstrap")]
    seed: u64,
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
    let study = open_study(cli)?;
    let all = load_all(&study);
    for p in &all.problems {
        errln!("{p}");
    }
    let mut selection = Selection {
        coders: args.coders.clone(),
        docs: args.docs.clone(),
        codes: args.codes.clone(),
        rollup: args.rollup,
    };
    if let (Some(code), None) = (&args.code, &selection.codes) {
        selection.codes = Some(vec![code.clone()]);
    }
    let prepared = prepare(&study, &all, &selection).map_err(|e| match e {
        SelectError::Study(e) => Exit::new(2, e.to_string()),
        other => Exit::new(2, other.to_string()),
    })?;
    for w in &prepared.warnings {
        errln!("glose: {w}");
    }
    let inputs = Inputs {
        docs: &prepared.docs,
        codings: &prepared.codings,
        coders: &prepared.coders,
    };
    let opts = SpanOptions {
        rollup: args.rollup,
        min_overlap: args.min_overlap,
    };
    let bad = |e: AgreementError| Exit::new(2, e.to_string());
    if args.disagreements {
        return list_disagreements(&prepared, &inputs, &study, args, &opts);
    }
    let bootstrap = args.bootstrap.map(|n| (n, args.seed));
    let choice = match args.unit {
        Unit::Sentence => UnitChoice::Units(UnitKind::Sentence),
        Unit::Paragraph => UnitChoice::Units(UnitKind::Paragraph),
        Unit::Turn => UnitChoice::Units(UnitKind::Turn),
        Unit::Char => UnitChoice::Char,
        Unit::Segment => {
            let set = CodeSet::new(&study.codebook, &prepared.codes, args.rollup);
            let pairs = segment_comparison(&inputs, &set, args.overlap);
            if args.json {
                print_json(&pairs)?;
            } else {
                print_segments(&pairs, args.overlap)?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        Unit::Unitized => {
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
            return Ok(ExitCode::SUCCESS);
        }
    };
    let report = categorical_report(
        &inputs,
        &study.codebook,
        &prepared.codes,
        choice,
        &opts,
        bootstrap,
    )
    .map_err(bad)?;
    if args.json {
        print_json(&report)?;
    } else {
        print_report(&report, args)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn fmt(c: &Coefficient) -> String {
    match c {
        Coefficient::Value(v) => format!("{v:.3}"),
        Coefficient::Undefined { .. } => "—".into(),
    }
}

fn row(line: &ReportLine, with_boot: bool) -> Vec<String> {
    let label = match line.kind {
        LineKind::Code | LineKind::Pooled => line.id.clone(),
        LineKind::Group => format!("{} (group)", line.id),
        LineKind::ExclusiveGroup => format!("{} (which one)", line.id),
    };
    let mut r = vec![
        label,
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
    if with_boot {
        match &line.bootstrap {
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

fn print_report(r: &CategoricalReport, args: &AgreementArgs) -> anyhow::Result<()> {
    let mut o = String::new();
    let unit = match r.unit {
        UnitChoice::Units(k) => format!("{k:?}").to_lowercase(),
        UnitChoice::Char => "char".into(),
    };
    outln!(
        o,
        "Agreement of {} on {} document(s); unit: {unit}{}{}",
        r.coders.join(", "),
        r.documents,
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
    let boot = args.bootstrap.is_some();
    if boot {
        header.extend(["alpha 95% CI", "P(<.667)", "P(<.800)"]);
    }
    let mut rows: Vec<Vec<String>> = r.codes.iter().map(|l| row(l, boot)).collect();
    let blank = vec![String::new(); header.len()];
    if !r.groups.is_empty() {
        rows.push(blank.clone());
        rows.extend(r.groups.iter().map(|l| row(l, boot)));
    }
    rows.push(blank);
    rows.push(row(&r.pooled, boot));
    out!(o, "{}", table(&header, &rows));
    outln!(
        o,
        "% agree = {}.\nprev = share of ratings applying the code. Units rated by one coder only \
         count in 'units' but not in the coefficients.",
        r.percent_agreement_definition
    );
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
    for l in r
        .codes
        .iter()
        .chain(&r.groups)
        .chain(std::iter::once(&r.pooled))
    {
        let name = match l.kind {
            LineKind::ExclusiveGroup => format!("{} (which one)", l.id),
            LineKind::Group => format!("{} (group)", l.id),
            _ => l.id.clone(),
        };
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
    inputs: &Inputs,
    study: &Study,
    args: &AgreementArgs,
    opts: &SpanOptions,
) -> anyhow::Result<ExitCode> {
    let choice = match args.unit {
        Unit::Sentence => UnitChoice::Units(UnitKind::Sentence),
        Unit::Paragraph => UnitChoice::Units(UnitKind::Paragraph),
        Unit::Turn => UnitChoice::Units(UnitKind::Turn),
        Unit::Char | Unit::Segment | Unit::Unitized => UnitChoice::Char,
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
