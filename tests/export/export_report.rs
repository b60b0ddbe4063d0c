//! The HTML report in headless Chromium: it renders, shows the expected figures, runs its
//! inline script under the strict Content-Security-Policy, and loads nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::process::Command;

use crate::export_support::*;
use glose::export::report::{ReportOptions, build_report};
use glose::export::{Pseudonyms, Selection};
use glose::store::load_all;

fn chromium() -> String {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return name.to_string();
        }
    }
    panic!(
        "chromium is not installed: the report test needs a headless browser \
         (Debian: apt-get update && apt-get install -y chromium; CI installs it in .ci/run)"
    );
}

/// The DOM after scripts ran.
fn dump_dom(html_path: &std::path::Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html_path.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn cell(dom: &str, row_attr: &str, stage: &str) -> String {
    let row = dom
        .find(row_attr)
        .unwrap_or_else(|| panic!("no row {row_attr}"));
    let rest = &dom[row..];
    let end = rest.find("</tr>").unwrap();
    let row = &rest[..end];
    let at = row
        .find(&format!("data-stage=\"{stage}\""))
        .unwrap_or_else(|| panic!("no cell {stage} in {row}"));
    let after = &row[at..];
    let open = after.find('>').unwrap() + 1;
    let close = after.find("</td>").unwrap();
    after[open..close].to_string()
}

#[test]
fn report_renders_with_figures_and_no_network() {
    let (dir, study) = coded();
    let all = load_all(&study);
    let opts = ReportOptions {
        selection: Selection::default(),
        lang: "en".into(),
        pseudonyms: Some(Pseudonyms::load(&Pseudonyms::path(&study)).unwrap()),
        ..ReportOptions::default()
    };
    let report = build_report(&study, &all, &opts).unwrap();
    let html = &report.html;
    // No network: a strict CSP and no remote URL in any src or href.
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
    ));
    for attr in ["src=", "href="] {
        for (i, _) in html.match_indices(attr) {
            let v = html[i + attr.len()..].trim_start_matches(['"', '\'']);
            assert!(
                !v.starts_with("http://") && !v.starts_with("https://") && !v.starts_with("//"),
                "remote URL in {attr}: {}",
                &html[i..i + 60]
            );
        }
    }
    assert!(!html.contains("<link") && !html.contains("@import") && !html.contains("url("));
    let path = dir.path().join("report.html");
    std::fs::write(&path, html).unwrap();
    let dom = dump_dom(&path);
    // The inline script ran (CSP allows inline script only).
    assert!(
        dom.contains("data-script=\"ran\""),
        "inline script did not run"
    );
    // Figures: 3 interviews, all coded, 10 segments, two coders.
    assert!(dom.contains("<span id=\"n-interviews\">3</span>"));
    assert!(dom.contains("<span id=\"n-coded\">3</span>"));
    assert!(dom.contains("<span id=\"n-segments\">10</span>"));
    assert!(dom.contains("<span id=\"coders\">alice, bob</span>"));
    // Heatmap: teasing is pre-launch for both coders; ads twice growth (attribute), once none.
    assert_eq!(
        cell(
            &dom,
            "<tr data-code=\"practice.community.teasing\">",
            "pre-launch"
        ),
        "2"
    );
    assert_eq!(cell(&dom, "<tr data-code=\"practice.ads\">", "growth"), "2");
    assert_eq!(cell(&dom, "<tr data-code=\"practice.ads\">", ""), "1");
    assert_eq!(cell(&dom, "<tr data-code=\"role.sales\">", "launch"), "1");
    // Stage rows appear in the stage table, not in the heatmap.
    let heatmap = &dom[dom.find("id=\"heatmap\"").unwrap()..];
    let heatmap = &heatmap[..heatmap.find("</table>").unwrap()];
    assert!(!heatmap.contains("data-code=\"stage."));
    let pre = heatmap.find("Pre-launch").unwrap();
    let launch = heatmap.find(">Launch<").unwrap();
    let growth = heatmap.find("Growth").unwrap();
    assert!(pre < launch && launch < growth, "stages in codebook order");
    // Interviews per stage from the attribute: one launch, one growth, one without.
    let stages = &dom[dom.find("id=\"stages\"").unwrap()..];
    assert!(
        stages.contains("<tr data-stage=\"growth\"><td>Growth</td><td>1</td><td>2</td></tr>"),
        "{}",
        &stages[..1500.min(stages.len())]
    );
    // Agreement with two coders, and quotations behind <details>.
    assert!(dom.contains("id=\"agreement\""));
    assert!(dom.contains("<tr data-code=\"practice.ads\"><td>Paid advertising</td>"));
    assert!(dom.contains("<details data-key=\"pre-launch\">"));
    assert!(dom.contains("on teasait sur Instagram avec [Amie 1]"));
    assert!(!dom.contains("Julie"));
}

/// The coded study plus: bob also codes E02 and E03 (so three interviews are double
/// coded), carol has made one coding in E01 (a barely-started coder), and an adjudicated
/// consensus file has a coding in E02.
fn three_coders_and_consensus() -> (tempfile::TempDir, glose::study::Study) {
    let (dir, study) = coded();
    let s = &study;
    code(
        s,
        "bob",
        "E02",
        "role.sales",
        "-Surtout sur Instagram. Les Dieulefitois nous suivent aussi.",
    );
    code(
        s,
        "bob",
        "E03",
        "practice.ads",
        "Jamais de publicité pour l’instant.",
    );
    code(
        s,
        "carol",
        "E01",
        "role.sales",
        "C’était à Dieulefit, tout petit.",
    );
    code(
        s,
        "consensus",
        "E02",
        "practice.community",
        "Les Dieulefitois nous suivent aussi.",
    );
    (dir, study)
}

fn glose_json(root: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_glose"))
        .arg("--study")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn by_id<'a>(lines: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .unwrap_or_else(|| panic!("no line {id}"))
}

#[test]
fn report_agreement_is_glose_agreement_json() {
    let (dir, study) = three_coders_and_consensus();
    let all = load_all(&study);
    let opts = ReportOptions {
        lang: "en".into(),
        ..ReportOptions::default()
    };
    let report = build_report(&study, &all, &opts).unwrap();
    let a = report.agreement.as_ref().unwrap();
    // Neither consensus nor the barely-started carol is compared, and the design says so.
    assert_eq!(a.design.coders, vec!["alice", "bob"]);
    assert_eq!(a.design.docs, vec!["E01", "E02", "E03"]);
    assert_eq!(a.design.coders_left_out[0].id, "carol");
    assert!(report.html.contains("coder carol: coded 1 of 3 interviews"));
    assert!(!report.html.contains("consensus:"));
    // The same settings give the same values as `glose agreement --json`.
    let cli = glose_json(dir.path(), &["agreement", "--json"]);
    // Both through JSON text, so the comparison is of the printed numbers.
    let ours: serde_json::Value = serde_json::from_str(&serde_json::to_string(a).unwrap()).unwrap();
    assert_eq!(ours["design"], cli["design"]);
    assert_eq!(
        ours["pooled"]["krippendorff_alpha"],
        cli["pooled"]["krippendorff_alpha"]
    );
    assert_eq!(ours["pooled"]["units"], cli["pooled"]["units"]);
    assert_eq!(
        ours["codes"].as_array().unwrap().len(),
        cli["codes"].as_array().unwrap().len()
    );
    for line in ours["codes"].as_array().unwrap() {
        let id = line["id"].as_str().unwrap();
        let other = by_id(&cli["codes"], id);
        for key in [
            "units",
            "krippendorff_alpha",
            "kappa",
            "percent_agreement",
            "fleiss_kappa",
        ] {
            assert_eq!(line[key], other[key], "{id} {key}");
        }
        // ... and the HTML shows that alpha.
        if let Some(alpha) = line["krippendorff_alpha"].as_f64() {
            let row = &report.html[report
                .html
                .find(&format!("<tr data-code=\"{id}\"><td>"))
                .unwrap()..];
            let row = &row[..row.find("</tr>").unwrap()];
            assert!(row.contains(&format!("<td>{alpha:.3}</td>")), "{row}");
        }
    }
    // --coders in the report chooses the coders, and the CLI agrees again.
    let opts = ReportOptions {
        lang: "en".into(),
        selection: Selection {
            coders: vec!["alice".into(), "bob".into(), "carol".into()],
            ..Selection::default()
        },
        ..ReportOptions::default()
    };
    let report = build_report(&study, &all, &opts).unwrap();
    let a = report.agreement.as_ref().unwrap();
    assert_eq!(a.design.docs, vec!["E01"]);
    let cli = glose_json(
        dir.path(),
        &["agreement", "--json", "--coders", "alice,bob,carol"],
    );
    let ours: serde_json::Value = serde_json::from_str(&serde_json::to_string(a).unwrap()).unwrap();
    assert_eq!(
        ours["pooled"]["krippendorff_alpha"],
        cli["pooled"]["krippendorff_alpha"]
    );
}

#[test]
fn report_excludes_consensus_names_its_heatmap_and_quotes_each_passage_once() {
    let (_dir, study) = three_coders_and_consensus();
    let all = load_all(&study);
    let report = build_report(
        &study,
        &all,
        &ReportOptions {
            lang: "en".into(),
            ..ReportOptions::default()
        },
    )
    .unwrap();
    let html = &report.html;
    assert!(
        html.contains("<span id=\"coders\">alice, bob, carol</span>"),
        "consensus is not a coder"
    );
    assert!(html.contains(
        "<caption id=\"heatmap-caption\">Each cell counts the coded segments of alice, bob, carol"
    ));
    assert!(html.contains("id=\"heatmap-legend\""));
    // Bob's ads passage lies inside alice's: one quotation, both coders named.
    let quotes = &html[html.find("id=\"quotations\"").unwrap()..];
    assert_eq!(
        quotes
            .matches("Aujourd’hui on achète de la publicité.")
            .count(),
        1,
        "{quotes}"
    );
    assert!(quotes.contains("[alice, bob]"), "{quotes}");
    // The methods section, in English and in French.
    assert!(html.contains("<h2>Methods: inter-coder agreement</h2>"));
    assert!(html.contains("Krippendorff (2004, ch. 11)"));
    let fr = build_report(
        &study,
        &all,
        &ReportOptions {
            lang: "fr".into(),
            ..ReportOptions::default()
        },
    )
    .unwrap();
    assert!(fr.html.contains("Méthode : accord inter-codeurs"));
    // Normalised per interview: values with decimals and a caption that says so.
    let per = build_report(
        &study,
        &all,
        &ReportOptions {
            lang: "en".into(),
            normalise: glose::export::report::Normalise::PerInterview,
            ..ReportOptions::default()
        },
    )
    .unwrap();
    assert!(
        per.html
            .contains("divided by the number of interviews with a segment at that stage")
    );
    let words = build_report(
        &study,
        &all,
        &ReportOptions {
            lang: "en".into(),
            normalise: glose::export::report::Normalise::PerThousandWords,
            ..ReportOptions::default()
        },
    )
    .unwrap();
    assert!(words.html.contains("per 1,000 words"));
}

#[test]
fn report_with_one_coder_says_why_there_is_no_agreement() {
    let (_dir, study) = coded();
    let all = load_all(&study);
    let report = build_report(
        &study,
        &all,
        &ReportOptions {
            lang: "en".into(),
            selection: Selection {
                coders: vec!["alice".into()],
                ..Selection::default()
            },
            ..ReportOptions::default()
        },
    )
    .unwrap();
    assert!(report.agreement.is_err());
    assert!(
        report
            .html
            .contains("Agreement not computed, because agreement needs at least 2 coders"),
        "{}",
        report.html
    );
}

#[test]
fn consensus_export_leaves_out_the_consensus_file_and_a_barely_started_coder() {
    use glose::export::{ExportOptions, build_segments};
    let (_dir, study) = three_coders_and_consensus();
    let all = load_all(&study);
    let opts = ExportOptions {
        by: vec![],
        selection: Selection {
            consensus: true,
            ..Selection::default()
        },
        lang: "en".into(),
        pseudonyms: None,
        lean: false,
    };
    let set = build_segments(&study, &all, &opts).unwrap();
    let docs: std::collections::BTreeSet<&str> =
        set.records.iter().map(|r| r.doc.as_ref()).collect();
    // E02 (alice and bob agree on sales) and E03 (on ads) are not lost to carol, and the
    // consensus file's own coding in E02 is not intersected.
    assert!(docs.contains("E02") && docs.contains("E03"), "{docs:?}");
    assert!(
        set.records
            .iter()
            .any(|r| &*r.doc == "E02" && &*r.code == "role.sales")
    );
    // Naming consensus as a coder is refused with a reason.
    let mut bad = opts.clone();
    bad.selection.coders = vec!["alice".into(), "consensus".into()];
    let e = build_segments(&study, &all, &bad).unwrap_err().to_string();
    assert!(e.contains("adjudicated"), "{e}");
}

/// The report's headings are in the report's language, French or English (#18).
#[test]
fn report_headings_in_french_and_english() {
    let (_dir, study) = three_coders_and_consensus();
    let all = load_all(&study);
    let html = |lang: &str| {
        let opts = ReportOptions {
            lang: lang.into(),
            ..ReportOptions::default()
        };
        build_report(&study, &all, &opts).unwrap().html
    };
    let (en, fr) = (html("en"), html("fr"));
    for (en_h, fr_h) in [
        ("<h2>Codes by stage</h2>", "<h2>Codes par étape</h2>"),
        ("<h2>Code frequencies</h2>", "<h2>Fréquence des codes</h2>"),
        ("Quotations by stage</h2>", "Citations par étape</h2>"),
        (
            "<h2>Agreement between coders</h2>",
            "<h2>Accord entre codeurs</h2>",
        ),
        (
            "<h2>Interviews and segments per stage</h2>",
            "<h2>Entretiens et segments par étape</h2>",
        ),
        (" interviews, ", " entretiens, "),
    ] {
        assert!(en.contains(en_h) && !fr.contains(en_h), "{en_h}");
        assert!(fr.contains(fr_h) && !en.contains(fr_h), "{fr_h}");
    }
}
