//! The command line's messages (on stderr, or the summary lines on stdout). The prefix
//! `glose:` (the program's name, the same in both) and the file names, ids and numbers they
//! quote are the same in both.

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
pub const DRY_RUN: Words = Words::new("(dry run: nothing written)", "(essai : rien n’est écrit)");
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

/// `glose index` had to build the index (`reason`: the core's, in English).
pub fn index_built(lang: Lang, dir: &str, reason: &str) -> String {
    say(
        lang,
        || format!("Built the index in {dir} because {reason}."),
        || format!("Index construit dans {dir} : {}.", index_reason_fr(reason)),
    )
}

/// The core's usual reasons for a rebuild in French; any other stays as the core says it.
fn index_reason_fr(reason: &str) -> &str {
    match reason {
        "there was no index yet" => "il n’y avait pas encore d’index",
        "asked for" => "demandé",
        "the study's settings changed" => "les réglages de l’étude ont changé",
        "its manifest was missing or unreadable" => "son manifeste manquait ou était illisible",
        other => other,
    }
}

/// A transcript the index left out (`what`: the core's, in English).
pub fn index_skipped(lang: Lang, what: &str) -> String {
    say(
        lang,
        || format!("skipped: {what}"),
        || format!("ignoré : {what}"),
    )
}

/// What an update of the index did.
pub fn index_summary(lang: Lang, s: &crate::search::IndexStats) -> String {
    let (a, u, r, n) = (s.added, s.updated, s.removed, s.unchanged);
    let (p, w, ms) = (s.passages, s.passages_written, s.millis);
    let changed = a + u + r > 0;
    say(
        lang,
        || {
            let what = if changed { "Updated" } else { "Up to date" };
            format!(
                "{what}: {a} added, {u} updated, {r} removed, {n} unchanged; {p} passages \
                 ({w} written) in {ms} ms"
            )
        },
        || {
            let what = if changed { "Mis à jour" } else { "À jour" };
            format!(
                "{what} : {a} ajouté(s), {u} mis à jour, {r} retiré(s), {n} inchangé(s) ; \
                 {p} passages ({w} écrits) en {ms} ms"
            )
        },
    )
}
