//! The words of `glose agreement`'s tables and method lines for people. The coefficients'
//! short names (alpha, AC1, BP) and the core's reasons (why a coder or a coefficient is
//! left out) are the same in both; `--json` never comes here.

use std::collections::BTreeMap;

use super::{Lang, Words, say};
use crate::agreement::design::{Design, Missing};
use crate::agreement::report::IntervalMethod;
use crate::unit::Unit;

/// Column: units compared.
pub const UNITS: Words = Words::new("units", "unités");
/// Column: prevalence.
pub const PREV: Words = Words::new("prev", "prév");
/// Column: percent agreement.
pub const PERCENT_AGREE: Words = Words::new("% agree", "% accord");
/// Column: Cohen's kappa.
pub const COHEN: Words = Words::new("cohen κ", "κ de cohen");
/// Column: Light's kappa.
pub const LIGHT: Words = Words::new("light κ", "κ de light");
/// Column: Scott's pi.
pub const SCOTT: Words = Words::new("scott π", "π de scott");
/// Column: Fleiss' kappa.
pub const FLEISS: Words = Words::new("fleiss κ", "κ de fleiss");
/// Column: Fleiss' kappa in Gwet's missing-data form.
pub const FLEISS_GWET: Words = Words::new(
    "fleiss κ (Gwet, missing data)",
    "κ de fleiss (Gwet, données manquantes)",
);
/// Column: alpha's interval by the unit bootstrap.
pub const CI_UNITS: Words = Words::new(
    "alpha 95% CI (unit bootstrap)",
    "IC 95 % d’alpha (bootstrap des unités)",
);
/// Column: alpha's interval by Krippendorff's bootstrap.
pub const CI_KRIPPENDORFF: Words = Words::new(
    "alpha 95% CI (Krippendorff bootstrap)",
    "IC 95 % d’alpha (bootstrap de Krippendorff)",
);
/// A cell: an interval not to be trusted.
pub const NOT_TRUSTWORTHY: Words = Words::new("not trustworthy*", "peu fiable*");
/// Before Krippendorff's reading of each alpha.
pub const READING: Words = Words::new(
    "Reading (Krippendorff: alpha ≥ 0.800 reliable; 0.667–0.800 tentative conclusions only; below 0.667 unreliable):",
    "Lecture (Krippendorff : alpha ≥ 0.800 fiable ; 0.667–0.800 conclusions provisoires seulement ; sous 0.667 non fiable) :",
);
/// After a reading's name, before what it holds.
pub const COLON: Words = Words::new(":", " :");
/// Reading: reliable.
pub const RELIABLE: Words = Words::new("reliable", "fiable");
/// Reading: tentative.
pub const TENTATIVE: Words = Words::new(
    "tentative conclusions only",
    "conclusions provisoires seulement",
);
/// Reading: unreliable.
pub const UNRELIABLE: Words = Words::new("unreliable", "non fiable");
/// Reading: no alpha.
pub const NOT_ASSESSABLE: Words = Words::new("not assessable", "non évaluable");
/// After a group's id.
pub const GROUP: Words = Words::new("group", "groupe");
/// After an exclusive group's id.
pub const WHICH_ONE: Words = Words::new("which one", "lequel");
/// `--unit unitized` without an exclusive group.
pub const NO_DOMAIN: Words = Words::new(
    "the codebook has no exclusive group (semantic domain) to unitize",
    "le livre de codes n’a aucun groupe exclusif (domaine sémantique) à unitiser",
);
/// Column of the segment table: agreements.
pub const AGREEMENTS: Words = Words::new("agreements", "accords");
/// Column of the unitized table: a document.
pub const DOCUMENT: Words = Words::new("document", "document");
/// Column of the unitized table: coders.
pub const CODERS: Words = Words::new("coders", "codeurs");
/// Column of the unitized table: coverage.
pub const COVERAGE: Words = Words::new("coverage", "couverture");
/// Column of the unitized table: a note.
pub const NOTE: Words = Words::new("note", "remarque");
/// Column of the unitized table of codes.
pub const CODE_POOLED: Words = Words::new("code (pooled)", "code (regroupé)");
/// Column of the disagreements: a document.
pub const DOC: Words = Words::new("doc", "doc");
/// Column of the disagreements: the unit's span.
pub const UNIT: Words = Words::new("unit", "unité");
/// Column of the disagreements: the unit's text.
pub const TEXT: Words = Words::new("text", "texte");
/// A disagreement's cell: the coder did not code the document.
pub const NOT_CODED: Words = Words::new("(not coded)", "(non codé)");

/// Every fixed word of agreement (for the test that each has both languages).
pub const ALL: &[Words] = &[
    UNITS,
    PREV,
    PERCENT_AGREE,
    COHEN,
    LIGHT,
    SCOTT,
    FLEISS,
    FLEISS_GWET,
    CI_UNITS,
    CI_KRIPPENDORFF,
    NOT_TRUSTWORTHY,
    READING,
    COLON,
    RELIABLE,
    TENTATIVE,
    UNRELIABLE,
    NOT_ASSESSABLE,
    GROUP,
    WHICH_ONE,
    NO_DOMAIN,
    AGREEMENTS,
    DOCUMENT,
    CODERS,
    COVERAGE,
    NOTE,
    CODE_POOLED,
    DOC,
    UNIT,
    TEXT,
    NOT_CODED,
];

/// Who was compared on what, and what was left out (the core's `Design::describe` in
/// English; the reasons stay the core's).
pub fn compared(lang: Lang, d: &Design) -> Vec<String> {
    if lang == Lang::En {
        return d.describe();
    }
    let design = match d.missing {
        Missing::Excluded => "ceux que chacun d’eux a codés",
        Missing::Allowed => {
            "plan à codeurs manquants : ceux qu’au moins deux d’entre eux ont codés ; un codeur \
             qui n’a pas codé un entretien y est manquant"
        }
    };
    let mut out = vec![format!(
        "Comparés : {} codeurs ({}) sur {} des {} entretiens ({design}).",
        d.coders.len(),
        d.coders.join(", "),
        d.docs.len(),
        d.candidate_docs,
    )];
    for l in &d.coders_left_out {
        out.push(format!("  codeur {} : {}", l.id, l.reason));
    }
    let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for l in &d.docs_left_out {
        by_reason.entry(&l.reason).or_default().push(&l.id);
    }
    for (reason, ids) in by_reason {
        out.push(format!(
            "  écarté(s), {reason} : {} entretien(s) : {}",
            ids.len(),
            ids.join(", ")
        ));
    }
    out
}

/// A unit's name.
fn unit_name(lang: Lang, unit: Unit) -> &'static str {
    let fr = match unit {
        Unit::Sentence => "phrase",
        Unit::Paragraph => "paragraphe",
        Unit::Turn => "tour",
        Unit::Passage => "passage",
        Unit::Char => "caractère",
    };
    lang.pick(unit.name(), fr)
}

/// `Unit: sentence (min overlap 0.5); rollup`.
pub fn unit_line(lang: Lang, unit: Unit, min_overlap: Option<f64>, rollup: bool) -> String {
    let overlap = min_overlap.map(|m| match (m == 0.0, lang) {
        (true, Lang::En) => " (any non-space overlap)".to_string(),
        (true, Lang::Fr) => " (tout recouvrement hors espaces)".to_string(),
        (false, Lang::En) => format!(" (min overlap {m})"),
        (false, Lang::Fr) => format!(" (recouvrement min. {m})"),
    });
    let overlap = overlap.unwrap_or_default();
    let name = unit_name(lang, unit);
    say(
        lang,
        || {
            format!(
                "Unit: {name}{overlap}{}",
                if rollup { "; rollup" } else { "" }
            )
        },
        || {
            format!(
                "Unité : {name}{overlap}{}",
                if rollup {
                    " ; cumul des descendants"
                } else {
                    ""
                }
            )
        },
    )
}

/// What `% agree` and `prev` mean, and that a row's coefficients share their units
/// (`definition` is the core's).
pub fn definitions(lang: Lang, definition: &str, missing: bool) -> String {
    say(
        lang,
        || {
            format!(
                "% agree = {definition}.\nprev = share of ratings applying the code. Every \
                 coefficient of a row is computed on the same units{}.",
                if missing {
                    "; with missing coders, kappa and Fleiss' kappa need every coder on every \
                     unit and are left undefined, and Fleiss' kappa in Gwet's missing-data form \
                     is shown under its own name"
                } else {
                    " (every compared coder coded every compared interview)"
                }
            )
        },
        || {
            format!(
                "% accord = {definition}.\nprév = part des jugements qui appliquent le code. \
                 Tous les coefficients d’une ligne sont calculés sur les mêmes unités{}.",
                if missing {
                    " ; avec des codeurs manquants, le kappa et le kappa de Fleiss demandent \
                     chaque codeur sur chaque unité et restent indéfinis, et le kappa de Fleiss \
                     sous la forme de Gwet pour données manquantes est montré sous son propre nom"
                } else {
                    " (chaque codeur comparé a codé chaque entretien comparé)"
                }
            )
        },
    )
}

/// `Interval: …`.
pub fn interval(lang: Lang, method: IntervalMethod) -> String {
    say(
        lang,
        || format!("Interval: {}.", method.describe()),
        || {
            let how = match method {
                IntervalMethod::Units => {
                    "intervalle des percentiles d’un bootstrap non paramétrique sur les unités \
                     (Zapf et al. 2016)"
                }
                IntervalMethod::Krippendorff => {
                    "bootstrap des paires de coïncidences de Krippendorff (Hayes & \
                     Krippendorff 2007)"
                }
            };
            format!("Intervalle : {how}.")
        },
    )
}

/// The title of a pair of coders' segment table (`overlap` a share).
pub fn segments_title(lang: Lang, a: &str, b: &str, docs: usize, overlap: f64) -> String {
    let pct = overlap * 100.0;
    say(
        lang,
        || {
            format!(
                "Segments of {a} and {b} on {docs} document(s) both coded (agree: same code, overlap ≥ {pct:.0}% of the union)"
            )
        },
        || {
            format!(
                "Segments de {a} et {b} sur {docs} document(s) codés par les deux (accord : même code, recouvrement ≥ {pct:.0} % de l’union)"
            )
        },
    )
}

/// Column of the segment table: one coder's segments only.
pub fn only(lang: Lang, coder: &str) -> String {
    say(
        lang,
        || format!("only {coder}"),
        || format!("seulement {coder}"),
    )
}

/// Under a pair's segment table (`p_observed`, `p_chance`, `kappa` formatted).
pub fn segments_kappa(lang: Lang, p_observed: &str, p_chance: &str, kappa: &str) -> String {
    say(
        lang,
        || {
            format!(
                "P observed {p_observed} · P chance {p_chance} (1/number of codes, Brennan & Prediger, as MAXQDA) · kappa {kappa}"
            )
        },
        || {
            format!(
                "P observé {p_observed} · P hasard {p_chance} (1/nombre de codes, Brennan & Prediger, comme MAXQDA) · kappa {kappa}"
            )
        },
    )
}

/// The title of a semantic domain's u-alphas.
pub fn domain_title(lang: Lang, group: &str, codes: usize) -> String {
    say(
        lang,
        || format!("Semantic domain {group} ({codes} codes)"),
        || format!("Domaine sémantique {group} ({codes} codes)"),
    )
}

/// Documents left out of the pooled continuum.
pub fn left_out_of_pooled(lang: Lang, docs: &str) -> String {
    say(
        lang,
        || format!("left out of the pooled continuum (not coded by every coder): {docs}"),
        || format!("écartés du continuum regroupé (pas codés par chaque codeur) : {docs}"),
    )
}

/// Under the disagreements.
pub fn disagreements(lang: Lang, n: usize) -> String {
    say(
        lang,
        || format!("{n} disagreement(s)"),
        || format!("{n} désaccord(s)"),
    )
}
