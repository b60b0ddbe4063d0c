//! `glose import qdpx|qdc` on every real sample, through the CLI: the new study passes
//! `glose check`, counts match the files, NVivo Windows and Mac agree.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::collections::BTreeMap;
use std::path::Path;

use crate::exchange_support::*;
use glose::store::load_all;
use glose::study::Study;

fn import(sample: &str, into: &Path) -> serde_json::Value {
    let file = fixture(&format!("samples/{sample}"));
    let json = glose_ok(
        into.parent().unwrap(),
        &[
            "import",
            "qdpx",
            file.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
            "--json",
        ],
    );
    serde_json::from_str(&json).unwrap()
}

/// (documents, codes, codings) of a study on disk.
fn counts(root: &Path) -> (usize, usize, usize) {
    let s = Study::open(root).unwrap();
    (
        s.entries.len(),
        s.codebook.codes.len(),
        load_all(&s).codings.len(),
    )
}

// Counts from the XML of each sample (NOTES.md §2 and tests/exchange/refi_samples.rs): NVivo has
// 2 text sources, 152 codes and 303 (Windows) / 297 (Mac) codings, one per selection.
#[test]
fn nvivo_samples_import_and_check() {
    let tmp = tempfile::tempdir().unwrap();
    for (sample, codings) in [
        ("nvivo-win-12.6_oltas0517.qdpx", 303),
        ("nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx", 297),
    ] {
        let dir = tmp.path().join(sample.trim_end_matches(".qdpx"));
        let r = import(sample, &dir);
        assert_eq!(
            (r["documents"].as_u64(), r["codes"].as_u64()),
            (Some(2), Some(152))
        );
        assert_eq!(r["codings"], codings);
        check_passes(&dir);
        assert_eq!(counts(&dir), (2, 152, codings));
        // NVivo exports no colours: every code got a valid one.
        let s = Study::open(&dir).unwrap();
        assert!(s.codebook.codes.iter().all(|c| c.rgb().is_some()));
        // The UTF-16 convention was detected and reported.
        assert!(
            r["warnings"].as_array().unwrap().iter().any(
                |w| w["kind"] == "offsets" && w["message"].as_str().unwrap().contains("UTF-16")
            )
        );
    }
}

/// The same project exported from Windows (BOM, CRLF, UTF-16 offsets) and from Mac gives
/// the same codings with the same quotes: every Mac coding is a Windows coding; Windows
/// has exactly 6 more (the project changed between the two exports; counted
/// independently with Python, see tests/exchange/refi_samples.rs).
#[test]
fn nvivo_windows_and_mac_give_the_same_codings_and_quotes() {
    let tmp = tempfile::tempdir().unwrap();
    let win = tmp.path().join("win");
    let mac = tmp.path().join("mac");
    import("nvivo-win-12.6_oltas0517.qdpx", &win);
    import("nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx", &mac);
    let keyed = |root: &Path| {
        let s = Study::open(root).unwrap();
        let mut out: BTreeMap<(String, String, usize, usize, String), usize> = BTreeMap::new();
        let docs: BTreeMap<String, glose::document::Document> = s
            .entries
            .iter()
            .map(|e| (e.id.clone(), s.load_document(&e.id).unwrap()))
            .collect();
        for c in load_all(&s).codings {
            assert_eq!(docs[&c.doc].slice(c.range()), c.anchor.quote);
            *out.entry((c.doc, c.code, c.start, c.end, c.anchor.quote))
                .or_default() += 1;
        }
        out
    };
    let (w, m) = (keyed(&win), keyed(&mac));
    for (k, n) in &m {
        assert_eq!(w.get(k), Some(n), "Mac coding missing on Windows: {k:?}");
    }
    let extra: usize = w
        .iter()
        .map(|(k, n)| n - m.get(k).copied().unwrap_or(0))
        .sum();
    assert_eq!(extra, 6);
    // Same transcripts, up to the trailing newline the Mac export adds.
    let (sw, sm) = (Study::open(&win).unwrap(), Study::open(&mac).unwrap());
    for e in &sw.entries {
        let a = sw.load_document(&e.id).unwrap().text;
        let b = sm.load_document(&e.id).unwrap().text;
        assert_eq!(a.trim_end(), b.trim_end(), "{}", e.id);
    }
}

/// The spec's ATLAS.ti 8.4 example: its .txt files are missing, so no document is
/// imported (each one reported); its 14 flat codes keep their count, "Coke::diet Coke"
/// and "Coke::full-fat Coke" nested under "Coke"; notes, sets, links and media reported.
#[test]
fn atlas_spec_example_imports_with_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("atlas");
    let r = import("spec-annexA2_atlasti-8.4_TestProject.qdpx", &dir);
    check_passes(&dir);
    assert_eq!(counts(&dir), (0, 14, 0));
    let s = Study::open(&dir).unwrap();
    let kids: Vec<&str> = s.codebook.children("coke").map(|c| c.id.as_str()).collect();
    assert_eq!(kids, ["coke.full-fat-coke", "coke.diet-coke"]);
    assert_eq!(s.codebook.get("coke").unwrap().color, "#966450");
    let messages: Vec<&str> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap())
        .collect();
    for what in [
        "has no text",
        "PDFSource",
        "sets",
        "notes",
        "<Link>",
        "Project.qde",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(what)),
            "{what}: {messages:#?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn import_into_a_link_to_an_empty_folder_fills_that_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    import("nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx", &link);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.join("glose.toml").is_file());
    assert!(counts(&link).0 > 0);
    // A link to nothing is refused, naming the link.
    let dangling = tmp.path().join("dangling");
    std::os::unix::fs::symlink(tmp.path().join("gone"), &dangling).unwrap();
    let sample = fixture("samples/nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx");
    let out = glose(
        tmp.path(),
        &[
            "import",
            "qdpx",
            sample.to_str().unwrap(),
            "--into",
            dangling.to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(err.contains("dangling") && err.contains("link"), "{err}");
}

#[test]
fn import_refuses_a_non_empty_folder_and_hostile_archives() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "x").unwrap();
    let sample = fixture("samples/nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx");
    let out = glose(
        tmp.path(),
        &[
            "import",
            "qdpx",
            sample.to_str().unwrap(),
            "--into",
            tmp.path().to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);

    // Zip slip: refused, naming the archive and the entry; nothing written.
    let evil = tmp.path().join("evil.qdpx");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("project.qde", opts).unwrap();
    std::io::Write::write_all(&mut w, b"<Project name=\"x\"/>").unwrap();
    w.start_file("../../evil.txt", opts).unwrap();
    std::io::Write::write_all(&mut w, b"owned").unwrap();
    w.finish().unwrap();
    let into = tmp.path().join("new");
    let out = glose(
        tmp.path(),
        &[
            "import",
            "qdpx",
            evil.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("evil.qdpx") && err.contains("../../evil.txt"),
        "{err}"
    );
    assert!(!into.exists());
}

#[test]
fn qdc_codebooks_merge_into_the_study() {
    let study = sample_study();
    let root = study.path();
    // ATLAS.ti 9, namespace urn:QDA-XML:codebook:0:4: 5 codes, one not codable, nested.
    let atlas = fixture("samples/atlasti-win-9.0.19_portableQDA_Atlasti.qdc");
    let json = glose_ok(root, &["import", "qdc", atlas.to_str().unwrap(), "--json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["added"].as_array().unwrap().len(), 5, "{r:#}");
    assert!(
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["message"].as_str().unwrap().contains("codebook:0:4"))
    );
    // Its two code groups (Sets) cannot be kept: said, as import qdpx says it.
    assert!(
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["kind"] == "data-loss"
                && w["message"]
                    .as_str()
                    .unwrap()
                    .contains("2 sets (code groups) are not imported")
                && w["message"]
                    .as_str()
                    .unwrap()
                    .contains("codeGroup1::codeGroup1.2")),
        "{r:#}"
    );
    check_passes(root);
    let s = Study::open(root).unwrap();
    assert_eq!(s.codebook.codes.len(), 38 + 5);
    assert_eq!(
        s.codebook.get("code3.code-3-1").unwrap().parent.as_deref(),
        Some("code3")
    );
    // Again: nothing new, every code kept.
    let json = glose_ok(root, &["import", "qdc", atlas.to_str().unwrap(), "--json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["added"].as_array().unwrap().len(), 0);
    assert_eq!(r["kept"].as_array().unwrap().len(), 5);

    // The spec's A.1 codebook (braced GUIDs, an empty <Sets/>): 6 codes added.
    let spec = fixture("samples/spec-annexA1_REFI-QDA-1-5.qdc");
    let json = glose_ok(root, &["import", "qdc", spec.to_str().unwrap(), "--json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["added"].as_array().unwrap().len(), 6, "{r:#}");
    check_passes(root);

    // glose's own export, edited elsewhere: codes found by GUID, differences reported,
    // the study's values kept.
    let qdc = root.join("own.qdc");
    glose_ok(root, &["export", "qdc", "--out", qdc.to_str().unwrap()]);
    let xml = std::fs::read_to_string(&qdc)
        .unwrap()
        .replace("name=\"Publicité payante\"", "name=\"Publicité\"");
    std::fs::write(&qdc, xml).unwrap();
    let before = std::fs::read_to_string(root.join("codebooks/codebook.json")).unwrap();
    let json = glose_ok(root, &["import", "qdc", qdc.to_str().unwrap(), "--json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["added"].as_array().unwrap().len(), 0);
    assert_eq!(r["kept"].as_array().unwrap().len(), 38 + 5 + 6);
    let conflicts = r["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert!(conflicts[0].as_str().unwrap().starts_with("practice.ads:"));
    assert_eq!(
        std::fs::read_to_string(root.join("codebooks/codebook.json")).unwrap(),
        before
    );
}
