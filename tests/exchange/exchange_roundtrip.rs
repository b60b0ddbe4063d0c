//! glose → .qdpx → glose keeps every document, code, coding, memo and attribute, in both
//! offset units.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::collections::BTreeSet;
use std::path::Path;

use crate::exchange_support::*;
use glose::store::{MemoTarget, load_all};
use glose::study::Study;

type CodingKey = (String, String, String, usize, usize, String, Option<String>);

fn codings(study: &Study) -> BTreeSet<CodingKey> {
    let all = load_all(study);
    assert!(all.problems.is_empty(), "{:?}", all.problems);
    all.codings
        .into_iter()
        .map(|c| {
            assert_eq!(
                c.anchor.quote,
                study.load_document(&c.doc).unwrap().slice(c.range())
            );
            (c.id, c.coder, c.doc, c.start, c.end, c.code, c.memo)
        })
        .collect()
}

fn memos(study: &Study) -> BTreeSet<(String, MemoTarget, String, String)> {
    load_all(study)
        .memos
        .into_iter()
        .map(|(coder, m)| (coder, m.target, m.text, m.id))
        .collect()
}

fn round_trip(original: &Path, unit: &str) {
    let out = tempfile::tempdir().unwrap();
    let qdpx = out.path().join("study.qdpx");
    glose_ok(
        original,
        &[
            "export",
            "qdpx",
            "--out",
            qdpx.to_str().unwrap(),
            "--offsets",
            unit,
            // Real names kept: a lossless round trip (pseudonyms: exchange_pseudonyms.rs).
            "--no-pseudonymise",
        ],
    );
    let back = out.path().join("back");
    let json = glose_ok(
        out.path(),
        &[
            "import",
            "qdpx",
            qdpx.to_str().unwrap(),
            "--into",
            back.to_str().unwrap(),
            "--json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let losses: Vec<_> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] != "offsets")
        .collect();
    assert!(losses.is_empty(), "{unit}: {losses:#?}");
    check_passes(&back);

    let a = Study::open(original).unwrap();
    let b = Study::open(&back).unwrap();
    assert_eq!(b.config.name, a.config.name);
    assert_eq!(b.config.language, a.config.language);
    // Documents: same ids, byte-identical bodies, same attributes.
    let ids = |s: &Study| s.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&b), ids(&a));
    for e in &a.entries {
        let (da, db) = (
            a.load_document(&e.id).unwrap(),
            b.load_document(&e.id).unwrap(),
        );
        assert_eq!(db.text.as_bytes(), da.text.as_bytes(), "{}", e.id);
        // A table cannot tell an absent attribute from an empty one: compare non-empty ones.
        let attrs = |s: &Study| {
            let mut m = s.attributes(&e.id);
            m.retain(|_, v| !v.is_empty());
            m
        };
        assert_eq!(attrs(&b), attrs(&a), "{}", e.id);
        assert!(!attrs(&a).is_empty());
    }
    // Codes: every field.
    assert_eq!(b.codebook.name, a.codebook.name);
    assert_eq!(b.codebook.codes, a.codebook.codes);
    // Codings (id, coder, document, span, code, memo) and memos (coder, target, text, id).
    let ca = codings(&a);
    assert_eq!(ca.len(), 7);
    assert_eq!(codings(&b), ca);
    let ma = memos(&a);
    assert_eq!(ma.len(), 3);
    assert_eq!(memos(&b), ma);
}

#[test]
fn sample_study_round_trips_in_code_points_and_utf16() {
    let study = sample_study();
    add_emoji_doc(study.path());
    add_codings(study.path());
    check_passes(study.path());
    round_trip(study.path(), "codepoints");
    round_trip(study.path(), "utf16");
}
