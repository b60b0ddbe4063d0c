//! Terminal escapes from the study's files never reach the terminal: every line the CLI
//! prints, and its JSON, goes through the core's one escaping function.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;
use std::process::{Command, Output};

use crate::common;

const HOSTILE: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\u{202e}\u{1b}]8;;http://x\u{1b}\\";

fn glose(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(args)
        .current_dir(dir)
        .env("GLOSE_CODER", "ana")
        .output()
        .unwrap()
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| glose::text::is_unsafe_control(*c) && *c != '\r')
        .collect();
    assert!(bad.is_empty(), "{what}: raw controls {bad:?} in {text}");
}

#[test]
fn hostile_labels_ids_and_text_are_escaped() {
    let dir = common::sample_copy(&["E03"]);
    let cb_path = dir.path().join("codebooks/codebook.json");
    let mut cb: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cb_path).unwrap()).unwrap();
    cb["codes"][0]["label_fr"] = HOSTILE.into();
    cb["codes"][0]["label_en"] = HOSTILE.into();
    cb["name"] = HOSTILE.into();
    std::fs::write(&cb_path, serde_json::to_string_pretty(&cb).unwrap()).unwrap();
    let toml_path = dir.path().join("glose.toml");
    let toml = std::fs::read_to_string(&toml_path).unwrap();
    let toml = toml.replacen("name = ", "name = \"\\u001b[2J\\u202e\" # ", 1);
    std::fs::write(&toml_path, toml).unwrap();
    std::fs::write(
        dir.path().join("corpus/E\u{1b}[31mX.txt"),
        format!("Fondatrice : Instagram {HOSTILE} et les ventes.\n"),
    )
    .unwrap();
    for args in [
        &["codebook", "show"][..],
        &["check"],
        &["check", "--json"],
        &["search", "instagram"],
        &["search", "instagram", "--json"],
        &["code", "list"],
        &["export", "segments", "--format", "csv"],
        &["export", "segments", "--format", "json"],
    ] {
        let out = glose(dir.path(), args);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let shown = glose(dir.path(), &["codebook", "show"]);
    assert!(
        String::from_utf8_lossy(&shown.stdout).contains("\\u{1b}]52;c;"),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    // JSON stays valid and keeps the value.
    let out = glose(dir.path(), &["search", "instagram", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["text"].as_str())
        .collect();
    assert!(texts.iter().any(|t| t.contains('\u{202e}')), "{texts:?}");
}
