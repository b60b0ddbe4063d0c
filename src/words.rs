//! glose's own words outside the TUI, in English and French, in one place: the report's
//! headings, captions and table headers ([`report`]), and the command line's messages
//! ([`cli`]). The TUI's words are in `tui/strings.rs`, built the same way.
//!
//! A fixed phrase is a [`Words`] pair; a phrase with values in it is a function of the
//! language that formats both versions (`wrote(lang, path)`). The language comes from
//! [`Lang::for_outputs`] for the report (the same bytes on every machine) and from
//! [`Lang::for_study`] for messages (glose.toml, then the locale). JSON output never goes
//! through here: its keys are a machine format and stay English.

use crate::locale::{Lang, Words};

/// `en` or `fr`, formatted, in `lang`.
fn say(lang: Lang, en: impl FnOnce() -> String, fr: impl FnOnce() -> String) -> String {
    match lang {
        Lang::En => en(),
        Lang::Fr => fr(),
    }
}

/// The HTML report's words (`glose report`).
pub mod report {
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
}

/// The command line's messages (on stderr, or the summary lines on stdout). The prefix
/// `glose:` (the program's name, the same in both) and the file names, ids and numbers they quote are the same in both.
pub mod cli {
    use super::{Lang, Words, say};

    /// Before a problem that does not stop the command.
    pub const WARNING: Words = Words::new("warning: ", "attention : ");
    /// Before what a target tool drops.
    pub const NOTE: Words = Words::new("note: ", "remarque : ");
    /// `--no-pseudonymise`.
    pub const REAL_NAMES: Words = Words::new(
        "--no-pseudonymise: real names are exported",
        "--no-pseudonymise : les vrais noms sont exportés",
    );
    /// `reanchor --dry-run`.
    pub const DRY_RUN: Words =
        Words::new("(dry run: nothing written)", "(essai : rien n’est écrit)");
    /// `memo show` without a memo.
    pub const NO_MEMO: Words = Words::new("(no memo)", "(aucun mémo)");
    /// A fraction option out of range.
    pub const OVERLAP_RANGE: Words = Words::new(
        "--min-overlap and --min-coverage must be between 0 and 1",
        "--min-overlap et --min-coverage doivent être entre 0 et 1",
    );
    /// A binary format to a terminal.
    pub const XLSX_NEEDS_OUT: Words = Words::new(
        "XLSX is a binary format: give --out FILE.xlsx",
        "XLSX est un format binaire : donnez --out FICHIER.xlsx",
    );
    /// `code add` without a place.
    pub const GIVE_QUOTE: Words = Words::new(
        "give --quote TEXT, or --start N --end N",
        "donnez --quote TEXTE, ou --start N --end N",
    );
    /// `saturation` with both.
    pub const CODER_OR_CONSENSUS: Words = Words::new(
        "give --coder or --consensus, not both",
        "donnez --coder ou --consensus, pas les deux",
    );

    /// `agreement --min-overlap` out of range.
    pub const MIN_OVERLAP_RANGE: Words = Words::new(
        "--min-overlap must be between 0 and 1",
        "--min-overlap doit être entre 0 et 1",
    );
    /// `agreement --overlap` out of range.
    pub const OVERLAP_SEGMENTS_RANGE: Words = Words::new(
        "--overlap must be above 0 and at most 1",
        "--overlap doit être au-dessus de 0 et au plus 1",
    );
    /// `agreement --min-coverage` out of range.
    pub const MIN_COVERAGE_RANGE: Words = Words::new(
        "--min-coverage must be between 0 and 1",
        "--min-coverage doit être entre 0 et 1",
    );
    /// `similar` without a passage.
    pub const GIVE_CODING_OR_SPAN: Words = Words::new(
        "give --coding ID, or --doc, --start and --end",
        "donnez --coding ID, ou --doc, --start et --end",
    );
    /// `suggest eval` before anyone coded.
    pub const NOTHING_TO_MEASURE: Words = Words::new(
        "no coder has codings yet: nothing to measure",
        "aucun codeur n’a encore de codages : rien à mesurer",
    );

    /// Every fixed message (for the test that each has both languages).
    pub const ALL: &[Words] = &[
        WARNING,
        NOTE,
        REAL_NAMES,
        DRY_RUN,
        NO_MEMO,
        OVERLAP_RANGE,
        XLSX_NEEDS_OUT,
        GIVE_QUOTE,
        CODER_OR_CONSENSUS,
        MIN_OVERLAP_RANGE,
        OVERLAP_SEGMENTS_RANGE,
        MIN_COVERAGE_RANGE,
        GIVE_CODING_OR_SPAN,
        NOTHING_TO_MEASURE,
    ];

    /// `glose: warning: …`.
    pub fn warning(lang: Lang, what: &dyn std::fmt::Display) -> String {
        format!("glose: {}{what}", WARNING.get(lang))
    }

    /// A file was written.
    pub fn wrote(lang: Lang, path: &str) -> String {
        say(
            lang,
            || format!("glose: wrote {path}"),
            || format!("glose: {path} écrit"),
        )
    }

    /// Segments were exported to a file.
    pub fn wrote_segments(lang: Lang, n: usize, path: &str) -> String {
        say(
            lang,
            || format!("glose: wrote {n} segment(s) to {path}"),
            || format!("glose: {n} segment(s) écrit(s) dans {path}"),
        )
    }

    /// A real name left in an export.
    pub fn real_name_left(lang: Lang, name: &str, listed_for: &[String], count: usize) -> String {
        let scope = |for_: &str| match listed_for {
            [] => String::new(),
            l => format!(" ({for_} {})", l.join(", ")),
        };
        say(
            lang,
            || {
                format!(
                    "glose: warning: the real name {name:?}{} still appears {count} time(s) in \
                     the output (inside a longer word, or in a document it is not listed for): \
                     check corpus/pseudonyms.csv",
                    scope("listed for")
                )
            },
            || {
                format!(
                    "glose: attention : le vrai nom {name:?}{} apparaît encore {count} fois dans \
                     la sortie (dans un mot plus long, ou dans un document pour lequel il n’est \
                     pas listé) : vérifiez corpus/pseudonyms.csv",
                    scope("listé pour")
                )
            },
        )
    }

    /// The title of an HTML or Markdown export of segments.
    pub fn segments_title(lang: Lang, study: &str) -> String {
        say(
            lang,
            || format!("Coded segments — {study}"),
            || format!("Segments codés — {study}"),
        )
    }

    /// `code add` done (`note` follows the offsets, such as ", suggested").
    pub fn coding_added(lang: Lang, c: &crate::store::Coding, note: &str, quote: &str) -> String {
        let (id, code, doc, start, end) = (&c.id, &c.code, &c.doc, c.start, c.end);
        say(
            lang,
            || format!("added {id} ({code} on {doc} {start}..{end}{note}) «{quote}»"),
            || format!("ajouté {id} ({code} sur {doc} {start}..{end}{note}) «{quote}»"),
        )
    }

    /// `code rm` done.
    pub fn coding_removed(lang: Lang, c: &crate::store::Coding) -> String {
        let (id, code, doc, start, end) = (&c.id, &c.code, &c.doc, c.start, c.end);
        say(
            lang,
            || format!("removed {id} ({code} on {doc} {start}..{end})"),
            || format!("retiré {id} ({code} sur {doc} {start}..{end})"),
        )
    }

    /// A span coded twice with the same code by one coder.
    pub fn already_coded(lang: Lang, coder: &str, code: &str, id: &str) -> String {
        say(
            lang,
            || format!("{coder} already coded this span with {code} (coding {id})"),
            || format!("{coder} a déjà codé ce passage avec {code} (codage {id})"),
        )
    }

    /// No coding of this coder has the id.
    pub fn no_such_coding(lang: Lang, coder: &str, id: &str) -> String {
        say(
            lang,
            || format!("{coder} has no coding {id:?}"),
            || format!("{coder} n’a pas de codage {id:?}"),
        )
    }

    /// An id prefix shared by several codings.
    pub fn ambiguous_id(lang: Lang, id: &str, n: usize) -> String {
        say(
            lang,
            || format!("{id:?} matches {n} codings: give more of the id"),
            || format!("{id:?} désigne {n} codages : donnez une plus grande part de l’id"),
        )
    }

    /// `codebook migrate` done.
    pub fn migrated(lang: Lang, n: usize, path: &str) -> String {
        say(
            lang,
            || format!("moved {n} codes to the folder format ({path}); no coding changed"),
            || format!("{n} codes passés au format dossier ({path}) ; aucun codage n’a changé"),
        )
    }

    /// A codebook file with problems, not imported.
    pub fn codebook_not_replaced(lang: Lang, n: usize, file: &str) -> String {
        say(
            lang,
            || format!("{n} problem(s) in {file}: the codebook was not replaced"),
            || format!("{n} problème(s) dans {file} : le livre de codes n’a pas été remplacé"),
        )
    }

    /// A codebook import over an existing codebook.
    pub fn codebook_exists(lang: Lang, n: usize) -> String {
        say(
            lang,
            || {
                format!(
                    "the study already has a codebook of {n} codes: give --force to replace it \
                     (codings keep their code ids)"
                )
            },
            || {
                format!(
                    "l’étude a déjà un livre de codes de {n} codes : donnez --force pour le \
                     remplacer (les codages gardent les ids de leurs codes)"
                )
            },
        )
    }

    /// `codebook import` done.
    pub fn imported_codes(lang: Lang, n: usize, path: &str) -> String {
        say(
            lang,
            || format!("imported {n} codes into {path}"),
            || format!("{n} codes importés dans {path}"),
        )
    }

    /// `export qdc` done.
    pub fn exported_codes(lang: Lang, path: &str, n: usize) -> String {
        say(
            lang,
            || format!("Exported {path}: {n} codes"),
            || format!("{path} exporté : {n} codes"),
        )
    }

    /// Warnings of an import or export, printed on stderr.
    pub fn warnings_on_stderr(lang: Lang, n: usize) -> String {
        say(
            lang,
            || format!("{n} warning(s) (on stderr)"),
            || format!("{n} avertissement(s) (sur la sortie d’erreur)"),
        )
    }

    /// A project imported as a new study.
    pub fn new_study(lang: Lang, dir: &str) -> String {
        say(
            lang,
            || format!("New study in {dir}; run `glose --study {dir} check`"),
            || format!("Nouvelle étude dans {dir} ; lancez `glose --study {dir} check`"),
        )
    }

    /// A codebook merged into the study's.
    pub fn merged(lang: Lang, file: &str, added: usize, kept: usize, conflicts: usize) -> String {
        say(
            lang,
            || {
                format!(
                    "Merged {file}: {added} codes added, {kept} already in the codebook (kept as \
                     they are), {conflicts} conflict(s)"
                )
            },
            || {
                format!(
                    "{file} fusionné : {added} codes ajoutés, {kept} déjà dans le livre de codes \
                     (gardés tels quels), {conflicts} conflit(s)"
                )
            },
        )
    }

    /// One code added by a merge.
    pub fn added(lang: Lang, id: &str) -> String {
        say(
            lang,
            || format!("  added {id}"),
            || format!("  ajouté {id}"),
        )
    }

    /// One conflict of a merge.
    pub fn conflict(lang: Lang, what: &str) -> String {
        say(
            lang,
            || format!("  conflict: {what}"),
            || format!("  conflit : {what}"),
        )
    }

    /// An unknown export format.
    pub fn unknown_format(lang: Lang, f: &str) -> String {
        say(
            lang,
            || format!("unknown format {f:?}: use csv, tsv, jsonl, md, html or xlsx"),
            || format!("format inconnu {f:?} : utilisez csv, tsv, jsonl, md, html ou xlsx"),
        )
    }

    /// What an import or export of a project carried.
    pub fn project_summary(lang: Lang, imported: bool, r: &crate::exchange::Report) -> String {
        let file = r.file.display();
        let (d, c, n, m, k) = (r.documents, r.codes, r.codings, r.memos, r.cases);
        let coders = r.coders.len();
        let names = match r.coders.as_slice() {
            [] => String::new(),
            l => format!(" ({})", l.join(", ")),
        };
        say(
            lang,
            || {
                let verb = if imported { "Imported" } else { "Exported" };
                format!(
                    "{verb} {file}: {d} documents, {c} codes, {n} codings by {coders} \
                     coder(s){names}, {m} memos, {k} cases"
                )
            },
            || {
                let verb = if imported { "importé" } else { "exporté" };
                format!(
                    "{file} {verb} : {d} documents, {c} codes, {n} codages par {coders} \
                     codeur(s){names}, {m} mémos, {k} cas"
                )
            },
        )
    }

    /// A transcript imported.
    pub fn transcript_imported(
        lang: Lang,
        t: &crate::exchange::transcripts::AddedTranscript,
    ) -> String {
        let (from, to) = (t.file.display(), t.path.display());
        let (format, n, id) = (&t.format, t.words, &t.id);
        say(
            lang,
            || format!("{from} → {to} ({format}, {n} words, id {id})"),
            || format!("{from} → {to} ({format}, {n} mots, id {id})"),
        )
    }

    /// No coding has this id (any coder's).
    pub fn no_coding_with_id(lang: Lang, id: &str) -> String {
        say(
            lang,
            || format!("no coding with id {id:?}"),
            || format!("aucun codage n’a l’id {id:?}"),
        )
    }

    /// No single coding of this coder matches.
    pub fn no_single_coding(lang: Lang, coder: &str, target: &str) -> String {
        say(
            lang,
            || format!("{coder} has no single coding matching {target:?}"),
            || format!("{coder} n’a pas un seul codage qui corresponde à {target:?}"),
        )
    }

    /// `play --at` that is neither a time nor an offset.
    pub fn bad_play_time(lang: Lang, at: &str, doc: &str, len: usize) -> String {
        say(
            lang,
            || {
                format!(
                    "--at {at:?}: give a time (hh:mm:ss or mm:ss) or a character offset into \
                     {doc} (0..{len})"
                )
            },
            || {
                format!(
                    "--at {at:?} : donnez une heure (hh:mm:ss ou mm:ss) ou une position en \
                     caractères dans {doc} (0..{len})"
                )
            },
        )
    }

    /// A suggestion rejected (`new`: not rejected before).
    pub fn rejected(lang: Lang, new: bool, place: &str, code: &str) -> String {
        match (lang, new) {
            (Lang::En, true) => format!("rejected: {place} will not be suggested for {code} again"),
            (Lang::En, false) => format!("already rejected: {place} for {code}"),
            (Lang::Fr, true) => format!("rejeté : {place} ne sera plus proposé pour {code}"),
            (Lang::Fr, false) => format!("déjà rejeté : {place} pour {code}"),
        }
    }

    /// The coder file was repaired on load.
    pub fn repaired(lang: Lang, what: &str) -> String {
        say(
            lang,
            || format!("glose: repaired {what}"),
            || format!("glose: réparé {what}"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_an_english_and_a_french_text() {
        for w in report::ALL.iter().chain(cli::ALL) {
            assert!(!w.en.trim().is_empty() && !w.fr.trim().is_empty(), "{w:?}");
        }
        // Every pair of the file is listed in an `ALL` (so the loop above sees it).
        let src = include_str!("words.rs");
        let tests = src.find("#[cfg(test)]").unwrap_or(src.len());
        let pairs = src[..tests].matches("Words::new(").count();
        assert_eq!(pairs, report::ALL.len() + cli::ALL.len());
        // And every message function speaks both.
        for lang in Lang::ALL {
            let texts = [
                report::caption_counts(lang, "a"),
                report::agreement_not_computed(lang, "x"),
                report::agreement_units(lang, Some(0.5), "d"),
                report::saturation_missing(lang, "x"),
                report::n_interviews(lang, 3),
                cli::wrote(lang, "r.html"),
                cli::wrote_segments(lang, 2, "s.csv"),
                cli::merged(lang, "f", 1, 2, 3),
            ];
            for t in texts {
                assert!(!t.is_empty());
            }
        }
        assert_eq!(cli::wrote(Lang::Fr, "r.html"), "glose: r.html écrit");
        assert_ne!(
            report::caption_counts(Lang::En, "a"),
            report::caption_counts(Lang::Fr, "a")
        );
    }
}
