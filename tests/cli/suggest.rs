//! The assistants of #21 on a copy of the sample study: training reads only the coder's
//! own file, accepted suggestions carry their receipt, rejections are remembered, and bad
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure
//! input gets a message saying what is missing.

use std::path::Path;
use std::process::Command;

use glose::study::Study;
use glose::suggest::{
    Corpus, EvalOptions, Rejections, SuggestRequest, Unit, evaluate, load_coder, suggest,
};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A copy of the sample study (the repository root) in a temporary folder.
fn sample_study() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for sub in ["corpus", "codebooks", "codings"] {
        copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    std::fs::copy(root.join("glose.toml"), dir.path().join("glose.toml")).unwrap();
    dir
}

fn glose(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(["--study", dir.to_str().unwrap()])
        .args(args)
        .env_remove("GLOSE_CODER")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn request(code: &str) -> SuggestRequest<'_> {
    SuggestRequest {
        code,
        doc: None,
        limit: 15,
        gate: false,
        opts: EvalOptions::default(),
    }
}

fn suggestions_of(dir: &Path, coder: &str, code: &str) -> Vec<(String, usize, f64)> {
    let study = Study::open(dir).unwrap();
    let corpus = Corpus::build(&study, Unit::Sentence).unwrap();
    let file = load_coder(&study, coder).unwrap();
    let s = suggest(
        &study.codebook,
        &corpus,
        &file,
        &Rejections::default(),
        &request(code),
    )
    .unwrap();
    s.items
        .iter()
        .map(|i| (i.doc.clone(), i.start, i.score))
        .collect()
}

#[test]
fn training_never_reads_another_coders_file() {
    let dir = sample_study();
    let before = suggestions_of(dir.path(), "coder-a", "role.sales");
    assert_eq!(before.len(), 15);
    assert_eq!(
        before,
        suggestions_of(dir.path(), "coder-a", "role.sales"),
        "deterministic"
    );
    // Another coder's file replaced by garbage, then removed: nothing changes.
    let other = dir.path().join("codings/coder-b.jsonl");
    std::fs::write(&other, "not json at all\n").unwrap();
    assert_eq!(before, suggestions_of(dir.path(), "coder-a", "role.sales"));
    let study = Study::open(dir.path()).unwrap();
    let corpus = Corpus::build(&study, Unit::Sentence).unwrap();
    let a = load_coder(&study, "coder-a").unwrap();
    let with_garbage = evaluate(
        &corpus,
        &study.codebook,
        std::slice::from_ref(&a),
        Some("role.sales"),
        &EvalOptions::default(),
    );
    std::fs::remove_file(&other).unwrap();
    assert_eq!(before, suggestions_of(dir.path(), "coder-a", "role.sales"));
    let without = evaluate(
        &corpus,
        &study.codebook,
        &[a],
        Some("role.sales"),
        &EvalOptions::default(),
    );
    assert_eq!(with_garbage, without);
    // Suggestions are passages the coder has not coded with the code.
    let codings =
        glose::store::CoderFile::load(&dir.path().join("codings/coder-a.jsonl"), "coder-a")
            .unwrap();
    let sales: Vec<_> = codings
        .file
        .codings
        .iter()
        .filter(|c| c.code == "role.sales")
        .collect();
    for (doc, start, _) in &before {
        assert!(
            !sales
                .iter()
                .any(|c| &c.doc == doc && c.start <= *start && *start < c.end)
        );
    }
}

#[test]
fn the_model_beats_the_baselines_on_the_sample_study() {
    let dir = sample_study();
    let study = Study::open(dir.path()).unwrap();
    let corpus = Corpus::build(&study, Unit::Sentence).unwrap();
    let a = load_coder(&study, "coder-a").unwrap();
    let evals = evaluate(
        &corpus,
        &study.codebook,
        &[a],
        Some("role.sales"),
        &EvalOptions::default(),
    );
    let e = &evals[0];
    assert_eq!(e.folds, 18);
    let ap = |s: glose::suggest::eval::Scores| s.average_precision.unwrap();
    assert!(ap(e.scores.model) > ap(e.scores.random), "{e:?}");
    assert!(ap(e.scores.model) > ap(e.scores.keyword), "{e:?}");
    assert_eq!(
        e.curve.iter().map(|p| p.examples).collect::<Vec<_>>(),
        vec![5, 10, 20, 50]
    );
}

#[test]
fn accept_marks_the_coding_and_reject_is_remembered() {
    let dir = sample_study();
    let d = dir.path();
    let (ok, out, err) = glose(
        d,
        &[
            "--coder",
            "coder-a",
            "suggest",
            "role.sales",
            "--doc",
            "E05",
            "--limit",
            "2",
            "--json",
            "--ungated",
        ],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items[0]["words"].as_array().is_some_and(|w| !w.is_empty()));
    assert!(items[0]["nearest"]["quote"].is_string());
    let (first, second) = (&items[0], &items[1]);
    let span = |i: &serde_json::Value| (i["start"].to_string(), i["end"].to_string());
    let (s1, e1) = span(first);
    let (ok, out, err) = glose(
        d,
        &[
            "--coder",
            "coder-a",
            "suggest",
            "accept",
            "role.sales",
            "--doc",
            "E05",
            "--start",
            &s1,
            "--end",
            &e1,
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let coding: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(coding["suggested"]["model"], "tfidf-logreg");
    let file = std::fs::read_to_string(d.join("codings/coder-a.jsonl")).unwrap();
    assert_eq!(
        file.matches("\"suggested\"").count(),
        1,
        "older lines have no receipt"
    );
    let (s2, e2) = span(second);
    let (ok, _, err) = glose(
        d,
        &[
            "--coder",
            "coder-a",
            "suggest",
            "reject",
            "role.sales",
            "--doc",
            "E05",
            "--start",
            &s2,
            "--end",
            &e2,
        ],
    );
    assert!(ok, "{err}");
    assert!(d.join("codings/coder-a.rejected.tsv").is_file());
    let (ok, out, _) = glose(
        d,
        &[
            "--coder",
            "coder-a",
            "suggest",
            "role.sales",
            "--doc",
            "E05",
            "--limit",
            "5",
            "--json",
            "--ungated",
        ],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rejected"], 1);
    for i in v["items"].as_array().unwrap() {
        assert_ne!(span(i), (s1.clone(), e1.clone()), "accepted: coded now");
        assert_ne!(
            span(i),
            (s2.clone(), e2.clone()),
            "rejected: not proposed again"
        );
    }
    // The study still checks, and other commands read the new field.
    let (ok, _, err) = glose(d, &["code", "list", "--json"]);
    assert!(ok, "{err}");
}

#[test]
fn bad_input_says_what_is_missing() {
    let dir = sample_study();
    let d = dir.path();
    // A coder with no codings.
    let (ok, _, err) = glose(d, &["--coder", "nobody", "suggest", "role.sales"]);
    assert!(!ok);
    assert!(err.contains("coder \"nobody\" has no codings yet"), "{err}");
    // A code with too few examples.
    let a = std::fs::read_to_string(d.join("codings/coder-a.jsonl")).unwrap();
    let two: Vec<&str> = a
        .lines()
        .filter(|l| l.contains("\"role.sales\""))
        .take(2)
        .collect();
    std::fs::write(d.join("codings/few.jsonl"), two.join("\n") + "\n").unwrap();
    let (ok, _, err) = glose(
        d,
        &["--coder", "few", "suggest", "role.sales", "--unit", "turn"],
    );
    assert!(!ok);
    assert!(
        err.contains("coded 2 turn(s) with it, 5 are needed"),
        "{err}"
    );
    let (ok, _, err) = glose(d, &["--coder", "few", "suggest", "role.sales"]);
    assert!(!ok);
    assert!(err.contains("precision cannot be measured"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let (ok, out, err) = glose(d, &["--coder", "few", "suggest", "eval", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["codes"][0]["verdict"], "not_measured");
    assert!(
        v["codes"][0]["scores"]["model"]["average_precision"].is_null(),
        "no made-up number"
    );
    // An empty document.
    std::fs::write(d.join("corpus/E99.txt"), "").unwrap();
    let (ok, _, err) = glose(
        d,
        &[
            "--coder",
            "coder-a",
            "suggest",
            "role.sales",
            "--doc",
            "E99",
            "--ungated",
        ],
    );
    assert!(!ok);
    assert!(err.contains("\"E99\" has no sentence with words"), "{err}");
    // An unknown code, and a threshold that withholds suggestions with the reason.
    let (ok, _, err) = glose(d, &["--coder", "coder-a", "suggest", "no.such.code"]);
    assert!(!ok && err.contains("unknown code"), "{err}");
    let toml = std::fs::read_to_string(d.join("glose.toml")).unwrap();
    std::fs::write(
        d.join("glose.toml"),
        toml.replace("[study]\n", "[study]\nsuggest_min_precision = 0.99\n"),
    )
    .unwrap();
    let (ok, _, err) = glose(d, &["--coder", "coder-a", "suggest", "role.sales"]);
    assert!(!ok);
    assert!(err.contains("below the threshold 0.99"), "{err}");
}

#[test]
fn similar_and_consistency_answer_in_json() {
    let dir = sample_study();
    let d = dir.path();
    let a = std::fs::read_to_string(d.join("codings/coder-a.jsonl")).unwrap();
    let id = a
        .lines()
        .find(|l| l.contains("\"role.sales\""))
        .and_then(|l| l.split('"').nth(7))
        .unwrap()
        .to_string();
    let (ok, out, err) = glose(d, &["similar", "--coding", &id, "--limit", "3", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert!(v[0]["shared"].as_array().is_some_and(|s| !s.is_empty()));
    let (ok, out, err) = glose(
        d,
        &[
            "--coder",
            "coder-b",
            "suggest",
            "consistency",
            "--limit",
            "3",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["least_like_their_code"]
            .as_array()
            .is_some_and(|o| o.len() == 3)
    );
    assert!(v["near_identical"].is_array());
}

#[test]
fn every_assistant_names_what_is_missing() {
    let dir = sample_study();
    let d = dir.path();
    // A coder with no codings: each assistant says so, none panics or makes a number up.
    for args in [
        &["--coder", "nobody", "suggest", "eval"][..],
        &["--coder", "nobody", "suggest", "consistency"][..],
        &["--coder", "nobody", "suggest", "role.sales", "--doc", "E01"][..],
    ] {
        let (ok, out, err) = glose(d, args);
        assert!(!ok, "{args:?}");
        assert!(
            err.contains("coder \"nobody\" has no codings yet"),
            "{args:?}: {err}"
        );
        assert!(
            out.is_empty() && !err.contains("panicked"),
            "{args:?}: {out}{err}"
        );
    }
    // A selection without a word, and an empty document.
    std::fs::write(d.join("corpus/E98.txt"), "").unwrap();
    let (ok, _, err) = glose(
        d,
        &["similar", "--doc", "E01", "--start", "0", "--end", "1"],
    );
    assert!(
        !ok && err.contains("E01 0..1 has no word to compare"),
        "{err}"
    );
    let (ok, _, err) = glose(
        d,
        &["similar", "--doc", "E98", "--start", "0", "--end", "1"],
    );
    assert!(
        !ok && !err.contains("panicked") && err.contains("E98"),
        "{err}"
    );
    let (ok, _, err) = glose(
        d,
        &[
            "--coder",
            "coder-a",
            "suggest",
            "role.sales",
            "--doc",
            "E98",
            "--ungated",
        ],
    );
    assert!(
        !ok && err.contains("\"E98\" has no sentence with words"),
        "{err}"
    );
}
