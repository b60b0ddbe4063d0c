//! Printing `--unit segment`: per pair of coders, the segments they agree on, per code.

use glose::agreement::continuum::SegmentPairReport;

use glose::words::agreement as words;
use glose::words::tables::CODE;

use super::super::lang::lang;
use super::super::output::table;
use super::{emit, fmt};

/// Prints each pair of coders' agreements per code, with MAXQDA's kappa.
pub(super) fn print_segments(pairs: &[SegmentPairReport], overlap: f64) -> anyhow::Result<()> {
    let lang = lang();
    let mut o = String::new();
    for p in pairs {
        let title = words::segments_title(lang, &p.first, &p.second, p.documents, overlap);
        outln!(o, "{title}");
        let only_a = words::only(lang, &p.first);
        let only_b = words::only(lang, &p.second);
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
            table(
                &[
                    CODE.get(lang),
                    words::AGREEMENTS.get(lang),
                    &only_a,
                    &only_b,
                    words::PERCENT_AGREE.get(lang)
                ],
                &rows
            )
        );
        let (observed, chance) = (fmt(&p.p_observed), fmt(&p.p_chance));
        let kappa = words::segments_kappa(lang, &observed, &chance, &fmt(&p.kappa));
        outln!(o, "{kappa}\n");
    }
    emit(&o)
}
