//! Printing `--unit segment`: per pair of coders, the segments they agree on, per code.

use glose::agreement::continuum::SegmentPairReport;

use super::super::output::table;
use super::{emit, fmt};

/// Prints each pair of coders' agreements per code, with MAXQDA's kappa.
pub(super) fn print_segments(pairs: &[SegmentPairReport], overlap: f64) -> anyhow::Result<()> {
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
