//! The HTML report in headless Chromium: it renders, shows the expected figures, runs its
//! inline script under the strict Content-Security-Policy, and loads nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

mod export_support;

use std::process::Command;

use export_support::*;
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
