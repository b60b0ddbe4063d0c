//! Small studies in temporary folders for the export tests. Codings go through the store
//! (`new_coding` + `CoderStore::apply`) and spans are found by searching the text, never
//! counted by hand.
#![allow(dead_code)]

use std::ops::Range;
use std::path::Path;

use glose::store::{CoderStore, Op, new_coding};
use glose::study::Study;

/// A small codebook: practices, roles and four exclusive stages.
pub const CODEBOOK: &str = r##"{
  "schema_version": 1,
  "name": "test",
  "codes": [
    {"id": "practice", "parent": null, "label_fr": "Pratiques", "label_en": "Practices", "color": "#037DB0"},
    {"id": "practice.ads", "parent": "practice", "label_fr": "Publicité payante", "label_en": "Paid advertising", "color": "#018BCA"},
    {"id": "practice.community", "parent": "practice", "label_fr": "Communauté", "label_en": "Community building", "color": "#319A80"},
    {"id": "practice.community.teasing", "parent": "practice.community", "label_fr": "Teasing", "label_en": "Teasing and anticipation", "color": "#0CA4AE"},
    {"id": "role", "parent": null, "label_fr": "Rôles", "label_en": "Roles", "color": "#BA4520"},
    {"id": "role.sales", "parent": "role", "label_fr": "Ventes", "label_en": "Sales", "color": "#CC4E5F"},
    {"id": "stage", "parent": null, "label_fr": "Étapes", "label_en": "Stages", "color": "#9A8A69", "exclusive": true},
    {"id": "stage.pre-launch", "parent": "stage", "label_fr": "Pré-lancement", "label_en": "Pre-launch", "color": "#929292"},
    {"id": "stage.launch", "parent": "stage", "label_fr": "Lancement", "label_en": "Launch", "color": "#838383"},
    {"id": "stage.growth", "parent": "stage", "label_fr": "Croissance", "label_en": "Growth", "color": "#767676"},
    {"id": "stage.consolidation", "parent": "stage", "label_fr": "Consolidation", "label_en": "Consolidation", "color": "#6A6A6A"}
  ]
}
"##;

/// A growth-stage interview that tells its pre-launch months.
pub const E01: &str = "---\nid: E01\n---\nIntervieweuse : Parlez-moi du début.\n\n[00:01:10] Fondatrice : Avant le lancement, on teasait sur Instagram avec Julie Karam. C’était à Dieulefit, tout petit.\n\nIntervieweuse : Et maintenant ?\n\n[00:05:00] Fondatrice : =HYPERLINK(\"http://evil.example\") Aujourd’hui on achète de la publicité.\n\nEt on vend surtout en ligne.\n";

/// A launch-stage interview.
pub const E02: &str = "---\nid: E02\n---\nIntervieweur : Comment vendez-vous ?\n\nFondateur : -Surtout sur Instagram. Les Dieulefitois nous suivent aussi.\n\nIntervieweur : Merci.\n\nFondateur : @tous merci à vous.\n";

/// An interview without a stage attribute.
pub const E03: &str =
    "---\nid: E03\n---\nQ : Et la publicité ?\n\nR : Jamais de publicité pour l’instant.\n";

pub const CASES: &str = "id,company,sector,stage\nE01,Lin & Sel,mode,growth\nE02,Vélomalin,mobilité,launch\nE03,Sans Étape,mode,\n";

pub const PSEUDONYMS: &str =
    "real,pseudonym,doc\nJulie Karam,[Amie 1],E01\nJulie,[Amie 1],E01\nDieulefit,[Ville 1],E01\n";

/// Writes a study into `dir`.
pub fn write_study(dir: &Path, docs: &[(&str, &str)], cases: &str, pseudonyms: &str) {
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    std::fs::create_dir_all(dir.join("codebooks")).unwrap();
    std::fs::write(
        dir.join("glose.toml"),
        "[study]\nname = \"Étude test\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("codebooks/codebook.json"), CODEBOOK).unwrap();
    for (id, text) in docs {
        std::fs::write(dir.join(format!("corpus/{id}.txt")), text).unwrap();
    }
    std::fs::write(dir.join("corpus/cases.csv"), cases).unwrap();
    if !pseudonyms.is_empty() {
        std::fs::write(dir.join("corpus/pseudonyms.csv"), pseudonyms).unwrap();
    }
}

/// The standard three-interview study, uncoded.
pub fn sample() -> (tempfile::TempDir, Study) {
    let dir = tempfile::tempdir().unwrap();
    write_study(
        dir.path(),
        &[("E01", E01), ("E02", E02), ("E03", E03)],
        CASES,
        PSEUDONYMS,
    );
    let study = Study::open(dir.path()).unwrap();
    (dir, study)
}

/// The char range of the first occurrence of `quote` in `doc`'s body.
pub fn span(study: &Study, doc: &str, quote: &str) -> Range<usize> {
    let d = study.load_document(doc).unwrap();
    let byte = d
        .text
        .find(quote)
        .unwrap_or_else(|| panic!("{quote:?} not in {doc}"));
    d.char_of(byte)..d.char_of(byte + quote.len())
}

/// Codes `range` of `doc` with `code` as `coder`, through the store.
pub fn code_range(
    study: &Study,
    coder: &str,
    doc: &str,
    code: &str,
    range: Range<usize>,
    memo: Option<&str>,
) {
    let d = study.load_document(doc).unwrap();
    let mut store = CoderStore::open(study, coder).unwrap();
    let c = new_coding(&d, code, range, memo.map(str::to_string), coder);
    store.apply(&Op::Add(c)).unwrap();
}

/// Codes the first occurrence of `quote`.
pub fn code(study: &Study, coder: &str, doc: &str, code: &str, quote: &str) {
    code_range(study, coder, doc, code, span(study, doc, quote), None);
}

/// The standard coded study:
/// - alice: E01 pre-launch over the second turn's first sentence, teasing inside it, ads on
///   the formula-like answer (no stage code there), sales in E02 and E03;
/// - bob: E01 pre-launch and launch on two halves, teasing straddling them equally (tie),
///   ads on the same answer as alice.
pub fn coded() -> (tempfile::TempDir, Study) {
    let (dir, study) = sample();
    let s = &study;
    code(
        s,
        "alice",
        "E01",
        "stage.pre-launch",
        "Avant le lancement, on teasait sur Instagram avec Julie Karam.",
    );
    code(
        s,
        "alice",
        "E01",
        "practice.community.teasing",
        "on teasait sur Instagram avec Julie Karam",
    );
    code_range(
        s,
        "alice",
        "E01",
        "practice.ads",
        span(
            s,
            "E01",
            "=HYPERLINK(\"http://evil.example\") Aujourd’hui on achète de la publicité.",
        ),
        Some("-la pub, enfin"),
    );
    code(
        s,
        "alice",
        "E02",
        "role.sales",
        "-Surtout sur Instagram. Les Dieulefitois nous suivent aussi.",
    );
    code(
        s,
        "alice",
        "E02",
        "practice.community",
        "@tous merci à vous.",
    );
    code(
        s,
        "alice",
        "E03",
        "practice.ads",
        "Jamais de publicité pour l’instant.",
    );
    // bob: two stage spans meeting in the middle of the teasing quote.
    let teasing = span(s, "E01", "on teasait sur Instagram avec Julie Karam");
    let mid = (teasing.start + teasing.end) / 2;
    let half = (teasing.end - teasing.start) / 2;
    code_range(s, "bob", "E01", "stage.launch", mid..teasing.end + 20, None);
    code_range(
        s,
        "bob",
        "E01",
        "stage.pre-launch",
        teasing.start - 10..mid,
        None,
    );
    code_range(
        s,
        "bob",
        "E01",
        "practice.community.teasing",
        mid - half..mid + half,
        None,
    );
    code(
        s,
        "bob",
        "E01",
        "practice.ads",
        "Aujourd’hui on achète de la publicité.",
    );
    (dir, study)
}
