//! `glose agreement` on a temporary study whose codings are written through glose::store.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;
use std::process::Command;

use glose::store::{CoderStore, Op, new_coding};
use glose::study::Study;
use serde_json::Value;

const TEXT: &str = "---\nid: D1\n---\nIntervieweuse : Question un ?\n\nFondatrice : Première \
phrase ici. Deuxième phrase là. Troisième.\n\nIntervieweuse : Merci.\n";

fn study() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("glose.toml"),
        "[study]\nname = \"t\"\nlanguage = \"fr\"\ncorpus = \"corpus\"\n\
         codebook = \"codebooks/codebook.json\"\ncodings = \"codings\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::create_dir_all(root.join("codebooks")).unwrap();
    std::fs::create_dir_all(root.join("codings")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/codebook.json"),
        root.join("codebooks/codebook.json"),
    )
    .unwrap();
    std::fs::write(root.join("corpus/D1.txt"), TEXT).unwrap();
    let study = Study::open(root).unwrap();
    let doc = study.load_document("D1").unwrap();
    let at = |needle: &str| {
        let start = doc.char_of(doc.text.find(needle).unwrap());
        start..start + needle.chars().count()
    };
    for (coder, code, needle) in [
        ("alice", "role.sales", "Première phrase"),
        ("bob", "role.sales", "phrase ici."),
        ("alice", "stage.launch", "Troisième."),
        ("bob", "stage.growth", "Troisième."),
    ] {
        let mut store = CoderStore::open(&study, coder).unwrap();
        store
            .apply(&Op::Add(new_coding(&doc, code, at(needle), None, coder)))
            .unwrap();
    }
    dir
}

fn glose(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_glose"))
        .arg("--study")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn line<'a>(lines: &'a Value, id: &str) -> &'a Value {
    lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .unwrap_or_else(|| panic!("no line {id}"))
}

#[test]
fn json_report_values_by_hand() {
    let dir = study();
    let (code, out, err) = glose(dir.path(), &["agreement", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["coders"], serde_json::json!(["alice", "bob"]));
    assert_eq!(v["documents"], 1);
    // Default codes: those applied, in codebook order.
    let ids: Vec<&str> = v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    // 5 sentences. role.sales: both on sentence 2 → alpha 1.
    let sales = line(&v["codes"], "role.sales");
    assert_eq!(sales["units"], 5);
    assert_eq!(sales["krippendorff_alpha"], 1.0);
    // stage.launch: only alice on sentence 4: o01 = 1, n0 = 9, n1 = 1, n.. = 10 →
    // alpha = 1 − 9·1/(9·1) = 0; percent agreement 4/5.
    let launch = line(&v["codes"], "stage.launch");
    assert!(launch["krippendorff_alpha"].as_f64().unwrap().abs() < 1e-12);
    assert!((launch["percent_agreement"].as_f64().unwrap() - 0.8).abs() < 1e-12);
    assert!(
        launch["reading"]
            .as_str()
            .unwrap()
            .starts_with("unreliable")
    );
    // Worst first.
    assert_eq!(ids[2], "role.sales");
    // Stage as one variable: none/none ×4, launch/growth ×1 → n.. = 10, Σo_cc = 8,
    // Σn_c² = 64 + 1 + 1 → alpha = 1 − 9·2/(100 − 66) = 1 − 18/34.
    let which = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "exclusive_group")
        .unwrap();
    assert_eq!(which["id"], "stage");
    let a = which["krippendorff_alpha"].as_f64().unwrap();
    assert!((a - (1.0 - 18.0 / 34.0)).abs() < 1e-12, "{a}");
    // Pooled: 3 codes × 5 sentences.
    assert_eq!(v["pooled"]["units"], 15);
    // Cohen is named; Scott's pi defined with 2 coders.
    assert_eq!(sales["kappa_name"], "cohen");

    // Min overlap 0.6: bob's "phrase ici." covers 10 of 18 non-space chars (0.56) of
    // sentence 2 → no longer applied, alice's "Première phrase" (14/18) still is.
    let (_, out, _) = glose(dir.path(), &["agreement", "--json", "--min-overlap", "0.6"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let sales = line(&v["codes"], "role.sales");
    assert!((sales["percent_agreement"].as_f64().unwrap() - 0.8).abs() < 1e-12);
}

#[test]
fn bootstrap_fields_and_human_table() {
    let dir = study();
    let (code, out, err) = glose(
        dir.path(),
        &["agreement", "--json", "--bootstrap", "500", "--seed", "3"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let b = &line(&v["codes"], "stage.launch")["bootstrap"];
    assert!(b["interval"]["ci95_low"].is_number(), "{b}");
    assert_eq!(b["interval"]["replicates"], 500);
    let (code, out, _) = glose(dir.path(), &["agreement", "--bootstrap", "200"]);
    assert_eq!(code, 0);
    assert!(out.contains("alpha 95% CI"));
    assert!(out.contains("Reading (Krippendorff"));
    assert!(out.contains("stage (which one)"));
}

#[test]
fn disagreements_listing() {
    let dir = study();
    let (code, out, err) = glose(dir.path(), &["agreement", "--disagreements", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let list = v.as_array().unwrap();
    // Sentence 4: alice stage.launch vs bob stage.growth, one line per code.
    assert_eq!(list.len(), 2);
    for d in list {
        assert_eq!(d["doc"], "D1");
        assert_eq!(d["excerpt"], "Troisième.");
        assert_eq!(d["coders"].as_array().unwrap().len(), 2);
    }
    let launch = list.iter().find(|d| d["code"] == "stage.launch").unwrap();
    assert_eq!(launch["coders"][0]["coder"], "alice");
    assert_eq!(launch["coders"][0]["applied"], true);
    assert_eq!(launch["coders"][0]["codings"][0]["code"], "stage.launch");
    assert_eq!(launch["coders"][1]["applied"], false);
    let (code, out, _) = glose(
        dir.path(),
        &["agreement", "--disagreements", "--code", "stage.growth"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("1 disagreement(s)"), "{out}");
}

#[test]
fn fewer_than_two_coders_exits_2() {
    let dir = study();
    let (code, _, err) = glose(dir.path(), &["agreement", "--coders", "alice"]);
    assert_eq!(code, 2);
    assert!(err.contains("at least 2 coders"), "{err}");
    let (code, _, err) = glose(dir.path(), &["agreement", "--coders", "alice,zoe"]);
    assert_eq!(code, 2);
    assert!(err.contains("no coder \"zoe\""), "{err}");
    let (code, _, err) = glose(dir.path(), &["agreement", "--codes", "role.sale"]);
    assert_eq!(code, 2);
    assert!(err.contains("role.sales"), "{err}");
}

#[test]
fn segment_and_unitized_json() {
    let dir = study();
    let (code, out, err) = glose(dir.path(), &["agreement", "--unit", "segment", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    // "Première phrase" vs "phrase ici.": overlap 6/26 of the union → no agreement.
    assert_eq!(v[0]["agreements"], 0);
    assert_eq!(v[0]["non_agreements"], 4);
    let (code, out, err) = glose(dir.path(), &["agreement", "--unit", "unitized", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["group"], "stage");
    // Both coders mark the same stretch as some stage: |uα = 1; the stage differs.
    let alphas = &v[0]["pooled"]["result"]["alphas"];
    assert_eq!(alphas["binary_u_alpha"], 1.0);
}
