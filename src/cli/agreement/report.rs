//! Printing the coefficients: per code, per group and pooled, then how to read alpha.

use glose::agreement::design::Missing;
use glose::agreement::report::{BootstrapLine, CategoricalReport, LineKind, ReportLine};
use glose::agreement::study::StudyAgreement;

use glose::locale::Lang;
use glose::words::agreement as words;
use glose::words::tables::CODE;

use super::super::lang::lang;
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
    let lang = lang();
    let mut o = String::new();
    for line in words::compared(lang, &a.design) {
        outln!(o, "{line}");
    }
    outln!(
        o,
        "{}",
        words::unit_line(lang, r.unit, r.min_overlap, r.rollup)
    );
    let missing = a.design.missing == Missing::Allowed;
    let header = header(r, missing, bootstrap, interval, lang);
    let lines: Vec<&ReportLine> = r
        .codes
        .iter()
        .chain(&r.groups)
        .chain(std::iter::once(&r.pooled))
        .collect();
    out!(
        o,
        "{}",
        table(&header, &rows(r, bootstrap, missing, header.len(), lang))
    );
    let definition = r.percent_agreement_definition;
    outln!(o, "{}", words::definitions(lang, definition, missing));
    if bootstrap {
        outln!(o, "{}", words::interval(lang, interval.method()));
        for l in &lines {
            if let Some(BootstrapLine::Interval {
                caution: Some(why), ..
            }) = &l.bootstrap
            {
                outln!(o, "  * {}: {why}", label(l, lang));
            }
        }
    }
    reading(&mut o, &lines, lang);
    emit(&o)
}

/// The table's column names.
fn header(
    r: &CategoricalReport,
    missing: bool,
    bootstrap: bool,
    interval: Interval,
    lang: Lang,
) -> Vec<&'static str> {
    let kappa = if r.coders.len() == 2 {
        words::COHEN
    } else {
        words::LIGHT
    };
    let mut header = vec![
        CODE.get(lang),
        words::UNITS.get(lang),
        words::PREV.get(lang),
        words::PERCENT_AGREE.get(lang),
        kappa.get(lang),
        words::SCOTT.get(lang),
        words::FLEISS.get(lang),
        "alpha",
        "AC1",
        "BP",
    ];
    if missing {
        header.push(words::FLEISS_GWET.get(lang));
    }
    let ci = match interval {
        Interval::Units => words::CI_UNITS.get(lang),
        Interval::Krippendorff => words::CI_KRIPPENDORFF.get(lang),
    };
    if bootstrap {
        header.extend([ci, "P(<.667)", "P(<.800)"]);
    }
    header
}

/// The table's rows: codes, a blank row and the groups (if any), a blank row and the
/// pooled line.
fn rows(
    r: &CategoricalReport,
    bootstrap: bool,
    missing: bool,
    width: usize,
    lang: Lang,
) -> Vec<Vec<String>> {
    let row = |l: &ReportLine| row(l, bootstrap, missing, lang);
    let mut rows: Vec<Vec<String>> = r.codes.iter().map(row).collect();
    let blank = vec![String::new(); width];
    if !r.groups.is_empty() {
        rows.push(blank.clone());
        rows.extend(r.groups.iter().map(row));
    }
    rows.push(blank);
    rows.push(row(&r.pooled));
    rows
}

/// Krippendorff's reading of each line's alpha: reliable, tentative, unreliable or not
/// assessable (with why).
fn reading(o: &mut String, lines: &[&ReportLine], lang: Lang) {
    outln!(o, "\n{}", words::READING.get(lang));
    let mut buckets: [(&str, Vec<String>); 4] = [
        (words::RELIABLE.get(lang), Vec::new()),
        (words::TENTATIVE.get(lang), Vec::new()),
        (words::UNRELIABLE.get(lang), Vec::new()),
        (words::NOT_ASSESSABLE.get(lang), Vec::new()),
    ];
    for l in lines {
        let name = label(l, lang);
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
    for (slot, (label, items)) in buckets.iter().enumerate() {
        if items.is_empty() {
            continue;
        }
        let colon = words::COLON.get(lang);
        if slot == 3 {
            outln!(o, "  {label}{colon}");
            for i in items {
                outln!(o, "    {i}");
            }
        } else {
            outln!(o, "  {label} ({}){colon} {}", items.len(), items.join(", "));
        }
    }
}

/// A line's name: the code, `g (group)` or `g (which one)`.
fn label(line: &ReportLine, lang: Lang) -> String {
    match line.kind {
        LineKind::Code | LineKind::Pooled => line.id.clone(),
        LineKind::Group => format!("{} ({})", line.id, words::GROUP.get(lang)),
        LineKind::ExclusiveGroup => format!("{} ({})", line.id, words::WHICH_ONE.get(lang)),
    }
}

/// A line's cells.
fn row(line: &ReportLine, with_boot: bool, missing: bool, lang: Lang) -> Vec<String> {
    let mut r = vec![
        label(line, lang),
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
            }) => {
                let not = words::NOT_TRUSTWORTHY.get(lang).to_string();
                r.extend([not, "—".into(), "—".into()]);
            }
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
