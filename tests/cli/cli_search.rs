//! Search on the command line with the coding store: `code:` sees a coding saved a moment
//! ago, and auto-coding codes every hit once.
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

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn code_filter_sees_a_coding_saved_a_moment_ago() {
    let dir = common::sample_copy(&["E03", "E07"]);
    let query = ["search", "code:practice.influence coder:ana", "--json"];
    assert_eq!(
        json(&glose(dir.path(), &query))["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let added = json(&glose(
        dir.path(),
        &[
            "code",
            "add",
            "--doc",
            "E07",
            "--code",
            "practice.influence.influencers",
            "--quote",
            "Les influenceurs, c’est plus mitigé.",
            "--json",
        ],
    ));
    let hits = json(&glose(dir.path(), &query));
    let hits = hits["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    // Every hit overlaps the coding (a descendant of practice.influence), in E07.
    let (start, end) = (
        added["start"].as_u64().unwrap(),
        added["end"].as_u64().unwrap(),
    );
    for h in hits {
        assert_eq!(h["doc"], "E07");
        assert!(
            h["range"]["start"].as_u64().unwrap() < end
                && start < h["range"]["end"].as_u64().unwrap()
        );
    }
    // Another coder's filter does not see ana's coding.
    let other = json(&glose(
        dir.path(),
        &["search", "code:practice.influence coder:ben", "--json"],
    ));
    assert_eq!(other["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn auto_coding_codes_every_hit_once() {
    let dir = common::sample_copy(&["E03", "E07"]);
    let args = [
        "code",
        "add",
        "--from-search",
        "influenceu*",
        "--code",
        "practice.influence.influencers",
        "--unit",
        "sentence",
        "--json",
    ];
    let hits = json(&glose(
        dir.path(),
        &["search", "influenceu*", "--limit", "500", "--json"],
    ));
    let hit_count = hits["hits"].as_array().unwrap().len();
    assert!(hit_count > 0);

    let dry = json(&glose(dir.path(), &[&args[..], &["--dry-run"]].concat()));
    let would = dry["added"].as_array().unwrap().len();
    assert!(would > 0);
    assert!(
        !dir.path().join("codings/ana.jsonl").exists(),
        "a dry run writes nothing"
    );

    let first = json(&glose(dir.path(), &args));
    let added = first["added"].as_array().unwrap();
    assert_eq!(added.len(), would);
    for c in added {
        // Each coded sentence holds a word starting with "influenceu".
        let quote = c["anchor"]["quote"].as_str().unwrap().to_lowercase();
        assert!(quote.contains("influenceu"), "{quote}");
    }
    let again = json(&glose(dir.path(), &args));
    assert_eq!(again["added"].as_array().unwrap().len(), 0);
    assert_eq!(again["skipped"].as_u64().unwrap() as usize, would);
}

#[test]
fn a_deeply_nested_query_is_a_query_error_not_an_abort() {
    let dir = common::sample_copy(&["E03"]);
    for query in [
        format!("{}instagram", "-".repeat(1000)),
        format!("{}instagram", "NOT ".repeat(900)),
        format!("{}a{}", "(".repeat(7000), ")".repeat(7000)),
    ] {
        let out = glose(dir.path(), &["search", "--", &query]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("too deeply") || stderr.contains("too long"),
            "{stderr}"
        );
    }
    // At the limit, the query compiles and runs (tantivy's nested queries included).
    for query in [
        format!("{}instagram{}", "(".repeat(64), ")".repeat(64)),
        format!("{}instagram", "NOT ".repeat(64)),
        format!("{}instagram", "-".repeat(64)),
        format!(
            "\"a b c d e f g h\"~1000 {}",
            "instagram OR ".repeat(300) + "ventes"
        ),
    ] {
        let out = glose(dir.path(), &["search", "--", &query]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
    }
}
