//! Printing the coefficients: per code, per group and pooled, then how to read alpha.

use glose::agreement::design::Missing;
use glose::agreement::report::{BootstrapLine, CategoricalReport, LineKind, ReportLine};
use glose::agreement::study::StudyAgreement;

use super::super::output::table;
use super::{Interval, emit, fmt};

/// Prints the design, the table of coefficients, what they mean and Krippendorff's
/// reading of each alpha; `bootstrap` adds the interval columns.
pub(super) fn print_report(
    a: &StudyAgreement,
    bootstrap: bool,
    interval: Interval,
) -> anyhow::Result<()> {
    let r = &a.report;
    let mut o = String::new();
    for line in a.design.describe() {
        outln!(o, "{line}");
    }
    outln!(o, "{}", unit_line(r));
    let missing = a.design.missing == Missing::Allowed;
    let header = header(r, missing, bootstrap, interval);
    let lines: Vec<&ReportLine> = r
        .codes
        .iter()
        .chain(&r.groups)
        .chain(std::iter::once(&r.pooled))
        .collect();
    out!(
        o,
        "{}",
        table(&header, &rows(r, bootstrap, missing, header.len()))
    );
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
    if bootstrap {
        outln!(o, "Interval: {}.", interval.method().describe());
        for l in &lines {
            if let Some(BootstrapLine::Interval {
                caution: Some(why), ..
            }) = &l.bootstrap
            {
                outln!(o, "  * {}: {why}", label(l));
            }
        }
    }
    reading(&mut o, &lines);
    emit(&o)
}

/// `Unit: sentence (min overlap 0.5); rollup`.
fn unit_line(r: &CategoricalReport) -> String {
    format!(
        "Unit: {}{}{}",
        r.unit.name(),
        r.min_overlap
            .map(|m| if m == 0.0 {
                " (any non-space overlap)".to_string()
            } else {
                format!(" (min overlap {m})")
            })
            .unwrap_or_default(),
        if r.rollup { "; rollup" } else { "" },
    )
}

/// The table's column names.
fn header(
    r: &CategoricalReport,
    missing: bool,
    bootstrap: bool,
    interval: Interval,
) -> Vec<&'static str> {
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
    if missing {
        header.push("fleiss κ (Gwet, missing data)");
    }
    let ci = match interval {
        Interval::Units => "alpha 95% CI (unit bootstrap)",
        Interval::Krippendorff => "alpha 95% CI (Krippendorff bootstrap)",
    };
    if bootstrap {
        header.extend([ci, "P(<.667)", "P(<.800)"]);
    }
    header
}

/// The table's rows: codes, a blank row and the groups (if any), a blank row and the
/// pooled line.
fn rows(r: &CategoricalReport, bootstrap: bool, missing: bool, width: usize) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = r.codes.iter().map(|l| row(l, bootstrap, missing)).collect();
    let blank = vec![String::new(); width];
    if !r.groups.is_empty() {
        rows.push(blank.clone());
        rows.extend(r.groups.iter().map(|l| row(l, bootstrap, missing)));
    }
    rows.push(blank);
    rows.push(row(&r.pooled, bootstrap, missing));
    rows
}

/// Krippendorff's reading of each line's alpha: reliable, tentative, unreliable or not
/// assessable (with why).
fn reading(o: &mut String, lines: &[&ReportLine]) {
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
}

/// A line's name: the code, `g (group)` or `g (which one)`.
fn label(line: &ReportLine) -> String {
    match line.kind {
        LineKind::Code | LineKind::Pooled => line.id.clone(),
        LineKind::Group => format!("{} (group)", line.id),
        LineKind::ExclusiveGroup => format!("{} (which one)", line.id),
    }
}

/// A line's cells.
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
