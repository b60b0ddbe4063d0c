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

fn coefficient(c: &Coefficient) -> String {
    match c {
        Coefficient::Value(v) => format!("<td>{v:.3}</td>"),
        Coefficient::Undefined { reason } => {
            format!("<td title=\"{}\">undefined</td>", escape(reason))
        }
    }
}

fn line_row(out: &mut String, study: &Study, lang: &str, l: &ReportLine) {
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
        coefficient(&l.krippendorff_alpha),
        coefficient(&l.kappa),
        coefficient(&l.percent_agreement),
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
    let heading = Lang::from_code(lang)
        .unwrap_or_default()
        .pick("Agreement between coders", "Accord entre codeurs");
    let _ = writeln!(out, "<h2>{heading}</h2>");
    let a = match agreement {
        Ok(a) => a,
        Err(why) => {
            let _ = writeln!(
                out,
                "<p id=\"agreement-undefined\">Agreement not computed, because {}.</p>",
                escape(why)
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
        "Cohen's κ"
    } else {
        "Light's κ"
    };
    let _ = writeln!(
        out,
        "<p class=\"muted\">Units: sentences; a coder applied a code to a sentence when their \
         codings of it cover at least {} of its non-space characters. Every coefficient of a \
         row is computed on the same units. % agreement = {}.</p>",
        match a.report.min_overlap {
            Some(m) if m > 0.0 => format!("{:.0}%", m * 100.0),
            _ => "one".to_string(),
        },
        escape(a.report.percent_agreement_definition)
    );
    let _ = writeln!(
        out,
        "<table id=\"agreement\"><thead><tr><th>Code</th><th>Id</th><th>Sentences</th>\
         <th>Prevalence</th><th>Krippendorff's α</th><th>{kappa}</th><th>% agreement</th>\
         <th>Reading</th></tr></thead><tbody>"
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
    let title = match lang {
        Lang::En => "Methods: inter-coder agreement",
        Lang::Fr => "Méthode : accord inter-codeurs",
    };
    let _ = writeln!(
        out,
        "<h2>{title}</h2>\n<p id=\"methods\">{}</p>",
        escape(&methods_paragraph(a, interviews, lang))
    );
}
