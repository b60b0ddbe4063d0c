//! The methods paragraph of a study's agreement, in English or French: what a paper must
//! state about inter-coder reliability, following Krippendorff (2004, *Content Analysis*,
//! 2nd ed., ch. 11: the coefficient and why, the units, the coders, the sample coded by
//! several coders, the values with their intervals, and the standard applied) and
//! O'Connor & Joffe (2020, *International Journal of Qualitative Methods* 19,
//! doi 10.1177/1609406919899220: the number of coders, the share of the data coded by
//! more than one, the coefficient, and how disagreements were resolved).
//!
//! What glose cannot know (how coders were trained, how disagreements were resolved) is
//! left as a bracketed prompt for the author.

use super::Coefficient;
use super::design::Missing;
use super::report::{BootstrapLine, LineKind, ReportLine};
use super::study::StudyAgreement;
use crate::unit::Unit;

pub use crate::locale::Lang;

/// A number as the language writes it (`0,812` and `−0,1` in French).
fn num(lang: Lang, v: f64) -> String {
    let s = format!("{v:.3}");
    match lang {
        Lang::En => s,
        Lang::Fr => s.replace('.', ",").replace('-', "−"),
    }
}

/// The English or French phrase, owned.
fn pick(lang: Lang, en: &str, fr: &str) -> String {
    lang.pick(en, fr).to_string()
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

/// (singular, plural); in French the singular carries its article.
fn unit_name(unit: Unit, lang: Lang) -> (String, String) {
    let (en, fr) = match unit {
        Unit::Sentence => (("sentence", "sentences"), ("la phrase", "phrases")),
        Unit::Paragraph => (
            ("paragraph", "paragraphs"),
            ("le paragraphe", "paragraphes"),
        ),
        Unit::Turn => (
            ("speaker turn", "speaker turns"),
            ("le tour de parole", "tours de parole"),
        ),
        Unit::Passage => (("passage", "passages"), ("le passage", "passages")),
        Unit::Char => (("character", "characters"), ("le caractère", "caractères")),
    };
    match lang {
        Lang::En => (en.0.into(), en.1.into()),
        Lang::Fr => (fr.0.into(), fr.1.into()),
    }
}

/// The code lines with a defined alpha, lowest first.
fn defined(lines: &[ReportLine]) -> Vec<(&str, f64)> {
    let mut v: Vec<(&str, f64)> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Code)
        .filter_map(|l| Some((l.id.as_str(), l.krippendorff_alpha.value()?)))
        .collect();
    v.sort_by(|a, b| a.1.total_cmp(&b.1));
    v
}

fn interval_text(line: &ReportLine, lang: Lang) -> String {
    match &line.bootstrap {
        Some(BootstrapLine::Interval {
            method,
            ci95_low,
            ci95_high,
            replicates,
            seed,
            caution,
            ..
        }) => {
            let how = match (method, lang) {
                (super::report::IntervalMethod::Units, Lang::En) => {
                    "percentile interval of a nonparametric bootstrap over units, Zapf et al. 2016"
                }
                (super::report::IntervalMethod::Units, Lang::Fr) => {
                    "intervalle des percentiles d'un bootstrap non paramétrique sur les unités, Zapf et al. 2016"
                }
                (super::report::IntervalMethod::Krippendorff, Lang::En) => {
                    "Krippendorff's bootstrap of coincidence pairs, Hayes & Krippendorff 2007"
                }
                (super::report::IntervalMethod::Krippendorff, Lang::Fr) => {
                    "bootstrap des paires de coïncidences de Krippendorff, Hayes & Krippendorff 2007"
                }
            };
            let mut s = match lang {
                Lang::En => format!(
                    " (95% interval {} to {}; {how}; {replicates} replicates, seed {seed})",
                    num(lang, *ci95_low),
                    num(lang, *ci95_high)
                ),
                Lang::Fr => format!(
                    " (intervalle à 95 % de {} à {} ; {how} ; {replicates} réplications, graine {seed})",
                    num(lang, *ci95_low),
                    num(lang, *ci95_high)
                ),
            };
            if caution.is_some() {
                s.push_str(&pick(lang,
                    ", an interval that cannot be trusted: too few units on which the coders disagree",
                    ", un intervalle peu fiable : trop peu d'unités sur lesquelles les codeurs divergent",
                ));
            }
            s
        }
        Some(BootstrapLine::Undefined { reason }) => pick(
            lang,
            &format!(" (no interval: {reason})"),
            &format!(" (pas d'intervalle : {reason})"),
        ),
        None => String::new(),
    }
}

/// Who coded what, who was compared on what, and who was left out.
fn design_sentences(a: &StudyAgreement, interviews: usize, lang: Lang, out: &mut Vec<String>) {
    let d = &a.design;
    let coders = d.coders.join(", ");
    out.push(match lang {
        Lang::En => format!(
            "{} interviews of {interviews} ({:.0}%) were coded independently by more than one coder. \
             Agreement was computed for {} coders ({coders}) on the {} interviews {}.",
            d.multiply_coded_docs,
            percent(d.multiply_coded_docs, interviews),
            d.coders.len(),
            d.docs.len(),
            match d.missing {
                Missing::Excluded => "that all of them coded",
                Missing::Allowed =>
                    "that at least two of them coded (a coder who did not code an interview counts as missing there)",
            }
        ),
        Lang::Fr => format!(
            "{} entretiens sur {interviews} ({:.0} %) ont été codés indépendamment par plus d'un codeur. \
             L'accord a été calculé pour {} codeurs ({coders}) sur les {} entretiens {}.",
            d.multiply_coded_docs,
            percent(d.multiply_coded_docs, interviews),
            d.coders.len(),
            d.docs.len(),
            match d.missing {
                Missing::Excluded => "codés par chacun d'eux",
                Missing::Allowed =>
                    "codés par au moins deux d'entre eux (un codeur qui n'a pas codé un entretien y est compté comme manquant)",
            }
        ),
    });
    for l in &d.coders_left_out {
        out.push(pick(
            lang,
            &format!("Coder {} was not included ({}).", l.id, l.reason),
            &format!("Le codeur {} n'a pas été inclus ({}).", l.id, l.reason),
        ));
    }
}

/// The unit and the overlap rule.
fn unit_sentence(a: &StudyAgreement, lang: Lang) -> String {
    let r = &a.report;
    let (unit1, units) = unit_name(r.unit, lang);
    let n_units = r.codes.first().map_or(0, |l| l.units);
    let overlap = match r.min_overlap {
        Some(m) if m > 0.0 => pick(
            lang,
            &format!("at least {:.0}% of its non-space characters", m * 100.0),
            &format!("au moins {:.0} % des caractères hors espaces", m * 100.0),
        ),
        Some(_) => pick(
            lang,
            "at least one of its non-space characters",
            "au moins un caractère hors espaces",
        ),
        None => String::new(),
    };
    match (lang, r.min_overlap.is_some()) {
        (Lang::En, true) => format!(
            "The unit of analysis was the {unit1} (N = {n_units} {units}); a coder was counted as applying a code to a {unit1} when their codings of that code covered {overlap}{}.",
            if r.rollup {
                ", codings of sub-codes counting for their parent code"
            } else {
                ""
            }
        ),
        (Lang::Fr, true) => format!(
            "L'unité d'analyse était {unit1} (N = {n_units} {units}) ; un codeur était compté comme appliquant un code à une unité lorsque ses codages de ce code en couvraient {overlap}{}.",
            if r.rollup {
                ", les codages des sous-codes comptant pour leur code parent"
            } else {
                ""
            }
        ),
        (Lang::En, false) => {
            format!("The unit of analysis was the {unit1} (N = {n_units} {units}).")
        }
        (Lang::Fr, false) => format!("L'unité d'analyse était {unit1} (N = {n_units} {units})."),
    }
}

/// The coefficient and why.
fn coefficient_sentence(a: &StudyAgreement, lang: Lang) -> String {
    let d = &a.design;
    let kappa = if d.coders.len() == 2 {
        pick(lang, "Cohen's κ", "le κ de Cohen")
    } else {
        pick(lang, "Light's κ", "le κ de Light")
    };
    pick(
        lang,
        &format!(
            "We report Krippendorff's α (nominal), which corrects for the agreement expected by chance, \
             applies to any number of coders and to missing data, and is the coefficient recommended by \
             Krippendorff (2004, ch. 11); {kappa} is given alongside for comparison with other studies."
        ),
        &format!(
            "Nous rapportons l'α de Krippendorff (nominal), qui corrige l'accord attendu par hasard, \
             s'applique à un nombre quelconque de codeurs et aux données manquantes, et que recommande \
             Krippendorff (2004, chap. 11) ; {kappa} est donné en regard pour la comparaison avec d'autres études."
        ),
    )
}

/// The per-code range, the pooled value with its interval, and the thresholds.
fn values_sentences(a: &StudyAgreement, lang: Lang, out: &mut Vec<String>) {
    let r = &a.report;
    let per_code = defined(&r.codes);
    let undefined = r
        .codes
        .iter()
        .filter(|l| !l.krippendorff_alpha.is_defined())
        .count();
    if let [(id, a)] = per_code.as_slice() {
        out.push(pick(
            lang,
            &format!("For the one code compared ({id}), α = {}.", num(lang, *a)),
            &format!("Pour le seul code comparé ({id}), α = {}.", num(lang, *a)),
        ));
    } else if let (Some(lo), Some(hi)) = (per_code.first(), per_code.last()) {
        out.push(pick(
            lang,
            &format!(
                "Across the {} codes, α ranged from {} ({}) to {} ({}).",
                per_code.len(),
                num(lang, lo.1),
                lo.0,
                num(lang, hi.1),
                hi.0
            ),
            &format!(
                "Sur les {} codes, α allait de {} ({}) à {} ({}).",
                per_code.len(),
                num(lang, lo.1),
                lo.0,
                num(lang, hi.1),
                hi.0
            ),
        ));
    }
    if undefined > 0 {
        out.push(pick(
            lang,
            &format!("α was undefined for {undefined} code(s) (see the table)."),
            &format!("α n'était pas défini pour {undefined} code(s) (voir le tableau)."),
        ));
    }
    let pooled = match &r.pooled.krippendorff_alpha {
        Coefficient::Value(v) => pick(
            lang,
            &format!(
                "Pooled over all codes, α = {}{}.",
                num(lang, *v),
                interval_text(&r.pooled, lang)
            ),
            &format!(
                "Tous codes confondus, α = {}{}.",
                num(lang, *v),
                interval_text(&r.pooled, lang)
            ),
        ),
        Coefficient::Undefined { reason } => pick(
            lang,
            &format!("Pooled over all codes, α is undefined ({reason})."),
            &format!("Tous codes confondus, α n'est pas défini ({reason})."),
        ),
    };
    out.push(pooled);
    let count = |min: f64, max: f64| {
        per_code
            .iter()
            .filter(|(_, a)| *a >= min && *a < max)
            .count()
    };
    let (reliable, tentative, unreliable) = (
        count(0.800, f64::INFINITY),
        count(0.667, 0.800),
        count(f64::NEG_INFINITY, 0.667),
    );
    out.push(pick(lang,
        &format!(
            "Following Krippendorff (2004), codes with α ≥ 0.800 were considered reliable, codes with \
             0.667 ≤ α < 0.800 were used for tentative conclusions only, and codes below 0.667 were \
             considered unreliable: {reliable} reliable, {tentative} tentative, {unreliable} unreliable."
        ),
        &format!(
            "Suivant Krippendorff (2004), les codes avec α ≥ 0,800 ont été considérés comme fiables, ceux \
             avec 0,667 ≤ α < 0,800 n'ont servi qu'à des conclusions provisoires, et ceux en dessous de \
             0,667 comme non fiables : {reliable} fiables, {tentative} provisoires, {unreliable} non fiables."
        ),
    ));
}

/// The methods paragraph of `a` for a study of `interviews` interviews.
pub fn methods_paragraph(a: &StudyAgreement, interviews: usize, lang: Lang) -> String {
    let mut out = Vec::new();
    design_sentences(a, interviews, lang, &mut out);
    out.push(unit_sentence(a, lang));
    out.push(coefficient_sentence(a, lang));
    values_sentences(a, lang, &mut out);
    out.push(pick(lang,
        "[State how the coders were trained, whether they coded blind to each other, and how disagreements were resolved (O'Connor & Joffe 2020).]",
        "[Indiquer comment les codeurs ont été formés, s'ils ont codé sans voir le codage des autres, et comment les désaccords ont été résolus (O'Connor & Joffe 2020).]",
    ));
    out.join(" ")
}
