//! `glose import transcript`: each fixture becomes a transcript with a header and a
//! `cases.csv` row, the study still passes `glose check`, and nothing is ever replaced.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::PathBuf;

use crate::exchange_support::*;
use glose::cases::Cases;
use glose::study::Study;

fn fixtures() -> Vec<PathBuf> {
    let dir = repo().join("tests/fixtures/import");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "py"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 7);
    files
}

#[test]
fn every_fixture_imports_into_a_study_that_checks() {
    for file in fixtures() {
        let study = sample_study();
        let root = study.path();
        let json = glose_ok(
            root,
            &[
                "import",
                "transcript",
                file.to_str().unwrap(),
                "--stage",
                "launch",
                "--json",
            ],
        );
        let r: serde_json::Value = serde_json::from_str(&json).unwrap();
        let added = &r["added"][0];
        let id = added["id"].as_str().unwrap().to_string();
        let stem = file.file_stem().unwrap().to_str().unwrap();
        assert_eq!(id, stem, "{}", file.display());
        check_passes(root);
        let s = Study::open(root).unwrap();
        let entry = s.entry(&id).unwrap();
        assert_eq!(entry.header.get("title"), Some(stem));
        assert_eq!(entry.header.get("language"), Some("fr"));
        let doc = s.load_document(&id).unwrap();
        assert!(doc.word_count() > 3, "{}: {:?}", file.display(), doc.text);
        let (cases, problems) = Cases::load(&root.join("corpus/cases.csv"));
        assert!(problems.is_empty());
        let row = cases.get(&id).unwrap();
        assert_eq!(row.values["stage"], "launch");
        assert_eq!(row.values["language"], "fr");
        assert_eq!(row.values["company"], "");
        assert_eq!(cases.rows.len(), 19);
    }
}

#[test]
fn legacy_encodings_are_decoded() {
    let study = sample_study();
    let dir = repo().join("tests/fixtures/import");
    let files = ["ancien-cp1252.txt", "ancien-utf16le.txt"].map(|f| dir.join(f));
    let json = glose_ok(
        study.path(),
        &[
            "import",
            "transcript",
            files[0].to_str().unwrap(),
            files[1].to_str().unwrap(),
            "--json",
        ],
    );
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    let formats: Vec<&str> = r["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["format"].as_str().unwrap())
        .collect();
    assert!(formats[0].contains("1252"), "{formats:?}");
    assert!(formats[1].contains("UTF-16"), "{formats:?}");
    check_passes(study.path());
    let s = Study::open(study.path()).unwrap();
    for id in ["ancien-cp1252", "ancien-utf16le"] {
        let text = s.load_document(id).unwrap().text;
        assert!(text.contains('é') || text.contains('è'), "{id}: {text}");
    }
}

#[test]
fn nothing_is_replaced_and_failures_write_nothing() {
    let study = sample_study();
    let root = study.path();
    let cases_before = std::fs::read(root.join("corpus/cases.csv")).unwrap();
    let e03_before = std::fs::read(root.join("corpus/E03.txt")).unwrap();
    let tmp = tempfile::tempdir().unwrap();

    // A file named like an existing document is refused.
    let e03 = tmp.path().join("E03.srt");
    std::fs::copy(repo().join("tests/fixtures/import/entretien.srt"), &e03).unwrap();
    let out = glose(root, &["import", "transcript", e03.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E03") && err.contains("already used"), "{err}");

    // One bad file among good ones: nothing is written.
    let bad = tmp.path().join("casse.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    let good = repo().join("tests/fixtures/import/entretien.docx");
    let out = glose(
        root,
        &[
            "import",
            "transcript",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("casse.docx"));

    // An unknown stage is refused.
    let out = glose(
        root,
        &[
            "import",
            "transcript",
            good.to_str().unwrap(),
            "--stage",
            "lancement",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pre-launch"));

    assert_eq!(
        std::fs::read(root.join("corpus/cases.csv")).unwrap(),
        cases_before
    );
    assert_eq!(
        std::fs::read(root.join("corpus/E03.txt")).unwrap(),
        e03_before
    );
    assert!(!root.join("corpus/entretien.txt").exists());
    assert_eq!(Study::open(root).unwrap().entries.len(), 18);

    // Two files with the same name in one import get distinct ids.
    let srt = repo().join("tests/fixtures/import/entretien.srt");
    let json = glose_ok(
        root,
        &[
            "import",
            "transcript",
            good.to_str().unwrap(),
            srt.to_str().unwrap(),
            "--json",
        ],
    );
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["added"][0]["id"], "entretien");
    assert_eq!(r["added"][1]["id"], "entretien-2");
    check_passes(root);
}

/// Imports `file`, codes the passage `quote` with the CLI and exports the segments:
/// returns the `import` report's format line and the exported record.
fn import_code_export(file: &str, quote: &str) -> (String, String, serde_json::Value) {
    let study = sample_study();
    let root = study.path();
    let path = repo().join("tests/fixtures/layouts").join(file);
    let json = glose_ok(
        root,
        &["import", "transcript", path.to_str().unwrap(), "--json"],
    );
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    let id = r["added"][0]["id"].as_str().unwrap().to_string();
    let format = r["added"][0]["format"].as_str().unwrap().to_string();
    glose_ok(
        root,
        &[
            "code",
            "add",
            "--coder",
            "alice",
            "--doc",
            &id,
            "--code",
            "practice.platform-choice",
            "--quote",
            quote,
        ],
    );
    check_passes(root);
    let check = glose_ok(root, &["check"]);
    let out = glose_ok(
        root,
        &[
            "export", "segments", "--format", "jsonl", "--coder", "alice",
        ],
    );
    let record = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["document"] == id.as_str() || v["doc"] == id.as_str())
        .unwrap_or_else(|| panic!("no exported segment of {id}: {out}"));
    (format, check, record)
}

#[test]
fn every_layout_keeps_speaker_and_time_through_import_code_export() {
    let cases = [
        (
            "label.txt",
            "installée dans la Drôme",
            "`Label : text`",
            "Fondatrice",
            None,
        ),
        (
            "time-label.txt",
            "installée dans la Drôme",
            "`[hh:mm:ss] Label : text`",
            "Fondatrice",
            Some("00:00:09"),
        ),
        (
            "label-time.txt",
            "Instagram, surtout",
            "`Label (hh:mm:ss): text`",
            "Fondatrice",
            Some("00:01:34"),
        ),
        (
            "otter.txt",
            "1,400 followers",
            "speaker lines",
            "Jane Doe",
            Some("00:00:13"),
        ),
        (
            "zoom.vtt",
            "newsletter took off",
            "`[hh:mm:ss] Label : text`",
            "Sam Carter",
            Some("00:00:09"),
        ),
        (
            "teams.vtt",
            "la boutique en ligne",
            "`[hh:mm:ss] Label : text`",
            "Léa Martin",
            Some("00:00:08"),
        ),
        (
            "speakers.srt",
            "Cinquante euros",
            "`[hh:mm:ss] Label : text`",
            "Fondateur",
            Some("00:00:06"),
        ),
    ];
    for (file, quote, layout, speaker, time) in cases {
        let (format, check, record) = import_code_export(file, quote);
        assert!(format.contains(layout), "{file}: {format}");
        // The sample study's 18 transcripts use `Label : text`; check names both layouts.
        let layouts = check
            .lines()
            .find(|l| l.starts_with("Turn layouts:"))
            .unwrap_or_else(|| panic!("{check}"));
        assert!(layouts.contains(layout), "{file}: {layouts}");
        assert_eq!(record["speaker"], speaker, "{file}: {record}");
        match time {
            Some(t) => assert_eq!(record["timestamp"], t, "{file}: {record}"),
            None => assert!(record["timestamp"].is_null(), "{file}: {record}"),
        }
    }
}

#[test]
fn the_language_is_given_guessed_or_the_study_default_with_a_warning() {
    let study = sample_study();
    let root = study.path();
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let german = write(
        "gruenderin.txt",
        "Interviewer : Wie haben Sie Ihre ersten Kunden gefunden?\n\nGründerin : Durch Mundpropaganda, und die sozialen Netzwerke kamen später. Das Team ist klein, aber es arbeitet sehr viel.\n",
    );
    let short = write("court.txt", "Intervieweuse : Oui ?\n\nFondatrice : Ok.\n");
    let given = write(
        "given.txt",
        "Interviewer : How did you start?\n\nFounder : With three customers and a lot of patience.\n",
    );
    let json = glose_ok(root, &["import", "transcript", &german, &short, "--json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    let warnings = r["warnings"].to_string();
    assert!(
        warnings.contains("court.txt: the language is unsure"),
        "{warnings}"
    );
    assert!(
        !warnings.contains("gruenderin.txt: the language"),
        "{warnings}"
    );
    glose_ok(
        root,
        &["import", "transcript", &given, "--language", "it", "--json"],
    );
    let s = Study::open(root).unwrap();
    let lang = |id: &str| {
        s.entry(id)
            .unwrap()
            .header
            .get("language")
            .map(String::from)
    };
    assert_eq!(lang("gruenderin").as_deref(), Some("de"));
    assert_eq!(lang("court").as_deref(), Some("fr"));
    assert_eq!(lang("given").as_deref(), Some("it"));
    check_passes(root);
}
