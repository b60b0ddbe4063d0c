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
        // The studies are French: the tables speak English only by the locale.
        .env("LC_ALL", "en_US.UTF-8")
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

/// Three interviews coded by alice and bob, one started by carol, and a consensus file.
fn three_interviews() -> tempfile::TempDir {
    let dir = study();
    let root = dir.path();
    for id in ["D2", "D3"] {
        std::fs::write(
            root.join(format!("corpus/{id}.txt")),
            TEXT.replace("id: D1", &format!("id: {id}")),
        )
        .unwrap();
    }
    let study = Study::open(root).unwrap();
    for (coder, doc, code, needle) in [
        ("alice", "D2", "role.sales", "Première phrase"),
        ("bob", "D2", "role.sales", "Première phrase"),
        ("alice", "D3", "role.sales", "Deuxième phrase"),
        ("bob", "D3", "role.sales", "Deuxième phrase"),
        ("carol", "D1", "role.sales", "Merci."),
        ("consensus", "D1", "role.sales", "Question un"),
    ] {
        let d = study.load_document(doc).unwrap();
        let start = d.char_of(d.text.find(needle).unwrap());
        let range = start..start + needle.chars().count();
        let mut store = CoderStore::open(&study, coder).unwrap();
        store
            .apply(&Op::Add(new_coding(&d, code, range, None, coder)))
            .unwrap();
    }
    dir
}

#[test]
fn default_design_says_who_is_compared_and_who_is_left_out() {
    let dir = three_interviews();
    let (code, out, err) = glose(dir.path(), &["agreement"]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "Compared: 2 coders (alice, bob) on 3 of 3 interviews (those coded by every one of them)."
    );
    assert!(
        out.contains("coder carol: coded 1 of 3 interviews"),
        "{out}"
    );
    assert!(out.contains("pass --coders to include"), "{out}");
    assert!(!out.contains("consensus"), "{out}");
    let (_, out, _) = glose(dir.path(), &["agreement", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["design"]["coders"], serde_json::json!(["alice", "bob"]));
    assert_eq!(v["design"]["docs"], serde_json::json!(["D1", "D2", "D3"]));
    assert_eq!(v["documents"], 3);
    // Two coders, complete data: Conger's kappa is not printed apart from Cohen's, and
    // the missing-data variants are absent.
    let sales = line(&v["codes"], "role.sales");
    assert!(sales.get("missing_data").is_none(), "{sales}");
    assert_eq!(sales["fleiss_kappa"], sales["scott_pi"]);

    // Naming carol: the comparison is on the one interview all three coded, and says so.
    let (code, out, err) = glose(dir.path(), &["agreement", "--coders", "alice,bob,carol"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Compared: 3 coders (alice, bob, carol) on 1 of 3 interviews"),
        "{out}"
    );
    assert!(
        out.contains(
            "not coded by carol (pass --missing-coders to include it): 2 interview(s): D2, D3"
        ),
        "{out}"
    );
    // The missing-coders design, named as such, with Gwet's Fleiss under its own name.
    let (code, out, err) = glose(
        dir.path(),
        &[
            "agreement",
            "--coders",
            "alice,bob,carol",
            "--missing-coders",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("missing-coders design"), "{out}");
    assert!(out.contains("fleiss κ (Gwet, missing data)"), "{out}");
    let (_, out, _) = glose(
        dir.path(),
        &[
            "agreement",
            "--coders",
            "alice,bob,carol",
            "--missing-coders",
            "--json",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let sales = line(&v["codes"], "role.sales");
    assert!(
        sales["missing_data"]["fleiss_kappa_gwet"].is_number(),
        "{sales}"
    );
    assert!(
        sales["fleiss_kappa"]["undefined"]
            .as_str()
            .unwrap()
            .contains("every coder on every unit")
    );
    // A minimum coverage of 0 lets carol in by default.
    let (_, out, _) = glose(dir.path(), &["agreement", "--min-coverage", "0"]);
    assert!(out.starts_with("Compared: 3 coders"), "{out}");
}

#[test]
fn bad_coders_and_codes_get_clear_messages() {
    let dir = three_interviews();
    let (code, _, err) = glose(dir.path(), &["agreement", "--coders", "alice,consensus"]);
    assert_eq!(code, 2);
    assert!(err.contains("adjudicated file"), "{err}");
    let (code, _, err) = glose(dir.path(), &["agreement", "--coders", "alice,zoe"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no coder \"zoe\"") && !err.contains("consensus"),
        "{err}"
    );
    let (code, _, err) = glose(
        dir.path(),
        &["agreement", "--coders", "alice,carol", "--docs", "D2"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("coder \"carol\" has no coding in the selected documents"),
        "{err}"
    );
    // A code nobody used: an "undefined, because …" cell, not a number.
    let (code, out, err) = glose(
        dir.path(),
        &["agreement", "--json", "--codes", "role.sales,practice.ads"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let ads = line(&v["codes"], "practice.ads");
    for key in [
        "krippendorff_alpha",
        "kappa",
        "gwet_ac1",
        "brennan_prediger",
    ] {
        assert_eq!(
            ads[key]["undefined"],
            "undefined, because no compared coder applied it in the compared documents",
            "{key}"
        );
    }
}

#[test]
fn intervals_name_their_method_and_flag_what_cannot_be_trusted() {
    let dir = three_interviews();
    let (code, out, err) = glose(dir.path(), &["agreement", "--bootstrap", "200"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("alpha 95% CI (unit bootstrap)"), "{out}");
    assert!(
        out.contains("Interval: percentile interval of a nonparametric bootstrap over units"),
        "{out}"
    );
    // A handful of sentences: no interval is trustworthy, and the table says so.
    assert!(out.contains("not trustworthy*"), "{out}");
    assert!(
        out.contains("unit(s) with a disagreement (fewer than 10): the interval cannot be trusted"),
        "{out}"
    );
    let (_, out, _) = glose(
        dir.path(),
        &[
            "agreement",
            "--json",
            "--bootstrap",
            "200",
            "--interval",
            "krippendorff",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let b = &v["pooled"]["bootstrap"]["interval"];
    assert_eq!(b["method"], "krippendorff");
    assert!(b["caution"].is_string(), "{b}");
}

#[test]
fn methods_paragraph_in_english_and_french() {
    let dir = three_interviews();
    let (code, out, err) = glose(dir.path(), &["agreement", "--methods", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "3 interviews of 3 (100%) were coded independently by more than one coder."
        ),
        "{out}"
    );
    assert!(out.contains("2 coders (alice, bob)"), "{out}");
    assert!(out.contains("Coder carol was not included"), "{out}");
    assert!(
        out.contains("The unit of analysis was the sentence"),
        "{out}"
    );
    assert!(out.contains("Krippendorff's α (nominal)"), "{out}");
    assert!(out.contains("Pooled over all codes, α = "), "{out}");
    assert!(out.contains("nonparametric bootstrap over units"), "{out}");
    assert!(out.contains("α ≥ 0.800 were considered reliable"), "{out}");
    assert!(out.contains("O'Connor & Joffe 2020"), "{out}");
    let (code, out, _) = glose(dir.path(), &["agreement", "--methods"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("ont été codés indépendamment par plus d'un codeur"),
        "{out}"
    );
    assert!(out.contains("L'unité d'analyse était la phrase"), "{out}");
}

#[test]
fn the_tui_review_default_is_the_same_design() {
    let dir = three_interviews();
    let study = Study::open(dir.path()).unwrap();
    let all = glose::store::load_all(&study);
    let p = glose::agreement::study::review_default(&study, &all).unwrap();
    assert_eq!(p.coders, vec!["alice", "bob"]);
    assert_eq!(p.design.docs, vec!["D1", "D2", "D3"]);
    assert!(
        p.codings
            .iter()
            .all(|c| c.coder != "consensus" && c.coder != "carol")
    );
    let header = p.design.describe();
    assert!(
        header[0].starts_with("Compared: 2 coders (alice, bob)"),
        "{header:?}"
    );
    assert!(
        header.iter().any(|l| l.contains("coder carol")),
        "{header:?}"
    );
}
