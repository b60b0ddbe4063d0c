//! `glose report`: one self-contained HTML page to look at a study.
//!
//! The page loads nothing (a strict Content-Security-Policy, inline style and a few lines
//! of inline script) and shows: the interviews and segments per stage, the code-by-stage
//! heatmap (every code outside the stage group, stages in codebook order), code
//! frequencies, the per-code agreement when there are several coders, and the quotations
//! by stage and code behind `<details>`.

use std::fmt::Write;

use super::agreement::{AgreementTable, per_code_agreement};
use super::dims::Dimension;
use super::formats::html::{PAGE_END, escape, page_start, write_nodes};
use super::formats::tree;
use super::matrix::{Axis, Matrix, Measure, crosstab};
use super::segments::{ExportOptions, SegmentSet, Selection, build_segments, selected_codings};
use super::{ExportError, Pseudonyms};
use crate::agreement::Coefficient;
use crate::store::AllCodings;
use crate::study::Study;

/// What the report covers.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Which codings (coders, codes, documents; consensus).
    pub selection: Selection,
    /// Language of labels (`fr`, `en`; empty: the study's).
    pub lang: String,
    /// Pseudonyms to apply (`None`: real names).
    pub pseudonyms: Option<Pseudonyms>,
}

/// A built report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The page.
    pub html: String,
    /// Warnings from building the segments.
    pub warnings: Vec<String>,
    /// The agreement table, when there were at least two coders.
    pub agreement: Option<AgreementTable>,
}

/// The stage dimension of a study: its stage group, else its `stage` attribute.
pub fn stage_dimension(study: &Study) -> Option<Dimension> {
    match study.codebook.stage_group() {
        Some(g) => Some(Dimension::group(&study.codebook, &g.id, "stage")),
        None => Dimension::resolve(study, "stage").ok(),
    }
}

fn coefficient(c: &Coefficient) -> String {
    match c {
        Coefficient::Value(v) => format!("<td>{v:.3}</td>"),
        Coefficient::Undefined { reason } => {
            format!("<td title=\"{}\">—</td>", escape(reason))
        }
    }
}

/// Builds the report.
pub fn build_report(
    study: &Study,
    all: &AllCodings,
    opts: &ReportOptions,
) -> Result<Report, ExportError> {
    let stage = stage_dimension(study);
    let export = ExportOptions {
        by: stage.iter().cloned().collect(),
        selection: opts.selection.clone(),
        lang: opts.lang.clone(),
        pseudonyms: opts.pseudonyms.clone(),
        lean: false,
    };
    let set = build_segments(study, all, &export)?;
    let cb = &study.codebook;
    let title = if study.config.name.is_empty() {
        "glose report".to_string()
    } else {
        study.config.name.clone()
    };
    let mut out = page_start(&title);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let docs_with: std::collections::BTreeSet<&str> =
        set.records.iter().map(|r| r.doc.as_str()).collect();
    let _ = writeln!(
        out,
        "<p id=\"figures\"><span id=\"n-interviews\">{}</span> interviews, \
         <span id=\"n-coded\">{}</span> coded, <span id=\"n-segments\">{}</span> coded \
         segments, coders: <span id=\"coders\">{}</span>.</p>",
        study.entries.len(),
        docs_with.len(),
        set.records.len(),
        escape(&set.coders.join(", "))
    );
    if stage.is_some() {
        stage_table(&mut out, study, &set);
        let m = crosstab(&set, &Axis::Code, &Axis::Dim(0), Measure::Segments, cb);
        heatmap(&mut out, study, &set, &m);
    }
    frequencies(&mut out, study, &set);
    let mut agreement = None;
    if set.coders.len() >= 2 {
        let (codings, coders) = selected_codings(study, all, &opts.selection)?;
        let table = per_code_agreement(study, &codings, &coders, &set.codes);
        agreement_section(&mut out, study, &set, &table);
        agreement = Some(table);
    }
    out.push_str(
        "<h2 id=\"quotations-title\">Quotations by stage</h2>\n\
         <p><button id=\"expand\" type=\"button\">Expand all</button></p>\n<div id=\"quotations\">\n",
    );
    write_nodes(&mut out, &tree(&set, cb), 3, true);
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
    for v in interviews
        .iter()
        .chain(set.records.iter().map(|r| &r.dims[0].value))
    {
        if !values.contains(v) {
            values.push(v.clone());
        }
    }
    values.sort_by_key(|v| dim.sort_key(v.as_deref()));
    out.push_str(
        "<h2>Interviews and segments per stage</h2>\n<table id=\"stages\"><thead><tr><th>Stage</th>\
         <th>Interviews (stage attribute)</th><th>Coded segments (resolved stage)</th></tr></thead><tbody>\n",
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
        "<tr class=\"total\"><th class=\"total\">Total</th><td class=\"total\">{}</td><td class=\"total\">{}</td></tr></tbody></table>",
        interviews.len(),
        set.records.len()
    );
    out.push_str(
        "<p class=\"muted\">A segment's stage is the stage code its coder applied over it \
         (the largest overlap wins; on a tie, the earlier stage); without one, the \
         interview's stage attribute.</p>\n",
    );
}

fn heatmap(out: &mut String, study: &Study, set: &SegmentSet, m: &Matrix) {
    let cb = &study.codebook;
    let stage_ids: Vec<&str> = cb
        .stage_group()
        .map(|g| cb.descendants_and_self(&g.id))
        .unwrap_or_default();
    let max = m
        .rows
        .iter()
        .zip(&m.cells)
        .filter(|(k, _)| !stage_ids.contains(&k.as_str()))
        .flat_map(|(_, row)| row.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    out.push_str("<h2>Codes by stage</h2>\n<table id=\"heatmap\"><thead><tr><th>Code</th>");
    for l in &m.col_labels {
        let _ = write!(out, "<th>{}</th>", escape(l));
    }
    out.push_str("<th class=\"total\">Total</th></tr></thead><tbody>\n");
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
            let alpha = *v as f64 / max as f64;
            let fg = if alpha > 0.55 { "#fff" } else { "#1b1b1b" };
            let _ = write!(
                out,
                "<td data-stage=\"{}\" style=\"background:rgba(3,125,176,{alpha:.3});color:{fg}\">{v}</td>",
                escape(m.cols.get(j).map_or("", String::as_str))
            );
        }
        let _ = writeln!(
            out,
            "<td class=\"total\">{}</td></tr>",
            m.row_totals.get(i).copied().unwrap_or(0)
        );
    }
    out.push_str("<tr class=\"total\"><th class=\"total\">Total (all codes)</th>");
    for v in &m.col_totals {
        let _ = write!(out, "<td class=\"total\">{v}</td>");
    }
    let _ = writeln!(
        out,
        "<td class=\"total\">{}</td></tr></tbody></table>",
        m.total
    );
    let _ = set;
}

fn frequencies(out: &mut String, study: &Study, set: &SegmentSet) {
    let cb = &study.codebook;
    let segs = crosstab(set, &Axis::Code, &Axis::Coder, Measure::Segments, cb);
    let docs = crosstab(set, &Axis::Code, &Axis::Coder, Measure::Documents, cb);
    let max = segs.row_totals.iter().copied().max().unwrap_or(0).max(1);
    out.push_str(
        "<h2>Code frequencies</h2>\n<table id=\"frequencies\"><thead><tr><th>Code</th><th>Id</th>\
         <th>Segments</th><th>Interviews</th><th></th></tr></thead><tbody>\n",
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

fn agreement_section(out: &mut String, study: &Study, set: &SegmentSet, t: &AgreementTable) {
    let _ = writeln!(
        out,
        "<h2>Agreement between coders</h2>\n<p class=\"muted\">Krippendorff's alpha (nominal) per \
         code, with sentences as units: a coder marks a sentence when one of their codings of \
         the code overlaps it. {} coders ({}), {} interviews coded by at least two of them, {} \
         sentences.</p>",
        t.coders.len(),
        escape(&t.coders.join(", ")),
        t.documents,
        t.units
    );
    out.push_str(
        "<table id=\"agreement\"><thead><tr><th>Code</th><th>Id</th><th>Sentences marked</th>\
         <th>Alpha</th><th>Observed agreement</th></tr></thead><tbody>\n",
    );
    for row in &t.per_code {
        let label = study
            .codebook
            .get(&row.code)
            .map_or(row.code.as_str(), |c| c.label(&set.lang));
        let _ = writeln!(
            out,
            "<tr data-code=\"{}\"><td>{}</td><td class=\"code-id\">{}</td><td>{}</td>{}{}</tr>",
            escape(&row.code),
            escape(label),
            escape(&row.code),
            row.marked_units,
            coefficient(&row.alpha),
            coefficient(&row.observed)
        );
    }
    out.push_str("</tbody></table>\n");
}
