//! `glose report`: one self-contained HTML page to look at a study.
//!
//! The page loads nothing (a strict Content-Security-Policy, inline style and a few lines
//! of inline script) and shows: the interviews and segments per stage, the code-by-stage
//! heatmap (every code outside the stage group, stages in codebook order, with a legend, a
//! caption and optional normalisation), code frequencies, the agreement of the core
//! ([`crate::agreement::study`], the same figures as `glose agreement`) with its methods
//! paragraph, and the quotations by stage and code behind `<details>`, each passage once
//! however many coders coded it.
//!
//! By default the report covers every coder but `consensus`, the adjudicated file.

use std::fmt::Write;

use super::agreement::{agreement_section, methods_section};
use super::dims::Dimension;
use super::formats::html::{PAGE_END, escape, page_start_in, write_nodes};
use super::formats::tree;
use super::matrix::{Axis, Matrix, Measure, crosstab};
use super::segments::{
    ExportOptions, SegmentRecord, SegmentSet, Selection, Shared, build_segments,
};
use super::{ExportError, Pseudonyms};
use crate::agreement::consensus::ADJUDICATED_CODER;
use crate::agreement::design::Missing;
use crate::agreement::report::{IntervalMethod, IntervalRequest};
use crate::agreement::select::Selection as AgreementSelection;
use crate::agreement::study::{StudyAgreement, study_agreement};
use crate::agreement::units::SpanOptions;
use crate::filter::Filter;
use crate::locale::Lang;
use crate::store::AllCodings;
use crate::study::Study;
use crate::unit::Unit;
use crate::words::report as w;

/// What the report covers.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Which codings (coders, codes, documents; consensus).
    pub selection: Selection,
    /// Language of labels (`fr`, `en`; empty: the study's).
    pub lang: String,
    /// Pseudonyms to apply (`None`: real names).
    pub pseudonyms: Option<Pseudonyms>,
    /// What the heatmap's cells are divided by.
    pub normalise: Normalise,
    /// How agreement is computed (the settings of `glose agreement`).
    pub agreement: AgreementSettings,
}

/// The heatmap's normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Normalise {
    /// Raw counts of segments.
    #[default]
    None,
    /// Segments per interview with a segment at that stage.
    PerInterview,
    /// Segments per 1,000 words of the interviews with a segment at that stage.
    PerThousandWords,
}

/// The agreement settings of the report: those of `glose agreement` (sentences, the
/// default design) unless changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgreementSettings {
    /// Minimum covered share of a unit (`--min-overlap`).
    pub min_overlap: f64,
    /// Minimum coverage of a default coder (`--min-coverage`).
    pub min_coverage: Option<f64>,
    /// Missing-coders design.
    pub missing: Missing,
    /// Replicates of the pooled interval in the methods paragraph (0: none).
    pub replicates: usize,
    /// Seed of that interval.
    pub seed: u64,
}

impl Default for AgreementSettings {
    fn default() -> Self {
        AgreementSettings {
            min_overlap: crate::agreement::units::DEFAULT_MIN_OVERLAP,
            min_coverage: None,
            missing: Missing::Excluded,
            replicates: 1_000,
            seed: 1,
        }
    }
}

/// A built report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The page.
    pub html: String,
    /// Warnings from building the segments.
    pub warnings: Vec<String>,
    /// The agreement (the same as `glose agreement --json` with the same settings), or
    /// why it was not computed.
    pub agreement: Result<StudyAgreement, String>,
}

/// The stage dimension of a study: its stage group, else its `stage` attribute.
pub fn stage_dimension(study: &Study) -> Option<Dimension> {
    match study.codebook.stage_group() {
        Some(g) => Some(Dimension::group(&study.codebook, &g.id, "stage")),
        None => Dimension::resolve(study, "stage").ok(),
    }
}

/// Builds the report.
pub fn build_report(
    study: &Study,
    all: &AllCodings,
    opts: &ReportOptions,
) -> Result<Report, ExportError> {
    let stage = stage_dimension(study);
    let mut selection = opts.selection.clone();
    if selection.coders.is_empty() && !selection.consensus {
        selection.coders = all
            .coders
            .iter()
            .filter(|c| c.as_str() != ADJUDICATED_CODER)
            .cloned()
            .collect();
    }
    let export = ExportOptions {
        by: stage.iter().cloned().collect(),
        selection: selection.clone(),
        lang: opts.lang.clone(),
        pseudonyms: opts.pseudonyms.clone(),
        lean: false,
    };
    let set = build_segments(study, all, &export)?;
    let cb = &study.codebook;
    let lang = Lang::from_code(&set.lang).unwrap_or_default();
    let title = if study.config.name.is_empty() {
        w::UNTITLED.get(lang).to_string()
    } else {
        study.config.name.clone()
    };
    let mut out = page_start_in(&title, lang.code());
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let docs_with: std::collections::BTreeSet<&str> =
        set.records.iter().map(|r| r.doc.as_ref()).collect();
    let [interviews, coded, segments, coders] =
        [w::INTERVIEWS_COUNT, w::CODED, w::CODED_SEGMENTS, w::CODERS].map(|w| w.get(lang));
    let _ = writeln!(
        out,
        "<p id=\"figures\"><span id=\"n-interviews\">{}</span> {interviews}, \
         <span id=\"n-coded\">{}</span> {coded}, <span id=\"n-segments\">{}</span> \
         {segments}, {coders} <span id=\"coders\">{}</span>.</p>",
        study.entries.len(),
        docs_with.len(),
        set.records.len(),
        escape(&set.coders.join(", "))
    );
    if stage.is_some() {
        stage_table(&mut out, study, &set);
        let m = crosstab(&set, &Axis::Code, &Axis::Dim(0), Measure::Segments, cb);
        heatmap(&mut out, study, &set, &m, opts.normalise);
    }
    frequencies(&mut out, study, &set);
    let agreement = report_agreement(study, all, opts);
    agreement_section(&mut out, study, &set.lang, &agreement);
    if let Ok(a) = &agreement {
        methods_section(&mut out, a, study.entries.len(), &set.lang);
    }
    let saturation_coders = match selection.consensus {
        true => vec![ADJUDICATED_CODER.to_string()],
        false => selection.coders.clone(),
    };
    super::saturation::saturation_section(&mut out, study, all, &saturation_coders, lang);
    let set = one_quotation_per_passage(set);
    let _ = write!(
        out,
        "<h2 id=\"quotations-title\">{}</h2>\n\
         <p><button id=\"expand\" type=\"button\">{}</button></p>\n<div id=\"quotations\">\n",
        w::QUOTATIONS.get(lang),
        w::EXPAND_ALL.get(lang)
    );
    write_nodes(&mut out, &tree(&set, cb), 3, true, lang);
    out.push_str("</div>\n");
    out.push_str(
        "<script>\ndocument.documentElement.setAttribute('data-script','ran');\n\
         document.getElementById('expand').addEventListener('click',function(){\
         document.querySelectorAll('#quotations details').forEach(function(d){d.open=true;});});\n</script>\n",
    );
    out.push_str(PAGE_END);
    Ok(Report {
        html: out,
        warnings: set.warnings.clone(),
        agreement,
    })
}

/// The agreement of the report's coders (its `--coders`, else the default design) and
/// documents, with the settings of `glose agreement` at sentence level.
pub fn report_agreement(
    study: &Study,
    all: &AllCodings,
    opts: &ReportOptions,
) -> Result<StudyAgreement, String> {
    let sel = &opts.selection;
    if sel.consensus {
        return Err("the report shows consensus segments: there are no coders to compare".into());
    }
    let a = &opts.agreement;
    let filter = Filter {
        codes: None,
        ..sel.filter()
    };
    let selection = AgreementSelection {
        min_coverage: a.min_coverage,
        missing: a.missing,
        ..AgreementSelection::from_filter(&filter)
    };
    let interval = (a.replicates > 0).then_some(IntervalRequest {
        method: IntervalMethod::Units,
        replicates: a.replicates,
        seed: a.seed,
        pooled_only: true,
    });
    let spans = SpanOptions {
        rollup: false,
        min_overlap: a.min_overlap,
    };
    study_agreement(study, all, &selection, Unit::Sentence, &spans, interval)
        .map_err(|e| e.to_string())
}

/// The segments with each passage once: a record whose span lies within another
/// coder's record of the same code, document and stage is dropped, and its coder is
/// named on the record kept ("alice, bob").
fn one_quotation_per_passage(mut set: SegmentSet) -> SegmentSet {
    let same_group = |a: &SegmentRecord, b: &SegmentRecord| {
        a.code == b.code && a.doc == b.doc && a.dims == b.dims
    };
    let records = std::mem::take(&mut set.records);
    let mut kept: Vec<SegmentRecord> = Vec::with_capacity(records.len());
    let mut group_start = 0;
    for r in records {
        if kept.last().is_none_or(|last| !same_group(last, &r)) {
            group_start = kept.len();
        }
        let host = kept.get_mut(group_start..).and_then(|g| {
            g.iter_mut().find(|k| {
                k.start <= r.start && r.end <= k.end && !k.coder.split(", ").any(|c| c == &*r.coder)
            })
        });
        match host {
            Some(k) => {
                k.coder = format!("{}, {}", k.coder, r.coder).into();
            }
            None => {
                // A wider passage of another coder swallows the earlier, narrower ones.
                let (inner, coders): (Vec<usize>, Vec<Shared>) = kept
                    .get(group_start..)
                    .unwrap_or(&[])
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| r.start <= k.start && k.end <= r.end && k.coder != r.coder)
                    .map(|(i, k)| (group_start + i, k.coder.clone()))
                    .unzip();
                let mut r = r;
                for c in coders {
                    r.coder = format!("{}, {c}", r.coder).into();
                }
                for i in inner.into_iter().rev() {
                    kept.remove(i);
                }
                kept.push(r);
            }
        }
    }
    set.records = kept;
    set
}

fn stage_table(out: &mut String, study: &Study, set: &SegmentSet) {
    let Some(dim) = set.dims.first() else {
        return;
    };
    let mut values: Vec<Option<String>> = dim.known_values().iter().cloned().map(Some).collect();
    let mut interviews: Vec<Option<String>> = study
        .entries
        .iter()
        .map(|e| study.stage_of(&e.id))
        .collect();
    interviews.sort_by_key(|v| dim.sort_key(v.as_deref()));
    let seen = interviews.iter().map(Option::as_deref);
    for v in seen.chain(set.records.iter().map(|r| r.dims[0].value.as_deref())) {
        if !values.iter().any(|k| k.as_deref() == v) {
            values.push(v.map(str::to_string));
        }
    }
    values.sort_by_key(|v| dim.sort_key(v.as_deref()));
    let lang = Lang::from_code(&set.lang).unwrap_or_default();
    let [title, stage, n_interviews, n_segments] = [
        w::STAGE_TABLE,
        w::STAGE,
        w::INTERVIEWS_BY_ATTRIBUTE,
        w::SEGMENTS_BY_STAGE,
    ]
    .map(|w| w.get(lang));
    let total = w::TOTAL.get(lang);
    let _ = write!(
        out,
        "<h2>{title}</h2>\n<table id=\"stages\"><thead><tr><th>{stage}</th>\
         <th>{n_interviews}</th><th>{n_segments}</th></tr></thead><tbody>\n",
    );
    for v in &values {
        let n_int = interviews.iter().filter(|i| *i == v).count();
        let n_seg = set
            .records
            .iter()
            .filter(|r| r.dim(0) == v.as_deref())
            .count();
        let _ = writeln!(
            out,
            "<tr data-stage=\"{}\"><td>{}</td><td>{n_int}</td><td>{n_seg}</td></tr>",
            escape(v.as_deref().unwrap_or("")),
            escape(&dim.label(v.as_deref(), &study.codebook, &set.lang))
        );
    }
    let _ = writeln!(
        out,
        "<tr class=\"total\"><th class=\"total\">{total}</th><td class=\"total\">{}</td><td class=\"total\">{}</td></tr></tbody></table>",
        interviews.len(),
        set.records.len()
    );
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p>",
        escape(w::STAGE_RULE.get(lang))
    );
}

/// The heatmap's value of cell `v` in column `j`, with the caption's wording.
fn normaliser(study: &Study, set: &SegmentSet, m: &Matrix, how: Normalise) -> (Vec<f64>, String) {
    let coders = set.coders.join(", ");
    let lang = Lang::from_code(&set.lang).unwrap_or_default();
    let cols = m.cols.len();
    match how {
        Normalise::None => (vec![1.0; cols], w::caption_counts(lang, &coders)),
        Normalise::PerInterview | Normalise::PerThousandWords => {
            let mut docs: Vec<std::collections::BTreeSet<&str>> = vec![Default::default(); cols];
            for r in &set.records {
                let key = r.dim(0).unwrap_or("");
                if let Some(j) = m.cols.iter().position(|c| c == key)
                    && let Some(d) = docs.get_mut(j)
                {
                    d.insert(r.doc.as_ref());
                }
            }
            if how == Normalise::PerInterview {
                let div = docs.iter().map(|d| d.len().max(1) as f64).collect();
                (div, w::caption_per_interview(lang, &coders))
            } else {
                let words = |id: &str| {
                    study
                        .load_document(id)
                        .map_or(0, |d| d.text.split_whitespace().count())
                };
                let div = docs
                    .iter()
                    .map(|d| {
                        (d.iter().map(|id| words(id)).sum::<usize>() as f64 / 1000.0).max(1e-9)
                    })
                    .collect();
                (div, w::caption_per_thousand_words(lang, &coders))
            }
        }
    }
}

fn shown(v: f64, how: Normalise) -> String {
    match how {
        Normalise::None => format!("{v:.0}"),
        _ => format!("{v:.2}"),
    }
}

fn heatmap(out: &mut String, study: &Study, set: &SegmentSet, m: &Matrix, how: Normalise) {
    let cb = &study.codebook;
    let stage_ids: Vec<&str> = cb
        .stage_group()
        .map(|g| cb.descendants_and_self(&g.id))
        .unwrap_or_default();
    let (div, caption) = normaliser(study, set, m, how);
    let value = |j: usize, v: u64| v as f64 / div.get(j).copied().unwrap_or(1.0);
    let max = m
        .rows
        .iter()
        .zip(&m.cells)
        .filter(|(k, _)| !stage_ids.contains(&k.as_str()))
        .flat_map(|(_, row)| row.iter().enumerate().map(|(j, v)| value(j, *v)))
        .fold(0.0f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let lang = Lang::from_code(&set.lang).unwrap_or_default();
    let _ = write!(
        out,
        "<h2>{}</h2>\n<table id=\"heatmap\">",
        w::CODES_BY_STAGE.get(lang)
    );
    let _ = write!(
        out,
        "<caption id=\"heatmap-caption\">{}</caption>",
        escape(&caption)
    );
    let _ = write!(out, "<thead><tr><th>{}</th>", w::CODE.get(lang));
    for l in &m.col_labels {
        let _ = write!(out, "<th>{}</th>", escape(l));
    }
    let _ = writeln!(
        out,
        "<th class=\"total\">{}</th></tr></thead><tbody>",
        w::TOTAL.get(lang)
    );
    for (i, key) in m.rows.iter().enumerate() {
        if stage_ids.contains(&key.as_str()) {
            continue;
        }
        let depth = cb.depth(key);
        let label = m.row_labels.get(i).map_or("", String::as_str);
        let _ = write!(
            out,
            "<tr data-code=\"{}\"><td style=\"padding-left:{}rem\">{}</td>",
            escape(key),
            0.5 + depth as f64,
            escape(label)
        );
        for (j, v) in m.cells.get(i).into_iter().flatten().enumerate() {
            let x = value(j, *v);
            let alpha = x / max;
            let fg = if alpha > 0.55 { "#fff" } else { "#1b1b1b" };
            let _ = write!(
                out,
                "<td data-stage=\"{}\" style=\"background:rgba(3,125,176,{alpha:.3});color:{fg}\">{}</td>",
                escape(m.cols.get(j).map_or("", String::as_str)),
                shown(x, how)
            );
        }
        let _ = writeln!(
            out,
            "<td class=\"total\">{}</td></tr>",
            m.row_totals.get(i).copied().unwrap_or(0)
        );
    }
    let _ = write!(
        out,
        "<tr class=\"total\"><th class=\"total\">{}</th>",
        w::TOTAL_ALL_CODES.get(lang)
    );
    for v in &m.col_totals {
        let _ = write!(out, "<td class=\"total\">{v}</td>");
    }
    let _ = writeln!(
        out,
        "<td class=\"total\">{}</td></tr></tbody></table>",
        m.total
    );
    // The legend: five swatches from 0 to the largest cell.
    let _ = write!(
        out,
        "<p id=\"heatmap-legend\" class=\"muted\">{}",
        w::COLOUR_SCALE.get(lang)
    );
    for step in 0..=4 {
        let a = step as f64 / 4.0;
        let fg = if a > 0.55 { "#fff" } else { "#1b1b1b" };
        let _ = write!(
            out,
            "<span style=\"display:inline-block;padding:0 .4rem;background:rgba(3,125,176,{a:.3});color:{fg}\">{}</span>",
            shown(a * max, how)
        );
    }
    let _ = writeln!(out, "{}</p>", w::COLOUR_SCALE_END.get(lang));
}

fn frequencies(out: &mut String, study: &Study, set: &SegmentSet) {
    let cb = &study.codebook;
    let segs = crosstab(set, &Axis::Code, &Axis::Coder, Measure::Segments, cb);
    let docs = crosstab(set, &Axis::Code, &Axis::Coder, Measure::Documents, cb);
    let max = segs.row_totals.iter().copied().max().unwrap_or(0).max(1);
    let lang = Lang::from_code(&set.lang).unwrap_or_default();
    let [title, code, id, segments, interviews] =
        [w::FREQUENCIES, w::CODE, w::ID, w::SEGMENTS, w::INTERVIEWS].map(|w| w.get(lang));
    let _ = write!(
        out,
        "<h2>{title}</h2>\n<table id=\"frequencies\"><thead><tr><th>{code}</th><th>{id}</th>\
         <th>{segments}</th><th>{interviews}</th><th></th></tr></thead><tbody>\n",
    );
    for (i, key) in segs.rows.iter().enumerate() {
        let n = segs.row_totals.get(i).copied().unwrap_or(0);
        let d = docs.row_totals.get(i).copied().unwrap_or(0);
        let width = 12.0 * n as f64 / max as f64;
        let _ = writeln!(
            out,
            "<tr data-code=\"{}\"><td style=\"padding-left:{}rem\">{}</td><td class=\"code-id\">{}</td>\
             <td class=\"segments\">{n}</td><td class=\"interviews\">{d}</td>\
             <td style=\"text-align:left\"><span class=\"bar\" style=\"width:{width:.2}rem\"></span></td></tr>",
            escape(key),
            0.5 + cb.depth(key) as f64,
            escape(segs.row_labels.get(i).map_or("", String::as_str)),
            escape(key)
        );
    }
    out.push_str("</tbody></table>\n");
}
