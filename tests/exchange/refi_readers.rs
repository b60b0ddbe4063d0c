//! Our `.qdpx` export read by independent REFI-QDA readers from PyPI: pyqdpx (modelled on
//! NVivo's files) must see every coding's text, code and coder, and pyrefiqda (a binding
//! of the schema) every memo, where QualCoder reads them too (Descriptions).
//!
//! The readers live in a venv under `target/refi-readers`, which `tools/test` creates
//! with pinned versions (tests/refi_readers/requirements.txt). Without it this test fails
//! and says so: it is never skipped.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::PathBuf;
use std::process::Command;

use crate::exchange_support::*;
use glose::export::Pseudonyms;
use glose::store::{MemoTarget, load_all};
use glose::study::Study;

fn python() -> PathBuf {
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/refi-readers");
    let py = venv.join("bin/python");
    assert!(
        py.exists(),
        "{} is missing: the independent REFI-QDA readers (pyqdpx, pyrefiqda) are installed \
         by the test command; run tools/test (it creates the venv once)",
        py.display()
    );
    py
}

fn read_with_python(qdpx: &std::path::Path) -> serde_json::Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/refi_readers/read_qdpx.py");
    let out = Command::new(python())
        .arg(script)
        .arg(qdpx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the Python readers failed on {}:\n{}",
        qdpx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

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

#[test]
fn independent_readers_see_every_coding_and_memo() {
    let study = coded_sample();
    let out = tempfile::tempdir().unwrap();
    let cp = out.path().join("study.qdpx");
    glose_ok(
        study.path(),
        &["export", "qdpx", "--out", cp.to_str().unwrap()],
    );
    let seen = read_with_python(&cp);

    let s = Study::open(study.path()).unwrap();
    let all = load_all(&s);
    let pseudonyms = Pseudonyms::load(&Pseudonyms::path(&s)).unwrap();
    let lang = s.config.language.clone();
    let label = |code: &str| s.codebook.get(code).unwrap().label(&lang).to_string();

    // Codings: the same multiset of (document, text, code, coder, memo).
    let key = |v: &serde_json::Value| {
        (
            v["source"].as_str().unwrap().to_string(),
            v["text"].as_str().unwrap().to_string(),
            v["code"].as_str().unwrap().to_string(),
            v["coder"].as_str().unwrap().to_string(),
            v["memo"].as_str().map(str::to_string),
        )
    };
    let mut theirs: Vec<_> = seen["pyqdpx"].as_array().unwrap().iter().map(key).collect();
    let mut ours: Vec<_> = all
        .codings
        .iter()
        .map(|c| {
            let doc = s.load_document(&c.doc).unwrap();
            let rules = pseudonyms.for_doc(&c.doc);
            let text = rules.apply(&doc.text);
            // Offsets on the pseudonymised text are checked by exchange_pseudonyms; here
            // the reader's own slicing must give the pseudonymised quote.
            let quote = {
                let at = |ch: usize| {
                    doc.text
                        .char_indices()
                        .nth(ch)
                        .map_or(doc.text.len(), |(b, _)| b)
                };
                rules.apply_span(&doc.text, at(c.start)..at(c.end))
            };
            assert!(text.contains(&quote));
            (
                c.doc.clone(),
                quote,
                label(&c.code),
                c.coder.clone(),
                c.memo
                    .as_ref()
                    .filter(|m| !m.trim().is_empty())
                    .map(|m| rules.apply(m).into_owned()),
            )
        })
        .collect();
    theirs.sort();
    ours.sort();
    assert!(ours.len() > 800, "{}", ours.len());
    assert_eq!(
        theirs.len(),
        ours.len(),
        "pyqdpx sees {} of {} codings",
        theirs.len(),
        ours.len()
    );
    assert_eq!(theirs, ours);

    // Memos: every one, in a Note (NoteRef) and in the Description QualCoder reads.
    let memos = seen["pyrefiqda"].as_array().unwrap();
    let count = |target: &str, via: &str| {
        memos
            .iter()
            .filter(|m| m["target"] == target && m["via"] == via)
            .count()
    };
    let coding_memos = all
        .codings
        .iter()
        .filter(|c| c.memo.as_ref().is_some_and(|m| !m.trim().is_empty()))
        .count();
    let doc_memos = all
        .memos
        .iter()
        .filter(|(_, m)| matches!(m.target, MemoTarget::Doc(_)))
        .count();
    let code_memos = all
        .memos
        .iter()
        .filter(|(_, m)| matches!(m.target, MemoTarget::Code(_)))
        .count();
    assert!(coding_memos > 50 && doc_memos > 0 && code_memos > 0);
    assert_eq!(count("coding", "note"), coding_memos);
    assert_eq!(count("coding", "description"), coding_memos);
    assert_eq!(count("document", "note"), doc_memos);
    assert_eq!(count("code", "note"), code_memos);
    let mut docs_with_memos: Vec<&str> = all
        .memos
        .iter()
        .filter_map(|(_, m)| match &m.target {
            MemoTarget::Doc(d) => Some(d.as_str()),
            MemoTarget::Code(_) => None,
        })
        .collect();
    docs_with_memos.sort_unstable();
    docs_with_memos.dedup();
    assert_eq!(count("document", "description"), docs_with_memos.len());
    for (_, m) in &all.memos {
        let doc = match &m.target {
            MemoTarget::Doc(d) => d.as_str(),
            MemoTarget::Code(_) => "",
        };
        let text = pseudonyms.for_doc(doc).apply(&m.text).into_owned();
        assert!(
            memos.iter().any(
                |x| x["via"] == "note" && x["text"].as_str() == Some(text.trim_end())
                    || x["text"].as_str() == Some(text.as_str())
            ),
            "memo {} not seen: {text:?}",
            m.id
        );
    }
}
