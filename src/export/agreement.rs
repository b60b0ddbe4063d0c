//! The report's agreement and methods sections: HTML renderings of the core's
//! [`StudyAgreement`] (the figures of `glose agreement` with the same settings), never a
//! computation of their own.

use std::fmt::Write;

use super::formats::html::escape;
use crate::agreement::Coefficient;
use crate::agreement::methods::{Lang, methods_paragraph};
use crate::agreement::report::ReportLine;
use crate::agreement::study::StudyAgreement;
use crate::study::Study;
use crate::words::report as w;

fn coefficient(c: &Coefficient, lang: Lang) -> String {
    match c {
        Coefficient::Value(v) => format!("<td>{v:.3}</td>"),
        Coefficient::Undefined { reason } => {
            format!(
                "<td title=\"{}\">{}</td>",
                escape(reason),
                w::UNDEFINED.get(lang)
            )
        }
    }
}

fn line_row(out: &mut String, study: &Study, lang: &str, l: &ReportLine) {
    let words = Lang::from_code(lang).unwrap_or_default();
    let label = study
        .codebook
        .get(&l.id)
        .map_or(l.id.as_str(), |c| c.label(lang));
    let _ = writeln!(
        out,
        "<tr data-code=\"{}\"><td>{}</td><td class=\"code-id\">{}</td><td>{}</td><td>{:.1}%</td>{}{}{}<td>{}</td></tr>",
        escape(&l.id),
        escape(label),
        escape(&l.id),
        l.units,
        l.prevalence * 100.0,
        coefficient(&l.krippendorff_alpha, words),
        coefficient(&l.kappa, words),
        coefficient(&l.percent_agreement, words),
        escape(&l.reading)
    );
}

/// The agreement section: who was compared on what, then one row per code (worst
/// first) and the pooled row; or why agreement was not computed.
pub fn agreement_section(
    out: &mut String,
    study: &Study,
    lang: &str,
    agreement: &Result<StudyAgreement, String>,
) {
    let words = Lang::from_code(lang).unwrap_or_default();
    let _ = writeln!(out, "<h2>{}</h2>", w::AGREEMENT.get(words));
    let a = match agreement {
        Ok(a) => a,
        Err(why) => {
            let _ = writeln!(
                out,
                "<p id=\"agreement-undefined\">{}</p>",
                escape(&w::agreement_not_computed(words, why))
            );
            return;
        }
    };
    out.push_str("<div id=\"agreement-design\">\n");
    for line in a.design.describe() {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(line.trim()));
    }
    out.push_str("</div>\n");
    let kappa = if a.report.coders.len() == 2 {
        w::COHEN
    } else {
        w::LIGHT
    };
    let units = w::agreement_units(
        words,
        a.report.min_overlap,
        a.report.percent_agreement_definition,
    );
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&units));
    let [
        code,
        id,
        sentences,
        prevalence,
        alpha,
        kappa,
        agreement,
        reading,
    ] = [
        w::CODE,
        w::ID,
        w::SENTENCES,
        w::PREVALENCE,
        w::ALPHA,
        kappa,
        w::PERCENT_AGREEMENT,
        w::READING,
    ]
    .map(|w| escape(w.get(words)));
    let _ = writeln!(
        out,
        "<table id=\"agreement\"><thead><tr><th>{code}</th><th>{id}</th><th>{sentences}</th>\
         <th>{prevalence}</th><th>{alpha}</th><th>{kappa}</th><th>{agreement}</th>\
         <th>{reading}</th></tr></thead><tbody>"
    );
    for l in &a.report.codes {
        line_row(out, study, lang, l);
    }
    line_row(out, study, lang, &a.report.pooled);
    out.push_str("</tbody></table>\n");
}

/// The methods paragraph of the agreement (French when the report's language is).
pub fn methods_section(out: &mut String, a: &StudyAgreement, interviews: usize, lang: &str) {
    let lang = Lang::from_code(lang).unwrap_or_default();
    let title = w::METHODS.get(lang);
    let _ = writeln!(
        out,
        "<h2>{title}</h2>\n<p id=\"methods\">{}</p>",
        escape(&methods_paragraph(a, interviews, lang))
    );
}
