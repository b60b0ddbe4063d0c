//! The repository's sample study (copied to a temp dir so `.glose/` is not written there).

use std::path::PathBuf;

use glose::search::{Index, Order, SearchOptions, parse_query};
use glose::study::Study;

use crate::shared_study::copy_dir;

/// A temporary copy of the sample study (`$GLOSE_SAMPLE_STUDY`, else the repository root).
fn sample() -> (tempfile::TempDir, Study) {
    let root = std::env::var_os("GLOSE_SAMPLE_STUDY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    assert!(
        root.join("corpus/E01.txt").is_file(),
        "sample corpus not found in {}",
        root.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("glose.toml"), tmp.path().join("glose.toml")).unwrap();
    copy_dir(&root.join("corpus"), &tmp.path().join("corpus"));
    copy_dir(&root.join("codebooks"), &tmp.path().join("codebooks"));
    let study = Study::open(tmp.path()).unwrap();
    (tmp, study)
}

#[test]
fn sample_study_phrase_and_stem() {
    let (_tmp, study) = sample();
    let index = Index::open_or_build(&study, |_| {}).unwrap();
    assert_eq!(index.stats().added, study.entries.len());
    let opts = SearchOptions {
        limit: 500,
        order: Order::Document,
    };
    let hits = index
        .search(
            &study,
            &parse_query("\"bouche à oreille\"").unwrap(),
            &opts,
            &[],
        )
        .unwrap();
    assert!(!hits.is_empty());
    for h in &hits {
        let doc = study.load_document(&h.doc).unwrap();
        for m in &h.matches {
            assert_eq!(
                glose::text::fold(doc.slice(m.clone())).replace('-', " "),
                "bouche a oreille"
            );
        }
    }
    let hits = index
        .search(&study, &parse_query("communauté").unwrap(), &opts, &[])
        .unwrap();
    let mut forms: Vec<String> = Vec::new();
    for h in &hits {
        let doc = study.load_document(&h.doc).unwrap();
        forms.extend(
            h.matches
                .iter()
                .map(|m| doc.slice(m.clone()).to_lowercase()),
        );
    }
    forms.sort();
    forms.dedup();
    assert!(forms.contains(&"communauté".to_string()), "{forms:?}");
    assert!(
        forms.iter().all(|f| f.starts_with("communaut")),
        "{forms:?}"
    );
    // Every growth-stage hit belongs to a growth case.
    let growth = index
        .search(
            &study,
            &parse_query("réseaux stage:growth").unwrap(),
            &opts,
            &[],
        )
        .unwrap();
    assert!(!growth.is_empty());
    for h in &growth {
        assert_eq!(study.stage_of(&h.doc).as_deref(), Some("growth"));
    }
}

/// A stage is found by its French or English label and its id, as by its short name, and
/// a code by its label in either language (#18: `stage:croissance` found nothing).
#[test]
fn sample_study_stage_and_code_labels() {
    let (_tmp, study) = sample();
    let index = Index::open_or_build(&study, |_| {}).unwrap();
    let opts = SearchOptions {
        limit: 5000,
        order: Order::Document,
    };
    let codings = vec![crate::common::span("E01", "stage.growth", "alice", 0, 400)];
    let ranges = |q: &str| -> Vec<(String, usize, usize)> {
        index
            .search(&study, &parse_query(q).unwrap(), &opts, &codings)
            .unwrap()
            .into_iter()
            .map(|h| (h.doc, h.range.start, h.range.end))
            .collect()
    };
    let by_short = ranges("réseaux stage:growth");
    assert!(!by_short.is_empty());
    for q in [
        "réseaux stage:croissance",
        "réseaux stage:Croissance",
        "réseaux stage:Growth",
        "réseaux stage:stage.growth",
    ] {
        assert_eq!(ranges(q), by_short, "{q}");
    }
    assert_eq!(
        ranges("stage:\"avant le lancement\""),
        ranges("stage:pre-launch")
    );
    assert!(!ranges("stage:pre-launch").is_empty());
    assert!(!ranges("code:stage.growth").is_empty());
    assert_eq!(ranges("code:croissance"), ranges("code:stage.growth"));
    assert_eq!(ranges("code:Growth"), ranges("code:stage.growth"));
}
