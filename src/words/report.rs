//! The HTML report's words (`glose report`).

use super::{Lang, Words, say};

/// The page's title when the study has no name.
pub const UNTITLED: Words = Words::new("glose report", "rapport glose");
/// The figures line: interviews.
pub const INTERVIEWS_COUNT: Words = Words::new("interviews", "entretiens");
/// The figures line: interviews with a coded segment.
pub const CODED: Words = Words::new("coded", "codés");
/// The figures line: segments.
pub const CODED_SEGMENTS: Words = Words::new("coded segments", "segments codés");
/// The figures line: the coders.
pub const CODERS: Words = Words::new("coders:", "codeurs :");
/// Heading of the stage table.
pub const STAGE_TABLE: Words = Words::new(
    "Interviews and segments per stage",
    "Entretiens et segments par étape",
);
/// Column header.
pub const STAGE: Words = Words::new("Stage", "Étape");
/// Column header.
pub const INTERVIEWS_BY_ATTRIBUTE: Words = Words::new(
    "Interviews (stage attribute)",
    "Entretiens (attribut d’étape)",
);
/// Column header.
pub const SEGMENTS_BY_STAGE: Words = Words::new(
    "Coded segments (resolved stage)",
    "Segments codés (étape résolue)",
);
/// Row header of totals.
pub const TOTAL: Words = Words::new("Total", "Total");
/// The house's stage rule, under the stage table.
pub const STAGE_RULE: Words = Words::new(
    "A segment's stage is the stage code its coder applied over it (the largest overlap \
     wins; on a tie, the earlier stage); without one, the interview's stage attribute.",
    "L’étape d’un segment est le code d’étape que son codeur a appliqué dessus (le plus \
     grand recouvrement l’emporte ; à égalité, l’étape la plus précoce) ; à défaut, \
     l’attribut d’étape de l’entretien.",
);
/// Heading of the heatmap.
pub const CODES_BY_STAGE: Words = Words::new("Codes by stage", "Codes par étape");
/// Column header.
pub const CODE: Words = Words::new("Code", "Code");
/// Column header.
pub const ID: Words = Words::new("Id", "Id");
/// Row header of the heatmap's totals.
pub const TOTAL_ALL_CODES: Words = Words::new("Total (all codes)", "Total (tous les codes)");
/// Start of the heatmap's legend.
pub const COLOUR_SCALE: Words = Words::new("Colour scale: ", "Échelle de couleurs : ");
/// End of the heatmap's legend.
pub const COLOUR_SCALE_END: Words = Words::new(
    " (darkest = the largest cell; totals are raw segment counts).",
    " (le plus foncé = la plus grande cellule ; les totaux sont des nombres bruts de segments).",
);
/// Heading of the frequencies.
pub const FREQUENCIES: Words = Words::new("Code frequencies", "Fréquence des codes");
/// Column header.
pub const SEGMENTS: Words = Words::new("Segments", "Segments");
/// Column header.
pub const INTERVIEWS: Words = Words::new("Interviews", "Entretiens");
/// Heading of the quotations.
pub const QUOTATIONS: Words = Words::new("Quotations by stage", "Citations par étape");
/// The quotations' button.
pub const EXPAND_ALL: Words = Words::new("Expand all", "Tout déplier");
/// Heading of the agreement.
pub const AGREEMENT: Words = Words::new("Agreement between coders", "Accord entre codeurs");
/// Heading of the methods paragraph.
pub const METHODS: Words = Words::new(
    "Methods: inter-coder agreement",
    "Méthode : accord inter-codeurs",
);
/// A coefficient that cannot be computed.
pub const UNDEFINED: Words = Words::new("undefined", "indéfini");
/// Column header.
pub const SENTENCES: Words = Words::new("Sentences", "Phrases");
/// Column header.
pub const PREVALENCE: Words = Words::new("Prevalence", "Prévalence");
/// Column header.
pub const ALPHA: Words = Words::new("Krippendorff's α", "α de Krippendorff");
/// Column header (two coders).
pub const COHEN: Words = Words::new("Cohen's κ", "κ de Cohen");
/// Column header (more coders).
pub const LIGHT: Words = Words::new("Light's κ", "κ de Light");
/// Column header.
pub const PERCENT_AGREEMENT: Words = Words::new("% agreement", "% d’accord");
/// Column header.
pub const READING: Words = Words::new("Reading", "Lecture");
/// Heading of the saturation.
pub const SATURATION: Words = Words::new("Saturation", "Saturation");

/// A quotation's memo, in the report and the Markdown and HTML exports.
pub const MEMO: Words = Words::new("Memo: ", "Mémo : ");

/// Every fixed word of the report (for the test that each has both languages).
pub const ALL: &[Words] = &[
    UNTITLED,
    INTERVIEWS_COUNT,
    CODED,
    CODED_SEGMENTS,
    CODERS,
    STAGE_TABLE,
    STAGE,
    INTERVIEWS_BY_ATTRIBUTE,
    SEGMENTS_BY_STAGE,
    TOTAL,
    STAGE_RULE,
    CODES_BY_STAGE,
    CODE,
    ID,
    TOTAL_ALL_CODES,
    COLOUR_SCALE,
    COLOUR_SCALE_END,
    FREQUENCIES,
    SEGMENTS,
    INTERVIEWS,
    QUOTATIONS,
    EXPAND_ALL,
    AGREEMENT,
    METHODS,
    UNDEFINED,
    SENTENCES,
    PREVALENCE,
    ALPHA,
    COHEN,
    LIGHT,
    PERCENT_AGREEMENT,
    READING,
    SATURATION,
    MEMO,
];

/// The heatmap's caption for raw counts.
pub fn caption_counts(lang: Lang, coders: &str) -> String {
    say(
        lang,
        || {
            format!(
                "Each cell counts the coded segments of {coders} with the row's code whose \
                 stage is the column's (a passage coded by two coders counts twice)."
            )
        },
        || {
            format!(
                "Chaque cellule compte les segments codés par {coders} avec le code de la \
                 ligne dont l’étape est celle de la colonne (un passage codé par deux \
                 codeurs compte deux fois)."
            )
        },
    )
}

/// The heatmap's caption per interview.
pub fn caption_per_interview(lang: Lang, coders: &str) -> String {
    say(
        lang,
        || {
            format!(
                "Each cell is the number of coded segments of {coders} with the row's code \
                 at the column's stage, divided by the number of interviews with a segment \
                 at that stage."
            )
        },
        || {
            format!(
                "Chaque cellule est le nombre de segments codés par {coders} avec le code de \
                 la ligne à l’étape de la colonne, divisé par le nombre d’entretiens ayant \
                 un segment à cette étape."
            )
        },
    )
}

/// The heatmap's caption per 1,000 words.
pub fn caption_per_thousand_words(lang: Lang, coders: &str) -> String {
    say(
        lang,
        || {
            format!(
                "Each cell is the number of coded segments of {coders} with the row's code \
                 at the column's stage per 1,000 words of the interviews with a segment at \
                 that stage."
            )
        },
        || {
            format!(
                "Chaque cellule est le nombre de segments codés par {coders} avec le code de \
                 la ligne à l’étape de la colonne pour 1 000 mots des entretiens ayant un \
                 segment à cette étape."
            )
        },
    )
}

/// Why the agreement is missing (`why` is the core's reason).
pub fn agreement_not_computed(lang: Lang, why: &str) -> String {
    say(
        lang,
        || format!("Agreement not computed, because {why}."),
        || format!("Accord non calculé : {why}."),
    )
}

/// How the agreement's units were decided (`overlap` is a percentage, or `None` for
/// any character).
pub fn agreement_units(lang: Lang, overlap: Option<f64>, definition: &str) -> String {
    let share = |one: &str| match overlap {
        Some(m) if m > 0.0 => format!("{:.0}%", m * 100.0),
        _ => one.to_string(),
    };
    say(
        lang,
        || {
            format!(
                "Units: sentences; a coder applied a code to a sentence when their codings \
                 of it cover at least {} of its non-space characters. Every coefficient of \
                 a row is computed on the same units. % agreement = {definition}.",
                share("one")
            )
        },
        || {
            format!(
                "Unités : les phrases ; un codeur a appliqué un code à une phrase quand ses \
                 codages en couvrent au moins {} des caractères hors espaces. Tous les \
                 coefficients d’une ligne sont calculés sur les mêmes unités. % d’accord = \
                 {definition}.",
                share("un")
            )
        },
    )
}

/// Why saturation is missing (`why` is the core's reason).
pub fn saturation_missing(lang: Lang, why: &str) -> String {
    say(
        lang,
        || format!("Saturation not assessed: {why}"),
        || format!("Saturation non évaluée : {why}"),
    )
}

/// The saturation figure's title.
pub fn saturation_title(lang: Lang, order: &str) -> String {
    say(
        lang,
        || format!("Distinct codes found, by interview in {order} order"),
        || format!("Codes distincts trouvés, par entretien dans l’ordre {order}"),
    )
}

/// A quotation's turn, in its citation (`E03, Fondatrice, turn 12`).
pub fn turn(lang: Lang, n: usize) -> String {
    say(lang, || format!("turn {n}"), || format!("tour {n}"))
}

/// The line under an export's title: `61 segment(s); coders: a, b; grouped by stage.`
/// (`by`: the dimensions' ids).
pub fn segments_summary(lang: Lang, n: usize, coders: &[String], by: &[&str]) -> String {
    let coders = coders.join(", ");
    say(
        lang,
        || {
            let by = match by {
                [] => String::new(),
                by => format!("; grouped by {}", by.join(", then ")),
            };
            format!("{n} segment(s); coders: {coders}{by}.")
        },
        || {
            let by = match by {
                [] => String::new(),
                by => format!(" ; groupés par {}", by.join(", puis ")),
            };
            format!("{n} segment(s) ; codeurs : {coders}{by}.")
        },
    )
}

/// The saturation figure's x axis end.
pub fn n_interviews(lang: Lang, n: usize) -> String {
    say(
        lang,
        || format!("{n} interviews"),
        || format!("{n} entretiens"),
    )
}

/// The saturation figure's caption (already escaped values; the reference is HTML).
pub fn saturation_caption(lang: Lang, c: &SaturationCaption<'_>) -> String {
    let SaturationCaption {
        order,
        orders,
        seed,
        base,
        run,
        percent,
    } = c;
    say(
        lang,
        || {
            format!(
                "Distinct codes found after each interview, in {order} order (lines), with \
                 the 5th–95th percentile over {orders} random orders (shaded; seed {seed}); \
                 the dashed line marks where saturation was reached (base {base}, run {run}, \
                 ≤{percent}% new information; Guest, Namey &amp; Chen 2020)."
            )
        },
        || {
            format!(
                "Codes distincts trouvés après chaque entretien, dans l’ordre {order} \
                 (lignes), avec les 5e–95e centiles sur {orders} ordres aléatoires (zone \
                 ombrée ; graine {seed}) ; le trait pointillé marque la saturation (base \
                 {base}, série {run}, ≤{percent} % d’information nouvelle ; Guest, Namey \
                 &amp; Chen 2020)."
            )
        },
    )
}

/// The values of the saturation caption.
#[derive(Debug, Clone)]
pub struct SaturationCaption<'a> {
    /// The order of interviews (escaped).
    pub order: &'a str,
    /// How many random orders.
    pub orders: usize,
    /// Their seed.
    pub seed: u64,
    /// The base of the rule.
    pub base: usize,
    /// The run of the rule.
    pub run: usize,
    /// The threshold, as a percentage.
    pub percent: String,
}
