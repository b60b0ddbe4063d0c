//! The report's saturation section: the cumulative curve of each coder in interview
//! order, its band over random orders (5th–95th percentile), the point of saturation,
//! as an inline SVG (nothing loaded), and the methods sentences.

use std::fmt::Write;

use super::formats::html::escape;
use crate::locale::Lang;
use crate::saturation::study::{SaturationOptions, StudySaturation, study_saturation};
use crate::store::AllCodings;
use crate::study::Study;
use crate::words::report as w;

const COLOURS: [&str; 4] = ["#037db0", "#c0392b", "#2e7d32", "#7b1fa2"];
const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 30.0;
const TOP: f64 = 12.0;
const RIGHT: f64 = 12.0;

/// Writes the section for `coders` (the report's), with the defaults of `glose saturation`,
/// its words in `lang`.
pub fn saturation_section(
    out: &mut String,
    study: &Study,
    all: &AllCodings,
    coders: &[String],
    lang: Lang,
) {
    let _ = writeln!(
        out,
        "<h2 id=\"saturation-title\">{}</h2>",
        w::SATURATION.get(lang)
    );
    let opts = SaturationOptions {
        coders: coders.to_vec(),
        ..SaturationOptions::default()
    };
    match study_saturation(study, all, &opts) {
        Ok(s) => {
            figure(out, &s, lang);
            for c in &s.coders {
                let _ = writeln!(
                    out,
                    "<p class=\"saturation-sentence\" data-coder=\"{}\">{}</p>",
                    escape(&c.coder),
                    escape(&c.sentence)
                );
            }
        }
        Err(e) => {
            let _ = writeln!(
                out,
                "<p id=\"saturation-missing\">{}</p>",
                escape(&w::saturation_missing(lang, &e.to_string()))
            );
        }
    }
}

fn figure(out: &mut String, s: &StudySaturation, lang: Lang) {
    let n = s
        .coders
        .iter()
        .map(|c| c.interviews.len())
        .max()
        .unwrap_or(0);
    let top = s
        .coders
        .iter()
        .flat_map(|c| {
            let band = c.band.iter().flat_map(|b| b.curve.iter().map(|p| p.p95));
            c.interviews.iter().map(|r| r.cumulative).chain(band)
        })
        .max()
        .unwrap_or(0);
    if n < 2 || top == 0 {
        return;
    }
    let x = |pos: usize| LEFT + (pos as f64 - 1.0) / (n as f64 - 1.0) * (W - LEFT - RIGHT);
    let y = |v: usize| H - BOTTOM - v as f64 / top as f64 * (H - BOTTOM - TOP);
    let _ = write!(
        out,
        "<svg id=\"saturation\" role=\"img\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape(&w::saturation_title(lang, &s.order_by))
    );
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#888\"/>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{b}\" stroke=\"#888\"/>\
         <text x=\"{tx}\" y=\"{ly}\" font-size=\"11\" text-anchor=\"end\">{top}</text>\
         <text x=\"{tx}\" y=\"{b}\" font-size=\"11\" text-anchor=\"end\">0</text>\
         <text x=\"{LEFT}\" y=\"{lb}\" font-size=\"11\">1</text>\
         <text x=\"{r}\" y=\"{lb}\" font-size=\"11\" text-anchor=\"end\">{last}</text>",
        last = w::n_interviews(lang, n),
        b = H - BOTTOM,
        r = W - RIGHT,
        tx = LEFT - 4.0,
        ly = TOP + 4.0,
        lb = H - BOTTOM + 16.0,
    );
    for (i, c) in s.coders.iter().enumerate() {
        let colour = COLOURS.get(i % COLOURS.len()).copied().unwrap_or("#037db0");
        if let Some(b) = &c.band {
            let upper = b.curve.iter().map(|p| (p.position, p.p95));
            let lower = b.curve.iter().rev().map(|p| (p.position, p.p5));
            let points: Vec<String> = upper
                .chain(lower)
                .map(|(pos, v)| format!("{:.1},{:.1}", x(pos), y(v)))
                .collect();
            let _ = write!(
                out,
                "<polygon class=\"band\" points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.15\"/>",
                points.join(" ")
            );
        }
        let points: Vec<String> = c
            .interviews
            .iter()
            .map(|r| format!("{:.1},{:.1}", x(r.position), y(r.cumulative)))
            .collect();
        let _ = write!(
            out,
            "<polyline class=\"curve\" data-coder=\"{}\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            escape(&c.coder),
            points.join(" ")
        );
        if let Some(r) = c.assessment.as_ref().and_then(|a| a.saturation.as_ref()) {
            let _ = write!(
                out,
                "<line class=\"saturation-point\" x1=\"{px:.1}\" y1=\"{TOP}\" x2=\"{px:.1}\" y2=\"{b}\" \
                 stroke=\"{colour}\" stroke-dasharray=\"4 3\"/>",
                px = x(r.at),
                b = H - BOTTOM
            );
        }
        let _ = write!(
            out,
            "<text x=\"{lx}\" y=\"{ly:.1}\" font-size=\"11\" fill=\"{colour}\">{}</text>",
            escape(&c.coder),
            lx = LEFT + 8.0,
            ly = TOP + 12.0 + 14.0 * i as f64
        );
    }
    out.push_str("</svg>\n");
    let order = escape(&s.order_by);
    let caption = w::SaturationCaption {
        order: &order,
        orders: s.orders,
        seed: s.seed,
        base: s.rule.base,
        run: s.rule.run,
        percent: crate::saturation::study::percent(s.rule.threshold),
    };
    let _ = writeln!(
        out,
        "<p class=\"muted\" id=\"saturation-caption\">{}</p>",
        w::saturation_caption(lang, &caption)
    );
}
