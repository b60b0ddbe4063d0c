//! Printing `--unit unitized`: Krippendorff's u-alphas of a semantic domain (an
//! exclusive code group), per document and pooled.

use glose::agreement::continuum::{ContinuumReport, ContinuumResult, DomainReport};

use glose::words::agreement as words;

use super::super::lang::lang;
use super::super::output::table;
use super::{emit, fmt};

/// One continuum's row: its document, coders and alphas, or why they are undefined.
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

/// Prints one semantic domain's u-alphas per document, pooled and per code.
pub(super) fn print_domain(d: &DomainReport) -> anyhow::Result<()> {
    let lang = lang();
    let mut o = String::new();
    outln!(o, "{}", words::domain_title(lang, &d.group, d.codes.len()));
    let mut rows: Vec<Vec<String>> = d.per_document.iter().map(continuum_row).collect();
    rows.push(continuum_row(&d.pooled));
    out!(
        o,
        "{}",
        table(
            &[
                words::DOCUMENT.get(lang),
                words::CODERS.get(lang),
                "uα",
                "|uα",
                "cuα",
                words::COVERAGE.get(lang),
                words::NOTE.get(lang)
            ],
            &rows
        )
    );
    if !d.left_out_of_pooled.is_empty() {
        let docs = d.left_out_of_pooled.join(", ");
        outln!(o, "{}", words::left_out_of_pooled(lang, &docs));
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
            table(
                &[
                    words::CODE_POOLED.get(lang),
                    "(k)uα",
                    words::COVERAGE.get(lang)
                ],
                &rows
            )
        );
    }
    o.push('\n');
    emit(&o)
}
