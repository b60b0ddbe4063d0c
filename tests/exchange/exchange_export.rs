//! `glose export qdpx|qdc`: files that validate against the REFI-QDA schemas, with
//! every transcript as plain UTF-8 text and offsets in the unit asked for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use crate::exchange_support::*;

fn qde(archive: &std::path::Path, dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let (_, bytes) = entries(archive)
        .into_iter()
        .find(|(n, _)| n == "project.qde")
        .expect("project.qde in the archive");
    let path = dir.join(format!(
        "{}.qde",
        archive.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::write(&path, &bytes).unwrap();
    (path, String::from_utf8(bytes).unwrap())
}

#[test]
fn qdpx_validates_and_carries_every_transcript() {
    let study = sample_study();
    add_emoji_doc(study.path());
    add_codings(study.path());
    check_passes(study.path());
    let out = tempfile::tempdir().unwrap();
    let cp = out.path().join("cp.qdpx");
    let json = glose_ok(
        study.path(),
        &["export", "qdpx", "--out", cp.to_str().unwrap(), "--json"],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["documents"], 19);
    assert_eq!(report["codes"], 38);
    assert_eq!(report["codings"], 7);
    assert_eq!(report["cases"], 19);
    assert_eq!(report["coders"], serde_json::json!(["alice", "bob"]));
    // The emoji document makes code points and UTF-16 units differ: glose says so.
    let offsets: Vec<&serde_json::Value> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "offsets")
        .collect();
    assert_eq!(offsets.len(), 1, "{report:#}");
    assert!(offsets[0]["message"].as_str().unwrap().contains("E19"));

    let (path, xml) = qde(&cp, out.path());
    xmllint(&path, "Project-mrt2019.xsd");
    assert_eq!(xml.matches("<TextSource ").count(), 19);
    assert_eq!(xml.matches("<Coding ").count(), 7);
    assert_eq!(xml.matches("<User ").count(), 2);
    assert_eq!(xml.matches("<Case ").count(), 19);
    // Memos: one on a coding, two on E01 (one per coder), one on a code.
    assert_eq!(xml.matches("<Note ").count(), 4);
    // Sources: sources/<guid>.txt, UTF-8 without BOM, LF only, bodies as glose reads them.
    let texts: Vec<(String, Vec<u8>)> = entries(&cp)
        .into_iter()
        .filter(|(n, _)| n != "project.qde")
        .collect();
    assert_eq!(texts.len(), 19);
    let opened = glose::study::Study::open(study.path()).unwrap();
    let e03 = opened.load_document("E03").unwrap();
    // With corpus/pseudonyms.csv applied, as every export does by default.
    let pseudonyms =
        glose::export::Pseudonyms::load(&glose::export::Pseudonyms::path(&opened)).unwrap();
    let e03_body = pseudonyms.for_doc("E03").apply(&e03.text).into_owned();
    assert_ne!(e03_body, e03.text, "E03 has names to replace");
    let mut found = false;
    for (name, bytes) in &texts {
        assert!(
            name.starts_with("sources/") && name.ends_with(".txt"),
            "{name}"
        );
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(
            !text.starts_with('\u{feff}') && !text.contains('\r'),
            "{name}"
        );
        found |= text == e03_body;
    }
    assert!(
        found,
        "E03's pseudonymised body is one of the sources, byte for byte"
    );

    // UTF-16 offsets: only the coding of E19 moves.
    let u16 = out.path().join("u16.qdpx");
    glose_ok(
        study.path(),
        &[
            "export",
            "qdpx",
            "--out",
            u16.to_str().unwrap(),
            "--offsets",
            "utf16",
        ],
    );
    let (path16, xml16) = qde(&u16, out.path());
    xmllint(&path16, "Project-mrt2019.xsd");
    let positions = |xml: &str| -> Vec<(i64, i64)> {
        xml.split("<PlainTextSelection ")
            .skip(1)
            .map(|s| {
                let attr = |k: &str| -> i64 {
                    let i = s.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                    s[i..].split('"').next().unwrap().parse().unwrap()
                };
                (attr("startPosition"), attr("endPosition"))
            })
            .collect()
    };
    let (a, b) = (positions(&xml), positions(&xml16));
    assert_eq!(a.len(), b.len());
    let shifted: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    // "Oui" comes after one 🙂 (one extra UTF-16 unit); the span "Oui 🎉🎉" holds two more.
    assert_eq!(shifted.len(), 1, "{shifted:?}");
    let ((s, e), (s16, e16)) = shifted[0];
    assert_eq!((s16 - s, e16 - e), (1, 3));
}

#[test]
fn exports_are_stable_across_runs() {
    let study = sample_study();
    add_codings(study.path());
    let out = tempfile::tempdir().unwrap();
    let one = out.path().join("one.qdpx");
    let two = out.path().join("two.qdpx");
    glose_ok(
        study.path(),
        &["export", "qdpx", "--out", one.to_str().unwrap()],
    );
    glose_ok(
        study.path(),
        &["export", "qdpx", "--out", two.to_str().unwrap()],
    );
    assert_eq!(entries(&one), entries(&two));
}

#[test]
fn qdc_validates_against_the_codebook_schema() {
    let study = sample_study();
    let out = tempfile::tempdir().unwrap();
    let qdc = out.path().join("codebook.qdc");
    let json = glose_ok(
        study.path(),
        &["export", "qdc", "--out", qdc.to_str().unwrap(), "--json"],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["codes"], 38);
    xmllint(&qdc, "Codebook.xsd");
    let xml = std::fs::read_to_string(&qdc).unwrap();
    assert_eq!(xml.matches("<Code ").count(), 38);
    assert!(xml.contains("name=\"Construction de communauté\""));
    assert!(xml.contains("color=\"#319A80\""));
}

/// A shared lab folder: an exported project keeps the mode of the file it replaces, and a
/// new one gets the umask's mode like any program's file, never a private 0600.
#[cfg(unix)]
#[test]
fn qdpx_and_qdc_keep_an_existing_mode_and_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let study = sample_study();
    let out = tempfile::tempdir().unwrap();
    let plain = out.path().join("plain");
    std::fs::write(&plain, "x").unwrap();
    for (kind, name) in [("qdpx", "m.qdpx"), ("qdc", "m.qdc")] {
        let path = out.path().join(name);
        glose_ok(
            study.path(),
            &["export", kind, "--out", path.to_str().unwrap()],
        );
        assert_eq!(
            mode(&path),
            mode(&plain),
            "{kind}: a new file follows the umask"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        glose_ok(
            study.path(),
            &["export", kind, "--out", path.to_str().unwrap()],
        );
        assert_eq!(
            mode(&path),
            0o664,
            "{kind}: the replaced file's mode is kept"
        );
    }
}
