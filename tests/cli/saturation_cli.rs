//! `glose saturation` and `glose report methods` on copies of the sample study.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of the repository's sample study.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("glose.toml"), dir.path().join("glose.toml")).unwrap();
    for sub in ["corpus", "codebooks", "codings"] {
        copy_dir(&repo.join(sub), &dir.path().join(sub));
    }
    dir
}

fn glose(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glose"))
        .arg("--study")
        .arg(root)
        .args(args)
        .env_remove("GLOSE_CODER")
        // The sample study is French: the text speaks English only by the locale.
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn the_sample_study_is_ordered_by_interview_date_and_deterministic() {
    let dir = sample();
    let args = [
        "--coder",
        "coder-a",
        "saturation",
        "--json",
        "--bands",
        "100",
    ];
    let out = glose(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.stdout,
        glose(dir.path(), &args).stdout,
        "same seed, same bytes"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["order_by"], "interview_date");
    let c = &v["coders"][0];
    assert_eq!(c["coder"], "coder-a");
    let rows = c["interviews"].as_array().unwrap();
    let dates: Vec<&str> = rows
        .iter()
        .map(|r| r["order_value"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    // The curve adds each interview's new codes; the base's codes are the denominator.
    let mut total = 0;
    for r in rows {
        total += r["new_codes"].as_array().unwrap().len() as u64;
        assert_eq!(r["cumulative"].as_u64().unwrap(), total);
    }
    let a = &c["assessment"];
    assert_eq!(a["base_codes"], rows[3]["cumulative"]);
    assert_eq!(a["total_codes"].as_u64().unwrap(), total);
    let first_within = a["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["within"] == true)
        .unwrap();
    let at = first_within["first"].as_u64().unwrap() - 1;
    assert_eq!(a["saturation"]["notation"], format!("{at}+2"));
    let sentence = c["sentence"].as_str().unwrap();
    assert!(
        sentence.contains("Guest, Namey and Chen (2020)"),
        "{sentence}"
    );
    assert!(
        sentence.contains(&format!("reached at {at}+2")),
        "{sentence}"
    );
    assert_eq!(c["band"]["orders"], 100);
}

#[test]
fn a_study_without_dates_says_which_attribute_is_missing_and_how_to_order() {
    let dir = sample();
    let cases = dir.path().join("corpus/cases.csv");
    let text = std::fs::read_to_string(&cases).unwrap();
    let stripped: String = text
        .lines()
        .map(|l| {
            l.rsplitn(3, ',').skip(2).collect::<String>() + "," + l.rsplit(',').next().unwrap()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!stripped.contains("interview_date"));
    std::fs::write(&cases, stripped + "\n").unwrap();
    let out = glose(dir.path(), &["saturation"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no made-up number");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no interview has a `date` attribute"), "{err}");
    assert!(err.contains("--order-by ATTRIBUTE"), "{err}");
    assert!(err.contains("--order E01,E02"), "{err}");
    // An explicit order works instead.
    let list: Vec<String> = (1..=18).rev().map(|i| format!("E{i:02}")).collect();
    let out = glose(
        dir.path(),
        &[
            "--coder",
            "coder-a",
            "saturation",
            "--csv",
            "--bands",
            "0",
            "--order",
            &list.join(","),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let second = csv.lines().nth(1).unwrap();
    assert!(second.starts_with("coder-a,1,E18,1,"), "{second}");
}

#[test]
fn an_attribute_some_interviews_lack_is_named_with_them() {
    let dir = sample();
    let out = glose(dir.path(), &["saturation", "--order-by", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("have no `nope` attribute: E01"), "{err}");
}

#[test]
fn help_names_the_method_and_the_defaults() {
    let out = Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(["saturation", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Guest, Namey & Chen"), "{help}");
    assert!(
        help.contains("[default: 4]") && help.contains("[default: 0.05]"),
        "{help}"
    );
}

#[test]
fn the_methods_appendix_is_the_same_bytes_twice_in_both_formats() {
    let dir = sample();
    for format in ["md", "html"] {
        let one = dir.path().join(format!("one.{format}"));
        let two = dir.path().join(format!("two.{format}"));
        for out in [&one, &two] {
            let o = glose(
                dir.path(),
                &[
                    "report",
                    "methods",
                    "--format",
                    format,
                    "--out",
                    out.to_str().unwrap(),
                ],
            );
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            assert!(!String::from_utf8_lossy(&o.stderr).contains("real name"));
        }
        let (a, b) = (std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
        assert_eq!(a, b, "{format}: byte for byte");
        let text = String::from_utf8(a).unwrap();
        assert!(text.contains("Needs the authors."), "{format}");
        assert!(text.contains("Data saturation"), "{format}");
        // Outside git there is no commit, and no date of now either.
        assert!(text.contains("not in git"), "{format}");
    }
    let out = glose(dir.path(), &["report", "methods", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 35);
    assert_eq!(
        v["items"][11]["answer"],
        "18 interviews, one transcript each."
    );
    assert_eq!(v["srqr"].as_array().unwrap().len(), 21);
}

#[test]
fn the_same_commit_gives_the_same_appendix_bytes() {
    let dir = sample();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .env("GIT_COMMITTER_DATE", "2026-12-01T10:00:00Z")
            .env("GIT_AUTHOR_DATE", "2026-12-01T10:00:00Z")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "study"]);
    let head = git(&["rev-parse", "HEAD"]).trim().to_string();
    for format in ["md", "html"] {
        let run = || {
            let o = glose(dir.path(), &["report", "methods", "--format", format]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            o.stdout
        };
        let (a, b) = (run(), run());
        assert_eq!(a, b, "{format}: byte for byte at one commit");
        let text = String::from_utf8(a).unwrap();
        assert!(
            text.contains(&format!("commit {head} (2026-12-01T10:00:00")),
            "{format}"
        );
        assert!(text.contains("SRQR"), "{format}");
    }
}

#[test]
fn the_report_draws_the_curves_or_says_why_not() {
    let dir = sample();
    let page = dir.path().join("r.html");
    let o = glose(dir.path(), &["report", "--out", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<svg id=\"saturation\""));
    assert_eq!(html.matches("<polyline class=\"curve\"").count(), 2);
    assert_eq!(html.matches("class=\"saturation-sentence\"").count(), 2);
    // Without dates: a sentence saying what is missing, no figure.
    let cases = dir.path().join("corpus/cases.csv");
    let text = std::fs::read_to_string(&cases).unwrap();
    std::fs::write(&cases, text.replace("interview_date", "when")).unwrap();
    // The sample study is French: its report speaks French unless asked (#18).
    let o = glose(
        dir.path(),
        &["report", "--out", page.to_str().unwrap(), "--lang", "en"],
    );
    assert!(o.status.success());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<svg id=\"saturation\""));
    assert!(html.contains(
        "id=\"saturation-missing\">Saturation not assessed: no interview has a `date` attribute"
    ));
}
