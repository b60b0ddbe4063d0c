//! `glose check` as a researcher meets it: the sample study is sound, broken studies are
//! reported file by file and line by line, and nothing makes glose panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn glose(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(args)
        .current_dir(dir)
        .env("GLOSE_CODER", "test")
        // The sample study is French: its summaries speak English only by the locale.
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap()
}

/// A copy of a fixture study in a temporary directory: `glose check` writes its caches
/// under the study's `.glose/`, which must not land in the repository's fixtures.
fn fixture_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("tests/fixtures").join(name), dir.path());
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_sample_study_is_sound_and_summarised_by_stage() {
    let out = glose(&root(), &["check"]);
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("0 error(s)"), "{text}");
    for stage in ["pre-launch", "launch", "growth", "consolidation", "total"] {
        assert!(
            text.lines().any(|l| l.starts_with(stage)),
            "{stage} missing in\n{text}"
        );
    }
}

#[test]
fn check_json_gives_the_same_report_as_data() {
    let out = glose(&root(), &["check", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["total"]["documents"], 18);
    let stages: Vec<&str> = v["summary"]["by_stage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        vec!["pre-launch", "launch", "growth", "consolidation"]
    );
    let docs: Vec<u64> = v["summary"]["by_stage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1]["documents"].as_u64().unwrap())
        .collect();
    assert_eq!(docs, vec![2, 4, 7, 5]);
    assert!(v["summary"]["codes"].as_u64().unwrap() >= 25);
}

#[test]
fn a_broken_study_is_reported_file_by_file_with_lines() {
    let dir = fixture_copy("broken-study");
    let out = glose(dir.path(), &["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let expected = [
        "codebooks/codebook.json:18: error: code id \"practice.ads\" is used more than once",
        "codebooks/codebook.json:42: error: parent \"practice.missing\" of code \"practice.lost\" does not exist",
        "codebooks/codebook.json:54: error: code \"role\" has colour \"red\"",
        "codebooks/codebook.json:66: error: code \"role.empty\" has no label",
        "error: codes form a cycle of parents: loop.a → loop.b → loop.a",
        "corpus/A02.txt: error: document id \"A01\" is also used by corpus/A01.txt",
        "corpus/A03.txt:3: error: the transcript is empty",
        "corpus/A04.txt:4: error: invalid UTF-8 at byte 35",
        "corpus/A05.txt:3: error: header line \"ceci n'est pas un champ\" is not `key: value`",
        "corpus/A06.txt:3: error: header says stage = \"growth\" but corpus/cases.csv line 5 says \"launch\"",
        "corpus/cases.csv: error: document A05 (corpus/A05.txt) has no row",
        "corpus/cases.csv:6: error: row for document \"A99\", which is not in the corpus",
    ];
    for line in expected {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains("row for document \"A04\""), "{text}");
}

#[test]
fn an_unreadable_codebook_or_config_is_an_error_with_its_line() {
    let out = glose(fixture_copy("bad-codebook-json").path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("codebooks/codebook.json:4: error: trailing comma"));
    let out = glose(fixture_copy("bad-config").path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("glose.toml:3: error: unknown field `corpsu`"));
}

#[test]
fn outside_a_study_glose_says_how_to_find_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = glose(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no glose.toml found"), "{err}");
    assert!(err.contains("--study"), "{err}");
}

#[test]
fn every_command_has_help() {
    let out = glose(&root(), &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 4, "{help}");
    for c in commands {
        let out = glose(&root(), &[&c, "--help"]);
        assert_eq!(out.status.code(), Some(0), "glose {c} --help");
        assert!(stdout(&out).contains("Usage:"), "glose {c} --help");
    }
}

#[test]
fn code_add_by_quote_then_list_and_remove() {
    let dir = common::sample_copy(&["E03"]);
    let code_add = |args: &[&str]| {
        let mut all = vec!["code", "add", "--doc", "E03", "--code"];
        all.extend_from_slice(args);
        glose(dir.path(), &all)
    };
    let out = code_add(&[
        "practice.ads",
        "--quote",
        "Instagram",
        "--occurrence",
        "2",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let coding: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(coding["anchor"]["quote"], "Instagram");
    let id = coding["id"].as_str().unwrap().to_string();

    let out = code_add(&["practice.adz", "--start", "0", "--end", "5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean practice.ads"));

    let out = code_add(&["practice.ads", "--start", "5", "--end", "5"]);
    assert_eq!(out.status.code(), Some(2));
    let out = code_add(&["practice.ads", "--start", "0", "--end", "999999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside E03"));

    let out = glose(dir.path(), &["code", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["coder"], "test");

    let out = glose(dir.path(), &["code", "rm", &id[..13]]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("codings/test.jsonl")).unwrap();
    assert!(text.is_empty());
}

#[test]
fn a_codebook_kept_in_a_spreadsheet_is_imported() {
    let dir = common::sample_copy(&["E03"]);
    let csv = root().join("codebooks/codebook.csv");
    let out = glose(dir.path(), &["codebook", "import", csv.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "refuses to replace without --force"
    );
    let out = glose(
        dir.path(),
        &["codebook", "import", csv.to_str().unwrap(), "--force"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The CSV is the same codebook: importing it gives back the JSON byte for byte.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("codebooks/codebook.json")).unwrap(),
        std::fs::read_to_string(root().join("codebooks/codebook.json")).unwrap()
    );
}

#[test]
fn memos_on_documents_and_codings_are_listed_as_text_and_as_data() {
    let dir = common::sample_copy(&["E03"]);
    let memo = "À discuter :\nprévente ou financement ?";
    let out = glose(
        dir.path(),
        &[
            "code",
            "add",
            "--doc",
            "E03",
            "--code",
            "role.financing",
            "--quote",
            "Instagram",
            "--occurrence",
            "1",
            "--memo",
            memo,
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = glose(dir.path(), &["memo", "doc", "E03", "Entretien riche."]);
    assert_eq!(out.status.code(), Some(0));
    let out = glose(dir.path(), &["memo", "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let about: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["about"].as_str().unwrap())
        .collect();
    assert_eq!(about.len(), 2, "{about:?}");
    assert_eq!(about[0], "document E03");
    assert!(about[1].starts_with("coding ") && about[1].contains("role.financing on E03"));
    assert_eq!(rows[1]["text"], memo);
    let text = stdout(&glose(dir.path(), &["memo", "list"]));
    assert!(text.contains("Entretien riche.") && text.contains("prévente ou financement ?"));
}

/// `glose memo list` filters by document, code, coder and words, shows a coding memo with
/// the text it codes, and stores a pasted CRLF as LF (#18).
#[test]
fn memo_list_filters_and_quotes_coding_memos() {
    let dir = common::sample_copy(&["E03"]);
    let run = |args: &[&str]| {
        let out = glose(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    run(&[
        "code",
        "add",
        "--doc",
        "E03",
        "--code",
        "role.financing",
        "--quote",
        "Instagram",
        "--occurrence",
        "1",
        "--memo",
        "Financement\r\nou prévente ?",
    ]);
    run(&["memo", "doc", "E03", "Entretien riche."]);
    run(&["memo", "code", "role.sales", "Vente : à revoir."]);
    let rows = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["memo", "list", "--json"];
        all.extend_from_slice(args);
        let out = run(&all);
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(rows(&[]).len(), 3);
    let coding = rows(&["--code", "role"]);
    let kinds: Vec<&str> = coding
        .iter()
        .map(|r| r["target"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["code", "coding"]);
    assert_eq!(coding[1]["target"]["quote"], "Instagram");
    assert_eq!(coding[1]["text"], "Financement\nou prévente ?");
    assert!(coding[1]["about"].as_str().unwrap().contains("«Instagram»"));
    assert_eq!(rows(&["--doc", "E03"]).len(), 2);
    assert_eq!(rows(&["--search", "PREVENTE"]).len(), 1);
    assert_eq!(rows(&["--grep", "prévente"]).len(), 1);
    assert_eq!(rows(&["--coder", "nobody"]).len(), 0);
    let text = stdout(&run(&["memo", "list", "--doc", "E03"]));
    assert!(
        text.contains("«Instagram»") && !text.contains("Vente : à revoir."),
        "{text}"
    );
}

/// Two overlapping codings of one code by one coder are reported by `glose check` with
/// the file, the document and the offsets (#18: exports count them twice).
#[test]
fn check_reports_duplicate_span_codings() {
    let dir = common::sample_copy(&["E03"]);
    for (start, end) in [("10", "60"), ("40", "90")] {
        let out = glose(
            dir.path(),
            &[
                "code",
                "add",
                "--doc",
                "E03",
                "--code",
                "role.sales",
                "--start",
                start,
                "--end",
                end,
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = glose(dir.path(), &["check"]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let line = all
        .lines()
        .find(|l| l.contains("overlap"))
        .unwrap_or_else(|| panic!("no duplicate warning in {all}"));
    assert!(line.contains("codings/"), "{line}");
    assert!(line.contains("role.sales on E03"), "{line}");
    assert!(line.contains("10..60") && line.contains("40..90"), "{line}");
}

#[test]
fn codings_past_the_end_are_reported_and_left_out_of_exports() {
    let dir = common::sample_copy(&["E03"]);
    let out = glose(
        dir.path(),
        &[
            "code",
            "add",
            "--doc",
            "E03",
            "--code",
            "practice.ads",
            "--quote",
            "Instagram",
            "--occurrence",
            "1",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.path().join("codings/test.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines = Vec::new();
    for line in text.lines() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] == "coding" {
            v["start"] = 100_000.into();
            v["end"] = 100_010.into();
        }
        lines.push(serde_json::to_string(&v).unwrap());
    }
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let check = glose(dir.path(), &["check"]);
    assert_ne!(check.status.code(), Some(0));
    assert!(
        stdout(&check).contains("outside the document"),
        "{}",
        stdout(&check)
    );
    let export = glose(dir.path(), &["export", "segments", "--format", "jsonl"]);
    let stderr = String::from_utf8_lossy(&export.stderr);
    assert!(stderr.contains("lies outside the document"), "{stderr}");
    assert!(
        !stdout(&export).contains("practice.ads"),
        "{}",
        stdout(&export)
    );
    // Matrices read no transcript text, yet skip them the same way, with the same warning.
    for args in [
        &["matrix", "--format", "json"][..],
        &[
            "matrix", "--rows", "doc", "--cols", "coder", "--format", "json",
        ],
        &["cooccurrence", "--format", "json"],
    ] {
        let out = glose(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("lies outside the document"),
            "{args:?}: {stderr}"
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if args[0] == "matrix" {
            assert_eq!(json["total"], 0, "{args:?}: {json}");
        } else {
            assert_eq!(json["codes"], serde_json::json!([]), "{json}");
        }
    }
}

#[test]
fn a_semicolon_cases_table_is_read_and_named() {
    let dir = common::sample_study();
    let path = dir.path().join("corpus/cases.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    for r in reader.records() {
        writer.write_record(&r.unwrap()).unwrap();
    }
    std::fs::write(&path, writer.into_inner().unwrap()).unwrap();
    let out = glose(dir.path(), &["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("separated by semicolons"), "{text}");
    assert!(!text.contains("has no row"), "{text}");
}

#[test]
fn commands_refuse_an_unsound_study_naming_the_problem() {
    let refused = |dir: &Path, args: &[&str], needle: &str| {
        let out = glose(dir, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    };
    let add = [
        "code",
        "add",
        "--doc",
        "E03",
        "--code",
        "practice.ads",
        "--start",
        "0",
        "--end",
        "5",
    ];
    // A cycle of parents in the codebook.
    let dir = common::sample_copy(&["E03"]);
    let cb = dir.path().join("codebooks/codebook.json");
    let text = std::fs::read_to_string(&cb).unwrap();
    let text = text.replacen("\"parent\": null", "\"parent\": \"practice.ads\"", 1);
    std::fs::write(&cb, text).unwrap();
    refused(dir.path(), &add, "cycle");
    refused(dir.path(), &["export", "segments"], "cycle");
    // A coder file that cannot be read.
    let dir = common::sample_copy(&["E03"]);
    std::fs::create_dir_all(dir.path().join("codings/bea.jsonl")).unwrap();
    refused(dir.path(), &["export", "segments"], "bea.jsonl");
    // A header that is never closed.
    let dir = common::sample_copy(&["E03"]);
    let e03 = dir.path().join("corpus/E03.txt");
    let text = std::fs::read_to_string(&e03).unwrap();
    let body = text.splitn(3, "---\n").nth(2).unwrap().to_string();
    std::fs::write(&e03, format!("---\nid: E03\n{body}")).unwrap();
    refused(dir.path(), &add, "never closed");
    // A language glose does not support.
    let dir = common::sample_copy(&["E03"]);
    let toml = dir.path().join("glose.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("language = \"fr\"", "language = \"ja\""),
    )
    .unwrap();
    refused(dir.path(), &["export", "segments"], "not supported");
}
