//! The command line's messages and the report's headings speak the study's language
//! (#18): glose.toml's `[ui] language` chooses French or English, whatever the locale.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{copy_dir, repo, sample_study};

/// The sample study with its codings (two coders, so agreement and saturation are drawn).
fn coded_sample() -> tempfile::TempDir {
    let dir = sample_study();
    copy_dir(&repo().join("codings"), &dir.path().join("codings"));
    dir
}

/// Sets `[ui] language` in the study's glose.toml.
fn speak(dir: &Path, lang: &str) {
    let toml = dir.join("glose.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text = match text.find("\n[ui]") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    std::fs::write(&toml, format!("{text}\n[ui]\nlanguage = \"{lang}\"\n")).unwrap();
}

/// Runs glose on `dir` with a locale of the other language, so that only glose.toml can
/// explain the language of what it says.
fn glose(dir: &Path, locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glose"))
        .arg("--study")
        .arg(dir)
        .args(args)
        .env_remove("GLOSE_CODER")
        .env("LC_ALL", locale)
        .output()
        .unwrap()
}

fn report(dir: &Path, locale: &str) -> (String, String) {
    let page = dir.join("r.html");
    let o = glose(dir, locale, &["report", "--out", page.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    (std::fs::read_to_string(&page).unwrap(), stderr)
}

/// Headings, captions and table headers of the report in each language (none of the
/// other's), the same bytes when built again.
#[test]
fn the_reports_headings_follow_glose_toml() {
    let dir = coded_sample();
    let pairs = [
        ("<html lang=\"en\">", "<html lang=\"fr\">"),
        ("<h2>Codes by stage</h2>", "<h2>Codes par étape</h2>"),
        ("<th>Stage</th>", "<th>Étape</th>"),
        (">Total (all codes)</th>", ">Total (tous les codes)</th>"),
        ("Colour scale: ", "Échelle de couleurs : "),
        (
            "<caption id=\"heatmap-caption\">Each cell counts",
            "<caption id=\"heatmap-caption\">Chaque cellule compte",
        ),
        (
            "<th>Krippendorff&#39;s α</th>",
            "<th>α de Krippendorff</th>",
        ),
        ("<th>% agreement</th>", "<th>% d’accord</th>"),
        (
            "<h2>Methods: inter-coder agreement</h2>",
            "<h2>Méthode : accord inter-codeurs</h2>",
        ),
        ("interviews</text>", "entretiens</text>"),
        ("A segment&#39;s stage is", "L’étape d’un segment est"),
        ("<p class=\"memo\">Memo: ", "<p class=\"memo\">Mémo : "),
        ("Fondatrice, turn ", "Fondatrice, tour "),
    ];
    speak(dir.path(), "fr");
    let (fr, said_fr) = report(dir.path(), "en_US.UTF-8");
    speak(dir.path(), "en");
    let (en, said_en) = report(dir.path(), "fr_FR.UTF-8");
    for (e, f) in pairs {
        assert!(en.contains(e) && !fr.contains(e), "{e}");
        assert!(fr.contains(f) && !en.contains(f), "{f}");
    }
    assert!(said_en.contains("glose: wrote "), "{said_en}");
    assert!(said_fr.contains(" écrit"), "{said_fr}");
    speak(dir.path(), "fr");
    let (again, _) = report(dir.path(), "fr_FR.UTF-8");
    assert!(
        again == fr,
        "the same study and language give the same page"
    );
}

/// A message and an error of the command line in each language; `--json` stays the same.
#[test]
fn cli_messages_follow_glose_toml() {
    let dir = sample_study();
    let bad = ["report", "--min-overlap", "2"];
    speak(dir.path(), "fr");
    let o = glose(dir.path(), "en_US.UTF-8", &bad);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "glose: --min-overlap et --min-coverage doivent être entre 0 et 1\n"
    );
    let o = glose(
        dir.path(),
        "en_US.UTF-8",
        &["export", "segments", "--format", "odt"],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("format inconnu \"odt\""), "{stderr}");
    let out = dir.path().join("s.csv");
    let o = glose(
        dir.path(),
        "en_US.UTF-8",
        &["export", "segments", "--out", out.to_str().unwrap()],
    );
    let fr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(fr.contains("segment(s) écrit(s) dans"), "{fr}");
    let json = |locale: &str| glose(dir.path(), locale, &["check", "--json"]).stdout;
    let fr_json = json("en_US.UTF-8");

    speak(dir.path(), "en");
    let o = glose(dir.path(), "fr_FR.UTF-8", &bad);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "glose: --min-overlap and --min-coverage must be between 0 and 1\n"
    );
    let o = glose(
        dir.path(),
        "fr_FR.UTF-8",
        &["export", "segments", "--out", out.to_str().unwrap()],
    );
    let en = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        en.contains("glose: wrote ") && en.contains(" segment(s) to "),
        "{en}"
    );
    assert_eq!(
        json("fr_FR.UTF-8"),
        fr_json,
        "JSON is a machine format: one language"
    );
}

/// Without `[ui] language`, the locale chooses (then the study's language).
#[test]
fn without_glose_toml_the_locale_chooses() {
    let dir = sample_study();
    let bad = ["report", "--min-overlap", "2"];
    let o = glose(dir.path(), "en_US.UTF-8", &bad);
    assert!(String::from_utf8_lossy(&o.stderr).contains("must be between"));
    let o = glose(dir.path(), "fr_FR.UTF-8", &bad);
    assert!(String::from_utf8_lossy(&o.stderr).contains("doivent être entre"));
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The index's summary, the tables' headers and the Markdown export's own words in each
/// language, chosen by glose.toml against the opposite locale.
#[test]
fn tables_index_and_exports_follow_glose_toml() {
    let dir = coded_sample();
    let run = |lang: &str, args: &[&str]| {
        speak(dir.path(), lang);
        let locale = if lang == "fr" {
            "en_US.UTF-8"
        } else {
            "fr_FR.UTF-8"
        };
        stdout(&glose(dir.path(), locale, args))
    };
    let built = run("fr", &["index"]);
    assert!(
        built.contains("Index construit dans .glose/index : il n’y avait pas encore d’index."),
        "{built}"
    );
    assert!(run("fr", &["index"]).starts_with("À jour : 0 ajouté(s)"));
    assert!(run("en", &["index"]).starts_with("Up to date: 0 added"));
    let header = |text: String| text.lines().next().unwrap_or_default().to_string();
    let fr = header(run("fr", &["codebook", "show"]));
    let en = header(run("en", &["codebook", "show"]));
    assert!(
        fr.contains("libellé (fr)") && fr.contains("couleur"),
        "{fr}"
    );
    assert!(en.contains("label (fr)") && en.contains("colour"), "{en}");
    let fr = header(run("fr", &["matrix", "--measure", "documents"]));
    let en = header(run("en", &["matrix", "--measure", "documents"]));
    assert!(
        fr.starts_with("code ") && fr.ends_with("total (distincts)"),
        "{fr}"
    );
    assert!(en.ends_with("total (distinct)"), "{en}");
    let md = |lang| {
        run(
            lang,
            &[
                "export",
                "segments",
                "--codes",
                "role.sales",
                "--format",
                "md",
            ],
        )
    };
    let (fr, en) = (md("fr"), md("en"));
    assert!(
        fr.contains(" ; codeurs : coder-a, coder-b ; groupés par stage."),
        "{fr}"
    );
    assert!(
        en.contains("; coders: coder-a, coder-b; grouped by stage."),
        "{en}"
    );
    assert!(fr.contains("*Mémo :* ") && !fr.contains("*Memo:*"), "{fr}");
    let fr = run("fr", &["memo", "list", "--code", "role.sales"]);
    let en = run("en", &["memo", "list", "--code", "role.sales"]);
    assert!(fr.contains("── codage ") && fr.contains(" sur E"), "{fr}");
    assert!(en.contains("── coding ") && en.contains(" on E"), "{en}");
}

/// Runs glose in `lang` (by glose.toml, against the other language's locale) and returns
/// its stdout.
fn said(dir: &Path, lang: &str, args: &[&str]) -> String {
    speak(dir, lang);
    let locale = if lang == "fr" {
        "en_US.UTF-8"
    } else {
        "fr_FR.UTF-8"
    };
    stdout(&glose(dir, locale, args))
}

/// `glose check`'s summary tables and verdict in each language; `--json` is the same.
#[test]
fn checks_summary_follows_glose_toml() {
    let dir = sample_study();
    let fr = said(dir.path(), "fr", &["check"]);
    let en = said(dir.path(), "en", &["check"]);
    let english = [
        "Study: ",
        " words ",
        " turns ",
        "sentences",
        "Turn layouts: ",
        "code group",
        "error(s)",
        "the study is sound",
    ];
    for e in english {
        assert!(en.contains(e), "{e} in\n{en}");
        assert!(!fr.contains(e), "{e} in\n{fr}");
    }
    for f in [
        "Étude : ",
        "\nétape ",
        " mots ",
        "Mises en forme des tours : ",
        "phrases",
        "groupe de codes",
        "0 erreur(s), ",
        "l’étude est saine",
    ] {
        assert!(fr.contains(f), "{f} in\n{fr}");
    }
    // English is what it was: the verdict's exact line.
    assert!(
        en.lines()
            .any(|l| l.starts_with("0 error(s), ") && l.ends_with(": the study is sound")),
        "{en}"
    );
    let json_fr = said(dir.path(), "fr", &["check", "--json"]);
    let json_en = said(dir.path(), "en", &["check", "--json"]);
    assert_eq!(json_fr, json_en, "JSON is a machine format: one language");
}

/// `glose agreement`'s design and unit lines, table headers, definitions and reading in
/// each language (coefficients' short names alike); `--json` is the same.
#[test]
fn agreements_tables_follow_glose_toml() {
    let dir = coded_sample();
    let args = ["agreement", "--bootstrap", "50"];
    let fr = said(dir.path(), "fr", &args);
    let en = said(dir.path(), "en", &args);
    let pairs = [
        ("Compared: 2 coders (", "Comparés : 2 codeurs ("),
        ("Unit: sentence", "Unité : phrase"),
        (
            "alpha 95% CI (unit bootstrap)",
            "IC 95 % d’alpha (bootstrap des unités)",
        ),
        ("% agree = ", "% accord = "),
        ("prev = share of ratings", "prév = part des jugements"),
        (
            "Interval: percentile",
            "Intervalle : intervalle des percentiles",
        ),
        ("Reading (Krippendorff: ", "Lecture (Krippendorff : "),
    ];
    for (e, f) in pairs {
        assert!(en.contains(e) && !fr.contains(e), "{e} in\n{en}\n{fr}");
        assert!(fr.contains(f) && !en.contains(f), "{f} in\n{fr}");
    }
    let header = |text: &str| {
        let line = text.lines().find(|l| l.starts_with("code "));
        line.unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (fr, en) = (header(&fr), header(&en));
    assert!(
        en.starts_with("code units prev % agree cohen κ scott π fleiss κ alpha AC1 BP"),
        "{en}"
    );
    assert!(
        fr.starts_with("code unités prév % accord κ de cohen π de scott κ de fleiss alpha AC1 BP"),
        "{fr}"
    );
    let header = |text: &str| {
        let line = text.lines().find(|l| l.starts_with("code "));
        let words: Vec<&str> = line.unwrap_or_default().split_whitespace().collect();
        words.join(" ")
    };
    let (fr, en) = (header(&fr), header(&en));
    let en_header = "code units prev % agree cohen κ scott π fleiss κ alpha AC1 BP";
    let fr_header = "code unités prév % accord κ de cohen π de scott κ de fleiss alpha AC1 BP";
    assert!(en.starts_with(en_header), "{en}");
    assert!(fr.starts_with(fr_header), "{fr}");
    let seg = ["agreement", "--unit", "segment"];
    let fr = said(dir.path(), "fr", &seg);
    let en = said(dir.path(), "en", &seg);
    assert!(fr.contains("Segments de coder-a et coder-b sur "), "{fr}");
    assert!(
        fr.contains(" accords ") && fr.contains("P observé "),
        "{fr}"
    );
    assert!(en.contains("Segments of coder-a and coder-b on "), "{en}");
    assert!(
        en.contains(" agreements ") && !fr.contains(" agreements "),
        "{en}"
    );
    let dis = ["agreement", "--disagreements", "--code", "role.sales"];
    let fr = said(dir.path(), "fr", &dis);
    let en = said(dir.path(), "en", &dis);
    assert!(
        fr.starts_with("doc ") && fr.contains(" unité ") && fr.contains(" texte\n"),
        "{fr}"
    );
    assert!(fr.trim_end().ends_with(" désaccord(s)"), "{fr}");
    assert!(
        en.contains(" unit ") && en.trim_end().ends_with(" disagreement(s)"),
        "{en}"
    );
    assert!(
        !fr.contains(" unit ") && !fr.contains("disagreement"),
        "{fr}"
    );
    let json = |lang| said(dir.path(), lang, &["agreement", "--json"]);
    assert_eq!(
        json("fr"),
        json("en"),
        "JSON is a machine format: one language"
    );
}

/// `glose saturation`'s rule line and table headers in each language; `--json` is the
/// same.
#[test]
fn saturations_text_follows_glose_toml() {
    let dir = coded_sample();
    let args = ["saturation", "--bands", "20"];
    let fr = said(dir.path(), "fr", &args);
    let en = said(dir.path(), "en", &args);
    let pairs = [
        (
            ": base 4, run 2, threshold ≤5%; interviews ordered by ",
            " : base 4, série 2, seuil ≤5 % ; entretiens ordonnés par ",
        ),
        (
            "Not counted (exclusive groups): stage.",
            "Non comptés (groupes exclusifs) : stage.",
        ),
        ("band 5–95%", "bande 5–95 %"),
    ];
    for (e, f) in pairs {
        assert!(en.contains(e) && !fr.contains(e), "{e} in\n{en}\n{fr}");
        assert!(fr.contains(f) && !en.contains(f), "{f} in\n{fr}");
    }
    let header = |text: &str| {
        let line = text.lines().find(|l| l.starts_with("# "));
        let words: Vec<&str> = line.unwrap_or_default().split_whitespace().collect();
        words.join(" ")
    };
    assert_eq!(
        header(&en),
        "# interview order codes new cumulative band 5–95%"
    );
    assert_eq!(
        header(&fr),
        "# entretien ordre codes nouveaux cumul bande 5–95 %"
    );
    let json = |lang| said(dir.path(), lang, &["saturation", "--bands", "20", "--json"]);
    assert_eq!(
        json("fr"),
        json("en"),
        "JSON is a machine format: one language"
    );
}
