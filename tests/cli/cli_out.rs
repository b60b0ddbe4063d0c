//! `--out` never writes an export over the study's own files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;
use std::process::{Command, Output};

use crate::common;

fn glose(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(args)
        .current_dir(dir)
        .env("GLOSE_CODER", "ana")
        .output()
        .unwrap()
}

#[test]
fn no_command_writes_over_a_study_file() {
    let dir = common::sample_study();
    common::copy_dir(&common::repo().join("codings"), &dir.path().join("codings"));
    let cases: &[(&[&str], &str)] = &[
        (
            &["export", "segments", "--format", "csv"],
            "codings/coder-a.jsonl",
        ),
        (&["export", "segments", "--format", "csv"], "glose.toml"),
        (
            &["export", "segments", "--format", "csv"],
            "corpus/cases.csv",
        ),
        (&["report"], "corpus/E01.txt"),
        (&["export", "qdc"], "codebooks/codebook.json"),
        (&["export", "qdpx"], "corpus/pseudonyms.csv"),
        (&["matrix", "--format", "csv"], "codebooks/codebook.csv"),
        (&["cooccurrence", "--format", "csv"], "corpus/E02.txt"),
    ];
    for (args, target) in cases {
        let path = dir.path().join(target);
        let before = std::fs::read(&path).unwrap();
        let mut all = args.to_vec();
        all.extend(["--out", target]);
        let out = glose(dir.path(), &all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {stderr}");
        assert!(stderr.contains("refusing to write"), "{all:?}: {stderr}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{target} changed");
    }
    // Elsewhere, --out works.
    let out = glose(
        dir.path(),
        &[
            "export",
            "segments",
            "--format",
            "csv",
            "--out",
            "segments.csv",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("segments.csv").exists());
}
