//! `glose export qdpx|qdc` apply `corpus/pseudonyms.csv` like every other export: no listed
//! real name leaves glose, codings stay on the same words although names and pseudonyms
//! differ in length, and `--no-pseudonymise` exports real names on request.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::collections::HashMap;

use crate::exchange_support::*;
use glose::export::Pseudonyms;
use glose::refi::read_qdpx;
use glose::store::load_all;
use glose::study::Study;

/// The sample study with the repository's own codings (two coders, memos).
fn coded_sample() -> tempfile::TempDir {
    let study = sample_study();
    let codings = study.path().join("codings");
    std::fs::create_dir_all(&codings).unwrap();
    for e in std::fs::read_dir(repo().join("codings")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), codings.join(e.file_name())).unwrap();
    }
    study
}

fn byte_range(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let at = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    at(start)..at(end)
}

#[test]
fn qdpx_carries_pseudonyms_and_every_coding_stays_on_its_words() {
    let study = coded_sample();
    let out = tempfile::tempdir().unwrap();
    let cp = out.path().join("p.qdpx");
    let json = glose_ok(
        study.path(),
        &["export", "qdpx", "--out", cp.to_str().unwrap(), "--json"],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["pseudonymised"], true);
    let s = Study::open(study.path()).unwrap();
    let pseudonyms = Pseudonyms::load(&Pseudonyms::path(&s)).unwrap();
    assert!(pseudonyms.rules.len() > 100);

    // Nothing listed is left in any entry of the archive: transcripts, names, memos.
    for (name, bytes) in entries(&cp) {
        let text = String::from_utf8(bytes).unwrap();
        let leaks = pseudonyms.scan(&text);
        // What the whole-word matcher cannot replace is reported, never silent.
        for leak in &leaks {
            assert!(
                report["warnings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|w| w["kind"] == "pseudonym-leak"
                        && w["message"].as_str().unwrap().contains(&leak.name)),
                "{name}: {leak:?} not reported"
            );
        }
    }
    let (project, _) = read_qdpx(&cp).unwrap();
    let e01 = s.load_document("E01").unwrap();
    let src = project.sources.iter().find(|x| x.name == "E01").unwrap();
    for real in ["Julie Karam", "Dieulefit", "Lyon"] {
        assert!(e01.text.contains(real), "{real} is in the sample E01");
        assert!(!src.text.contains(real), "{real} left in the exported E01");
    }
    assert!(src.text.contains("[Ville 1]") && src.text.contains("[Amie 1]"));

    // Every coding, found by its GUID, covers exactly the pseudonymised text of its span.
    let all = load_all(&s);
    let mut sel_of: HashMap<String, (&str, usize, usize)> = HashMap::new();
    for source in &project.sources {
        for sel in &source.selections {
            for c in &sel.codings {
                sel_of.insert(
                    c.guid.to_string(),
                    (source.text.as_str(), sel.start, sel.end),
                );
            }
        }
    }
    let mut moved = 0;
    for c in &all.codings {
        let doc = s.load_document(&c.doc).unwrap();
        let expected = pseudonyms
            .for_doc(&c.doc)
            .apply_span(&doc.text, byte_range(&doc.text, c.start, c.end));
        let (text, start, end) = sel_of
            .get(&c.id)
            .unwrap_or_else(|| panic!("coding {} not exported", c.id));
        let got = &text[byte_range(text, *start, *end)];
        assert_eq!(got, expected, "coding {} of {} in {}", c.id, c.coder, c.doc);
        moved += usize::from((*start, *end) != (c.start, c.end));
    }
    assert_eq!(sel_of.len(), all.codings.len());
    assert!(
        moved > 100,
        "only {moved} codings moved: the test does not test offsets"
    );
}

#[test]
fn no_pseudonymise_exports_real_names_and_says_so() {
    let study = coded_sample();
    let out = tempfile::tempdir().unwrap();
    let cp = out.path().join("real.qdpx");
    let run = glose(
        study.path(),
        &[
            "export",
            "qdpx",
            "--out",
            cp.to_str().unwrap(),
            "--no-pseudonymise",
            "--json",
        ],
    );
    assert!(run.status.success());
    // In the study's language or the locale's (#18): either says so.
    let said = glose::words::cli::REAL_NAMES;
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(said.en) || stderr.contains(said.fr),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["pseudonymised"], false);
    let (project, _) = read_qdpx(&cp).unwrap();
    let src = project.sources.iter().find(|x| x.name == "E01").unwrap();
    assert!(src.text.contains("Julie Karam"));
}

#[test]
fn qdc_pseudonymises_labels_and_definitions() {
    let study = sample_study();
    let s = Study::open(study.path()).unwrap();
    // A real name in a code's definition (as an example quote would bring it).
    let code = &s.codebook.codes[0];
    let word = code
        .definition
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.chars().count() > 5)
        .unwrap()
        .to_string();
    let csv = study.path().join("corpus/pseudonyms.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str(&format!("{word},[Nom 99],\n"));
    std::fs::write(&csv, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let qdc = out.path().join("c.qdc");
    glose_ok(
        study.path(),
        &["export", "qdc", "--out", qdc.to_str().unwrap()],
    );
    let xml = std::fs::read_to_string(&qdc).unwrap();
    assert!(xml.contains("[Nom 99]"));
    assert!(
        !xml.contains(&format!(" {word} ")),
        "{word} left in the codebook"
    );
    xmllint(&qdc, "Codebook.xsd");
    glose_ok(
        study.path(),
        &[
            "export",
            "qdc",
            "--out",
            qdc.to_str().unwrap(),
            "--no-pseudonymise",
        ],
    );
    assert!(std::fs::read_to_string(&qdc).unwrap().contains(&word));
}
